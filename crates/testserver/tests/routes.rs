//! The server checked from the outside with raw sockets.

mod common;

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::Client;
use testserver::{pattern, Server, CHUNK_SIZES, HELLO_BODY};

#[test]
fn keep_alive_counts_connections_and_sequence_numbers() {
    let server = Server::start();
    let mut a = Client::connect(server.port());
    for seq in 1..=3 {
        let r = a.fetch("/conn");
        assert_eq!(r.code(), 200);
        assert_eq!(r.body, format!("conn=1 seq={seq}").as_bytes());
        assert_eq!(r.header("Connection"), None);
    }
    let mut b = Client::connect(server.port());
    assert_eq!(b.fetch("/conn").body, b"conn=2 seq=1");
    assert_eq!(a.fetch("/conn").body, b"conn=1 seq=4");
    assert_eq!(server.connections(), 2);
    let reqs = server.requests();
    let ids: Vec<(u64, u32)> = reqs.iter().map(|r| (r.conn_id, r.seq_on_conn)).collect();
    assert_eq!(ids, [(1, 1), (1, 2), (1, 3), (2, 1), (1, 4)]);
    assert_eq!(reqs[0].method, "GET");
    assert_eq!(reqs[0].target, "/conn");
    assert_eq!(reqs[0].version, "HTTP/1.1");
    assert_eq!(reqs[0].head, "GET /conn HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_eq!(reqs[0].header("host"), Some("x"));
    server.clear_requests();
    assert!(server.requests().is_empty());
}

#[test]
fn pipelined_requests_are_answered_in_order() {
    let server = Server::start();
    let mut c = Client::connect(server.port());
    c.send(b"GET /conn HTTP/1.1\r\n\r\nGET /hello HTTP/1.1\r\n\r\nGET /conn HTTP/1.1\r\n\r\n");
    assert_eq!(c.response(false).unwrap().body, b"conn=1 seq=1");
    assert_eq!(c.response(false).unwrap().body, HELLO_BODY.as_bytes());
    assert_eq!(c.response(false).unwrap().body, b"conn=1 seq=3");
}

#[test]
fn connection_close_and_http10_are_honoured() {
    let server = Server::start();
    let mut c = Client::connect(server.port());
    c.send(b"GET /conn HTTP/1.1\r\nConnection: close\r\n\r\n");
    let r = c.response(false).unwrap();
    assert_eq!(r.header("Connection"), Some("close"));
    assert!(c.at_eof());

    let mut c = Client::connect(server.port());
    c.send(b"GET /conn HTTP/1.0\r\n\r\n");
    assert_eq!(
        c.response(false).unwrap().header("Connection"),
        Some("close")
    );
    assert!(c.at_eof());

    let mut c = Client::connect(server.port());
    c.send(b"GET /conn HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n");
    assert_eq!(
        c.response(false).unwrap().header("Connection"),
        Some("keep-alive")
    );
    c.send(b"GET /conn HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    assert_eq!(c.response(false).unwrap().body, b"conn=3 seq=2");
}

#[test]
fn hello_has_repeated_and_odd_headers() {
    let server = Server::start();
    let r = Client::connect(server.port()).fetch("/hello");
    assert_eq!(r.status_line, "HTTP/1.1 200 OK");
    assert_eq!(r.body, b"Hello, world!\n");
    assert_eq!(r.header("Content-Length"), Some("14"));
    assert_eq!(r.header("Content-Type"), Some("text/plain"));
    assert_eq!(r.all("Set-Cookie"), ["a=1", "b=2"]);
    assert_eq!(r.all("X-Repeat"), ["one", "two"]);
    assert_eq!(
        r.header("Last-Modified"),
        Some("Tue, 15 Nov 1994 08:12:31 GMT")
    );
    assert_eq!(r.header("Server"), Some("testserver"));
    assert!(r
        .header("Date")
        .is_some_and(|d| d.ends_with(" GMT") && d.len() == 29));
    assert!(r
        .headers
        .iter()
        .any(|(n, v)| n == "x-MiXeD-Case" && v == "Value"));
}

#[test]
fn bytes_serves_the_pattern() {
    let server = Server::start();
    let mut c = Client::connect(server.port());
    for n in [0usize, 1, 251, 200_000] {
        let r = c.fetch(&format!("/bytes/{n}"));
        assert_eq!(r.header("Content-Length"), Some(n.to_string().as_str()));
        assert_eq!(r.body, pattern(n), "n={n}");
    }
    assert_eq!(c.fetch("/bytes/nope").code(), 400);
}

#[test]
fn chunked_framing_extension_and_trailer() {
    let server = Server::start();
    let mut c = Client::connect(server.port());
    let n = 100_000;
    let r = c.fetch(&format!("/chunked/{n}"));
    assert_eq!(r.header("Transfer-Encoding"), Some("chunked"));
    assert_eq!(r.header("Content-Length"), None);
    assert_eq!(r.body, pattern(n));
    assert_eq!(r.trailers, [("X-Trailer".to_string(), "done".to_string())]);
    let framing = String::from_utf8(r.raw_chunked).unwrap();
    let sizes: Vec<&str> = framing.lines().collect();
    assert_eq!(sizes[0], "1");
    assert_eq!(sizes[1], "7;ext=1;name=\"quoted value\"");
    assert_eq!(sizes[2], "64");
    assert_eq!(sizes[3], "3E8");
    assert_eq!(*sizes.last().unwrap(), "0");
    assert!(sizes.len() > CHUNK_SIZES.len(), "several chunks expected");
    // Still usable afterwards.
    assert_eq!(c.fetch("/conn").body, b"conn=1 seq=2");
    let empty = c.fetch("/chunked/0");
    assert!(empty.body.is_empty());
    assert_eq!(empty.raw_chunked, b"0\r\n");
}

#[test]
fn close_delimited_and_http10_bodies() {
    let server = Server::start();
    let mut c = Client::connect(server.port());
    let r = c.fetch("/close/70000");
    assert_eq!(r.header("Connection"), Some("close"));
    assert_eq!(r.header("Content-Length"), None);
    assert_eq!(r.body, pattern(70_000));

    let mut c = Client::connect(server.port());
    let r = c.fetch("/http10/300");
    assert_eq!(r.status_line, "HTTP/1.0 200 OK");
    assert_eq!(r.body, pattern(300));
}

#[test]
fn lf_only_is_byte_exact() {
    let server = Server::start();
    let mut s = TcpStream::connect(server.addr()).unwrap();
    s.write_all(b"GET /lf-only HTTP/1.1\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut got = Vec::new();
    s.read_to_end(&mut got).unwrap();
    assert_eq!(
        got,
        b"HTTP/1.1  200  OK\nContent-Length:5\nX-Spaced :  padded  \n\nhello"
    );
}

#[test]
fn status_codes() {
    let server = Server::start();
    let mut c = Client::connect(server.port());
    let r = c.fetch("/status/404");
    assert_eq!(
        (r.status_line.as_str(), r.body.as_slice()),
        ("HTTP/1.1 404 Not Found", &b"status 404\n"[..])
    );
    let r = c.fetch("/status/204");
    assert_eq!(r.status_line, "HTTP/1.1 204 No Content");
    assert_eq!(r.header("Content-Length"), None);
    let r = c.fetch("/status/304");
    assert_eq!(r.status_line, "HTTP/1.1 304 Not Modified");
    // Nothing stray was sent after the bodiless responses.
    assert_eq!(c.fetch("/conn").body, b"conn=1 seq=4");
    let r = c.fetch("/status/401");
    assert_eq!(
        r.header("WWW-Authenticate"),
        Some("Basic realm=\"testserver\"")
    );
    let r = c.fetch("/status/301?location=%2Fhello");
    assert_eq!(r.header("Location"), Some("/hello"));
    assert_eq!(c.fetch("/status/599").status_line, "HTTP/1.1 599 Unknown");
    for bad in ["/status/100", "/status/abc", "/status/2000", "/status/"] {
        assert_eq!(c.fetch(bad).code(), 400, "{bad}");
    }
}

#[test]
fn continue_sends_interim_responses() {
    let server = Server::start();
    let mut c = Client::connect(server.port());
    c.get("/continue");
    assert_eq!(
        c.head().unwrap(),
        ("HTTP/1.1 100 Continue".to_string(), vec![])
    );
    assert_eq!(
        c.head().unwrap(),
        ("HTTP/1.1 102 Processing".to_string(), vec![])
    );
    let r = c.response(false).unwrap();
    assert_eq!((r.code(), r.body.as_slice()), (200, &b"after-continue"[..]));
}

#[test]
fn expect_100_continue_gets_an_interim_before_the_body() {
    let server = Server::start();
    let mut c = Client::connect(server.port());
    c.send(b"POST /echo HTTP/1.1\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
    assert_eq!(c.head().unwrap().0, "HTTP/1.1 100 Continue");
    c.send(b"data");
    let r = c.response(false).unwrap();
    assert!(r.body.ends_with(b"\r\n\r\ndata"));
}

#[test]
fn head_gets_length_without_body() {
    let server = Server::start();
    let mut c = Client::connect(server.port());
    for path in ["/head-target", "/bytes/1000", "/hello"] {
        c.send(format!("HEAD {path} HTTP/1.1\r\n\r\n").as_bytes());
        let r = c.response(true).unwrap();
        assert_eq!(r.code(), 200);
        let expect = match path {
            "/head-target" => "17",
            "/bytes/1000" => "1000",
            _ => "14",
        };
        assert_eq!(r.header("Content-Length"), Some(expect), "{path}");
    }
    // If any body had been sent, this would read it instead of the response.
    let r = c.fetch("/head-target");
    assert_eq!(r.body, b"head-target body\n");
}

#[test]
fn echo_returns_head_and_dechunked_body() {
    let server = Server::start();
    let mut c = Client::connect(server.port());
    let head = "POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\nX-A: 1\r\n\r\n";
    c.send(head.as_bytes());
    c.send(b"3;x=y\r\nabc\r\n2\r\nde\r\n0\r\nTr: 1\r\n\r\n");
    let r = c.response(false).unwrap();
    assert_eq!(r.body, [head.as_bytes(), b"abcde"].concat());
    c.send(b"PUT /echo?q HTTP/1.1\r\nContent-Length: 3\r\n\r\nxyz");
    let r = c.response(false).unwrap();
    assert!(r.body.ends_with(b"\r\n\r\nxyz"));
    let reqs = server.requests();
    assert_eq!(reqs[0].body, b"abcde");
    assert_eq!(reqs[1].method, "PUT");
    assert_eq!(reqs[1].target, "/echo?q");
    assert_eq!(reqs[1].body, b"xyz");
}

#[test]
fn slow_routes_take_their_time() {
    let server = Server::start();
    let mut c = Client::connect(server.port());
    let t = Instant::now();
    assert_eq!(c.fetch("/slow/200").body, b"slow\n");
    assert!(t.elapsed() >= Duration::from_millis(200));

    let t = Instant::now();
    c.get("/slowbody/60");
    let (status, headers) = c.head().unwrap();
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(headers.contains(&("Content-Length".to_string(), "25".to_string())));
    let head_at = t.elapsed();
    let mut body = [0u8; 25];
    c.reader.read_exact(&mut body).unwrap();
    assert_eq!(&body, b"part1part2part3part4part5");
    assert!(
        head_at < Duration::from_millis(60),
        "head was not immediate: {head_at:?}"
    );
    assert!(t.elapsed() >= Duration::from_millis(300));
}

#[test]
fn reset_gives_a_connection_reset() {
    let server = Server::start();
    let mut s = TcpStream::connect(server.addr()).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    s.write_all(b"GET /reset HTTP/1.1\r\n\r\n").unwrap();
    let mut buf = [0u8; 16];
    let err = s.read(&mut buf).expect_err("a reset, not data or EOF");
    assert_eq!(err.kind(), ErrorKind::ConnectionReset);
}

#[test]
fn truncated_bodies_end_early() {
    let server = Server::start();
    let mut c = Client::connect(server.port());
    c.get("/truncated");
    let (_, headers) = c.head().unwrap();
    assert!(headers.contains(&("Content-Length".to_string(), "100".to_string())));
    let mut rest = Vec::new();
    c.reader.read_to_end(&mut rest).unwrap();
    assert_eq!(rest, b"0123456789");

    let mut c = Client::connect(server.port());
    c.get("/truncated-chunked");
    let (_, headers) = c.head().unwrap();
    assert!(headers.contains(&("Transfer-Encoding".to_string(), "chunked".to_string())));
    let mut rest = Vec::new();
    c.reader.read_to_end(&mut rest).unwrap();
    assert_eq!(rest, b"a\r\n0123456789\r\n10\r\nabc");
}

#[test]
fn raw_failures() {
    let server = Server::start();
    for (path, expect) in [
        ("/malformed", &b"THIS IS NOT HTTP\r\n\r\n"[..]),
        ("/garbage-status", b"HTTP/1.1 abc OK\r\n\r\n"),
        ("/close-immediately", b""),
    ] {
        let mut s = TcpStream::connect(server.addr()).unwrap();
        s.write_all(format!("GET {path} HTTP/1.1\r\n\r\n").as_bytes())
            .unwrap();
        let mut got = Vec::new();
        s.read_to_end(&mut got).unwrap();
        assert_eq!(got, expect, "{path}");
    }
}

#[test]
fn hang_never_answers_and_drop_ends_it() {
    let server = Server::start();
    let mut s = TcpStream::connect(server.addr()).unwrap();
    s.write_all(b"GET /hang HTTP/1.1\r\n\r\n").unwrap();
    s.set_read_timeout(Some(Duration::from_millis(300)))
        .unwrap();
    let mut buf = [0u8; 8];
    let err = s.read(&mut buf).expect_err("no answer expected");
    assert!(matches!(
        err.kind(),
        ErrorKind::WouldBlock | ErrorKind::TimedOut
    ));
    assert_eq!(server.requests()[0].target, "/hang");

    let addr = server.addr();
    let t = Instant::now();
    drop(server);
    assert!(
        t.elapsed() < Duration::from_secs(2),
        "drop took {:?}",
        t.elapsed()
    );
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    assert_eq!(
        s.read(&mut buf).unwrap(),
        0,
        "server stop should close the socket"
    );
    assert!(TcpStream::connect(addr).is_err(), "listener should be gone");
}

#[test]
fn drop_interrupts_slow_responses_and_idle_keepalive() {
    let server = Server::start();
    let mut idle = Client::connect(server.port());
    assert_eq!(idle.fetch("/conn").code(), 200);
    let mut slow = TcpStream::connect(server.addr()).unwrap();
    slow.write_all(b"GET /slow/60000 HTTP/1.1\r\n\r\n").unwrap();
    while server.requests().len() < 2 {
        std::thread::sleep(Duration::from_millis(5));
    }
    let t = Instant::now();
    drop(server);
    assert!(
        t.elapsed() < Duration::from_secs(2),
        "drop took {:?}",
        t.elapsed()
    );
    assert!(idle.at_eof());
}

#[test]
fn keepalive_close_redirect_big_headers_and_404() {
    let server = Server::start();
    let mut c = Client::connect(server.port());
    let r = c.fetch("/redirect");
    assert_eq!(r.status_line, "HTTP/1.1 302 Found");
    assert_eq!(r.header("Location"), Some("/hello"));
    let r = c.fetch("/redirect?to=/conn&code=307");
    assert_eq!((r.code(), r.header("Location")), (307, Some("/conn")));
    let r = c.fetch("/big-headers");
    assert_eq!(r.header("X-Big").map(str::len), Some(100 * 1024));
    let r = c.fetch("/response-headers?Set-Cookie=x%3D1&Set-Cookie=y%3D2");
    assert_eq!(r.all("Set-Cookie"), ["x=1", "y=2"]);
    let r = c.fetch("/nope");
    assert_eq!((r.code(), r.body.as_slice()), (404, &b"not found\n"[..]));
    let r = c.fetch("/keepalive-close");
    assert_eq!(r.header("Connection"), Some("close"));
    assert_eq!(r.body, b"closing\n");
    assert!(c.at_eof());
}

#[test]
fn bad_requests_get_400_and_close() {
    let server = Server::start();
    for raw in [
        &b"NONSENSE\r\n\r\n"[..],
        b"GET / HTTP/1.1\r\nno colon here\r\n\r\n",
        b"POST / HTTP/1.1\r\nContent-Length: x\r\n\r\n",
        b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nqq\r\n",
    ] {
        let mut c = Client::connect(server.port());
        c.send(raw);
        let r = c.response(false).unwrap();
        assert_eq!(r.code(), 400, "{raw:?}");
        assert_eq!(r.header("Connection"), Some("close"));
        assert!(c.at_eof());
    }
    assert!(
        server.requests().is_empty(),
        "unparseable requests are not recorded"
    );
}

#[test]
fn url_and_addr() {
    let server = Server::start();
    let port = server.port();
    assert_ne!(port, 0);
    assert_eq!(
        server.url("/a?b=c"),
        format!("http://127.0.0.1:{port}/a?b=c")
    );
    assert_eq!(server.url("x"), format!("http://127.0.0.1:{port}/x"));
    assert_eq!(server.addr().to_string(), format!("127.0.0.1:{port}"));
    assert_eq!(server.connections(), 0);
}
