//! Redirects followed by `Request::send` against the scripted server:
//! statuses and method rules, the REDIRECT status and its place among the
//! others, connection reuse on the same server and a new connection for
//! another, what the request reports afterwards, and every way a redirect
//! ends in an error (limit, loop, refused port, scheme change, bad URL).

mod http_common;

use http_common::{read_all, session, Recorder};
use openinet::consts::{
    HTTP_QUERY_FLAG_REQUEST_HEADERS, HTTP_QUERY_RAW_HEADERS_CRLF,
    INTERNET_FLAG_IGNORE_REDIRECT_TO_HTTPS, INTERNET_FLAG_NO_AUTO_REDIRECT,
};
use openinet::{Error, Request, Status};
use testserver::Server;

/// What one send ended in.
struct Outcome {
    result: Result<(), Error>,
    status: Option<u16>,
    url: String,
    body: Vec<u8>,
    events: Vec<Status>,
    request_headers: String,
}

/// Opens `method path` on `server` with `flags`, sends `body`, reads the
/// body when the send succeeds.
fn run(server: &Server, method: &str, path: &str, flags: u32, body: &[u8]) -> Outcome {
    run_with(server, method, path, flags, body, None)
}

/// `run`, with `headers` added to the send.
fn run_with(
    server: &Server,
    method: &str,
    path: &str,
    flags: u32,
    body: &[u8],
    headers: Option<&str>,
) -> Outcome {
    let c = session().connect("127.0.0.1", server.port());
    let (method, path, body) = (method.to_string(), path.to_string(), body.to_vec());
    let headers = headers.map(str::to_string);
    openinet::block_on(async move {
        let mut req: Request = c
            .open_request(&method, &path, None, None, &[], flags)
            .unwrap();
        let rec = Recorder::attach(&mut req);
        let result = req.send(headers.as_deref(), body).await;
        let body = if result.is_ok() {
            read_all(&mut req, 4096).await.unwrap()
        } else {
            Vec::new()
        };
        let mut index = 0;
        let request_headers = req
            .query_info(
                HTTP_QUERY_RAW_HEADERS_CRLF | HTTP_QUERY_FLAG_REQUEST_HEADERS,
                None,
                &mut index,
            )
            .map(|a| format!("{a:?}"))
            .unwrap_or_default();
        Outcome {
            result,
            status: req.status_code(),
            url: req.url(),
            body,
            events: rec.events(),
            request_headers,
        }
    })
}

fn names(events: &[Status]) -> Vec<&'static str> {
    events.iter().map(Status::name).collect()
}

#[test]
fn a_302_on_the_same_server_reuses_the_connection() {
    let server = Server::start();
    let o = run(&server, "GET", "/redirect", 0, b"");
    assert_eq!(o.result, Ok(()));
    assert_eq!(o.status, Some(200));
    assert_eq!(o.body, testserver::HELLO_BODY.as_bytes());
    let base = format!("http://127.0.0.1:{}", server.port());
    assert_eq!(o.url, format!("{base}/hello"));
    // REDIRECT between the 3xx's RESPONSE_RECEIVED and the next
    // SENDING_REQUEST, with no new connection.
    let n = names(&o.events);
    assert_eq!(
        n,
        [
            "RESOLVING_NAME",
            "NAME_RESOLVED",
            "CONNECTING_TO_SERVER",
            "CONNECTED_TO_SERVER",
            "SENDING_REQUEST",
            "REQUEST_SENT",
            "RECEIVING_RESPONSE",
            "RESPONSE_RECEIVED",
            "REDIRECT",
            "SENDING_REQUEST",
            "REQUEST_SENT",
            "RECEIVING_RESPONSE",
            "RESPONSE_RECEIVED",
        ],
        "{:?}",
        o.events
    );
    assert!(o
        .events
        .contains(&Status::Redirect(format!("{base}/hello"))));
    let reqs = server.requests();
    assert_eq!(reqs.len(), 2);
    assert_eq!(reqs[1].target, "/hello");
    assert_eq!(reqs[0].conn_id, reqs[1].conn_id, "one connection");
    // The request headers describe the final request.
    assert!(
        o.request_headers.contains("GET /hello HTTP/1.1"),
        "{}",
        o.request_headers
    );
}

