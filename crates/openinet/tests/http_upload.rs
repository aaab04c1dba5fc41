//! Request bodies against the scripted server: `send` with a body of any
//! size, and uploads in pieces (`send_ex`, `write`, `end_request`), with
//! their statuses, framing and failures. The WinINet facts behind each
//! rule are in `openinet`'s `request/upload.rs`.

mod http_common;

use http_common::{read_all, session, Recorder};
use openinet::consts::{
    HTTP_QUERY_CONTENT_LENGTH, HTTP_QUERY_FLAG_REQUEST_HEADERS, INTERNET_FLAG_NO_COOKIES,
};
use openinet::http::query::Answer;
use openinet::{Error, Request, Status};
use std::io::{Read, Write};
use testserver::Server;

fn open(server: &Server, verb: &str, path: &str) -> Request {
    session()
        .connect("127.0.0.1", server.port())
        .open_request(verb, path, None, None, &[], INTERNET_FLAG_NO_COOKIES)
        .unwrap()
}

/// What the server received last: (head, body).
fn last(server: &Server) -> (String, Vec<u8>) {
    let r = server.requests().last().cloned().expect("a request");
    (r.head, r.body)
}

fn statuses(rec: &Recorder) -> Vec<String> {
    rec.events()
        .iter()
        .map(|s| match s {
            Status::RequestSent(n) => format!("REQUEST_SENT {n}"),
            other => other.name().to_string(),
        })
        .collect()
}

/// Body bytes that differ from their neighbours, so a misplaced piece shows.
fn numbered(n: usize) -> Vec<u8> {
    (0..n).map(|i| (i % 251) as u8).collect()
}

#[test]
fn send_writes_a_body_of_any_size_with_its_length() {
    let server = Server::start();
    for (verb, size) in [
        ("POST", 5),
        ("PUT", 20_000),
        ("POST", 3 << 20),
        ("PROPPATCH", 1),
    ] {
        let mut req = open(&server, verb, "/echo");
        let rec = Recorder::attach(&mut req);
        let body = numbered(size);
        let sent = body.clone();
        let req = openinet::block_on(async move {
            req.send(None, &sent[..]).await.unwrap();
            read_all(&mut req, 64 * 1024).await.unwrap();
            req
        });
        assert_eq!(req.status_code(), Some(200));
        let (head, got) = last(&server);
        assert!(
            head.starts_with(&format!("{verb} /echo HTTP/1.1\r\n")),
            "{head}"
        );
        assert!(
            head.contains(&format!("\r\nContent-Length: {size}\r\n")),
            "{head}"
        );
        assert!(
            got == body,
            "{verb} {size}: the body arrives whole and in order"
        );
        // One SENDING_REQUEST / REQUEST_SENT pair for head and body.
        let names = statuses(&rec);
        let sent_line = format!("REQUEST_SENT {}", head.len() + size);
        assert_eq!(names.iter().filter(|n| n.starts_with("SENDING")).count(), 1);
        assert!(names.contains(&sent_line), "{names:?} lacks {sent_line}");
    }
}

#[test]
fn a_post_without_data_says_content_length_0() {
    let server = Server::start();
    let mut req = open(&server, "POST", "/echo");
    openinet::block_on(async move {
        req.send(None, Vec::new()).await.unwrap();
        read_all(&mut req, 4096).await.unwrap();
    });
    let (head, body) = last(&server);
    assert!(head.contains("\r\nContent-Length: 0\r\n"), "{head}");
    assert!(body.is_empty());
}

