//! The request header list and `HttpAddRequestHeaders`' rules, as pure
//! functions over `Vec<(name, value)>` (names compared case-insensitively,
//! case kept as given).
//!
//! WinINet facts (Wine 8 runs, and Wine's HttpHeaders_test checked on Windows):
//! - the text is split into lines at CR, LF or CRLF; blank lines are skipped
//!   (`"\r\nBlankTest:value\r\n\r\n"` works); names and values are trimmed;
//! - a line without a colon fails alone; among other lines it is skipped
//!   and the call succeeds (only when no line applies does the call fail);
//!   an empty string fails with `ERROR_HTTP_INVALID_HEADER`;
//! - REPLACE (alone or with ADD) removes the first same-named header and
//!   appends the new one at the end; an empty value only removes; a
//!   missing header is added (Wine adds even an empty one: `X: `);
//! - ADD appends another same-named header, even with COALESCE or ADD_IF_NEW;
//! - COALESCE(_WITH_COMMA) appends `, value` to the first one, COALESCE_WITH_SEMICOLON
//!   `; value`; a missing header is added;
//! - ADD_IF_NEW, and no modifier at all, fail on an existing header with
//!   `ERROR_HTTP_INVALID_HEADER` (12153): what Wine 8 gives (run here), and
//!   what our issue 10 names. No Microsoft page ties the dedicated
//!   `ERROR_HTTP_HEADER_ALREADY_EXISTS` (12155) to this function.

use crate::consts::{
    HTTP_ADDREQ_FLAG_ADD, HTTP_ADDREQ_FLAG_ADD_IF_NEW, HTTP_ADDREQ_FLAG_COALESCE_WITH_COMMA,
    HTTP_ADDREQ_FLAG_COALESCE_WITH_SEMICOLON, HTTP_ADDREQ_FLAG_REPLACE,
};
use crate::Error;

/// Parses one `Name: value` line. Errors: `HttpInvalidHeader` without a
/// colon, with an empty name, or with CR/LF inside.
pub fn parse_line(line: &str) -> Result<(&str, &str), Error> {
    const WS: &[char] = &[' ', '\t'];
    if line.contains(['\r', '\n']) {
        return Err(Error::HttpInvalidHeader);
    }
    let (name, value) = line.split_once(':').ok_or(Error::HttpInvalidHeader)?;
    let name = name.trim_matches(WS);
    if name.is_empty() {
        // Wine stores ": v"; a nameless field only breaks the request.
        return Err(Error::HttpInvalidHeader);
    }
    Ok((name, value.trim_matches(WS)))
}

/// `HttpAddRequestHeaders`: applies every line of `text` to `headers` with
/// the `HTTP_ADDREQ_FLAG_*` bits of `modifiers` (index bits ignored).
pub fn apply(headers: &mut Vec<(String, String)>, text: &str, modifiers: u32) -> Result<(), Error> {
    // The text ends at a NUL, as WinINet reads it: what follows is never
    // sent (inside a value it would reach the wire).
    let text = text.split('\0').next().unwrap_or_default();
    if text.is_empty() {
        return Err(Error::HttpInvalidHeader);
    }
    let mut applied = false;
    let mut failure = None;
    for line in text.split(['\r', '\n']).filter(|l| !l.trim().is_empty()) {
        match parse_line(line).and_then(|(n, v)| apply_one(headers, n, v, modifiers)) {
            Ok(()) => applied = true,
            Err(e) => failure = Some(e),
        }
    }
    match failure {
        Some(e) if !applied => Err(e),
        _ => Ok(()),
    }
}

