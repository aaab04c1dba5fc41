//! A deliberately small HTTP client over `std::net::TcpStream`, enough to
//! check the server's framing byte by byte.
#![allow(dead_code)]

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

pub struct Client {
    pub reader: BufReader<TcpStream>,
}

#[derive(Debug)]
pub struct Response {
    pub status_line: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub trailers: Vec<(String, String)>,
    /// The raw chunked framing, when the body was chunked.
    pub raw_chunked: Vec<u8>,
}

impl Response {
    pub fn code(&self) -> u16 {
        self.status_line
            .split_whitespace()
            .nth(1)
            .unwrap()
            .parse()
            .unwrap()
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.all(name).into_iter().next()
    }
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

impl Client {
    pub fn connect(port: u16) -> Client {
        let s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        Client {
            reader: BufReader::new(s),
        }
    }

    pub fn send(&mut self, raw: &[u8]) {
        self.reader.get_mut().write_all(raw).unwrap();
    }

    pub fn get(&mut self, path: &str) {
        self.send(format!("GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes());
    }

    pub fn line(&mut self) -> io::Result<String> {
        let mut l = String::new();
        if self.reader.read_line(&mut l)? == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        Ok(l.trim_end_matches(['\r', '\n']).to_string())
    }

    fn fields(&mut self) -> io::Result<Vec<(String, String)>> {
        let mut out = Vec::new();
        loop {
            let l = self.line()?;
            if l.is_empty() {
                return Ok(out);
            }
            let (n, v) = l.split_once(':').expect("header without colon");
            out.push((n.trim().to_string(), v.trim().to_string()));
        }
    }

    /// Reads one response head (status line + fields).
    pub fn head(&mut self) -> io::Result<(String, Vec<(String, String)>)> {
        let status = self.line()?;
        Ok((status, self.fields()?))
    }

    /// Reads a whole final response; `head_request` means no body follows.
    pub fn response(&mut self, head_request: bool) -> io::Result<Response> {
        let (status_line, headers) = self.head()?;
        let mut r = Response {
            status_line,
            headers,
            body: Vec::new(),
            trailers: Vec::new(),
            raw_chunked: Vec::new(),
        };
        let code = r.code();
        if head_request || code == 204 || code == 304 {
            return Ok(r);
        }
        if r.header("Transfer-Encoding") == Some("chunked") {
            loop {
                let size_line = self.line()?;
                r.raw_chunked.extend_from_slice(size_line.as_bytes());
                r.raw_chunked.extend_from_slice(b"\r\n");
                let size = usize::from_str_radix(size_line.split(';').next().unwrap(), 16)
                    .expect("chunk size");
                if size == 0 {
                    r.trailers = self.fields()?;
                    return Ok(r);
                }
                let mut data = vec![0; size];
                self.reader.read_exact(&mut data)?;
                r.body.extend_from_slice(&data);
                assert_eq!(self.line()?, "", "chunk not followed by CRLF");
            }
        } else if let Some(n) = r.header("Content-Length") {
            let mut data = vec![0; n.parse().unwrap()];
            self.reader.read_exact(&mut data)?;
            r.body = data;
        } else {
            self.reader.read_to_end(&mut r.body)?;
        }
        Ok(r)
    }

    /// Sends GET `path` and reads the response.
    pub fn fetch(&mut self, path: &str) -> Response {
        self.get(path);
        self.response(false).unwrap()
    }

    /// True if the server has closed: a read returns EOF.
    pub fn at_eof(&mut self) -> bool {
        let mut b = [0u8; 1];
        matches!(self.reader.read(&mut b), Ok(0))
    }
}
