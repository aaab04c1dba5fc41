//! HTTP/1.1 exchanges against the scripted test server: body framings,
//! HEAD and body-less statuses, interim responses, request bodies and
//! headers, and the status events of a fresh request.

mod http_common;

use http_common::{assert_pattern, fetch, get, read_all, session, AGENT};
use openinet::{Error, Status};
use testserver::Server;

#[test]
fn content_length_body() {
    let server = Server::start();
    let (status, body) = fetch(&server.url("/hello"));
    assert_eq!(status, 200);
    assert_eq!(body, testserver::HELLO_BODY.as_bytes());
    let (status, body) = fetch(&server.url("/bytes/100000"));
    assert_eq!(status, 200);
    assert_pattern(&body, 100_000);
}

#[test]
fn zero_length_body() {
    let server = Server::start();
    let (status, body) = fetch(&server.url("/bytes/0"));
    assert_eq!((status, body.len()), (200, 0));
}

#[test]
fn chunked_bodies_of_many_sizes() {
    let server = Server::start();
    // 0: only the last chunk; 1..8: the first chunks (the 2nd has
    // extensions); 1108 crosses the upper-case-hex chunk; the rest span
    // every chunk size several times.
    for n in [0usize, 1, 2, 8, 108, 1108, 5204, 100_000, 1_000_000] {
        let (status, body) = fetch(&server.url(&format!("/chunked/{n}")));
        assert_eq!(status, 200, "/chunked/{n}");
        assert_pattern(&body, n);
    }
}

#[test]
fn chunked_body_read_in_odd_sizes() {
    let server = Server::start();
    let url = server.url("/chunked/300000");
    for chunk in [1usize, 3, 4095, 65537, 1 << 20] {
        let url = url.clone();
        let body = openinet::block_on(async move {
            let (mut req, _) = get(&session(), &url).await.unwrap();
            read_all(&mut req, chunk).await.unwrap()
        });
        assert_pattern(&body, 300_000);
    }
}

#[test]
fn close_delimited_body() {
    let server = Server::start();
    for n in [0usize, 1, 70_000, 1_000_000] {
        let (status, body) = fetch(&server.url(&format!("/close/{n}")));
        assert_eq!(status, 200, "/close/{n}");
        assert_pattern(&body, n);
    }
}

#[test]
fn http10_response() {
    let server = Server::start();
    let url = server.url("/http10/5000");
    let (version, body) = openinet::block_on(async move {
        let (mut req, _) = get(&session(), &url).await.unwrap();
        let head = req.response().unwrap().clone();
        let body = read_all(&mut req, 4096).await.unwrap();
        (head.version, body)
    });
    assert_eq!(version, (1, 0));
    assert_pattern(&body, 5000);
}

#[test]
fn lf_only_head_is_accepted() {
    let server = Server::start();
    let url = server.url("/lf-only");
    let (head, body) = openinet::block_on(async move {
        let (mut req, _) = get(&session(), &url).await.unwrap();
        let head = req.response().unwrap().clone();
        (head, read_all(&mut req, 100).await.unwrap())
    });
    assert_eq!((head.version, head.status), ((1, 1), 200));
    assert_eq!(head.reason(), "OK");
    assert_eq!(head.header("content-length"), Some("5"));
    assert_eq!(head.header("X-Spaced"), Some("padded"));
    assert_eq!(body, b"hello");
}

#[test]
fn head_has_no_body_but_reports_length() {
    let server = Server::start();
    let c = session().connect("127.0.0.1", server.port());
    let (len, n) = openinet::block_on(async move {
        let mut req = c
            .open_request("HEAD", "/head-target", None, None, &[], 0)
            .unwrap();
        req.send(None, Vec::new()).await.unwrap();
        let mut index = 0;
        let len = req
            .query_info(
                openinet::consts::HTTP_QUERY_CONTENT_LENGTH,
                None,
                &mut index,
            )
            .unwrap();
        let mut buf = [0u8; 64];
        (len, req.read(&mut buf).await.unwrap())
    });
    assert_eq!(len, openinet::http::query::Answer::Text("17".into()));
    assert_eq!(n, 0, "HEAD must read no body");
    assert_eq!(server.requests()[0].method, "HEAD");
}

