//! Fuzz body for cookies: what `Set-Cookie` headers (a server's bytes) and
//! `InternetSetCookie` (a caller's strings) reach. The input is split at
//! NUL bytes into a URL, a cookie text and, when there is a third part, a
//! cookie name.
//!
//! Whatever the bytes: no panic; a parsed `Path` is absolute; nothing a
//! store accepts can come back out with a CR, LF or NUL in the `Cookie`
//! header it builds (that header goes on the wire).

use openinet::cookies::{is_legal_cookie_domain, CookieJar, Target};
use openinet::fuzzing::parse_cookie;

/// Seconds since 1970 the run pretends it is: fixed, so a run repeats.
const NOW: i64 = 1_700_000_000;

/// One input through the parser and an in-memory store.
pub fn cookies(data: &[u8]) {
    let mut parts = data.splitn(3, |&b| b == 0);
    let url = String::from_utf8_lossy(parts.next().unwrap_or_default());
    let text = String::from_utf8_lossy(parts.next().unwrap_or_default());
    let name = parts.next().map(String::from_utf8_lossy);

    for with_name in [None, name.as_deref()] {
        let parsed = parse_cookie(with_name, &text);
        if let Some(path) = &parsed.path {
            assert!(path.starts_with('/'), "relative path kept: {path:?}");
        }
        if let Some(domain) = &parsed.domain {
            // Any host, any domain: an answer, not a panic.
            let _ = is_legal_cookie_domain(domain, &url);
        }
    }

    let Ok(target) = Target::from_url(&url) else {
        return;
    };
    let mut jar = CookieJar::in_memory();
    for http_only in [false, true] {
        let _ = jar.set(&target, name.as_deref(), &text, http_only, NOW);
        let _ = jar.set(&target, None, &text, http_only, NOW);
    }
    for include_http_only in [false, true] {
        if let Some(header) = jar.cookie_string(&target, include_http_only, NOW) {
            assert!(
                !header.contains(['\r', '\n', '\0']),
                "a line break reached the Cookie header: {header:?}"
            );
        }
    }
    // Later, every cookie with an Expires date has passed or not: the
    // store's expiry path runs too.
    let _ = jar.cookie_string(&target, true, i64::MAX / 2);
}
