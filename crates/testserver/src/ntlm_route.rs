//! `/auth/ntlm[/MODE]`: the server side of NTLM, for real. Each
//! connection keeps its own handshake (one thread serves one connection,
//! so the state is thread-local and tagged with the connection's id): a
//! Type 1 gets a fresh challenge (Type 2) in a 401, and the Type 3 is
//! checked by `sspi`'s AcceptSecurityContext against [`NTLM_USER`] in
//! [`NTLM_DOMAIN`] with [`NTLM_PASSWORD`]: a wrong password (or user) gets
//! a 401, and so does a Type 3 on a connection that sent no Type 1.
//! `/auth/proxy-ntlm[/MODE]` is the same as a proxy would ask:
//! `Proxy-Authorization` in, 407 with `Proxy-Authenticate` out (squid's
//! own `ntlm_fake_auth` helper sends a Type 2 whose target-name offset
//! points outside the message, which no strict client can read).
//!
//! The handshake is `sspi`'s (as in the client, `openinet::auth::ntlm`).
//! sspi's acceptor proves the password only through the Type 3's MIC,
//! and a client may send none (Wine's wininet through Samba's
//! `ntlm_auth` does not): so the route also checks the NTLMv2 proof
//! itself ([`proves_password`], MS-NLMP §3.3.2, from the md4/hmac/md-5
//! crates), as the Digest routes let the tests check their hashes
//! independently.

use std::cell::RefCell;
use std::io::{self, Write};
use std::net::TcpStream;

use base64::Engine;
use sspi::{
    AuthIdentity, BufferType, CredentialUse, DataRepresentation, Ntlm, SecurityBuffer,
    SecurityStatus, ServerRequestFlags, Sspi, SspiImpl, Username, UsernameParts,
};

use crate::request::Request;
use crate::respond::{send, After, Ctx};

/// The account `/auth/ntlm` accepts.
pub const NTLM_USER: &str = "ntlmuser";
pub const NTLM_DOMAIN: &str = "TESTDOM";
pub const NTLM_PASSWORD: &str = "ntlm-secret";

const TEXT: (&str, &str) = ("Content-Type", "text/plain");

/// Whom the route plays: a server (401) or a proxy (407).
#[derive(Clone, Copy)]
pub(crate) struct Role {
    /// The header the client answers in.
    answer: &'static str,
    /// The header the challenge goes in.
    challenge: &'static str,
    status: u16,
}

pub(crate) const SERVER: Role = Role {
    answer: "Authorization",
    challenge: "WWW-Authenticate",
    status: 401,
};

pub(crate) const PROXY: Role = Role {
    answer: "Proxy-Authorization",
    challenge: "Proxy-Authenticate",
    status: 407,
};

/// A handshake waiting for its Type 3 on connection `conn_id`.
struct Pending {
    conn_id: u64,
    /// The Type 2 sent (its server challenge is at bytes 24..32).
    type2: Vec<u8>,
    ntlm: Ntlm,
    handle: <Ntlm as SspiImpl>::CredentialsHandle,
}

thread_local! {
    static PENDING: RefCell<Option<Pending>> = const { RefCell::new(None) };
}

fn b64() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::STANDARD
}

/// The client's token under `scheme` in `Authorization`, decoded.
fn client_token(req: &Request, role: Role, scheme: &str) -> Option<Vec<u8>> {
    let value = req.header(role.answer)?;
    let (s, token) = value.split_once(' ')?;
    if !s.eq_ignore_ascii_case(scheme) {
        return None;
    }
    b64().decode(token.trim()).ok()
}

fn message_type(token: &[u8]) -> Option<u8> {
    (token.len() > 8 && token.starts_with(b"NTLMSSP\0")).then(|| token[8])
}

/// The route. MODE: none (offers `NTLM`), `negotiate` (offers
/// `Negotiate`), `basic-first` (offers `Basic` then `NTLM`), `close`
/// (the Type 2 comes with `Connection: close`, then the connection
/// closes), `drop` (a Type 1 gets no answer: the connection closes),
/// `garbage` (the Type 2 is not base64), `truncated` (the Type 2 is cut
/// to 20 bytes).
pub(crate) fn respond(
    req: &Request,
    ctx: &Ctx<'_>,
    out: &mut TcpStream,
    mode: &str,
    role: Role,
) -> io::Result<After> {
    let scheme = if mode == "negotiate" {
        "Negotiate"
    } else {
        "NTLM"
    };
    let t = Talk {
        ctx,
        mode,
        scheme,
        role,
        tunnel: None,
    };
    answer(req, &t, out)
}

/// `CONNECT host:port` to the scripted server: a proxy asking for NTLM
/// (407s as `/auth/proxy-ntlm`); once the Type 3 proves the password,
/// `200 Connection established` and the bytes spliced both ways to
/// `host:port` (127.0.0.1 only) until either side closes.
pub(crate) fn connect(req: &Request, ctx: &Ctx<'_>, out: &mut TcpStream) -> io::Result<After> {
    let t = Talk {
        ctx,
        mode: "",
        scheme: "NTLM",
        role: PROXY,
        tunnel: Some(req.target.as_str()),
    };
    answer(req, &t, out)
}