#[test]
fn no_content_and_not_modified_have_no_body() {
    let server = Server::start();
    for code in [204u16, 304] {
        let url = server.url(&format!("/status/{code}"));
        let (status, body) = fetch(&url);
        assert_eq!((status, body.len()), (code, 0));
    }
    // Both kept the connection: one connection served both (and a third).
    let (status, _) = fetch(&server.url("/conn"));
    assert_eq!(status, 200);
    assert_eq!(server.connections(), 1);
}

#[test]
fn status_codes_and_reasons() {
    let server = Server::start();
    let url = server.url("/status/404");
    let (status, reason, body) = openinet::block_on(async move {
        let (mut req, _) = get(&session(), &url).await.unwrap();
        let reason = req.response().unwrap().reason().to_string();
        (
            req.status_code(),
            reason,
            read_all(&mut req, 64).await.unwrap(),
        )
    });
    assert_eq!((status, reason.as_str()), (Some(404), "Not Found"));
    assert_eq!(body, b"status 404\n");
}

#[test]
fn interim_responses_are_skipped() {
    let server = Server::start();
    let url = server.url("/continue");
    let (status, body) = openinet::block_on(async move {
        let (mut req, rec) = get(&session(), &url).await.unwrap();
        // One RESPONSE_RECEIVED for the whole exchange (the 1xx included).
        let received = rec
            .names()
            .iter()
            .filter(|n| **n == "RESPONSE_RECEIVED")
            .count();
        assert_eq!(received, 1, "{:?}", rec.names());
        let body = read_all(&mut req, 64).await.unwrap();
        (req.status_code(), body)
    });
    assert_eq!(status, Some(200));
    assert_eq!(body, b"after-continue");
}

#[test]
fn post_body_is_sent_with_its_length() {
    let server = Server::start();
    let c = session().connect("127.0.0.1", server.port());
    let payload: Vec<u8> = testserver::pattern(100_000);
    let sent = payload.clone();
    let echoed = openinet::block_on(async move {
        let mut req = c.open_request("POST", "/echo", None, None, &[], 0).unwrap();
        req.send(Some("Content-Type: application/octet-stream\r\n"), sent)
            .await
            .unwrap();
        read_all(&mut req, 8192).await.unwrap()
    });
    let rec = &server.requests()[0];
    assert_eq!(rec.method, "POST");
    assert_eq!(rec.header("Content-Length"), Some("100000"));
    assert_eq!(rec.body, payload);
    // The echo is the raw head, then the body.
    assert_eq!(&echoed[..rec.head.len()], rec.head.as_bytes());
    assert_eq!(&echoed[rec.head.len()..], &payload[..]);
}

#[test]
fn empty_post_sends_content_length_zero() {
    let server = Server::start();
    let c = session().connect("127.0.0.1", server.port());
    openinet::block_on(async move {
        let mut req = c.open_request("POST", "/echo", None, None, &[], 0).unwrap();
        req.send(None, Vec::new()).await.unwrap();
        read_all(&mut req, 8192).await.unwrap();
    });
    let rec = &server.requests()[0];
    assert_eq!(rec.header("Content-Length"), Some("0"));
    assert!(rec.body.is_empty());
}

