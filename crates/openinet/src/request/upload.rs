//! Request bodies: how `send` writes one, and uploads in pieces
//! (`HttpSendRequestEx`, `InternetWriteFile`, `HttpEndRequest`).
//!
//! Bodies go to the socket from the caller's memory, in pieces of at most
//! [`WRITE_PIECE`] bytes (each bounded by the send timeout), so a 1 GiB
//! body costs no memory of ours beyond the connection's (TLS encrypts one
//! record at a time).
//!
//! WinINet facts (Wine 8 probed with its own wininet, and the Windows
//! checks of Wine's http.c `test_async_HttpSendRequestEx` and
//! `HttpSendRequestEx_test`):
//! - `HttpSendRequestEx` sends the head and the optional first buffer
//!   (SENDING_REQUEST, REQUEST_SENT with the bytes of both) and returns;
//!   `dwBufferTotal` is the Content-Length, first buffer included.
//! - Each `InternetWriteFile` reports SENDING_REQUEST, then REQUEST_SENT
//!   with the bytes written (also for 0 bytes, and after a failure).
//! - `HttpEndRequest` reads the response head (RECEIVING_RESPONSE,
//!   RESPONSE_RECEIVED); without an upload in progress it fails with
//!   `ERROR_INTERNET_OPERATION_CANCELLED` (test_async_HttpSendRequestEx,
//!   after a failed HttpSendRequestEx).
//! - Between the two, response queries are `ERROR_INTERNET_INCORRECT_HANDLE_STATE`.
//!
//! Where neither Windows' tests nor its documentation say what happens,
//! OpenINet refuses what would corrupt the connection (Wine sends it):
//! - a write past the announced length fails with `ERROR_INVALID_PARAMETER`
//!   and sends nothing, the rule WinHTTP has on Windows 7 and later (its
//!   WinHttpWriteData); the write may be retried with fewer bytes;
//! - `HttpEndRequest` before the announced length was written fails with
//!   `ERROR_INTERNET_INCORRECT_HANDLE_STATE` and closes the connection
//!   (the server would wait for the rest until a timeout);
//! - a write before `HttpSendRequestEx` (Wine crashes) or after
//!   `HttpEndRequest` is `ERROR_INTERNET_INCORRECT_HANDLE_STATE`.
//!
//! Redirects: `send` keeps its body borrowed for the whole call, so a
//! 307/308 can write it again (see `Request::send`). A body streamed by
//! `write` is gone once written; `HttpEndRequest` cannot resend it (Wine
//! follows a redirect there without the body).
//!
//! `Expect: 100-continue`: WinINet does not send it of its own accord. When
//! the application adds it, the body is sent without waiting, and the
//! interim `100 Continue` is skipped when the head is read, as any 1xx is.
//! A server that answers early (a 413 before the body) and closes fails
//! the write; `HttpEndRequest` then still takes that answer if it arrived.

use super::{read_head, HeadError, Request, Written};
use crate::http::conn::Conn;
use crate::status::Status;
use crate::Error;
use std::time::Duration;

/// Bodies up to this size are copied behind the head and leave in its
/// write (one packet for a small form); larger ones are written from the
/// caller's buffer.
pub(crate) const INLINE_MAX: usize = 16 * 1024;

/// The largest single socket write of a body; the send timeout bounds each.
const WRITE_PIECE: usize = 1 << 20;

/// An upload between `HttpSendRequestEx` and `HttpEndRequest`.
pub(crate) struct Upload {
    /// `None` once a write was cancelled mid-way (the message is broken).
    conn: Option<Conn>,
    /// The body's length as the head announced it; `None` when the
    /// application frames the body itself (`Transfer-Encoding`).
    announced: Option<u64>,
    /// Body bytes written so far.
    written: u64,
    /// The failure of a write: the connection cannot carry the rest.
    broken: Option<Error>,
}

impl Upload {
    /// The connection, for closing.
    pub(crate) fn into_conn(self) -> Option<Conn> {
        self.conn
    }
}

/// Appends `body` to the head in `wire` when it is small; returns what is
/// left to write after `wire`.
pub(crate) fn inline_small<'b>(wire: &mut Vec<u8>, body: &'b [u8]) -> &'b [u8] {
    if body.len() <= INLINE_MAX {
        wire.extend_from_slice(body);
        &[]
    } else {
        body
    }
}

/// Writes `wire` then `rest`.
pub(crate) async fn write_request(
    conn: &mut Conn,
    wire: &[u8],
    rest: &[u8],
    timeout: Option<Duration>,
) -> Result<(), Error> {
    conn.write_all(wire, timeout).await?;
    write_body(conn, rest, timeout).await
}

