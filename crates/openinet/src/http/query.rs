//! `HttpQueryInfo` as a pure function over a request's headers and its
//! response head. The C layer turns an [`Answer`] into bytes, UTF-16 and
//! the buffer-length rules.
//!
//! WinINet facts (Wine 8 runs against a scripted server; Wine's
//! HttpHeaders_test, checked on Windows):
//! - text lengths exclude the NUL on success and include it on
//!   `ERROR_INSUFFICIENT_BUFFER`; the index is advanced only on success;
//! - `RAW_HEADERS_CRLF`: the status (or request) line and each header line
//!   joined by CRLF, ending in CRLF CRLF; with no response yet, `"\r\n"`
//!   (Windows 10 says `"\r\n\r\n"`);
//! - `RAW_HEADERS`: the same lines each followed by a NUL; the C layer's
//!   terminating NUL makes the double NUL; length = this text's length;
//! - `STATUS_CODE` is the code as text (`"200"`), or 200 with FLAG_NUMBER;
//!   with an index other than 0 it is `ERROR_HTTP_HEADER_NOT_FOUND` (Wine's
//!   `test_status_code`, on Windows); asked of the request headers it is
//!   `ERROR_HTTP_INVALID_QUERY_REQUEST`. Before a response (none yet, or
//!   the send failed) it is `ERROR_HTTP_HEADER_NOT_FOUND`, like the other
//!   parts of the response: Wine 8 answers `"0"`, which no Windows-checked
//!   test asserts, and a status code of 0 is one no server sent;
//! - `STATUS_TEXT` of `HTTP/1.1 200` is the empty string (success);
//! - repeated headers are iterated with the index (in: which occurrence,
//!   out: the next); past the end, and unknown or unsupported ids
//!   (e.g. 95, 200, ECHO_*), give `ERROR_HTTP_HEADER_NOT_FOUND`.

use super::h1::ResponseHead;
use crate::consts::{
    HTTP_QUERY_CUSTOM, HTTP_QUERY_FLAG_NUMBER, HTTP_QUERY_FLAG_REQUEST_HEADERS,
    HTTP_QUERY_FLAG_SYSTEMTIME, HTTP_QUERY_RAW_HEADERS, HTTP_QUERY_RAW_HEADERS_CRLF,
    HTTP_QUERY_REQUEST_METHOD, HTTP_QUERY_STATUS_CODE, HTTP_QUERY_STATUS_TEXT, HTTP_QUERY_VERSION,
};
use crate::time::SystemTime;
use crate::Error;

/// What `HttpQueryInfo` returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// A string (the C layer adds the NUL and applies the length rules).
    Text(String),
    /// `HTTP_QUERY_FLAG_NUMBER`: a DWORD.
    Number(u32),
    /// `HTTP_QUERY_FLAG_SYSTEMTIME`.
    Time(SystemTime),
}

/// The request line a request handle will send (or sent).
#[derive(Debug, Clone, Copy)]
pub struct RequestLine<'a> {
    pub method: &'a str,
    pub target: &'a str,
    /// The whole version token, e.g. `HTTP/1.1`.
    pub version: &'a str,
}

/// Everything `HttpQueryInfo` can look at for one request handle.
#[derive(Debug, Clone, Copy)]
pub struct HeaderView<'a> {
    pub request_line: RequestLine<'a>,
    pub request_headers: &'a [(String, String)],
    /// The final response head, once received.
    pub response: Option<&'a ResponseHead>,
}

/// The low word of an info level: the `HTTP_QUERY_*` id.
const ID_MASK: u32 = 0xFFFF;