fn answer(req: &Request, t: &Talk<'_, '_>, out: &mut TcpStream) -> io::Result<After> {
    let token = client_token(req, t.role, t.scheme);
    match token.as_deref().and_then(message_type) {
        Some(1) => challenge(token.as_deref().unwrap_or_default(), t, out),
        Some(3) => verify(token.as_deref().unwrap_or_default(), t, out),
        _ => {
            PENDING.with(|p| p.borrow_mut().take());
            ask(t, out, b"ntlm please\n")
        }
    }
}

/// One request's facts: how to answer it.
struct Talk<'a, 'b> {
    ctx: &'a Ctx<'b>,
    mode: &'a str,
    scheme: &'static str,
    role: Role,
    /// A CONNECT's `host:port`: the tunnel opened once authenticated.
    tunnel: Option<&'a str>,
}

/// Opens the tunnel to `target` and splices until either side closes.
fn splice(out: &mut TcpStream, target: &str) -> io::Result<After> {
    if !target.starts_with("127.0.0.1:") {
        return Ok(After::Close);
    }
    let upstream = TcpStream::connect(target)?;
    out.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")?;
    let mut from_client = out.try_clone()?;
    let mut to_upstream = upstream.try_clone()?;
    let up = std::thread::spawn(move || {
        let _ = io::copy(&mut from_client, &mut to_upstream);
        let _ = to_upstream.shutdown(std::net::Shutdown::Write);
    });
    let mut from_upstream = upstream;
    let _ = io::copy(&mut from_upstream, out);
    let _ = out.shutdown(std::net::Shutdown::Write);
    let _ = up.join();
    Ok(After::Close)
}

/// A 401 (407) offering the mode's schemes (no token).
fn ask(t: &Talk<'_, '_>, out: &mut TcpStream, body: &[u8]) -> io::Result<After> {
    let basic = (t.role.challenge, "Basic realm=\"testserver\"");
    let ours = (t.role.challenge, t.scheme);
    if t.mode == "basic-first" {
        send(out, t.ctx, t.role.status, &[TEXT, basic, ours], body)
    } else {
        send(out, t.ctx, t.role.status, &[TEXT, ours], body)
    }
}

/// The acceptor's identity: only its password is used. No domain: sspi's
/// acceptor hashes with the client's user and domain where the Type 3
/// names them, but keeps its own domain where the Type 3 has none (a
/// UPN, `user@domain`, travels whole in the user field), which would
/// refuse every UPN. The name is checked by [`verify`] instead.
fn server_identity() -> AuthIdentity {
    AuthIdentity {
        username: Username::new(NTLM_USER, None).expect("a valid user name"),
        password: NTLM_PASSWORD.to_string().into(),
    }
}

/// Type 1 → a 401 with the Type 2, the handshake kept for this connection.
fn challenge(type1: &[u8], t: &Talk<'_, '_>, out: &mut TcpStream) -> io::Result<After> {
    let (ctx, mode, scheme) = (t.ctx, t.mode, t.scheme);
    if mode == "drop" {
        return Ok(After::Close);
    }
    let mut ntlm = Ntlm::new();
    let identity = server_identity();
    let made = (|| {
        let mut handle = ntlm
            .acquire_credentials_handle()
            .with_credential_use(CredentialUse::Inbound)
            .with_auth_data(&identity)
            .execute(&mut ntlm)
            .ok()?
            .credentials_handle;
        let mut input = vec![SecurityBuffer::new(type1.to_vec(), BufferType::Token)];
        let mut output = vec![SecurityBuffer::new(Vec::new(), BufferType::Token)];
        let builder = ntlm
            .accept_security_context()
            .with_credentials_handle(&mut handle)
            .with_context_requirements(ServerRequestFlags::ALLOCATE_MEMORY)
            .with_target_data_representation(DataRepresentation::Native)
            .with_input(&mut input)
            .with_output(&mut output);
        ntlm.accept_security_context_impl(builder)
            .ok()?
            .resolve_to_result()
            .ok()?;
        Some((handle, std::mem::take(&mut output[0].buffer)))
    })();
    let Some((handle, type2)) = made else {
        return ask(t, out, b"bad type 1\n");
    };
    PENDING.with(|p| {
        *p.borrow_mut() = Some(Pending {
            conn_id: ctx.conn_id,
            type2: type2.clone(),
            ntlm,
            handle,
        })
    });
    let encoded = match mode {
        "garbage" => "!!!not*base64!!!".to_string(),
        "truncated" => b64().encode(&type2[..20.min(type2.len())]),
        _ => b64().encode(&type2),
    };
    let value = format!("{scheme} {encoded}");
    let header = (t.role.challenge, value.as_str());
    if mode == "close" {
        let close = ("Connection", "close");
        send(
            out,
            ctx,
            t.role.status,
            &[TEXT, header, close],
            b"ntlm challenge\n",
        )?;
        return Ok(After::Close);
    }
    send(
        out,
        ctx,
        t.role.status,
        &[TEXT, header],
        b"ntlm challenge\n",
    )
}

