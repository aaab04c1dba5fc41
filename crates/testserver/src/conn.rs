//! One connection: read a request, record it, let its route answer, and
//! repeat while the connection stays alive.

use std::io::Write;
use std::net::TcpStream;
use std::sync::Arc;
use std::time::Duration;

use crate::request::{ReadError, Reader};
use crate::respond::{self, After, Ctx};
use crate::routes;
use crate::server::{Recorded, Shared};
use crate::sock;

/// How long a graceful close waits for the client to finish sending.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(2);

/// Serves `stream` until it closes, the client errs, or the server stops.
pub(crate) fn serve(stream: TcpStream, conn_id: u64, shared: Arc<Shared>) {
    let _ = stream.set_nodelay(true);
    let Ok(read_half) = stream.try_clone() else {
        shared.unregister(conn_id);
        return;
    };
    let mut reader = Reader::new(read_half);
    let mut out = stream;
    let ending = serve_requests(&mut reader, &mut out, conn_id, &shared);
    match ending {
        // The peer left or the server is stopping: just close.
        After::KeepAlive => {}
        After::Close => {
            sock::send_fin(&out);
            let _ = out.set_read_timeout(Some(DRAIN_TIMEOUT));
            reader.drain_to_eof();
        }
        After::Reset => {
            // If SO_LINGER cannot be set the close below is an ordinary FIN.
            let _ = sock::set_linger_zero(&out);
        }
    }
    // Drop the registry's clone first so our drops really close the socket.
    shared.unregister(conn_id);
}

/// The request loop; returns how the connection should end.
fn serve_requests(
    reader: &mut Reader<TcpStream>,
    out: &mut TcpStream,
    conn_id: u64,
    shared: &Shared,
) -> After {
    let mut seq: u32 = 0;
    loop {
        if shared.stopping() {
            return After::KeepAlive; // the socket is already shut down
        }
        let mut req = match reader.read_head() {
            Ok(r) => r,
            Err(ReadError::Eof) | Err(ReadError::Io) => return After::KeepAlive,
            Err(ReadError::Bad(why)) => return bad_request(out, conn_id, seq + 1, shared, why),
        };
        // `/early/NNN` answers before the body is read (see `routes::early`).
        if let Some(after) = routes::early(&req, conn_id, seq + 1, shared, out) {
            return after;
        }
        let expects_continue =
            req.announces_body() && req.header_has_token("Expect", "100-continue");
        if expects_continue && out.write_all(b"HTTP/1.1 100 Continue\r\n\r\n").is_err() {
            return After::KeepAlive;
        }
        match reader.read_body(&mut req) {
            Ok(()) => {}
            Err(ReadError::Eof) | Err(ReadError::Io) => return After::KeepAlive,
            Err(ReadError::Bad(why)) => return bad_request(out, conn_id, seq + 1, shared, why),
        }
        seq += 1;
        shared.record(Recorded {
            conn_id,
            seq_on_conn: seq,
            method: req.method.clone(),
            target: req.target.clone(),
            version: req.version.clone(),
            head: String::from_utf8_lossy(&req.head).into_owned(),
            headers: req.headers.clone(),
            body: req.body.clone(),
        });
        let ctx = Ctx {
            conn_id,
            seq,
            shared,
            head_only: req.method.eq_ignore_ascii_case("HEAD"),
            close: req.wants_close(),
            http10_keep_alive: req.version == "HTTP/1.0" && !req.wants_close(),
        };
        match routes::respond(&req, &ctx, out, reader) {
            Ok(After::KeepAlive) => continue,
            Ok(other) => return other,
            // The client went away mid-response: nothing left to say.
            Err(_) => return After::KeepAlive,
        }
    }
}

/// Answers an unparseable request with 400 and closes.
fn bad_request(out: &mut TcpStream, conn_id: u64, seq: u32, shared: &Shared, why: &str) -> After {
    let ctx = Ctx {
        conn_id,
        seq,
        shared,
        head_only: false,
        close: true,
        http10_keep_alive: false,
    };
    let body = format!("bad request: {why}\n");
    let _ = respond::send(
        out,
        &ctx,
        400,
        &[("Content-Type", "text/plain")],
        body.as_bytes(),
    );
    After::Close
}
