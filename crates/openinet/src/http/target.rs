//! The parts of an http(s) URL a request needs (`InternetOpenUrl`).

use crate::url::Scheme;
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
    /// Splits an absolute http(s) URL with `InternetCrackUrl`'s rules, as
    /// `InternetOpenUrl` does; other schemes are
    /// `ERROR_INTERNET_UNRECOGNIZED_SCHEME`, junk `ERROR_INTERNET_INVALID_URL`.
    pub fn parse(url: &str) -> Result<HttpTarget, Error> {
        let url = url.trim();
        let input = url.as_bytes();
        let mut parts = crate::url::crack(url, 0)?;
        let secure = match parts.scheme_kind {
            Some(Scheme::Http) => false,
            Some(Scheme::Https) => true,
            _ => return Err(Error::UnrecognizedScheme),
        };
        parts.merge_extra_into_path(input);
        let text = |c: &crate::url::Component| String::from_utf8_lossy(c.bytes(input)).into_owned();
        let host = text(&parts.host);
        if host.is_empty() {
            return Err(Error::InvalidUrl);
        }
        let optional = |s: String| Some(s).filter(|s| !s.is_empty());
        // The fragment is the client's business; it never goes on the wire.
        let path = text(&parts.path);
        let path = path.split('#').next().unwrap_or("");
        let path = if path.starts_with('/') {
            path.to_string()
        } else {
            format!("/{path}")
        };
        Ok(HttpTarget {
            secure,
            host,
            port: parts.port,
            path,
            username: optional(text(&parts.user)),
            password: optional(text(&parts.password)),
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
        assert_eq!(HttpTarget::parse("http:///x"), Err(Error::InvalidUrl));
    }
}