#[test]
fn a_3xx_that_closes_its_connection_reports_it_before_redirect() {
    let server = Server::start();
    let o = run_with(
        &server,
        "GET",
        "/redirect",
        0,
        b"",
        Some("Connection: close"),
    );
    assert_eq!((o.result, o.status), (Ok(()), Some(200)));
    let n = names(&o.events);
    let at = n.iter().position(|s| *s == "REDIRECT").unwrap();
    assert_eq!(
        &n[at - 3..at + 3],
        [
            "RESPONSE_RECEIVED",
            "CLOSING_CONNECTION",
            "CONNECTION_CLOSED",
            "REDIRECT",
            "CONNECTING_TO_SERVER",
            "CONNECTED_TO_SERVER"
        ],
        "{n:?}"
    );
    let reqs = server.requests();
    assert_ne!(reqs[0].conn_id, reqs[1].conn_id, "a new connection");
}

#[test]
fn post_becomes_get_without_body_except_307_and_308() {
    let server = Server::start();
    for code in [301, 302, 303] {
        server.clear_requests();
        let path = format!("/redirect?code={code}&to=/echo");
        let o = run(&server, "POST", &path, 0, b"form=1");
        assert_eq!(o.result, Ok(()), "{code}");
        let reqs = server.requests();
        assert_eq!(
            (reqs[0].method.as_str(), reqs[0].body.as_slice()),
            ("POST", &b"form=1"[..])
        );
        assert_eq!(reqs[1].method, "GET", "{code}");
        assert!(reqs[1].body.is_empty());
        assert_eq!(reqs[1].header("Content-Length"), None, "{code}");
    }
    for code in [307, 308] {
        server.clear_requests();
        let path = format!("/redirect?code={code}&to=/echo");
        let o = run(&server, "POST", &path, 0, b"form=1");
        assert_eq!(o.result, Ok(()), "{code}");
        let reqs = server.requests();
        assert_eq!(reqs[1].method, "POST", "{code}");
        assert_eq!(reqs[1].body, b"form=1");
        assert!(o.body.ends_with(b"form=1"));
    }
    // HEAD stays HEAD.
    server.clear_requests();
    let o = run(&server, "HEAD", "/redirect?code=303", 0, b"");
    assert_eq!((o.result, o.status), (Ok(()), Some(200)));
    assert_eq!(server.requests()[1].method, "HEAD");
}

#[test]
fn another_server_gets_a_new_connection_and_host() {
    let first = Server::start();
    let second = Server::start();
    let to = format!("http://127.0.0.1:{}/hello", second.port());
    let o = run(&first, "GET", &format!("/redirect?to={to}"), 0, b"");
    assert_eq!((o.result, o.status), (Ok(()), Some(200)));
    assert_eq!(o.url, to);
    let n = names(&o.events);
    let at = n.iter().position(|s| *s == "REDIRECT").unwrap();
    assert_eq!(
        &n[at..at + 6],
        [
            "REDIRECT",
            "RESOLVING_NAME",
            "NAME_RESOLVED",
            "CONNECTING_TO_SERVER",
            "CONNECTED_TO_SERVER",
            "SENDING_REQUEST"
        ],
        "{n:?}"
    );
    let host = second.requests()[0].header("Host").unwrap().to_string();
    assert_eq!(host, format!("127.0.0.1:{}", second.port()));
}

