//! HTTPS through the engine against a local rustls server (see
//! `https_common`): certificate checks and their waivers, the error each
//! failure gives, status order, keep-alive over TLS and which pooled
//! connections a request may take, timeouts, and a large body.
//!
//! Each test has its own server (own port, so own pool key), so the tests
//! run in parallel without seeing each other's pooled connections.

mod http_common;
mod https_common;

use http_common::{assert_pattern, read_all, session, Recorder, AGENT};
use https_common::{Leaf, PlainReplyServer, SilentServer, TlsServer};
use openinet::consts::{
    INTERNET_FLAG_IGNORE_CERT_CN_INVALID, INTERNET_FLAG_IGNORE_CERT_DATE_INVALID,
    INTERNET_FLAG_SECURE, SECURITY_FLAG_IGNORE_CERT_CN_INVALID,
    SECURITY_FLAG_IGNORE_CERT_DATE_INVALID, SECURITY_FLAG_IGNORE_UNKNOWN_CA, SECURITY_FLAG_SECURE,
};
use openinet::{Error, Session, SessionConfig, Timeouts};
use std::time::{Duration, Instant};

/// Our CA is not in the system's roots: every request that should get
/// through waives it.
const UNKNOWN_CA: u32 = SECURITY_FLAG_IGNORE_UNKNOWN_CA;

/// The statuses of a request on a fresh connection, up to the response head.
const FRESH: [&str; 8] = [
    "RESOLVING_NAME",
    "NAME_RESOLVED",
    "CONNECTING_TO_SERVER",
    "CONNECTED_TO_SERVER",
    "SENDING_REQUEST",
    "REQUEST_SENT",
    "RECEIVING_RESPONSE",
    "RESPONSE_RECEIVED",
];

/// The statuses of a request on a reused connection.
const REUSED: [&str; 4] = [
    "SENDING_REQUEST",
    "REQUEST_SENT",
    "RECEIVING_RESPONSE",
    "RESPONSE_RECEIVED",
];