#[test]
fn request_headers_sent() {
    let server = Server::start();
    let port = server.port();
    let c = session().connect("127.0.0.1", port);
    openinet::block_on(async move {
        let accept = vec!["text/plain".to_string(), "*/*".to_string()];
        let mut req = c
            .open_request(
                "GET",
                "echo?x=1",
                None,
                Some("http://ref.example/"),
                &accept,
                0,
            )
            .unwrap();
        req.send(Some("X-Custom: one\r\nX-Other: two"), Vec::new())
            .await
            .unwrap();
        read_all(&mut req, 8192).await.unwrap();
    });
    let rec = &server.requests()[0];
    assert_eq!(rec.method, "GET");
    assert_eq!(rec.target, "/echo?x=1", "a relative object gets its slash");
    assert_eq!(rec.version, "HTTP/1.1");
    assert_eq!(rec.header("User-Agent"), Some(AGENT));
    let host = format!("127.0.0.1:{port}");
    assert_eq!(rec.header("Host"), Some(host.as_str()));
    assert_eq!(rec.header("X-Custom"), Some("one"));
    assert_eq!(rec.header("X-Other"), Some("two"));
    assert_eq!(rec.header("Referer"), Some("http://ref.example/"));
    assert_eq!(rec.header("Accept"), Some("text/plain, */*"));
    assert!(rec.head.ends_with("\r\n\r\n"), "{:?}", rec.head);
    // Each header once.
    for name in ["Host", "User-Agent", "X-Custom"] {
        let n = rec
            .headers
            .iter()
            .filter(|(h, _)| h.eq_ignore_ascii_case(name))
            .count();
        assert_eq!(n, 1, "{name} in {:?}", rec.head);
    }
}

#[test]
fn http10_request_version() {
    let server = Server::start();
    let c = session().connect("127.0.0.1", server.port());
    let body = openinet::block_on(async move {
        let mut req = c
            .open_request("GET", "/hello", Some("HTTP/1.0"), None, &[], 0)
            .unwrap();
        req.send(None, Vec::new()).await.unwrap();
        read_all(&mut req, 8192).await.unwrap()
    });
    assert_eq!(body, testserver::HELLO_BODY.as_bytes());
    assert_eq!(server.requests()[0].version, "HTTP/1.0");
}

#[test]
fn fresh_request_status_sequence() {
    let server = Server::start();
    let url = server.url("/hello");
    let events = openinet::block_on(async move {
        let (mut req, rec) = get(&session(), &url).await.unwrap();
        let after_send = rec.events();
        read_all(&mut req, 4096).await.unwrap();
        // Reading a kept-alive body to its end pools the connection quietly:
        // a read that waited for the network reports only RECEIVING /
        // RESPONSE_RECEIVED, never a closing.
        let during_read = rec.events()[after_send.len()..].to_vec();
        assert!(
            during_read
                .iter()
                .all(|e| matches!(e, Status::ReceivingResponse | Status::ResponseReceived(_))),
            "{during_read:?}"
        );
        after_send
    });
    let names: Vec<&str> = events.iter().map(Status::name).collect();
    assert_eq!(
        names,
        [
            "RESOLVING_NAME",
            "NAME_RESOLVED",
            "CONNECTING_TO_SERVER",
            "CONNECTED_TO_SERVER",
            "SENDING_REQUEST",
            "REQUEST_SENT",
            "RECEIVING_RESPONSE",
            "RESPONSE_RECEIVED",
        ]
    );
    let rec = &server.requests()[0];
    assert_eq!(events[0], Status::ResolvingName("127.0.0.1".into()));
    assert_eq!(events[1], Status::NameResolved("127.0.0.1".into()));
    assert_eq!(events[2], Status::ConnectingToServer("127.0.0.1".into()));
    assert_eq!(events[3], Status::ConnectedToServer("127.0.0.1".into()));
    assert_eq!(events[5], Status::RequestSent(rec.head.len() as u32));
    match events[7] {
        // The /hello head is well over 150 bytes and under 1 KiB.
        Status::ResponseReceived(n) => assert!((150..1024).contains(&n), "{n}"),
        ref other => panic!("{other:?}"),
    }
}