/// `HttpQueryInfo(info_level, custom_name, index)`. `custom_name` is the
/// name for `HTTP_QUERY_CUSTOM` (the caller's buffer contents); `index`
/// selects among repeated headers and is advanced on success.
///
/// Errors: `HttpHeaderNotFound` (absent, index past the end, unknown id),
/// `HttpInvalidQueryRequest` (status asked of request headers),
/// `InvalidParameter` (CUSTOM without a name), `HttpInvalidHeader`
/// (FLAG_SYSTEMTIME on a value that is no date).
pub fn query_info(
    view: &HeaderView<'_>,
    info_level: u32,
    custom_name: Option<&str>,
    index: &mut u32,
) -> Result<Answer, Error> {
    let id = info_level & ID_MASK;
    let request = info_level & HTTP_QUERY_FLAG_REQUEST_HEADERS != 0;
    let text = match id {
        HTTP_QUERY_STATUS_CODE | HTTP_QUERY_STATUS_TEXT if request => {
            return Err(Error::HttpInvalidQueryRequest)
        }
        // One status line: any index but 0 is past it (Wine's http.c
        // asserts ERROR_HTTP_HEADER_NOT_FOUND for index 1, on Windows).
        HTTP_QUERY_STATUS_CODE if *index != 0 => return Err(Error::HttpHeaderNotFound),
        // Before a response, the status is 0 (Wine's http.c
        // InternetReadFile_test reads "0" on a request not sent yet,
        // checked on Windows).
        HTTP_QUERY_STATUS_CODE => view.response.map_or(0, |r| r.status).to_string(),
        HTTP_QUERY_STATUS_TEXT => view
            .response
            .ok_or(Error::HttpHeaderNotFound)?
            .reason()
            .to_string(),
        HTTP_QUERY_VERSION if request => view.request_line.version.to_string(),
        HTTP_QUERY_VERSION => view
            .response
            .ok_or(Error::HttpHeaderNotFound)?
            .version_text(),
        HTTP_QUERY_REQUEST_METHOD => view.request_line.method.to_string(),
        // The whole head is one answer: an index past it finds nothing
        // (Wine's http.c test_HttpQueryInfo: 0xdeadbeef fails with
        // ERROR_HTTP_HEADER_NOT_FOUND on Windows; 0 is answered and stays 0).
        HTTP_QUERY_RAW_HEADERS | HTTP_QUERY_RAW_HEADERS_CRLF if *index != 0 => {
            return Err(Error::HttpHeaderNotFound)
        }
        HTTP_QUERY_RAW_HEADERS | HTTP_QUERY_RAW_HEADERS_CRLF => {
            let lines = raw_lines(view, request);
            if id == HTTP_QUERY_RAW_HEADERS {
                lines.iter().map(|l| format!("{l}\0")).collect()
            } else if lines.is_empty() {
                "\r\n".to_string()
            } else {
                lines.join("\r\n") + "\r\n\r\n"
            }
        }
        _ => {
            let name = if id == HTTP_QUERY_CUSTOM {
                custom_name.ok_or(Error::InvalidParameter)?
            } else {
                header_name(id).ok_or(Error::HttpHeaderNotFound)?
            };
            let wanted = *index as usize;
            let nth = |fields: &mut dyn Iterator<Item = (&str, &str)>| {
                fields
                    .filter(|(n, _)| n.eq_ignore_ascii_case(name))
                    .nth(wanted)
                    .map(|(_, v)| v.to_string())
            };
            let value = if request {
                nth(&mut view
                    .request_headers
                    .iter()
                    .map(|(n, v)| (n.as_str(), v.as_str())))
            } else {
                view.response.and_then(|h| nth(&mut h.headers()))
            }
            .ok_or(Error::HttpHeaderNotFound)?;
            let answer = convert(value, info_level)?;
            *index += 1;
            return Ok(answer);
        }
    };
    convert(text, info_level)
}

/// Applies FLAG_NUMBER / FLAG_SYSTEMTIME.
fn convert(text: String, info_level: u32) -> Result<Answer, Error> {
    if info_level & HTTP_QUERY_FLAG_NUMBER != 0 {
        return atoi(&text).map(Answer::Number);
    }
    if info_level & HTTP_QUERY_FLAG_SYSTEMTIME != 0 {
        return crate::time::parse_http_date(&text)
            .map(Answer::Time)
            .ok_or(Error::HttpInvalidHeader);
    }
    Ok(Answer::Text(text))
}

