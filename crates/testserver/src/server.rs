//! The listener, its accept thread, the shared record of requests, and the
//! stop sequence that ends every thread when the [`Server`] is dropped.

use std::collections::HashMap;
use std::io;
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use crate::conn;

/// One request as the server received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    /// 1, 2, 3... in the order connections were accepted.
    pub conn_id: u64,
    /// 1 for the first request on its connection, then 2, 3...
    pub seq_on_conn: u32,
    pub method: String,
    /// The request target exactly as sent (path and query).
    pub target: String,
    /// The version token of the request line, e.g. `HTTP/1.1`.
    pub version: String,
    /// The raw head as received: request line through the blank line,
    /// decoded lossily as UTF-8.
    pub head: String,
    /// Header fields in order, names as sent, values trimmed.
    pub headers: Vec<(String, String)>,
    /// The body, de-chunked if it was sent chunked.
    pub body: Vec<u8>,
}

impl Recorded {
    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Mutable state behind one lock, so registration and stop cannot race.
#[derive(Default)]
struct State {
    stopping: bool,
    accepted: u64,
    /// A clone of each live connection's socket, shut down on stop.
    live: HashMap<u64, TcpStream>,
    workers: Vec<JoinHandle<()>>,
    requests: Vec<Recorded>,
}

/// What the accept thread and the connection threads share.
#[derive(Default)]
pub(crate) struct Shared {
    state: Mutex<State>,
    /// Signalled on stop, so sleeping routes wake at once.
    wake: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A panicking connection thread must not take the whole server down.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn stopping(&self) -> bool {
        self.lock().stopping
    }

    pub(crate) fn record(&self, r: Recorded) {
        self.lock().requests.push(r);
    }

    /// Sleeps `d`, returning early (with `false`) if the server stops.
    pub(crate) fn sleep(&self, d: Duration) -> bool {
        let guard = self.lock();
        let (guard, _) = self
            .wake
            .wait_timeout_while(guard, d, |s| !s.stopping)
            .unwrap_or_else(|e| e.into_inner());
        !guard.stopping
    }

    /// Forgets a finished connection's socket clone so the socket can close.
    pub(crate) fn unregister(&self, conn_id: u64) {
        self.lock().live.remove(&conn_id);
    }
}

/// A running test server on `127.0.0.1`. Dropping it stops it: the accept
/// loop ends, every open connection is shut down, and all threads are joined.
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
    acceptor: Option<JoinHandle<()>>,
}

impl Server {
    /// Starts a server on an ephemeral port. Panics if it cannot bind (this
    /// is a test helper; use [`Server::bind`] to handle the error).
    pub fn start() -> Server {
        Server::bind(0).expect("testserver: cannot bind 127.0.0.1:0")
    }

    /// Starts a server on `127.0.0.1:port` (`0` picks a free port).
    pub fn bind(port: u16) -> io::Result<Server> {
        let listener = TcpListener::bind(("127.0.0.1", port))?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared::default());
        let acceptor = {
            let shared = Arc::clone(&shared);
            thread::Builder::new()
                .name("testserver-accept".into())
                .spawn(move || accept_loop(listener, shared))?
        };
        Ok(Server {
            addr,
            shared,
            acceptor: Some(acceptor),
        })
    }

    /// The bound port.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// The bound address (always `127.0.0.1:port`).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT/path`; a missing leading `/` is added.
    pub fn url(&self, path: &str) -> String {
        let slash = if path.starts_with('/') { "" } else { "/" };
        format!("http://127.0.0.1:{}{slash}{path}", self.port())
    }

    /// Every request received so far, in arrival order.
    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.lock().requests.clone()
    }

    /// Forgets the requests recorded so far (connection ids keep counting).
    pub fn clear_requests(&self) {
        self.shared.lock().requests.clear();
    }

    /// How many connections have been accepted.
    pub fn connections(&self) -> u64 {
        self.shared.lock().accepted
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let workers = {
            let mut st = self.shared.lock();
            st.stopping = true;
            for s in st.live.values() {
                let _ = s.shutdown(Shutdown::Both);
            }
            std::mem::take(&mut st.workers)
        };
        self.shared.wake.notify_all();
        // Wake the blocking accept() so the loop can see `stopping`.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(a) = self.acceptor.take() {
            let _ = a.join();
        }
        // The acceptor may have spawned workers after we took the list.
        let late = std::mem::take(&mut self.shared.lock().workers);
        for w in workers.into_iter().chain(late) {
            let _ = w.join();
        }
    }
}

fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    loop {
        let stream = match listener.accept() {
            Ok((s, _)) => s,
            Err(_) if shared.stopping() => return,
            Err(_) => {
                // EMFILE and friends: back off instead of spinning.
                thread::sleep(Duration::from_millis(10));
                continue;
            }
        };
        let Ok(clone) = stream.try_clone() else {
            continue;
        };
        let mut st = shared.lock();
        if st.stopping {
            return;
        }
        st.accepted += 1;
        let conn_id = st.accepted;
        st.live.insert(conn_id, clone);
        st.workers.retain(|w| !w.is_finished());
        let worker_shared = Arc::clone(&shared);
        let spawned = thread::Builder::new()
            .name(format!("testserver-conn-{conn_id}"))
            .spawn(move || conn::serve(stream, conn_id, worker_shared));
        match spawned {
            Ok(h) => st.workers.push(h),
            Err(_) => {
                st.live.remove(&conn_id);
            }
        }
    }
}
