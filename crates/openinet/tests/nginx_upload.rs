//! Uploads against a real server: nginx, started by the test on 127.0.0.1
//! with its own configuration and stopped after. WebDAV `PUT` stores what
//! it receives, so each body is read back with a GET and compared; a
//! `return` location answers a POST with the length it was announced; a
//! location with a 1 KiB body limit answers 413 to a larger upload.
//!
//! Without nginx the test says so and passes, except in CI (`CI=true`),
//! where it fails: `tests/setup.sh` installs nginx.

mod http_common;

use http_common::{read_all, session};
use openinet::Request;
use testserver::nginx::Nginx;

fn start_nginx() -> Option<Nginx> {
    Nginx::require(
        "upload",
        |dir| {
            for sub in ["www/dav", "www/small"] {
                std::fs::create_dir_all(dir.join(sub)).unwrap();
            }
        },
        |dir, port| {
            let d = dir.display();
            format!(
                r#"    server {{
        listen 127.0.0.1:{port};
        root {d}/www;
        location /dav/ {{
            dav_methods PUT DELETE;
            create_full_put_path on;
            client_max_body_size 0;
        }}
        location /small/ {{
            dav_methods PUT;
            client_max_body_size 1k;
        }}
        location = /length {{
            return 200 "length=$content_length\n";
        }}
    }}"#
            )
        },
    )
}

fn request(port: u16, verb: &str, path: &str) -> Request {
    session()
        .connect("127.0.0.1", port)
        .open_request(verb, path, None, None, &[], 0)
        .unwrap()
}

/// GETs `path`: (status, body).
fn get(port: u16, path: &str) -> (u16, Vec<u8>) {
    let mut req = request(port, "GET", path);
    openinet::block_on(async move {
        req.send(None, Vec::new()).await.unwrap();
        let body = read_all(&mut req, 64 * 1024).await.unwrap();
        (req.status_code().unwrap(), body)
    })
}

fn numbered(n: usize, seed: usize) -> Vec<u8> {
    (0..n).map(|i| ((i + seed) % 251) as u8).collect()
}

#[test]
fn nginx_receives_uploads_whole() {
    let Some(nginx) = start_nginx() else { return };
    let port = nginx.port();

    // HttpSendRequest with the body: a small one and a large one.
    for (name, size) in [("small.bin", 100), ("large.bin", 5 << 20)] {
        let body = numbered(size, size);
        let sent = body.clone();
        let path = format!("/dav/{name}");
        let mut req = request(port, "PUT", &path);
        let code = openinet::block_on(async move {
            req.send(None, &sent[..]).await.unwrap();
            read_all(&mut req, 4096).await.unwrap();
            req.status_code().unwrap()
        });
        assert_eq!(code, 201, "PUT {name} created");
        let (code, stored) = get(port, &path);
        assert_eq!(code, 200);
        assert!(stored == body, "{name}: nginx stored what was sent");
    }

    // HttpSendRequestEx with a first buffer, then writes of uneven sizes.
    let body = numbered(3 << 20, 7);
    let sent = body.clone();
    let mut req = request(port, "PUT", "/dav/pieces.bin");
    let code = openinet::block_on(async move {
        let (first, rest) = sent.split_at(1000);
        req.send_ex(
            Some("Content-Type: application/octet-stream"),
            first,
            3 << 20,
        )
        .await
        .unwrap();
        for piece in rest.chunks(123_457) {
            assert_eq!(req.write(piece).await.unwrap(), piece.len());
        }
        req.end_request().await.unwrap();
        read_all(&mut req, 4096).await.unwrap();
        req.status_code().unwrap()
    });
    assert_eq!(code, 201);
    let (_, stored) = get(port, "/dav/pieces.bin");
    assert!(stored == body, "pieces: nginx stored what was written");

    // A POST: nginx reads the body it was announced, and the connection
    // carries the next request.
    let mut req = request(port, "POST", "/length");
    let (code, answer) = openinet::block_on(async move {
        req.send(Some("Content-Type: text/plain"), b"twelve bytes".as_slice())
            .await
            .unwrap();
        let answer = read_all(&mut req, 4096).await.unwrap();
        (req.status_code().unwrap(), answer)
    });
    assert_eq!((code, answer.as_slice()), (200, b"length=12\n".as_slice()));
    let mut req = request(port, "POST", "/length");
    let answer = openinet::block_on(async move {
        req.send(None, Vec::new()).await.unwrap();
        read_all(&mut req, 4096).await.unwrap()
    });
    assert_eq!(answer, b"length=0\n", "a POST without data says 0");
}

#[test]
fn nginx_refuses_a_body_over_its_limit_with_413() {
    let Some(nginx) = start_nginx() else { return };
    let port = nginx.port();
    let body = numbered(4 << 20, 0);
    let mut req = request(port, "PUT", "/small/x.bin");
    let code = openinet::block_on(async move {
        match req.send(None, &body[..]).await {
            Ok(()) => Ok(req.status_code().unwrap()),
            Err(e) => Err(e),
        }
    });
    // nginx answers as soon as it has the head, and reads (and drops) the
    // rest before closing ("lingering close"), so the answer arrives.
    assert_eq!(code, Ok(413));
}
