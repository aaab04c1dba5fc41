//! WinINet's proxy bypass list: entries separated by `;` or white space;
//! `<local>` for plain host names (no dot); `*` as a wildcard
//! (`*.corp.example`, `10.*`); an optional `scheme://` prefix and `:port`
//! suffix. Loopback and link-local targets bypass the proxy whatever the
//! list says (Windows since IE9), unless the list holds `<-loopback>`.

use std::net::IpAddr;

/// One pattern of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pattern {
    host: String,
    port: Option<u16>,
}

/// A parsed bypass list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Bypass {
    patterns: Vec<Pattern>,
    local: bool,
    /// `<-loopback>`: loopback and link-local targets use the proxy too.
    proxy_loopback: bool,
}

impl Bypass {
    /// Parses a list; entries it cannot read are skipped, as WinINet
    /// ignores them.
    pub fn parse(text: &str) -> Bypass {
        let mut b = Bypass::default();
        for item in text
            .split(|c: char| c == ';' || c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
        {
            match item.to_ascii_lowercase().as_str() {
                "<local>" => b.local = true,
                "<-loopback>" => b.proxy_loopback = true,
                item => {
                    let item = item.split_once("://").map_or(item, |(_, rest)| rest);
                    let (host, port) = split_port(item);
                    if !host.is_empty() {
                        b.patterns.push(Pattern {
                            host: host.to_string(),
                            port,
                        });
                    }
                }
            }
        }
        b
    }

    /// Whether a request to `host:port` skips the proxy.
    pub fn matches(&self, host: &str, port: u16) -> bool {
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let host = host.to_ascii_lowercase();
        if !self.proxy_loopback && is_loopback_or_link_local(&host) {
            return true;
        }
        if self.local && !host.contains('.') && host.parse::<IpAddr>().is_err() {
            return true;
        }
        self.patterns
            .iter()
            .any(|p| p.port.is_none_or(|want| want == port) && glob(&p.host, &host))
    }
}

/// `host:port` → host and port; an IPv6 address keeps its colons.
fn split_port(item: &str) -> (&str, Option<u16>) {
    if let Some(rest) = item.strip_prefix('[') {
        let (h, after) = rest.split_once(']').unwrap_or((rest, ""));
        return (h, after.strip_prefix(':').and_then(|p| p.parse().ok()));
    }
    match item.rsplit_once(':') {
        Some((h, p)) if !h.contains(':') => match p.parse() {
            Ok(port) => (h, Some(port)),
            Err(_) => (item, None),
        },
        _ => (item, None),
    }
}

/// Targets Windows never sends to a proxy unless told: `localhost`,
/// 127.0.0.0/8, ::1, 169.254.0.0/16, fe80::/10.
fn is_loopback_or_link_local(host: &str) -> bool {
    if host == "localhost" || host.ends_with(".localhost") {
        return true;
    }
    match host.parse::<IpAddr>() {
        Ok(IpAddr::V4(a)) => a.is_loopback() || a.is_link_local(),
        Ok(IpAddr::V6(a)) => a.is_loopback() || (a.segments()[0] & 0xffc0) == 0xfe80,
        Err(_) => false,
    }
}

/// `*` matches any run of characters (none too); the rest literally.
fn glob(pattern: &str, text: &str) -> bool {
    let (p, t) = (pattern.as_bytes(), text.as_bytes());
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && p[pi] == b'*' {
            star = Some((pi, ti));
            pi += 1;
        } else if pi < p.len() && p[pi] == t[ti] {
            pi += 1;
            ti += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == b'*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_wildcards_ports_and_separators() {
        let b = Bypass::parse("<local>; *.corp.example 10.*\thttp://exact.example:8080");
        assert!(b.matches("intranet", 80));
        assert!(!b.matches("a.example", 80));
        assert!(b.matches("x.corp.example", 80));
        assert!(b.matches("X.Corp.Example", 80));
        assert!(!b.matches("corp.example", 80));
        assert!(b.matches("10.1.2.3", 80));
        assert!(!b.matches("110.1.2.3", 80));
        assert!(b.matches("exact.example", 8080));
        assert!(!b.matches("exact.example", 80));
    }

    #[test]
    fn loopback_and_link_local_bypass_implicitly() {
        let b = Bypass::parse("");
        for h in [
            "localhost",
            "127.0.0.1",
            "127.9.9.9",
            "[::1]",
            "169.254.1.1",
            "fe80::1",
        ] {
            assert!(b.matches(h, 80), "{h}");
        }
        assert!(!b.matches("10.0.0.1", 80));
        let b = Bypass::parse("<-loopback>");
        assert!(!b.matches("127.0.0.1", 80));
        assert!(!b.matches("localhost", 80));
        // <local> is about dotless names, not loopback.
        let b = Bypass::parse("<-loopback>;<local>");
        assert!(b.matches("localhost", 80));
        assert!(!b.matches("127.0.0.1", 80));
    }

    #[test]
    fn glob_matches_runs() {
        assert!(glob("*", ""));
        assert!(glob("a*c", "abbbc"));
        assert!(glob("*.a.b", "x.y.a.b"));
        assert!(!glob("a*c", "abcd"));
    }
}