#[test]
fn open_url_sends_a_get() {
    let server = Server::start();
    let url = server.url("/hello?q=1");
    let body = openinet::block_on(async move {
        let mut req = session()
            .open_url(&url, Some("X-From: open_url"), 0)
            .await?;
        read_all(&mut req, 4096).await
    })
    .unwrap();
    assert_eq!(body, testserver::HELLO_BODY.as_bytes());
    let rec = &server.requests()[0];
    assert_eq!(
        (rec.method.as_str(), rec.target.as_str()),
        ("GET", "/hello?q=1")
    );
    assert_eq!(rec.header("X-From"), Some("open_url"));
}

#[test]
fn reading_before_send_is_incorrect_state() {
    let server = Server::start();
    let c = session().connect("127.0.0.1", server.port());
    let mut req = c.open_request("GET", "/hello", None, None, &[], 0).unwrap();
    let mut buf = [0u8; 8];
    assert_eq!(
        req.read_buffered(&mut buf),
        Err(Error::IncorrectHandleState)
    );
    assert_eq!(req.available_now(), Err(Error::IncorrectHandleState));
    assert_eq!(req.status_code(), None);
    assert!(req.response().is_none());
    let (read, avail, some) = openinet::block_on(async move {
        let mut buf = [0u8; 8];
        let read = req.read(&mut buf).await;
        let some = req.read_some(&mut buf).await;
        let avail = req.data_available().await;
        (read, avail, some)
    });
    assert_eq!(read, Err(Error::IncorrectHandleState));
    assert_eq!(some, Err(Error::IncorrectHandleState));
    assert_eq!(avail, Err(Error::IncorrectHandleState));
    assert_eq!(server.connections(), 0, "nothing was sent");
}

#[test]
fn read_some_and_data_available() {
    let server = Server::start();
    let url = server.url("/slowbody/50");
    let pieces = openinet::block_on(async move {
        let (mut req, _) = get(&session(), &url).await.unwrap();
        let mut pieces = Vec::new();
        loop {
            let avail = req.data_available().await.unwrap();
            let mut buf = vec![0u8; 64];
            let n = req.read_some(&mut buf).await.unwrap();
            if n == 0 {
                assert_eq!(avail, 0);
                break;
            }
            assert!(n <= avail.max(1) || avail == 0, "read {n} of {avail}");
            pieces.push(String::from_utf8(buf[..n].to_vec()).unwrap());
        }
        pieces
    });
    // read_some returns what arrived, so the pauses show as separate reads.
    assert!(pieces.len() >= 3, "{pieces:?}");
    assert_eq!(pieces.concat(), testserver::SLOWBODY_PIECES.concat());
}

#[test]
fn read_buffered_never_waits() {
    let server = Server::start();
    let url = server.url("/slowbody/200");
    openinet::block_on(async move {
        let (mut req, _) = get(&session(), &url).await.unwrap();
        let mut buf = [0u8; 64];
        // The body's first piece comes 200 ms after the head.
        assert_eq!(req.read_buffered(&mut buf), Ok(None));
        assert_eq!(req.available_now(), Ok(None));
        let n = req.data_available().await.unwrap();
        assert!(n >= 5, "{n}");
        assert_eq!(req.available_now(), Ok(Some(n)));
        assert_eq!(req.read_buffered(&mut buf), Ok(Some(n)));
        assert_eq!(&buf[..5], b"part1");
        let rest = read_all(&mut req, 64).await.unwrap();
        assert_eq!(rest.len() + n, 25);
        assert_eq!(req.read_buffered(&mut buf), Ok(Some(0)), "end of body");
    });
}

#[test]
fn large_body_in_64k_reads() {
    let server = Server::start();
    let url = server.url("/bytes/50000000");
    let body = openinet::block_on(async move {
        let (mut req, _) = get(&session(), &url).await.unwrap();
        read_all(&mut req, 64 * 1024).await.unwrap()
    });
    assert_pattern(&body, 50_000_000);
}

#[test]
fn body_in_one_byte_reads() {
    let server = Server::start();
    for path in ["/bytes/100000", "/chunked/100000", "/close/100000"] {
        let url = server.url(path);
        let body = openinet::block_on(async move {
            let (mut req, _) = get(&session(), &url).await.unwrap();
            read_all(&mut req, 1).await.unwrap()
        });
        assert_eq!(body.len(), 100_000, "{path}");
        assert_pattern(&body, 100_000);
    }
}

