//! Redirects: which responses WinINet follows, where to, with which method,
//! and when it stops. Pure rules over a response's status and `Location`;
//! `Request::send` applies them between one exchange and the next.
//!
//! WinINet facts, and where they come from:
//! - 301, 302, 303, 307 are followed (Wine's wininet, whose http.c tests
//!   check a 302 against Windows), and 308, the permanent twin of 307
//!   (`HTTP_STATUS_PERMANENT_REDIRECT` in the Windows SDK's wininet.h;
//!   Wine 8, run here, returns a 308 unfollowed).
//! - 301, 302 and 303 turn every verb but GET and HEAD into GET and drop the
//!   body; 307 and 308 keep verb and body (`HTTP_STATUS_REDIRECT_KEEP_VERB`).
//! - A relative `Location` is resolved against the request's URL as
//!   `InternetCombineUrl` does with `ICU_ENCODE_SPACES_ONLY`, so a space
//!   goes out as `%20` (Wine 8 reports `http://h/a%20b%20c#frag` for
//!   `Location: /a b c#frag`, run here); the fragment stays in the URL
//!   REDIRECT reports but never reaches the wire (Wine 8 sends it; RFC 9110
//!   keeps fragments client-side).
//! - A `Location` of another scheme (`test:non:http/url`) is not followed:
//!   the 3xx is the answer and the send succeeds; `http:///nohost` fails
//!   with `ERROR_INTERNET_INVALID_URL`, the 3xx kept (Wine's http.c
//!   test_redirect, checked on Windows).
//! - The limit: Microsoft's WinINet error list says `ERROR_HTTP_REDIRECT_FAILED`
//!   (12156) comes when "all attempts made to redirect failed (default is
//!   five attempts)". So five redirects are followed and a sixth 3xx fails
//!   with 12156; a loop ends the same way (Windows has no separate loop
//!   check; Wine has no limit at all, and a loop there never ends).
//! - http→https and https→http: Microsoft documents
//!   `INTERNET_FLAG_IGNORE_REDIRECT_TO_HTTPS` / `_TO_HTTP` as disabling "the
//!   detection of this special type of redirect", WinINet then allowing it
//!   "transparently"; detected, it is `ERROR_INTERNET_HTTP_TO_HTTPS_ON_REDIR`
//!   (12039) / `ERROR_INTERNET_HTTPS_TO_HTTP_ON_REDIR` (12040), the errors
//!   `InternetErrorDlg` takes for these zone crossings. The 3xx stays the
//!   request's response. Wine follows both silently; we follow Windows' docs.

use crate::consts;
use crate::http::target::HttpTarget;
use crate::Error;

/// Redirects followed in one send; the next one fails with
/// `ERROR_HTTP_REDIRECT_FAILED` (see the module docs for the source).
pub const MAX_REDIRECTS: u32 = 5;

/// Whether WinINet follows a response of this status.
pub fn is_followed_status(status: u16) -> bool {
    matches!(status, 301 | 302 | 303 | 307 | 308)
}

/// The verb of the request that follows a `status` redirect of `method`.
pub fn next_method(status: u16, method: &str) -> &str {
    let keeps = matches!(status, 307 | 308) || method == "GET" || method == "HEAD";
    if keeps {
        method
    } else {
        "GET"
    }
}

/// The next request of a redirect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hop {
    /// The new absolute URL, as `INTERNET_STATUS_REDIRECT` reports it.
    pub url: String,
    /// Where it goes: host, port, scheme, path and query.
    pub target: HttpTarget,
    pub method: String,
    /// The request body is sent again (the verb did not change).
    pub keeps_body: bool,
}

