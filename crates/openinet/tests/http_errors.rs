//! Failure paths against the test server: refused and unresolvable hosts,
//! timeouts, broken and truncated responses, resets.

mod http_common;

use http_common::{
    assert_pattern, fetch_error, get, read_all, session, session_with_receive, Recorder,
};
use openinet::{Error, Status};
use std::time::{Duration, Instant};
use testserver::Server;

/// A port nothing listens on: bound, then released.
fn refused_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

#[test]
fn refused_port_is_cannot_connect() {
    let port = refused_port();
    let url = format!("http://127.0.0.1:{port}/hello");
    let (err, names) = openinet::block_on(async move {
        let mut req = session().open_url_request(&url, 0).unwrap();
        let rec = Recorder::attach(&mut req);
        let err = req.send(None, Vec::new()).await.unwrap_err();
        (err, rec.names())
    });
    assert_eq!(err, Error::CannotConnect);
    assert_eq!(err.code(), 12029);
    assert_eq!(
        names,
        ["RESOLVING_NAME", "NAME_RESOLVED", "CONNECTING_TO_SERVER"]
    );
}

#[test]
fn unresolvable_host_is_name_not_resolved() {
    let (err, names) = openinet::block_on(async move {
        let mut req = session()
            .open_url_request("http://nonexistent.invalid/", 0)
            .unwrap();
        let rec = Recorder::attach(&mut req);
        let err = req.send(None, Vec::new()).await.unwrap_err();
        (err, rec.names())
    });
    assert_eq!(err, Error::NameNotResolved);
    assert_eq!(err.code(), 12007);
    assert_eq!(names, ["RESOLVING_NAME"]);
}

#[test]
fn connect_never_fails_for_an_unreachable_host() {
    // InternetConnect is lazy: only the send fails.
    let c = session().connect("nonexistent.invalid", 80);
    assert!(c.open_request("GET", "/", None, None, &[], 0).is_ok());
}

/// Sends a GET with a `receive_ms` receive timeout; returns the send's
/// result and how long it took.
fn timed_send(url: String, receive_ms: u64) -> (Result<(), Error>, Duration) {
    openinet::block_on(async move {
        let started = Instant::now();
        let mut req = session_with_receive(receive_ms)
            .open_url_request(&url, 0)
            .unwrap();
        let res = req.send(None, Vec::new()).await;
        (res, started.elapsed())
    })
}

#[test]
fn hang_times_out() {
    let server = Server::start();
    let (res, took) = timed_send(server.url("/hang"), 300);
    assert_eq!(res, Err(Error::Timeout));
    assert_eq!(Error::Timeout.code(), 12002);
    assert!(took >= Duration::from_millis(290), "{took:?}");
    assert!(took < Duration::from_secs(3), "{took:?}");
}

#[test]
fn slow_head_times_out() {
    let server = Server::start();
    let (res, took) = timed_send(server.url("/slow/2000"), 300);
    assert_eq!(res, Err(Error::Timeout));
    assert!(took < Duration::from_millis(1500), "{took:?}");
}

#[test]
fn slow_head_within_the_timeout_is_fine() {
    let server = Server::start();
    let (res, _) = timed_send(server.url("/slow/100"), 2000);
    assert_eq!(res, Ok(()));
}

#[test]
fn slow_body_times_out_while_reading() {
    let server = Server::start();
    let url = server.url("/slowbody/1000");
    let (status, read) = openinet::block_on(async move {
        let (mut req, _) = get(&session_with_receive(300), &url).await.unwrap();
        let mut buf = [0u8; 64];
        (req.status_code(), req.read(&mut buf).await)
    });
    assert_eq!(status, Some(200));
    assert_eq!(read, Err(Error::Timeout));
}

/// GET `url` with a 300 ms receive timeout, read in 256 KiB reads (large
/// enough to raise the socket's wake-up mark).
fn read_in_large_reads(url: String) -> Result<Vec<u8>, Error> {
    openinet::block_on(async move {
        let (mut req, _) = get(&session_with_receive(300), &url).await.unwrap();
        read_all(&mut req, 256 * 1024).await
    })
}

