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

/// A parsed response head. Its text is one string (the head as received,
/// each line followed by `\n`), and lines, reason and header fields are
/// ranges into it: a response costs a few allocations, not one per field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseHead {
    /// `(major, minor)` of `HTTP/major.minor`.
    pub version: (u8, u8),
    pub status: u16,
    /// The server sent no head (`INTERNET_REQFLAG_NO_HEADERS`): the head is
    /// the synthesized `HTTP/1.0 200 OK` and every byte is body.
    pub no_headers: bool,
    text: String,
    reason: Span,
    lines: Vec<Span>,
    /// (name, value) of each field; a folded value is joined in `text`.
    fields: Vec<(Span, Span)>,
}

/// A byte range of `ResponseHead::text`.
type Span = (u32, u32);

impl ResponseHead {
    fn at(&self, (start, end): Span) -> &str {
        &self.text[start as usize..end as usize]
    }

    /// The reason phrase after the code, as sent (may be empty).
    pub fn reason(&self) -> &str {
        self.at(self.reason)
    }

    /// The status line and each header line as received, without line
    /// ends (what `HTTP_QUERY_RAW_HEADERS(_CRLF)` report).
    pub fn lines(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.lines.iter().map(|&s| self.at(s))
    }

    /// Header fields in received order and case; names and values trimmed
    /// of spaces and tabs; folded continuation lines joined with one space.
    pub fn headers(
        &self,
    ) -> impl DoubleEndedIterator<Item = (&str, &str)> + ExactSizeIterator + '_ {
        self.fields.iter().map(|&(n, v)| (self.at(n), self.at(v)))
    }

    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }

    /// Removes every header called one of `names` (case-insensitive), its
    /// raw lines included (folded continuations too), as WinINet drops
    /// `Content-Encoding` from a response it decodes.
    pub fn remove_headers(&mut self, names: &[&str]) {
        let named = |n: &str| names.iter().any(|x| n.trim().eq_ignore_ascii_case(x));
        let text = &self.text;
        let at = |(a, b): Span| &text[a as usize..b as usize];
        self.fields.retain(|&(n, _)| !named(at(n)));
        let mut dropping = false;
        let mut kept = Vec::with_capacity(self.lines.len());
        for (i, &line) in self.lines.iter().enumerate() {
            let l = at(line);
            if i > 0 {
                if l.starts_with([' ', '\t']) {
                    if dropping {
                        continue;
                    }
                } else {
                    dropping = l.split_once(':').is_some_and(|(n, _)| named(n));
                    if dropping {
                        continue;
                    }
                }
            }
            kept.push(line);
        }
        self.lines = kept;
    }

    /// `HTTP/1.1`-style version text.
    pub fn version_text(&self) -> String {
        format!("HTTP/{}.{}", self.version.0, self.version.1)
    }

    /// The head WinINet reports for a response that had none.
    fn bare() -> ResponseHead {
        let text = "HTTP/1.0 200 OK\n".to_string();
        ResponseHead {
            version: (1, 0),
            status: 200,
            no_headers: true,
            reason: (13, 15),
            lines: vec![(0, 15)],
            fields: Vec::new(),
            text,
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
    let Some(used) = head_end(buf)? else {
        return Ok(None);
    };
    // The head as text, lines as received (CR stripped) each ending in \n.
    let raw = decode(&buf[..used]);
    let mut text = String::with_capacity(raw.len() + 16);
    let mut lines = Vec::with_capacity(16);
    for line in raw.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() {
            break;
        }
        let start = text.len() as u32;
        text.push_str(line);
        lines.push((start, text.len() as u32));
        text.push('\n');
    }
    let &status_span = lines.first().ok_or(Error::HttpInvalidServerResponse)?;
    let status_line = &text[status_span.0 as usize..status_span.1 as usize];
    let (version, status, reason_at) = parse_status_line(status_line)?;
    let reason = (status_span.0 + reason_at as u32, status_span.1);
    let mut fields = Vec::with_capacity(lines.len());
    for &line in &lines[1..] {
        add_header_line(&mut text, &mut fields, line);
    }
    let head = ResponseHead {
        version,
        status,
        no_headers: false,
        text,
        reason,
        lines,
        fields,
    };
    Ok(Some((head, used)))
}

/// Parses a response head that the server ended by closing the
/// connection before its blank line: what came is the head, as WinINet
/// takes it (Wine's http.c sends a 401 head cut short this way and reads
/// its status and headers back, checked on Windows). `None` when `buf` is
/// not the start of an HTTP head at all.
pub fn parse_head_cut_short(buf: &[u8]) -> Result<Option<(ResponseHead, usize)>, Error> {
    if !buf.starts_with(b"HTTP/") {
        return Ok(None);
    }
    let mut whole = Vec::with_capacity(buf.len() + 4);
    whole.extend_from_slice(buf);
    whole.extend_from_slice(b"\r\n\r\n");
    Ok(parse_response_head(&whole)?.map(|(head, _)| (head, buf.len())))
}

