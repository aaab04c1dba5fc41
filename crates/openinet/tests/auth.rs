//! Authentication against the scripted server (Basic, Digest MD5 and
//! SHA-256 with a stale nonce, a malformed challenge, proxy 407) and
//! against real servers: nginx with `auth_basic`, squid with Basic proxy
//! authentication (plain http and a CONNECT tunnel).

mod http_common;
mod https_common;

use http_common::{read_all, session, Recorder};
use openinet::consts::{
    INTERNET_FLAG_NO_AUTH, INTERNET_FLAG_SECURE, SECURITY_FLAG_IGNORE_UNKNOWN_CA,
};
use openinet::proxy::ProxyConfig;
use openinet::{CredentialField, Error, Request, Session};
use std::sync::Arc;
use testserver::Server;

/// base64("user:pwd"), as Wine's http.c test server expects it.
const USER_PWD: &str = "dXNlcjpwd2Q=";

fn open(
    s: &Session,
    host: &str,
    port: u16,
    path: &str,
    flags: u32,
    user: Option<(&str, &str)>,
) -> Request {
    let mut conn = s.connect(host, port);
    if let Some((u, p)) = user {
        conn.username = Some(u.into());
        conn.password = Some(p.into());
    }
    let mut r = conn
        .open_request("GET", path, None, None, &[], flags)
        .unwrap();
    if flags & INTERNET_FLAG_SECURE != 0 {
        r.set_security_flags(SECURITY_FLAG_IGNORE_UNKNOWN_CA);
    }
    r
}

fn run(mut r: Request) -> Result<(Request, u16, Vec<u8>), Error> {
    openinet::block_on(async move {
        r.send(None, Vec::new()).await?;
        let b = read_all(&mut r, 65536).await?;
        let status = r.status_code().unwrap();
        Ok((r, status, b))
    })
}

#[test]
fn basic_is_answered_and_the_caller_sees_only_the_final_response() {
    let server = Server::start();
    let path = format!("/auth/basic/{USER_PWD}");
    let mut r = open(
        &session(),
        "127.0.0.1",
        server.port(),
        &path,
        0,
        Some(("user", "pwd")),
    );
    let rec = Recorder::attach(&mut r);
    let (_, status, body) = run(r).unwrap();
    assert_eq!((status, body.as_slice()), (200, &b"welcome\n"[..]));
    let got = server.requests();
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].header("Authorization"), None);
    assert_eq!(got[1].header("Authorization"), Some("Basic dXNlcjpwd2Q="));
    // The 401's body was drained: the answer rode the same connection.
    assert_eq!(got[1].conn_id, got[0].conn_id);
    assert_eq!(
        rec.names()
            .iter()
            .filter(|n| **n == "SENDING_REQUEST")
            .count(),
        2
    );
}

