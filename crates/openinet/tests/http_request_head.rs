//! The request head WinINet builds, byte for byte, as the scripted server
//! receives it: which headers WinINet adds of its own accord, when, and
//! what `HttpQueryInfo(RAW_HEADERS_CRLF | FLAG_REQUEST_HEADERS)` shows
//! before and after the send. Each rule's evidence is in
//! `openinet::http::headers::add_own`'s documentation; the Wine tests
//! named here hold on Windows.

mod http_common;

use http_common::{read_all, session, AGENT};
use openinet::consts::{
    HTTP_QUERY_FLAG_NUMBER, HTTP_QUERY_FLAG_REQUEST_HEADERS, HTTP_QUERY_RAW_HEADERS_CRLF,
    HTTP_QUERY_STATUS_CODE, INTERNET_FLAG_KEEP_CONNECTION, INTERNET_FLAG_NO_CACHE_WRITE,
    INTERNET_FLAG_NO_COOKIES, INTERNET_FLAG_PRAGMA_NOCACHE, INTERNET_FLAG_RELOAD,
};
use openinet::http::query::Answer;
use openinet::{Error, Request};
use testserver::Server;

/// One request to `server`: how it is opened and sent.
struct Case {
    verb: &'static str,
    object: &'static str,
    referrer: Option<&'static str>,
    accept: &'static [&'static str],
    flags: u32,
    extra: Option<&'static str>,
    body: &'static [u8],
}

const GET: Case = Case {
    verb: "GET",
    object: "/hello",
    referrer: None,
    accept: &[],
    flags: 0,
    extra: None,
    body: b"",
};

fn raw_request_headers(req: &Request) -> String {
    let level = HTTP_QUERY_RAW_HEADERS_CRLF | HTTP_QUERY_FLAG_REQUEST_HEADERS;
    match req.query_info(level, None, &mut 0) {
        Ok(Answer::Text(t)) => t,
        other => panic!("{other:?}"),
    }
}

/// Sends `case` and returns (request headers before the send, after it,
/// the head the server received).
fn exchange(server: &Server, case: &Case) -> (String, String, String) {
    let c = session().connect("127.0.0.1", server.port());
    let accept: Vec<String> = case.accept.iter().map(|s| s.to_string()).collect();
    let mut req = c
        .open_request(
            case.verb,
            case.object,
            None,
            case.referrer,
            &accept,
            // /hello sets cookies, which the store would add to the heads
            // of the tests that run after it in this process.
            case.flags | INTERNET_FLAG_NO_COOKIES,
        )
        .unwrap();
    let before = raw_request_headers(&req);
    let (extra, body) = (case.extra, case.body.to_vec());
    let req = openinet::block_on(async move {
        req.send(extra, body).await.unwrap();
        read_all(&mut req, 4096).await.unwrap();
        req
    });
    let after = raw_request_headers(&req);
    let seen = server.requests().last().unwrap().head.clone();
    (before, after, seen)
}

/// The head WinINet's own headers end with, for `server`.
fn tail(server: &Server) -> String {
    format!(
        "User-Agent: {AGENT}\r\nHost: 127.0.0.1:{}\r\n",
        server.port()
    )
}

#[test]
fn a_plain_get_sends_agent_and_host_only() {
    let server = Server::start();
    let (before, after, seen) = exchange(&server, &GET);
    assert_eq!(before, "GET /hello HTTP/1.1\r\n\r\n");
    let want = format!("GET /hello HTTP/1.1\r\n{}\r\n", tail(&server));
    assert_eq!(seen, want);
    assert_eq!(
        after, want,
        "after the send the request headers are what was sent"
    );
}

#[test]
fn keep_connection_asks_for_keep_alive() {
    let server = Server::start();
    let case = Case {
        flags: INTERNET_FLAG_KEEP_CONNECTION,
        ..GET
    };
    let (_, _, seen) = exchange(&server, &case);
    let want = format!(
        "GET /hello HTTP/1.1\r\n{}Connection: Keep-Alive\r\n\r\n",
        tail(&server)
    );
    assert_eq!(seen, want);
}

#[test]
fn cache_flags_on_a_get() {
    let server = Server::start();
    // NO_CACHE_WRITE and RELOAD add nothing to a GET (/test9).
    for flags in [INTERNET_FLAG_NO_CACHE_WRITE, INTERNET_FLAG_RELOAD] {
        let (_, _, seen) = exchange(&server, &Case { flags, ..GET });
        assert_eq!(
            seen,
            format!("GET /hello HTTP/1.1\r\n{}\r\n", tail(&server)),
            "{flags:#x}"
        );
    }
    let case = Case {
        flags: INTERNET_FLAG_PRAGMA_NOCACHE | INTERNET_FLAG_NO_CACHE_WRITE,
        ..GET
    };
    let (_, _, seen) = exchange(&server, &case);
    let want = format!(
        "GET /hello HTTP/1.1\r\n{}Pragma: no-cache\r\n\r\n",
        tail(&server)
    );
    assert_eq!(seen, want);
}

