//! `HttpQueryInfo` over real responses from the test server.

mod http_common;

use http_common::{get, read_all, session, AGENT};
use openinet::consts::*;
use openinet::http::query::Answer;
use openinet::time::SystemTime;
use openinet::{Error, Request};
use testserver::Server;

fn text(s: &str) -> Answer {
    Answer::Text(s.to_string())
}

/// Queries with index 0.
fn q(req: &Request, level: u32) -> Result<Answer, Error> {
    let mut index = 0;
    req.query_info(level, None, &mut index)
}

/// Sends a GET for `path` and returns the request, body unread.
fn sent(server: &Server, path: &str, headers: Option<&'static str>) -> Request {
    let url = server.url(path);
    openinet::block_on(async move {
        let mut req = session().open_url_request(&url, 0).unwrap();
        req.send(headers, Vec::new()).await.unwrap();
        req
    })
}

#[test]
fn status_version_and_text() {
    let server = Server::start();
    let req = sent(&server, "/hello", None);
    assert_eq!(q(&req, HTTP_QUERY_STATUS_CODE), Ok(text("200")));
    assert_eq!(
        q(&req, HTTP_QUERY_STATUS_CODE | HTTP_QUERY_FLAG_NUMBER),
        Ok(Answer::Number(200))
    );
    assert_eq!(q(&req, HTTP_QUERY_STATUS_TEXT), Ok(text("OK")));
    assert_eq!(q(&req, HTTP_QUERY_VERSION), Ok(text("HTTP/1.1")));
    assert_eq!(q(&req, HTTP_QUERY_CONTENT_TYPE), Ok(text("text/plain")));
    assert_eq!(
        q(&req, HTTP_QUERY_CONTENT_LENGTH | HTTP_QUERY_FLAG_NUMBER),
        Ok(Answer::Number(testserver::HELLO_BODY.len() as u32))
    );
    assert_eq!(q(&req, HTTP_QUERY_REQUEST_METHOD), Ok(text("GET")));

    // One request at a time: each holds its connection until dropped,
    // and WinINet's per-server limit (2) would make the third wait.
    drop(req);
    let req = sent(&server, "/status/404", None);
    assert_eq!(
        q(&req, HTTP_QUERY_STATUS_CODE | HTTP_QUERY_FLAG_NUMBER),
        Ok(Answer::Number(404))
    );
    assert_eq!(q(&req, HTTP_QUERY_STATUS_TEXT), Ok(text("Not Found")));

    drop(req);
    let req = sent(&server, "/http10/3", None);
    assert_eq!(q(&req, HTTP_QUERY_VERSION), Ok(text("HTTP/1.0")));
}

#[test]
fn raw_headers_crlf_exactly_as_received() {
    let server = Server::start();
    let req = sent(&server, "/hello", None);
    let date = match q(&req, HTTP_QUERY_DATE) {
        Ok(Answer::Text(d)) => d,
        other => panic!("{other:?}"),
    };
    let expected = format!(
        "HTTP/1.1 200 OK\r\n\
         Date: {date}\r\n\
         Server: testserver\r\n\
         Content-Type: text/plain\r\n\
         Last-Modified: Tue, 15 Nov 1994 08:12:31 GMT\r\n\
         Set-Cookie: a=1\r\n\
         Set-Cookie: b=2\r\n\
         X-Repeat: one\r\n\
         X-Repeat: two\r\n\
         x-MiXeD-Case: Value\r\n\
         Content-Length: 14\r\n\r\n"
    );
    assert_eq!(q(&req, HTTP_QUERY_RAW_HEADERS_CRLF), Ok(text(&expected)));
    // RAW_HEADERS: the same lines, each ended by a NUL instead.
    let nul = expected.trim_end_matches("\r\n").replace("\r\n", "\0") + "\0";
    assert_eq!(q(&req, HTTP_QUERY_RAW_HEADERS), Ok(text(&nul)));
}

#[test]
fn custom_header_any_case() {
    let server = Server::start();
    let req = sent(&server, "/hello", None);
    for name in ["x-mixed-case", "X-MIXED-CASE", "x-MiXeD-Case"] {
        let mut index = 0;
        assert_eq!(
            req.query_info(HTTP_QUERY_CUSTOM, Some(name), &mut index),
            Ok(text("Value")),
            "{name}"
        );
        assert_eq!(index, 1);
    }
    let mut index = 0;
    assert_eq!(
        req.query_info(HTTP_QUERY_CUSTOM, Some("X-Absent"), &mut index),
        Err(Error::HttpHeaderNotFound)
    );
    assert_eq!(index, 0, "the index moves only on success");
    assert_eq!(
        req.query_info(HTTP_QUERY_CUSTOM, None, &mut index),
        Err(Error::InvalidParameter)
    );
    assert_eq!(q(&req, HTTP_QUERY_LOCATION), Err(Error::HttpHeaderNotFound));
}

