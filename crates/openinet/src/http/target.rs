//! The parts of an http(s) URL a request needs (`InternetOpenUrl`).

use crate::Error;

/// Host, port, path and credentials of an `http://` or `https://` URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpTarget {
    pub secure: bool,
    pub host: String,
    pub port: u16,
    /// Path plus query, "/" when empty.
    pub path: String,
    pub username: Option<String>,
    pub password: Option<String>,
}

impl HttpTarget {
    /// Splits an absolute http(s) URL; other schemes are
    /// `ERROR_INTERNET_UNRECOGNIZED_SCHEME`, junk `ERROR_INTERNET_INVALID_URL`.
    pub fn parse(url: &str) -> Result<HttpTarget, Error> {
        let url = url.trim();
        let (scheme, rest) = url.split_once("://").ok_or(Error::UnrecognizedScheme)?;
        let secure = match scheme.to_ascii_lowercase().as_str() {
            "http" => false,
            "https" => true,
            _ => return Err(Error::UnrecognizedScheme),
        };
        let split = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, path) = rest.split_at(split);
        let path = path.split('#').next().unwrap_or("");
        let (userinfo, hostport) = match authority.rsplit_once('@') {
            Some((u, h)) => (Some(u), h),
            None => (None, authority),
        };
        let (host, port) = split_host_port(hostport)?;
        let port = port.unwrap_or(if secure { 443 } else { 80 });
        if host.is_empty() {
            return Err(Error::InvalidUrl);
        }
        let (username, password) = match userinfo {
            Some(u) => match u.split_once(':') {
                Some((n, p)) => (Some(n.to_string()), Some(p.to_string())),
                None => (Some(u.to_string()), None),
            },
            None => (None, None),
        };
        let path = if path.is_empty() {
            "/".to_string()
        } else if path.starts_with('?') {
            format!("/{path}")
        } else {
            path.to_string()
        };
        Ok(HttpTarget {
            secure,
            host: host.to_string(),
            port,
            path,
            username,
            password,
        })
    }

    /// `INTERNET_FLAG_SECURE` when the scheme is https.
    pub fn secure_flag(&self) -> u32 {
        if self.secure {
            crate::consts::INTERNET_FLAG_SECURE
        } else {
            0
        }
    }
}

fn split_host_port(s: &str) -> Result<(&str, Option<u16>), Error> {
    let (host, port) = if let Some(rest) = s.strip_prefix('[') {
        let end = rest.find(']').ok_or(Error::InvalidUrl)?;
        (&s[..end + 2], rest[end + 1..].strip_prefix(':'))
    } else {
        match s.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (s, None),
        }
    };
    let port = match port {
        None | Some("") => None,
        Some(p) => Some(p.parse::<u16>().map_err(|_| Error::InvalidUrl)?),
    };
    Ok((host, port))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_urls() {
        let t = HttpTarget::parse("http://u:p@example.com:8080/a/b?c=d#frag").unwrap();
        assert_eq!(
            (t.host.as_str(), t.port, t.path.as_str()),
            ("example.com", 8080, "/a/b?c=d")
        );
        assert_eq!(
            (t.username.as_deref(), t.password.as_deref()),
            (Some("u"), Some("p"))
        );
        let t = HttpTarget::parse("https://[::1]/").unwrap();
        assert_eq!((t.host.as_str(), t.port, t.secure), ("[::1]", 443, true));
        assert_eq!(HttpTarget::parse("http://h").unwrap().path, "/");
        assert_eq!(
            HttpTarget::parse("ftp://h/x"),
            Err(Error::UnrecognizedScheme)
        );
        assert_eq!(
            HttpTarget::parse("nonsense"),
            Err(Error::UnrecognizedScheme)
        );
        assert_eq!(HttpTarget::parse("http://h:99999/"), Err(Error::InvalidUrl));
        assert_eq!(HttpTarget::parse("http:///x"), Err(Error::InvalidUrl));
    }
}
