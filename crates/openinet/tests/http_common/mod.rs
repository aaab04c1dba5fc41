//! Helpers shared by the `http_*` integration tests: sessions with short
//! timeouts, a status recorder, and whole-body reads.
//!
//! The engine runs on its own runtime, so tests are plain `#[test]`s that
//! wait with [`openinet::block_on`] (which needs `'static` futures: pass
//! owned URLs and requests in, get owned results out).
#![allow(dead_code)] // each test binary uses a different subset

use openinet::{Request, Session, SessionConfig, Status, Timeouts};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The user agent every test session sends.
pub const AGENT: &str = "openinet-tests/1.0";

/// A session whose receive timeout is `receive_ms` (connect and send: 5 s),
/// so a broken engine fails a test instead of hanging the suite.
pub fn session_with_receive(receive_ms: u64) -> Session {
    Session::new(SessionConfig {
        user_agent: AGENT.to_string(),
        timeouts: Timeouts {
            connect: Some(Duration::from_secs(5)),
            send: Some(Duration::from_secs(5)),
            receive: Some(Duration::from_millis(receive_ms)),
        },
    })
}

/// A session with a 10 s receive timeout.
pub fn session() -> Session {
    session_with_receive(10_000)
}

/// Status events recorded in order.
#[derive(Clone, Default)]
pub struct Recorder(Arc<Mutex<Vec<Status>>>);

impl Recorder {
    /// Makes a recorder and attaches it to `req`.
    pub fn attach(req: &mut Request) -> Recorder {
        let rec = Recorder::default();
        let events = Arc::clone(&rec.0);
        req.set_status_sink(Some(Arc::new(move |s: Status| {
            events.lock().unwrap().push(s);
        })));
        rec
    }

    pub fn events(&self) -> Vec<Status> {
        self.0.lock().unwrap().clone()
    }

    /// The names of the events, e.g. `["RESOLVING_NAME", ...]`.
    pub fn names(&self) -> Vec<&'static str> {
        self.events().iter().map(Status::name).collect()
    }

    pub fn clear(&self) {
        self.0.lock().unwrap().clear();
    }
}

/// Reads the whole body in reads of `chunk` bytes.
pub async fn read_all(req: &mut Request, chunk: usize) -> Result<Vec<u8>, openinet::Error> {
    let mut body = Vec::new();
    let mut buf = vec![0u8; chunk];
    loop {
        let n = req.read(&mut buf).await?;
        if n == 0 {
            return Ok(body);
        }
        assert!(n <= chunk);
        body.extend_from_slice(&buf[..n]);
    }
}

/// Sends a GET for `url` (by `open_url_request`, so a sink can be attached
/// first) and returns the request with its recorder.
pub async fn get(session: &Session, url: &str) -> Result<(Request, Recorder), openinet::Error> {
    let mut req = session.open_url_request(url, 0)?;
    let rec = Recorder::attach(&mut req);
    req.send(None, Vec::new()).await?;
    Ok((req, rec))
}

/// GET `url` and read the whole body in 64 KiB reads: (status, body).
pub fn fetch(url: &str) -> (u16, Vec<u8>) {
    let url = url.to_string();
    openinet::block_on(async move {
        let (mut req, _) = get(&session(), &url).await.expect("send");
        let body = read_all(&mut req, 64 * 1024).await.expect("read");
        (req.status_code().expect("status"), body)
    })
}

/// The error a GET of `url` ends in, at send or while reading the body.
pub fn fetch_error(session: Session, url: &str) -> openinet::Error {
    let url = url.to_string();
    openinet::block_on(async move {
        let (mut req, _) = get(&session, &url).await?;
        read_all(&mut req, 64 * 1024).await.map(|_| ())
    })
    .expect_err("the request should fail")
}

/// Asserts `body` equals the first `n` pattern bytes, naming the first
/// differing offset instead of dumping megabytes.
pub fn assert_pattern(body: &[u8], n: usize) {
    assert_eq!(body.len(), n, "body length");
    let want = testserver::pattern(n);
    if let Some(i) = body.iter().zip(&want).position(|(a, b)| a != b) {
        panic!(
            "body differs from the pattern at byte {i}: {} != {}",
            body[i], want[i]
        );
    }
}