#[test]
fn an_upload_in_pieces_reaches_the_server_whole_with_winonets_statuses() {
    let server = Server::start();
    let mut req = open(&server, "POST", "/echo");
    let rec = Recorder::attach(&mut req);
    let whole = numbered(300_000);
    let (first, rest) = whole.split_at(5);
    let (first, rest) = (first.to_vec(), rest.to_vec());
    let (req, phases) = openinet::block_on(async move {
        let mut phases = Vec::new();
        req.send_ex(Some("Content-Type: application/x-test"), &first, 300_000)
            .await
            .unwrap();
        phases.push(statuses(&rec));
        rec.clear();
        // Between send_ex and end_request: no response to query; the
        // request headers are there.
        assert_eq!(
            req.query_info(HTTP_QUERY_CONTENT_LENGTH, None, &mut 0)
                .err(),
            Some(Error::IncorrectHandleState)
        );
        let level = HTTP_QUERY_CONTENT_LENGTH | HTTP_QUERY_FLAG_REQUEST_HEADERS;
        assert!(matches!(
            req.query_info(level, None, &mut 0),
            Ok(Answer::Text(t)) if t == "300000"
        ));
        assert!(req.is_uploading());
        for piece in rest.chunks(70_000) {
            assert_eq!(req.write(piece).await.unwrap(), piece.len());
        }
        assert_eq!(req.write(&[]).await.unwrap(), 0, "an empty write is fine");
        phases.push(statuses(&rec));
        rec.clear();
        req.end_request().await.unwrap();
        phases.push(statuses(&rec));
        assert!(!req.is_uploading());
        read_all(&mut req, 64 * 1024).await.unwrap();
        (req, phases)
    });
    assert_eq!(req.status_code(), Some(200));
    let (head, body) = last(&server);
    assert!(head.contains("\r\nContent-Length: 300000\r\n"), "{head}");
    assert!(
        head.contains("\r\nContent-Type: application/x-test\r\n"),
        "{head}"
    );
    assert!(body == whole, "the body arrives whole and in order");
    let sent = format!("REQUEST_SENT {}", head.len() + 5);
    assert_eq!(
        phases[0][phases[0].len() - 2..],
        ["SENDING_REQUEST".to_string(), sent]
    );
    let mut writes = Vec::new();
    for piece in whole[5..].chunks(70_000) {
        writes.push("SENDING_REQUEST".to_string());
        writes.push(format!("REQUEST_SENT {}", piece.len()));
    }
    writes.push("SENDING_REQUEST".to_string());
    writes.push("REQUEST_SENT 0".to_string());
    assert_eq!(phases[1], writes);
    assert_eq!(phases[2], ["RECEIVING_RESPONSE", "RESPONSE_RECEIVED"]);
}

#[test]
fn out_of_order_calls_fail_with_winonets_codes() {
    let server = Server::start();
    let mut req = open(&server, "POST", "/echo");
    openinet::block_on(async move {
        assert_eq!(req.write(b"x").await, Err(Error::IncorrectHandleState));
        assert_eq!(req.end_request().await, Err(Error::OperationCancelled));
        req.send_ex(None, b"", 2).await.unwrap();
        req.write(b"ab").await.unwrap();
        req.end_request().await.unwrap();
        assert_eq!(req.write(b"x").await, Err(Error::IncorrectHandleState));
        assert_eq!(req.end_request().await, Err(Error::OperationCancelled));
        assert!(!read_all(&mut req, 4096).await.unwrap().is_empty());
    });
    assert_eq!(last(&server).1, b"ab");
}

#[test]
fn a_write_past_the_announced_length_sends_nothing() {
    let server = Server::start();
    let mut req = open(&server, "PUT", "/echo");
    openinet::block_on(async move {
        assert_eq!(
            req.send_ex(None, b"toolong", 3).await,
            Err(Error::InvalidParameter),
            "a first buffer past the total"
        );
        req.send_ex(None, b"a", 4).await.unwrap();
        assert_eq!(req.write(b"bcde").await, Err(Error::InvalidParameter));
        assert_eq!(req.write(b"bc").await, Ok(2));
        assert_eq!(req.write(b"de").await, Err(Error::InvalidParameter));
        assert_eq!(req.write(b"d").await, Ok(1));
        req.end_request().await.unwrap();
        read_all(&mut req, 4096).await.unwrap();
    });
    let (head, body) = last(&server);
    assert!(head.contains("\r\nContent-Length: 4\r\n"), "{head}");
    assert_eq!(body, b"abcd");
}

#[test]
fn ending_a_short_upload_fails_and_the_request_can_be_sent_again() {
    let server = Server::start();
    let mut req = open(&server, "POST", "/echo");
    let rec = Recorder::attach(&mut req);
    openinet::block_on(async move {
        req.send_ex(None, b"ab", 10).await.unwrap();
        rec.clear();
        assert_eq!(req.end_request().await, Err(Error::IncorrectHandleState));
        assert_eq!(
            rec.names(),
            ["CLOSING_CONNECTION", "CONNECTION_CLOSED"],
            "the half-sent message's connection is closed"
        );
        assert!(!req.is_uploading());
        // A resend keeps the Content-Length the last send put among the
        // request headers, as WinINet does (test_request_content_length,
        // on Windows): the new length is given explicitly.
        req.send(Some("Content-Length: 5"), b"fresh".as_slice())
            .await
            .unwrap();
        read_all(&mut req, 4096).await.unwrap();
        assert_eq!(req.status_code(), Some(200));
    });
    assert_eq!(last(&server).1, b"fresh");
}

