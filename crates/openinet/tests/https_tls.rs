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
use https_common::{Leaf, PlainReplyServer, SilentServer, TlsServer, RECORD_SIZES};
use openinet::consts::{
    INTERNET_FLAG_IGNORE_CERT_CN_INVALID, INTERNET_FLAG_IGNORE_CERT_DATE_INVALID,
    INTERNET_FLAG_SECURE, SECURITY_FLAG_IGNORE_CERT_CN_INVALID,
    SECURITY_FLAG_IGNORE_CERT_DATE_INVALID, SECURITY_FLAG_IGNORE_UNKNOWN_CA, SECURITY_FLAG_SECURE,
    SECURITY_FLAG_STRENGTH_STRONG,
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
fn aes_128_gcm_is_negotiated_first() {
    // A server that honours the client's order, as most do, picks
    // AES-128-GCM from us (see tls::provider).
    let server = TlsServer::start(Leaf::Good);
    let got = fetch(&server.url("/suite"), 0, UNKNOWN_CA).expect("https GET");
    assert_eq!(body_text(&got), "Some(TLS13_AES_128_GCM_SHA256)");
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
        // Nothing is secure before a send (Wine's test_security_flags).
        assert_eq!(req.security_flags(), 0);
        req.set_security_flags(UNKNOWN_CA);
        assert_eq!(req.security_flags(), UNKNOWN_CA);
        assert_eq!(req.url(), format!("https://127.0.0.1:{port}/"));
        req.send(None, Vec::new()).await?;
        assert_eq!(
            req.security_flags(),
            SECURITY_FLAG_SECURE | SECURITY_FLAG_STRENGTH_STRONG | UNKNOWN_CA
        );
        read_all(&mut req, 4096).await
    })
    .expect("https via INTERNET_FLAG_SECURE");
    assert_eq!(got, b"conn=1 seq=1");
}

#[test]
fn security_flags_report_secure_only_after_a_send_through_tls() {
    let s = session();
    let https = s.open_url_request("https://127.0.0.1:1/", 0).unwrap();
    // Wine's test_security_flags asserts 0 on a fresh https request.
    assert_eq!(https.security_flags(), 0);
    assert_ne!(https.flags() & INTERNET_FLAG_SECURE, 0);
    let server = TlsServer::start(Leaf::Good);
    let mut ok = s.open_url_request(&server.url("/"), 0).unwrap();
    ok.set_security_flags(UNKNOWN_CA);
    let ok = openinet::block_on(async move { ok.send(None, Vec::new()).await.map(|()| ok) })
        .expect("send");
    assert_eq!(
        ok.security_flags(),
        SECURITY_FLAG_SECURE | SECURITY_FLAG_STRENGTH_STRONG | UNKNOWN_CA
    );
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

/// GETs `url` on `session` and reads the body `chunk` bytes at a time.
fn read_with(session: Session, url: &str, chunk: usize) -> Result<Vec<u8>, Error> {
    let url = url.to_string();
    openinet::block_on(async move {
        let mut req = session.open_url_request(&url, 0)?;
        req.set_security_flags(UNKNOWN_CA);
        req.send(None, Vec::new()).await?;
        read_all(&mut req, chunk).await
    })
}

/// `read_with` on a session whose receive timeout is a minute, failing if
/// it takes 5 s (it needs well under one): a read that waits for bytes the
/// server will never send shows as that failure, before the test server
/// drops the idle connection at 10 s and the end of stream wakes it.
fn read_without_waiting_for_nothing(url: &str, chunk: usize) -> Vec<u8> {
    let s = session_timeouts(Duration::from_secs(5), Duration::from_secs(60));
    let url = url.to_string();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(read_with(s, &url, chunk)));
    rx.recv_timeout(Duration::from_secs(5))
        .expect("the read waited for bytes that were never coming")
        .expect("the read succeeds")
}

// Reads of 256 KiB and more raise the socket's receive low-water mark over
// TLS (http/conn.rs, `wake_mark`) when they have to wait. These check that
// it never costs a byte, never waits for bytes that will not come, and
// keeps WinINet's receive timeout: an error only when nothing arrives for
// that long. The servers send in pieces with pauses, so reads do wait.

