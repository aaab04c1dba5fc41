//! Requests through proxies: the scripted server standing in for a proxy
//! (to see exactly what goes on the wire), a real squid for plain http and
//! https CONNECT tunnels, and proxies that refuse, drop or fail a tunnel.

mod http_common;
mod https_common;

use http_common::{read_all, session, Recorder};
use https_common::{Leaf, TlsServer};
use openinet::consts::{
    HTTP_QUERY_FLAG_REQUEST_HEADERS, HTTP_QUERY_RAW_HEADERS_CRLF, INTERNET_FLAG_SECURE,
    SECURITY_FLAG_IGNORE_UNKNOWN_CA,
};
use openinet::proxy::ProxyConfig;
use openinet::{Error, Request, Session, Status};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use testserver::Server;

fn proxied(list: &str, bypass: Option<&str>) -> Session {
    session().with_proxy(Some(Arc::new(
        ProxyConfig::from_wininet(list, bypass).unwrap(),
    )))
}

/// Sends a GET of `path` to `host:port` through `session`; (request, events).
fn send(
    session: &Session,
    host: &str,
    port: u16,
    path: &str,
    flags: u32,
) -> Result<(Request, Recorder), Error> {
    let conn = session.connect(host, port);
    let mut req = conn.open_request("GET", path, None, None, &[], flags)?;
    if flags & INTERNET_FLAG_SECURE != 0 {
        req.set_security_flags(SECURITY_FLAG_IGNORE_UNKNOWN_CA);
    }
    let rec = Recorder::attach(&mut req);
    openinet::block_on(async move {
        req.send(None, Vec::new()).await?;
        Ok((req, rec))
    })
}

fn body(mut req: Request) -> (u16, Vec<u8>) {
    openinet::block_on(async move {
        let b = read_all(&mut req, 65536).await.unwrap();
        (req.status_code().unwrap(), b)
    })
}

fn request_headers(req: &Request) -> String {
    let mut index = 0;
    match req
        .query_info(
            HTTP_QUERY_RAW_HEADERS_CRLF | HTTP_QUERY_FLAG_REQUEST_HEADERS,
            None,
            &mut index,
        )
        .unwrap()
    {
        openinet::http::query::Answer::Text(t) => t,
        other => panic!("{other:?}"),
    }
}

#[test]
fn plain_http_goes_to_the_proxy_in_absolute_form() {
    let proxy = Server::start();
    let s = proxied(&format!("127.0.0.1:{}", proxy.port()), None);
    // The origin's name is never resolved: only the proxy is.
    let (req, rec) = send(&s, "origin.invalid", 8080, "/hello", 0).unwrap();
    let sent = request_headers(&req);
    assert_eq!(body(req), (200, testserver::HELLO_BODY.as_bytes().to_vec()));
    let got = proxy.requests();
    assert_eq!(got[0].target, "http://origin.invalid:8080/hello");
    assert_eq!(got[0].header("Host"), Some("origin.invalid:8080"));
    assert_eq!(got[0].header("Proxy-Connection"), Some("Keep-Alive"));
    assert!(
        sent.starts_with("GET http://origin.invalid:8080/hello HTTP/1.1\r\n"),
        "{sent}"
    );
    assert!(
        sent.contains("\r\nProxy-Connection: Keep-Alive\r\n"),
        "{sent}"
    );
    // The names and addresses reported are the proxy's.
    let events = rec.events();
    assert!(
        events.contains(&Status::ResolvingName("127.0.0.1".into())),
        "{events:?}"
    );
    assert!(
        events.contains(&Status::ConnectingToServer("127.0.0.1".into())),
        "{events:?}"
    );
    assert!(!events
        .iter()
        .any(|e| format!("{e:?}").contains("origin.invalid")));
    // The proxy connection is kept and reused.
    let (req, rec) = send(&s, "origin.invalid", 8080, "/conn", 0).unwrap();
    assert_eq!(body(req).1, b"conn=1 seq=2");
    assert!(!rec.names().contains(&"CONNECTING_TO_SERVER"));
    assert_eq!(proxy.connections(), 1);
}

#[test]
fn the_pool_keeps_proxied_and_direct_connections_apart() {
    let server = Server::start();
    let direct = session();
    let (req, _) = send(&direct, "127.0.0.1", server.port(), "/conn", 0).unwrap();
    assert_eq!(body(req).1, b"conn=1 seq=1");
    // Same server as proxy now: a new connection, not the direct one.
    let s = proxied(&format!("127.0.0.1:{}", server.port()), Some("<-loopback>"));
    let (req, _) = send(&s, "127.0.0.1", server.port(), "/conn", 0).unwrap();
    assert_eq!(body(req).1, b"conn=2 seq=1");
    assert_eq!(
        server.requests()[1].target,
        format!("http://127.0.0.1:{}/conn", server.port())
    );
}

#[test]
fn bypassed_and_loopback_targets_go_direct() {
    let origin = Server::start();
    // Port 9 on loopback: nothing listens; a proxied request would fail.
    for bypass in [None, Some("<local>"), Some("127.0.0.*")] {
        let s = proxied("127.0.0.1:9", bypass);
        let (req, _) = send(&s, "127.0.0.1", origin.port(), "/hello", 0).unwrap();
        assert_eq!(body(req).0, 200, "{bypass:?}");
    }
    assert_eq!(origin.requests()[0].target, "/hello");
}

#[test]
fn a_proxy_that_refuses_is_cannot_connect() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let s = proxied(&format!("127.0.0.1:{port}"), Some("<-loopback>"));
    assert_eq!(
        send(&s, "origin.invalid", 80, "/", 0).err(),
        Some(Error::CannotConnect)
    );
    assert_eq!(
        send(&s, "origin.invalid", 443, "/", INTERNET_FLAG_SECURE).err(),
        Some(Error::CannotConnect)
    );
}