/// Applies one header with the modifiers (see the module doc for the rules).
pub fn apply_one(
    headers: &mut Vec<(String, String)>,
    name: &str,
    value: &str,
    modifiers: u32,
) -> Result<(), Error> {
    let found = headers
        .iter()
        .position(|(n, _)| n.eq_ignore_ascii_case(name));
    let entry = || (name.to_string(), value.to_string());
    if modifiers & HTTP_ADDREQ_FLAG_REPLACE != 0 {
        match found {
            Some(i) => {
                headers.remove(i);
                if !value.is_empty() {
                    headers.push(entry());
                }
            }
            None => headers.push(entry()),
        }
        return Ok(());
    }
    // Adding a header without a value is refused (Wine's http.c
    // HttpHeaders_test, checked on Windows: `EmptyTest1:` with
    // HTTP_ADDREQ_FLAG_ADD is ERROR_INVALID_PARAMETER and is not added).
    if value.is_empty() {
        return Err(Error::InvalidParameter);
    }
    if modifiers & HTTP_ADDREQ_FLAG_ADD != 0 {
        headers.push(entry());
        return Ok(());
    }
    let Some(i) = found else {
        headers.push(entry());
        return Ok(());
    };
    let separator = if modifiers & HTTP_ADDREQ_FLAG_ADD_IF_NEW != 0 {
        None
    } else if modifiers & HTTP_ADDREQ_FLAG_COALESCE_WITH_COMMA != 0 {
        Some(", ")
    } else if modifiers & HTTP_ADDREQ_FLAG_COALESCE_WITH_SEMICOLON != 0 {
        Some("; ")
    } else {
        None
    };
    let Some(separator) = separator else {
        return Err(Error::HttpInvalidHeader);
    };
    let old = &mut headers[i].1;
    old.push_str(separator);
    old.push_str(value);
    Ok(())
}

/// What a request's send knows when it adds WinINet's own headers.
#[derive(Debug, Clone, Copy)]
pub struct Own<'a> {
    pub method: &'a str,
    /// The `INTERNET_FLAG_*` flags of `HttpOpenRequest`.
    pub flags: u32,
    /// The session's agent; empty: no `User-Agent`.
    pub user_agent: &'a str,
    /// `host`, or `host:port` off the scheme's default port.
    pub host: &'a str,
    pub body_len: usize,
}