#[test]
fn a_large_read_of_a_slow_body_waits_past_the_raised_mark() {
    // A 256 KiB read raises the socket's wake-up mark to ~256 KiB; this
    // server sends 4 KiB every 20 ms, so a mark's worth takes ~1.3 s while
    // the receive timeout is 300 ms. Bytes keep arriving, so no read may
    // time out (WinINet times out only when nothing comes), and every byte
    // arrives in order.
    let server = Server::start();
    let body = read_in_large_reads(server.url("/trickle/400000?piece=4096&ms=20"));
    assert_pattern(&body.expect("no timeout while bytes arrive"), 400_000);
}

#[test]
fn a_large_read_of_a_stalled_body_times_out() {
    // The same read when the server stops sending: the receive timeout.
    let server = Server::start();
    let read = read_in_large_reads(server.url("/trickle/400000?piece=100000&ms=2000"));
    assert_eq!(read.map(|b| b.len()), Err(Error::Timeout));
}

#[test]
fn a_timed_out_connection_is_not_reused() {
    let server = Server::start();
    let (res, _) = timed_send(server.url("/hang"), 200);
    assert_eq!(res, Err(Error::Timeout));
    let (status, body) = http_common::fetch(&server.url("/conn"));
    assert_eq!(status, 200);
    assert_eq!(body, b"conn=2 seq=1");
}

#[test]
fn non_http_response_is_a_headerless_body() {
    // WinINet reports a response without a status line as `HTTP/1.0 200 OK`
    // with no headers, and every byte as the body (see http/h1.rs).
    let server = Server::start();
    let url = server.url("/malformed");
    let (head, body) = openinet::block_on(async move {
        let (mut req, _) = get(&session(), &url).await.unwrap();
        let head = req.response().unwrap().clone();
        (head, read_all(&mut req, 7).await.unwrap())
    });
    assert!(head.no_headers);
    assert_eq!((head.version, head.status), ((1, 0), 200));
    assert_eq!(head.headers().len(), 0);
    assert_eq!(body, b"THIS IS NOT HTTP\r\n\r\n");
}

#[test]
fn garbage_status_is_invalid_server_response() {
    let server = Server::start();
    let err = fetch_error(session(), &server.url("/garbage-status"));
    assert_eq!(err, Error::HttpInvalidServerResponse);
    assert_eq!(err.code(), 12152);
}

#[test]
fn reset_before_the_response() {
    let server = Server::start();
    let err = fetch_error(session(), &server.url("/reset"));
    assert!(
        matches!(err, Error::ConnectionReset | Error::ConnectionAborted),
        "{err:?}"
    );
}

#[test]
fn close_without_a_byte() {
    let server = Server::start();
    let err = fetch_error(session(), &server.url("/close-immediately"));
    assert_eq!(err, Error::HttpInvalidServerResponse);
}

#[test]
fn truncated_body_ends_quietly() {
    // WinINet returns the bytes that came, then a successful 0-byte read.
    let server = Server::start();
    let url = server.url("/truncated");
    let (body, again, names) = openinet::block_on(async move {
        let (mut req, rec) = get(&session(), &url).await.unwrap();
        rec.clear();
        let body = read_all(&mut req, 64).await.unwrap();
        let mut buf = [0u8; 8];
        let again = req.read(&mut buf).await;
        (body, again, rec.names())
    });
    assert_eq!(body, b"0123456789");
    assert_eq!(again, Ok(0));
    // The read that met the end went to the network (RECEIVING /
    // RESPONSE_RECEIVED around it) and closed the cut connection.
    assert_eq!(
        names,
        [
            "RECEIVING_RESPONSE",
            "CLOSING_CONNECTION",
            "CONNECTION_CLOSED",
            "RESPONSE_RECEIVED"
        ]
    );
    // The cut connection was not pooled.
    let (_, body) = http_common::fetch(&server.url("/conn"));
    assert_eq!(body, b"conn=2 seq=1");
}

