//! `InternetCrackUrl`: splitting a URL into its components.
//!
//! The rules, as WinINet applies them:
//! - The scheme runs to the first `:`; it may hold letters, digits, `+`, `-`
//!   and `.` only, else the URL is `ERROR_INTERNET_UNRECOGNIZED_SCHEME`
//!   (so are URLs without a `:`, and the empty string).
//! - `//` after the scheme starts an authority, ending at the first `/`, `?`
//!   or `#`. User info runs to its first `@`; the password follows the last
//!   `:` of the user info. The port follows the last `:` of what is left
//!   (after a bracketed IPv6 literal, when there is one) and is read as C's
//!   `atoi` would, stored in 16 bits. Without a port, HTTP, HTTPS and FTP
//!   report their default port; a URL without authority reports 0.
//! - Extra info starts at the first `?`, or, when there is none, the first `#`.
//! - `file:` URLs give a DOS path when copied into buffers (`C:\dir\f.txt`,
//!   `\\server\share`), decoded when written with three slashes; pointers
//!   into the URL show it as written.
//! - `ICU_DECODE` cracks the canonicalized, decoded URL
//!   (`canonicalize(url, ICU_DECODE | ICU_NO_ENCODE)`), for the buffer copies.
//!   `ICU_ESCAPE` changes nothing (WinINet ignores it here). A URL written
//!   without a path still reports an empty one.
//! - `scheme://` with nothing after it is `ERROR_INTERNET_INVALID_URL`
//!   (`file://` aside).

use super::canon::canonicalize_bytes;
use super::escape::decode;
use super::flags;
use super::scheme::Scheme;
use crate::Error;
use std::borrow::Cow;
use std::ops::Range;

/// One component of a cracked URL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Component {
    /// Where it sits in the input, for callers that take pointers into it;
    /// `None` where WinINet returns a NULL pointer (the URL has no such part).
    pub range: Option<Range<usize>>,
    /// Its text for callers that take a copy, when that differs from the
    /// input's bytes (decoded, or a `file:` DOS path).
    pub text: Option<Vec<u8>>,
}

impl Component {
    fn at(range: Range<usize>) -> Component {
        Component {
            range: Some(range),
            text: None,
        }
    }

    /// The text a caller-supplied buffer receives.
    pub fn bytes<'a>(&'a self, input: &'a [u8]) -> &'a [u8] {
        match (&self.text, &self.range) {
            (Some(t), _) => t,
            (None, Some(r)) => &input[r.clone()],
            (None, None) => b"",
        }
    }
}

/// A cracked URL: each component's place in the input and its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UrlParts {
    pub scheme: Component,
    /// `nScheme`.
    pub scheme_kind: Option<Scheme>,
    pub host: Component,
    /// `nPort`: the URL's port, or the scheme's default.
    pub port: u16,
    pub user: Component,
    pub password: Component,
    pub path: Component,
    pub extra: Component,
}

impl UrlParts {
    /// The `INTERNET_SCHEME` number.
    pub fn scheme_code(&self) -> i32 {
        self.scheme_kind.unwrap_or(Scheme::Unknown).code()
    }

    /// Folds the extra info into the path, as WinINet does when the caller
    /// did not ask for extra info.
    pub fn merge_extra_into_path(&mut self, input: &[u8]) {
        let Some(er) = self.extra.range.take() else {
            if let Some(t) = self.extra.text.take() {
                self.path
                    .text
                    .get_or_insert_with(Vec::new)
                    .extend_from_slice(&t);
            }
            return;
        };
        let path_text = self.path.text.take();
        let extra_text = self.extra.text.take();
        if path_text.is_some() || extra_text.is_some() {
            let mut t = path_text.unwrap_or_else(|| self.path.bytes(input).to_vec());
            t.extend_from_slice(extra_text.as_deref().unwrap_or(&input[er.clone()]));
            self.path.text = Some(t);
        }
        let start = self.path.range.as_ref().map_or(er.start, |r| r.start);
        self.path.range = Some(start..er.end);
        self.extra = Component::default();
    }
}

/// Cracks a `&str` URL; see [`crack_bytes`].
pub fn crack(url: &str, flags: u32) -> Result<UrlParts, Error> {
    crack_bytes(url.as_bytes(), flags)
}