#[test]
fn a_post_without_data_states_length_zero_and_no_cache() {
    let server = Server::start();
    let post = Case {
        verb: "POST",
        object: "/echo",
        ..GET
    };
    let (_, _, seen) = exchange(&server, &post);
    let want = format!(
        "POST /echo HTTP/1.1\r\n{}Content-Length: 0\r\n\r\n",
        tail(&server)
    );
    assert_eq!(seen, want);
    // /testA and test_cache_control_verb: NO_CACHE_WRITE on any verb but GET.
    for verb in ["POST", "HEAD", "RPC_OUT_DATA"] {
        let case = Case {
            verb,
            flags: INTERNET_FLAG_NO_CACHE_WRITE,
            ..post
        };
        let (_, _, seen) = exchange(&server, &case);
        let want = format!(
            "{verb} /echo HTTP/1.1\r\n{}Content-Length: 0\r\nCache-Control: no-cache\r\n\r\n",
            tail(&server)
        );
        assert_eq!(seen, want);
    }
}

#[test]
fn data_and_every_flag_in_order() {
    let server = Server::start();
    let case = Case {
        verb: "POST",
        object: "/echo",
        referrer: Some("http://ref.example/"),
        accept: &["text/plain", "", "*/*"],
        flags: INTERNET_FLAG_KEEP_CONNECTION
            | INTERNET_FLAG_PRAGMA_NOCACHE
            | INTERNET_FLAG_NO_CACHE_WRITE,
        extra: Some("Content-Type: text/plain\r\n"),
        body: b"abc",
    };
    let (before, after, seen) = exchange(&server, &case);
    assert_eq!(
        before,
        "POST /echo HTTP/1.1\r\nAccept: text/plain, */*\r\nReferer: http://ref.example/\r\n\r\n",
        "Accept (types joined, empty ones skipped) and Referer are there from the open"
    );
    let want = format!(
        "POST /echo HTTP/1.1\r\nAccept: text/plain, */*\r\nReferer: http://ref.example/\r\n\
         Content-Type: text/plain\r\n{}Content-Length: 3\r\nConnection: Keep-Alive\r\n\
         Pragma: no-cache\r\nCache-Control: no-cache\r\n\r\n",
        tail(&server)
    );
    assert_eq!(seen, want);
    assert_eq!(after, want);
}

#[test]
fn a_get_with_data_states_its_length() {
    let server = Server::start();
    let case = Case {
        object: "/echo",
        body: b"abc",
        ..GET
    };
    let (_, _, seen) = exchange(&server, &case);
    let want = format!(
        "GET /echo HTTP/1.1\r\n{}Content-Length: 3\r\n\r\n",
        tail(&server)
    );
    assert_eq!(seen, want);
}

#[test]
fn application_headers_win_over_wininets() {
    let server = Server::start();
    let case = Case {
        flags: INTERNET_FLAG_KEEP_CONNECTION,
        extra: Some("Host: other.example\r\nConnection: close\r\nUser-Agent: mine\r\n"),
        ..GET
    };
    let (_, _, seen) = exchange(&server, &case);
    assert_eq!(
        seen,
        "GET /hello HTTP/1.1\r\nHost: other.example\r\nConnection: close\r\nUser-Agent: mine\r\n\r\n"
    );
}

#[test]
fn dot_segments_of_the_object_are_resolved() {
    // Wine's test_remove_dot_segments, on Windows.
    let server = Server::start();
    let case = Case {
        object: "/A/../B/./C/../../hello",
        ..GET
    };
    let (before, _, seen) = exchange(&server, &case);
    assert_eq!(before, "GET /hello HTTP/1.1\r\n\r\n");
    assert!(seen.starts_with("GET /hello HTTP/1.1\r\n"), "{seen:?}");
}