#[test]
fn truncated_chunked_body_ends_quietly() {
    let server = Server::start();
    let url = server.url("/truncated-chunked");
    let body = openinet::block_on(async move {
        let (mut req, _) = get(&session(), &url).await.unwrap();
        read_all(&mut req, 64).await.unwrap()
    });
    assert_eq!(body, b"0123456789abc");
    let (_, body) = http_common::fetch(&server.url("/conn"));
    assert_eq!(body, b"conn=2 seq=1");
}

#[test]
fn truncated_body_in_one_byte_reads() {
    let server = Server::start();
    let url = server.url("/truncated");
    let body = openinet::block_on(async move {
        let (mut req, _) = get(&session(), &url).await.unwrap();
        read_all(&mut req, 1).await.unwrap()
    });
    assert_eq!(body, b"0123456789");
}

#[test]
fn data_available_at_a_truncated_end() {
    let server = Server::start();
    let url = server.url("/truncated");
    openinet::block_on(async move {
        let (mut req, _) = get(&session(), &url).await.unwrap();
        let mut total = 0;
        loop {
            let n = req.data_available().await.unwrap();
            if n == 0 {
                break;
            }
            let mut buf = vec![0u8; n];
            assert_eq!(req.read(&mut buf).await.unwrap(), n);
            total += n;
        }
        assert_eq!(total, 10);
        let mut buf = [0u8; 4];
        assert_eq!(req.read(&mut buf).await, Ok(0));
    });
}

#[test]
fn bad_request_parameters() {
    let c = session().connect("127.0.0.1", 1);
    assert_eq!(
        c.open_request("GE T", "/", None, None, &[], 0).unwrap_err(),
        Error::InvalidParameter
    );
    assert_eq!(
        c.open_request("GET", "/a\r\nX: y", None, None, &[], 0)
            .unwrap_err(),
        Error::InvalidParameter
    );
    assert_eq!(
        session().open_url_request("ftp2://x/", 0).unwrap_err(),
        Error::UnrecognizedScheme
    );
}

#[test]
fn bad_extra_headers_fail_the_send_before_connecting() {
    let server = Server::start();
    let url = server.url("/hello");
    let err = openinet::block_on(async move {
        let mut req = session().open_url_request(&url, 0).unwrap();
        req.send(Some("NoColonHere"), Vec::new()).await.unwrap_err()
    });
    assert_eq!(err, Error::HttpInvalidHeader);
    assert_eq!(server.connections(), 0);
}

#[test]
fn status_events_stop_at_the_failure() {
    let server = Server::start();
    let url = server.url("/hang");
    let events = openinet::block_on(async move {
        let mut req = session_with_receive(200).open_url_request(&url, 0).unwrap();
        let rec = Recorder::attach(&mut req);
        assert_eq!(req.send(None, Vec::new()).await, Err(Error::Timeout));
        rec.events()
    });
    // As in WinINet: the timed-out connection is closed, with its statuses.
    assert_eq!(
        events[events.len() - 3..],
        [
            Status::ReceivingResponse,
            Status::ClosingConnection,
            Status::ConnectionClosed
        ]
    );
    assert!(!events
        .iter()
        .any(|e| matches!(e, Status::ResponseReceived(_))));
}

/// Reads `req` three times into a 64-byte buffer and asks once what is
/// available: the results, in that order.
async fn read_thrice_then_ask(req: &mut openinet::Request) -> Vec<Result<usize, Error>> {
    let mut buf = [0u8; 64];
    let mut results = Vec::new();
    for _ in 0..3 {
        results.push(req.read(&mut buf).await);
    }
    results.push(req.data_available().await);
    results.push(req.available_now().map(|n| n.unwrap_or(usize::MAX)));
    results
}

#[test]
fn a_malformed_chunk_size_delivers_the_chunk_before_it_then_fails_for_good() {
    // One whole chunk, then the size line `zz`: its bytes are this read's,
    // the error the next read's, and every later read and availability
    // check gives it again, never the 0-byte clean end (issue 9, defects
    // 8-9).
    let server = Server::start();
    let url = server.url("/badchunk");
    let (first, body, later) = openinet::block_on(async move {
        let (mut req, _) = get(&session(), &url).await.unwrap();
        let mut buf = [0u8; 64];
        let first = req.read(&mut buf).await;
        let body = buf[..*first.as_ref().unwrap_or(&0)].to_vec();
        (first, body, read_thrice_then_ask(&mut req).await)
    });
    assert_eq!(first, Ok(5));
    assert_eq!(body, b"hello");
    assert_eq!(later, vec![Err(Error::HttpInvalidServerResponse); 5]);
    assert_eq!(Error::HttpInvalidServerResponse.code(), 12152);
}

