//! The process-wide connection pool, seen from the server: which requests
//! share a connection (`conn_id`, `seq_on_conn`), what a reused connection
//! reports, and when a connection must not be reused.
//!
//! Each test has its own server (own port, so own pool key). The pool is
//! shared by every test in this binary and one test clears it, so every
//! test holds [`POOL_LOCK`] (they take milliseconds each).

mod http_common;

use http_common::{fetch, get, read_all, session, Recorder};
use openinet::{Request, Status};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use testserver::Server;

static POOL_LOCK: Mutex<()> = Mutex::new(());

/// Serializes the tests of this binary (see the module doc).
fn lock() -> std::sync::MutexGuard<'static, ()> {
    POOL_LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

/// Names of the statuses of a request on a reused connection.
const REUSED: [&str; 4] = [
    "SENDING_REQUEST",
    "REQUEST_SENT",
    "RECEIVING_RESPONSE",
    "RESPONSE_RECEIVED",
];

/// GET `url`, read the body; returns (body as text, the send's status
/// names). The reads' own statuses depend on packet timing, so they are
/// left out.
fn fetch_traced(url: &str) -> (String, Vec<&'static str>) {
    let url = url.to_string();
    openinet::block_on(async move {
        let (mut req, rec) = get(&session(), &url).await.unwrap();
        let names = rec.names();
        let body = read_all(&mut req, 4096).await.unwrap();
        (String::from_utf8(body).unwrap(), names)
    })
}

/// Sends a GET for `url` and returns the request, body unread.
fn sent(url: &str) -> (Request, Recorder) {
    let url = url.to_string();
    openinet::block_on(async move { get(&session(), &url).await.unwrap() })
}

/// Waits (up to 2 s) until `cond` holds.
fn eventually(what: &str, cond: impl FnMut() -> bool) {
    eventually_within(Duration::from_secs(2), what, cond)
}