/// Adds the headers WinINet sends of its own accord, at send time (before
/// it they are not request headers: Wine's `test_user_agent_header` and
/// `HttpHeaders_test` assert on Windows that `User-Agent` and `Host` are
/// absent after `HttpOpenRequest`), after the application's, in this order:
/// - `User-Agent` and `Host`, unless the application set them;
/// - `Content-Length`, for every verb but `GET`, `0` without data (Wine's
///   `test_request_content_length`, on Windows: a POST without data sends
///   `Content-Length: 0`), and for a `GET` with data; only when the request
///   has none: one the application added is sent as it is (`/test7`: a
///   `Content-Length: 100` added with ADD_IF_NEW reaches the server), and
///   so is the one an earlier send added (`test_request_content_length`:
///   a resend with 4 bytes of data still says `Content-Length: 0`);
/// - `Connection: Keep-Alive` only under `INTERNET_FLAG_KEEP_CONNECTION`
///   (Wine's `/test8` and `/test9`, on Windows: with the flag it is sent,
///   without it no `Connection` header is), unless one is set;
/// - `Pragma: no-cache` under `INTERNET_FLAG_PRAGMA_NOCACHE` (not under
///   `INTERNET_FLAG_RELOAD` or `INTERNET_FLAG_NO_CACHE_WRITE`: `/test9`);
/// - `Cache-Control: no-cache` under `INTERNET_FLAG_NO_CACHE_WRITE` for
///   every verb but `GET` (Wine's `/testA` and `test_cache_control_verb`,
///   on Windows: POST, HEAD and `RPC_OUT_DATA` send it, GET does not).
///
/// The order among these follows what we sent before (`User-Agent` first);
/// Wine 8 writes `Host`, `Content-Length`, `User-Agent`; no Windows-checked
/// test fixes it.
pub fn add_own(headers: &mut Vec<(String, String)>, own: &Own<'_>) {
    use crate::consts::{
        INTERNET_FLAG_KEEP_CONNECTION, INTERNET_FLAG_NO_CACHE_WRITE, INTERNET_FLAG_PRAGMA_NOCACHE,
    };
    let has =
        |h: &[(String, String)], name: &str| h.iter().any(|(n, _)| n.eq_ignore_ascii_case(name));
    let add_if_absent = |h: &mut Vec<(String, String)>, name: &str, value: &str| {
        if !has(h, name) {
            h.push((name.to_string(), value.to_string()));
        }
    };
    if !own.user_agent.is_empty() {
        add_if_absent(headers, "User-Agent", own.user_agent);
    }
    add_if_absent(headers, "Host", own.host);
    let get = own.method == "GET";
    // A body the application frames itself (Transfer-Encoding) gets no
    // Content-Length: a message never carries both (RFC 9112 §6.1).
    if (!get || own.body_len > 0) && !has(headers, "Transfer-Encoding") {
        add_if_absent(headers, "Content-Length", &own.body_len.to_string());
    }
    if own.flags & INTERNET_FLAG_KEEP_CONNECTION != 0 {
        add_if_absent(headers, "Connection", "Keep-Alive");
    }
    if own.flags & INTERNET_FLAG_PRAGMA_NOCACHE != 0 {
        add_if_absent(headers, "Pragma", "no-cache");
    }
    if own.flags & INTERNET_FLAG_NO_CACHE_WRITE != 0 && !get {
        add_if_absent(headers, "Cache-Control", "no-cache");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::consts::HTTP_ADDREQ_FLAG_COALESCE;

    fn list(h: &[(String, String)]) -> String {
        h.iter().map(|(n, v)| format!("{n}: {v}\n")).collect()
    }

    #[test]
    fn own_headers_by_verb_flags_and_body() {
        use crate::consts::{
            INTERNET_FLAG_KEEP_CONNECTION, INTERNET_FLAG_NO_CACHE_WRITE,
            INTERNET_FLAG_PRAGMA_NOCACHE, INTERNET_FLAG_RELOAD,
        };
        let own = |method, flags, body_len| Own {
            method,
            flags,
            user_agent: "ua",
            host: "h:81",
            body_len,
        };
        let run = |o: Own<'_>, start: &[(&str, &str)]| {
            let mut h: Vec<(String, String)> = start
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect();
            add_own(&mut h, &o);
            list(&h)
        };
        assert_eq!(run(own("GET", 0, 0), &[]), "User-Agent: ua\nHost: h:81\n");
        assert_eq!(
            run(
                own(
                    "GET",
                    INTERNET_FLAG_NO_CACHE_WRITE | INTERNET_FLAG_RELOAD,
                    0
                ),
                &[]
            ),
            "User-Agent: ua\nHost: h:81\n"
        );
        assert_eq!(
            run(own("GET", INTERNET_FLAG_KEEP_CONNECTION, 2), &[]),
            "User-Agent: ua\nHost: h:81\nContent-Length: 2\nConnection: Keep-Alive\n"
        );
        assert_eq!(
            run(
                own("HEAD", INTERNET_FLAG_NO_CACHE_WRITE | INTERNET_FLAG_PRAGMA_NOCACHE, 0),
                &[]
            ),
            "User-Agent: ua\nHost: h:81\nContent-Length: 0\nPragma: no-cache\nCache-Control: no-cache\n"
        );
        // The application's own win; a stale length is restated in place,
        // and a data-less GET drops it.
        assert_eq!(
            run(
                own("POST", INTERNET_FLAG_KEEP_CONNECTION, 5),
                &[
                    ("content-length", "9"),
                    ("CONNECTION", "close"),
                    ("Host", "x")
                ]
            ),
            "content-length: 9\nCONNECTION: close\nHost: x\nUser-Agent: ua\n"
        );
        assert_eq!(
            run(own("GET", 0, 0), &[("Content-Length", "9")]),
            "Content-Length: 9\nUser-Agent: ua\nHost: h:81\n"
        );
        let no_agent = Own {
            user_agent: "",
            ..own("GET", 0, 0)
        };
        assert_eq!(run(no_agent, &[]), "Host: h:81\n");
    }

    #[test]
    fn adding_a_header_without_a_value_is_refused() {
        let mut h = Vec::new();
        for text in ["EmptyTest1:", "EmptyTest2:\r\n", "E3:   "] {
            assert_eq!(
                apply(&mut h, text, HTTP_ADDREQ_FLAG_ADD),
                Err(Error::InvalidParameter),
                "{text:?}"
            );
        }
        assert!(h.is_empty(), "nothing added: {h:?}");
    }

    #[test]
    fn wine_sequence() {
        let mut h = Vec::new();
        apply(&mut h, "X-A: 1", HTTP_ADDREQ_FLAG_ADD).unwrap();
        apply(&mut h, "x-a: 2", HTTP_ADDREQ_FLAG_ADD).unwrap();
        assert_eq!(apply(&mut h, "X-A: 3", 0), Err(Error::HttpInvalidHeader));
        apply(&mut h, "X-B: b", 0).unwrap();
        assert_eq!(
            apply(&mut h, "X-A: 4", HTTP_ADDREQ_FLAG_ADD_IF_NEW),
            Err(Error::HttpInvalidHeader)
        );
        apply(&mut h, "X-C: c", HTTP_ADDREQ_FLAG_ADD_IF_NEW).unwrap();
        apply(&mut h, "X-A: r", HTTP_ADDREQ_FLAG_REPLACE).unwrap();
        apply(&mut h, "X-D: d", HTTP_ADDREQ_FLAG_REPLACE).unwrap();
        apply(
            &mut h,
            "X-D: d",
            HTTP_ADDREQ_FLAG_REPLACE | HTTP_ADDREQ_FLAG_ADD,
        )
        .unwrap();
        apply(&mut h, "X-C:", HTTP_ADDREQ_FLAG_REPLACE).unwrap();
        apply(&mut h, "X-Z:", HTTP_ADDREQ_FLAG_REPLACE).unwrap();
        apply(&mut h, "X-B: b2", HTTP_ADDREQ_FLAG_COALESCE).unwrap();
        apply(&mut h, "X-B: b3", HTTP_ADDREQ_FLAG_COALESCE_WITH_SEMICOLON).unwrap();
        apply(&mut h, "X-E: e", HTTP_ADDREQ_FLAG_COALESCE).unwrap();
        apply(
            &mut h,
            "X-B: b4",
            HTTP_ADDREQ_FLAG_COALESCE | HTTP_ADDREQ_FLAG_ADD,
        )
        .unwrap();
        assert_eq!(
            apply(
                &mut h,
                "X-B: b5",
                HTTP_ADDREQ_FLAG_COALESCE | HTTP_ADDREQ_FLAG_ADD_IF_NEW
            ),
            Err(Error::HttpInvalidHeader)
        );
        apply(
            &mut h,
            "X-S: s",
            HTTP_ADDREQ_FLAG_ADD | HTTP_ADDREQ_FLAG_ADD_IF_NEW,
        )
        .unwrap();
        apply(
            &mut h,
            "X-S: s2",
            HTTP_ADDREQ_FLAG_ADD | HTTP_ADDREQ_FLAG_ADD_IF_NEW,
        )
        .unwrap();
        assert_eq!(
            list(&h),
            "x-a: 2\nX-B: b, b2; b3\nX-A: r\nX-D: d\nX-Z: \nX-E: e\nX-B: b4\nX-S: s\nX-S: s2\n"
        );
    }

    #[test]
    fn lines_and_separators() {
        let mut h = Vec::new();
        apply(&mut h, "X-F: f\r\nX-G: g\r\n", HTTP_ADDREQ_FLAG_ADD).unwrap();
        apply(&mut h, "X-H: h\nX-I: i", HTTP_ADDREQ_FLAG_ADD).unwrap();
        apply(&mut h, "X-J: j\r\nbad line\r\nX-K: k", HTTP_ADDREQ_FLAG_ADD).unwrap();
        apply(&mut h, "X-L: l\rX-M: m", HTTP_ADDREQ_FLAG_ADD).unwrap();
        apply(&mut h, "  X-N  :   n  ", HTTP_ADDREQ_FLAG_ADD).unwrap();
        apply(
            &mut h,
            "\r\nBlank:value\r\n\r\n",
            HTTP_ADDREQ_FLAG_ADD_IF_NEW,
        )
        .unwrap();
        apply(&mut h, "\r\n", HTTP_ADDREQ_FLAG_ADD).unwrap();
        assert_eq!(list(&h), "X-F: f\nX-G: g\nX-H: h\nX-I: i\nX-J: j\nX-K: k\nX-L: l\nX-M: m\nX-N: n\nBlank: value\n");
    }

    #[test]
    fn failures_change_nothing() {
        let mut h = vec![("A".to_string(), "1".to_string())];
        for bad in ["", "NoColon", ":v", "X-Q"] {
            assert_eq!(
                apply(&mut h, bad, HTTP_ADDREQ_FLAG_ADD),
                Err(Error::HttpInvalidHeader),
                "{bad:?}"
            );
        }
        assert_eq!(
            apply(&mut h, "a: 2", 0x0000_0001),
            Err(Error::HttpInvalidHeader)
        );
        assert_eq!(h, [("A".to_string(), "1".to_string())]);
        assert_eq!(parse_line("A: b\r\nc"), Err(Error::HttpInvalidHeader));
        assert_eq!(parse_line("A:b:c"), Ok(("A", "b:c")));
    }

    #[test]
    fn replace_with_empty_removes_first_only() {
        let mut h = Vec::new();
        apply(
            &mut h,
            "Authorization: Basic\r\nAuthorization: Other",
            HTTP_ADDREQ_FLAG_ADD,
        )
        .unwrap();
        apply(&mut h, "authorization:\r\n", HTTP_ADDREQ_FLAG_REPLACE).unwrap();
        assert_eq!(list(&h), "Authorization: Other\n");
    }
}
