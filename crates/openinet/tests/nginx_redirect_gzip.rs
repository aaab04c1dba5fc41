//! Redirects and gzip against a real server: nginx, started by the test on
//! 127.0.0.1 with its own configuration (`return 301/302` locations, and
//! `gzip on` for text), and stopped after. Proves against a server that is
//! not ours that redirects are followed (relative and absolute `Location`,
//! a loop ending at the limit) and that gzip bodies decode to the file.
//!
//! Without nginx the test says so and passes, except in CI (`CI=true`),
//! where it fails: `tests/setup.sh` installs nginx there.

mod http_common;

use http_common::{read_all, session, Recorder};
use openinet::consts::HTTP_QUERY_CONTENT_ENCODING;
use openinet::{Error, Status};
use testserver::nginx::Nginx;

/// The served text file: 200 KB of numbered lines (gzip shrinks it well).
fn page() -> Vec<u8> {
    (0..20_000)
        .flat_map(|i| format!("line {i:06}\n").into_bytes())
        .collect()
}

fn start() -> Option<Nginx> {
    Nginx::require(
        "redirect",
        |dir| {
            std::fs::create_dir_all(dir.join("www")).unwrap();
            std::fs::write(dir.join("www/page.txt"), page()).unwrap();
        },
        |dir, port| {
            let d = dir.display();
            format!(
                r#"    default_type text/plain;
    gzip on;
    gzip_min_length 1;
    gzip_types text/plain;
    server {{
        listen 127.0.0.1:{port};
        root {d}/www;
        location = /old {{ return 301 /page.txt; }}
        location = /elsewhere {{ return 302 http://127.0.0.1:{port}/page.txt; }}
        location = /twice {{ return 302 /old; }}
        location = /loop {{ return 301 /loop; }}
    }}"#
            )
        },
    )
}

/// GET `path` with `accept` as Accept-Encoding and decoding `decoding`:
/// (result, status, URL, body, statuses, Content-Encoding).
#[allow(clippy::type_complexity)]
fn get(
    port: u16,
    path: &str,
    accept: Option<&str>,
    decoding: bool,
) -> (
    Result<(), Error>,
    Option<u16>,
    String,
    Vec<u8>,
    Vec<Status>,
    Option<String>,
) {
    let c = session().connect("127.0.0.1", port);
    let path = path.to_string();
    let headers = accept.map(|a| format!("Accept-Encoding: {a}"));
    openinet::block_on(async move {
        let mut req = c.open_request("GET", &path, None, None, &[], 0).unwrap();
        req.set_decoding(decoding);
        let rec = Recorder::attach(&mut req);
        let result = req.send(headers.as_deref(), Vec::new()).await;
        let body = if result.is_ok() {
            read_all(&mut req, 16 * 1024).await.unwrap()
        } else {
            Vec::new()
        };
        let mut index = 0;
        let encoding = req
            .query_info(HTTP_QUERY_CONTENT_ENCODING, None, &mut index)
            .ok()
            .map(|a| format!("{a:?}"));
        (
            result,
            req.status_code(),
            req.url(),
            body,
            rec.events(),
            encoding,
        )
    })
}

#[test]
fn nginx_redirects_and_gzip() {
    let Some(nginx) = start() else { return };
    let port = nginx.port();
    let want = page();

    // return 301 with a relative Location.
    let (r, status, url, body, events, _) = get(port, "/old", None, false);
    assert_eq!((r, status), (Ok(()), Some(200)));
    assert_eq!(url, format!("http://127.0.0.1:{port}/page.txt"));
    assert!(body == want, "the file, after the redirect");
    let redirect = Status::Redirect(format!("http://127.0.0.1:{port}/page.txt"));
    assert!(events.contains(&redirect), "{events:?}");

    // An absolute Location, and two redirects in a row.
    let (r, status, _, body, _, _) = get(port, "/elsewhere", None, false);
    assert_eq!((r, status), (Ok(()), Some(200)));
    assert!(body == want);
    let (r, _, _, body, events, _) = get(port, "/twice", None, false);
    assert_eq!(r, Ok(()));
    assert!(body == want);
    assert_eq!(events.iter().filter(|e| e.code() == 110).count(), 2);

    // A loop ends at the limit.
    let (r, status, ..) = get(port, "/loop", None, false);
    assert_eq!((r, status), (Err(Error::HttpRedirectFailed), Some(301)));

    // nginx gzips what the request accepts: undecoded without the option...
    let (r, _, _, body, _, encoding) = get(port, "/page.txt", Some("gzip"), false);
    assert_eq!(r, Ok(()));
    assert!(body.starts_with(&[0x1f, 0x8b]) && body.len() < want.len() / 3);
    assert!(encoding.is_some_and(|e| e.contains("gzip")));
    // ...decoded with it, through a redirect too.
    for path in ["/page.txt", "/old"] {
        let (r, _, _, body, _, encoding) = get(port, path, Some("gzip, deflate"), true);
        assert_eq!(r, Ok(()), "{path}");
        assert!(body == want, "{path}: decoded to the file");
        assert_eq!(encoding, None, "{path}: Content-Encoding removed");
    }
}
