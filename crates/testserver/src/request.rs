//! Reading requests off a connection: the head up to its blank line, then a
//! `Content-Length` or chunked body. Leftover bytes stay buffered, so
//! pipelined requests on a keep-alive connection are read in turn.

use std::io::{self, Read};

/// Largest request head we accept; beyond it the request is refused.
const MAX_HEAD: usize = 1024 * 1024;
/// Largest request body we accept (bodies are kept in memory for `requests()`).
const MAX_BODY: u64 = 1 << 30;

/// One parsed request.
#[derive(Debug, Clone)]
pub(crate) struct Request {
    pub method: String,
    pub target: String,
    pub version: String,
    /// The raw head, request line through the terminating blank line.
    pub head: Vec<u8>,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// Why no request could be read.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// The peer closed (or the server is stopping) before a request began.
    Eof,
    /// The socket failed (reset, timeout, or shut down by a stopping server).
    Io,
    /// The bytes are not an acceptable HTTP request; answer 400 and close.
    Bad(&'static str),
}

impl From<io::Error> for ReadError {
    fn from(_: io::Error) -> Self {
        ReadError::Io
    }
}

impl Request {
    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// True if any `name` header lists `token` (comma-separated, any case).
    pub fn header_has_token(&self, name: &str, token: &str) -> bool {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .flat_map(|(_, v)| v.split(','))
            .any(|t| t.trim().eq_ignore_ascii_case(token))
    }

    /// The target's path, without the query string.
    /// An absolute-form target (`http://host:port/path`, what a client
    /// sends a proxy) counts by its path, as RFC 9112 §3.2.2 has servers
    /// accept it: the server can stand in for a proxy.
    pub fn path(&self) -> &str {
        let target = match self.target.split_once("://") {
            Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
            None => &self.target,
        };
        target.split('?').next().unwrap_or("")
    }

    /// The decoded query parameters, in order.
    pub fn query(&self) -> Vec<(String, String)> {
        let Some((_, q)) = self.target.split_once('?') else {
            return Vec::new();
        };
        q.split('&')
            .filter(|kv| !kv.is_empty())
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                (percent_decode(k), percent_decode(v))
            })
            .collect()
    }

    /// The first query parameter called `name`.
    pub fn param(&self, name: &str) -> Option<String> {
        self.query()
            .into_iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }

    /// HTTP/1.1 keeps the connection unless told `close`; HTTP/1.0 closes
    /// unless told `keep-alive`.
    pub fn wants_close(&self) -> bool {
        if self.header_has_token("Connection", "close") {
            return true;
        }
        self.version == "HTTP/1.0" && !self.header_has_token("Connection", "keep-alive")
    }

    /// True if the request announced a body (so `Expect` matters).
    pub fn announces_body(&self) -> bool {
        self.header_has_token("Transfer-Encoding", "chunked")
            || self
                .header("Content-Length")
                .is_some_and(|v| v.trim() != "0")
    }
}

/// Decodes `%XX` escapes and `+` (as space); invalid escapes stay as written.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => match hex_pair(b[i + 1], b[i + 2]) {
                Some(v) => {
                    out.push(v);
                    i += 3;
                    continue;
                }
                None => out.push(b'%'),
            },
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_pair(hi: u8, lo: u8) -> Option<u8> {
    let digit = |c: u8| (c as char).to_digit(16);
    Some((digit(hi)? * 16 + digit(lo)?) as u8)
}

/// A buffered reader over one connection.
pub(crate) struct Reader<R> {
    inner: R,
    buf: Vec<u8>,
}

impl<R: Read> Reader<R> {
    pub fn new(inner: R) -> Self {
        Reader {
            inner,
            buf: Vec::new(),
        }
    }

