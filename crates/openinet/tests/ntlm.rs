//! NTLM to a server (the scripted server verifies the handshake with
//! `sspi`'s AcceptSecurityContext) and to a proxy (squid with
//! `ntlm_fake_auth`): the three legs on one connection, a request body
//! on each leg, `DOMAIN\user` and `user@domain`, `Negotiate` answered
//! with NTLM tokens, and the failure paths (a wrong password, a server
//! that closes after its challenge or before it, a malformed challenge).

mod http_common;
mod https_common;

use http_common::{read_all, session, Recorder};
use openinet::consts::{
    INTERNET_FLAG_NO_AUTH, INTERNET_FLAG_SECURE, SECURITY_FLAG_IGNORE_UNKNOWN_CA,
};
use openinet::{CredentialField, Error, Request, Session};
use testserver::{Server, NTLM_DOMAIN, NTLM_PASSWORD, NTLM_USER};

fn good_user() -> String {
    format!("{NTLM_DOMAIN}\\{NTLM_USER}")
}

fn open(
    s: &Session,
    port: u16,
    method: &str,
    path: &str,
    flags: u32,
    user: Option<(&str, &str)>,
) -> Request {
    let mut conn = s.connect("127.0.0.1", port);
    if let Some((u, p)) = user {
        conn.username = Some(u.into());
        conn.password = Some(p.into());
    }
    conn.open_request(method, path, None, None, &[], flags)
        .unwrap()
}

fn run(mut r: Request, body: &'static [u8]) -> Result<(Request, u16, Vec<u8>), Error> {
    openinet::block_on(async move {
        r.send(None, body).await?;
        let b = read_all(&mut r, 65536).await?;
        let status = r.status_code().unwrap();
        Ok((r, status, b))
    })
}

/// A GET of `path` on `server` as the test's NTLM user with `password`.
fn get_as_user(s: &Session, server: &Server, path: &str, password: &str) -> Request {
    open(
        s,
        server.port(),
        "GET",
        path,
        0,
        Some((&good_user(), password)),
    )
}

/// How many of the recorded statuses are `name`.
fn count(names: &[&str], name: &str) -> usize {
    names.iter().filter(|n| **n == name).count()
}

/// The message type of an `NTLM`/`Negotiate` header value (1, 2 or 3).
fn ntlm_type(value: Option<&str>) -> Option<u8> {
    use base64::Engine;
    let token = value?.split_once(' ')?.1;
    let raw = base64::engine::general_purpose::STANDARD
        .decode(token)
        .ok()?;
    raw.starts_with(b"NTLMSSP\0").then(|| raw[8])
}

#[test]
fn ntlm_three_legs_on_one_connection() {
    let server = Server::start();
    let mut r = get_as_user(&session(), &server, "/auth/ntlm", NTLM_PASSWORD);
    let rec = Recorder::attach(&mut r);
    let (r, status, body) = run(r, b"").unwrap();
    let body = String::from_utf8(body).unwrap();
    assert_eq!(status, 200, "{body}");
    assert!(body.starts_with("ntlm welcome "), "{body}");
    let got = server.requests();
    assert_eq!(got.len(), 3);
    assert_eq!(got[0].header("Authorization"), None);
    assert_eq!(ntlm_type(got[1].header("Authorization")), Some(1));
    assert_eq!(ntlm_type(got[2].header("Authorization")), Some(3));
    // One connection for the whole handshake (the 401 bodies drained).
    assert!(got.iter().all(|g| g.conn_id == got[0].conn_id));
    let names = rec.names();
    assert_eq!(count(&names, "SENDING_REQUEST"), 3);
    assert_eq!(count(&names, "CONNECTED_TO_SERVER"), 1);
    // The caller sees the final response only.
    assert_eq!(r.response().unwrap().header("WWW-Authenticate"), None);
}

