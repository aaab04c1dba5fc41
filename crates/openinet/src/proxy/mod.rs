//! Proxies: which proxy, if any, a request goes through.
//!
//! Two sources give a [`ProxyConfig`]: WinINet's own settings (a proxy
//! list such as `http=p:8080 https=p:8443` and a bypass list, from
//! `InternetOpen` or `INTERNET_OPTION_PROXY`), and on Linux and macOS the
//! environment that `INTERNET_OPEN_TYPE_PRECONFIG` reads (`http_proxy`,
//! `https_proxy`, `all_proxy`, `no_proxy`, as curl reads them). Either
//! way [`ProxyConfig::route`] answers, for one request, the proxy to use.
//!
//! Only HTTP proxies carry requests: plain http goes to the proxy with an
//! absolute-form request line, https through a `CONNECT` tunnel
//! (the `tunnel` module). A `socks=` entry is accepted in a list, as WinINet
//! accepts it, but a request that only a SOCKS proxy could carry fails
//! with `ERROR_CALL_NOT_IMPLEMENTED` rather than going direct.

mod bypass;
mod env;
mod list;
pub(crate) mod tunnel;

pub use bypass::Bypass;
pub use env::{from_env, NoProxy};
pub use list::{parse_list, ProxyEntry, ProxyKind};

use crate::Error;

/// A proxy a request goes through.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ProxyServer {
    pub host: String,
    pub port: u16,
    /// Credentials the proxy's own URL carried (`http://user:pw@p:3128`
    /// in `http_proxy`): answers to its 407.
    pub username: Option<String>,
    pub password: Option<String>,
}

/// Which targets skip the proxy.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Skip {
    /// WinINet's bypass list.
    WinInet(Bypass),
    /// `no_proxy`, curl's way.
    Env(NoProxy),
}

/// A parsed proxy configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProxyConfig {
    entries: Vec<ProxyEntry>,
    skip: Skip,
}

/// What [`ProxyConfig::route`] decides for one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Direct,
    Via(ProxyServer),
    /// Only a SOCKS proxy applies, which OpenINet does not speak.
    SocksOnly,
}

impl ProxyConfig {
    /// WinINet's settings: a proxy list and a bypass list (`None` or empty
    /// for none). A list without a single usable entry is a bad parameter,
    /// as InternetOpen says of `INTERNET_OPEN_TYPE_PROXY` without a proxy.
    pub fn from_wininet(proxies: &str, bypass: Option<&str>) -> Result<ProxyConfig, Error> {
        let entries = parse_list(proxies)?;
        Ok(ProxyConfig {
            entries,
            skip: Skip::WinInet(Bypass::parse(bypass.unwrap_or(""))),
        })
    }

    /// The environment's settings, read through `get` (see [`from_env`]).
    pub(crate) fn from_parts_env(entries: Vec<ProxyEntry>, no_proxy: NoProxy) -> ProxyConfig {
        ProxyConfig {
            entries,
            skip: Skip::Env(no_proxy),
        }
    }

    /// The proxy list as WinINet's syntax writes it
    /// (`http=host:port https=host:port`), what INTERNET_OPTION_PROXY
    /// reports of an environment configuration.
    pub fn list_text(&self) -> String {
        self.entries
            .iter()
            .map(ProxyEntry::to_string)
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The bypass list's text (WinINet's list, or `no_proxy`).
    pub fn bypass_text(&self) -> Option<String> {
        match &self.skip {
            Skip::WinInet(_) => None,
            Skip::Env(n) => Some(n.text.clone()).filter(|t| !t.is_empty()),
        }
    }

    /// Where a request to `host:port` (https when `secure`) goes.
    pub fn route(&self, secure: bool, host: &str, port: u16) -> Route {
        let skipped = match &self.skip {
            Skip::WinInet(b) => b.matches(host, port),
            Skip::Env(n) => n.matches(host),
        };
        if skipped {
            return Route::Direct;
        }
        let scheme = if secure { "https" } else { "http" };
        let pick = |kind: ProxyKind| {
            self.entries
                .iter()
                .find(|e| e.kind == kind && e.scheme.as_deref() == Some(scheme))
                .or_else(|| {
                    self.entries
                        .iter()
                        .find(|e| e.kind == kind && e.scheme.is_none())
                })
        };
        if let Some(e) = pick(ProxyKind::Http) {
            return Route::Via(e.server.clone());
        }
        if self.entries.iter().any(|e| e.kind == ProxyKind::Socks) {
            return Route::SocksOnly;
        }
        Route::Direct
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn via(r: Route) -> String {
        match r {
            Route::Via(s) => format!("{}:{}", s.host, s.port),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn per_scheme_entries_win_over_the_general_one() {
        let c = ProxyConfig::from_wininet("p:1 https=s:2", Some("<-loopback>")).unwrap();
        assert_eq!(via(c.route(false, "a.example", 80)), "p:1");
        assert_eq!(via(c.route(true, "a.example", 443)), "s:2");
        let c = ProxyConfig::from_wininet("http=h:3", None).unwrap();
        assert_eq!(via(c.route(false, "a.example", 80)), "h:3");
        assert_eq!(c.route(true, "a.example", 443), Route::Direct);
    }

    #[test]
    fn socks_alone_is_not_a_silent_direct_connection() {
        let c = ProxyConfig::from_wininet("socks=s:1080", None).unwrap();
        assert_eq!(c.route(false, "a.example", 80), Route::SocksOnly);
        let c = ProxyConfig::from_wininet("socks=s:1080 http=h:8080", None).unwrap();
        assert_eq!(via(c.route(false, "a.example", 80)), "h:8080");
    }

    #[test]
    fn loopback_goes_direct_unless_the_list_says_otherwise() {
        let c = ProxyConfig::from_wininet("p:1", None).unwrap();
        assert_eq!(c.route(false, "127.0.0.1", 80), Route::Direct);
        assert_eq!(c.route(false, "localhost", 80), Route::Direct);
        let c = ProxyConfig::from_wininet("p:1", Some("<-loopback>")).unwrap();
        assert_eq!(via(c.route(false, "127.0.0.1", 80)), "p:1");
    }

    #[test]
    fn list_text_is_wininet_syntax() {
        let c = ProxyConfig::from_wininet("http=h:3;https=s:4", None).unwrap();
        assert_eq!(c.list_text(), "http=h:3 https=s:4");
    }
}