/// Cracks `url` (up to its first NUL) into components, with extra info
/// split from the path (see [`UrlParts::merge_extra_into_path`]).
pub fn crack_bytes(url: &[u8], flags: u32) -> Result<UrlParts, Error> {
    let url = &url[..url.iter().position(|&b| b == 0).unwrap_or(url.len())];
    if flags & flags::DECODE == 0 {
        return crack_raw(url);
    }
    // ICU_DECODE cracks the canonical form, which may parse where the URL as
    // written does not (leading blanks are dropped: "\thttp://host/"). Then
    // no component has a place in the caller's URL: pointers are NULL.
    let canon = canonicalize_bytes(url, flags::DECODE | flags::NO_ENCODE)?;
    let decoded = crack_raw(&canon)?;
    let mut parts = match crack_raw(url) {
        Err(Error::InvalidUrl) => return Err(Error::InvalidUrl),
        r => r.unwrap_or_default(),
    };
    let own = |c: &Component| Some(c.bytes(&canon).to_vec());
    parts.scheme.text = own(&decoded.scheme);
    parts.host.text = own(&decoded.host);
    parts.user.text = own(&decoded.user);
    parts.password.text = own(&decoded.password);
    // A URL written without a path keeps an empty one: the `/` the canonical
    // form adds is not reported (Wine's url.c asserts this on Windows for
    // `http://x.org` under ICU_DECODE; Wine 8 reports the `/`).
    let written_without_path = parts.path.range.as_ref().is_some_and(|r| r.is_empty())
        && parts.extra.range.is_none()
        && decoded.path.bytes(&canon) == b"/";
    parts.path.text = if written_without_path {
        Some(Vec::new())
    } else {
        own(&decoded.path)
    };
    parts.extra.text = own(&decoded.extra);
    parts.scheme_kind = decoded.scheme_kind;
    parts.port = decoded.port;
    Ok(parts)
}

fn is_scheme_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')
}

/// C's `atoi` into a 16-bit port: optional sign, digits, the rest ignored.
fn port_of(text: &[u8]) -> u16 {
    let (neg, digits) = match text.first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let mut v: u32 = 0;
    for &b in digits.iter().take_while(|b| b.is_ascii_digit()) {
        v = v.wrapping_mul(10).wrapping_add(u32::from(b - b'0'));
    }
    let v = if neg { v.wrapping_neg() } else { v };
    v as u16
}

fn find(url: &[u8], from: usize, pred: impl Fn(u8) -> bool) -> Option<usize> {
    url[from..].iter().position(|&b| pred(b)).map(|p| p + from)
}

fn crack_raw(url: &[u8]) -> Result<UrlParts, Error> {
    let colon = url.iter().position(|&b| !is_scheme_byte(b));
    let colon = match colon {
        Some(c) if url[c] == b':' => c,
        _ => return Err(Error::UnrecognizedScheme),
    };
    let kind = Scheme::from_name(&url[..colon]);
    let mut parts = UrlParts {
        scheme: Component::at(0..colon),
        scheme_kind: Some(kind),
        ..UrlParts::default()
    };
    if kind == Scheme::File {
        crack_file(url, colon + 1, &mut parts);
        return Ok(parts);
    }
    let mut pos = colon + 1;
    if &url[pos..] == b"//" {
        // Nothing after `//`: Wine's url.c asserts (todo_wine, so on
        // Windows) that `http://` fails; which error it gives is not checked.
        return Err(Error::InvalidUrl);
    }
    if url[pos..].starts_with(b"//") {
        let a0 = pos + 2;
        let a1 = find(url, a0, |b| matches!(b, b'/' | b'?' | b'#')).unwrap_or(url.len());
        let mut h0 = a0;
        if let Some(at) = find(&url[..a1], a0, |b| b == b'@') {
            let userinfo = a0..at;
            match url[userinfo.clone()].iter().rposition(|&b| b == b':') {
                Some(c) => {
                    parts.user = Component::at(a0..a0 + c);
                    if a0 + c + 1 < at {
                        parts.password = Component::at(a0 + c + 1..at);
                    }
                }
                None => parts.user = Component::at(userinfo),
            }
            h0 = at + 1;
        }
        let hostport = &url[h0..a1];
        let bracket_end = if hostport.first() == Some(&b'[') {
            hostport.iter().position(|&b| b == b']').map(|p| p + 1)
        } else {
            None
        };
        let colon_at = match bracket_end {
            Some(e) => (hostport.get(e) == Some(&b':')).then_some(e),
            None => hostport.iter().rposition(|&b| b == b':'),
        };
        match colon_at {
            Some(c) => {
                parts.host = Component::at(h0..h0 + c);
                parts.port = port_of(&hostport[c + 1..]);
            }
            None => {
                parts.host = Component::at(h0..a1);
                parts.port = kind.default_port();
            }
        }
        pos = a1;
    }
    split_path_extra(url, pos, &mut parts);
    Ok(parts)
}