/// C's `atoi`, as WinINet applies it for FLAG_NUMBER: leading spaces, a
/// sign, the digits that follow; 0 when there are none. A number that
/// does not fit a DWORD is `ERROR_HTTP_INVALID_HEADER` (Wine's http.c
/// test_large_content: a Content-Length of 2^32 fails on Windows, 2^32-1
/// is read); a negative one wraps like a DWORD.
fn atoi(text: &str) -> Result<u32, Error> {
    let t = text.trim_start_matches([' ', '\t']);
    let (negative, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let mut n: u32 = 0;
    for d in t.bytes().take_while(u8::is_ascii_digit) {
        n = n
            .checked_mul(10)
            .and_then(|n| n.checked_add(u32::from(d - b'0')))
            .ok_or(Error::HttpInvalidHeader)?;
    }
    Ok(if negative { n.wrapping_neg() } else { n })
}

/// The lines RAW_HEADERS reports: the request line and request headers,
/// or the response lines as received.
fn raw_lines(view: &HeaderView<'_>, request: bool) -> Vec<String> {
    if request {
        let r = view.request_line;
        std::iter::once(format!("{} {} {}", r.method, r.target, r.version))
            .chain(
                view.request_headers
                    .iter()
                    .map(|(n, v)| format!("{n}: {v}")),
            )
            .collect()
    } else {
        view.response
            .map_or_else(Vec::new, |h| h.lines().map(str::to_string).collect())
    }
}

/// The header an `HTTP_QUERY_*` id names (ids from wininet.h).
pub fn header_name(id: u32) -> Option<&'static str> {
    Some(match id {
        0 => "MIME-Version",
        1 => "Content-Type",
        2 => "Content-Transfer-Encoding",
        3 => "Content-ID",
        4 => "Content-Description",
        5 => "Content-Length",
        6 => "Content-Language",
        7 => "Allow",
        8 => "Public",
        9 => "Date",
        10 => "Expires",
        11 => "Last-Modified",
        12 => "Message-ID",
        13 => "URI",
        14 => "Derived-From",
        15 => "Cost",
        16 => "Link",
        17 => "Pragma",
        23 => "Connection",
        24 => "Accept",
        25 => "Accept-Charset",
        26 => "Accept-Encoding",
        27 => "Accept-Language",
        28 => "Authorization",
        29 => "Content-Encoding",
        30 => "Forwarded",
        31 => "From",
        32 => "If-Modified-Since",
        33 => "Location",
        34 => "Orig-URI",
        35 => "Referer",
        36 => "Retry-After",
        37 => "Server",
        38 => "Title",
        39 => "User-Agent",
        40 => "WWW-Authenticate",
        41 => "Proxy-Authenticate",
        42 => "Accept-Ranges",
        43 => "Set-Cookie",
        44 => "Cookie",
        46 => "Refresh",
        47 => "Content-Disposition",
        48 => "Age",
        49 => "Cache-Control",
        50 => "Content-Base",
        51 => "Content-Location",
        52 => "Content-MD5",
        53 => "Content-Range",
        54 => "ETag",
        55 => "Host",
        56 => "If-Match",
        57 => "If-None-Match",
        58 => "If-Range",
        59 => "If-Unmodified-Since",
        60 => "Max-Forwards",
        61 => "Proxy-Authorization",
        62 => "Range",
        63 => "Transfer-Encoding",
        64 => "Upgrade",
        65 => "Vary",
        66 => "Via",
        67 => "Warning",
        68 => "Expect",
        69 => "Proxy-Connection",
        70 => "Unless-Modified-Since",
        75 => "Proxy-Support",
        76 => "Authentication-Info",
        77 => "PassportURLs",
        78 => "PassportConfig",
        79 => "X-Content-Type-Options",
        80 => "P3P",
        81 => "X-P2P-PeerDist",
        82 => "Translate",
        83 => "X-UA-Compatible",
        84 => "Default-Style",
        85 => "X-Frame-Options",
        86 => "X-XSS-Protection",
        87 => "Set-Cookie2",
        88 => "DNT",
        89 => "Keep-Alive",
        90 => "HTTP2-Settings",
        91 => "Strict-Transport-Security",
        92 => "Sec-Token-Binding",
        93 => "Include-Referred-Token-Binding-ID",
        94 => "Public-Key-Pins",
        95 => "Public-Key-Pins-Report-Only",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::consts::*;
    use crate::http::h1::parse_response_head;

    const RAW: &str = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: 1\r\nx-a:  two \r\nSet-Cookie: a=b\r\nServer: srv\r\nDate: Mon, 01 Jan 2024 10:20:30 GMT\r\nX-N: 12abc\r\nX-M: -7\r\n\r\n";

    fn with<R>(f: impl FnOnce(&HeaderView<'_>) -> R) -> R {
        let head = parse_response_head(RAW.as_bytes()).unwrap().unwrap().0;
        let req = vec![
            ("Host".to_string(), "h".to_string()),
            ("Warning".to_string(), "w1".to_string()),
            ("warning".to_string(), "w2".to_string()),
        ];
        let view = HeaderView {
            request_line: RequestLine {
                method: "GET",
                target: "/x?y=1",
                version: "HTTP/1.1",
            },
            request_headers: &req,
            response: Some(&head),
        };
        f(&view)
    }

    fn q(view: &HeaderView<'_>, level: u32, custom: Option<&str>) -> Result<Answer, Error> {
        query_info(view, level, custom, &mut 0)
    }

    fn text(s: &str) -> Result<Answer, Error> {
        Ok(Answer::Text(s.to_string()))
    }

    #[test]
    fn status_version_and_named_headers() {
        with(|v| {
            assert_eq!(q(v, HTTP_QUERY_STATUS_CODE, None), text("200"));
            assert_eq!(
                q(v, HTTP_QUERY_STATUS_CODE | HTTP_QUERY_FLAG_NUMBER, None),
                Ok(Answer::Number(200))
            );
            assert_eq!(q(v, HTTP_QUERY_STATUS_TEXT, None), text("OK"));
            assert_eq!(q(v, HTTP_QUERY_VERSION, None), text("HTTP/1.1"));
            assert_eq!(q(v, HTTP_QUERY_CONTENT_LENGTH, None), text("5"));
            assert_eq!(
                q(v, HTTP_QUERY_CONTENT_LENGTH | HTTP_QUERY_FLAG_NUMBER, None),
                Ok(Answer::Number(5))
            );
            assert_eq!(q(v, HTTP_QUERY_SET_COOKIE, None), text("a=b"));
            assert_eq!(q(v, HTTP_QUERY_SERVER, None), text("srv"));
            assert_eq!(
                q(v, HTTP_QUERY_CONTENT_TYPE, None),
                Err(Error::HttpHeaderNotFound)
            );
            assert_eq!(q(v, HTTP_QUERY_REQUEST_METHOD, None), text("GET"));
            assert_eq!(
                q(v, HTTP_QUERY_ECHO_HEADERS, None),
                Err(Error::HttpHeaderNotFound)
            );
            assert_eq!(q(v, 200, None), Err(Error::HttpHeaderNotFound));
            assert_eq!(q(v, HTTP_QUERY_CUSTOM, None), Err(Error::InvalidParameter));
        });
    }

    #[test]
    fn numbers_like_atoi() {
        with(|v| {
            let n = |name| q(v, HTTP_QUERY_CUSTOM | HTTP_QUERY_FLAG_NUMBER, Some(name));
            assert_eq!(n("X-N"), Ok(Answer::Number(12)));
            assert_eq!(n("X-M"), Ok(Answer::Number((-7i32) as u32)));
            assert_eq!(n("Server"), Ok(Answer::Number(0)));
        });
        assert_eq!(atoi("  42"), Ok(42));
        assert_eq!(atoi("4294967295"), Ok(u32::MAX));
        assert_eq!(atoi("4294967296"), Err(Error::HttpInvalidHeader));
        assert_eq!(atoi("18446744073709551615"), Err(Error::HttpInvalidHeader));
    }

    #[test]
    fn the_raw_head_has_only_index_zero() {
        with(|v| {
            let mut i = 0;
            assert!(query_info(v, HTTP_QUERY_RAW_HEADERS, None, &mut i).is_ok());
            assert_eq!(i, 0, "the index stays");
            for id in [HTTP_QUERY_RAW_HEADERS, HTTP_QUERY_RAW_HEADERS_CRLF] {
                let mut past = 0xdead_beef;
                assert_eq!(
                    query_info(v, id, None, &mut past),
                    Err(Error::HttpHeaderNotFound)
                );
            }
        });
    }

    #[test]
    fn index_iterates_repeats() {
        with(|v| {
            let mut i = 0;
            assert_eq!(
                query_info(v, HTTP_QUERY_CUSTOM, Some("X-A"), &mut i),
                text("1")
            );
            assert_eq!(i, 1);
            assert_eq!(
                query_info(v, HTTP_QUERY_CUSTOM, Some("x-A"), &mut i),
                text("two")
            );
            assert_eq!(i, 2);
            assert_eq!(
                query_info(v, HTTP_QUERY_CUSTOM, Some("X-A"), &mut i),
                Err(Error::HttpHeaderNotFound)
            );
            assert_eq!(i, 2);
            let mut i = 0;
            let req = HTTP_QUERY_WARNING | HTTP_QUERY_FLAG_REQUEST_HEADERS;
            assert_eq!(query_info(v, req, None, &mut i), text("w1"));
            assert_eq!(query_info(v, req, None, &mut i), text("w2"));
            assert_eq!(
                query_info(v, req, None, &mut i),
                Err(Error::HttpHeaderNotFound)
            );
            let mut i = 0;
            assert_eq!(
                query_info(v, HTTP_QUERY_STATUS_CODE, None, &mut i),
                text("200")
            );
            assert_eq!(i, 0, "the status line leaves the index alone");
            // There is one status line: index 1 is past it (Windows).
            let mut i = 1;
            assert_eq!(
                query_info(
                    v,
                    HTTP_QUERY_STATUS_CODE | HTTP_QUERY_FLAG_NUMBER,
                    None,
                    &mut i
                ),
                Err(Error::HttpHeaderNotFound)
            );
            assert_eq!(i, 1);
        });
    }

    #[test]
    fn raw_headers_forms() {
        with(|v| {
            let Ok(Answer::Text(crlf)) = q(v, HTTP_QUERY_RAW_HEADERS_CRLF, None) else {
                panic!()
            };
            assert_eq!(crlf, RAW);
            let Ok(Answer::Text(nul)) = q(v, HTTP_QUERY_RAW_HEADERS, None) else {
                panic!()
            };
            assert_eq!(
                nul,
                RAW.trim_end_matches("\r\n").replace("\r\n", "\0") + "\0"
            );
            let req = HTTP_QUERY_FLAG_REQUEST_HEADERS;
            assert_eq!(
                q(v, HTTP_QUERY_RAW_HEADERS_CRLF | req, None),
                text("GET /x?y=1 HTTP/1.1\r\nHost: h\r\nWarning: w1\r\nwarning: w2\r\n\r\n")
            );
            assert_eq!(
                q(v, HTTP_QUERY_RAW_HEADERS | req, None),
                text("GET /x?y=1 HTTP/1.1\0Host: h\0Warning: w1\0warning: w2\0")
            );
            assert_eq!(q(v, HTTP_QUERY_VERSION | req, None), text("HTTP/1.1"));
            assert_eq!(q(v, HTTP_QUERY_HOST | req, None), text("h"));
            assert_eq!(
                q(v, HTTP_QUERY_STATUS_CODE | req, None),
                Err(Error::HttpInvalidQueryRequest)
            );
            assert_eq!(
                q(v, HTTP_QUERY_STATUS_TEXT | req, None),
                Err(Error::HttpInvalidQueryRequest)
            );
        });
    }

    #[test]
    fn before_the_response() {
        let v = HeaderView {
            request_line: RequestLine {
                method: "POST",
                target: "/",
                version: "HTTP/1.0",
            },
            request_headers: &[],
            response: None,
        };
        assert_eq!(q(&v, HTTP_QUERY_RAW_HEADERS_CRLF, None), text("\r\n"));
        assert_eq!(q(&v, HTTP_QUERY_STATUS_CODE, None), text("0"));
        assert_eq!(
            q(&v, HTTP_QUERY_STATUS_CODE | HTTP_QUERY_FLAG_NUMBER, None),
            Ok(Answer::Number(0))
        );
        assert_eq!(
            q(&v, HTTP_QUERY_STATUS_TEXT, None),
            Err(Error::HttpHeaderNotFound)
        );
        assert_eq!(
            q(&v, HTTP_QUERY_CONTENT_TYPE, None),
            Err(Error::HttpHeaderNotFound)
        );
        assert_eq!(
            q(
                &v,
                HTTP_QUERY_RAW_HEADERS_CRLF | HTTP_QUERY_FLAG_REQUEST_HEADERS,
                None
            ),
            text("POST / HTTP/1.0\r\n\r\n")
        );
    }

    #[test]
    fn systemtime() {
        with(|v| {
            let Ok(Answer::Time(t)) = q(v, HTTP_QUERY_DATE | HTTP_QUERY_FLAG_SYSTEMTIME, None)
            else {
                panic!()
            };
            assert_eq!(
                (t.year, t.month, t.day, t.hour, t.minute, t.second),
                (2024, 1, 1, 10, 20, 30)
            );
            assert_eq!(
                q(v, HTTP_QUERY_SERVER | HTTP_QUERY_FLAG_SYSTEMTIME, None),
                Err(Error::HttpInvalidHeader)
            );
        });
    }

    #[test]
    fn every_named_id_matches_wininet_h() {
        assert_eq!(header_name(HTTP_QUERY_CONTENT_TYPE), Some("Content-Type"));
        assert_eq!(header_name(HTTP_QUERY_SET_COOKIE), Some("Set-Cookie"));
        assert_eq!(header_name(HTTP_QUERY_LOCATION), Some("Location"));
        assert_eq!(
            header_name(HTTP_QUERY_UNLESS_MODIFIED_SINCE),
            Some("Unless-Modified-Since")
        );
        assert_eq!(
            header_name(HTTP_QUERY_AUTHENTICATION_INFO),
            Some("Authentication-Info")
        );
        for special in [
            HTTP_QUERY_VERSION,
            HTTP_QUERY_STATUS_CODE,
            HTTP_QUERY_STATUS_TEXT,
            HTTP_QUERY_RAW_HEADERS,
            HTTP_QUERY_RAW_HEADERS_CRLF,
            HTTP_QUERY_REQUEST_METHOD,
        ] {
            assert_eq!(header_name(special), None);
        }
    }
}
