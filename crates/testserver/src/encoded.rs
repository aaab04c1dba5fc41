//! Routes for redirects and content encodings (issue 10): redirect chains
//! and loops, and bodies compressed with gzip, zlib deflate, raw deflate
//! and brotli, whole, cut short or corrupt. Compression by `flate2` and
//! `brotli`, the crates the client decodes with; the client's tests also
//! check against nginx's own gzip.

use std::io::{self, Write};
use std::net::TcpStream;

use crate::pattern::pattern;
use crate::request::Request;
use crate::respond::{send, After, Ctx};

const TEXT: (&str, &str) = ("Content-Type", "text/plain");

/// `/redirects/N`: a 302 to `/redirects/N-1`, down to `/redirects/0`,
/// which answers 200 `"arrived\n"`.
pub(crate) fn redirect_chain(ctx: &Ctx<'_>, out: &mut TcpStream, n: u64) -> io::Result<After> {
    if n == 0 {
        return send(out, ctx, 200, &[TEXT], b"arrived\n");
    }
    let to = format!("/redirects/{}", n - 1);
    send(out, ctx, 302, &[TEXT, ("Location", &to)], b"next\n")
}

/// `/loop`: a 302 back to itself.
pub(crate) fn redirect_loop(ctx: &Ctx<'_>, out: &mut TcpStream) -> io::Result<After> {
    send(out, ctx, 302, &[TEXT, ("Location", "/loop")], b"again\n")
}

/// `/encoded/KIND?n=N`: N pattern bytes (default 100000) compressed as
/// KIND, with the matching `Content-Encoding` and a `Content-Length` of the
/// compressed size. KIND: `gzip`, `deflate` (zlib), `rawdeflate` (sent as
/// `deflate`), `br`, `truncated-gzip` (the first half of the gzip stream),
/// `corrupt-deflate` (a zlib header, then bytes that are no deflate data).
pub(crate) fn encoded(
    req: &Request,
    ctx: &Ctx<'_>,
    out: &mut TcpStream,
    kind: &str,
) -> io::Result<After> {
    let n = req
        .param("n")
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(100_000);
    let plain = pattern(n);
    let (coding, body) = match kind {
        "gzip" => ("gzip", gzip(&plain)?),
        "deflate" => ("deflate", zlib(&plain)?),
        "rawdeflate" => ("deflate", raw_deflate(&plain)?),
        "br" => ("br", brotli_of(&plain)?),
        "truncated-gzip" => {
            let mut g = gzip(&plain)?;
            g.truncate(g.len() / 2);
            ("gzip", g)
        }
        "corrupt-deflate" => ("deflate", b"\x78\x9c\xff\xff\xff\xffnot deflate".to_vec()),
        _ => return send(out, ctx, 404, &[TEXT], b"not found\n"),
    };
    send(
        out,
        ctx,
        200,
        &[OCTETS, ("Content-Encoding", coding)],
        &body,
    )
}

const OCTETS: (&str, &str) = ("Content-Type", "application/octet-stream");

/// `data` as a gzip stream.
pub fn gzip(data: &[u8]) -> io::Result<Vec<u8>> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data)?;
    e.finish()
}

/// `data` as a zlib stream (HTTP's `deflate`).
pub fn zlib(data: &[u8]) -> io::Result<Vec<u8>> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data)?;
    e.finish()
}

/// `data` as raw deflate (what some servers send as `deflate`).
pub fn raw_deflate(data: &[u8]) -> io::Result<Vec<u8>> {
    let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data)?;
    e.finish()
}

/// `data` as a brotli stream.
pub fn brotli_of(data: &[u8]) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
        w.write_all(data)?;
    }
    Ok(out)
}