#[test]
fn without_credentials_or_with_wrong_ones_the_401_is_returned() {
    let server = Server::start();
    let path = format!("/auth/basic/{USER_PWD}");
    let (mut r, status, _) =
        run(open(&session(), "127.0.0.1", server.port(), &path, 0, None)).unwrap();
    assert_eq!(status, 401);
    assert_eq!(server.requests().len(), 1);
    // The documented pattern: set credentials, send again.
    r.set_credential(CredentialField::Username, Some("user".into()));
    r.set_credential(CredentialField::Password, Some("pwd".into()));
    let (_, status, _) = run(r).unwrap();
    assert_eq!(status, 200);
    // A wrong password: one answer, then the 401 stands (no loop).
    server.clear_requests();
    let (_, status, _) = run(open(
        &session(),
        "127.0.0.1",
        server.port(),
        "/auth/basic/d3Jvbmc=",
        0,
        Some(("user", "nope")),
    ))
    .unwrap();
    assert_eq!(status, 401);
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn no_auth_flag_hands_back_the_challenge() {
    let server = Server::start();
    let path = format!("/auth/basic/{USER_PWD}");
    let r = open(
        &session(),
        "127.0.0.1",
        server.port(),
        &path,
        INTERNET_FLAG_NO_AUTH,
        Some(("user", "pwd")),
    );
    let (r, status, _) = run(r).unwrap();
    assert_eq!(status, 401);
    assert_eq!(
        r.response().unwrap().header("WWW-Authenticate"),
        Some("Basic realm=\"testserver\"")
    );
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn basic_goes_ahead_of_the_challenge_once_a_directory_asked() {
    let server = Server::start();
    let dir = format!("/auth/basic/{USER_PWD}");
    run(open(
        &session(),
        "127.0.0.1",
        server.port(),
        &dir,
        0,
        Some(("user", "pwd")),
    ))
    .unwrap();
    server.clear_requests();
    // Same directory, no credentials given: sent at once.
    let (_, status, _) = run(open(
        &session(),
        "127.0.0.1",
        server.port(),
        &format!("{dir}?again"),
        0,
        None,
    ))
    .unwrap();
    assert_eq!(status, 200);
    let got = server.requests();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].header("Authorization"), Some("Basic dXNlcjpwd2Q="));
    // Not to another directory.
    server.clear_requests();
    run(open(
        &session(),
        "127.0.0.1",
        server.port(),
        "/hello",
        0,
        None,
    ))
    .unwrap();
    assert_eq!(server.requests()[0].header("Authorization"), None);
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Checks a Digest answer with hashes computed here, independently.
fn check_digest(header: &str, alg: &str, user: &str, password: &str, uri: &str) {
    check_digest_realm(header, alg, user, password, uri, "testserver", true)
}

fn check_digest_realm(
    header: &str,
    alg: &str,
    user: &str,
    password: &str,
    uri: &str,
    realm: &str,
    opaque: bool,
) {
    let param = |name: &str| -> String {
        let start = header
            .find(&format!("{name}="))
            .unwrap_or_else(|| panic!("{name} in {header}"))
            + name.len()
            + 1;
        let rest = &header[start..];
        if let Some(q) = rest.strip_prefix('"') {
            q[..q.find('"').unwrap()].to_string()
        } else {
            rest.split(',').next().unwrap().trim().to_string()
        }
    };
    let h = |s: String| -> String {
        if alg == "SHA-256" {
            hex(ring::digest::digest(&ring::digest::SHA256, s.as_bytes()).as_ref())
        } else {
            use md5::Digest;
            hex(&md5::Md5::digest(s.as_bytes()))
        }
    };
    assert_eq!(param("username"), user);
    assert_eq!(param("uri"), uri);
    if opaque {
        assert_eq!(param("opaque"), "0paque");
    }
    assert_eq!(param("qop"), "auth");
    let ha1 = h(format!("{user}:{realm}:{password}"));
    let ha2 = h(format!("GET:{uri}"));
    let want = h(format!(
        "{ha1}:{}:{}:{}:auth:{ha2}",
        param("nonce"),
        param("nc"),
        param("cnonce")
    ));
    assert_eq!(param("response"), want, "{header}");
}

#[test]
fn digest_md5_and_sha256() {
    let server = Server::start();
    for alg in ["MD5", "SHA-256"] {
        let path = format!("/auth/digest/{alg}");
        let (_, status, body) = run(open(
            &session(),
            "127.0.0.1",
            server.port(),
            &path,
            0,
            Some(("Mufasa", "Circle of Life")),
        ))
        .unwrap();
        assert_eq!(status, 200, "{alg}");
        check_digest(
            &String::from_utf8(body).unwrap(),
            alg,
            "Mufasa",
            "Circle of Life",
            &path,
        );
    }
}

#[test]
fn a_stale_nonce_is_answered_again() {
    let server = Server::start();
    let path = "/auth/digest/MD5?stale=1";
    let (_, status, body) = run(open(
        &session(),
        "127.0.0.1",
        server.port(),
        path,
        0,
        Some(("u", "p")),
    ))
    .unwrap();
    assert_eq!(status, 200);
    let header = String::from_utf8(body).unwrap();
    assert!(header.contains("nonce=\"fresh\""), "{header}");
    check_digest(&header, "MD5", "u", "p", path);
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn a_malformed_challenge_is_not_answered() {
    let server = Server::start();
    let (r, status, _) = run(open(
        &session(),
        "127.0.0.1",
        server.port(),
        "/auth/malformed",
        0,
        Some(("u", "p")),
    ))
    .unwrap();
    assert_eq!(status, 401);
    assert_eq!(
        r.response().unwrap().header("WWW-Authenticate"),
        Some("Digest realm=\"unterminated")
    );
    assert_eq!(server.requests().len(), 1);
}

fn proxied(list: &str) -> Session {
    session().with_proxy(Some(Arc::new(
        ProxyConfig::from_wininet(list, Some("<-loopback>")).unwrap(),
    )))
}

#[test]
fn a_proxy_407_is_answered_with_the_proxy_credentials() {
    let proxy = Server::start();
    let s = proxied(&format!("127.0.0.1:{}", proxy.port()));
    let path = format!("/auth/proxy-basic/{USER_PWD}");
    // Server credentials do not answer a proxy.
    let (mut r, status, _) = run(open(
        &s,
        "origin.invalid",
        80,
        &path,
        0,
        Some(("user", "pwd")),
    ))
    .unwrap();
    assert_eq!(status, 407);
    assert_eq!(
        r.response().unwrap().header("Proxy-Authenticate"),
        Some("Basic realm=\"testproxy\"")
    );
    r.set_credential(CredentialField::ProxyUsername, Some("user".into()));
    r.set_credential(CredentialField::ProxyPassword, Some("pwd".into()));
    let (_, status, body) = run(r).unwrap();
    assert_eq!((status, body.as_slice()), (200, &b"proxy welcome\n"[..]));
    let got = proxy.requests();
    assert_eq!(
        got.last().unwrap().header("Proxy-Authorization"),
        Some("Basic dXNlcjpwd2Q=")
    );
    assert_eq!(got.last().unwrap().header("Authorization"), None);
}

#[test]
fn a_proxy_digest_challenge_is_answered_for_the_absolute_target() {
    let proxy = Server::start();
    let s = proxied(&format!("127.0.0.1:{}", proxy.port()));
    let mut r = open(
        &s,
        "origin.invalid",
        8080,
        "/auth/proxy-digest/SHA-256",
        0,
        None,
    );
    r.set_credential(CredentialField::ProxyUsername, Some("pu".into()));
    r.set_credential(CredentialField::ProxyPassword, Some("pp".into()));
    let (_, status, body) = run(r).unwrap();
    assert_eq!(status, 200);
    check_digest_realm(
        &String::from_utf8(body).unwrap(),
        "SHA-256",
        "pu",
        "pp",
        "http://origin.invalid:8080/auth/proxy-digest/SHA-256",
        "testproxy",
        false,
    );
}

#[test]
fn credentials_in_the_environment_proxy_url_answer_its_407() {
    let proxy = Server::start();
    let port = proxy.port();
    let cfg = openinet::proxy::from_env(move |k| {
        (k == "http_proxy").then(|| format!("http://user:pwd@127.0.0.1:{port}"))
    })
    .unwrap()
    .unwrap();
    let s = session().with_proxy(Some(Arc::new(cfg)));
    let path = format!("/auth/proxy-basic/{USER_PWD}");
    let (_, status, _) = run(open(&s, "origin.invalid", 80, &path, 0, None)).unwrap();
    assert_eq!(status, 200);
}

/// A running nginx with `auth_basic` over a generated password file.
fn nginx_with_auth_basic(user: &str, password: &str) -> Option<testserver::nginx::Nginx> {
    testserver::nginx::Nginx::require(
        "auth",
        |dir| {
            std::fs::create_dir_all(dir.join("root/private")).unwrap();
            std::fs::write(dir.join("root/private/index.html"), "secret\n").unwrap();
            std::fs::write(
                dir.join("htpasswd"),
                testserver::squid::htpasswd_line(user, password).unwrap(),
            )
            .unwrap();
        },
        |dir, port| {
            let d = dir.display();
            format!(
                "    server {{ listen 127.0.0.1:{port}; root {d}/root;\n\
                 \x20     location /private/ {{ auth_basic \"nginx-test\"; auth_basic_user_file {d}/htpasswd; }} }}"
            )
        },
    )
}

#[test]
fn nginx_auth_basic() {
    let Some(nginx) = nginx_with_auth_basic("alice", "s3cret") else {
        return;
    };
    let (r, status, _) = run(open(
        &session(),
        "127.0.0.1",
        nginx.port(),
        "/private/",
        0,
        None,
    ))
    .unwrap();
    assert_eq!(status, 401);
    assert_eq!(
        r.response().unwrap().header("WWW-Authenticate"),
        Some("Basic realm=\"nginx-test\"")
    );
    let (_, status, _) = run(open(
        &session(),
        "127.0.0.1",
        nginx.port(),
        "/private/",
        0,
        Some(("alice", "wrong")),
    ))
    .unwrap();
    assert_eq!(status, 401);
    let (_, status, body) = run(open(
        &session(),
        "127.0.0.1",
        nginx.port(),
        "/private/",
        0,
        Some(("alice", "s3cret")),
    ))
    .unwrap();
    assert_eq!((status, body.as_slice()), (200, &b"secret\n"[..]));
}

#[test]
fn squid_proxy_auth_basic_for_http_and_tunnels() {
    let Some(squid) = testserver::squid::require(Some(testserver::squid::BasicAuth {
        user: "bob",
        password: "pr0xy",
    })) else {
        return;
    };
    let origin = Server::start();
    let tls = https_common::TlsServer::start(https_common::Leaf::Good);
    let s = proxied(&squid.proxy());
    for (port, flags) in [(origin.port(), 0), (tls.port(), INTERNET_FLAG_SECURE)] {
        // No proxy credentials: the 407 is the response.
        let (mut r, status, _) = run(open(&s, "127.0.0.1", port, "/conn", flags, None)).unwrap();
        assert_eq!(status, 407, "flags {flags:#x}");
        assert!(r
            .response()
            .unwrap()
            .header("Proxy-Authenticate")
            .unwrap()
            .starts_with("Basic"));
        // Wrong ones: answered once, the 407 stands.
        r.set_credential(CredentialField::ProxyUsername, Some("bob".into()));
        r.set_credential(CredentialField::ProxyPassword, Some("wrong".into()));
        let (mut r, status, _) = run(r).unwrap();
        assert_eq!(status, 407, "flags {flags:#x}");
        r.set_credential(CredentialField::ProxyPassword, Some("pr0xy".into()));
        let (_, status, body) = run(r).unwrap();
        assert_eq!(status, 200, "flags {flags:#x} {}", squid.access_log());
        assert!(body.starts_with(b"conn="));
    }
}
