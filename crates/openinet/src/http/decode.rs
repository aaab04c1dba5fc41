//! Content decoding (`INTERNET_OPTION_HTTP_DECODING`): a response body sent
//! with `Content-Encoding: gzip`, `deflate` or `br` is handed to the
//! application decoded, as it is read.
//!
//! Built on `flate2` (gzip, zlib, raw deflate; its pure-Rust miniz_oxide
//! back end) and `brotli` (the pure-Rust port of Google's decoder), both
//! used through their push ("write") decoders: the body reader feeds the
//! compressed bytes it takes from the connection and drains what came out,
//! so nothing here reads a socket or knows about framing.
//!
//! WinINet facts (Microsoft's "Content Encoding" page for WinINet, unless
//! said otherwise):
//! - The option may be set on a session, connection or request handle; the
//!   handle it is set on gives its scope.
//! - WinINet adds no `Accept-Encoding` of its own: the application must
//!   list the codings it accepts, and WinINet decodes only a response whose
//!   single `Content-Encoding` header names one coding the request's
//!   `Accept-Encoding` listed, without `Cache-Control: no-transform` and
//!   without `Content-Range`. Anything else reaches the application as
//!   sent. (Wine 8 decodes whatever it gets; we follow the documentation.)
//! - Windows decodes gzip and deflate. `br` is decoded here too, under the
//!   same rule (only when the application listed it): an extension, since
//!   no WinINet program asks for `br` unless it can take it decoded or not.
//! - A decoded response no longer shows `Content-Encoding` (the page says
//!   so; Wine's http.c test_cache_read_gzipped asserts the raw headers of a
//!   decoded gzip response on Windows), nor its `Content-Length`, which
//!   counted the compressed bytes (Wine 8 drops it as well, run here).
//! - HTTP's `deflate` is zlib-wrapped, but servers also send raw deflate;
//!   the first two bytes decide (a zlib header is a multiple of 31 with
//!   compression method 8). Wine 8 takes only raw deflate.
//! - A decoding error fails InternetReadFile with
//!   `ERROR_INTERNET_DECODING_FAILED` (12175), the bytes decoded before it
//!   delivered first; InternetQueryDataAvailable fails the same way (Wine
//!   8, run here). A stream cut short fails too (Wine 8 ends it quietly,
//!   delivering what it decoded; a truncated download that looks complete
//!   is worse than an error).

use crate::Error;
use std::io::Write;

/// Compressed bytes fed at once: bounds what one feed can expand to
/// (deflate's ratio is at most about 1:1032, so 4 MiB).
pub const FEED_MAX: usize = 4096;

/// A content coding WinINet decodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coding {
    Gzip,
    Deflate,
    Brotli,
}

impl Coding {
    /// The coding named by a `Content-Encoding` value; `None` for
    /// `identity`, unknown codings and lists of several (left to the
    /// application, undecoded).
    pub fn from_header(value: &str) -> Option<Coding> {
        let v = value.trim();
        if v.contains(',') {
            return None;
        }
        if v.eq_ignore_ascii_case("gzip") || v.eq_ignore_ascii_case("x-gzip") {
            Some(Coding::Gzip)
        } else if v.eq_ignore_ascii_case("deflate") {
            Some(Coding::Deflate)
        } else if v.eq_ignore_ascii_case("br") {
            Some(Coding::Brotli)
        } else {
            None
        }
    }
}

/// The coding WinINet decodes `response` from, for a request that sent
/// `sent` headers (see the module docs for the rules); `None`: the body
/// goes to the application as sent.
pub fn coding_to_decode(
    sent: &[(String, String)],
    response: &crate::http::h1::ResponseHead,
) -> Option<Coding> {
    let mut encodings = response
        .headers()
        .filter(|(n, _)| n.eq_ignore_ascii_case("Content-Encoding"));
    let (_, value) = encodings.next()?;
    if encodings.next().is_some() || response.header("Content-Range").is_some() {
        return None;
    }
    let tokens = |v: &str| -> Vec<String> {
        v.split(',')
            .map(|t| {
                t.split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase()
            })
            .collect()
    };
    let no_transform = response
        .headers()
        .filter(|(n, _)| n.eq_ignore_ascii_case("Cache-Control"))
        .any(|(_, v)| tokens(v).iter().any(|t| t == "no-transform"));
    if no_transform {
        return None;
    }
    let coding = Coding::from_header(value)?;
    let name = value.trim().to_ascii_lowercase();
    let accepted = sent
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("Accept-Encoding"))
        .any(|(_, v)| tokens(v).contains(&name));
    accepted.then_some(coding)
}

