//! Fuzz body for proxy settings: WinINet's proxy and bypass lists (a
//! caller's strings, from `InternetOpen` and `INTERNET_OPTION_PROXY`) and
//! the environment's `http_proxy` / `no_proxy` values (the user's). The
//! input is split at NUL bytes into a proxy text, a bypass / no_proxy text
//! and a host to route.
//!
//! Whatever the bytes: no panic; a route names a proxy with a host and a
//! port other than 0; the lists read back (`list_text`, `bypass_text`,
//! what INTERNET_OPTION_PROXY reports) parse again.

use openinet::proxy::{from_env, parse_list, Bypass, NoProxy, ProxyConfig, Route};

pub fn proxy(data: &[u8]) {
    let mut parts = data.splitn(3, |&b| b == 0);
    let proxies = String::from_utf8_lossy(parts.next().unwrap_or_default());
    let bypass = String::from_utf8_lossy(parts.next().unwrap_or_default());
    let host = String::from_utf8_lossy(parts.next().unwrap_or(b"example.com"));
    let port = data.first().map_or(80, |&b| u16::from(b) * 257);

    let _ = parse_list(&proxies);
    let _ = Bypass::parse(&bypass).matches(&host, port);
    let _ = NoProxy::parse(&bypass).matches(&host);

    if let Ok(config) = ProxyConfig::from_wininet(&proxies, Some(&bypass)) {
        check_routes(&config, &host, port);
        let again = ProxyConfig::from_wininet(&config.list_text(), config.bypass_text().as_deref());
        assert!(
            again.is_ok(),
            "a list we report does not parse: {:?}",
            config.list_text()
        );
    }
    let env = |name: &str| match name {
        "http_proxy" | "all_proxy" => Some(proxies.to_string()),
        "no_proxy" => Some(bypass.to_string()),
        _ => None,
    };
    if let Ok(Some(config)) = from_env(env) {
        check_routes(&config, &host, port);
    }
}

fn check_routes(config: &ProxyConfig, host: &str, port: u16) {
    for secure in [false, true] {
        if let Route::Via(server) = config.route(secure, host, port) {
            assert!(!server.host.is_empty(), "a proxy without a host");
            assert!(server.port != 0, "a proxy on port 0");
        }
    }
}
