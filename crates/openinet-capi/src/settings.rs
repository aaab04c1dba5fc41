//! Process-wide option values: what `InternetSetOption(NULL, ...)` sets
//! and `InternetQueryOption(NULL, ...)` reports, and the defaults a new
//! session starts from.
//!
//! WinINet copies option values down the handle tree when a handle is
//! made: a session starts from the process-wide values, a connection from
//! its session's, a request from its connection's; changing a parent later
//! leaves its children as they are (Wine's internet.c checks both, on
//! Windows). `handles::insert` does that copy.

use crate::handles::{lock, Extra};
use openinet::consts::*;
use std::sync::Mutex;

/// The per-connection settings of `INTERNET_OPTION_PER_CONNECTION_OPTION`
/// (and what `INTERNET_OPTION_PROXY` reports): the proxy configuration a
/// session was opened with, or the process-wide one. OpenINet keeps and
/// reports them; connecting through a proxy is not implemented yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PerConn {
    /// `PROXY_TYPE_*` bits.
    pub flags: u32,
    pub proxy_server: Option<String>,
    pub proxy_bypass: Option<String>,
    pub autoconfig_url: Option<String>,
    pub autodiscovery_flags: u32,
    pub autoconfig_secondary_url: Option<String>,
    pub autoconfig_reload_delay_mins: u32,
    /// A FILETIME, as two DWORDs in one.
    pub autoconfig_last_detect_time: u64,
    pub autoconfig_last_detect_url: Option<String>,
    pub flags_ui: u32,
    /// The environment's configuration, when `INTERNET_OPEN_TYPE_PRECONFIG`
    /// found one: its `no_proxy` rules are curl's, not a WinINet bypass
    /// list, so requests follow it rather than the strings above (which
    /// report it). Setting the proxy options replaces it.
    pub env: Option<std::sync::Arc<openinet::proxy::ProxyConfig>>,
}

impl Default for PerConn {
    /// No proxy: what a machine without proxy settings reports.
    fn default() -> Self {
        PerConn {
            flags: PROXY_TYPE_DIRECT,
            proxy_server: None,
            proxy_bypass: None,
            autoconfig_url: None,
            autodiscovery_flags: 0,
            autoconfig_secondary_url: None,
            autoconfig_reload_delay_mins: 0,
            autoconfig_last_detect_time: 0,
            autoconfig_last_detect_url: None,
            flags_ui: PROXY_TYPE_DIRECT,
            env: None,
        }
    }
}

impl PerConn {
    /// The settings InternetOpen's access type gives a session: its own
    /// proxy for `INTERNET_OPEN_TYPE_PROXY`, none for `DIRECT`, the
    /// process-wide ones for the `PRECONFIG` types.
    pub fn for_access_type(
        access_type: u32,
        proxy: Option<String>,
        bypass: Option<String>,
    ) -> PerConn {
        match access_type {
            INTERNET_OPEN_TYPE_PROXY => PerConn {
                flags: PROXY_TYPE_PROXY,
                proxy_server: proxy.filter(|p| !p.is_empty()),
                proxy_bypass: bypass.filter(|b| !b.is_empty()),
                ..PerConn::default()
            },
            INTERNET_OPEN_TYPE_DIRECT => PerConn::default(),
            _ => global().extra.per_conn.clone(),
        }
    }

    /// The settings `INTERNET_OPEN_TYPE_PRECONFIG` gives on Linux and
    /// macOS: the environment's proxy variables when any is set (a bad one
    /// fails InternetOpen), else the process-wide settings.
    pub fn preconfigured() -> Result<PerConn, openinet::Error> {
        let Some(cfg) = openinet::proxy::from_env(|k| std::env::var(k).ok())? else {
            return Ok(global().extra.per_conn.clone());
        };
        Ok(PerConn {
            flags: PROXY_TYPE_PROXY,
            proxy_server: Some(cfg.list_text()),
            proxy_bypass: cfg.bypass_text(),
            env: Some(std::sync::Arc::new(cfg)),
            ..PerConn::default()
        })
    }