/// Path from `pos`, extra info from the first `?` (else the first `#`).
/// A path without extra info ends at its first LF (what follows is in no
/// component), as WinINet does under Wine 8; with extra info it keeps it.
fn split_path_extra(url: &[u8], pos: usize, parts: &mut UrlParts) {
    let extra = find(url, pos, |b| b == b'?').or_else(|| find(url, pos, |b| b == b'#'));
    match extra {
        Some(e) => {
            parts.path = Component::at(pos..e);
            parts.extra = Component::at(e..url.len());
        }
        None => {
            let end = find(url, pos, |b| b == b'\n').unwrap_or(url.len());
            parts.path = Component::at(pos..end);
        }
    }
}

fn is_drive(b: &[u8]) -> bool {
    b.len() >= 2 && b[0].is_ascii_alphabetic() && matches!(b[1], b':' | b'|')
}

/// `file:` URLs: host only for `file://host/...` (not for `file://C:/...`),
/// and a DOS path for buffer copies.
fn crack_file(url: &[u8], rest: usize, parts: &mut UrlParts) {
    let slashes = url[rest..].iter().take_while(|&&b| b == b'/').count();
    let mut path_start = rest;
    let mut unc_host: Option<&[u8]> = None;
    let mut dos_start: Option<usize> = None;
    if slashes == 2 {
        let a0 = rest + 2;
        let a1 = find(url, a0, |b| b == b'/' || b == b'\\').unwrap_or(url.len());
        let auth = &url[a0..a1];
        if auth.is_empty() || (auth.len() == 2 && is_drive(auth) && auth[1] == b':') {
            path_start = a0;
        } else {
            parts.host = Component::at(a0..a1);
            path_start = a1;
            if !auth.eq_ignore_ascii_case(b"localhost") && !is_drive(auth) {
                unc_host = Some(auth);
            }
            if is_drive(auth) {
                // `file://c|/path`: the "host" is in fact the drive. The
                // pointer shows the path after the host as written, as for
                // any host; the copy's DOS path starts at the drive.
                dos_start = Some(a0);
            }
        }
    } else if slashes > 2 {
        path_start = rest + 2;
    }
    // A drive path written with at most two slashes ends at its first LF,
    // as WinINet does under Wine 8 (`file://c:/a\nb` is `c:\a`).
    let from = dos_start.unwrap_or(path_start);
    let unslashed = &url[from + url[from..].iter().take_while(|&&b| b == b'/').count()..];
    let end = if slashes < 3 && is_drive(unslashed) {
        find(url, from, |b| b == b'\n').unwrap_or(url.len())
    } else {
        url.len()
    };
    // An LF inside a drive-letter "host" (`file://c:x\ny/p`) ends the DOS
    // path before the written path starts: that path is then empty, not
    // a range that ends before it begins (found by the crack fuzz target).
    parts.path = Component::at(path_start..end.max(path_start));
    // The DOS path of the buffer copy.
    let raw = &url[from..end];
    let raw: Cow<[u8]> = if slashes >= 3 {
        Cow::Owned(decode(raw))
    } else {
        Cow::Borrowed(raw)
    };
    let lead = raw.iter().take_while(|&&b| b == b'/').count();
    let mut dos: Vec<u8> = Vec::with_capacity(raw.len() + 2);
    let body = &raw[lead..];
    if let Some(host) = unc_host {
        dos.extend_from_slice(b"\\\\");
        dos.extend_from_slice(host);
        dos.push(b'\\');
    } else if is_drive(body) {
        // `/C:/x` and `C:/x` are `C:\x`.
    } else if lead >= 2 {
        dos.extend_from_slice(b"\\\\");
    } else if lead == 1 {
        dos.push(b'\\');
    }
    let start = dos.len();
    dos.extend(body.iter().map(|&b| if b == b'/' { b'\\' } else { b }));
    if is_drive(&dos[start..]) && dos[start + 1] == b'|' {
        dos[start + 1] = b':';
    }
    if dos.ends_with(b"\\..") || dos.ends_with(b"\\.") {
        dos.push(b'\\');
    }
    parts.path.text = Some(dos);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_lf_inside_a_drive_host_leaves_every_range_inside_the_url() {
        // Found by the crack fuzz target: the path's range ended before it
        // began, and reading the path panicked.
        let url: &[u8] = b"file://e:\x94;;;\n;;;;;/c|/";
        for flags in [0, flags::DECODE] {
            let parts = crack_bytes(url, flags).unwrap();
            for c in [&parts.scheme, &parts.host, &parts.path, &parts.extra] {
                if let Some(r) = &c.range {
                    assert!(r.start <= r.end && r.end <= url.len(), "{r:?}");
                }
                let _ = c.bytes(url);
            }
        }
    }

    fn view(url: &str) -> String {
        let p = crack(url, 0).unwrap();
        let b = url.as_bytes();
        let s = |c: &Component| String::from_utf8_lossy(c.bytes(b)).into_owned();
        format!(
            "{} {} {} {} {} {} {} {}",
            p.scheme_code(),
            s(&p.scheme),
            s(&p.host),
            p.port,
            s(&p.user),
            s(&p.password),
            s(&p.path),
            s(&p.extra)
        )
    }

    #[test]
    fn http_urls() {
        assert_eq!(
            view("http://www.winehq.org/site/about#hi"),
            "3 http www.winehq.org 80   /site/about #hi"
        );
        assert_eq!(view("http://u:p@h:8080/x?q#f"), "3 http h 8080 u p /x ?q#f");
        assert_eq!(
            view("http://us:er:pa:ss@host/"),
            "3 http host 80 us:er:pa ss / "
        );
        assert_eq!(view("http://a@b@host/"), "3 http b@host 80 a  / ");
        assert_eq!(view("http://host/a#b?c"), "3 http host 80   /a#b ?c");
        assert_eq!(view("http://host:99999/"), "3 http host 34463   / ");
        assert_eq!(view("http://host:-1/"), "3 http host 65535   / ");
        assert_eq!(view("http://[::1]:8080/x"), "3 http [::1] 8080   /x ");
        assert_eq!(view("http://[::1]/"), "3 http [::1] 80   / ");
        assert_eq!(view("about:blank"), "-1 about  0   blank ");
        assert_eq!(view("http:host/path"), "3 http  0   host/path ");
    }

    #[test]
    fn pointers_and_nulls() {
        let p = crack("http://@host/", 0).unwrap();
        assert_eq!(p.user.range, Some(7..7));
        assert_eq!(p.password.range, None);
        let p = crack("http://www.winehq.org", 0).unwrap();
        assert_eq!(p.path.range, Some(21..21));
        assert_eq!(p.extra.range, None);
        let mut p = crack("http://h/p?q", 0).unwrap();
        p.merge_extra_into_path(b"http://h/p?q");
        assert_eq!(p.path.range, Some(8..12));
    }

    #[test]
    fn bad_schemes() {
        for u in [
            "",
            "file.txt",
            "www.winehq.org",
            " http://x/",
            "ht_tp://x/",
            "../x",
        ] {
            assert_eq!(crack(u, 0), Err(Error::UnrecognizedScheme), "{u}");
        }
    }

    #[test]
    fn file_urls() {
        assert_eq!(
            view("file:///C:/Program%20Files/Atmel/AVR%20Tools/STK500/STK500.xml"),
            "5 file  0   C:\\Program Files\\Atmel\\AVR Tools\\STK500\\STK500.xml "
        );
        assert_eq!(
            view("file://C:/Program%20Files/Atmel/.."),
            "5 file  0   C:\\Program%20Files\\Atmel\\..\\ "
        );
        assert_eq!(
            view("file://server/share/f.txt"),
            "5 file server 0   \\\\server\\share\\f.txt "
        );
        assert_eq!(
            view("file://localhost/C:/dir/f.txt"),
            "5 file localhost 0   C:\\dir\\f.txt "
        );
        assert_eq!(
            view("file:////server/share"),
            "5 file  0   \\\\server\\share "
        );
        assert_eq!(view("file://c|/path"), "5 file c| 0   c:\\path ");
        // The pointer shows what follows the host as written (as Wine).
        let p = crack("file://c|/path", 0).unwrap();
        assert_eq!(p.host.range, Some(7..9));
        assert_eq!(p.path.range, Some(9..14));
    }
}