enum Inner {
    /// `deflate` whose first byte came alone: zlib or raw is not known yet.
    Undecided(Option<u8>),
    Gzip(flate2::write::GzDecoder<Vec<u8>>),
    Zlib(flate2::write::ZlibDecoder<Vec<u8>>),
    Raw(flate2::write::DeflateDecoder<Vec<u8>>),
    Brotli(Box<brotli::DecompressorWriter<Vec<u8>>>),
}

/// Decodes one body: compressed bytes in ([`feed`](Self::feed)), decoded
/// bytes out ([`take`](Self::take)).
pub struct ContentDecoder {
    inner: Inner,
    /// Decoded bytes not yet taken start here in the inner buffer.
    taken: usize,
    /// The compressed stream ended ([`finish`](Self::finish) succeeded).
    finished: bool,
    /// The failure that ended decoding; it sticks.
    failed: Option<Error>,
}

impl std::fmt::Debug for ContentDecoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ContentDecoder")
            .field("finished", &self.finished)
            .field("failed", &self.failed)
            .finish()
    }
}

impl ContentDecoder {
    pub fn new(coding: Coding) -> ContentDecoder {
        let inner = match coding {
            Coding::Gzip => Inner::Gzip(flate2::write::GzDecoder::new(Vec::new())),
            Coding::Deflate => Inner::Undecided(None),
            Coding::Brotli => {
                Inner::Brotli(Box::new(brotli::DecompressorWriter::new(Vec::new(), 4096)))
            }
        };
        ContentDecoder {
            inner,
            taken: 0,
            finished: false,
            failed: None,
        }
    }

    fn out(&mut self) -> Option<&mut Vec<u8>> {
        match &mut self.inner {
            Inner::Undecided(_) => None,
            Inner::Gzip(d) => Some(d.get_mut()),
            Inner::Zlib(d) => Some(d.get_mut()),
            Inner::Raw(d) => Some(d.get_mut()),
            Inner::Brotli(d) => Some(d.get_mut()),
        }
    }

    /// Decoded bytes waiting to be taken.
    pub fn pending(&mut self) -> usize {
        let taken = self.taken;
        self.out().map_or(0, |o| o.len() - taken)
    }

    /// The stream ended and every decoded byte was taken.
    pub fn is_done(&mut self) -> bool {
        self.finished && self.pending() == 0
    }

    /// The failure that ended decoding, once its decoded bytes are taken.
    pub fn failure(&mut self) -> Option<Error> {
        if self.pending() == 0 {
            self.failed
        } else {
            None
        }
    }

    /// Copies decoded bytes into `out`; returns how many.
    pub fn take(&mut self, out: &mut [u8]) -> usize {
        let taken = self.taken;
        let Some(buf) = self.out() else { return 0 };
        let n = (buf.len() - taken).min(out.len());
        out[..n].copy_from_slice(&buf[taken..taken + n]);
        if taken + n == buf.len() {
            buf.clear();
            self.taken = 0;
        } else {
            self.taken = taken + n;
        }
        n
    }

    /// Decodes `data` (at most [`FEED_MAX`] bytes keeps the output bounded).
    /// Bytes after the end of the compressed stream are ignored, as a
    /// decoder that stops at its end does.
    pub fn feed(&mut self, data: &[u8]) {
        if self.failed.is_some() || data.is_empty() {
            return;
        }
        let mut data = data;
        if let Inner::Undecided(first) = &mut self.inner {
            let Some(&b0) = first.as_ref().or(data.first()) else {
                return;
            };
            let from_data = first.is_none();
            let rest = if from_data { &data[1..] } else { data };
            let Some(&b1) = rest.first() else {
                *first = Some(b0);
                return;
            };
            let zlib = b0 & 0x0f == 8 && (u16::from(b0) << 8 | u16::from(b1)) % 31 == 0;
            let mut inner = if zlib {
                Inner::Zlib(flate2::write::ZlibDecoder::new(Vec::new()))
            } else {
                Inner::Raw(flate2::write::DeflateDecoder::new(Vec::new()))
            };
            if !from_data {
                // The held first byte goes in ahead of this data.
                if write_to(&mut inner, &[b0]).is_err() {
                    self.failed = Some(Error::DecodingFailed);
                    return;
                }
            }
            self.inner = inner;
            data = if from_data { data } else { rest };
        }
        if write_to(&mut self.inner, data).is_err() {
            self.failed = Some(Error::DecodingFailed);
        }
    }