#[test]
fn large_reads_over_tls_are_intact() {
    // An odd size, so the last read wants less than a mark's worth.
    const N: usize = 3 * 1024 * 1024 + 12_345;
    let server = TlsServer::start(Leaf::Good);
    for chunk in [256 * 1024, 1024 * 1024, 8 * 1024 * 1024] {
        let url = server.url(&format!("/trickle/{N}/262144/5"));
        assert_pattern(&read_without_waiting_for_nothing(&url, chunk), N);
    }
}

#[test]
fn a_body_shorter_than_the_read_completes() {
    // Each size leaves a last read whose mark is raised (want above 82 KiB)
    // and must be met exactly by what is left.
    let server = TlsServer::start(Leaf::Good);
    for n in [0, 1, 70_000, 100_000, 300_000, 1_000_000] {
        let url = server.url(&format!("/trickle/{n}/40000/20"));
        assert_pattern(&read_without_waiting_for_nothing(&url, 1024 * 1024), n);
    }
}

#[test]
fn a_tls_body_ended_by_closing_completes_a_large_read() {
    // No length: the read wants its whole 1 MiB, the mark is at its cap,
    // and the end of the stream must wake it.
    let server = TlsServer::start(Leaf::Good);
    for n in [0, 5, 200_000] {
        let url = server.url(&format!("/close/{n}"));
        assert_pattern(&read_without_waiting_for_nothing(&url, 1024 * 1024), n);
    }
}
#[test]
fn a_slow_tls_body_within_the_receive_timeout_is_read_whole() {
    // 160 KiB in 4 KiB pieces 50 ms apart (2 s in all), a 300 ms receive
    // timeout: no gap reaches it, so WinINet would not time out, even
    // though a mark's worth takes far longer than 300 ms to arrive.
    const N: usize = 160 * 1024;
    let server = TlsServer::start(Leaf::Good);
    let s = session_timeouts(Duration::from_secs(5), Duration::from_millis(300));
    let url = server.url(&format!("/trickle/{N}/4096/50"));
    let body = read_with(s, &url, 1024 * 1024).expect("every gap is under the timeout");
    assert_pattern(&body, N);
}

#[test]
fn a_tls_body_cut_short_ends_a_large_read_with_what_came() {
    // 200,000 of a declared 500,000 bytes, then close_notify: the raised
    // mark must not outlast the end of the stream, and, as WinINet does,
    // the bytes that came are the body.
    let server = TlsServer::start(Leaf::Good);
    let url = server.url("/cut/200000/500000");
    assert_pattern(
        &read_without_waiting_for_nothing(&url, 1024 * 1024),
        200_000,
    );
}

#[test]
fn a_tls_body_that_stops_mid_read_times_out() {
    // 100 KiB of a declared 400 KiB, then silence: a 1 MiB read must fail
    // with the receive timeout, not wait for a mark that will not fill.
    let server = TlsServer::start(Leaf::Good);
    let s = session_timeouts(Duration::from_secs(5), Duration::from_millis(400));
    let err = read_with(s, &server.url("/stall/102400/409600"), 1024 * 1024).unwrap_err();
    assert_eq!(err, Error::Timeout);
}

#[test]
fn a_read_of_whatever_comes_first_is_not_held_for_a_mark() {
    // InternetReadFileEx's reads return the first bytes that arrive; a
    // raised mark would hold them until most of the 1 MiB had come. The
    // body comes in 40,000-byte pieces 200 ms apart (1.6 s in all).
    const N: usize = 300_000;
    let server = TlsServer::start(Leaf::Good);
    let url = server.url(&format!("/trickle/{N}/40000/200"));
    let s = session_timeouts(Duration::from_secs(5), Duration::from_secs(60));
    let (first, body) = openinet::block_on(async move {
        let mut req = s.open_url_request(&url, 0)?;
        req.set_security_flags(UNKNOWN_CA);
        req.send(None, Vec::new()).await?;
        let mut buf = vec![0u8; 1024 * 1024];
        let mut body = Vec::new();
        let mut first = None;
        loop {
            let n = req.read_some(&mut buf).await?;
            if n == 0 {
                return Ok::<_, Error>((first.unwrap_or(0), body));
            }
            first.get_or_insert(n);
            body.extend_from_slice(&buf[..n]);
        }
    })
    .unwrap();
    assert_pattern(&body, N);
    assert!(
        first < 200_000,
        "the first read waited for {first} bytes instead of returning the first piece"
    );
}

