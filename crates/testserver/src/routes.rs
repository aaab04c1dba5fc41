//! The scripted routes (documented in the table at the top of `lib.rs`).
//! Each handler answers one request and says how the connection continues.

use std::io::{self, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::pattern::{pattern_slice, WRITE_CHUNK};
use crate::request::{Reader, Request};
use crate::respond::{send, write_head, After, Ctx, Framing};

/// Body of `/hello`.
pub const HELLO_BODY: &str = "Hello, world!\n";
/// Body of a GET on `/head-target` (HEAD gets its length, not the bytes).
pub const HEAD_TARGET_BODY: &str = "head-target body\n";
/// The five pieces of a `/slowbody/MS` body, sent one every MS ms.
pub const SLOWBODY_PIECES: [&str; 5] = ["part1", "part2", "part3", "part4", "part5"];
/// Length of the value of `X-Big` in `/big-headers`.
pub const BIG_HEADER_LEN: usize = 100 * 1024;
/// Chunk sizes `/chunked/N` cycles through (the last chunk is whatever remains).
pub const CHUNK_SIZES: [usize; 7] = [1, 7, 100, 1000, 4096, 16384, 65536];

const TEXT: (&str, &str) = ("Content-Type", "text/plain");
const OCTETS: (&str, &str) = ("Content-Type", "application/octet-stream");

/// Dispatches on the path.
pub(crate) fn respond(
    req: &Request,
    ctx: &Ctx<'_>,
    out: &mut TcpStream,
    reader: &mut Reader<TcpStream>,
) -> io::Result<After> {
    // A CONNECT: the scripted proxy with NTLM (ntlm_route.rs).
    if req.method.eq_ignore_ascii_case("CONNECT") {
        return crate::ntlm_route::connect(req, ctx, out);
    }
    let path = req.path();
    let (first, rest) = match path.trim_start_matches('/').split_once('/') {
        Some((a, b)) => (a, Some(b)),
        None => (path.trim_start_matches('/'), None),
    };
    match (first, rest) {
        ("hello", None) => hello(ctx, out),
        ("bytes", Some(n)) => with_number(ctx, out, n, |out, n| bytes(ctx, out, n)),
        ("chunked", Some(n)) => with_number(ctx, out, n, |out, n| chunked(ctx, out, n)),
        ("close", Some(n)) => with_number(ctx, out, n, |out, n| close_delimited(ctx, out, n)),
        ("http10", Some(n)) => with_number(ctx, out, n, |out, n| http10(ctx, out, n)),
        ("lf-only", None) => lf_only(ctx, out),
        ("status", Some(code)) => status(req, ctx, out, code),
        ("continue", None) => continue_route(ctx, out),
        ("head-target", None) => send(out, ctx, 200, &[TEXT], HEAD_TARGET_BODY.as_bytes()),
        ("slow", Some(ms)) => with_number(ctx, out, ms, |out, ms| slow(ctx, out, ms)),
        ("slowbody", Some(ms)) => with_number(ctx, out, ms, |out, ms| slowbody(ctx, out, ms)),
        ("trickle", Some(n)) => with_number(ctx, out, n, |out, n| trickle(req, ctx, out, n)),
        ("hang", None) => {
            reader.drain_to_eof();
            Ok(After::KeepAlive)
        }
        ("reset", None) => Ok(After::Reset),
        ("truncated", None) => {
            write_head(out, ctx, 200, &[OCTETS], Framing::Length(100))?;
            out.write_all(b"0123456789")?;
            Ok(After::Close)
        }
        ("truncated-chunked", None) => {
            write_head(out, ctx, 200, &[OCTETS], Framing::Chunked)?;
            out.write_all(b"a\r\n0123456789\r\n10\r\nabc")?;
            Ok(After::Close)
        }
        ("badchunk", None) => {
            write_head(out, ctx, 200, &[OCTETS], Framing::Chunked)?;
            out.write_all(b"5\r\nhello\r\nzz\r\nnever read\r\n0\r\n\r\n")?;
            Ok(After::Close)
        }
        ("reset-body", None) => {
            write_head(out, ctx, 200, &[OCTETS], Framing::Length(100))?;
            out.write_all(b"0123456789")?;
            out.flush()?;
            // The bytes arrive, then the reset, while the client waits.
            if !ctx.shared.sleep(Duration::from_millis(100)) {
                return Ok(After::Close);
            }
            Ok(After::Reset)
        }
        ("malformed", None) => {
            out.write_all(b"THIS IS NOT HTTP\r\n\r\n")?;
            Ok(After::Close)
        }
        ("garbage-status", None) => {
            out.write_all(b"HTTP/1.1 abc OK\r\n\r\n")?;
            Ok(After::Close)
        }
        ("close-immediately", None) => Ok(After::Close),
        ("echo", None) => {
            let mut body = req.head.clone();
            body.extend_from_slice(&req.body);
            send(out, ctx, 200, &[TEXT], &body)
        }
        ("conn", None) => {
            let body = format!("conn={} seq={}", ctx.conn_id, ctx.seq);
            send(out, ctx, 200, &[TEXT], body.as_bytes())
        }
        ("keepalive-close", None) => {
            let closing = Ctx {
                close: true,
                ..*ctx
            };
            send(out, &closing, 200, &[TEXT], b"closing\n")
        }
        ("redirect", None) => redirect(req, ctx, out),
        ("redirects", Some(n)) => with_number(ctx, out, n, |out, n| {
            crate::encoded::redirect_chain(ctx, out, n)
        }),
        ("loop", None) => crate::encoded::redirect_loop(ctx, out),
        ("encoded", Some(kind)) => crate::encoded::encoded(req, ctx, out, kind),
        ("auth", Some(rest)) => crate::auth_routes::respond(req, ctx, out, rest),
        ("big-headers", None) => {
            let big = "x".repeat(BIG_HEADER_LEN);
            send(out, ctx, 200, &[TEXT, ("X-Big", &big)], b"big\n")
        }
        ("response-headers", None) => {
            let query = req.query();
            let mut headers: Vec<(&str, &str)> = vec![TEXT];
            headers.extend(query.iter().map(|(k, v)| (k.as_str(), v.as_str())));
            send(out, ctx, 200, &headers, b"headers set\n")
        }
        _ => send(out, ctx, 404, &[TEXT], b"not found\n"),
    }
}

/// `/early/NNN`: a server refusing an upload. As soon as the head is read,
/// without reading the body it announced, answers NNN with
/// `Connection: close` and body `"early\n"` (NNN = 0: no answer), then
/// closes with `SO_LINGER` 0, so a client still writing sees a reset.
/// The request is recorded with an empty body.
///
/// `/stall`: reads the head, never the body, never answers (30 s at most).
pub(crate) fn early(
    req: &Request,
    conn_id: u64,
    seq: u32,
    shared: &crate::server::Shared,
    out: &mut TcpStream,
) -> Option<After> {
    if req.path() == "/stall" {
        // Never reads the body: a client writing one fills the socket's
        // buffers and waits. Held for 30 s at most, or until the server stops.
        shared.sleep(std::time::Duration::from_secs(30));
        return Some(After::Reset);
    }
    let code: u16 = req.path().strip_prefix("/early/")?.parse().ok()?;
    shared.record(crate::server::Recorded {
        conn_id,
        seq_on_conn: seq,
        method: req.method.clone(),
        target: req.target.clone(),
        version: req.version.clone(),
        head: String::from_utf8_lossy(&req.head).into_owned(),
        headers: req.headers.clone(),
        body: Vec::new(),
    });
    if code != 0 {
        let ctx = Ctx {
            conn_id,
            seq,
            shared,
            head_only: false,
            close: true,
            http10_keep_alive: false,
        };
        let _ = send(out, &ctx, code, &[TEXT], b"early\n");
    }
    Some(After::Reset)
}

/// Parses a numeric path segment, answering 400 if it is not one.
fn with_number(
    ctx: &Ctx<'_>,
    out: &mut TcpStream,
    text: &str,
    f: impl FnOnce(&mut TcpStream, u64) -> io::Result<After>,
) -> io::Result<After> {
    match text.parse::<u64>() {
        Ok(n) => f(out, n),
        Err(_) => send(out, ctx, 400, &[TEXT], b"expected a number\n"),
    }
}

fn hello(ctx: &Ctx<'_>, out: &mut TcpStream) -> io::Result<After> {
    let headers = [
        TEXT,
        ("Last-Modified", "Tue, 15 Nov 1994 08:12:31 GMT"),
        ("Set-Cookie", "a=1"),
        ("Set-Cookie", "b=2"),
        ("X-Repeat", "one"),
        ("X-Repeat", "two"),
        ("x-MiXeD-Case", "Value"),
    ];
    send(out, ctx, 200, &headers, HELLO_BODY.as_bytes())
}

/// Writes pattern bytes `0..n` in 64 KiB writes.
fn write_pattern(out: &mut impl Write, start: u64, n: u64) -> io::Result<()> {
    let mut done = 0u64;
    while done < n {
        let len = (n - done).min(WRITE_CHUNK as u64) as usize;
        out.write_all(pattern_slice(start + done, len))?;
        done += len as u64;
    }
    Ok(())
}

fn bytes(ctx: &Ctx<'_>, out: &mut TcpStream, n: u64) -> io::Result<After> {
    write_head(out, ctx, 200, &[OCTETS], Framing::Length(n))?;
    if !ctx.head_only {
        write_pattern(out, 0, n)?;
    }
    Ok(ctx.after())
}

fn chunked(ctx: &Ctx<'_>, out: &mut TcpStream, n: u64) -> io::Result<After> {
    write_head(
        out,
        ctx,
        200,
        &[OCTETS, ("Trailer", "X-Trailer")],
        Framing::Chunked,
    )?;
    if ctx.head_only {
        return Ok(ctx.after());
    }
    let mut done = 0u64;
    let mut index = 0usize;
    while done < n {
        let len = (n - done).min(CHUNK_SIZES[index % CHUNK_SIZES.len()] as u64);
        // Chunk 1 carries extensions; chunk 3 spells its size in upper case.
        let size_line = match index {
            1 => format!("{len:x};ext=1;name=\"quoted value\"\r\n"),
            3 => format!("{len:X}\r\n"),
            _ => format!("{len:x}\r\n"),
        };
        out.write_all(size_line.as_bytes())?;
        write_pattern(out, done, len)?;
        out.write_all(b"\r\n")?;
        done += len;
        index += 1;
    }
    out.write_all(b"0\r\nX-Trailer: done\r\n\r\n")?;
    Ok(ctx.after())
}

fn close_delimited(ctx: &Ctx<'_>, out: &mut TcpStream, n: u64) -> io::Result<After> {
    write_head(out, ctx, 200, &[OCTETS], Framing::CloseDelimited)?;
    if !ctx.head_only {
        write_pattern(out, 0, n)?;
    }
    Ok(After::Close)
}

fn http10(ctx: &Ctx<'_>, out: &mut TcpStream, n: u64) -> io::Result<After> {
    out.write_all(
        b"HTTP/1.0 200 OK\r\nServer: testserver\r\nContent-Type: application/octet-stream\r\n\r\n",
    )?;
    if !ctx.head_only {
        write_pattern(out, 0, n)?;
    }
    Ok(After::Close)
}

fn lf_only(ctx: &Ctx<'_>, out: &mut TcpStream) -> io::Result<After> {
    let head: &[u8] = b"HTTP/1.1  200  OK\nContent-Length:5\nX-Spaced :  padded  \n\n";
    // One write: head and body arrive together.
    out.write_all(&[head, if ctx.head_only { b"" } else { b"hello" }].concat())?;
    Ok(ctx.after())
}

fn status(req: &Request, ctx: &Ctx<'_>, out: &mut TcpStream, code: &str) -> io::Result<After> {
    let code = match code.parse::<u16>() {
        Ok(c) if (200..=999).contains(&c) && code.len() == 3 => c,
        _ => return send(out, ctx, 400, &[TEXT], b"status must be 200-999\n"),
    };
    let location = req.param("location");
    let mut headers: Vec<(&str, &str)> = vec![TEXT];
    if let Some(l) = &location {
        headers.push(("Location", l));
    }
    match code {
        401 => headers.push(("WWW-Authenticate", "Basic realm=\"testserver\"")),
        407 => headers.push(("Proxy-Authenticate", "Basic realm=\"testserver\"")),
        _ => {}
    }
    let body = format!("status {code}\n");
    send(out, ctx, code, &headers, body.as_bytes())
}

fn continue_route(ctx: &Ctx<'_>, out: &mut TcpStream) -> io::Result<After> {
    out.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?;
    out.write_all(b"HTTP/1.1 102 Processing\r\n\r\n")?;
    send(out, ctx, 200, &[TEXT], b"after-continue")
}

fn slow(ctx: &Ctx<'_>, out: &mut TcpStream, ms: u64) -> io::Result<After> {
    if !ctx.shared.sleep(Duration::from_millis(ms)) {
        return Ok(After::Close);
    }
    send(out, ctx, 200, &[TEXT], b"slow\n")
}

fn slowbody(ctx: &Ctx<'_>, out: &mut TcpStream, ms: u64) -> io::Result<After> {
    let total: usize = SLOWBODY_PIECES.iter().map(|p| p.len()).sum();
    write_head(out, ctx, 200, &[TEXT], Framing::Length(total as u64))?;
    if ctx.head_only {
        return Ok(ctx.after());
    }
    for piece in SLOWBODY_PIECES {
        if !ctx.shared.sleep(Duration::from_millis(ms)) {
            return Ok(After::Close);
        }
        out.write_all(piece.as_bytes())?;
    }
    Ok(ctx.after())
}

fn trickle(req: &Request, ctx: &Ctx<'_>, out: &mut TcpStream, n: u64) -> io::Result<After> {
    let number = |name: &str, default: u64| {
        req.param(name)
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(default)
    };
    let (piece, ms) = (number("piece", 4096).max(1), number("ms", 10));
    write_head(out, ctx, 200, &[OCTETS], Framing::Length(n))?;
    if ctx.head_only {
        return Ok(ctx.after());
    }
    let mut sent = 0;
    while sent < n {
        if !ctx.shared.sleep(Duration::from_millis(ms)) {
            return Ok(After::Close);
        }
        let len = piece.min(n - sent);
        write_pattern(out, sent, len)?;
        sent += len;
    }
    Ok(ctx.after())
}

fn redirect(req: &Request, ctx: &Ctx<'_>, out: &mut TcpStream) -> io::Result<After> {
    let to = req.param("to").unwrap_or_else(|| "/hello".to_string());
    let code = match req.param("code").and_then(|c| c.parse::<u16>().ok()) {
        Some(c) if (300..=399).contains(&c) => c,
        _ => 302,
    };
    let body = format!("redirecting to {to}\n");
    let mut headers = vec![TEXT, ("Location", to.as_str())];
    let cookie = req.param("cookie");
    if let Some(c) = &cookie {
        headers.push(("Set-Cookie", c.as_str()));
    }
    send(out, ctx, code, &headers, body.as_bytes())
}