/// Writes `body` in pieces straight from the slice.
async fn write_body(conn: &mut Conn, body: &[u8], timeout: Option<Duration>) -> Result<(), Error> {
    for piece in body.chunks(WRITE_PIECE) {
        conn.write_all(piece, timeout).await?;
    }
    Ok(())
}

/// The body length the sent headers announce: `None` with
/// `Transfer-Encoding` (the application frames the body), else the
/// `Content-Length` (none: no body, RFC 9112 §6.3).
fn announced_length(sent: &[(String, String)]) -> Option<u64> {
    let field = |name: &str| {
        sent.iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim())
    };
    if field("Transfer-Encoding").is_some() {
        return None;
    }
    match field("Content-Length") {
        None => Some(0),
        // A length the application wrote that is no number: it knows the
        // framing better than we do.
        Some(v) => v.parse().ok(),
    }
}

impl Request {
    /// `HttpSendRequestEx`: sends the head, announcing `total` body bytes
    /// (unless the application set its own framing header), and `first`,
    /// the start of the body. The rest comes through [`Request::write`];
    /// [`Request::end_request`] receives the response.
    ///
    /// Errors: `InvalidParameter` when `first` is longer than the body
    /// announced (nothing is sent); the connection's errors.
    pub async fn send_ex(
        &mut self,
        extra_headers: Option<&str>,
        first: &[u8],
        total: u64,
    ) -> Result<(), Error> {
        if first.len() as u64 > total {
            return Err(Error::InvalidParameter);
        }
        self.apply_extra_headers(extra_headers)?;
        // The upload again after ERROR_INTERNET_FORCE_RETRY carries the
        // answer `end_request` prepared (on the connection an NTLM
        // handshake holds); a new one starts without an old handshake's.
        let retry = self.upload_rounds.is_some();
        if !retry {
            self.forget_finished_handshakes();
            // Basic a server already asked for goes ahead, as with
            // HttpSendRequest (Wine sends both through one path).
            self.add_preemptive_basic();
        }
        self.prepare_exchange().await?;
        let mut wire = self.wire_head(total)?;
        let announced = announced_length(&self.headers);
        if announced.is_some_and(|a| first.len() as u64 > a) {
            return Err(Error::InvalidParameter);
        }
        let rest = inline_small(&mut wire, first);
        // As in `send`; the upload's connection carries the place under the
        // per-server limit until it is pooled or closed.
        let mut way = self.reserve_connection(retry).await?;
        let mut conn = match self.write_head(&mut way, &wire, rest).await? {
            Written::Refused => return Ok(()),
            Written::On(conn, _) => conn,
        };
        conn.slot = way.slot.take();
        self.upload = Some(Upload {
            conn: Some(conn),
            announced,
            written: first.len() as u64,
            broken: None,
        });
        Ok(())
    }

    /// A 401/407 at the end of an upload, with credentials to answer it:
    /// WinINet does not send the body again by itself, so `end_request`
    /// fails with ERROR_INTERNET_FORCE_RETRY and the application goes back
    /// to HttpSendRequestEx and writes the body again (Microsoft KB 194700,
    /// "How to use HttpSendRequestEx with password-protected URLs", method
    /// 1). The answer goes with that next upload; an NTLM handshake keeps
    /// its connection for it. Without credentials, or once an answer was
    /// refused, the challenge is the response (method 2: the application
    /// may set credentials and start again).
    async fn answer_upload_challenge(&mut self) -> Result<(), Error> {
        let mut rounds = self.upload_rounds.take().unwrap_or_default();
        if !self.answer_challenge(&mut rounds) {
            self.remember_accepted_basic(&rounds);
            return Ok(());
        }
        if rounds.connection_bound() {
            self.hold_connection_for_next_leg().await;
        }
        self.upload_rounds = Some(rounds);
        Err(Error::ForceRetry)
    }

    /// A redirect at the end of an upload that turns it into a GET (301,
    /// 302, 303 after a POST) is followed, without the body, as
    /// HttpSendRequest follows it; Wine 8 does the same in HttpEndRequest
    /// (run here: a POST uploaded in pieces and answered 302 or 303 ends
    /// as `GET /echo`, status 200, INTERNET_OPTION_URL the new URL). A
    /// redirect that keeps the verb and body (307, 308) is the response:
    /// the streamed body cannot be sent again (Wine 8 sends the 307's POST
    /// without it).
    async fn follow_upload_redirect(&mut self) -> Result<(), Error> {
        let Some(hop) = self.redirect_hop(0)? else {
            return Ok(());
        };
        if hop.keeps_body {
            return Ok(());
        }
        let asked = self.headers.clone();
        let mut last = None;
        self.finish_old_body().await;
        self.release_connection_keeping_head(&mut last);
        self.emit(Status::Redirect(hop.url.clone()));
        self.move_to(hop, &asked);
        // The rest as HttpSendRequest: further redirects, challenges.
        let sent = self.send(None, b"").await;
        if sent.is_err() && self.exchange.is_none() {
            // A redirect that fails leaves its 3xx as the response.
            self.exchange = last.map(super::Exchange::ended);
        }
        sent
    }