/// Where the head ends (after its blank line), or `None` while the blank
/// line has not arrived.
fn head_end(buf: &[u8]) -> Result<Option<usize>, Error> {
    let mut start = 0;
    while let Some(pos) = buf[start..].iter().position(|&b| b == b'\n') {
        let end = start + pos;
        if end + 1 > MAX_HEAD_LEN {
            return Err(Error::HttpInvalidServerResponse);
        }
        let line = &buf[start..end];
        start = end + 1;
        if line.is_empty() || line == b"\r" {
            return Ok(Some(start));
        }
    }
    if buf.len() > MAX_HEAD_LEN {
        return Err(Error::HttpInvalidServerResponse);
    }
    Ok(None)
}

/// Head bytes as text: UTF-8 when valid, else Latin-1 byte for byte, so no
/// byte is lost.
fn decode(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => std::borrow::Cow::Owned(bytes.iter().map(|&b| char::from(b)).collect()),
    }
}

/// `HTTP/x.y <spaces> code [<spaces> reason]`; returns the version, the
/// code, and where in the line the reason starts.
fn parse_status_line(line: &str) -> Result<((u8, u8), u16, usize), Error> {
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
        ""
    } else if after.starts_with(' ') {
        // WinINet keeps the phrase as sent, trailing spaces included.
        after.trim_start_matches(' ')
    } else {
        return Err(bad); // "200OK"
    };
    Ok((version, status, line.len() - reason.len()))
}

fn parse_small(s: &str) -> Option<u8> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Adds one header line (a span of `text`): `Name: value`, or a folded
/// continuation of the previous one (whose value is then joined at the end
/// of `text`). Lines without a colon, or with an empty name,
/// are skipped as WinINet skips them.
fn add_header_line(text: &mut String, fields: &mut Vec<(Span, Span)>, (start, end): Span) {
    let line = &text[start as usize..end as usize];
    if line.starts_with([' ', '\t']) {
        let more = trimmed_span(line, start);
        if more.0 == more.1 {
            return;
        }
        let Some((_, value)) = fields.last_mut() else {
            return;
        };
        if value.0 == value.1 {
            *value = more;
            return;
        }
        // The joined value lives at the end of `text`: moved there once,
        // then each further continuation is appended in place (linear in
        // the head's size however many folds there are).
        if value.1 as usize != text.len() {
            let at = text.len();
            text.extend_from_within(value.0 as usize..value.1 as usize);
            *value = (at as u32, text.len() as u32);
        }
        text.push(' ');
        text.extend_from_within(more.0 as usize..more.1 as usize);
        value.1 = text.len() as u32;
        return;
    }
    let Some(colon) = line.bytes().position(|b| b == b':') else {
        return;
    };
    let name = trimmed_span(&line[..colon], start);
    if name.0 == name.1 {
        return;
    }
    let value = trimmed_span(&line[colon + 1..], start + colon as u32 + 1);
    fields.push((name, value));
}

/// The span of `s` (which starts at `base` in the head's text) without
/// its leading and trailing spaces and tabs. Byte-wise: the head parser is
/// on every response's path, and `str::trim_matches` with a char set
/// cost more than the rest of a header line's parsing.
fn trimmed_span(s: &str, base: u32) -> Span {
    let is_ws = |b: &&u8| **b == b' ' || **b == b'\t';
    let bytes = s.as_bytes();
    let lead = bytes.iter().take_while(is_ws).count();
    let trail = bytes[lead..].iter().rev().take_while(is_ws).count();
    (base + lead as u32, base + (bytes.len() - trail) as u32)
}

/// A 1xx interim response (100 Continue...): the client skips it and reads
/// the next head.
pub fn is_informational(head: &ResponseHead) -> bool {
    (100..200).contains(&head.status)
}

/// Appends `METHOD target VERSION\r\n`, each `Name: value\r\n`, and the
/// blank line to `out`. `version` is the whole token, e.g. `HTTP/1.1`.
/// Callers have already refused CR/LF in the parts (see `headers`).
/// A byte that would end a line of the head (or a C string) early.
pub fn ends_a_line(b: u8) -> bool {
    matches!(b, b'\r' | b'\n' | 0)
}