#[test]
fn a_request_can_be_resent() {
    let server = Server::start();
    let c = session().connect("127.0.0.1", server.port());
    let bodies = openinet::block_on(async move {
        let mut req = c.open_request("GET", "/conn", None, None, &[], 0).unwrap();
        let mut bodies = Vec::new();
        for _ in 0..2 {
            req.send(None, Vec::new()).await.unwrap();
            bodies.push(String::from_utf8(read_all(&mut req, 64).await.unwrap()).unwrap());
        }
        bodies
    });
    assert_eq!(bodies, ["conn=1 seq=1", "conn=1 seq=2"]);
}

#[test]
fn recorder_sees_nothing_without_a_sink() {
    // A request without a sink works and emits nowhere (no panic).
    let server = Server::start();
    let url = server.url("/hello");
    let body = openinet::block_on(async move {
        let mut req = session().open_url_request(&url, 0).unwrap();
        req.send(None, Vec::new()).await.unwrap();
        read_all(&mut req, 4096).await.unwrap()
    });
    assert_eq!(body, testserver::HELLO_BODY.as_bytes());
}

#[test]
fn big_header_value_is_received_whole() {
    // A 100 KiB header value: over the 64 KiB read buffer, under the
    // engine's 256 KiB head limit (h1::MAX_HEAD_LEN).
    let server = Server::start();
    let url = server.url("/big-headers");
    let (big_len, body) = openinet::block_on(async move {
        let (mut req, _) = get(&session(), &url).await.unwrap();
        let len = req.response().unwrap().header("X-Big").map(str::len);
        (len, read_all(&mut req, 64).await.unwrap())
    });
    assert_eq!(big_len, Some(testserver::BIG_HEADER_LEN));
    assert_eq!(body, b"big\n");
}

#[test]
fn head_on_close_delimited_and_chunked_routes() {
    let server = Server::start();
    for path in ["/close/1000", "/chunked/1000", "/bytes/1000"] {
        let c = session().connect("127.0.0.1", server.port());
        let n = openinet::block_on(async move {
            let mut req = c.open_request("HEAD", path, None, None, &[], 0).unwrap();
            req.send(None, Vec::new()).await.unwrap();
            let mut buf = [0u8; 64];
            req.read(&mut buf).await.unwrap()
        });
        assert_eq!(n, 0, "HEAD {path}");
    }
    let (_, body) = fetch(&server.url("/conn"));
    // /close closed its connection; the chunked and length ones kept theirs.
    assert_eq!(body, b"conn=2 seq=3");
}

#[test]
fn redirect_status_is_returned_as_is() {
    // No redirect handling is asked for here; the engine returns the 3xx
    // with its Location (WinINet would follow it unless
    // INTERNET_FLAG_NO_AUTO_REDIRECT; see the report).
    let server = Server::start();
    let c = session().connect("127.0.0.1", server.port());
    let (status, location) = openinet::block_on(async move {
        let mut req = c
            .open_request(
                "GET",
                "/redirect",
                None,
                None,
                &[],
                openinet::consts::INTERNET_FLAG_NO_AUTO_REDIRECT,
            )
            .unwrap();
        req.send(None, Vec::new()).await.unwrap();
        let loc = req.response().unwrap().header("Location").map(String::from);
        (req.status_code(), loc)
    });
    assert_eq!(status, Some(302));
    assert_eq!(location.as_deref(), Some("/hello"));
}