    /// The compressed body ended: the stream must be complete, or decoding
    /// failed (a cut-short body).
    pub fn finish(&mut self) {
        if self.finished || self.failed.is_some() {
            return;
        }
        let complete = match &mut self.inner {
            Inner::Undecided(_) => false,
            Inner::Gzip(d) => d.try_finish().is_ok() && gzip_complete(d),
            Inner::Zlib(d) => d.try_finish().is_ok() && d.total_in() > 0 && zlib_complete(d),
            Inner::Raw(d) => d.try_finish().is_ok() && raw_complete(d),
            // close() fails while the stream still needs input.
            Inner::Brotli(d) => d.close().is_ok(),
        };
        if complete {
            self.finished = true;
        } else {
            self.failed = Some(Error::DecodingFailed);
        }
    }
}

/// Writes `data` to the decoder until it is all taken, or the decoder
/// takes no more (its stream ended: the rest is ignored).
fn write_to(inner: &mut Inner, mut data: &[u8]) -> std::io::Result<()> {
    while !data.is_empty() {
        let n = match inner {
            Inner::Undecided(_) => return Ok(()),
            Inner::Gzip(d) => d.write(data)?,
            Inner::Zlib(d) => d.write(data)?,
            Inner::Raw(d) => d.write(data)?,
            Inner::Brotli(d) => d.write(data)?,
        };
        if n == 0 {
            return Ok(());
        }
        data = &data[n..];
    }
    Ok(())
}

// Whether a stream reached its end. flate2's write decoders stop taking
// input at the end of the stream: one more byte written is not consumed
// (`write` returns 0) once the stream is complete.
fn gzip_complete(d: &mut flate2::write::GzDecoder<Vec<u8>>) -> bool {
    matches!(d.write(&[0]), Ok(0))
}

fn zlib_complete(d: &mut flate2::write::ZlibDecoder<Vec<u8>>) -> bool {
    matches!(d.write(&[0]), Ok(0))
}

