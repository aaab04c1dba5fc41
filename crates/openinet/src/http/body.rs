//! Response body framing and decoding, socket-free.
//!
//! [`BodyDecoder`] is fed the connection's read buffer and says where the
//! payload lies in it, so the payload is copied once: from the read buffer
//! into the caller's buffer ([`Step::Data`]), or read from the socket
//! straight into the caller's buffer when [`BodyDecoder::direct_limit`]
//! allows it (Length, UntilClose, and inside a chunk).
//!
//! WinINet facts (observed under Wine 8 with a scripted server):
//! - a body cut short by the server closing (Content-Length not reached, or
//!   chunked data without its last chunk) is not an error: the bytes that
//!   came are returned, then a 0-byte successful read. [`BodyDecoder::on_eof`]
//!   does that and records [`BodyDecoder::truncated`];
//! - malformed framing ([`BodyDecoder::step`]'s error) does fail the body;
//!   the request records it and gives it to every later read, after the
//!   payload that came before it (`request.rs`, `Exchange::failed`);
//! - chunk sizes may carry extensions (`5;a=b`), trailing spaces, and LF-only
//!   line ends; trailers are read and dropped;
//! - Transfer-Encoding chunked wins over Content-Length; an unparsable or
//!   negative Content-Length reads until close.

use super::h1::ResponseHead;
use crate::Error;

/// How a response body is delimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    /// No body (HEAD, 1xx, 204, 304).
    Empty,
    /// Exactly this many bytes.
    Length(u64),
    /// `Transfer-Encoding: chunked`.
    Chunked,
    /// Until the server closes the connection.
    UntilClose,
}

/// The framing of `head`'s body for a request with `method`.
///
/// Note: WinINet (Wine 8) reads a 204 that carries Content-Length as if it
/// had that body; we follow RFC 9112 (no body), which keeps a pooled
/// connection in step with the server.
pub fn framing(method: &str, head: &ResponseHead) -> Framing {
    if head.no_headers {
        return Framing::UntilClose;
    }
    if method.eq_ignore_ascii_case("HEAD") || (100..200).contains(&head.status) {
        return Framing::Empty;
    }
    // 204 and 304 have no body, unless they give a Content-Length: WinINet
    // then reads that many bytes (Wine's http.c test_not_modified, checked
    // on Windows: a 304 or 204 with `Content-Length: 10` has 10 bytes
    // available).
    if head.status == 204 || head.status == 304 {
        let length = head
            .headers()
            .filter(|(n, _)| n.eq_ignore_ascii_case("Content-Length"))
            .find_map(|(_, v)| v.trim().parse::<u64>().ok());
        return match length {
            Some(n) if n > 0 => Framing::Length(n),
            _ => Framing::Empty,
        };
    }
    let chunked = head
        .headers()
        .filter(|(n, _)| n.eq_ignore_ascii_case("Transfer-Encoding"))
        .flat_map(|(_, v)| v.split(','))
        .map(str::trim)
        .rfind(|c| !c.is_empty())
        .is_some_and(|c| c.eq_ignore_ascii_case("chunked"));
    if chunked {
        return Framing::Chunked;
    }
    let length = head
        .headers()
        .filter(|(n, _)| n.eq_ignore_ascii_case("Content-Length"))
        .find_map(|(_, v)| v.trim().parse::<u64>().ok());
    match length {
        Some(0) => Framing::Empty,
        Some(n) => Framing::Length(n),
        None => Framing::UntilClose,
    }
}

/// What the decoder found at the start of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Payload is `input[skip..skip + len]` (`len >= 1`). The caller drops
    /// `skip` framing bytes plus the `n <= len` payload bytes it takes,
    /// then calls [`BodyDecoder::consume_payload`]`(n)` (or
    /// [`BodyDecoder::skip_consumed`] when it takes none).
    Data { skip: usize, len: usize },
    /// Drop `consume` framing bytes and read more from the connection.
    NeedMore { consume: usize },
    /// The body is complete after dropping `consume` bytes; what follows
    /// belongs to the next response.
    Done { consume: usize },
}

