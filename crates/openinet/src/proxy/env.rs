//! `INTERNET_OPEN_TYPE_PRECONFIG` on Linux and macOS: the proxy variables
//! users already set, read with curl's precedence.
//!
//! - http requests: `http_proxy` (lower case only: the upper-case form is
//!   what a CGI's `Proxy:` request header becomes, "httpoxy"), then
//!   `all_proxy`, `ALL_PROXY`;
//! - https requests: `https_proxy`, `HTTPS_PROXY`, then `all_proxy`,
//!   `ALL_PROXY`;
//! - `no_proxy`, then `NO_PROXY`: comma- or space-separated host names
//!   (each matching itself and its subdomains, a leading `.` or `*.`
//!   optional), IP addresses, CIDR blocks, or `*` for everything.
//!
//! Empty variables count as unset. A value is `[http://][user:pw@]host[:port][/]`
//! (port 1080 when absent, as curl); a value that does not parse, or asks
//! for a proxy protocol OpenINet does not speak (`https://`, `socks5://`),
//! fails InternetOpen rather than going direct silently.

use super::list::{host_port, ProxyEntry, ProxyKind};
use super::{ProxyConfig, ProxyServer};
use crate::Error;
use std::net::IpAddr;

/// curl's default proxy port.
const DEFAULT_PORT: u16 = 1080;

/// Reads the configuration through `get` (`std::env::var` in use, a map in
/// tests). `Ok(None)`: no proxy variable is set.
pub fn from_env(get: impl Fn(&str) -> Option<String>) -> Result<Option<ProxyConfig>, Error> {
    let var = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| get(n).filter(|v| !v.trim().is_empty()))
    };
    let all = var(&["all_proxy", "ALL_PROXY"]);
    let http = var(&["http_proxy"]).or_else(|| all.clone());
    let https = var(&["https_proxy", "HTTPS_PROXY"]).or(all);
    let mut entries = Vec::new();
    for (scheme, value) in [("http", http), ("https", https)] {
        if let Some(v) = value {
            entries.push(ProxyEntry {
                scheme: Some(scheme.to_string()),
                kind: ProxyKind::Http,
                server: parse_proxy_url(&v)?,
            });
        }
    }
    if entries.is_empty() {
        return Ok(None);
    }
    let no_proxy = NoProxy::parse(&var(&["no_proxy", "NO_PROXY"]).unwrap_or_default());
    Ok(Some(ProxyConfig::from_parts_env(entries, no_proxy)))
}

/// `[http://][user:pw@]host[:port][/]`.
fn parse_proxy_url(value: &str) -> Result<ProxyServer, Error> {
    let value = value.trim();
    let rest = match value.split_once("://") {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("http") => rest,
        Some(_) => return Err(Error::UnrecognizedScheme),
        None => value,
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let (userinfo, hostport) = match authority.rsplit_once('@') {
        Some((u, h)) => (Some(u), h),
        None => (None, authority),
    };
    let (host, port) = host_port(hostport, DEFAULT_PORT).map_err(|_| Error::InvalidUrl)?;
    let (username, password) = match userinfo {
        None => (None, None),
        Some(u) => {
            let (name, pw) = u.split_once(':').unwrap_or((u, ""));
            (Some(percent_decode(name)?), Some(percent_decode(pw)?))
        }
    };
    Ok(ProxyServer {
        host,
        port,
        username,
        password,
    })
}

fn percent_decode(s: &str) -> Result<String, Error> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3).ok_or(Error::InvalidUrl)?;
            out.push(u8::from_str_radix(hex, 16).map_err(|_| Error::InvalidUrl)?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| Error::InvalidUrl)
}

/// One `no_proxy` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Entry {
    Domain(String),
    Net(IpAddr, u8),
}

/// A parsed `no_proxy`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NoProxy {
    /// The variable's text, as INTERNET_OPTION_PROXY reports it.
    pub text: String,
    everything: bool,
    entries: Vec<Entry>,
}

impl NoProxy {
    pub fn parse(text: &str) -> NoProxy {
        let mut n = NoProxy {
            text: text.to_string(),
            ..NoProxy::default()
        };
        for item in text
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
        {
            if item == "*" {
                n.everything = true;
                continue;
            }
            if let Some((ip, bits)) = item.split_once('/') {
                if let (Ok(ip), Ok(bits)) = (ip.parse::<IpAddr>(), bits.parse::<u8>()) {
                    let max = if ip.is_ipv4() { 32 } else { 128 };
                    if bits <= max {
                        n.entries.push(Entry::Net(ip, bits));
                    }
                }
                continue;
            }
            let bare = item.trim_start_matches('[');
            let bare = bare.split(']').next().unwrap_or(bare);
            if let Ok(ip) = bare.parse::<IpAddr>() {
                let bits = if ip.is_ipv4() { 32 } else { 128 };
                n.entries.push(Entry::Net(ip, bits));
                continue;
            }
            // A port is ignored: the entry names the host.
            let host = item.split(':').next().unwrap_or(item);
            let host = host.trim_start_matches("*.").trim_start_matches('.');
            if !host.is_empty() {
                n.entries.push(Entry::Domain(host.to_ascii_lowercase()));
            }
        }
        n
    }

