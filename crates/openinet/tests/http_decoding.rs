//! Content decoding against the scripted server: gzip, zlib and raw
//! deflate, brotli, decoded only when the option is on and the request
//! accepted the coding; the headers afterwards; availability counts in
//! decoded bytes; and the failures (a cut-short gzip stream, a corrupt
//! deflate stream) end reads with ERROR_INTERNET_DECODING_FAILED, never a
//! hang or a panic.

mod http_common;

use http_common::{assert_pattern, read_all, session};
use openinet::consts::{HTTP_QUERY_CONTENT_LENGTH, HTTP_QUERY_RAW_HEADERS_CRLF};
use openinet::{Error, Request};
use testserver::Server;

const N: usize = 100_000;

/// Sends GET `path` with `accept` as Accept-Encoding (if any) and the
/// decoding option `decoding`; returns the request, its head sent.
fn send(server: &Server, path: &str, accept: Option<&str>, decoding: bool) -> Request {
    let c = session().connect("127.0.0.1", server.port());
    let path = path.to_string();
    let headers = accept.map(|a| format!("Accept-Encoding: {a}"));
    openinet::block_on(async move {
        let mut req = c.open_request("GET", &path, None, None, &[], 0).unwrap();
        req.set_decoding(decoding);
        req.send(headers.as_deref(), Vec::new()).await.unwrap();
        req
    })
}

fn body_of(mut req: Request, chunk: usize) -> (Request, Result<Vec<u8>, Error>) {
    openinet::block_on(async move {
        let body = read_all(&mut req, chunk).await;
        (req, body)
    })
}

fn raw_headers(req: &Request) -> String {
    let mut index = 0;
    format!(
        "{:?}",
        req.query_info(HTTP_QUERY_RAW_HEADERS_CRLF, None, &mut index)
            .unwrap()
    )
}

#[test]
fn each_accepted_coding_is_decoded() {
    let server = Server::start();
    for (kind, accept) in [
        ("gzip", "gzip, deflate"),
        ("deflate", "gzip, deflate"),
        ("rawdeflate", "deflate"),
        ("br", "br"),
    ] {
        for chunk in [1000, 64 * 1024] {
            let req = send(&server, &format!("/encoded/{kind}"), Some(accept), true);
            let headers = raw_headers(&req);
            assert!(!headers.contains("Content-Encoding"), "{kind}: {headers}");
            let mut index = 0;
            assert_eq!(
                req.query_info(HTTP_QUERY_CONTENT_LENGTH, None, &mut index)
                    .err(),
                Some(Error::HttpHeaderNotFound),
                "{kind}"
            );
            let (_, body) = body_of(req, chunk);
            assert_pattern(&body.unwrap(), N);
        }
    }
}

#[test]
fn nothing_is_decoded_unless_asked_and_accepted() {
    let server = Server::start();
    // Decoding on, but the request did not accept gzip: sent as it came.
    let req = send(&server, "/encoded/gzip?n=1000", None, true);
    assert!(raw_headers(&req).contains("Content-Encoding: gzip"));
    let (_, body) = body_of(req, 4096);
    assert_eq!(
        body.unwrap(),
        testserver::encoded::gzip(&testserver::pattern(1000)).unwrap()
    );
    // Accepted, but the option is off.
    let req = send(&server, "/encoded/gzip?n=1000", Some("gzip"), false);
    assert!(raw_headers(&req).contains("Content-Encoding: gzip"));
    let (_, body) = body_of(req, 4096);
    assert!(body.unwrap().starts_with(&[0x1f, 0x8b]));
    // br is decoded only when listed.
    let req = send(&server, "/encoded/br?n=1000", Some("gzip, deflate"), true);
    assert!(raw_headers(&req).contains("Content-Encoding: br"));
    // WinINet adds no Accept-Encoding of its own.
    let req = send(&server, "/echo", None, true);
    let (_, body) = body_of(req, 4096);
    let echoed = String::from_utf8(body.unwrap()).unwrap();
    assert!(
        !echoed.to_ascii_lowercase().contains("accept-encoding"),
        "{echoed}"
    );
}

#[test]
fn availability_counts_decoded_bytes() {
    let server = Server::start();
    let mut req = send(&server, "/encoded/gzip", Some("gzip"), true);
    let total = openinet::block_on(async move {
        let mut total = 0;
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = req.data_available().await.unwrap();
            if n == 0 {
                break;
            }
            let take = n.min(buf.len());
            let got = req.read(&mut buf[..take]).await.unwrap();
            assert_eq!(got, take, "the bytes said available are there");
            total += got;
        }
        total
    });
    assert_eq!(total, N);
}

#[test]
fn buffered_reads_decode_without_waiting() {
    let server = Server::start();
    let mut req = send(&server, "/encoded/deflate?n=5000", Some("deflate"), true);
    // The small body came with the head or right after: read it without
    // waiting once something is there.
    let body = openinet::block_on(async move {
        let mut body = Vec::new();
        let mut buf = [0u8; 700];
        loop {
            match req.read_buffered(&mut buf).unwrap() {
                Some(0) => return body,
                Some(n) => body.extend_from_slice(&buf[..n]),
                None => {
                    let n = req.read_some(&mut buf).await.unwrap();
                    if n == 0 {
                        return body;
                    }
                    body.extend_from_slice(&buf[..n]);
                }
            }
        }
    });
    assert_pattern(&body, 5000);
}

#[test]
fn a_cut_short_gzip_stream_fails_after_its_bytes() {
    let server = Server::start();
    let req = send(&server, "/encoded/truncated-gzip", Some("gzip"), true);
    let (mut req, body) = body_of(req, 4096);
    assert_eq!(body.err(), Some(Error::DecodingFailed));
    // The error sticks.
    let again = openinet::block_on(async move {
        let mut buf = [0u8; 10];
        req.read(&mut buf).await
    });
    assert_eq!(again, Err(Error::DecodingFailed));
}

#[test]
fn a_corrupt_deflate_stream_fails_reads_and_availability() {
    let server = Server::start();
    let mut req = send(&server, "/encoded/corrupt-deflate", Some("deflate"), true);
    let avail = openinet::block_on(async move {
        let a = req.data_available().await;
        (req, a)
    });
    let (req, a) = avail;
    assert_eq!(a, Err(Error::DecodingFailed));
    let (_, body) = body_of(req, 4096);
    assert_eq!(body.err(), Some(Error::DecodingFailed));
}

#[test]
fn a_decoded_body_leaves_its_connection_reusable() {
    let server = Server::start();
    for _ in 0..3 {
        let req = send(&server, "/encoded/gzip?n=2000", Some("gzip"), true);
        let (_, body) = body_of(req, 4096);
        assert_pattern(&body.unwrap(), 2000);
    }
    let ids: Vec<u64> = server.requests().iter().map(|r| r.conn_id).collect();
    assert_eq!(ids, [1, 1, 1]);
}

#[test]
fn decoding_follows_a_redirect() {
    let server = Server::start();
    let req = send(&server, "/redirect?to=/encoded/gzip", Some("gzip"), true);
    assert_eq!(req.status_code(), Some(200));
    let (_, body) = body_of(req, 8192);
    assert_pattern(&body.unwrap(), N);
}
