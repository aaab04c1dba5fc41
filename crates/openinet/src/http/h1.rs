//! HTTP/1.1 wire format, socket-free: parsing a response head and encoding
//! a request head. The client feeds [`parse_response_head`] its read buffer
//! and gets `Ok(None)` until a whole head is there.
//!
//! Leniency follows WinINet (observed under Wine 8 against a scripted
//! server): LF-only line ends, extra spaces around the status code, a
//! missing reason phrase, spaces before a header's colon, header lines
//! without a colon (skipped) are all accepted. A response that does not
//! begin with `HTTP/` has no head at all: WinINet reports `HTTP/1.0 200 OK`
//! and delivers the bytes as the body (`INTERNET_REQFLAG_NO_HEADERS`).
//!
//! The head is parsed by hand rather than with `httparse`: httparse rejects
//! several forms WinINet accepts (colon-less lines, `Name : value`, a bare
//! status line), and WinINet's answers to those are the behaviour we copy.

use crate::Error;

/// The most bytes a response head may take, blank line included. WinINet
/// has no documented bound; 256 KiB is far above real heads (Wine happily
/// reads 2000 headers) and keeps a hostile server from growing the read
/// buffer without end. Past it: `HttpInvalidServerResponse`.
pub const MAX_HEAD_LEN: usize = 256 * 1024;

/// A parsed response head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseHead {
    /// `(major, minor)` of `HTTP/major.minor`.
    pub version: (u8, u8),
    pub status: u16,
    /// The reason phrase after the code, as sent (may be empty).
    pub reason: String,
    /// Header fields in received order and case; names and values trimmed
    /// of spaces and tabs; folded continuation lines joined with one space.
    pub headers: Vec<(String, String)>,
    /// The status line and each header line as received, without line
    /// ends (what `HTTP_QUERY_RAW_HEADERS(_CRLF)` report).
    pub lines: Vec<String>,
    /// The server sent no head (`INTERNET_REQFLAG_NO_HEADERS`): the fields
    /// above are the synthesized `HTTP/1.0 200 OK` and every byte is body.
    pub no_headers: bool,
}

impl ResponseHead {
    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// `HTTP/1.1`-style version text.
    pub fn version_text(&self) -> String {
        format!("HTTP/{}.{}", self.version.0, self.version.1)
    }

    /// The head WinINet reports for a response that had none.
    fn bare() -> ResponseHead {
        ResponseHead {
            version: (1, 0),
            status: 200,
            reason: "OK".to_string(),
            headers: Vec::new(),
            lines: vec!["HTTP/1.0 200 OK".to_string()],
            no_headers: true,
        }
    }
}

/// Parses a response head from the start of `buf`.
///
/// `Ok(None)`: more bytes are needed. `Ok(Some((head, n)))`: `n` bytes
/// (through the blank line) belong to the head; for a head-less response
/// `n` is 0 and everything is body. Errors: `HttpInvalidServerResponse`
/// for a malformed status line or a head over [`MAX_HEAD_LEN`].
pub fn parse_response_head(buf: &[u8]) -> Result<Option<(ResponseHead, usize)>, Error> {
    const PREFIX: &[u8] = b"HTTP/";
    if buf.len() < PREFIX.len() {
        return if PREFIX.starts_with(buf) {
            Ok(None)
        } else {
            Ok(Some((ResponseHead::bare(), 0)))
        };
    }
    if !buf.starts_with(PREFIX) {
        return Ok(Some((ResponseHead::bare(), 0)));
    }
    let Some((lines, used)) = split_head(buf)? else {
        return Ok(None);
    };
    let mut lines = lines.into_iter().map(decode);
    let status_line = lines.next().ok_or(Error::HttpInvalidServerResponse)?;
    let (version, status, reason) = parse_status_line(&status_line)?;
    let mut head = ResponseHead {
        version,
        status,
        reason,
        headers: Vec::new(),
        lines: vec![status_line],
        no_headers: false,
    };
    for line in lines {
        add_header_line(&mut head.headers, &line);
        head.lines.push(line);
    }
    Ok(Some((head, used)))
}

/// Splits the head into lines (CR stripped) up to the blank line; returns
/// them with the bytes used, or `None` when the blank line is not there yet.
/// Head lines and the bytes they took.
type Lines<'a> = (Vec<&'a [u8]>, usize);