    /// Whether `host` skips the proxy.
    pub fn matches(&self, host: &str) -> bool {
        if self.everything {
            return true;
        }
        let host = host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .trim_end_matches('.')
            .to_ascii_lowercase();
        let ip = host.parse::<IpAddr>().ok();
        self.entries.iter().any(|e| match (e, ip) {
            (Entry::Net(net, bits), Some(ip)) => in_net(ip, *net, *bits),
            (Entry::Domain(d), None) => {
                host == *d
                    || (host.len() > d.len()
                        && host.ends_with(d.as_str())
                        && host.as_bytes()[host.len() - d.len() - 1] == b'.')
            }
            _ => false,
        })
    }
}

fn in_net(ip: IpAddr, net: IpAddr, bits: u8) -> bool {
    match (ip, net) {
        (IpAddr::V4(a), IpAddr::V4(n)) => {
            let mask = if bits == 0 {
                0
            } else {
                u32::MAX << (32 - bits)
            };
            u32::from(a) & mask == u32::from(n) & mask
        }
        (IpAddr::V6(a), IpAddr::V6(n)) => {
            let mask = if bits == 0 {
                0
            } else {
                u128::MAX << (128 - bits)
            };
            u128::from(a) & mask == u128::from(n) & mask
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::Route;
    use super::*;
    use std::collections::HashMap;

    fn env(vars: &[(&str, &str)]) -> Result<Option<ProxyConfig>, Error> {
        let m: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        from_env(|k| m.get(k).cloned())
    }

    fn via(c: &ProxyConfig, secure: bool, host: &str) -> String {
        match c.route(secure, host, 80) {
            Route::Via(s) => format!("{}:{}", s.host, s.port),
            r => format!("{r:?}"),
        }
    }

    #[test]
    fn curl_precedence() {
        assert_eq!(env(&[]), Ok(None));
        assert_eq!(env(&[("http_proxy", "")]), Ok(None));
        // HTTP_PROXY in upper case is not read (httpoxy).
        assert_eq!(env(&[("HTTP_PROXY", "u:1")]), Ok(None));
        let c = env(&[
            ("http_proxy", "h:1"),
            ("HTTPS_PROXY", "s:2"),
            ("all_proxy", "a:3"),
        ])
        .unwrap()
        .unwrap();
        assert_eq!(via(&c, false, "x.example"), "h:1");
        assert_eq!(via(&c, true, "x.example"), "s:2");
        let c = env(&[
            ("https_proxy", "l:4"),
            ("HTTPS_PROXY", "s:2"),
            ("ALL_PROXY", "a:3"),
        ])
        .unwrap()
        .unwrap();
        assert_eq!(via(&c, false, "x.example"), "a:3");
        assert_eq!(via(&c, true, "x.example"), "l:4");
        let c = env(&[("all_proxy", "http://a")]).unwrap().unwrap();
        assert_eq!(via(&c, true, "x.example"), "a:1080");
        // No implicit loopback bypass: curl has none.
        assert_eq!(via(&c, false, "127.0.0.1"), "a:1080");
    }

    #[test]
    fn credentials_in_the_proxy_url() {
        let c = env(&[("http_proxy", "http://us%40er:p%3Aw@p:3128/")])
            .unwrap()
            .unwrap();
        let Route::Via(s) = c.route(false, "x", 80) else {
            panic!()
        };
        assert_eq!(s.username.as_deref(), Some("us@er"));
        assert_eq!(s.password.as_deref(), Some("p:w"));
    }

    #[test]
    fn bad_values_are_errors_not_direct() {
        assert_eq!(
            env(&[("http_proxy", "socks5://p:1")]),
            Err(Error::UnrecognizedScheme)
        );
        assert_eq!(
            env(&[("https_proxy", "https://p:1")]),
            Err(Error::UnrecognizedScheme)
        );
        assert_eq!(env(&[("http_proxy", "p:99999")]), Err(Error::InvalidUrl));
        assert_eq!(
            env(&[("all_proxy", "http://:8080")]),
            Err(Error::InvalidUrl)
        );
        assert_eq!(
            env(&[("http_proxy", "p:1"), ("all_proxy", "bad host")]),
            Err(Error::InvalidUrl)
        );
    }

    #[test]
    fn no_proxy_forms() {
        let n = NoProxy::parse(
            "example.com, .dot.test,*.star.test 10.0.0.0/8,192.168.1.7,[::1],fd00::/8",
        );
        assert!(n.matches("example.com"));
        assert!(n.matches("www.example.com"));
        assert!(!n.matches("badexample.com"));
        assert!(n.matches("a.dot.test"));
        assert!(n.matches("dot.test"));
        assert!(n.matches("a.star.test"));
        assert!(n.matches("10.200.1.1"));
        assert!(!n.matches("11.0.0.1"));
        assert!(n.matches("192.168.1.7"));
        assert!(!n.matches("192.168.1.8"));
        assert!(n.matches("[::1]"));
        assert!(n.matches("fd12::5"));
        assert!(NoProxy::parse("*").matches("anything.example"));
        let c = env(&[("http_proxy", "p:1"), ("NO_PROXY", "skip.test")])
            .unwrap()
            .unwrap();
        assert_eq!(c.route(false, "www.skip.test", 80), Route::Direct);
        assert_eq!(via(&c, false, "other.test"), "p:1");
    }
}
