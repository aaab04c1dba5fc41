//! The parts of an `ftp://` URL that `InternetOpenUrl` needs.

use crate::url::Scheme;
use crate::Error;

/// Host, port, credentials and path of an `ftp://` URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FtpTarget {
    pub host: String,
    pub port: u16,
    pub user: Option<String>,
    pub password: Option<String>,
    /// The path, `%xx`-decoded, without a `;type=` suffix; "/" when empty.
    pub path: String,
    /// `;type=a` asked for an ASCII transfer.
    pub ascii: bool,
}

impl FtpTarget {
    /// Splits an absolute ftp URL with `InternetCrackUrl`'s rules (decoding
    /// `%xx`); other schemes are `ERROR_INTERNET_UNRECOGNIZED_SCHEME`.
    pub fn parse(url: &str) -> Result<FtpTarget, Error> {
        let url = url.trim();
        let input = url.as_bytes();
        let mut parts = crate::url::crack(url, 0)?;
        if parts.scheme_kind != Some(Scheme::Ftp) {
            return Err(Error::UnrecognizedScheme);
        }
        parts.merge_extra_into_path(input);
        let text = |c: &crate::url::Component| percent_decode(c.bytes(input));
        let host = text(&parts.host);
        if host.is_empty() {
            return Err(Error::InvalidUrl);
        }
        let optional = |s: String| Some(s).filter(|s| !s.is_empty());
        let mut path = text(&parts.path);
        let mut ascii = false;
        if let Some(at) = path.to_ascii_lowercase().rfind(";type=") {
            ascii = path[at + 6..].eq_ignore_ascii_case("a");
            path.truncate(at);
        }
        if !path.starts_with('/') {
            path.insert(0, '/');
        }
        Ok(FtpTarget {
            host,
            port: parts.port,
            user: optional(text(&parts.user)),
            password: optional(text(&parts.password)),
            path,
            ascii,
        })
    }

    /// A URL naming a directory (ending in `/`) opens a listing.
    pub fn is_directory(&self) -> bool {
        self.path.ends_with('/')
    }
}

/// `%xx` to bytes (a bad escape stays as it is), then text.
fn percent_decode(bytes: &[u8]) -> String {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ftp_urls() {
        let t = FtpTarget::parse("ftp://bob:s%40cret@127.0.0.1:2121/pub/a%20b.txt;type=a").unwrap();
        assert_eq!(t.host, "127.0.0.1");
        assert_eq!(t.port, 2121);
        assert_eq!(t.user.as_deref(), Some("bob"));
        assert_eq!(t.password.as_deref(), Some("s@cret"));
        assert_eq!(t.path, "/pub/a b.txt");
        assert!(t.ascii);
        let d = FtpTarget::parse("ftp://host").unwrap();
        assert_eq!(
            (d.port, d.path.as_str(), d.user.as_deref()),
            (21, "/", None)
        );
        assert!(d.is_directory());
        assert_eq!(
            FtpTarget::parse("http://host/").err(),
            Some(Error::UnrecognizedScheme)
        );
    }
}