/// Waits (up to `limit`) until `cond` holds.
fn eventually_within(limit: Duration, what: &str, mut cond: impl FnMut() -> bool) {
    let start = Instant::now();
    while !cond() {
        assert!(start.elapsed() < limit, "timed out: {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn sequential_requests_share_a_connection() {
    let _lock = lock();
    let server = Server::start();
    let (first, names1) = fetch_traced(&server.url("/conn"));
    let (second, names2) = fetch_traced(&server.url("/conn"));
    assert_eq!(first, "conn=1 seq=1");
    assert_eq!(second, "conn=1 seq=2");
    assert_eq!(names1.len(), 8, "{names1:?}");
    assert_eq!(
        names2, REUSED,
        "a reused connection neither resolves nor connects"
    );
    let recs = server.requests();
    assert_eq!(
        recs.iter()
            .map(|r| (r.conn_id, r.seq_on_conn))
            .collect::<Vec<_>>(),
        [(1, 1), (1, 2)]
    );
    assert_eq!(server.connections(), 1);
}

#[test]
fn pooling_spans_sessions() {
    let _lock = lock();
    // WinINet pools per process: a second session reuses the connection.
    let server = Server::start();
    fetch(&server.url("/hello"));
    let url = server.url("/conn");
    let body = openinet::block_on(async move {
        let other = http_common::session_with_receive(5000);
        let (mut req, _) = get(&other, &url).await.unwrap();
        read_all(&mut req, 64).await.unwrap()
    });
    assert_eq!(body, b"conn=1 seq=2");
}

#[test]
fn unread_body_is_drained_and_the_connection_reused() {
    let _lock = lock();
    let server = Server::start();
    let idle_before = openinet::idle_connections();
    let (mut req, _) = sent(&server.url("/bytes/300000"));
    // Read a little, then drop the request with most of the body unread.
    let req = openinet::block_on(async move {
        let mut buf = [0u8; 10];
        assert_eq!(req.read(&mut buf).await.unwrap(), 10);
        req
    });
    drop(req);
    eventually("the drained connection is pooled", || {
        openinet::idle_connections() > idle_before
    });
    let (body, names) = fetch_traced(&server.url("/conn"));
    assert_eq!(body, "conn=1 seq=2");
    assert_eq!(names, REUSED);
}

#[test]
fn unread_body_untouched_is_drained_too() {
    let _lock = lock();
    let server = Server::start();
    let idle_before = openinet::idle_connections();
    let (req, _) = sent(&server.url("/hello"));
    drop(req);
    eventually("the connection is pooled", || {
        openinet::idle_connections() > idle_before
    });
    let (body, _) = fetch_traced(&server.url("/conn"));
    assert_eq!(body, "conn=1 seq=2");
}

#[test]
fn large_unread_body_closes_the_connection() {
    let _lock = lock();
    let server = Server::start();
    let (req, rec) = sent(&server.url("/bytes/20000000"));
    let mut req = req;
    rec.clear();
    // Closing the handle with 20 MB unread: no drain, the connection closes,
    // and WinINet reports it inside InternetCloseHandle.
    req.release_connection(true);
    assert_eq!(rec.names(), ["CLOSING_CONNECTION", "CONNECTION_CLOSED"]);
    drop(req);
    let (body, names) = fetch_traced(&server.url("/conn"));
    assert_eq!(body, "conn=2 seq=1");
    // A new connection to a server already resolved: connects, no resolving.
    assert_eq!(names.len(), 6, "{names:?}");
    assert_eq!(names[0], "CONNECTING_TO_SERVER");
}

#[test]
fn keepalive_close_is_not_reused() {
    let _lock = lock();
    let server = Server::start();
    let url = server.url("/keepalive-close");
    let (body, names) = openinet::block_on(async move {
        let (mut req, rec) = get(&session(), &url).await.unwrap();
        rec.clear();
        let body = read_all(&mut req, 64).await.unwrap();
        (body, rec.names())
    });
    assert_eq!(body, b"closing\n");
    assert_eq!(names, ["CLOSING_CONNECTION", "CONNECTION_CLOSED"]);
    let (body, names) = fetch_traced(&server.url("/conn"));
    assert_eq!(body, "conn=2 seq=1");
    assert_eq!(names[0], "CONNECTING_TO_SERVER");
}

#[test]
fn close_delimited_and_http10_are_not_reused() {
    let _lock = lock();
    let server = Server::start();
    for (i, path) in ["/close/10", "/http10/10"].iter().enumerate() {
        let (status, _) = fetch(&server.url(path));
        assert_eq!(status, 200);
        let (body, _) = fetch_traced(&server.url("/conn"));
        // /close/10 on conn 1, then conn 2 (kept); /http10/10 reuses conn 2
        // and ends it, so the next /conn is conn 3.
        let want = format!("conn={} seq=1", i + 2);
        assert_eq!(body, want, "after {path}");
    }
}

#[test]
fn connection_close_request_header_is_not_reused() {
    let _lock = lock();
    let server = Server::start();
    let url = server.url("/hello");
    openinet::block_on(async move {
        let mut req = session().open_url_request(&url, 0).unwrap();
        req.send(Some("Connection: close\r\n"), Vec::new())
            .await
            .unwrap();
        read_all(&mut req, 64).await.unwrap();
    });
    assert_eq!(server.requests()[0].header("Connection"), Some("close"));
    let (body, _) = fetch_traced(&server.url("/conn"));
    assert_eq!(body, "conn=2 seq=1");
}

#[test]
fn keep_alive_is_requested_only_with_keep_connection() {
    // Wine's http.c /test8 and /test9, which hold on Windows: the header
    // goes with INTERNET_FLAG_KEEP_CONNECTION and only then; the connection
    // is pooled either way (HTTP/1.1 keeps it by default).
    let _lock = lock();
    let server = Server::start();
    fetch(&server.url("/hello"));
    assert_eq!(server.requests()[0].header("Connection"), None);
    let url = server.url("/hello");
    openinet::block_on(async move {
        let flag = openinet::consts::INTERNET_FLAG_KEEP_CONNECTION;
        let mut req = session().open_url_request(&url, flag).unwrap();
        req.send(None, Vec::new()).await.unwrap();
        read_all(&mut req, 64).await.unwrap();
    });
    let second = &server.requests()[1];
    let conn = second.header("Connection").unwrap_or("");
    assert!(conn.eq_ignore_ascii_case("keep-alive"), "{conn:?}");
    let (body, _) = fetch_traced(&server.url("/conn"));
    assert_eq!(body, "conn=1 seq=3");
}

#[test]
fn head_and_bodiless_responses_keep_the_connection() {
    let _lock = lock();
    let server = Server::start();
    let c = session().connect("127.0.0.1", server.port());
    openinet::block_on(async move {
        let mut req = c
            .open_request("HEAD", "/bytes/100000", None, None, &[], 0)
            .unwrap();
        req.send(None, Vec::new()).await.unwrap();
        let mut buf = [0u8; 16];
        assert_eq!(req.read(&mut buf).await.unwrap(), 0);
    });
    fetch(&server.url("/status/304"));
    let (body, _) = fetch_traced(&server.url("/conn"));
    assert_eq!(body, "conn=1 seq=3");
}

#[test]
fn chunked_body_read_to_its_end_keeps_the_connection() {
    let _lock = lock();
    let server = Server::start();
    fetch(&server.url("/chunked/100000"));
    let (body, _) = fetch_traced(&server.url("/conn"));
    assert_eq!(body, "conn=1 seq=2");
}

#[test]
fn pooled_connection_closed_by_the_server_is_replaced() {
    let _lock = lock();
    let server = Server::start();
    let port = server.port();
    let (body, _) = fetch_traced(&server.url("/conn"));
    assert_eq!(body, "conn=1 seq=1");
    // Stopping the server closes the idle pooled connection; a new server
    // on the same port gets the next request on a fresh connection.
    drop(server);
    let server = Server::bind(port).expect("rebind the same port");
    let (body, names) = fetch_traced(&server.url("/conn"));
    assert_eq!(body, "conn=1 seq=1");
    // The dead pooled connection is noticed before sending (the kernel is
    // asked, not the reactor) and dropped silently, as Windows does; a
    // fresh connect (the address is still known, so no resolving) carries
    // the request, which goes out once.
    assert_eq!(
        &names[..2],
        ["CONNECTING_TO_SERVER", "CONNECTED_TO_SERVER"],
        "{names:?}"
    );
    assert_eq!(
        names.iter().filter(|n| **n == "SENDING_REQUEST").count(),
        1,
        "{names:?}"
    );
    assert!(!names.contains(&"RESOLVING_NAME"), "{names:?}");
}

#[test]
fn reused_connection_that_fails_is_retried_once() {
    let _lock = lock();
    // /close-immediately closes without a byte. On a reused connection that
    // looks like a server that dropped an idle connection, so the engine
    // retries once on a fresh connection (which fails the same way).
    let server = Server::start();
    fetch(&server.url("/hello"));
    let url = server.url("/close-immediately");
    let (err, names) = openinet::block_on(async move {
        let mut req = session().open_url_request(&url, 0).unwrap();
        let rec = Recorder::attach(&mut req);
        let err = req.send(None, Vec::new()).await.unwrap_err();
        (err, rec.names())
    });
    assert_eq!(err, openinet::Error::HttpInvalidServerResponse);
    let recs: Vec<_> = server
        .requests()
        .iter()
        .map(|r| (r.target.clone(), r.conn_id, r.seq_on_conn))
        .collect();
    assert_eq!(
        recs,
        [
            ("/hello".to_string(), 1, 1),
            ("/close-immediately".to_string(), 1, 2),
            ("/close-immediately".to_string(), 2, 1),
        ]
    );
    // The retry connects afresh (the address is known: no resolving), and
    // the failed fresh connection is closed with its statuses.
    assert_eq!(
        names,
        [
            "SENDING_REQUEST",
            "REQUEST_SENT",
            "RECEIVING_RESPONSE",
            "CONNECTING_TO_SERVER",
            "CONNECTED_TO_SERVER",
            "SENDING_REQUEST",
            "REQUEST_SENT",
            "RECEIVING_RESPONSE",
            "CLOSING_CONNECTION",
            "CONNECTION_CLOSED",
        ]
    );
}

#[test]
fn clear_pool_forgets_idle_connections() {
    let _lock = lock();
    let server = Server::start();
    fetch(&server.url("/hello"));
    assert!(openinet::idle_connections() >= 1);
    openinet::clear_pool();
    assert_eq!(openinet::idle_connections(), 0);
    let (body, _) = fetch_traced(&server.url("/conn"));
    assert_eq!(body, "conn=2 seq=1");
}

#[test]
fn two_requests_at_once_use_two_connections() {
    let _lock = lock();
    let server = Server::start();
    let (a, _) = sent(&server.url("/hello"));
    let (b, _) = sent(&server.url("/hello"));
    // Neither body is read: the first connection is still busy.
    let recs = server.requests();
    assert_eq!(recs.len(), 2);
    assert_ne!(recs[0].conn_id, recs[1].conn_id);
    drop((a, b));
}

#[test]
fn statuses_carry_the_request_size() {
    let _lock = lock();
    let server = Server::start();
    let (req, rec) = sent(&server.url("/hello"));
    let head_len = server.requests()[0].head.len() as u32;
    assert!(rec.events().contains(&Status::RequestSent(head_len)));
    drop(req);
}

/// Puts WinINet's idle limit back even when a test fails.
struct IdleLimit;

impl IdleLimit {
    fn set(limit: Duration) -> IdleLimit {
        openinet::set_idle_limit(Some(limit));
        IdleLimit
    }
}

impl Drop for IdleLimit {
    fn drop(&mut self) {
        openinet::set_idle_limit(None);
    }
}

#[test]
fn idle_connections_close_after_the_idle_limit_without_a_checkout() {
    let _lock = lock();
    openinet::clear_pool();
    let _limit = IdleLimit::set(Duration::from_millis(300));
    let server = Server::start();
    fetch(&server.url("/hello"));
    fetch(&Server::start().url("/hello"));
    assert_eq!(openinet::idle_connections(), 2);
    assert!(openinet::pool_sweep_running(), "a checkin starts the sweep");
    // No request follows: the sweep alone closes them (limit plus at most
    // one sweep interval).
    let start = Instant::now();
    while openinet::idle_connections() != 0 {
        assert!(
            start.elapsed() < Duration::from_secs(3),
            "idle connections outlived the idle limit: {}",
            openinet::idle_connections()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        start.elapsed() >= Duration::from_millis(250),
        "closed before the limit"
    );
    // The pool is empty: the sweep has ended, no timer is left running.
    eventually("the sweep ends with an empty pool", || {
        !openinet::pool_sweep_running()
    });
    // The server sees the socket closed, and a new request connects again.
    let (body, names) = fetch_traced(&server.url("/conn"));
    assert_eq!(body, "conn=2 seq=1");
    assert!(names.contains(&"CONNECTING_TO_SERVER"), "{names:?}");
}

#[test]
fn a_connection_used_again_before_the_limit_stays() {
    let _lock = lock();
    openinet::clear_pool();
    let _limit = IdleLimit::set(Duration::from_millis(1500));
    let server = Server::start();
    fetch(&server.url("/hello"));
    std::thread::sleep(Duration::from_millis(1100));
    // A sweep has looked (it runs every second) and left it: still in time.
    let (body, _) = fetch_traced(&server.url("/conn"));
    assert_eq!(body, "conn=1 seq=2");
}

/// WinINet's largest default connection limit per server (see
/// `IDLE_PER_KEY` in the engine).
const IDLE_PER_SERVER: usize = 6;

#[test]
fn the_pool_keeps_at_most_a_few_idle_connections_per_server() {
    let _lock = lock();
    openinet::clear_pool();
    let server = Server::start();
    let other = Server::start();
    const N: usize = 40;
    // N requests in flight at once: N connections to each server, which
    // takes a per-server limit of N (WinINet's default is 2).
    openinet::set_max_conns_per_server(Some(N as u32), None);
    let urls = [server.url("/hello"), other.url("/hello")];
    openinet::block_on(async move {
        let session = session();
        let mut reqs = Vec::new();
        for _ in 0..N {
            for url in &urls {
                reqs.push(get(&session, url).await.unwrap().0);
            }
        }
        for mut req in reqs {
            assert_eq!(
                read_all(&mut req, 64).await.unwrap(),
                testserver::HELLO_BODY.as_bytes()
            );
        }
    });
    openinet::set_max_conns_per_server(Some(2), None);
    assert_eq!(server.connections(), N as u64);
    assert_eq!(other.connections(), N as u64);
    // A burst's connections stay a moment for more of it, then the sweep
    // trims each server's to the few kept.
    eventually_within(
        Duration::from_secs(5),
        "the burst's extra connections close",
        || openinet::idle_connections() == 2 * IDLE_PER_SERVER,
    );
    // The ones kept still serve requests.
    let (body, names) = fetch_traced(&server.url("/conn"));
    assert!(body.ends_with("seq=2"), "{body}");
    assert_eq!(names, REUSED);
}
