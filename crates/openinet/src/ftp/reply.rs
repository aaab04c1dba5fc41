//! FTP replies (RFC 959 §4.2): a three-digit code, one line or several.
//!
//! A reply is built line by line by [`ReplyParser`], a pure state machine
//! with no I/O, so every hostile shape (garbage codes, endless multi-line
//! replies, huge lines) is tested without a socket. What it keeps is
//! bounded: each line to [`MAX_LINE`] bytes, the whole reply to
//! [`MAX_REPLY`]; the rest is read and dropped.

use crate::Error;

/// Bytes of one reply line kept (the rest of the line is read and dropped).
pub const MAX_LINE: usize = 4096;
/// Bytes of one reply's text kept (later lines are read and dropped).
pub const MAX_REPLY: usize = 64 * 1024;

/// One complete reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The three-digit code, 100..=599.
    pub code: u16,
    /// Every line as received (bounded), each ending in CRLF: what
    /// `InternetGetLastResponseInfo` returns.
    pub text: String,
}

impl Reply {
    /// 1xx: the command started; another reply follows.
    pub fn is_preliminary(&self) -> bool {
        self.code < 200
    }
    /// 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.code)
    }
    /// 3xx: more is needed (a password after USER, RNTO after RNFR).
    pub fn is_intermediate(&self) -> bool {
        (300..400).contains(&self.code)
    }
    /// The first line without its code and separator.
    pub fn first_line(&self) -> &str {
        let line = self.text.lines().next().unwrap_or("");
        line.get(4..).unwrap_or("")
    }
}

/// Builds a reply from its lines.
#[derive(Debug, Default)]
pub struct ReplyParser {
    /// The code of a multi-line reply in progress.
    open: Option<u16>,
    text: String,
}

/// The code at the start of a line, with the character after it.
fn leading_code(line: &[u8]) -> Option<(u16, u8)> {
    let d = line.get(..3)?;
    if !d.iter().all(u8::is_ascii_digit) || !(b'1'..=b'5').contains(&d[0]) {
        return None;
    }
    let code = d.iter().fold(0u16, |n, b| n * 10 + u16::from(b - b'0'));
    // A bare "200" line ends a reply as "200 " does.
    Some((code, line.get(3).copied().unwrap_or(b' ')))
}

impl ReplyParser {
    pub fn new() -> Self {
        Self::default()
    }

    /// Takes one line (without its line end; it may have been truncated).
    /// Returns the reply when this line ends it. A first line that does
    /// not start with a reply code is `ERROR_FTP_DROPPED`: the server
    /// speaks no FTP, and the session cannot go on.
    pub fn push(&mut self, line: &[u8]) -> Result<Option<Reply>, Error> {
        let line = trim_line_end(line);
        let lead = leading_code(line);
        self.keep(line);
        match (self.open, lead) {
            (None, Some((code, b'-'))) => {
                self.open = Some(code);
                Ok(None)
            }
            (None, Some((code, _))) => Ok(Some(self.finish(code))),
            (None, None) => Err(Error::FtpDropped),
            (Some(open), Some((code, sep))) if code == open && sep != b'-' => {
                Ok(Some(self.finish(code)))
            }
            (Some(_), _) => Ok(None),
        }
    }

    fn keep(&mut self, line: &[u8]) {
        if self.text.len() + line.len() + 2 > MAX_REPLY {
            return;
        }
        self.text
            .push_str(&String::from_utf8_lossy(&line[..line.len().min(MAX_LINE)]));
        self.text.push_str("\r\n");
    }

    fn finish(&mut self, code: u16) -> Reply {
        self.open = None;
        Reply {
            code,
            text: std::mem::take(&mut self.text),
        }
    }
}

fn trim_line_end(mut line: &[u8]) -> &[u8] {
    while let [rest @ .., b'\r' | b'\n'] = line {
        line = rest;
    }
    line
}