    /// Whether an upload is between `send_ex` and `end_request`.
    pub fn is_uploading(&self) -> bool {
        self.upload.is_some()
    }

    /// `InternetWriteFile`: writes `data` as the next body bytes, from
    /// `data` itself; returns the bytes written (all of them).
    ///
    /// Errors: `IncorrectHandleState` without an upload in progress;
    /// `InvalidParameter` past the announced length (nothing written); the
    /// error of an earlier failed write again; the connection's errors.
    pub async fn write(&mut self, data: &[u8]) -> Result<usize, Error> {
        let up = self.upload.as_mut().ok_or(Error::IncorrectHandleState)?;
        if let Some(e) = up.broken {
            return Err(e);
        }
        if up
            .announced
            .is_some_and(|a| up.written + data.len() as u64 > a)
        {
            return Err(Error::InvalidParameter);
        }
        // Taken out while writing: a write dropped half-way (its handle
        // closed) leaves no connection behind to carry a broken message.
        let Some(mut conn) = up.conn.take() else {
            return Err(Error::ConnectionAborted);
        };
        let timeout = self.timeouts.send;
        self.emit(Status::SendingRequest);
        let result = write_body(&mut conn, data, timeout).await;
        let up = self.upload.as_mut().ok_or(Error::IncorrectHandleState)?;
        up.conn = Some(conn);
        let written = match result {
            Ok(()) => {
                up.written += data.len() as u64;
                data.len()
            }
            Err(e) => {
                up.broken = Some(e);
                0
            }
        };
        self.emit(Status::RequestSent(written as u32));
        result.map(|()| written)
    }

    /// `HttpEndRequest`: receives the response head of the upload.
    ///
    /// Errors: `OperationCancelled` without an upload in progress (never
    /// started, failed to start, or already ended); `IncorrectHandleState`
    /// when less than the announced body was written (the connection is
    /// closed); after a failed write, that write's error unless the server
    /// answered anyway; the head's errors.
    pub async fn end_request(&mut self) -> Result<(), Error> {
        let Some(up) = self.upload.take() else {
            return Err(Error::OperationCancelled);
        };
        let Some(mut conn) = up.conn else {
            return Err(Error::ConnectionAborted);
        };
        if up.broken.is_none() && up.announced.is_some_and(|a| up.written < a) {
            self.close_connection(conn);
            return Err(Error::IncorrectHandleState);
        }
        self.emit(Status::ReceivingResponse);
        match read_head(&mut conn, self.timeouts.receive).await {
            Ok((head, head_len)) => {
                if let Some(slot) = &conn.slot {
                    slot.note_version(head.version);
                }
                self.take_response(conn, head, head_len, up.broken.is_none());
                self.secure_channel = self.key.secure;
                self.answer_upload_challenge().await?;
                self.follow_upload_redirect().await
            }
            Err(HeadError::ClosedEarly(e) | HeadError::Failed(e)) => {
                self.close_connection(conn);
                Err(up.broken.unwrap_or(e))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn the_announced_length_follows_the_framing_headers() {
        assert_eq!(announced_length(&fields(&[("Host", "h")])), Some(0));
        assert_eq!(
            announced_length(&fields(&[("content-length", " 12 ")])),
            Some(12)
        );
        assert_eq!(
            announced_length(&fields(&[("Transfer-Encoding", "chunked")])),
            None
        );
        assert_eq!(announced_length(&fields(&[("Content-Length", "x")])), None);
    }

    #[test]
    fn small_bodies_ride_with_the_head_and_large_ones_stay_where_they_are() {
        let mut wire = b"HEAD".to_vec();
        assert!(inline_small(&mut wire, b"abc").is_empty());
        assert_eq!(wire, b"HEADabc");
        let big = vec![7u8; INLINE_MAX + 1];
        let mut wire = b"HEAD".to_vec();
        let rest = inline_small(&mut wire, &big);
        assert_eq!(
            rest.as_ptr(),
            big.as_ptr(),
            "written from the caller's buffer"
        );
        assert_eq!(wire, b"HEAD");
    }
}
