//! Requests and the cookie store: a response's `Set-Cookie` cookies are
//! kept and sent back by later requests (HttpOnly ones too), the store's
//! cookies take the place of a `Cookie` header the application added, and
//! `INTERNET_FLAG_NO_COOKIES` neither sends nor keeps any.
//!
//! One test: the store is process-wide and every server here is
//! 127.0.0.1, so the steps run in order. The store is kept in memory.

mod http_common;

use http_common::{read_all, session};
use openinet::consts::INTERNET_FLAG_NO_COOKIES;
use testserver::Server;

/// Sends `GET path` (with `headers`, `flags`) and reads the body.
fn send(server: &Server, path: &str, headers: Option<&str>, flags: u32) {
    let c = session().connect("127.0.0.1", server.port());
    let path = path.to_string();
    let headers = headers.map(str::to_string);
    openinet::block_on(async move {
        let mut req = c
            .open_request("GET", &path, None, None, &[], flags)
            .unwrap();
        req.send(headers.as_deref(), Vec::new()).await.unwrap();
        read_all(&mut req, 8192).await.unwrap();
    });
}

/// The `Cookie` header of the server's last request.
fn last_cookie_header(server: &Server) -> Option<String> {
    let requests = server.requests();
    let last = requests.last().expect("a request");
    last.header("Cookie").map(str::to_string)
}

#[test]
fn responses_fill_the_store_and_requests_send_it() {
    openinet::cookies::use_store_file(None);
    let server = Server::start();
    let base = format!("http://127.0.0.1:{}", server.port());

    // Nothing stored yet: no Cookie header.
    send(&server, "/echo", None, 0);
    assert_eq!(last_cookie_header(&server), None);

    // With INTERNET_FLAG_NO_COOKIES, Set-Cookie is not kept.
    send(&server, "/hello", None, INTERNET_FLAG_NO_COOKIES);
    assert_eq!(
        openinet::cookies::get_cookie(&format!("{base}/"), 0),
        Err(openinet::Error::NoMoreItems)
    );

    // /hello sets a=1 and b=2 for its directory, "/".
    send(&server, "/hello", None, 0);
    assert_eq!(
        openinet::cookies::get_cookie(&format!("{base}/"), 0).as_deref(),
        Ok("a=1; b=2")
    );
    send(&server, "/echo", None, 0);
    assert_eq!(last_cookie_header(&server).as_deref(), Some("a=1; b=2"));

    // HttpOnly and path-scoped cookies from a response.
    let set =
        "/response-headers?Set-Cookie=h%3D1%3B%20HttpOnly&Set-Cookie=p%3D1%3B%20path%3D%2Fonly";
    send(&server, set, None, 0);
    send(&server, "/echo", None, 0);
    assert_eq!(
        last_cookie_header(&server).as_deref(),
        Some("a=1; b=2; h=1")
    );
    send(&server, "/only/echo", None, 0);
    assert_eq!(
        last_cookie_header(&server).as_deref(),
        Some("p=1; a=1; b=2; h=1")
    );
    // The HttpOnly one stays hidden from InternetGetCookie without the flag.
    assert_eq!(
        openinet::cookies::get_cookie(&format!("{base}/"), 0).as_deref(),
        Ok("a=1; b=2")
    );

    // The store's cookies replace the application's Cookie header.
    send(&server, "/echo", Some("Cookie: mine=1\r\n"), 0);
    assert_eq!(
        last_cookie_header(&server).as_deref(),
        Some("a=1; b=2; h=1")
    );
    // With INTERNET_FLAG_NO_COOKIES the application's header goes as it is.
    send(
        &server,
        "/echo",
        Some("Cookie: mine=1\r\n"),
        INTERNET_FLAG_NO_COOKIES,
    );
    assert_eq!(last_cookie_header(&server).as_deref(), Some("mine=1"));
    send(&server, "/echo", None, INTERNET_FLAG_NO_COOKIES);
    assert_eq!(last_cookie_header(&server), None);

    // A Set-Cookie for a domain the server may not name is dropped.
    send(
        &server,
        "/response-headers?Set-Cookie=x%3D1%3B%20domain%3Dexample.com",
        None,
        0,
    );
    send(&server, "/echo", None, 0);
    assert_eq!(
        last_cookie_header(&server).as_deref(),
        Some("a=1; b=2; h=1")
    );

    // A past Expires deletes.
    send(&server, "/response-headers?Set-Cookie=a%3D0%3B%20expires%3DThu%2C%2001%20Jan%201970%2000%3A00%3A01%20GMT", None, 0);
    send(&server, "/echo", None, 0);
    assert_eq!(last_cookie_header(&server).as_deref(), Some("b=2; h=1"));
}
