//! The authentication routes (see the table in `lib.rs`): challenges a
//! client must answer. The server checks Basic answers itself (the test
//! names the expected value); Digest answers it accepts by nonce and
//! echoes, for the test to check the hash independently.

use std::io;
use std::net::TcpStream;

use crate::request::Request;
use crate::respond::{send, After, Ctx};

const TEXT: (&str, &str) = ("Content-Type", "text/plain");

pub(crate) fn respond(
    req: &Request,
    ctx: &Ctx<'_>,
    out: &mut TcpStream,
    rest: &str,
) -> io::Result<After> {
    let (kind, arg) = rest.split_once('/').unwrap_or((rest, ""));
    // Segments after the first argument only make other directories.
    let first = arg.split('/').next().unwrap_or("");
    match kind {
        // /auth/basic/B64: 200 when `Authorization: Basic B64`.
        "basic" => {
            if req.header("Authorization") == Some(&format!("Basic {first}")) {
                send(out, ctx, 200, &[TEXT], b"welcome\n")
            } else {
                let challenge = ("WWW-Authenticate", "Basic realm=\"testserver\"");
                send(out, ctx, 401, &[TEXT, challenge], b"who are you?\n")
            }
        }
        // /auth/proxy-basic/B64: a proxy's 407 unless `Proxy-Authorization: Basic B64`.
        "proxy-basic" => {
            if req.header("Proxy-Authorization") == Some(&format!("Basic {first}")) {
                send(out, ctx, 200, &[TEXT], b"proxy welcome\n")
            } else {
                let challenge = ("Proxy-Authenticate", "Basic realm=\"testproxy\"");
                send(out, ctx, 407, &[TEXT, challenge], b"proxy says who?\n")
            }
        }
        // /auth/proxy-digest/ALG: a proxy's Digest 407 (see lib.rs).
        "proxy-digest" => {
            let sent = req.header("Proxy-Authorization").unwrap_or("");
            if sent.starts_with("Digest ") && sent.contains("nonce=\"pn0nce\"") {
                return send(out, ctx, 200, &[TEXT], sent.as_bytes());
            }
            let challenge = format!(
                "Digest realm=\"testproxy\", nonce=\"pn0nce\", qop=\"auth\", algorithm={first}"
            );
            send(
                out,
                ctx,
                407,
                &[TEXT, ("Proxy-Authenticate", &challenge)],
                b"proxy digest please\n",
            )
        }
        // /auth/ntlm[/MODE]: NTLM checked by sspi (ntlm_route.rs).
        "ntlm" => crate::ntlm_route::respond(req, ctx, out, first, crate::ntlm_route::SERVER),
        // /auth/proxy-ntlm[/MODE]: the same, as a proxy asks (407).
        "proxy-ntlm" => crate::ntlm_route::respond(req, ctx, out, first, crate::ntlm_route::PROXY),
        // /auth/digest/ALG[?stale=1]: see lib.rs.
        "digest" => digest(req, ctx, out, arg),
        // /auth/malformed: a challenge no client can parse.
        "malformed" => {
            let challenge = ("WWW-Authenticate", "Digest realm=\"unterminated");
            send(out, ctx, 401, &[TEXT, challenge], b"malformed\n")
        }
        _ => send(out, ctx, 404, &[TEXT], b"not found\n"),
    }
}

fn digest(req: &Request, ctx: &Ctx<'_>, out: &mut TcpStream, alg: &str) -> io::Result<After> {
    let stale = req.param("stale").is_some();
    let sent = req.header("Authorization").unwrap_or("");
    let (nonce, mark_stale) = if stale && !sent.contains("nonce=\"fresh\"") {
        // The first nonce has "expired": a right answer to it is stale.
        ("fresh", sent.contains("nonce=\"old\""))
    } else if stale {
        ("fresh", false)
    } else {
        ("n0nce", false)
    };
    let answered = sent.starts_with("Digest ") && sent.contains(&format!("nonce=\"{nonce}\""));
    if answered && !mark_stale {
        return send(out, ctx, 200, &[TEXT], sent.as_bytes());
    }
    let first_nonce = if stale && !mark_stale { "old" } else { nonce };
    let challenge = format!(
        "Digest realm=\"testserver\", nonce=\"{first_nonce}\", qop=\"auth\", algorithm={alg}, opaque=\"0paque\"{}",
        if mark_stale { ", stale=true" } else { "" }
    );
    send(
        out,
        ctx,
        401,
        &[TEXT, ("WWW-Authenticate", &challenge)],
        b"digest please\n",
    )
}