#[test]
fn a_tls_stream_cut_without_close_notify_delivers_what_came_then_fails_for_good() {
    // 3 of 10 bytes, then the TCP connection ends with no close_notify:
    // the 3 bytes that were reported available are delivered, then the
    // cut (12030) comes, and stays, for reads and availability checks
    // alike, never the 0-byte clean end (issue 9, defects 8-9).
    let server = TlsServer::start(Leaf::Good);
    let url = server.url("/rawcut/3/10");
    let (available, first, body, later) = openinet::block_on(async move {
        let mut req = session().open_url_request(&url, 0).unwrap();
        req.set_security_flags(UNKNOWN_CA);
        req.send(None, Vec::new()).await.unwrap();
        let available = req.data_available().await;
        let mut buf = [0u8; 64];
        let first = req.read(&mut buf).await;
        let body = buf[..*first.as_ref().unwrap_or(&0)].to_vec();
        let mut later = Vec::new();
        for _ in 0..3 {
            later.push(req.read(&mut buf).await);
        }
        later.push(req.data_available().await);
        later.push(req.available_now().map(|n| n.unwrap_or(usize::MAX)));
        (available, first, body, later)
    });
    assert_eq!(available, Ok(3));
    assert_eq!(first, Ok(3));
    assert_pattern(&body, 3);
    assert_eq!(later, vec![Err(Error::ConnectionAborted); 5]);
    assert_eq!(Error::ConnectionAborted.code(), 12030);
}

#[test]
fn a_tls_body_cut_at_any_record_delivers_every_byte_then_fails_for_good() {
    // A short body in TLS records of 1, 7, 100, 3 and 50 bytes (as one
    // Content-Length body, or one chunk per record), the connection cut
    // without close_notify after each record in turn: every byte of the
    // records that came is delivered, then the cut (12030) comes and stays
    // for reads and availability checks; a body that came whole ends
    // cleanly (issue 9's adversarial suite: defects 8-9 at every boundary).
    let server = TlsServer::start(Leaf::Good);
    for chunked in [false, true] {
        let records = RECORD_SIZES.len() + usize::from(chunked);
        for k in 0..=records {
            let url = server.url(&format!("/records/{k}/{}", u8::from(chunked)));
            let (body, end, later) = openinet::block_on(async move {
                let mut req = session().open_url_request(&url, 0).unwrap();
                req.set_security_flags(UNKNOWN_CA);
                req.send(None, Vec::new()).await.unwrap();
                let mut body = Vec::new();
                let mut buf = [0u8; 16];
                let end = loop {
                    match req.read(&mut buf).await {
                        Ok(0) => break Ok(0),
                        Ok(n) => body.extend_from_slice(&buf[..n]),
                        Err(e) => break Err(e),
                    }
                };
                let mut later = Vec::new();
                for _ in 0..2 {
                    later.push(req.read(&mut buf).await);
                    later.push(req.data_available().await);
                }
                (body, end, later)
            });
            let whole = k == records;
            let sent: usize = RECORD_SIZES.iter().take(k).sum();
            let what = format!("chunked={chunked} cut after {k} records");
            assert_eq!(body.len(), sent, "{what}: bytes delivered");
            assert_pattern(&body, sent);
            if whole {
                assert_eq!(end, Ok(0), "{what}");
                assert_eq!(later, vec![Ok(0); 4], "{what}");
            } else {
                assert_eq!(end, Err(Error::ConnectionAborted), "{what}");
                assert_eq!(later, vec![Err(Error::ConnectionAborted); 4], "{what}");
            }
        }
    }
}
