//! Many requests at once on the shared runtime: every body correct, and
//! the pool hands each connection to one request at a time.

mod http_common;

use http_common::{assert_pattern, get, read_all, session};
use std::collections::HashSet;
use testserver::Server;

#[test]
fn two_hundred_concurrent_requests() {
    let server = Server::start();
    let base = server.url("");
    let results = openinet::block_on(async move {
        let session = session();
        let mut tasks = Vec::new();
        for i in 0..200usize {
            let session = session.clone();
            // A mix of framings and sizes, each checkable.
            let path = match i % 4 {
                0 => format!("bytes/{}", 1000 + i * 97),
                1 => format!("chunked/{}", 500 + i * 131),
                2 => "hello".to_string(),
                _ => "conn".to_string(),
            };
            let url = format!("{base}{path}");
            tasks.push(openinet::runtime().spawn(async move {
                let (mut req, _) = get(&session, &url).await?;
                let body = read_all(&mut req, 8192).await?;
                Ok::<_, openinet::Error>((i, req.status_code(), body))
            }));
        }
        let mut out = Vec::new();
        for t in tasks {
            out.push(t.await.expect("task panicked"));
        }
        out
    });
    let mut conn_bodies = HashSet::new();
    for r in results {
        let (i, status, body) = r.expect("request failed");
        assert_eq!(status, Some(200), "request {i}");
        match i % 4 {
            0 => assert_pattern(&body, 1000 + i * 97),
            1 => assert_pattern(&body, 500 + i * 131),
            2 => assert_eq!(body, testserver::HELLO_BODY.as_bytes()),
            _ => {
                // Each (conn, seq) pair is served once: no connection was
                // handed to two requests at the same time.
                let text = String::from_utf8(body).unwrap();
                assert!(text.starts_with("conn="), "{text}");
                assert!(conn_bodies.insert(text.clone()), "duplicate {text}");
            }
        }
    }
    let recs = server.requests();
    assert_eq!(recs.len(), 200);
    let pairs: HashSet<_> = recs.iter().map(|r| (r.conn_id, r.seq_on_conn)).collect();
    assert_eq!(pairs.len(), 200, "each request on its own (conn, seq)");
    assert!(server.connections() <= 200);
}

#[test]
fn concurrent_waves_reuse_connections() {
    // Two waves of 20: the second finds the first wave's connections idle.
    let server = Server::start();
    let url = server.url("/hello");
    for _ in 0..2 {
        let url = url.clone();
        openinet::block_on(async move {
            let session = session();
            let tasks: Vec<_> = (0..20)
                .map(|_| {
                    let (session, url) = (session.clone(), url.clone());
                    openinet::runtime().spawn(async move {
                        let (mut req, _) = get(&session, &url).await.unwrap();
                        read_all(&mut req, 1024).await.unwrap()
                    })
                })
                .collect();
            for t in tasks {
                assert_eq!(t.await.unwrap(), testserver::HELLO_BODY.as_bytes());
            }
        });
    }
    assert_eq!(server.requests().len(), 40);
    assert!(
        server.connections() <= 20,
        "the second wave should reuse: {} connections",
        server.connections()
    );
}

#[test]
fn blocking_callers_on_many_threads() {
    // block_on from many OS threads at once (what the C layer does).
    let server = Server::start();
    let url = server.url("/bytes/200000");
    let threads: Vec<_> = (0..16)
        .map(|_| {
            let url = url.clone();
            std::thread::spawn(move || http_common::fetch(&url))
        })
        .collect();
    for t in threads {
        let (status, body) = t.join().unwrap();
        assert_eq!(status, 200);
        assert_pattern(&body, 200_000);
    }
}