fn split_head(buf: &[u8]) -> Result<Option<Lines<'_>>, Error> {
    let mut lines = Vec::new();
    let mut start = 0;
    while let Some(pos) = buf[start..].iter().position(|&b| b == b'\n') {
        let end = start + pos;
        if end + 1 > MAX_HEAD_LEN {
            return Err(Error::HttpInvalidServerResponse);
        }
        let line = &buf[start..end];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        start = end + 1;
        if line.is_empty() {
            return Ok(Some((lines, start)));
        }
        lines.push(line);
    }
    if buf.len() > MAX_HEAD_LEN {
        return Err(Error::HttpInvalidServerResponse);
    }
    Ok(None)
}

/// Head bytes as text: UTF-8 when valid, else Latin-1 byte for byte, so no
/// byte is lost.
fn decode(line: &[u8]) -> String {
    match std::str::from_utf8(line) {
        Ok(s) => s.to_string(),
        Err(_) => line.iter().map(|&b| char::from(b)).collect(),
    }
}

/// `HTTP/x.y <spaces> code [<spaces> reason]`.
fn parse_status_line(line: &str) -> Result<((u8, u8), u16, String), Error> {
    let bad = Error::HttpInvalidServerResponse;
    let rest = line.strip_prefix("HTTP/").ok_or(bad)?;
    let (ver, rest) = rest.split_once(' ').ok_or(bad)?;
    let (major, minor) = ver.split_once('.').ok_or(bad)?;
    let version = (
        parse_small(major).ok_or(bad)?,
        parse_small(minor).ok_or(bad)?,
    );
    let rest = rest.trim_start_matches(' ');
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return Err(bad);
    }
    let status: u16 = rest[..digits].parse().map_err(|_| bad)?;
    let after = &rest[digits..];
    let reason = if after.is_empty() {
        String::new()
    } else if after.starts_with(' ') {
        // WinINet keeps the phrase as sent, trailing spaces included.
        after.trim_start_matches(' ').to_string()
    } else {
        return Err(bad); // "200OK"
    };
    Ok((version, status, reason))
}

fn parse_small(s: &str) -> Option<u8> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Adds one header line: `Name: value`, or a folded continuation of the
/// previous one. Lines without a colon, or with an empty name, are skipped
/// as WinINet skips them.
fn add_header_line(headers: &mut Vec<(String, String)>, line: &str) {
    const WS: &[char] = &[' ', '\t'];
    if line.starts_with(WS) {
        if let Some((_, value)) = headers.last_mut() {
            let more = line.trim_matches(WS);
            if !more.is_empty() {
                if !value.is_empty() {
                    value.push(' ');
                }
                value.push_str(more);
            }
        }
        return;
    }
    let Some((name, value)) = line.split_once(':') else {
        return;
    };
    let name = name.trim_matches(WS);
    if name.is_empty() {
        return;
    }
    headers.push((name.to_string(), value.trim_matches(WS).to_string()));
}

/// A 1xx interim response (100 Continue...): the client skips it and reads
/// the next head.
pub fn is_informational(head: &ResponseHead) -> bool {
    (100..200).contains(&head.status)
}