    /// What the engine routes requests by: `None` for a direct connection.
    /// A list that does not parse (possible only through
    /// INTERNET_OPTION_PER_CONNECTION_OPTION, which stores strings as
    /// given) is no proxy.
    pub fn engine_proxy(&self) -> Option<std::sync::Arc<openinet::proxy::ProxyConfig>> {
        if let Some(env) = &self.env {
            return Some(env.clone());
        }
        if self.flags & PROXY_TYPE_PROXY == 0 {
            return None;
        }
        let server = self.proxy_server.as_deref()?;
        openinet::proxy::ProxyConfig::from_wininet(server, self.proxy_bypass.as_deref())
            .ok()
            .map(std::sync::Arc::new)
    }

    /// `INTERNET_OPEN_TYPE_*` as `INTERNET_PROXY_INFO` reports it.
    pub fn access_type(&self) -> u32 {
        if self.flags & PROXY_TYPE_PROXY != 0 && self.flags & PROXY_TYPE_DIRECT == 0 {
            INTERNET_OPEN_TYPE_PROXY
        } else {
            INTERNET_OPEN_TYPE_DIRECT
        }
    }

    /// Stores `PER_CONN_FLAGS`. A proxy together with a direct connection
    /// is read back as direct on Windows (a check of Wine's internet.c
    /// that Wine itself marks todo_wine).
    pub fn set_flags(&mut self, flags: u32) {
        self.flags = if flags & PROXY_TYPE_DIRECT != 0 {
            flags & !PROXY_TYPE_PROXY
        } else {
            flags
        };
    }
}

/// The process-wide values.
#[derive(Debug, Clone)]
pub struct Globals {
    /// Timeouts and proxy settings new sessions start from.
    pub extra: Extra,
    /// `INTERNET_OPTION_MAX_CONNS_PER_SERVER`: 2 by default, WinINet's
    /// (KB 183110; RFC 2616's limit). Enforced by the engine, which
    /// `InternetSetOption` keeps in step (openinet's `http::conn_limit`).
    pub max_conns_per_server: u32,
    /// `INTERNET_OPTION_MAX_CONNS_PER_1_0_SERVER`: 4 by default (KB 183110).
    pub max_conns_per_1_0_server: u32,
}

static GLOBALS: Mutex<Option<Globals>> = Mutex::new(None);

/// A copy of the process-wide values.
pub fn global() -> Globals {
    let mut g = lock(&GLOBALS);
    g.get_or_insert_with(initial).clone()
}

/// Changes the process-wide values.
pub fn update_global<T>(f: impl FnOnce(&mut Globals) -> T) -> T {
    let mut g = lock(&GLOBALS);
    f(g.get_or_insert_with(initial))
}

fn initial() -> Globals {
    Globals {
        extra: Extra::default(),
        max_conns_per_server: openinet::http::conn_limit::DEFAULT_PER_SERVER,
        max_conns_per_1_0_server: openinet::http::conn_limit::DEFAULT_PER_1_0_SERVER,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proxy_with_direct_reads_back_as_direct() {
        let mut p = PerConn::default();
        p.set_flags(PROXY_TYPE_PROXY);
        assert_eq!(p.flags, PROXY_TYPE_PROXY);
        assert_eq!(p.access_type(), INTERNET_OPEN_TYPE_PROXY);
        p.set_flags(PROXY_TYPE_PROXY | PROXY_TYPE_DIRECT);
        assert_eq!(p.flags, PROXY_TYPE_DIRECT);
        p.set_flags(PROXY_TYPE_DIRECT | PROXY_TYPE_AUTO_DETECT);
        assert_eq!(p.flags, PROXY_TYPE_DIRECT | PROXY_TYPE_AUTO_DETECT);
    }

    #[test]
    fn access_types_give_their_settings() {
        let p = PerConn::for_access_type(
            INTERNET_OPEN_TYPE_PROXY,
            Some("proxy:8080".into()),
            Some("<local>".into()),
        );
        assert_eq!(p.flags, PROXY_TYPE_PROXY);
        assert_eq!(p.proxy_server.as_deref(), Some("proxy:8080"));
        assert_eq!(p.proxy_bypass.as_deref(), Some("<local>"));
        let d = PerConn::for_access_type(INTERNET_OPEN_TYPE_DIRECT, Some("x".into()), None);
        assert_eq!(d, PerConn::default());
    }
}