/// What one GET gave: (status code, body, the send's status names).
type Fetched = (u16, Vec<u8>, Vec<&'static str>);

/// GETs `url` opened with `flags` and `security_flags` set before the
/// send, reads the whole body.
fn fetch_with(
    session: Session,
    url: &str,
    flags: u32,
    security_flags: u32,
) -> Result<Fetched, Error> {
    let url = url.to_string();
    openinet::block_on(async move {
        let mut req = session.open_url_request(&url, flags)?;
        if security_flags != 0 {
            req.set_security_flags(security_flags);
        }
        let rec = Recorder::attach(&mut req);
        req.send(None, Vec::new()).await?;
        let names = rec.names();
        let body = read_all(&mut req, 64 * 1024).await?;
        Ok((req.status_code().expect("status"), body, names))
    })
}

fn fetch(url: &str, flags: u32, security_flags: u32) -> Result<Fetched, Error> {
    fetch_with(session(), url, flags, security_flags)
}

fn body_text(f: &Fetched) -> &str {
    std::str::from_utf8(&f.1).expect("utf-8 body")
}

#[test]
fn get_with_unknown_ca_waived_works() {
    let server = TlsServer::start(Leaf::Good);
    let got = fetch(&server.url("/"), 0, UNKNOWN_CA).expect("https GET");
    assert_eq!(got.0, 200);
    assert_eq!(body_text(&got), "conn=1 seq=1");
}

#[test]
fn unknown_ca_fails_with_invalid_ca() {
    let server = TlsServer::start(Leaf::Good);
    let err = fetch(&server.url("/"), 0, 0).expect_err("our CA is not trusted");
    assert_eq!(err, Error::InvalidCa);
    assert_eq!(err.code(), 12045);
    assert_eq!(server.requests(), 0, "nothing is sent over a rejected TLS");
}

#[test]
fn waiving_other_checks_does_not_waive_the_ca() {
    let server = TlsServer::start(Leaf::Good);
    let all_but_ca = INTERNET_FLAG_IGNORE_CERT_CN_INVALID | INTERNET_FLAG_IGNORE_CERT_DATE_INVALID;
    assert_eq!(
        fetch(&server.url("/"), all_but_ca, 0).expect_err("CA not waived"),
        Error::InvalidCa
    );
}

#[test]
fn wrong_name_fails_even_with_unknown_ca_waived() {
    let server = TlsServer::start(Leaf::WrongName);
    let err = fetch(&server.url("/"), 0, UNKNOWN_CA).expect_err("wrong name");
    assert_eq!(err, Error::SecCertCnInvalid);
    assert_eq!(err.code(), 12038);
}

#[test]
fn wrong_name_passes_with_cn_waived_as_request_flag() {
    let server = TlsServer::start(Leaf::WrongName);
    let got = fetch(
        &server.url("/"),
        INTERNET_FLAG_IGNORE_CERT_CN_INVALID,
        UNKNOWN_CA,
    )
    .expect("CN waived");
    assert_eq!(body_text(&got), "conn=1 seq=1");
}

#[test]
fn wrong_name_passes_with_cn_waived_as_security_flag() {
    let server = TlsServer::start(Leaf::WrongName);
    let got = fetch(
        &server.url("/"),
        0,
        UNKNOWN_CA | SECURITY_FLAG_IGNORE_CERT_CN_INVALID,
    )
    .expect("CN waived");
    assert_eq!(got.0, 200);
}

#[test]
fn wrong_name_with_only_cn_waived_is_still_an_unknown_ca() {
    let server = TlsServer::start(Leaf::WrongName);
    let err = fetch(&server.url("/"), INTERNET_FLAG_IGNORE_CERT_CN_INVALID, 0)
        .expect_err("CA not waived");
    assert_eq!(err, Error::InvalidCa);
}

#[test]
fn expired_fails_with_date_invalid() {
    let server = TlsServer::start(Leaf::Expired);
    let err = fetch(&server.url("/"), 0, UNKNOWN_CA).expect_err("expired");
    assert_eq!(err, Error::SecCertDateInvalid);
    assert_eq!(err.code(), 12037);
}

#[test]
fn expired_passes_with_date_waived() {
    let server = TlsServer::start(Leaf::Expired);
    let got = fetch(
        &server.url("/"),
        INTERNET_FLAG_IGNORE_CERT_DATE_INVALID,
        UNKNOWN_CA,
    )
    .expect("date waived (request flag)");
    assert_eq!(got.0, 200);
    let got = fetch(
        &server.url("/"),
        0,
        UNKNOWN_CA | SECURITY_FLAG_IGNORE_CERT_DATE_INVALID,
    )
    .expect("date waived (security flag)");
    assert_eq!(got.0, 200);
}

/// Waiving the date must not waive the issuer: the expired leaf is signed
/// by our untrusted CA.
#[test]

fn expired_with_only_date_waived_is_still_an_unknown_ca() {
    let server = TlsServer::start(Leaf::Expired);
    let got = fetch(&server.url("/"), INTERNET_FLAG_IGNORE_CERT_DATE_INVALID, 0);
    assert_eq!(got.map(|f| f.0), Err(Error::InvalidCa));
}

/// Waiving the date must not waive the name either.
#[test]

fn expired_wrong_name_with_ca_and_date_waived_is_still_a_wrong_name() {
    let server = TlsServer::start(Leaf::ExpiredWrongName);
    let got = fetch(
        &server.url("/"),
        INTERNET_FLAG_IGNORE_CERT_DATE_INVALID,
        UNKNOWN_CA,
    );
    assert_eq!(got.map(|f| f.0), Err(Error::SecCertCnInvalid));
}

#[test]
fn expired_wrong_name_passes_with_everything_waived() {
    let server = TlsServer::start(Leaf::ExpiredWrongName);
    let got = fetch(
        &server.url("/"),
        INTERNET_FLAG_IGNORE_CERT_DATE_INVALID | INTERNET_FLAG_IGNORE_CERT_CN_INVALID,
        UNKNOWN_CA,
    )
    .expect("all waived");
    assert_eq!(got.0, 200);
}

#[test]
fn status_order_for_https() {
    let server = TlsServer::start(Leaf::Good);
    let got = fetch(&server.url("/"), 0, UNKNOWN_CA).unwrap();
    assert_eq!(got.2, FRESH, "the handshake adds no status of its own");
}

#[test]
fn keep_alive_reuses_the_tls_connection() {
    let server = TlsServer::start(Leaf::Good);
    let first = fetch(&server.url("/"), 0, UNKNOWN_CA).unwrap();
    let second = fetch(&server.url("/"), 0, UNKNOWN_CA).unwrap();
    assert_eq!(body_text(&first), "conn=1 seq=1");
    assert_eq!(body_text(&second), "conn=1 seq=2");
    assert_eq!(first.2, FRESH);
    assert_eq!(second.2, REUSED, "a reused connection does not connect");
    assert_eq!(server.connections(), 1);
}

#[test]
fn strict_request_does_not_reuse_a_waived_connection() {
    let server = TlsServer::start(Leaf::Good);
    fetch(&server.url("/"), 0, UNKNOWN_CA).unwrap();
    assert_eq!(server.connections(), 1);
    // Were the waived connection reused, this would succeed.
    let err = fetch(&server.url("/"), 0, 0).expect_err("strict request");
    assert_eq!(err, Error::InvalidCa);
    assert_eq!(server.connections(), 2, "the strict request connected anew");
    // The waived connection is still pooled for its own kind.
    let again = fetch(&server.url("/"), 0, UNKNOWN_CA).unwrap();
    assert_eq!(body_text(&again), "conn=1 seq=2");
    assert_eq!(again.2, REUSED);
}

#[test]
fn different_waivers_use_different_connections() {
    let server = TlsServer::start(Leaf::Good);
    let a = fetch(&server.url("/"), 0, UNKNOWN_CA).unwrap();
    let b = fetch(
        &server.url("/"),
        INTERNET_FLAG_IGNORE_CERT_CN_INVALID,
        UNKNOWN_CA,
    )
    .unwrap();
    assert_eq!(body_text(&a), "conn=1 seq=1");
    assert_eq!(body_text(&b), "conn=2 seq=1");
    assert_eq!(b.2, FRESH);
}

#[test]
fn plain_and_tls_to_the_same_port_do_not_share() {
    // An http:// request to the TLS port must not take the pooled TLS
    // connection. (It gets the server's TLS alert as an HTTP/0.9 body, as
    // WinINet takes any reply without a status line.)
    let server = TlsServer::start(Leaf::Good);
    fetch(&server.url("/"), 0, UNKNOWN_CA).unwrap();
    let plain = format!("http://127.0.0.1:{}/", server.port());
    let s = session_timeouts(Duration::from_secs(5), Duration::from_millis(500));
    if let Ok(got) = fetch_with(s, &plain, 0, 0) {
        assert_ne!(body_text(&got), "conn=1 seq=2", "took the TLS connection");
        assert_eq!(got.2, FRESH);
    }
    assert_eq!(server.connections(), 2);
}

#[test]
fn https_to_a_plain_http_server_is_a_security_channel_error() {
    let plain = PlainReplyServer::start(
        b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
    let url = format!("https://127.0.0.1:{}/", plain.port());
    let err = fetch(&url, 0, UNKNOWN_CA).expect_err("not TLS");
    assert_eq!(err, Error::SecurityChannelError);
    assert_eq!(err.code(), 12157);
}

#[test]
fn server_closing_during_the_handshake_is_a_security_channel_error() {
    let plain = PlainReplyServer::start(b"");
    let url = format!("https://127.0.0.1:{}/", plain.port());
    let err = fetch(&url, 0, UNKNOWN_CA).expect_err("closed");
    assert_eq!(err, Error::SecurityChannelError);
}

#[test]
fn https_to_the_plain_testserver_times_out() {
    // testserver waits for a request head that a ClientHello never
    // completes, so the handshake ends at the connect timeout.
    let plain = testserver::Server::start();
    let url = format!("https://127.0.0.1:{}/", plain.port());
    let s = session_timeouts(Duration::from_millis(300), Duration::from_secs(5));
    let err = fetch_with(s, &url, 0, UNKNOWN_CA).expect_err("not TLS");
    assert_eq!(err, Error::Timeout);
}

#[test]
fn secure_flag_on_a_connect_handle_makes_tls() {
    // INTERNET_FLAG_SECURE on HttpOpenRequest, not an https:// URL.
    let server = TlsServer::start(Leaf::Good);
    let port = server.port();
    let got = openinet::block_on(async move {
        let conn = session().connect("127.0.0.1", port);
        let mut req = conn
            .open_request("GET", "/", None, None, &[], INTERNET_FLAG_SECURE)
            .unwrap();
        assert_eq!(req.security_flags(), SECURITY_FLAG_SECURE);
        req.set_security_flags(UNKNOWN_CA);
        assert_eq!(req.security_flags(), SECURITY_FLAG_SECURE | UNKNOWN_CA);
        assert_eq!(req.url(), format!("https://127.0.0.1:{port}/"));
        req.send(None, Vec::new()).await?;
        read_all(&mut req, 4096).await
    })
    .expect("https via INTERNET_FLAG_SECURE");
    assert_eq!(got, b"conn=1 seq=1");
}

#[test]
fn security_flags_report_secure_only_for_https() {
    let s = session();
    let https = s.open_url_request("https://127.0.0.1:1/", 0).unwrap();
    assert_eq!(https.security_flags(), SECURITY_FLAG_SECURE);
    assert_ne!(https.flags() & INTERNET_FLAG_SECURE, 0);
    let mut http = s.open_url_request("http://127.0.0.1:1/", 0).unwrap();
    assert_eq!(http.security_flags(), 0);
    http.set_security_flags(UNKNOWN_CA);
    assert_eq!(http.security_flags(), UNKNOWN_CA);
}

fn session_timeouts(connect: Duration, receive: Duration) -> Session {
    Session::new(SessionConfig {
        user_agent: AGENT.to_string(),
        timeouts: Timeouts {
            connect: Some(connect),
            send: Some(Duration::from_secs(5)),
            receive: Some(receive),
        },
    })
}

#[test]
fn silent_server_handshake_times_out() {
    let silent = SilentServer::start();
    let url = format!("https://127.0.0.1:{}/", silent.port());
    let s = session_timeouts(Duration::from_millis(300), Duration::from_secs(5));
    let start = Instant::now();
    let err = fetch_with(s, &url, 0, UNKNOWN_CA).expect_err("no handshake");
    let took = start.elapsed();
    assert_eq!(err, Error::Timeout);
    assert!(
        took >= Duration::from_millis(250) && took < Duration::from_secs(3),
        "the connect timeout bounds the handshake: {took:?}"
    );
}

#[test]
fn large_body_over_tls_is_intact() {
    const N: usize = 10 * 1024 * 1024;
    let server = TlsServer::start(Leaf::Good);
    let got = fetch(&server.url(&format!("/big/{N}")), 0, UNKNOWN_CA).unwrap();
    assert_eq!(got.0, 200);
    assert_pattern(&got.1, N);
    // The connection survives a large body for the next request.
    let next = fetch(&server.url("/"), 0, UNKNOWN_CA).unwrap();
    assert_eq!(body_text(&next), "conn=1 seq=2");
}

#[test]
fn small_reads_over_tls_are_intact() {
    const N: usize = 100_000;
    let server = TlsServer::start(Leaf::Good);
    let url = server.url(&format!("/big/{N}"));
    let body = openinet::block_on(async move {
        let mut req = session().open_url_request(&url, 0)?;
        req.set_security_flags(UNKNOWN_CA);
        req.send(None, Vec::new()).await?;
        read_all(&mut req, 7).await
    })
    .unwrap();
    assert_pattern(&body, N);
}