#[test]
fn a_malformed_chunk_size_fails_a_data_available_check_for_good() {
    let server = Server::start();
    let url = server.url("/badchunk");
    let (first, again, reads) = openinet::block_on(async move {
        let (mut req, _) = get(&session(), &url).await.unwrap();
        // The chunk is available, and read whole.
        let first = req.data_available().await;
        let mut buf = [0u8; 5];
        assert_eq!(req.read(&mut buf).await, Ok(5));
        assert_eq!(&buf, b"hello");
        let again = req.data_available().await;
        (first, again, read_thrice_then_ask(&mut req).await)
    });
    assert_eq!(first, Ok(5));
    assert_eq!(again, Err(Error::HttpInvalidServerResponse));
    assert_eq!(reads, vec![Err(Error::HttpInvalidServerResponse); 5]);
}

#[test]
fn a_malformed_chunk_size_in_one_byte_reads() {
    let server = Server::start();
    let url = server.url("/badchunk");
    let (body, err, later) = openinet::block_on(async move {
        let (mut req, _) = get(&session(), &url).await.unwrap();
        let mut body = Vec::new();
        let mut one = [0u8; 1];
        let err = loop {
            match req.read(&mut one).await {
                Ok(0) => panic!("a clean end after {body:?}"),
                Ok(_) => body.push(one[0]),
                Err(e) => break e,
            }
        };
        (body, err, read_thrice_then_ask(&mut req).await)
    });
    assert_eq!(body, b"hello");
    assert_eq!(err, Error::HttpInvalidServerResponse);
    assert_eq!(later, vec![Err(Error::HttpInvalidServerResponse); 5]);
}

#[test]
fn a_body_reset_mid_way_delivers_what_came_then_fails_for_good() {
    // 10 of 100 bytes, then RST while the read waits for the rest: the
    // read returns the 10 bytes, the next one the reset, and it sticks.
    let server = Server::start();
    let url = server.url("/reset-body");
    let (first, body, later, names) = openinet::block_on(async move {
        let (mut req, rec) = get(&session(), &url).await.unwrap();
        rec.clear();
        let mut buf = [0u8; 64];
        let first = req.read(&mut buf).await;
        let body = buf[..*first.as_ref().unwrap_or(&0)].to_vec();
        let later = read_thrice_then_ask(&mut req).await;
        (first, body, later, rec.names())
    });
    assert_eq!(first, Ok(10));
    assert_eq!(body, b"0123456789");
    assert_eq!(later, vec![Err(Error::ConnectionReset); 5]);
    // The connection closes once, with the error's read.
    let closes = names.iter().filter(|n| **n == "CONNECTION_CLOSED").count();
    assert_eq!(closes, 1, "{names:?}");
    // The broken connection was not pooled.
    let (_, body) = http_common::fetch(&server.url("/conn"));
    assert_eq!(body, b"conn=2 seq=1");
}

#[test]
fn a_failure_sticks_only_until_the_request_is_sent_again() {
    let server = Server::start();
    let url = server.url("/badchunk");
    let (failed, resent) = openinet::block_on(async move {
        let (mut req, _) = get(&session(), &url).await.unwrap();
        let mut buf = [0u8; 64];
        assert_eq!(req.read(&mut buf).await, Ok(5));
        let failed = req.read(&mut buf).await;
        req.send(None, Vec::new()).await.unwrap();
        let resent = req.read(&mut buf).await;
        (failed, resent)
    });
    assert_eq!(failed, Err(Error::HttpInvalidServerResponse));
    // The new response's body reads afresh (and fails afresh, after its chunk).
    assert_eq!(resent, Ok(5));
}