/// The directory in a PWD reply: `257 "/a ""quoted"" dir" is current`.
/// Doubled quotes inside stand for one (RFC 959 appendix II).
pub fn parse_pwd(reply: &Reply) -> Option<String> {
    let line = reply.first_line();
    let start = line.find('"')? + 1;
    let mut out = String::new();
    let mut chars = line[start..].chars().peekable();
    while let Some(c) = chars.next() {
        if c == '"' {
            if chars.peek() == Some(&'"') {
                chars.next();
                out.push('"');
            } else {
                return Some(out);
            }
        } else {
            out.push(c);
        }
    }
    None
}

/// The size a 150 reply announces: `150 Opening ... (1234 bytes).`
pub fn size_in_150(reply: &Reply) -> Option<u64> {
    let line = reply.first_line();
    let open = line.rfind('(')?;
    let rest = &line[open + 1..];
    let digits: &str = rest.split_whitespace().next()?;
    let unit = rest.split_whitespace().nth(1)?;
    if unit.starts_with("bytes") {
        digits.parse().ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_all(lines: &[&str]) -> Result<Vec<Reply>, Error> {
        let mut p = ReplyParser::new();
        let mut out = Vec::new();
        for l in lines {
            if let Some(r) = p.push(l.as_bytes())? {
                out.push(r);
            }
        }
        Ok(out)
    }

    #[test]
    fn single_line_reply() {
        let r = parse_all(&["220 Welcome\r\n"]).unwrap();
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].code, 220);
        assert_eq!(r[0].text, "220 Welcome\r\n");
        assert_eq!(r[0].first_line(), "Welcome");
    }

    #[test]
    fn multi_line_reply_ends_at_its_own_code_with_a_space() {
        let r = parse_all(&[
            "230-Hello",
            "230-still going",
            "  text that looks like nothing",
            "231 another code inside is text",
            "230 done",
            "200 next",
        ])
        .unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].code, 230);
        assert_eq!(r[0].text.lines().count(), 5);
        assert_eq!(r[1].code, 200);
    }

    #[test]
    fn garbage_codes_are_an_error_not_a_panic() {
        for bad in [
            "hello",
            "99 x",
            "600 x",
            "2x0 y",
            "",
            "\u{ff}\u{fe}",
            "020 zero",
        ] {
            assert_eq!(parse_all(&[bad]), Err(Error::FtpDropped), "{bad:?}");
        }
        // A bare code is a whole reply.
        assert_eq!(parse_all(&["200"]).unwrap()[0].code, 200);
    }

    #[test]
    fn huge_lines_and_replies_are_bounded() {
        let long = format!("220 {}", "x".repeat(300 * 1024));
        let r = parse_all(&[&long]).unwrap();
        assert!(r[0].text.len() <= MAX_LINE + 2);
        let mut p = ReplyParser::new();
        p.push(b"220-start").unwrap();
        let line = "y".repeat(1000);
        for _ in 0..1000 {
            assert_eq!(p.push(line.as_bytes()).unwrap(), None);
        }
        let r = p.push(b"220 end").unwrap().unwrap();
        assert!(r.text.len() <= MAX_REPLY);
    }

    #[test]
    fn pwd_with_doubled_quotes() {
        let r = Reply {
            code: 257,
            text: "257 \"/a \"\"b\"\" c\" is the current directory\r\n".into(),
        };
        assert_eq!(parse_pwd(&r).as_deref(), Some("/a \"b\" c"));
        let none = Reply {
            code: 257,
            text: "257 no quotes\r\n".into(),
        };
        assert_eq!(parse_pwd(&none), None);
    }

    #[test]
    fn size_announced_by_150() {
        let r = Reply {
            code: 150,
            text: "150 Opening BINARY mode data connection for f (5000000000 bytes).\r\n".into(),
        };
        assert_eq!(size_in_150(&r), Some(5_000_000_000));
        let r = Reply {
            code: 150,
            text: "150 Here comes the directory listing.\r\n".into(),
        };
        assert_eq!(size_in_150(&r), None);
    }
}