/// Appends `METHOD target VERSION\r\n`, each `Name: value\r\n`, and the
/// blank line to `out`. `version` is the whole token, e.g. `HTTP/1.1`.
/// Callers have already refused CR/LF in the parts (see `headers`).
pub fn encode_request_head(
    method: &str,
    target: &str,
    version: &str,
    headers: &[(String, String)],
    out: &mut Vec<u8>,
) {
    out.reserve(
        method.len()
            + target.len()
            + version.len()
            + 4
            + headers
                .iter()
                .map(|(n, v)| n.len() + v.len() + 4)
                .sum::<usize>()
            + 2,
    );
    for part in [method, " ", target, " ", version, "\r\n"] {
        out.extend_from_slice(part.as_bytes());
    }
    for (name, value) in headers {
        for part in [name.as_str(), ": ", value.as_str(), "\r\n"] {
            out.extend_from_slice(part.as_bytes());
        }
    }
    out.extend_from_slice(b"\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> (ResponseHead, usize) {
        parse_response_head(s.as_bytes()).unwrap().unwrap()
    }

    #[test]
    fn plain_head() {
        let raw = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: 1\r\nx-a:  two \r\n\r\nhello";
        let (h, n) = parse(raw);
        assert_eq!(n, raw.len() - 5);
        assert_eq!(
            (h.version, h.status, h.reason.as_str()),
            ((1, 1), 200, "OK")
        );
        assert_eq!(h.headers[2], ("x-a".to_string(), "two".to_string()));
        assert_eq!(
            h.lines,
            [
                "HTTP/1.1 200 OK",
                "Content-Length: 5",
                "X-A: 1",
                "x-a:  two "
            ]
        );
        assert_eq!(h.header("X-A"), Some("1"));
        assert!(!h.no_headers);
    }

    #[test]
    fn every_prefix_needs_more() {
        let raw = b"HTTP/1.1 200 OK\r\nA: b\r\n\r\n";
        for i in 0..raw.len() {
            assert_eq!(parse_response_head(&raw[..i]).unwrap(), None, "prefix {i}");
        }
        assert!(parse_response_head(raw).unwrap().is_some());
    }

    #[test]
    fn lenient_forms() {
        let (h, n) = parse("HTTP/1.1 200 OK\nContent-Length: 5\nX-B: b\n\n");
        assert_eq!((h.status, h.headers.len(), n), (200, 2, 42));
        let (h, _) = parse("HTTP/1.1 200\r\n\r\n");
        assert_eq!((h.status, h.reason.as_str()), (200, ""));
        let (h, _) = parse("HTTP/1.1   201   Created  Now \r\n\r\n");
        assert_eq!((h.status, h.reason.as_str()), (201, "Created  Now "));
        let (h, _) = parse("HTTP/1.1 200 OK\r\nName : value \r\nNoColon\r\n: empty\r\n\r\n");
        assert_eq!(h.headers, [("Name".to_string(), "value".to_string())]);
        assert_eq!(h.lines.len(), 4);
        let (h, _) = parse("HTTP/1.1 200 OK\r\nX-F: a\r\n  b\r\n\tc\r\n\r\n");
        assert_eq!(h.header("x-f"), Some("a b c"));
        let (h, _) = parse("HTTP/2.5 404 Not Found\r\n\r\n");
        assert_eq!((h.version, h.status), ((2, 5), 404));
    }

    #[test]
    fn no_status_line_means_no_head() {
        for raw in [
            "Content-Length: 5\r\n\r\nhello",
            "blah",
            "\r\nHTTP/1.1 200 OK\r\n\r\n",
            "http/1.1 200 OK\r\n\r\n",
            "ICY 200 OK\r\n\r\n",
        ] {
            let (h, n) = parse(raw);
            assert!(h.no_headers, "{raw:?}");
            assert_eq!(
                (n, h.status, h.version_text()),
                (0, 200, "HTTP/1.0".to_string())
            );
        }
        assert_eq!(parse_response_head(b"HTT").unwrap(), None);
        assert_eq!(parse_response_head(b"").unwrap(), None);
    }

    #[test]
    fn malformed_status_lines() {
        for raw in [
            "HTTP/1.1 OK\r\n\r\n",
            "HTTP/x 200 OK\r\n\r\n",
            "HTTP/1.1\r\n\r\n",
            "HTTP/1.1 200OK\r\n\r\n",
            "HTTP/1.1 99999 X\r\n\r\n",
            "HTTP/1 200 OK\r\n\r\n",
        ] {
            assert_eq!(
                parse_response_head(raw.as_bytes()),
                Err(Error::HttpInvalidServerResponse),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn over_long_head_is_an_error() {
        let mut raw = b"HTTP/1.1 200 OK\r\nX: ".to_vec();
        raw.resize(MAX_HEAD_LEN, b'a');
        assert_eq!(parse_response_head(&raw), Ok(None));
        raw.push(b'a');
        assert_eq!(
            parse_response_head(&raw),
            Err(Error::HttpInvalidServerResponse)
        );
        raw.extend_from_slice(b"\r\n\r\n");
        assert_eq!(
            parse_response_head(&raw),
            Err(Error::HttpInvalidServerResponse)
        );
    }

    #[test]
    fn non_utf8_bytes_survive() {
        let (h, _) = parse_response_head(b"HTTP/1.1 200 OK\r\nX: caf\xe9\r\n\r\n")
            .unwrap()
            .unwrap();
        assert_eq!(h.header("x"), Some("caf\u{e9}"));
    }

    #[test]
    fn informational() {
        assert!(is_informational(&parse("HTTP/1.1 100 Continue\r\n\r\n").0));
        assert!(!is_informational(&parse("HTTP/1.1 200 OK\r\n\r\n").0));
    }

    #[test]
    fn encodes_request_head() {
        let mut out = Vec::new();
        let h = vec![
            ("Host".to_string(), "x".to_string()),
            ("A".to_string(), String::new()),
        ];
        encode_request_head("GET", "/p?q", "HTTP/1.1", &h, &mut out);
        assert_eq!(out, b"GET /p?q HTTP/1.1\r\nHost: x\r\nA: \r\n\r\n");
    }
}