/// Type 3 → 200 when it proves the password of [`NTLM_USER`], on the
/// connection that got the challenge; 401 otherwise.
fn verify(type3: &[u8], t: &Talk<'_, '_>, out: &mut TcpStream) -> io::Result<After> {
    let ctx = t.ctx;
    let pending = PENDING.with(|p| p.borrow_mut().take());
    let Some(mut pending) = pending.filter(|p| p.conn_id == ctx.conn_id) else {
        return ask(t, out, b"type 3 without a type 1 on this connection\n");
    };
    let user = (|| {
        let mut input = vec![SecurityBuffer::new(type3.to_vec(), BufferType::Token)];
        let mut output = vec![SecurityBuffer::new(Vec::new(), BufferType::Token)];
        let ntlm = &mut pending.ntlm;
        let builder = ntlm
            .accept_security_context()
            .with_credentials_handle(&mut pending.handle)
            .with_context_requirements(ServerRequestFlags::ALLOCATE_MEMORY)
            .with_target_data_representation(DataRepresentation::Native)
            .with_input(&mut input)
            .with_output(&mut output);
        let result = ntlm
            .accept_security_context_impl(builder)
            .ok()?
            .resolve_to_result()
            .ok()?;
        if matches!(
            result.status,
            SecurityStatus::CompleteAndContinue | SecurityStatus::CompleteNeeded
        ) {
            ntlm.complete_auth_token(&mut output).ok()?;
        }
        Some(ntlm.query_context_names().ok()?.username)
    })();
    // The proof, checked independently; the name is ours to check too.
    let proved = proves_password(&pending.type2, type3);
    let known = proved
        && user.as_ref().is_some_and(|u| match u.parts() {
            UsernameParts::DownLevelLogonName(p) => {
                p.account_name().eq_ignore_ascii_case(NTLM_USER)
                    && p.netbios_domain()
                        .is_some_and(|d| d.eq_ignore_ascii_case(NTLM_DOMAIN))
            }
            UsernameParts::UserPrincipalName(p) => {
                p.account_name().eq_ignore_ascii_case(NTLM_USER)
                    && p.suffix().eq_ignore_ascii_case(NTLM_DOMAIN)
            }
        });
    match user.filter(|_| known) {
        Some(_) if t.tunnel.is_some() => splice(out, t.tunnel.unwrap_or_default()),
        Some(u) => {
            let body = format!("ntlm welcome {} conn={}\n", u.inner(), ctx.conn_id);
            send(out, ctx, 200, &[TEXT], body.as_bytes())
        }
        None => ask(t, out, b"ntlm refused\n"),
    }
}

/// A Type 3 field (length, offset) at `at`, as bytes.
fn field(msg: &[u8], at: usize) -> Option<&[u8]> {
    let len = u16::from_le_bytes(msg.get(at..at + 2)?.try_into().ok()?) as usize;
    let off = u32::from_le_bytes(msg.get(at + 4..at + 8)?.try_into().ok()?) as usize;
    msg.get(off..off.checked_add(len)?)
}

fn hmac_md5(key: &[u8], parts: &[&[u8]]) -> Option<[u8; 16]> {
    use hmac::{KeyInit, Mac};
    let mut mac = hmac::Hmac::<md5::Md5>::new_from_slice(key).ok()?;
    for p in parts {
        mac.update(p);
    }
    Some(mac.finalize().into_bytes().into())
}

/// Whether the Type 3's NTLMv2 response proves [`NTLM_PASSWORD`] for the
/// user and domain it names, against the challenge in `type2`:
/// NTProofStr = HMAC-MD5(NTOWFv2, server challenge ‖ blob), with
/// NTOWFv2 = HMAC-MD5(MD4(UTF-16LE(password)), UTF-16LE(UPPER(user) ‖ domain))
/// (MS-NLMP §3.3.2). Unicode Type 3s only (every client here sends them).
pub(crate) fn proves_password(type2: &[u8], type3: &[u8]) -> bool {
    (|| {
        use md4::Digest;
        let challenge = type2.get(24..32)?;
        let nt = field(type3, 20)?;
        let domain = field(type3, 28)?;
        let user = field(type3, 36)?;
        if nt.len() <= 16 {
            return None; // NTLMv1 or anonymous: not accepted here
        }
        let (proof, blob) = nt.split_at(16);
        let utf16 = |s: &str| {
            s.encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<u8>>()
        };
        let user = String::from_utf16(
            &user
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect::<Vec<_>>(),
        )
        .ok()?;
        let nt_hash = md4::Md4::digest(utf16(NTLM_PASSWORD));
        let mut who = utf16(&user.to_uppercase());
        who.extend_from_slice(domain);
        let ntowf = hmac_md5(&nt_hash, &[&who])?;
        let expected = hmac_md5(&ntowf, &[challenge, blob])?;
        Some(expected == proof)
    })()
    .unwrap_or(false)
}