#[test]
fn a_user_principal_name_and_negotiate_work_too() {
    let server = Server::start();
    let upn = format!("{NTLM_USER}@{NTLM_DOMAIN}");
    let s = session();
    let r = open(
        &s,
        server.port(),
        "GET",
        "/auth/ntlm",
        0,
        Some((&upn, NTLM_PASSWORD)),
    );
    let (_, status, body) = run(r, b"").unwrap();
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    // Negotiate: NTLM tokens under the Negotiate scheme.
    server.clear_requests();
    let r = get_as_user(&s, &server, "/auth/ntlm/negotiate", NTLM_PASSWORD);
    let (_, status, _) = run(r, b"").unwrap();
    assert_eq!(status, 200);
    let got = server.requests();
    assert!(got[1]
        .header("Authorization")
        .unwrap()
        .starts_with("Negotiate TlRMTVNTUAAB"));
    assert_eq!(ntlm_type(got[2].header("Authorization")), Some(3));
}

#[test]
fn a_post_body_goes_with_every_leg() {
    let server = Server::start();
    let user = good_user();
    let r = open(
        &session(),
        server.port(),
        "POST",
        "/auth/ntlm",
        0,
        Some((&user, NTLM_PASSWORD)),
    );
    let (_, status, _) = run(r, b"field=value").unwrap();
    assert_eq!(status, 200);
    let got = server.requests();
    assert_eq!(got.len(), 3);
    for g in &got {
        assert_eq!(g.method, "POST");
        assert_eq!(g.body, b"field=value");
    }
}

#[test]
fn a_wrong_password_gets_the_401_after_one_handshake() {
    let server = Server::start();
    let r = get_as_user(&session(), &server, "/auth/ntlm", "wrong");
    let (r, status, body) = run(r, b"").unwrap();
    assert_eq!((status, body.as_slice()), (401, &b"ntlm refused\n"[..]));
    assert_eq!(server.requests().len(), 3);
    assert_eq!(
        r.response().unwrap().header("WWW-Authenticate"),
        Some("NTLM")
    );
    // A wrong user name with the right password is refused as well.
    server.clear_requests();
    let r = open(
        &session(),
        server.port(),
        "GET",
        "/auth/ntlm",
        0,
        Some(("OTHER\\someone", NTLM_PASSWORD)),
    );
    let (_, status, _) = run(r, b"").unwrap();
    assert_eq!(status, 401);
}