#[test]
fn a_resend_restates_each_header_once() {
    let server = Server::start();
    let c = session().connect("127.0.0.1", server.port());
    let mut req = c
        .open_request(
            "POST",
            "/echo",
            None,
            None,
            &[],
            INTERNET_FLAG_KEEP_CONNECTION,
        )
        .unwrap();
    openinet::block_on(async move {
        // The resend keeps the Content-Length the first send added (WinINet
        // adds it only when none is there), so it sends as much again.
        for body in [b"abcd".to_vec(), b"wxyz".to_vec()] {
            req.send(None, body).await.unwrap();
            read_all(&mut req, 4096).await.unwrap();
        }
    });
    let heads: Vec<String> = server.requests().into_iter().map(|r| r.head).collect();
    let want = |n: usize| {
        format!(
            "POST /echo HTTP/1.1\r\n{}Content-Length: {n}\r\nConnection: Keep-Alive\r\n\r\n",
            tail(&server)
        )
    };
    assert_eq!(heads, [want(4), want(4)]);
}

#[test]
fn status_code_is_0_before_a_response_and_needs_index_zero() {
    let server = Server::start();
    let c = session().connect("127.0.0.1", server.port());
    let mut req = c.open_request("GET", "/hello", None, None, &[], 0).unwrap();
    let number = HTTP_QUERY_STATUS_CODE | HTTP_QUERY_FLAG_NUMBER;
    assert_eq!(
        req.query_info(number, None, &mut 0),
        Ok(openinet::http::query::Answer::Number(0)),
        "no response yet: 0, as Windows answers"
    );
    let req = openinet::block_on(async move {
        req.send(None, Vec::new()).await.unwrap();
        req
    });
    assert_eq!(
        req.query_info(number, None, &mut 0),
        Ok(Answer::Number(200))
    );
    let mut index = 1;
    assert_eq!(
        req.query_info(number, None, &mut index),
        Err(Error::HttpHeaderNotFound),
        "test_status_code: index 1 is past the one status line"
    );
    assert_eq!(index, 1);
}

/// No caller string reaches the wire with a line break in it (issue 9,
/// defects 3 and 4): HttpOpenRequest refuses a CR or LF in the version,
/// referrer or accept types; a NUL ends HttpAddRequestHeaders' text, as
/// WinINet reads it, so nothing after it is sent.
#[test]
fn no_caller_string_breaks_a_line_of_the_head() {
    let server = Server::start();
    let c = session().connect("127.0.0.1", server.port());
    for evil in ["HTTP/1.1\r\nX-Evil: 1", "a\nb", "a\rb"] {
        let refused = |r: Result<Request, Error>| matches!(r, Err(Error::InvalidParameter));
        assert!(
            refused(c.open_request("GET", "/", Some(evil), None, &[], 0)),
            "{evil:?}"
        );
        assert!(
            refused(c.open_request("GET", "/", None, Some(evil), &[], 0)),
            "{evil:?}"
        );
        assert!(
            refused(c.open_request("GET", "/", None, None, &[evil.to_string()], 0)),
            "{evil:?}"
        );
    }
    let mut req = c.open_request("GET", "/echo", None, None, &[], 0).unwrap();
    req.add_headers(
        "X-A: a\0X-Evil: 1\r\n",
        openinet::consts::HTTP_ADDREQ_FLAG_ADD,
    )
    .unwrap();
    openinet::block_on(async move {
        req.send(None, Vec::new()).await.unwrap();
        read_all(&mut req, 4096).await.unwrap();
    });
    let head = &server.requests()[0].head;
    assert!(head.contains("X-A: a\r\n"), "{head}");
    assert!(!head.contains("Evil"), "{head}");
}

/// A caller's `Transfer-Encoding` frames the body itself: no
/// `Content-Length` is added, and a request with both is not sent (the
/// shape of request smuggling; RFC 9112 §6.1). Issue 9, defect 10.
#[test]
fn a_request_never_carries_both_framings() {
    let server = Server::start();
    let c = session().connect("127.0.0.1", server.port());
    let mut req = c.open_request("POST", "/echo", None, None, &[], 0).unwrap();
    req.add_headers(
        "Transfer-Encoding: chunked\r\n",
        openinet::consts::HTTP_ADDREQ_FLAG_ADD,
    )
    .unwrap();
    let mut both = c.open_request("POST", "/echo", None, None, &[], 0).unwrap();
    both.add_headers(
        "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n",
        openinet::consts::HTTP_ADDREQ_FLAG_ADD,
    )
    .unwrap();
    let refused = openinet::block_on(async move {
        req.send(None, b"5\r\nhello\r\n0\r\n\r\n".to_vec())
            .await
            .unwrap();
        read_all(&mut req, 4096).await.unwrap();
        both.send(None, b"hello".to_vec()).await
    });
    assert_eq!(refused, Err(Error::HttpInvalidHeader));
    let recs = server.requests();
    assert_eq!(recs.len(), 1, "the request with both was not sent");
    assert!(!recs[0].head.contains("Content-Length"), "{}", recs[0].head);
    assert_eq!(recs[0].body, b"hello");
}