#[test]
fn no_auto_redirect_returns_the_3xx() {
    let server = Server::start();
    let o = run(
        &server,
        "GET",
        "/redirect",
        INTERNET_FLAG_NO_AUTO_REDIRECT,
        b"",
    );
    assert_eq!((o.result, o.status), (Ok(()), Some(302)));
    assert_eq!(o.body, b"redirecting to /hello\n");
    assert!(o.url.ends_with("/redirect"));
    assert!(!names(&o.events).contains(&"REDIRECT"));
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn five_redirects_are_followed_and_a_sixth_fails() {
    let server = Server::start();
    let o = run(&server, "GET", "/redirects/5", 0, b"");
    assert_eq!((o.result, o.status), (Ok(()), Some(200)));
    assert_eq!(o.body, b"arrived\n");
    let o = run(&server, "GET", "/redirects/6", 0, b"");
    assert_eq!(o.result, Err(Error::HttpRedirectFailed));
    // The last 3xx is what the request holds.
    assert_eq!(o.status, Some(302));
    assert!(o.url.ends_with("/redirects/1"), "{}", o.url);
}

#[test]
fn a_loop_ends_at_the_limit() {
    let server = Server::start();
    let o = run(&server, "GET", "/loop", 0, b"");
    assert_eq!(o.result, Err(Error::HttpRedirectFailed));
    assert_eq!(o.status, Some(302));
    assert_eq!(server.requests().len(), 6);
}

#[test]
fn a_redirect_to_a_refused_port_fails_to_connect() {
    let server = Server::start();
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let o = run(
        &server,
        "GET",
        &format!("/redirect?to=http://127.0.0.1:{port}/x"),
        0,
        b"",
    );
    assert_eq!(o.result, Err(Error::CannotConnect));
    assert!(names(&o.events).contains(&"REDIRECT"));
    // The 3xx stays the response; the URL is the one that failed.
    assert_eq!(o.status, Some(302));
    assert_eq!(o.url, format!("http://127.0.0.1:{port}/x"));
}

#[test]
fn scheme_changes_fail_unless_allowed() {
    let server = Server::start();
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let path = format!("/redirect?to=https://127.0.0.1:{port}/x");
    let o = run(&server, "GET", &path, 0, b"");
    assert_eq!(o.result, Err(Error::HttpToHttpsOnRedir));
    assert_eq!(o.status, Some(302));
    assert_eq!(server.requests().len(), 1);
    // Allowed: followed, to a port where nothing listens.
    let o = run(
        &server,
        "GET",
        &path,
        INTERNET_FLAG_IGNORE_REDIRECT_TO_HTTPS,
        b"",
    );
    assert_eq!(o.result, Err(Error::CannotConnect));
}

#[test]
fn other_schemes_and_bad_urls() {
    let server = Server::start();
    let o = run(&server, "GET", "/redirect?to=test:non:http/url", 0, b"");
    assert_eq!((o.result, o.status), (Ok(()), Some(302)));
    assert!(o.url.ends_with("/redirect?to=test:non:http/url"));
    let o = run(&server, "GET", "/redirect?to=http:///nohost", 0, b"");
    assert_eq!((o.result, o.status), (Err(Error::InvalidUrl), Some(302)));
}

#[test]
fn spaces_and_fragments_in_location() {
    let server = Server::start();
    let o = run(&server, "GET", "/redirect?to=/a+b+c%23frag", 0, b"");
    let base = format!("http://127.0.0.1:{}", server.port());
    assert!(
        o.events
            .contains(&Status::Redirect(format!("{base}/a%20b%20c#frag"))),
        "{:?}",
        o.events
    );
    assert_eq!(server.requests()[1].target, "/a%20b%20c");
    assert_eq!(o.status, Some(404));
}

#[test]
fn cookies_set_by_the_3xx_go_with_the_next_request() {
    openinet::cookies::use_store_file(None);
    let server = Server::start();
    let o = run(&server, "GET", "/redirect?to=/echo&cookie=hop=1", 0, b"");
    assert_eq!(o.result, Ok(()));
    // The store is process-wide: other tests' /hello cookies may be there too.
    let cookie = server.requests()[1].header("Cookie").map(str::to_string);
    assert!(
        cookie.as_deref().unwrap_or("").contains("hop=1"),
        "{cookie:?}"
    );
    assert!(server.requests()[0]
        .header("Cookie")
        .is_none_or(|c| !c.contains("hop=1")));
}
