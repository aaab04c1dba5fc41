//! `WWW-Authenticate` / `Proxy-Authenticate` values: one or more
//! challenges, each a scheme and either auth-params (`name=value` or
//! `name="quoted"`) or a token68 (RFC 9110 §11.6.1, §11.3).

/// One challenge: its scheme (as sent) and parameters (names lower-cased).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    pub scheme: String,
    pub params: Vec<(String, String)>,
}

impl Challenge {
    pub fn is(&self, scheme: &str) -> bool {
        self.scheme.eq_ignore_ascii_case(scheme)
    }

    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

struct Cursor<'a> {
    s: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn skip_spaces(&mut self) {
        while self.i < self.s.len() && matches!(self.s[self.i], b' ' | b'\t') {
            self.i += 1;
        }
    }
    fn skip_separators(&mut self) {
        while self.i < self.s.len() && matches!(self.s[self.i], b' ' | b'\t' | b',') {
            self.i += 1;
        }
    }
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }
    fn token(&mut self) -> Option<String> {
        let start = self.i;
        while self.i < self.s.len() && is_tchar(self.s[self.i]) {
            self.i += 1;
        }
        (self.i > start).then(|| String::from_utf8_lossy(&self.s[start..self.i]).into_owned())
    }
    fn quoted(&mut self) -> Option<String> {
        debug_assert_eq!(self.peek(), Some(b'"'));
        self.i += 1;
        let mut out = Vec::new();
        while let Some(b) = self.peek() {
            self.i += 1;
            match b {
                b'"' => return Some(String::from_utf8_lossy(&out).into_owned()),
                b'\\' => {
                    out.push(self.peek()?);
                    self.i += 1;
                }
                b => out.push(b),
            }
        }
        None
    }
    /// Whether a `name =` follows (an auth-param, not the next challenge).
    fn param_follows(&self) -> bool {
        let mut j = self.i;
        while j < self.s.len() && is_tchar(self.s[j]) {
            j += 1;
        }
        if j == self.i {
            return false;
        }
        while j < self.s.len() && matches!(self.s[j], b' ' | b'\t') {
            j += 1;
        }
        if self.s.get(j) != Some(&b'=') {
            return false;
        }
        // `abc==` or `abc=` at the end is a token68's padding, not a param.
        j += 1;
        while j < self.s.len() && matches!(self.s[j], b' ' | b'\t') {
            j += 1;
        }
        !matches!(self.s.get(j), None | Some(b'=') | Some(b','))
    }
}

/// Parses every challenge in `values` (one per header field). A challenge
/// that breaks the grammar (an unterminated quote, a parameter without a
/// value) ends the parse of its field: what came before it stands.
pub fn parse<'a>(values: impl Iterator<Item = &'a str>) -> Vec<Challenge> {
    let mut out = Vec::new();
    for v in values {
        let mut c = Cursor {
            s: v.as_bytes(),
            i: 0,
        };
        'field: loop {
            c.skip_separators();
            let Some(scheme) = c.token() else { break };
            let mut ch = Challenge {
                scheme,
                params: Vec::new(),
            };
            c.skip_spaces();
            // token68
            if !c.param_follows() && c.peek().is_some_and(|b| b != b',') {
                let start = c.i;
                while c
                    .peek()
                    .is_some_and(|b| is_tchar(b) || b == b'/' || b == b'=')
                {
                    c.i += 1;
                }
                ch.params.push((
                    String::new(),
                    String::from_utf8_lossy(&c.s[start..c.i]).into_owned(),
                ));
                out.push(ch);
                continue;
            }
            while c.param_follows() {
                let name = c.token().unwrap_or_default().to_ascii_lowercase();
                c.skip_spaces();
                c.i += 1; // '='
                c.skip_spaces();
                let value = match c.peek() {
                    Some(b'"') => c.quoted(),
                    _ => c.token(),
                };
                let Some(value) = value else {
                    break 'field;
                };
                ch.params.push((name, value));
                c.skip_spaces();
                if c.peek() == Some(b',') {
                    c.i += 1;
                    c.skip_separators();
                }
            }
            out.push(ch);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn several_challenges_and_params() {
        let v = parse(
            [
                r#"Basic realm="a, b", Digest realm="r", nonce="n\"x", qop="auth,auth-int", algorithm=SHA-256"#,
                "Negotiate abc==",
                "NTLM",
            ]
            .into_iter(),
        );
        assert_eq!(v.len(), 4);
        assert!(v[0].is("basic"));
        assert_eq!(v[0].param("realm"), Some("a, b"));
        assert!(v[1].is("Digest"));
        assert_eq!(v[1].param("nonce"), Some("n\"x"));
        assert_eq!(v[1].param("qop"), Some("auth,auth-int"));
        assert_eq!(v[1].param("algorithm"), Some("SHA-256"));
        assert_eq!(v[2].params[0].1, "abc==");
        assert!(v[3].is("NTLM"));
    }

    #[test]
    fn malformed_challenges_give_what_parsed() {
        assert_eq!(
            parse([r#"Digest realm="unterminated"#].into_iter()).len(),
            0
        );
        // A parameter without a value reads as a token68: nothing to answer.
        assert!(parse(["Digest realm="].into_iter())
            .iter()
            .all(|c| c.param("realm").is_none()));
        assert_eq!(parse(["", " , ,"].into_iter()).len(), 0);
        assert_eq!(parse(["=x"].into_iter()).len(), 0);
    }
}
