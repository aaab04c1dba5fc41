//! Sessions and connections: the first two levels of WinINet's handle tree.
//!
//! Neither touches the network: connecting is lazy, at a request's first
//! send, so `Session::connect` never fails for an unreachable host.

use crate::request::Request;
use std::sync::Arc;
use std::time::Duration;

/// The timeouts a handle carries and passes to the handles made from it.
/// `None` means wait forever (WinINet's 0 or `0xFFFFFFFF`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    pub connect: Option<Duration>,
    pub send: Option<Duration>,
    pub receive: Option<Duration>,
}

impl Default for Timeouts {
    /// WinINet's defaults: 60 s to connect, 30 s to send or receive.
    fn default() -> Self {
        Timeouts {
            connect: Some(Duration::from_secs(60)),
            send: Some(Duration::from_secs(30)),
            receive: Some(Duration::from_secs(30)),
        }
    }
}

impl Timeouts {
    /// Converts a WinINet timeout option value (milliseconds; 0 and
    /// `0xFFFFFFFF` mean infinite) to ours.
    pub fn from_millis(ms: u32) -> Option<Duration> {
        match ms {
            0 | u32::MAX => None,
            n => Some(Duration::from_millis(n.into())),
        }
    }

    /// The option value WinINet reports for a timeout.
    pub fn to_millis(d: Option<Duration>) -> u32 {
        d.map_or(u32::MAX, |d| d.as_millis().min(u32::MAX as u128 - 1) as u32)
    }
}

/// What `InternetOpen` sets up: the user agent and the defaults that
/// connections and requests inherit.
#[derive(Debug, Clone)]
pub struct SessionConfig {
    pub user_agent: String,
    pub timeouts: Timeouts,
}

impl Default for SessionConfig {
    fn default() -> Self {
        SessionConfig {
            user_agent: String::from("OpenINet"),
            timeouts: Timeouts::default(),
        }
    }
}

/// An Internet session (`InternetOpen`). Cheap to clone; clones share it.
#[derive(Debug, Clone)]
pub struct Session {
    config: Arc<SessionConfig>,
    /// The proxy settings its requests follow (`None`: direct).
    proxy: Option<Arc<crate::proxy::ProxyConfig>>,
}

impl Session {
    pub fn new(config: SessionConfig) -> Session {
        Session {
            config: Arc::new(config),
            proxy: None,
        }
    }

    /// The session with these proxy settings (`INTERNET_OPEN_TYPE_PROXY`
    /// or `PRECONFIG`); `None` connects directly.
    pub fn with_proxy(mut self, proxy: Option<Arc<crate::proxy::ProxyConfig>>) -> Session {
        self.proxy = proxy;
        self
    }

    pub fn config(&self) -> &SessionConfig {
        &self.config
    }

    /// A connection to `host:port` (`InternetConnect`): only remembered here.
    pub fn connect(&self, host: &str, port: u16) -> Connection {
        Connection {
            host: host.to_string(),
            port,
            user_agent: self.config.user_agent.clone(),
            timeouts: self.config.timeouts,
            username: None,
            password: None,
            proxy_username: None,
            proxy_password: None,
            proxy: self.proxy.clone(),
        }
    }

    /// Opens `url` (an `http://` URL) with a GET and sends it, as
    /// `InternetOpenUrl` does. Returns the request with its response head
    /// received and its body ready to read.
    pub async fn open_url(
        &self,
        url: &str,
        headers: Option<&str>,
        flags: u32,
    ) -> Result<Request, crate::Error> {
        let mut request = self.open_url_request(url, flags)?;
        request.send(headers, Vec::new()).await?;
        Ok(request)
    }

    /// The request `open_url` would send, not sent yet, so the caller can
    /// attach a status sink first.
    pub fn open_url_request(&self, url: &str, flags: u32) -> Result<Request, crate::Error> {
        let target = crate::http::target::HttpTarget::parse(url)?;
        self.target_request(&target, flags)
    }

    /// The GET request for an already split URL (see `open_url_request`).
    pub fn target_request(
        &self,
        target: &crate::http::target::HttpTarget,
        flags: u32,
    ) -> Result<Request, crate::Error> {
        let mut conn = self.connect(&target.host, target.port);
        conn.username = target.username.clone();
        conn.password = target.password.clone();
        // InternetOpenUrl accepts anything, as WinINet says with
        // `Accept: */*` (what Wine 8 sends for it too).
        conn.open_request(
            "GET",
            &target.path,
            None,
            None,
            &["*/*".to_string()],
            flags | target.secure_flag(),
        )
    }
}

/// A connection handle (`InternetConnect` with `INTERNET_SERVICE_HTTP`):
/// the server that requests made from it go to.
#[derive(Debug, Clone)]
pub struct Connection {
    pub host: String,
    pub port: u16,
    pub user_agent: String,
    pub timeouts: Timeouts,
    pub username: Option<String>,
    pub password: Option<String>,
    /// INTERNET_OPTION_PROXY_USERNAME / PROXY_PASSWORD set on the handle.
    pub proxy_username: Option<String>,
    pub proxy_password: Option<String>,
    /// The proxy settings its requests follow (`None`: direct).
    pub proxy: Option<Arc<crate::proxy::ProxyConfig>>,
}

impl Connection {
    /// A request on this connection (`HttpOpenRequest`); nothing is sent yet.
    ///
    /// `verb` defaults to GET, `object` to "/", `version` to HTTP/1.1.
    pub fn open_request(
        &self,
        verb: &str,
        object: &str,
        version: Option<&str>,
        referrer: Option<&str>,
        accept_types: &[String],
        flags: u32,
    ) -> Result<Request, crate::Error> {
        Request::new(self, verb, object, version, referrer, accept_types, flags)
    }
}