/// Writes the request head. The one place the head is written, so the one
/// rule that no field can put a CR, LF or NUL on the wire lives here: such
/// a field is `ERROR_HTTP_INVALID_HEADER` and nothing is written (each
/// entry point refuses them earlier with its own error).
pub fn encode_request_head(
    method: &str,
    target: &str,
    version: &str,
    headers: &[(String, String)],
    out: &mut Vec<u8>,
) -> Result<(), Error> {
    let fields = [method, target, version]
        .into_iter()
        .chain(headers.iter().flat_map(|(n, v)| [n.as_str(), v.as_str()]));
    for field in fields {
        if field.bytes().any(ends_a_line) {
            return Err(Error::HttpInvalidHeader);
        }
    }
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
    Ok(())
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
        assert_eq!((h.version, h.status, h.reason()), ((1, 1), 200, "OK"));
        assert_eq!(h.headers().nth(2), Some(("x-a", "two")));
        assert_eq!(
            h.lines().collect::<Vec<_>>(),
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
    fn spaces_and_tabs_around_names_and_values_are_trimmed() {
        let raw = "HTTP/1.1 200 OK\r\n\tX-Lost: fold with nothing before\r\nA \t: \t v 1\t \r\nB:\r\n \t \r\nC:x\r\n\t y \r\n: no name\r\nD:\t\t\r\n\r\n";
        let (h, _) = parse(raw);
        assert_eq!(
            h.headers().collect::<Vec<_>>(),
            [("A", "v 1"), ("B", ""), ("C", "x y"), ("D", "")]
        );
    }

    #[test]
    fn a_flood_of_folded_lines_is_joined() {
        // 65,600 continuation lines once made the join quadratic (GiBs,
        // then a u32 span wrap and a panic); now each is appended in place.
        let mut raw = String::from("HTTP/1.1 200 OK\r\nX-A: a\r\n");
        raw.push_str(&" b\n".repeat(65_600));
        raw.push_str("Content-Length: 0\r\n\r\n");
        let (h, n) = parse(&raw);
        assert_eq!(n, raw.len());
        let joined = h.header("x-a").unwrap();
        assert_eq!(joined.len(), 1 + 2 * 65_600);
        assert!(joined.starts_with("a b b") && joined.ends_with(" b"));
        assert_eq!(h.header("content-length"), Some("0"));
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
        assert_eq!((h.status, h.headers().len(), n), (200, 2, 42));
        let (h, _) = parse("HTTP/1.1 200\r\n\r\n");
        assert_eq!((h.status, h.reason()), (200, ""));
        let (h, _) = parse("HTTP/1.1   201   Created  Now \r\n\r\n");
        assert_eq!((h.status, h.reason()), (201, "Created  Now "));
        let (h, _) = parse("HTTP/1.1 200 OK\r\nName : value \r\nNoColon\r\n: empty\r\n\r\n");
        assert_eq!(h.headers().collect::<Vec<_>>(), [("Name", "value")]);
        assert_eq!(h.lines().len(), 4);
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
        encode_request_head("GET", "/p?q", "HTTP/1.1", &h, &mut out).unwrap();
        assert_eq!(out, b"GET /p?q HTTP/1.1\r\nHost: x\r\nA: \r\n\r\n");
    }

    #[test]
    fn no_field_can_break_a_line() {
        for bad in ["a\nb", "a\rb", "a\0b"] {
            let mut out = Vec::new();
            let h = vec![("X".to_string(), bad.to_string())];
            assert_eq!(
                encode_request_head("GET", "/", "HTTP/1.1", &h, &mut out),
                Err(Error::HttpInvalidHeader)
            );
            assert!(out.is_empty(), "nothing written");
            let h = vec![(bad.to_string(), "v".to_string())];
            assert!(encode_request_head("GET", "/", "HTTP/1.1", &h, &mut out).is_err());
            assert!(encode_request_head("GET", bad, "HTTP/1.1", &[], &mut out).is_err());
            assert!(encode_request_head("GET", "/", bad, &[], &mut out).is_err());
            assert!(out.is_empty());
        }
    }

    #[test]
    fn removes_headers_and_their_lines() {
        let raw = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nX-A: 1\r\ncontent-length : 5\r\n  folded\r\nX-B: 2\r\n\r\n";
        let (mut head, _) = parse_response_head(raw).unwrap().unwrap();
        head.remove_headers(&["Content-Encoding", "Content-Length"]);
        let lines: Vec<&str> = head.lines().collect();
        assert_eq!(lines, ["HTTP/1.1 200 OK", "X-A: 1", "X-B: 2"]);
        let fields: Vec<(&str, &str)> = head.headers().collect();
        assert_eq!(fields, [("X-A", "1"), ("X-B", "2")]);
    }
}