#[test]
fn without_credentials_or_with_no_auth_the_challenge_is_the_response() {
    let server = Server::start();
    let s = session();
    let (mut r, status, _) =
        run(open(&s, server.port(), "GET", "/auth/ntlm", 0, None), b"").unwrap();
    assert_eq!(status, 401);
    assert_eq!(server.requests().len(), 1);
    // The documented pattern: credentials set, sent again.
    r.set_credential(CredentialField::Username, Some(good_user()));
    r.set_credential(CredentialField::Password, Some(NTLM_PASSWORD.into()));
    let (r, status, _) = run(r, b"").unwrap();
    assert_eq!(status, 200);
    // A later send on the handle does not replay the finished Type 3:
    // the server asks again and the handshake is made again.
    server.clear_requests();
    let (_, status, _) = run(r, b"").unwrap();
    assert_eq!(status, 200);
    let got = server.requests();
    assert_eq!(got.len(), 3);
    assert_eq!(got[0].header("Authorization"), None);

    server.clear_requests();
    let user = good_user();
    let r = open(
        &s,
        server.port(),
        "GET",
        "/auth/ntlm",
        INTERNET_FLAG_NO_AUTH,
        Some((&user, NTLM_PASSWORD)),
    );
    let (_, status, _) = run(r, b"").unwrap();
    assert_eq!(status, 401);
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_challenge_on_a_closing_connection_is_handed_back() {
    let server = Server::start();
    let r = get_as_user(&session(), &server, "/auth/ntlm/close", NTLM_PASSWORD);
    let (r, status, body) = run(r, b"").unwrap();
    // No Type 3 on another connection: the challenge stands.
    assert_eq!((status, body.as_slice()), (401, &b"ntlm challenge\n"[..]));
    assert_eq!(server.requests().len(), 2);
    let challenge = r.response().unwrap().header("WWW-Authenticate");
    assert_eq!(ntlm_type(challenge), Some(2));
}

#[test]
fn a_server_that_drops_the_connection_after_type1_fails_the_send() {
    let server = Server::start();
    let r = get_as_user(&session(), &server, "/auth/ntlm/drop", NTLM_PASSWORD);
    let e = run(r, b"").map(|(_, s, _)| s).unwrap_err();
    // The held connection closes unanswered; it is retried once on a
    // fresh connection, as any reused connection is, which closes too:
    // the error of any server that closes without a response.
    assert!(matches!(e, Error::HttpInvalidServerResponse), "{e:?}");
}

#[test]
fn malformed_challenges_are_handed_back() {
    for mode in ["garbage", "truncated"] {
        let server = Server::start();
        let r = get_as_user(
            &session(),
            &server,
            &format!("/auth/ntlm/{mode}"),
            NTLM_PASSWORD,
        );
        let (_, status, body) = run(r, b"").unwrap();
        assert_eq!(
            (status, body.as_slice()),
            (401, &b"ntlm challenge\n"[..]),
            "{mode}"
        );
        assert_eq!(server.requests().len(), 2, "{mode}");
    }
}

#[test]
fn the_servers_first_scheme_is_answered() {
    // `Basic` listed before `NTLM`: Basic answers (Wine tries the
    // server's order); the route refuses it, so the 401 stands.
    let server = Server::start();
    let r = get_as_user(&session(), &server, "/auth/ntlm/basic-first", NTLM_PASSWORD);
    let (_, status, _) = run(r, b"").unwrap();
    assert_eq!(status, 401);
    let got = server.requests();
    assert_eq!(got.len(), 2);
    assert!(got[1]
        .header("Authorization")
        .unwrap()
        .starts_with("Basic "));
}

fn proxied(list: &str) -> Session {
    session().with_proxy(Some(std::sync::Arc::new(
        openinet::proxy::ProxyConfig::from_wininet(list, Some("<-loopback>")).unwrap(),
    )))
}

/// A request to `origin.invalid` through the scripted server as proxy,
/// with proxy credentials.
fn via_proxy(proxy: &Server, method: &str, path: &str, password: &str) -> Request {
    let s = proxied(&format!("127.0.0.1:{}", proxy.port()));
    let mut r = s
        .connect("origin.invalid", 80)
        .open_request(method, path, None, None, &[], 0)
        .unwrap();
    r.set_credential(CredentialField::ProxyUsername, Some(good_user()));
    r.set_credential(CredentialField::ProxyPassword, Some(password.into()));
    r
}

#[test]
fn a_proxy_ntlm_407_is_answered_on_one_connection() {
    let proxy = Server::start();
    let mut r = via_proxy(&proxy, "POST", "/auth/proxy-ntlm", NTLM_PASSWORD);
    let rec = Recorder::attach(&mut r);
    let (r, status, body) = run(r, b"posted").unwrap();
    let body = String::from_utf8(body).unwrap();
    assert_eq!(status, 200, "{body}");
    assert!(body.starts_with("ntlm welcome"), "{body}");
    let got = proxy.requests();
    assert_eq!(got.len(), 3);
    assert_eq!(got[0].header("Proxy-Authorization"), None);
    assert_eq!(ntlm_type(got[1].header("Proxy-Authorization")), Some(1));
    assert_eq!(ntlm_type(got[2].header("Proxy-Authorization")), Some(3));
    for g in &got {
        assert_eq!(g.conn_id, got[0].conn_id);
        assert_eq!(g.target, "http://origin.invalid/auth/proxy-ntlm");
        assert_eq!(g.body, b"posted");
        assert_eq!(g.header("Authorization"), None);
    }
    let names = rec.names();
    assert_eq!(count(&names, "CONNECTED_TO_SERVER"), 1);
    // Sent again: the finished Type 3 is not replayed; the proxy asks again.
    proxy.clear_requests();
    let (_, status, _) = run(r, b"posted").unwrap();
    assert_eq!(status, 200);
    let again = proxy.requests();
    assert_eq!(again.len(), 3);
    assert_eq!(again[0].header("Proxy-Authorization"), None);

    // A wrong password: one handshake, then the 407 is the response.
    proxy.clear_requests();
    let r = via_proxy(&proxy, "GET", "/auth/proxy-ntlm", "wrong");
    let (r, status, body) = run(r, b"").unwrap();
    assert_eq!((status, body.as_slice()), (407, &b"ntlm refused\n"[..]));
    assert_eq!(proxy.requests().len(), 3);
    assert_eq!(
        r.response().unwrap().header("Proxy-Authenticate"),
        Some("NTLM")
    );
}

/// squid with `ntlm_fake_auth`: a real proxy's NTLM 407s. That helper's
/// Type 2 names its target at an offset outside the message (it sends
/// `TargetNameFields` = length 9, offset 0xAAAAAAAE), which sspi rightly
/// refuses to read: after one Type 1 the 407 with that challenge is the
/// response, nothing is retried, and the next send starts afresh.
#[test]
fn squid_ntlm_fake_auth_challenge_is_handed_back() {
    let Some(squid) = testserver::squid::require_ntlm() else {
        return;
    };
    let origin = Server::start();
    let s = proxied(&squid.proxy());
    let (mut r, status, _) = run(open(&s, origin.port(), "GET", "/conn", 0, None), b"").unwrap();
    assert_eq!(status, 407);
    assert_eq!(
        r.response().unwrap().header("Proxy-Authenticate"),
        Some("NTLM")
    );
    r.set_credential(
        CredentialField::ProxyUsername,
        Some("PROXYDOM\\carol".into()),
    );
    r.set_credential(CredentialField::ProxyPassword, Some("anything".into()));
    let rec = Recorder::attach(&mut r);
    let (r, status, _) = run(r, b"").unwrap();
    assert_eq!(status, 407);
    // The response is squid's challenge to our Type 1, on the connection
    // that carried it.
    let challenge = r.response().unwrap().header("Proxy-Authenticate");
    assert_eq!(ntlm_type(challenge), Some(2));
    let names = rec.names();
    assert_eq!(count(&names, "SENDING_REQUEST"), 2);
    // Both legs rode the first send's pooled connection.
    assert_eq!(count(&names, "CONNECTED_TO_SERVER"), 0);
    assert!(origin.requests().is_empty());
}

#[test]
fn a_tunnels_ntlm_407_is_answered_on_its_connection() {
    let proxy = Server::start();
    let tls = https_common::TlsServer::start(https_common::Leaf::Good);
    let s = proxied(&format!("127.0.0.1:{}", proxy.port()));
    let open_tls = |port: u16, password: &str| {
        let mut r = s
            .connect("127.0.0.1", port)
            .open_request("GET", "/big/5", None, None, &[], INTERNET_FLAG_SECURE)
            .unwrap();
        r.set_security_flags(SECURITY_FLAG_IGNORE_UNKNOWN_CA);
        r.set_credential(CredentialField::ProxyUsername, Some(good_user()));
        r.set_credential(CredentialField::ProxyPassword, Some(password.into()));
        r
    };
    let mut r = open_tls(tls.port(), NTLM_PASSWORD);
    let rec = Recorder::attach(&mut r);
    let (_, status, body) = run(r, b"").unwrap();
    assert_eq!((status, body.len()), (200, 5));
    let got = proxy.requests();
    assert_eq!(got.len(), 3);
    assert!(got.iter().all(|g| g.method == "CONNECT"));
    assert_eq!(got[0].header("Proxy-Authorization"), None);
    assert_eq!(ntlm_type(got[1].header("Proxy-Authorization")), Some(1));
    assert_eq!(ntlm_type(got[2].header("Proxy-Authorization")), Some(3));
    assert!(got.iter().all(|g| g.conn_id == got[0].conn_id));
    assert_eq!(tls.requests(), 1);
    let names = rec.names();
    assert_eq!(count(&names, "CONNECTED_TO_SERVER"), 1);

    // A wrong password: the 407 stands after one handshake. (Another
    // origin: the open tunnel to the first is pooled and would serve.)
    proxy.clear_requests();
    let other = https_common::TlsServer::start(https_common::Leaf::Good);
    let (r, status, _) = run(open_tls(other.port(), "wrong"), b"").unwrap();
    assert_eq!(status, 407);
    assert_eq!(proxy.requests().len(), 3);
    assert_eq!(
        r.response().unwrap().header("Proxy-Authenticate"),
        Some("NTLM")
    );
    assert_eq!(other.requests(), 0);
}