#[test]
fn index_iterates_repeated_headers() {
    let server = Server::start();
    let req = sent(&server, "/hello", None);
    let mut index = 0;
    let mut cookies = Vec::new();
    loop {
        match req.query_info(HTTP_QUERY_SET_COOKIE, None, &mut index) {
            Ok(Answer::Text(v)) => cookies.push(v),
            Err(Error::HttpHeaderNotFound) => break,
            other => panic!("{other:?}"),
        }
        assert!(index < 10, "the index must advance");
    }
    assert_eq!(cookies, ["a=1", "b=2"]);
    assert_eq!(index, 2);

    let mut index = 0;
    let mut repeats = Vec::new();
    while let Ok(Answer::Text(v)) = req.query_info(HTTP_QUERY_CUSTOM, Some("X-Repeat"), &mut index)
    {
        repeats.push(v);
    }
    assert_eq!(repeats, ["one", "two"]);
    // Asking for occurrence 1 directly.
    let mut index = 1;
    assert_eq!(
        req.query_info(HTTP_QUERY_CUSTOM, Some("x-repeat"), &mut index),
        Ok(text("two"))
    );
    assert_eq!(index, 2);
}

#[test]
fn systemtime_flag_parses_last_modified() {
    let server = Server::start();
    let req = sent(&server, "/hello", None);
    assert_eq!(
        q(&req, HTTP_QUERY_LAST_MODIFIED | HTTP_QUERY_FLAG_SYSTEMTIME),
        Ok(Answer::Time(SystemTime {
            year: 1994,
            month: 11,
            day_of_week: 2,
            day: 15,
            hour: 8,
            minute: 12,
            second: 31,
            milliseconds: 0,
        }))
    );
    // A header that is no date.
    assert_eq!(
        q(&req, HTTP_QUERY_CONTENT_TYPE | HTTP_QUERY_FLAG_SYSTEMTIME),
        Err(Error::HttpInvalidHeader)
    );
}

#[test]
fn request_headers_flag() {
    let server = Server::start();
    let port = server.port();
    let req = sent(&server, "/hello", Some("X-Custom: yes\r\n"));
    let rq = |level: u32| q(&req, level | HTTP_QUERY_FLAG_REQUEST_HEADERS);
    assert_eq!(rq(HTTP_QUERY_USER_AGENT), Ok(text(AGENT)));
    assert_eq!(rq(HTTP_QUERY_HOST), Ok(text(&format!("127.0.0.1:{port}"))));
    assert_eq!(rq(HTTP_QUERY_VERSION), Ok(text("HTTP/1.1")));
    assert_eq!(
        rq(HTTP_QUERY_STATUS_CODE),
        Err(Error::HttpInvalidQueryRequest)
    );
    assert_eq!(rq(HTTP_QUERY_CONTENT_TYPE), Err(Error::HttpHeaderNotFound));
    let mut index = 0;
    assert_eq!(
        req.query_info(
            HTTP_QUERY_CUSTOM | HTTP_QUERY_FLAG_REQUEST_HEADERS,
            Some("x-custom"),
            &mut index
        ),
        Ok(text("yes"))
    );
    // The raw request head is what the server received.
    let raw = match rq(HTTP_QUERY_RAW_HEADERS_CRLF) {
        Ok(Answer::Text(t)) => t,
        other => panic!("{other:?}"),
    };
    assert_eq!(raw, server.requests()[0].head);
}

#[test]
fn before_send() {
    let server = Server::start();
    let c = session().connect("127.0.0.1", server.port());
    let req = c.open_request("GET", "/hello", None, None, &[], 0).unwrap();
    // Status 0 before a response, as Windows answers.
    assert_eq!(
        q(&req, HTTP_QUERY_STATUS_CODE),
        Ok(Answer::Text("0".into()))
    );
    assert_eq!(
        q(&req, HTTP_QUERY_STATUS_TEXT),
        Err(Error::HttpHeaderNotFound)
    );
    assert_eq!(
        q(&req, HTTP_QUERY_CONTENT_TYPE),
        Err(Error::HttpHeaderNotFound)
    );
    assert_eq!(q(&req, HTTP_QUERY_RAW_HEADERS_CRLF), Ok(text("\r\n")));
    // WinINet adds User-Agent at send time (Wine's test_user_agent_header,
    // on Windows: not a request header after HttpOpenRequest).
    assert_eq!(
        q(
            &req,
            HTTP_QUERY_USER_AGENT | HTTP_QUERY_FLAG_REQUEST_HEADERS
        ),
        Err(Error::HttpHeaderNotFound)
    );
}

#[test]
fn headers_survive_the_body_read() {
    let server = Server::start();
    let url = server.url("/hello");
    let req = openinet::block_on(async move {
        let (mut req, _) = get(&session(), &url).await.unwrap();
        read_all(&mut req, 4096).await.unwrap();
        req
    });
    assert_eq!(q(&req, HTTP_QUERY_STATUS_CODE), Ok(text("200")));
    assert_eq!(q(&req, HTTP_QUERY_CONTENT_TYPE), Ok(text("text/plain")));
}

#[test]
fn response_headers_route_in_order() {
    let server = Server::start();
    let req = sent(&server, "/response-headers?X-A=1&X-B=two&X-A=3", None);
    let mut index = 0;
    let mut got = Vec::new();
    while let Ok(Answer::Text(v)) = req.query_info(HTTP_QUERY_CUSTOM, Some("x-a"), &mut index) {
        got.push(v);
    }
    assert_eq!(got, ["1", "3"]);
    let mut index = 0;
    assert_eq!(
        req.query_info(HTTP_QUERY_CUSTOM, Some("X-B"), &mut index),
        Ok(text("two"))
    );
}