fn raw_complete(d: &mut flate2::write::DeflateDecoder<Vec<u8>>) -> bool {
    matches!(d.write(&[0]), Ok(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        (0..200_000u32).map(|i| (i % 251) as u8).collect()
    }

    fn gzip(d: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(d).unwrap();
        e.finish().unwrap()
    }
    fn zlib(d: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(d).unwrap();
        e.finish().unwrap()
    }
    fn raw(d: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(d).unwrap();
        e.finish().unwrap()
    }
    fn br(d: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut w = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
            w.write_all(d).unwrap();
        }
        out
    }

    /// Feeds `data` in pieces of `piece`, taking output in 1000-byte reads.
    fn decode(coding: Coding, data: &[u8], piece: usize) -> Result<Vec<u8>, Error> {
        let mut d = ContentDecoder::new(coding);
        let mut out = Vec::new();
        let mut buf = [0u8; 1000];
        for chunk in data.chunks(piece) {
            d.feed(chunk);
            loop {
                let n = d.take(&mut buf);
                if n == 0 {
                    break;
                }
                out.extend_from_slice(&buf[..n]);
            }
        }
        d.finish();
        loop {
            let n = d.take(&mut buf);
            if n == 0 {
                break;
            }
            out.extend_from_slice(&buf[..n]);
        }
        match d.failure() {
            Some(e) => Err(e),
            None => {
                assert!(d.is_done());
                Ok(out)
            }
        }
    }

    #[test]
    fn decodes_each_coding_in_any_pieces() {
        let s = sample();
        for piece in [1, 2, 7, 4096] {
            assert_eq!(
                decode(Coding::Gzip, &gzip(&s), piece).unwrap(),
                s,
                "{piece}"
            );
            assert_eq!(
                decode(Coding::Deflate, &zlib(&s), piece).unwrap(),
                s,
                "{piece}"
            );
            assert_eq!(
                decode(Coding::Deflate, &raw(&s), piece).unwrap(),
                s,
                "{piece}"
            );
            assert_eq!(
                decode(Coding::Brotli, &br(&s), piece).unwrap(),
                s,
                "{piece}"
            );
        }
    }

    #[test]
    fn cut_short_or_corrupt_streams_fail() {
        let s = sample();
        for (coding, data) in [
            (Coding::Gzip, gzip(&s)),
            (Coding::Deflate, zlib(&s)),
            (Coding::Deflate, raw(&s)),
            (Coding::Brotli, br(&s)),
        ] {
            let half = &data[..data.len() / 2];
            assert_eq!(
                decode(coding, half, 4096).err(),
                Some(Error::DecodingFailed),
                "{coding:?}"
            );
            // Only the last byte missing.
            let cut = &data[..data.len() - 1];
            assert_eq!(
                decode(coding, cut, 4096).err(),
                Some(Error::DecodingFailed),
                "{coding:?} cut"
            );
        }
        let junk = b"\x78\x9c\xff\xff\xff\xffnot deflate";
        let fails = |c, d: &[u8]| decode(c, d, 4096).err() == Some(Error::DecodingFailed);
        assert!(fails(Coding::Deflate, junk));
        assert!(fails(Coding::Gzip, b"not gzip at all"));
        assert!(fails(Coding::Brotli, &[0xff; 64]));
        assert!(fails(Coding::Gzip, b""));
    }

    #[test]
    fn bytes_after_the_stream_are_ignored() {
        let s = sample();
        let mut g = gzip(&s);
        g.extend_from_slice(b"trailing junk");
        assert!(decode(Coding::Gzip, &g, 4096).unwrap() == s);
    }

    #[test]
    fn names() {
        assert_eq!(Coding::from_header(" GZIP "), Some(Coding::Gzip));
        assert_eq!(Coding::from_header("x-gzip"), Some(Coding::Gzip));
        assert_eq!(Coding::from_header("Deflate"), Some(Coding::Deflate));
        assert_eq!(Coding::from_header("br"), Some(Coding::Brotli));
        assert_eq!(Coding::from_header("identity"), None);
        assert_eq!(Coding::from_header("gzip, br"), None);
    }

    #[test]
    fn decodes_only_what_the_request_accepted() {
        let head = |extra: &str| {
            let raw = format!("HTTP/1.1 200 OK\r\n{extra}\r\n");
            crate::http::h1::parse_response_head(raw.as_bytes())
                .unwrap()
                .unwrap()
                .0
        };
        let sent = |v: &str| vec![("Accept-Encoding".to_string(), v.to_string())];
        let gz = head("Content-Encoding: gzip\r\n");
        assert_eq!(
            coding_to_decode(&sent("gzip, deflate"), &gz),
            Some(Coding::Gzip)
        );
        assert_eq!(coding_to_decode(&sent("GZIP;q=1"), &gz), Some(Coding::Gzip));
        assert_eq!(coding_to_decode(&sent("deflate"), &gz), None);
        assert_eq!(coding_to_decode(&[], &gz), None);
        let br = head("Content-Encoding: br\r\n");
        assert_eq!(coding_to_decode(&sent("gzip, deflate"), &br), None);
        assert_eq!(coding_to_decode(&sent("br"), &br), Some(Coding::Brotli));
        let all = sent("gzip, deflate, br");
        for extra in [
            "Content-Encoding: gzip\r\nContent-Encoding: gzip\r\n",
            "Content-Encoding: gzip, deflate\r\n",
            "Content-Encoding: gzip\r\nCache-Control: max-age=5, No-Transform\r\n",
            "Content-Encoding: gzip\r\nContent-Range: bytes 0-9/20\r\n",
            "Content-Encoding: identity\r\n",
            "",
        ] {
            assert_eq!(coding_to_decode(&all, &head(extra)), None, "{extra}");
        }
    }
}