#[test]
fn a_new_send_abandons_an_unfinished_upload() {
    let server = Server::start();
    let mut req = open(&server, "POST", "/echo");
    openinet::block_on(async move {
        req.send_ex(None, b"half", 100).await.unwrap();
        // (The stale Content-Length: 100 is replaced explicitly, see above.)
        req.send(Some("Content-Length: 5"), b"whole".as_slice())
            .await
            .unwrap();
        read_all(&mut req, 4096).await.unwrap();
    });
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "the half upload never completed");
    assert_eq!(requests[0].body, b"whole");
}

#[test]
fn app_framing_headers_decide_the_length() {
    let server = Server::start();
    // The application's own Content-Length wins over the total.
    let mut req = open(&server, "POST", "/echo");
    openinet::block_on(async move {
        req.send_ex(Some("Content-Length: 3"), b"", 100)
            .await
            .unwrap();
        assert_eq!(req.write(b"abcd").await, Err(Error::InvalidParameter));
        req.write(b"abc").await.unwrap();
        req.end_request().await.unwrap();
        read_all(&mut req, 4096).await.unwrap();
    });
    assert_eq!(last(&server).1, b"abc");
    // Chunked framing written by the application: no length checks.
    let mut req = open(&server, "POST", "/echo");
    openinet::block_on(async move {
        req.send_ex(Some("Transfer-Encoding: chunked"), b"", 0)
            .await
            .unwrap();
        req.write(b"3\r\nxyz\r\n").await.unwrap();
        req.write(b"0\r\n\r\n").await.unwrap();
        req.end_request().await.unwrap();
        read_all(&mut req, 4096).await.unwrap();
    });
    let (head, body) = last(&server);
    assert!(!head.contains("Content-Length"), "{head}");
    assert_eq!(body, b"xyz");
}

#[test]
fn expect_100_continue_from_the_application_is_tolerated() {
    let server = Server::start();
    let mut req = open(&server, "POST", "/echo");
    let req = openinet::block_on(async move {
        req.send_ex(Some("Expect: 100-continue"), b"", 6)
            .await
            .unwrap();
        req.write(b"abcdef").await.unwrap();
        req.end_request().await.unwrap();
        let body = read_all(&mut req, 4096).await.unwrap();
        assert!(body.ends_with(b"abcdef"));
        req
    });
    assert_eq!(req.status_code(), Some(200), "the interim 100 is skipped");
    // And with HttpSendRequest's body.
    let mut req = open(&server, "POST", "/echo");
    let code = openinet::block_on(async move {
        req.send(Some("Expect: 100-continue"), b"xyz".as_slice())
            .await
            .unwrap();
        read_all(&mut req, 4096).await.unwrap();
        req.status_code()
    });
    assert_eq!(code, Some(200));
    assert_eq!(last(&server).1, b"xyz");
}

#[test]
fn a_server_refusing_mid_upload_fails_the_writes_without_a_hang() {
    let server = Server::start();
    for path in ["/early/0", "/early/413"] {
        let mut req = open(&server, "POST", path);
        let path = path.to_string();
        openinet::block_on(async move {
            let piece = vec![1u8; 1 << 20];
            req.send_ex(None, b"", 256 << 20).await.unwrap();
            // The server reset the connection: a write fails before the
            // 256 MiB are out (the socket's buffers hold far less).
            let mut failed = None;
            for _ in 0..256 {
                if let Err(e) = req.write(&piece).await {
                    failed = Some(e);
                    break;
                }
            }
            let e = failed.expect("a write fails");
            assert!(
                matches!(e, Error::ConnectionReset | Error::ConnectionAborted),
                "{path}: {e:?}"
            );
            assert_eq!(req.write(b"x").await, Err(e), "the failure sticks");
            // The server's early answer, if it survived the reset, is the
            // response; otherwise the write's error.
            match req.end_request().await {
                Ok(()) => assert_eq!(req.status_code(), Some(413), "{path}"),
                Err(end) => assert_eq!(end, e, "{path}"),
            }
        });
    }
}

#[test]
fn a_write_cut_off_by_its_caller_leaves_the_upload_unusable() {
    let server = Server::start();
    let mut req = open(&server, "POST", "/stall");
    openinet::block_on(async move {
        req.send_ex(None, b"", 64 << 20).await.unwrap();
        let big = vec![0u8; 64 << 20];
        // /stall never reads: the write waits for room, then is dropped,
        // as closing the handle drops a pending InternetWriteFile.
        let cut = tokio::time::timeout(std::time::Duration::from_millis(300), req.write(&big));
        assert!(cut.await.is_err(), "the write waits for the server");
        assert_eq!(req.write(b"x").await, Err(Error::ConnectionAborted));
        assert_eq!(req.end_request().await, Err(Error::ConnectionAborted));
        assert!(!req.is_uploading());
    });
}