/// Longest chunk-size or trailer line accepted before it is called
/// malformed (keeps the read buffer bounded).
const MAX_FRAMING_LINE: usize = 8 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Length or UntilClose: `remaining` bytes (`None`: until close).
    Plain {
        remaining: Option<u64>,
    },
    /// Expecting a chunk-size line.
    ChunkSize,
    /// Inside a chunk's data.
    ChunkData {
        remaining: u64,
    },
    /// Expecting the CRLF after a chunk's data.
    ChunkEnd,
    /// After the last chunk: trailer lines until a blank one.
    Trailers,
    Done,
}

/// A body's decoding state; see the module doc for the copy-once design.
#[derive(Debug, Clone)]
pub struct BodyDecoder {
    state: State,
    /// State after the framing of the last `Step::Data`, committed when
    /// the caller consumes (`consume_payload` / `skip_consumed`).
    pending: Option<State>,
    truncated: bool,
}

impl BodyDecoder {
    pub fn new(framing: Framing) -> BodyDecoder {
        let state = match framing {
            Framing::Empty | Framing::Length(0) => State::Done,
            Framing::Length(n) => State::Plain { remaining: Some(n) },
            Framing::UntilClose => State::Plain { remaining: None },
            Framing::Chunked => State::ChunkSize,
        };
        BodyDecoder {
            state,
            pending: None,
            truncated: false,
        }
    }

    /// Looks at the start of `input` (the unconsumed read buffer). Framing
    /// bytes reported by `NeedMore`/`Done` are taken as consumed at once;
    /// those before `Data` when the caller commits. Errors:
    /// `HttpInvalidServerResponse` for a malformed chunk size or chunk end.
    pub fn step(&mut self, input: &[u8]) -> Result<Step, Error> {
        self.pending = None;
        let mut state = self.state;
        let mut pos = 0;
        loop {
            let rest = &input[pos..];
            match state {
                State::Done => {
                    self.state = State::Done;
                    return Ok(Step::Done { consume: pos });
                }
                State::Plain { .. } | State::ChunkData { .. } if rest.is_empty() => {
                    self.state = state;
                    return Ok(Step::NeedMore { consume: pos });
                }
                State::Plain { remaining } => {
                    let len = remaining.map_or(rest.len(), |r| clamp(r, rest.len()));
                    return Ok(self.data(state, pos, len));
                }
                State::ChunkData { remaining } => {
                    let len = clamp(remaining, rest.len());
                    return Ok(self.data(state, pos, len));
                }
                State::ChunkSize | State::ChunkEnd | State::Trailers => {
                    // A framing line longer than the bound is refused
                    // whether or not its end has arrived yet, so the
                    // outcome never depends on how the bytes were cut.
                    let window = &rest[..rest.len().min(MAX_FRAMING_LINE + 1)];
                    let Some(nl) = window.iter().position(|&b| b == b'\n') else {
                        if rest.len() > MAX_FRAMING_LINE {
                            return Err(Error::HttpInvalidServerResponse);
                        }
                        self.state = state;
                        return Ok(Step::NeedMore { consume: pos });
                    };
                    let line = &rest[..nl];
                    let line = line.strip_suffix(b"\r").unwrap_or(line);
                    pos += nl + 1;
                    state = match state {
                        State::ChunkSize => match parse_chunk_size(line)? {
                            0 => State::Trailers,
                            n => State::ChunkData { remaining: n },
                        },
                        State::ChunkEnd if line.is_empty() => State::ChunkSize,
                        State::ChunkEnd => return Err(Error::HttpInvalidServerResponse),
                        _ if line.is_empty() => State::Done,
                        _ => State::Trailers,
                    };
                }
            }
        }
    }

    fn data(&mut self, state: State, skip: usize, len: usize) -> Step {
        self.pending = Some(state);
        Step::Data { skip, len }
    }

    /// The caller dropped the framing before the last `Data` but took no payload.
    pub fn skip_consumed(&mut self, _skip: usize) {
        if let Some(state) = self.pending.take() {
            self.state = state;
        }
    }

