//! WinINet's proxy list: entries separated by `;` or white space, each
//! `host:port` (for every scheme) or `scheme=host:port` (`http`, `https`,
//! `ftp`, `socks`), optionally written as a URL (`http://host:port`).
//! A missing port is 80, as WinINet's CERN-style proxies assume.

use super::ProxyServer;
use crate::Error;

/// The protocol spoken to the proxy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProxyKind {
    Http,
    Socks,
}

/// One entry of a proxy list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProxyEntry {
    /// The request scheme it serves (`None`: all of them).
    pub scheme: Option<String>,
    pub kind: ProxyKind,
    pub server: ProxyServer,
}

impl std::fmt::Display for ProxyEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let host = &self.server.host;
        let host = if host.contains(':') {
            format!("[{host}]")
        } else {
            host.clone()
        };
        match (&self.scheme, self.kind) {
            (_, ProxyKind::Socks) => write!(f, "socks={host}:{}", self.server.port),
            (Some(s), _) => write!(f, "{s}={host}:{}", self.server.port),
            (None, _) => write!(f, "{host}:{}", self.server.port),
        }
    }
}

/// Parses a WinINet proxy list. No entry at all, or an entry that names
/// no host or has a bad port, is `ERROR_INVALID_PARAMETER`.
pub fn parse_list(text: &str) -> Result<Vec<ProxyEntry>, Error> {
    let mut entries = Vec::new();
    for item in text
        .split(|c: char| c == ';' || c.is_whitespace())
        .filter(|s| !s.is_empty())
    {
        let (scheme, value) = match item.split_once('=') {
            Some((s, v)) => (Some(s.to_ascii_lowercase()), v),
            None => (None, item),
        };
        let kind = match scheme.as_deref() {
            Some("socks") => ProxyKind::Socks,
            Some("http" | "https" | "ftp" | "gopher") | None => ProxyKind::Http,
            Some(_) => return Err(Error::InvalidParameter),
        };
        let (host, port) = host_port(value, 80)?;
        entries.push(ProxyEntry {
            scheme: scheme.filter(|_| kind == ProxyKind::Http),
            kind,
            server: ProxyServer {
                host,
                port,
                username: None,
                password: None,
            },
        });
    }
    if entries.is_empty() {
        return Err(Error::InvalidParameter);
    }
    Ok(entries)
}

/// `host`, `host:port`, `[v6]:port`, optionally after `http://` and
/// before a `/`: the host (lower case, IPv6 without brackets) and port.
pub(crate) fn host_port(value: &str, default_port: u16) -> Result<(String, u16), Error> {
    let value = value
        .strip_prefix("http://")
        .or_else(|| value.strip_prefix("HTTP://"))
        .unwrap_or(value);
    let value = value.split('/').next().unwrap_or("");
    let (host, port) = if let Some(rest) = value.strip_prefix('[') {
        let (h, after) = rest.split_once(']').ok_or(Error::InvalidParameter)?;
        match after {
            "" => (h, None),
            p => (h, Some(p.strip_prefix(':').ok_or(Error::InvalidParameter)?)),
        }
    } else {
        match value.rsplit_once(':') {
            Some((h, p)) if !h.contains(':') => (h, Some(p)),
            Some(_) => return Err(Error::InvalidParameter),
            None => (value, None),
        }
    };
    let valid_host = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._:".contains(&b));
    if !valid_host {
        return Err(Error::InvalidParameter);
    }
    let port = match port {
        None | Some("") => default_port,
        Some(p) => match p.parse::<u16>() {
            Ok(n) if n > 0 => n,
            _ => return Err(Error::InvalidParameter),
        },
    };
    Ok((host.to_ascii_lowercase(), port))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str) -> Vec<String> {
        parse_list(text)
            .unwrap()
            .iter()
            .map(|e| e.to_string())
            .collect()
    }

    #[test]
    fn the_forms_wininet_takes() {
        assert_eq!(show("proxy:8080"), ["proxy:8080"]);
        // A trailing newline, as Wine's http.c passes "localhost:%d\n".
        assert_eq!(show("localhost:3128\n"), ["localhost:3128"]);
        assert_eq!(show("Proxy"), ["proxy:80"]);
        assert_eq!(show("http://p:81/"), ["p:81"]);
        assert_eq!(
            show("http=h:1 https=s:2;ftp=f:3"),
            ["http=h:1", "https=s:2", "ftp=f:3"]
        );
        assert_eq!(show("socks=s:1080"), ["socks=s:1080"]);
        assert_eq!(show("[::1]:3128"), ["[::1]:3128"]);
    }

    #[test]
    fn bad_lists_are_refused() {
        for bad in [
            "",
            "  ;",
            "p:0",
            "p:99999",
            "p:x",
            "gopherx=p:1",
            "=p:1",
            "a b:",
            "p q:1:2",
        ] {
            if bad == "a b:" {
                // "a" and "b:" are two entries; "b:" has an empty port: 80.
                assert!(parse_list(bad).is_ok());
                continue;
            }
            assert_eq!(parse_list(bad), Err(Error::InvalidParameter), "{bad:?}");
        }
    }
}