/// What a response asks of the request that received it: `Ok(None)` when
/// it is the answer, a [`Hop`] when WinINet would follow it, an error when
/// it would fail the send (the response stays readable).
///
/// `url` is the URL the response answered, `followed` the redirects
/// already followed in this send, `flags` the request's `INTERNET_FLAG_*`.
pub fn next_hop(
    status: u16,
    location: Option<&str>,
    url: &str,
    method: &str,
    flags: u32,
    followed: u32,
) -> Result<Option<Hop>, Error> {
    if flags & consts::INTERNET_FLAG_NO_AUTO_REDIRECT != 0 || !is_followed_status(status) {
        return Ok(None);
    }
    let Some(location) = location.map(str::trim).filter(|l| !l.is_empty()) else {
        return Ok(None);
    };
    let new_url = crate::url::combine(url, location, consts::ICU_ENCODE_SPACES_ONLY)?;
    let target = match HttpTarget::parse(&new_url) {
        Ok(t) => t,
        // Another scheme: the 3xx is the answer (see the module docs).
        Err(Error::UnrecognizedScheme) => return Ok(None),
        Err(e) => return Err(e),
    };
    if followed >= MAX_REDIRECTS {
        return Err(Error::HttpRedirectFailed);
    }
    let was_secure = url
        .get(..6)
        .is_some_and(|s| s.eq_ignore_ascii_case("https:"));
    match (was_secure, target.secure) {
        (false, true) if flags & consts::INTERNET_FLAG_IGNORE_REDIRECT_TO_HTTPS == 0 => {
            return Err(Error::HttpToHttpsOnRedir)
        }
        (true, false) if flags & consts::INTERNET_FLAG_IGNORE_REDIRECT_TO_HTTP == 0 => {
            return Err(Error::HttpsToHttpOnRedir)
        }
        _ => {}
    }
    let next = next_method(status, method);
    Ok(Some(Hop {
        url: new_url,
        target,
        keeps_body: next == method,
        method: next.to_string(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::consts::{
        INTERNET_FLAG_IGNORE_REDIRECT_TO_HTTP, INTERNET_FLAG_IGNORE_REDIRECT_TO_HTTPS,
        INTERNET_FLAG_NO_AUTO_REDIRECT,
    };

    const BASE: &str = "http://h:81/dir/page?q=1";

    fn hop(status: u16, location: &str, method: &str) -> Result<Option<Hop>, Error> {
        next_hop(status, Some(location), BASE, method, 0, 0)
    }

    #[test]
    fn follows_the_five_statuses_only() {
        for s in [301, 302, 303, 307, 308] {
            assert!(hop(s, "/x", "GET").unwrap().is_some(), "{s}");
        }
        for s in [200, 300, 304, 305, 306, 309, 404] {
            assert_eq!(hop(s, "/x", "GET").unwrap(), None, "{s}");
        }
    }

    #[test]
    fn method_rules() {
        for (status, method, want, keeps) in [
            (301, "POST", "GET", false),
            (302, "POST", "GET", false),
            (303, "POST", "GET", false),
            (303, "PUT", "GET", false),
            (303, "HEAD", "HEAD", true),
            (302, "GET", "GET", true),
            (307, "POST", "POST", true),
            (308, "PUT", "PUT", true),
        ] {
            let h = hop(status, "/x", method).unwrap().unwrap();
            assert_eq!(
                (h.method.as_str(), h.keeps_body),
                (want, keeps),
                "{status} {method}"
            );
        }
    }

    #[test]
    fn resolves_locations() {
        let url = |l: &str| hop(302, l, "GET").unwrap().unwrap();
        let h = url("other");
        assert_eq!(h.url, "http://h:81/dir/other");
        assert_eq!((h.target.host.as_str(), h.target.port), ("h", 81));
        assert_eq!(url("/abs?x=y").target.path, "/abs?x=y");
        let h = url("http://elsewhere/p");
        assert_eq!((h.target.host.as_str(), h.target.port), ("elsewhere", 80));
        let h = url("/with space/and#frag");
        assert_eq!(h.url, "http://h:81/with%20space/and#frag");
        assert_eq!(h.target.path, "/with%20space/and");
        assert_eq!(url("//other:9/z").url, "http://other:9/z");
        assert_eq!(url("  /trimmed  ").target.path, "/trimmed");
    }

    #[test]
    fn stays_on_what_it_cannot_follow() {
        assert_eq!(hop(302, "test:non:http/url", "GET").unwrap(), None);
        assert_eq!(hop(302, "ftp://h/x", "GET").unwrap(), None);
        assert_eq!(next_hop(302, None, BASE, "GET", 0, 0).unwrap(), None);
        assert_eq!(hop(302, "", "GET").unwrap(), None);
        let no_auto = next_hop(
            302,
            Some("/x"),
            BASE,
            "GET",
            INTERNET_FLAG_NO_AUTO_REDIRECT,
            0,
        );
        assert_eq!(no_auto.unwrap(), None);
        assert_eq!(hop(302, "http:///nohost", "GET"), Err(Error::InvalidUrl));
    }

    #[test]
    fn limit_and_scheme_changes() {
        assert!(next_hop(302, Some("/x"), BASE, "GET", 0, MAX_REDIRECTS - 1)
            .unwrap()
            .is_some());
        assert_eq!(
            next_hop(302, Some("/x"), BASE, "GET", 0, MAX_REDIRECTS),
            Err(Error::HttpRedirectFailed)
        );
        assert_eq!(
            hop(302, "https://h/", "GET"),
            Err(Error::HttpToHttpsOnRedir)
        );
        let to_https = next_hop(
            302,
            Some("https://h/"),
            BASE,
            "GET",
            INTERNET_FLAG_IGNORE_REDIRECT_TO_HTTPS,
            0,
        );
        assert!(to_https.unwrap().unwrap().target.secure);
        let from = "https://h/a";
        assert_eq!(
            next_hop(302, Some("http://h/"), from, "GET", 0, 0),
            Err(Error::HttpsToHttpOnRedir)
        );
        let to_http = next_hop(
            302,
            Some("http://h/"),
            from,
            "GET",
            INTERNET_FLAG_IGNORE_REDIRECT_TO_HTTP,
            0,
        );
        assert!(!to_http.unwrap().unwrap().target.secure);
        assert!(
            next_hop(302, Some("/b"), from, "GET", 0, 0)
                .unwrap()
                .unwrap()
                .target
                .secure
        );
    }
}