/// WinINet adds its Content-Length only when the request has none
/// (ADD_IF_NEW): the one the first send added stays for a resend, and one
/// the application set is sent as it is (Wine's http.c
/// test_request_content_length and /test7, checked on Windows).
#[test]
fn resending_keeps_the_content_length_the_request_has() {
    let server = Server::start();
    let c = session().connect("127.0.0.1", server.port());
    openinet::block_on(async move {
        let mut req = c.open_request("POST", "/echo", None, None, &[], 0).unwrap();
        req.send(None, b"0123456789".to_vec()).await.unwrap();
        read_all(&mut req, 4096).await.unwrap();
        req.send(None, b"abcdefghij".to_vec()).await.unwrap();
        read_all(&mut req, 4096).await.unwrap();
        let mut own = c.open_request("POST", "/echo", None, None, &[], 0).unwrap();
        own.add_headers(
            "Content-Length: 3\r\n",
            openinet::consts::HTTP_ADDREQ_FLAG_ADD,
        )
        .unwrap();
        own.send(None, b"xyz".to_vec()).await.unwrap();
        read_all(&mut own, 4096).await.unwrap();
    });
    let recs = server.requests();
    assert_eq!(recs.len(), 3, "{recs:?}");
    assert_eq!(recs[1].header("Content-Length"), Some("10"));
    assert_eq!(recs[1].body, b"abcdefghij");
    assert_eq!(recs[2].header("Content-Length"), Some("3"));
    assert_eq!(recs[2].body, b"xyz");
}

/// Polls `fut` once on this thread with a waker that counts its wakes.
fn poll_counting<F: std::future::Future>(
    fut: std::pin::Pin<&mut F>,
    wakes: &std::sync::Arc<WakeCount>,
) -> std::task::Poll<F::Output> {
    let waker = std::task::Waker::from(wakes.clone());
    fut.poll(&mut std::task::Context::from_waker(&waker))
}

/// A waker that counts wakes and unparks the thread that made it.
struct WakeCount(std::sync::atomic::AtomicUsize, std::thread::Thread);

impl std::task::Wake for WakeCount {
    fn wake(self: std::sync::Arc<Self>) {
        self.wake_by_ref();
    }
    fn wake_by_ref(self: &std::sync::Arc<Self>) {
        self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        self.1.unpark();
    }
}

#[test]
fn a_handing_off_read_pends_once_before_its_network_part() {
    // The C layer polls a large async InternetReadFile once on the caller's
    // thread; read_handing_off must report RECEIVING_RESPONSE there, then
    // pend (waking itself, so the poller moves it to an I/O thread) even
    // though the bytes are already waiting in the socket.
    use std::sync::atomic::Ordering;
    use std::task::Poll;
    let server = Server::start();
    let url = server.url("/bytes/600000");
    let (mut req, rec) = openinet::block_on(async move { get(&session(), &url).await.unwrap() });
    std::thread::sleep(std::time::Duration::from_millis(100)); // the body reaches the socket
    let _runtime = openinet::runtime().enter();
    let mut body = Vec::new();
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        rec.clear();
        let wakes = std::sync::Arc::new(WakeCount(0.into(), std::thread::current()));
        let n = {
            let mut read = std::pin::pin!(req.read_handing_off(&mut buf));
            let mut outcome = poll_counting(read.as_mut(), &wakes);
            if body.len() < 600_000 {
                assert!(outcome.is_pending(), "the first poll hands off");
                assert_eq!(
                    wakes.0.load(Ordering::SeqCst),
                    1,
                    "and wakes its task at once"
                );
                assert_eq!(
                    rec.names(),
                    ["RECEIVING_RESPONSE"],
                    "reported before pending"
                );
            }
            loop {
                match outcome {
                    Poll::Ready(n) => break n.unwrap(),
                    Poll::Pending => {
                        std::thread::park_timeout(std::time::Duration::from_millis(10));
                        outcome = poll_counting(read.as_mut(), &wakes);
                    }
                }
            }
        };
        if n == 0 {
            break;
        }
        assert!(
            n == buf.len() || body.len() + n == 600_000,
            "fills the buffer: {n}"
        );
        body.extend_from_slice(&buf[..n]);
    }
    assert_pattern(&body, 600_000);
}