/// A one-shot fake proxy: reads a request head, writes `reply`, closes.
fn fake_proxy(reply: &'static [u8]) -> (u16, std::thread::JoinHandle<String>) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let t = std::thread::spawn(move || {
        let (mut c, _) = l.accept().unwrap();
        let mut head = Vec::new();
        let mut b = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") && c.read(&mut b).unwrap_or(0) == 1 {
            head.push(b[0]);
        }
        let _ = c.write_all(reply);
        String::from_utf8_lossy(&head).into_owned()
    });
    (port, t)
}

#[test]
fn tunnel_failures() {
    // A 502 to CONNECT: the origin cannot be reached.
    let (port, t) = fake_proxy(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n");
    let s = proxied(&format!("127.0.0.1:{port}"), None);
    assert_eq!(
        send(&s, "origin.invalid", 443, "/", INTERNET_FLAG_SECURE).err(),
        Some(Error::CannotConnect)
    );
    let head = t.join().unwrap();
    assert!(
        head.starts_with("CONNECT origin.invalid:443 HTTP/1.1\r\n"),
        "{head}"
    );
    assert!(head.contains("\r\nContent-Length: 0\r\n"), "{head}");
    assert!(head.contains("\r\nHost: origin.invalid:443\r\n"), "{head}");
    // A proxy that closes without answering.
    let (port, t) = fake_proxy(b"");
    let s = proxied(&format!("127.0.0.1:{port}"), None);
    assert_eq!(
        send(&s, "origin.invalid", 443, "/", INTERNET_FLAG_SECURE).err(),
        Some(Error::CannotConnect)
    );
    t.join().unwrap();
    // A proxy that opens the tunnel and drops it before the origin's
    // handshake: the secure channel fails.
    let (port, t) = fake_proxy(b"HTTP/1.1 200 Connection established\r\n\r\n");
    let s = proxied(&format!("127.0.0.1:{port}"), None);
    let err = send(&s, "origin.invalid", 443, "/", INTERNET_FLAG_SECURE).err();
    t.join().unwrap();
    assert_eq!(err, Some(Error::SecurityChannelError));
    // A 407 is the request's response, for the caller to answer.
    let (port, t) = fake_proxy(
        b"HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"p\"\r\nContent-Length: 4\r\n\r\nnope",
    );
    let s = proxied(&format!("127.0.0.1:{port}"), None);
    let (req, _) = send(&s, "origin.invalid", 443, "/", INTERNET_FLAG_SECURE).unwrap();
    assert_eq!(
        req.response().unwrap().header("Proxy-Authenticate"),
        Some("Basic realm=\"p\"")
    );
    assert_eq!(body(req), (407, b"nope".to_vec()));
    t.join().unwrap();
}

#[test]
fn squid_carries_plain_http() {
    let Some(squid) = testserver::squid::require(None) else {
        return;
    };
    let origin = Server::start();
    let s = proxied(&squid.proxy(), Some("<-loopback>"));
    for _ in 0..3 {
        let (req, _) = send(&s, "127.0.0.1", origin.port(), "/bytes/70000", 0).unwrap();
        let (status, b) = body(req);
        assert_eq!(status, 200);
        http_common::assert_pattern(&b, 70000);
    }
    let want = format!("http://127.0.0.1:{}/bytes/70000", origin.port());
    let log = squid.access_log_with(&want, 3);
    assert_eq!(log.matches(&want).count(), 3, "{log}");
    // Without <-loopback> the loopback origin is reached directly.
    let s = proxied(&squid.proxy(), None);
    let (req, _) = send(&s, "127.0.0.1", origin.port(), "/hello", 0).unwrap();
    assert_eq!(body(req).0, 200);
    assert!(!squid.access_log().contains("/hello"));
}

#[test]
fn squid_tunnels_https() {
    let Some(squid) = testserver::squid::require(None) else {
        return;
    };
    let origin = TlsServer::start(Leaf::Good);
    let s = proxied(&squid.proxy(), Some("<-loopback>"));
    let (req, rec) = send(
        &s,
        "127.0.0.1",
        origin.port(),
        "/big/100000",
        INTERNET_FLAG_SECURE,
    )
    .unwrap();
    assert!(rec
        .events()
        .contains(&Status::ConnectingToServer("127.0.0.1".into())));
    let (status, b) = body(req);
    assert_eq!(status, 200);
    http_common::assert_pattern(&b, 100000);
    // The tunnel is kept: the next request rides it.
    let (req, rec) = send(&s, "127.0.0.1", origin.port(), "/x", INTERNET_FLAG_SECURE).unwrap();
    assert_eq!(body(req).1, b"conn=1 seq=2");
    assert!(!rec.names().contains(&"CONNECTING_TO_SERVER"));
    assert_eq!(origin.connections(), 1);
    // Squid logs a tunnel when it closes: a request asking to close ends it.
    let conn = s.connect("127.0.0.1", origin.port());
    let mut req = conn
        .open_request("GET", "/y", None, None, &[], INTERNET_FLAG_SECURE)
        .unwrap();
    req.set_security_flags(SECURITY_FLAG_IGNORE_UNKNOWN_CA);
    let (status, _) = openinet::block_on(async move {
        req.send(Some("Connection: close\r\n"), Vec::new())
            .await
            .unwrap();
        let b = read_all(&mut req, 4096).await.unwrap();
        (req.status_code().unwrap(), b)
    });
    assert_eq!(status, 200);
    let want = format!("CONNECT 127.0.0.1:{}", origin.port());
    let log = squid.access_log_with(&want, 1);
    assert!(log.contains(&want), "{log}");
}