    /// Reads more bytes into the buffer; returns how many (0 at EOF).
    fn fill(&mut self) -> io::Result<usize> {
        let mut tmp = [0u8; 16 * 1024];
        loop {
            match self.inner.read(&mut tmp) {
                Ok(n) => {
                    self.buf.extend_from_slice(&tmp[..n]);
                    return Ok(n);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
    }

    /// Reads and parses the next request head (the body is not read yet).
    pub fn read_head(&mut self) -> Result<Request, ReadError> {
        loop {
            // Tolerate stray blank lines between requests (RFC 9112 §2.2).
            let skip = self
                .buf
                .iter()
                .take_while(|b| **b == b'\r' || **b == b'\n')
                .count();
            self.buf.drain(..skip);
            if let Some(end) = head_end(&self.buf) {
                let head: Vec<u8> = self.buf.drain(..end).collect();
                return parse_head(head);
            }
            if self.buf.len() > MAX_HEAD {
                return Err(ReadError::Bad("request head too large"));
            }
            if self.fill()? == 0 {
                return Err(if self.buf.is_empty() {
                    ReadError::Eof
                } else {
                    ReadError::Bad("connection closed inside the request head")
                });
            }
        }
    }

    /// Reads the body `req` announced into `req.body`.
    pub fn read_body(&mut self, req: &mut Request) -> Result<(), ReadError> {
        if req.header_has_token("Transfer-Encoding", "chunked") {
            req.body = self.read_chunked()?;
        } else if let Some(v) = req.header("Content-Length") {
            let n: u64 = v
                .trim()
                .parse()
                .map_err(|_| ReadError::Bad("bad Content-Length"))?;
            if n > MAX_BODY {
                return Err(ReadError::Bad("request body too large"));
            }
            req.body = self.read_exact(n as usize)?;
        }
        Ok(())
    }

    fn read_exact(&mut self, n: usize) -> Result<Vec<u8>, ReadError> {
        while self.buf.len() < n {
            if self.fill()? == 0 {
                return Err(ReadError::Bad("connection closed inside the request body"));
            }
        }
        Ok(self.buf.drain(..n).collect())
    }

    /// One line without its `\n` or `\r\n`.
    fn read_line(&mut self) -> Result<Vec<u8>, ReadError> {
        loop {
            if let Some(i) = self.buf.iter().position(|b| *b == b'\n') {
                let mut line: Vec<u8> = self.buf.drain(..=i).collect();
                line.pop();
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                return Ok(line);
            }
            if self.buf.len() > MAX_HEAD {
                return Err(ReadError::Bad("line too long"));
            }
            if self.fill()? == 0 {
                return Err(ReadError::Bad("connection closed inside a chunked body"));
            }
        }
    }

    fn read_chunked(&mut self) -> Result<Vec<u8>, ReadError> {
        let mut body = Vec::new();
        loop {
            let line = self.read_line()?;
            let line = String::from_utf8_lossy(&line);
            let size_text = line.split(';').next().unwrap_or("").trim();
            let size =
                u64::from_str_radix(size_text, 16).map_err(|_| ReadError::Bad("bad chunk size"))?;
            if size == 0 {
                // Trailer fields up to the blank line; recorded nowhere.
                while !self.read_line()?.is_empty() {}
                return Ok(body);
            }
            if body.len() as u64 + size > MAX_BODY {
                return Err(ReadError::Bad("request body too large"));
            }
            body.extend(self.read_exact(size as usize)?);
            if !self.read_line()?.is_empty() {
                return Err(ReadError::Bad("chunk data not followed by CRLF"));
            }
        }
    }

    /// Reads and discards until EOF or error (used by `/hang`, and to drain
    /// before a graceful close).
    pub fn drain_to_eof(&mut self) {
        self.buf.clear();
        while let Ok(n) = self.fill() {
            if n == 0 {
                break;
            }
            self.buf.clear();
        }
    }
}

/// Index just past the blank line ending a head (`\r\n\r\n`, `\n\n`, or a mix).
fn head_end(buf: &[u8]) -> Option<usize> {
    for (i, b) in buf.iter().enumerate() {
        if *b != b'\n' {
            continue;
        }
        match &buf[i + 1..] {
            [b'\n', ..] => return Some(i + 2),
            [b'\r', b'\n', ..] => return Some(i + 3),
            _ => {}
        }
    }
    None
}

fn parse_head(head: Vec<u8>) -> Result<Request, ReadError> {
    let text = String::from_utf8_lossy(&head).into_owned();
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let request_line = lines.next().unwrap_or("");
    let mut parts = request_line.split_whitespace();
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(ReadError::Bad("malformed request line"));
    };
    if !version.starts_with("HTTP/") {
        return Err(ReadError::Bad("malformed request line"));
    }
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines {
        if line.is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            // Obsolete line folding: continue the previous value.
            let Some(last) = headers.last_mut() else {
                return Err(ReadError::Bad("folded line before any header"));
            };
            last.1.push(' ');
            last.1.push_str(line.trim());
            continue;
        }
        let Some((name, value)) = line.split_once(':') else {
            return Err(ReadError::Bad("header line without a colon"));
        };
        headers.push((name.trim().to_string(), value.trim().to_string()));
    }
    Ok(Request {
        method: method.to_string(),
        target: target.to_string(),
        version: version.to_string(),
        head,
        headers,
        body: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader(bytes: &[u8]) -> Reader<&[u8]> {
        Reader::new(bytes)
    }

    #[test]
    fn pipelined_requests_with_bodies() {
        let raw = b"POST /a HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcPUT /b?x=1%202&y HTTP/1.1\r\n\
                    Transfer-Encoding: chunked\r\n\r\n2;ext=1\r\nhi\r\nA\r\n0123456789\r\n0\r\nT: v\r\n\r\n";
        let mut r = reader(raw);
        let mut a = r.read_head().unwrap();
        r.read_body(&mut a).unwrap();
        assert_eq!(
            (a.method.as_str(), a.path(), a.body.as_slice()),
            ("POST", "/a", &b"abc"[..])
        );
        let mut b = r.read_head().unwrap();
        r.read_body(&mut b).unwrap();
        assert_eq!(b.body, b"hi0123456789");
        assert_eq!(b.param("x").as_deref(), Some("1 2"));
        assert_eq!(b.param("y").as_deref(), Some(""));
        assert!(matches!(r.read_head(), Err(ReadError::Eof)));
    }

    #[test]
    fn lf_only_heads_and_folding() {
        let mut r = reader(b"\r\nGET / HTTP/1.0\nA: 1\n  2\nconnection: Keep-Alive\n\n");
        let q = r.read_head().unwrap();
        assert_eq!(q.header("a"), Some("1 2"));
        assert!(!q.wants_close());
        assert_eq!(
            q.head,
            b"GET / HTTP/1.0\nA: 1\n  2\nconnection: Keep-Alive\n\n"
        );
    }

    #[test]
    fn bad_inputs_are_rejected() {
        for raw in [
            &b"GARBAGE\r\n\r\n"[..],
            b"GET / HTTP/1.1\r\nNoColon\r\n\r\n",
            b"GET / FTP/1.0\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: x",
        ] {
            assert!(
                matches!(reader(raw).read_head(), Err(ReadError::Bad(_))),
                "{raw:?}"
            );
        }
        let mut r = reader(b"POST / HTTP/1.1\r\nContent-Length: 9\r\n\r\nabc");
        let mut q = r.read_head().unwrap();
        assert!(matches!(r.read_body(&mut q), Err(ReadError::Bad(_))));
        let mut r = reader(b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
        let mut q = r.read_head().unwrap();
        assert!(matches!(r.read_body(&mut q), Err(ReadError::Bad(_))));
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("a%2Fb+c"), "a/b c");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
    }
}