/// A server that reads one request with a Content-Length body of any
/// size without keeping it, and answers `"<bytes> <sum of bytes>"`.
fn counting_server() -> (u16, std::thread::JoinHandle<()>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let t = std::thread::spawn(move || {
        let (mut s, _) = listener.accept().unwrap();
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") {
            s.read_exact(&mut byte).unwrap();
            head.push(byte[0]);
        }
        let head = String::from_utf8(head).unwrap();
        let len: u64 = head
            .lines()
            .find_map(|l| l.strip_prefix("Content-Length: "))
            .unwrap()
            .parse()
            .unwrap();
        let (mut got, mut sum) = (0u64, 0u64);
        let mut buf = vec![0u8; 256 * 1024];
        while got < len {
            let n = s.read(&mut buf).unwrap();
            assert!(n > 0, "the client stopped early");
            sum += buf[..n].iter().map(|b| *b as u64).sum::<u64>();
            got += n as u64;
        }
        let answer = format!("{got} {sum}");
        write!(
            s,
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n{answer}",
            answer.len()
        )
        .unwrap();
    });
    (port, t)
}

#[test]
fn a_large_upload_streams_from_the_callers_buffer() {
    // 64 MiB in 4 MiB writes through the same buffer: the engine keeps
    // none of it (the bench measures the memory of 1 GiB).
    let (port, server) = counting_server();
    let mut req = session()
        .connect("127.0.0.1", port)
        .open_request("POST", "/upload", None, None, &[], 0)
        .unwrap();
    let answer = openinet::block_on(async move {
        let piece = numbered(4 << 20);
        req.send_ex(None, b"", 64 << 20).await.unwrap();
        for _ in 0..16 {
            req.write(&piece).await.unwrap();
        }
        req.end_request().await.unwrap();
        read_all(&mut req, 4096).await.unwrap()
    });
    server.join().unwrap();
    let piece_sum: u64 = numbered(4 << 20).iter().map(|b| *b as u64).sum();
    assert_eq!(
        String::from_utf8(answer).unwrap(),
        format!("{} {}", 64u64 << 20, piece_sum * 16)
    );
}

#[test]
fn an_upload_leaves_its_connection_for_the_next_request() {
    let server = Server::start();
    for _ in 0..2 {
        let mut req = open(&server, "POST", "/echo");
        openinet::block_on(async move {
            req.send_ex(None, b"ab", 4).await.unwrap();
            req.write(b"cd").await.unwrap();
            req.end_request().await.unwrap();
            read_all(&mut req, 4096).await.unwrap();
        });
    }
    let requests = server.requests();
    assert_eq!(requests[0].conn_id, requests[1].conn_id, "one connection");
}

#[test]
fn an_upload_redirected_to_a_get_is_followed_without_its_body() {
    let server = Server::start();
    for code in [301, 302, 303] {
        let mut req = open(&server, "POST", &format!("/redirect?code={code}&to=/echo"));
        let rec = Recorder::attach(&mut req);
        let (status, url, body) = openinet::block_on(async move {
            req.send_ex(None, b"he", 5).await.unwrap();
            req.write(b"llo").await.unwrap();
            req.end_request().await.unwrap();
            let body = read_all(&mut req, 65536).await.unwrap();
            (req.status_code().unwrap(), req.url(), body)
        });
        assert_eq!(status, 200, "{code}");
        assert!(url.ends_with("/echo"), "{code}: {url}");
        let echoed = String::from_utf8(body).unwrap();
        assert!(
            echoed.starts_with("GET /echo HTTP/1.1\r\n"),
            "{code}: {echoed}"
        );
        assert!(!echoed.contains("Content-Length"), "{code}: {echoed}");
        let names = statuses(&rec);
        assert!(names.iter().any(|n| n == "REDIRECT"), "{code}: {names:?}");
        // The upload itself reached the redirecting URL whole.
        let first = &server.requests()[server.requests().len() - 2];
        assert_eq!(first.body, b"hello", "{code}");
    }
}

#[test]
fn an_upload_redirect_that_keeps_the_body_is_the_response() {
    let server = Server::start();
    for code in [307, 308] {
        let mut req = open(&server, "POST", &format!("/redirect?code={code}&to=/echo"));
        let status = openinet::block_on(async move {
            req.send_ex(None, b"hello", 5).await.unwrap();
            req.end_request().await.unwrap();
            req.status_code().unwrap()
        });
        assert_eq!(status, code);
    }
    assert_eq!(server.requests().len(), 2);
}
