//! The body read path with content decoding (`INTERNET_OPTION_HTTP_DECODING`):
//! the public read and availability calls of [`Request`]. Without a content
//! decoder they are the raw calls of `request.rs`; with one, compressed
//! bytes come from those raw calls, at most `decode::FEED_MAX` at a time,
//! and the application gets what the decoder made of them. The rules of
//! when a body is decoded, and the errors, are in `http/decode.rs`.

use super::Request;
use crate::http::body::Framing;
use crate::http::decode::{self, ContentDecoder};
use crate::http::h1::ResponseHead;
use crate::Error;

/// What the decoder has for a read right now.
enum Ready {
    /// Decoded bytes copied, or 0 at the end of the body.
    Bytes(usize),
    Failed(Error),
    /// Compressed bytes must come first.
    NeedInput,
}

impl Request {
    /// Sets `INTERNET_OPTION_HTTP_DECODING` for the next sends.
    pub fn set_decoding(&mut self, on: bool) {
        self.decoding = on;
    }

    pub fn decoding(&self) -> bool {
        self.decoding
    }

    /// The decoder for a response just received, if its body is to be
    /// decoded; the head then loses `Content-Encoding` and `Content-Length`.
    pub(super) fn content_decoder(
        &self,
        framing: &Framing,
        head: &mut ResponseHead,
    ) -> Option<ContentDecoder> {
        if !self.decoding || matches!(framing, Framing::Empty) {
            return None;
        }
        let coding = decode::coding_to_decode(&self.headers, head)?;
        head.remove_headers(&["Content-Encoding", "Content-Length"]);
        Some(ContentDecoder::new(coding))
    }

    fn content(&mut self) -> Option<&mut ContentDecoder> {
        self.exchange.as_mut()?.content.as_mut()
    }

    fn is_decoding(&self) -> bool {
        self.exchange.as_ref().is_some_and(|e| e.content.is_some())
    }

    /// Copies decoded bytes into `out` (none when `out` is `None`: the
    /// count waiting is returned instead).
    fn ready(&mut self, out: Option<&mut [u8]>) -> Ready {
        let Some(d) = self.content() else {
            return Ready::Bytes(0);
        };
        let n = match out {
            Some(out) => d.take(out),
            None => d.pending(),
        };
        if n > 0 {
            return Ready::Bytes(n);
        }
        if let Some(e) = d.failure() {
            self.decoding_failed();
            return Ready::Failed(e);
        }
        if d.is_done() {
            return Ready::Bytes(0);
        }
        Ready::NeedInput
    }

    /// Hands compressed bytes to the decoder; none means the body ended.
    fn feed(&mut self, raw: &[u8]) {
        if let Some(d) = self.content() {
            if raw.is_empty() {
                d.finish();
            } else {
                d.feed(raw);
            }
        }
    }

    /// A broken compressed body ends the exchange: its connection closes
    /// (with CLOSING_CONNECTION / CONNECTION_CLOSED, as Wine 8 reports it).
    fn decoding_failed(&mut self) {
        let Some(ex) = self.exchange.as_mut() else {
            return;
        };
        ex.reusable = false;
        if let Some(conn) = ex.conn.take() {
            self.close_connection(conn);
        }
    }

    /// The scratch buffer compressed bytes pass through.
    fn scratch(&mut self) -> Vec<u8> {
        let mut s = std::mem::take(&mut self.decode_scratch);
        s.resize(decode::FEED_MAX, 0);
        s
    }

    /// Copies already-received body bytes without waiting: `Some(n)` with
    /// `n > 0`, `Some(0)` at the end of the body, `None` when the network
    /// must be waited for.
    pub fn read_buffered(&mut self, out: &mut [u8]) -> Result<Option<usize>, Error> {
        if !self.is_decoding() {
            return self.raw_read_buffered(out);
        }
        self.decode_buffered(Some(out))
    }

    /// Body bytes readable now without waiting (`InternetQueryDataAvailable`
    /// when data is buffered); `None` when the network must be waited for.
    /// With decoding, the decoded bytes.
    pub fn available_now(&mut self) -> Result<Option<usize>, Error> {
        if !self.is_decoding() {
            return self.raw_available_now();
        }
        self.decode_buffered(None)
    }

    /// Feeds already-received compressed bytes to the decoder until it has
    /// output (copied into `out`, or only counted without one), the body
    /// ends, or the network must be waited for (`None`).
    fn decode_buffered(&mut self, mut out: Option<&mut [u8]>) -> Result<Option<usize>, Error> {
        let mut raw = self.scratch();
        let result = loop {
            match self.ready(out.as_deref_mut()) {
                Ready::Bytes(n) => break Ok(Some(n)),
                Ready::Failed(e) => break Err(e),
                Ready::NeedInput => {}
            }
            match self.raw_read_buffered(&mut raw) {
                Ok(Some(n)) => self.feed(&raw[..n]),
                Ok(None) => break Ok(None),
                Err(e) => break Err(e),
            }
        };
        self.decode_scratch = raw;
        result
    }

    /// Waits until body bytes are available (or the body ends) and says how
    /// many (`InternetQueryDataAvailable`); with decoding, decoded bytes.
    pub async fn data_available(&mut self) -> Result<usize, Error> {
        if !self.is_decoding() {
            return self.raw_data_available().await;
        }
        let mut raw = self.scratch();
        let result = loop {
            match self.ready(None) {
                Ready::Bytes(n) => break Ok(n),
                Ready::Failed(e) => break Err(e),
                Ready::NeedInput => {}
            }
            match self.raw_read_inner(&mut raw, false, false).await {
                Ok(n) => self.feed(&raw[..n]),
                Err(e) => break Err(e),
            }
        };
        self.decode_scratch = raw;
        result
    }

    /// A body read (see `raw_read_inner`); with decoding, it fills `out`
    /// with decoded bytes (`fill`), or returns once it has some.
    pub(super) async fn read_inner(
        &mut self,
        out: &mut [u8],
        fill: bool,
        hand_off: bool,
    ) -> Result<usize, Error> {
        if !self.is_decoding() {
            return self.raw_read_inner(out, fill, hand_off).await;
        }
        let mut raw = self.scratch();
        let mut hand_off = hand_off;
        let mut filled = 0;
        let result = loop {
            if filled == out.len() {
                break Ok(filled);
            }
            match self.ready(Some(&mut out[filled..])) {
                Ready::Bytes(0) => break Ok(filled),
                Ready::Bytes(n) => {
                    filled += n;
                    if !fill {
                        break Ok(filled);
                    }
                    continue;
                }
                // What came before the failure is delivered first; the
                // decoder keeps the error for the next read.
                Ready::Failed(e) => break if filled > 0 { Ok(filled) } else { Err(e) },
                Ready::NeedInput => {}
            }
            let got = self
                .raw_read_inner(&mut raw, false, std::mem::take(&mut hand_off))
                .await;
            match got {
                Ok(n) => self.feed(&raw[..n]),
                Err(e) => break if filled > 0 { Ok(filled) } else { Err(e) },
            }
        };
        self.decode_scratch = raw;
        result
    }
}