    /// `n` payload bytes were taken: from the last `Data`, or read straight
    /// from the socket within [`direct_limit`](Self::direct_limit).
    /// Errors: `InternalError` when `n` exceeds what the framing allows.
    pub fn consume_payload(&mut self, n: usize) -> Result<(), Error> {
        self.skip_consumed(0);
        let n = n as u64;
        self.state = match self.state {
            State::Plain { remaining: None } => return Ok(()),
            State::Plain { remaining: Some(r) } if n <= r => {
                if n == r {
                    State::Done
                } else {
                    State::Plain {
                        remaining: Some(r - n),
                    }
                }
            }
            State::ChunkData { remaining: r } if n <= r => {
                if n == r {
                    State::ChunkEnd
                } else {
                    State::ChunkData { remaining: r - n }
                }
            }
            _ if n == 0 => return Ok(()),
            _ => return Err(Error::InternalError),
        };
        Ok(())
    }

    /// How many payload bytes may be read from the socket straight into the
    /// caller's buffer now (when the read buffer is empty): the rest of the
    /// Content-Length or of the current chunk, `u64::MAX` until close;
    /// `None` when framing comes next (read into the buffer and `step`) or
    /// the body is done.
    pub fn direct_limit(&self) -> Option<u64> {
        if self.pending.is_some() {
            return None;
        }
        match self.state {
            State::Plain { remaining: None } => Some(u64::MAX),
            State::Plain { remaining: Some(r) } | State::ChunkData { remaining: r } => Some(r),
            _ => None,
        }
    }

    /// The connection closed. WinINet ends the body quietly whatever the
    /// framing: the bytes received are the body, the next read returns 0.
    /// [`truncated`](Self::truncated) tells whether the framing wanted more.
    pub fn on_eof(&mut self) -> Result<(), Error> {
        self.pending = None;
        if !matches!(self.state, State::Done | State::Plain { remaining: None }) {
            self.truncated = true;
        }
        self.state = State::Done;
        Ok(())
    }

    pub fn is_done(&self) -> bool {
        self.state == State::Done
    }

    /// Whether the connection closed before the framing's end (the
    /// connection must not be reused; the body still ends normally).
    pub fn truncated(&self) -> bool {
        self.truncated
    }

    /// Payload bytes still expected, when known: for draining a body before
    /// reusing its connection. `None` for UntilClose and chunked bodies.
    pub fn remaining_hint(&self) -> Option<u64> {
        match self.state {
            State::Done => Some(0),
            State::Plain { remaining } => remaining,
            _ => None,
        }
    }
}

fn clamp(remaining: u64, available: usize) -> usize {
    usize::try_from(remaining).map_or(available, |r| r.min(available))
}

