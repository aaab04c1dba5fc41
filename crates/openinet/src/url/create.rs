//! `InternetCreateUrl`: building a URL from components.
//!
//! WinINet's rules: the scheme is the scheme string when given, else the
//! name of `nScheme`; the port is written unless it is 0 or the default
//! port of the scheme *string* (so `nhttp` with port 80 gets `:80`), and
//! only after a host; a password needs a user name
//! (`ERROR_INVALID_PARAMETER`); `//` is written when there is a host, and
//! always for http, https, ftp, gopher and file (`x:u@`, but `ftp://u@`); a
//! path after a host gets a leading `/`, an empty one too; `ICU_ESCAPE`
//! escapes unsafe characters of the path and extra info. (Observed under
//! Wine 8, whose url.c checks these functions against Windows.)

use super::escape::{is_unsafe, push_escaped};
use super::flags;
use super::scheme::Scheme;
use crate::Error;

/// The components `InternetCreateUrl` reads; `None` is a NULL pointer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UrlComponents {
    pub scheme: Option<Vec<u8>>,
    /// `nScheme`, used when `scheme` is `None`.
    pub scheme_kind: i32,
    pub host: Option<Vec<u8>>,
    pub port: u16,
    pub user: Option<Vec<u8>>,
    pub password: Option<Vec<u8>>,
    pub path: Option<Vec<u8>>,
    pub extra: Option<Vec<u8>>,
}

/// Builds a URL as a `String` (lossy for non-UTF-8 components); see [`create_bytes`].
pub fn create(c: &UrlComponents, flags: u32) -> Result<String, Error> {
    create_bytes(c, flags).map(|v| String::from_utf8_lossy(&v).into_owned())
}

/// `InternetCreateUrl` on bytes.
pub fn create_bytes(c: &UrlComponents, flags: u32) -> Result<Vec<u8>, Error> {
    let scheme: Vec<u8> = match &c.scheme {
        Some(s) => s.clone(),
        None => match Scheme::from_code(c.scheme_kind).name() {
            Some(n) => n.as_bytes().to_vec(),
            None => Vec::new(),
        },
    };
    if c.password.is_some() && c.user.is_none() {
        return Err(Error::InvalidParameter);
    }
    let kind = Scheme::from_name(&scheme);
    let mut out = Vec::with_capacity(64);
    out.extend_from_slice(&scheme);
    out.push(b':');
    // "//" follows the scheme when there is a host, and always for the
    // schemes that have an authority; the port only after a host.
    let hierarchical = matches!(
        kind,
        Scheme::Http | Scheme::Https | Scheme::Ftp | Scheme::Gopher | Scheme::File
    );
    let slashes = c.host.is_some() || hierarchical;
    if slashes {
        out.extend_from_slice(b"//");
    }
    if let Some(user) = &c.user {
        out.extend_from_slice(user);
        if let Some(pw) = &c.password {
            out.push(b':');
            out.extend_from_slice(pw);
        }
        out.push(b'@');
    }
    if let Some(host) = &c.host {
        out.extend_from_slice(host);
        if c.port != 0 && c.port != kind.default_port() {
            out.extend_from_slice(format!(":{}", c.port).as_bytes());
        }
        // After a host, a path (even an empty one) starts with "/".
        if let Some(path) = &c.path {
            if path.first() != Some(&b'/') {
                out.push(b'/');
            }
        }
    }
    let escape = flags & flags::ESCAPE != 0;
    for part in [&c.path, &c.extra].into_iter().flatten() {
        for &b in part {
            if escape && is_unsafe(b) {
                push_escaped(&mut out, b);
            } else {
                out.push(b);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comps() -> UrlComponents {
        UrlComponents {
            scheme: Some(b"http".to_vec()),
            scheme_kind: 3,
            host: Some(b"www.winehq.org".to_vec()),
            port: 80,
            user: Some(b"username".to_vec()),
            password: Some(b"password".to_vec()),
            path: Some(b"/site/about".to_vec()),
            extra: Some(Vec::new()),
        }
    }

    #[test]
    fn wine_facts() {
        let c = comps();
        assert_eq!(
            create(&c, 0).unwrap(),
            "http://username:password@www.winehq.org/site/about"
        );
        let mut n = comps();
        n.scheme = None;
        assert_eq!(
            create(&n, 0).unwrap(),
            "http://username:password@www.winehq.org/site/about"
        );
        let mut n = comps();
        n.scheme = Some(b"nhttp".to_vec());
        assert_eq!(
            create(&n, flags::ESCAPE).unwrap(),
            "nhttp://username:password@www.winehq.org:80/site/about"
        );
        let mut n = comps();
        n.port = 42;
        assert_eq!(
            create(&n, 0).unwrap(),
            "http://username:password@www.winehq.org:42/site/about"
        );
        let mut n = comps();
        n.password = None;
        assert_eq!(
            create(&n, 0).unwrap(),
            "http://username@www.winehq.org/site/about"
        );
        let mut n = comps();
        n.user = None;
        assert_eq!(create(&n, 0), Err(Error::InvalidParameter));
        let about = UrlComponents {
            scheme: Some(b"about".to_vec()),
            path: Some(b"blank".to_vec()),
            ..Default::default()
        };
        assert_eq!(create(&about, flags::ESCAPE).unwrap(), "about:blank");
        let about = UrlComponents {
            scheme: Some(b"about".to_vec()),
            host: Some(b"host".to_vec()),
            path: Some(b"blank".to_vec()),
            ..Default::default()
        };
        assert_eq!(create(&about, flags::ESCAPE).unwrap(), "about://host/blank");
        let port = UrlComponents {
            scheme: Some(b"http".to_vec()),
            host: Some(b"www.winehq.org".to_vec()),
            port: 65535,
            ..Default::default()
        };
        assert_eq!(create(&port, 0).unwrap(), "http://www.winehq.org:65535");
        let mut esc = comps();
        esc.path = Some(b"/a b".to_vec());
        assert_eq!(
            create(&esc, flags::ESCAPE).unwrap(),
            "http://username:password@www.winehq.org/a%20b"
        );
    }
}