/// A chunk-size line: hex digits, then optional spaces/tabs and a
/// `;extension`. Too many digits, or none, is malformed.
fn parse_chunk_size(line: &[u8]) -> Result<u64, Error> {
    let line = line.strip_prefix(b" ").unwrap_or(line);
    let digits = line.iter().take_while(|b| b.is_ascii_hexdigit()).count();
    if digits == 0 || digits > 16 {
        return Err(Error::HttpInvalidServerResponse);
    }
    let rest = &line[digits..];
    let rest_ok = rest
        .iter()
        .position(|&b| b == b';')
        .map_or(rest, |i| &rest[..i])
        .iter()
        .all(|&b| b == b' ' || b == b'\t');
    if !rest_ok {
        return Err(Error::HttpInvalidServerResponse);
    }
    let text =
        std::str::from_utf8(&line[..digits]).map_err(|_| Error::HttpInvalidServerResponse)?;
    u64::from_str_radix(text, 16).map_err(|_| Error::HttpInvalidServerResponse)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::h1::parse_response_head;

    fn head(raw: &str) -> ResponseHead {
        parse_response_head(raw.as_bytes()).unwrap().unwrap().0
    }

    #[test]
    fn framing_rules() {
        let h = |s: &str| head(&format!("HTTP/1.1 200 OK\r\n{s}\r\n"));
        assert_eq!(
            framing("GET", &h("Content-Length: 5\r\n")),
            Framing::Length(5)
        );
        assert_eq!(framing("HEAD", &h("Content-Length: 5\r\n")), Framing::Empty);
        assert_eq!(
            framing(
                "GET",
                &h("Content-Length: 2\r\nTransfer-Encoding: chunked\r\n")
            ),
            Framing::Chunked
        );
        assert_eq!(
            framing("GET", &h("Transfer-Encoding: gzip, Chunked\r\n")),
            Framing::Chunked
        );
        assert_eq!(
            framing(
                "GET",
                &h("Transfer-Encoding: identity\r\nContent-Length: 5\r\n")
            ),
            Framing::Length(5)
        );
        assert_eq!(
            framing("GET", &h("Content-Length: abc\r\n")),
            Framing::UntilClose
        );
        assert_eq!(
            framing("GET", &h("Content-Length: -1\r\n")),
            Framing::UntilClose
        );
        assert_eq!(framing("GET", &h("Content-Length: 0\r\n")), Framing::Empty);
        assert_eq!(framing("GET", &h("")), Framing::UntilClose);
        assert_eq!(
            framing(
                "GET",
                &head("HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n")
            ),
            Framing::Length(5)
        );
        assert_eq!(
            framing("GET", &head("HTTP/1.1 304 Not Modified\r\n\r\n")),
            Framing::Empty
        );
        assert_eq!(
            framing("GET", &head("HTTP/1.1 304 NM\r\nContent-Length: 5\r\n\r\n")),
            Framing::Length(5)
        );
        assert_eq!(
            framing("GET", &head("HTTP/1.1 101 Switching\r\n\r\n")),
            Framing::Empty
        );
        assert_eq!(framing("GET", &head("hello")), Framing::UntilClose);
    }

    /// Feeds `wire` in pieces of `piece` bytes, taking at most `take` payload
    /// bytes per Data; returns (payload, leftover after Done, done).
    fn run(
        framing: Framing,
        wire: &[u8],
        piece: usize,
        take: usize,
    ) -> Result<(Vec<u8>, Vec<u8>, bool), Error> {
        let mut d = BodyDecoder::new(framing);
        let mut buf = Vec::new();
        let mut fed = 0;
        let mut out = Vec::new();
        loop {
            match d.step(&buf)? {
                Step::Data { skip, len } => {
                    let n = len.min(take);
                    out.extend_from_slice(&buf[skip..skip + n]);
                    buf.drain(..skip + n);
                    d.consume_payload(n)?;
                }
                Step::NeedMore { consume } => {
                    buf.drain(..consume);
                    if fed == wire.len() {
                        d.on_eof()?;
                        return Ok((out, buf, false));
                    }
                    let end = (fed + piece).min(wire.len());
                    buf.extend_from_slice(&wire[fed..end]);
                    fed = end;
                }
                Step::Done { consume } => {
                    buf.drain(..consume);
                    buf.extend_from_slice(&wire[fed..]);
                    return Ok((out, buf, true));
                }
            }
        }
    }

    fn all_ways(framing: Framing, wire: &[u8]) -> Result<(Vec<u8>, Vec<u8>, bool), Error> {
        let first = run(framing, wire, wire.len().max(1), usize::MAX)?;
        for piece in [1, 2, 3, 7] {
            for take in [1, 3, usize::MAX] {
                assert_eq!(
                    run(framing, wire, piece, take)?,
                    first,
                    "piece {piece} take {take}"
                );
            }
        }
        Ok(first)
    }

    #[test]
    fn chunked_with_extensions_and_trailers() {
        let wire = b"5;foo=bar\r\nhello\r\n3 \r\nabc\r\n0\r\nTrailer: x\r\n\r\nNEXT";
        let (out, rest, done) = all_ways(Framing::Chunked, wire).unwrap();
        assert_eq!(
            (out.as_slice(), rest.as_slice(), done),
            (&b"helloabc"[..], &b"NEXT"[..], true)
        );
    }

    #[test]
    fn chunked_lf_only_and_big_chunk() {
        let (out, _, done) = all_ways(Framing::Chunked, b"5\nhello\n3\nabc\n0\n\n").unwrap();
        assert_eq!((out.as_slice(), done), (&b"helloabc"[..], true));
        let mut wire = b"1A\r\n".to_vec();
        wire.extend_from_slice(&[b'z'; 26]);
        wire.extend_from_slice(b"\r\n0\r\n\r\n");
        assert_eq!(all_ways(Framing::Chunked, &wire).unwrap().0, vec![b'z'; 26]);
    }

    #[test]
    fn length_and_until_close() {
        let (out, rest, done) = all_ways(Framing::Length(5), b"helloHTTP/1.1").unwrap();
        assert_eq!(
            (out.as_slice(), rest.as_slice(), done),
            (&b"hello"[..], &b"HTTP/1.1"[..], true)
        );
        let (out, _, done) = all_ways(Framing::UntilClose, b"until close").unwrap();
        assert_eq!((out.as_slice(), done), (&b"until close"[..], false));
        assert_eq!(
            all_ways(Framing::Empty, b"x").unwrap(),
            (vec![], b"x".to_vec(), true)
        );
    }

    #[test]
    fn truncated_bodies_end_quietly() {
        for (framing, wire, want) in [
            (Framing::Length(10), &b"hello"[..], &b"hello"[..]),
            (Framing::Chunked, b"5\r\nhello\r\n", b"hello"),
            (Framing::Chunked, b"8\r\nhello", b"hello"),
        ] {
            let (out, _, done) = all_ways(framing, wire).unwrap();
            assert_eq!((out.as_slice(), done), (want, false));
        }
        let mut d = BodyDecoder::new(Framing::Length(3));
        d.on_eof().unwrap();
        assert!(d.is_done() && d.truncated());
        let mut d = BodyDecoder::new(Framing::UntilClose);
        d.on_eof().unwrap();
        assert!(d.is_done() && !d.truncated());
    }

    #[test]
    fn bad_chunks_are_errors() {
        for wire in [
            &b"zz\r\nhello\r\n0\r\n\r\n"[..],
            b"-5\r\nhello\r\n",
            b"FFFFFFFFFFFFFFFFFFFF\r\n",
            b"5\r\nhelloXX3\r\n",
            b"\r\n",
            b"5 x\r\n",
        ] {
            assert_eq!(
                run(Framing::Chunked, wire, wire.len(), usize::MAX),
                Err(Error::HttpInvalidServerResponse),
                "{wire:?}"
            );
        }
        let mut d = BodyDecoder::new(Framing::Chunked);
        assert_eq!(
            d.step(&[b'1'; MAX_FRAMING_LINE + 1]),
            Err(Error::HttpInvalidServerResponse)
        );
    }

    #[test]
    fn direct_reads_and_hints() {
        let mut d = BodyDecoder::new(Framing::Length(10));
        assert_eq!((d.direct_limit(), d.remaining_hint()), (Some(10), Some(10)));
        d.consume_payload(4).unwrap();
        assert_eq!((d.direct_limit(), d.remaining_hint()), (Some(6), Some(6)));
        assert_eq!(d.consume_payload(7), Err(Error::InternalError));
        d.consume_payload(6).unwrap();
        assert!(d.is_done());
        assert_eq!((d.direct_limit(), d.remaining_hint()), (None, Some(0)));

        assert_eq!(
            BodyDecoder::new(Framing::UntilClose).direct_limit(),
            Some(u64::MAX)
        );
        let mut d = BodyDecoder::new(Framing::Chunked);
        assert_eq!((d.direct_limit(), d.remaining_hint()), (None, None));
        assert_eq!(d.step(b"a\r\nhel").unwrap(), Step::Data { skip: 3, len: 3 });
        assert_eq!(d.direct_limit(), None, "framing not committed yet");
        d.skip_consumed(3);
        assert_eq!(d.direct_limit(), Some(10));
        d.consume_payload(10).unwrap();
        assert_eq!(d.direct_limit(), None);
        assert_eq!(d.step(b"\r\n0\r\n\r\n").unwrap(), Step::Done { consume: 7 });
        assert!(d.is_done());
    }

    #[test]
    fn need_more_commits_framing() {
        let mut d = BodyDecoder::new(Framing::Chunked);
        assert_eq!(d.step(b"5\r\n").unwrap(), Step::NeedMore { consume: 3 });
        assert_eq!(d.step(b"hel").unwrap(), Step::Data { skip: 0, len: 3 });
        assert_eq!(d.step(b"").unwrap(), Step::NeedMore { consume: 0 });
    }
}
