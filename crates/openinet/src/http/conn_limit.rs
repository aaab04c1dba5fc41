//! The per-server connection limit: at most N connections to one server
//! are in use at once; a request beyond that waits, first come first
//! served, until one is released.
//!
//! What WinINet does (Microsoft KB 183110, "WinInet limits connections per
//! server"): connections to one HTTP/1.1 server are limited to 2 and to
//! one HTTP/1.0 server to 4 (the registry values MaxConnectionsPerServer
//! and MaxConnectionsPer1_0Server, defaults 2 and 4); "if you exceed this
//! limit, the requests block until one of the current connections has
//! completed", and "the only evidence of this limitation to your
//! application is that calls such as HttpSendRequest and InternetOpenUrl
//! appear to take longer to complete". The waiting requests take the
//! freed connections in FIFO order (J. Sanders, Microsoft, "Understanding
//! Connection Limits and New Proxy Connection Limits in WinInet and
//! Internet Explorer", 2009). The limit is process-wide: it is set with
//! `InternetSetOption(NULL, INTERNET_OPTION_MAX_CONNS_PER_SERVER, ...)`
//! (KB 183110, KB 320721: "this changes the connection limit for the whole
//! process"); a session handle is refused with
//! ERROR_INTERNET_INVALID_OPERATION (Wine's internet.c, checked on
//! Windows). Internet Explorer 8 raised its own limit to 6 on broadband
//! ("Connectivity Enhancements in Internet Explorer 8"); that is the
//! browser's setting, and a WinINet program starts from 2 and 4.
//!
//! A request holds a `Slot` from before it looks for a connection until
//! its connection is released: returned to the pool (an idle connection
//! counts for nothing: the next request of the server takes it) or closed.
//! The slot travels with the connection (`Conn::slot`), so whatever path
//! ends a connection's use releases it. Time spent waiting counts toward
//! the connect timeout, as the connection is what the request waits for;
//! when it runs out the request fails with ERROR_INTERNET_TIMEOUT.
//!
//! Which limit applies is learnt from the server's last response: a
//! server that answered HTTP/1.0 gets the 1.0 limit from then on, as
//! WinINet keeps per-server information across connections.

use super::conn::PoolKey;
use crate::error::Error;
use std::borrow::Cow;
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use tokio::sync::oneshot;

/// WinINet's default for an HTTP/1.1 server (KB 183110).
pub const DEFAULT_PER_SERVER: u32 = 2;
/// WinINet's default for an HTTP/1.0 server (KB 183110).
pub const DEFAULT_PER_1_0_SERVER: u32 = 4;

static PER_SERVER: AtomicU32 = AtomicU32::new(DEFAULT_PER_SERVER);
static PER_1_0_SERVER: AtomicU32 = AtomicU32::new(DEFAULT_PER_1_0_SERVER);

/// The process-wide limits now: (HTTP/1.1 servers, HTTP/1.0 servers).
pub fn max_conns_per_server() -> (u32, u32) {
    (
        PER_SERVER.load(Ordering::Relaxed),
        PER_1_0_SERVER.load(Ordering::Relaxed),
    )
}

/// Sets the process-wide limits (`INTERNET_OPTION_MAX_CONNS_PER_SERVER`,
/// `..._PER_1_0_SERVER`; 0 is refused before this). `None` keeps one as
/// it is. Requests already waiting are admitted at once if a limit rose.
pub fn set_max_conns_per_server(per_server: Option<u32>, per_1_0_server: Option<u32>) {
    if let Some(n) = per_server {
        PER_SERVER.store(n.max(1), Ordering::Relaxed);
    }
    if let Some(n) = per_1_0_server {
        PER_1_0_SERVER.store(n.max(1), Ordering::Relaxed);
    }
    let servers: Vec<Arc<Server>> = lock_table()
        .values()
        .flat_map(|v| v.iter())
        .map(|e| e.server.clone())
        .collect();
    for server in servers {
        server.admit_waiters();
    }
}

/// One server's connections in use and the requests waiting for one.
/// Slots and waiters hold it directly, so giving a place back takes no
/// table lookup; only `acquire` looks a server up.
#[derive(Default)]
struct Server {
    state: Mutex<ServerState>,
    /// The server's last response was HTTP/1.0.
    http_1_0: AtomicBool,
}

#[derive(Default)]
struct ServerState {
    in_use: u32,
    waiting: VecDeque<oneshot::Sender<()>>,
}

impl Server {
    fn limit(&self) -> u32 {
        let (per_server, per_1_0) = max_conns_per_server();
        if self.http_1_0.load(Ordering::Relaxed) {
            per_1_0
        } else {
            per_server
        }
    }

    fn state(&self) -> MutexGuard<'_, ServerState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Hands freed places to the oldest waiters while the server is under
    /// its limit. A waiter that gave up (its receiver is gone) is skipped.
    fn admit_waiters(&self) {
        let limit = self.limit();
        let mut state = self.state();
        while state.in_use < limit {
            let Some(waiter) = state.waiting.pop_front() else {
                break;
            };
            if waiter.send(()).is_ok() {
                state.in_use += 1;
            }
        }
    }

    fn release(&self) {
        {
            let mut state = self.state();
            state.in_use = state.in_use.saturating_sub(1);
        }
        self.admit_waiters();
    }
}

/// Which connections count together: host, port and scheme (plain or
/// TLS). TLS waivers and the like make separate pools, not separate
/// servers. The table is keyed by host, so a lookup borrows the
/// request's (already lower-case) host instead of building a key.
struct Entry {
    port: u16,
    secure: bool,
    server: Arc<Server>,
}

/// Servers are kept while anything holds them; above this many hosts,
/// the idle HTTP/1.1 ones are forgotten when a new one is added (an
/// HTTP/1.0 server is remembered: its limit depends on it).
const TABLE_TRIM_ABOVE: usize = 256;

static TABLE: Mutex<Option<HashMap<String, Vec<Entry>>>> = Mutex::new(None);

struct Table(MutexGuard<'static, Option<HashMap<String, Vec<Entry>>>>);

impl std::ops::Deref for Table {
    type Target = HashMap<String, Vec<Entry>>;
    fn deref(&self) -> &Self::Target {
        self.0.as_ref().expect("initialised by lock_table()")
    }
}

impl std::ops::DerefMut for Table {
    fn deref_mut(&mut self) -> &mut Self::Target {
        self.0.as_mut().expect("initialised by lock_table()")
    }
}

fn lock_table() -> Table {
    let mut guard = TABLE.lock().unwrap_or_else(|p| p.into_inner());
    guard.get_or_insert_with(HashMap::new);
    Table(guard)
}

fn lower(host: &str) -> Cow<'_, str> {
    if host.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(host.to_ascii_lowercase())
    } else {
        Cow::Borrowed(host)
    }
}

/// The server `host`, `port`, `secure` names, added if new.
fn server_of(host: &str, port: u16, secure: bool) -> Arc<Server> {
    let host = lower(host);
    let mut table = lock_table();
    if let Some(e) = table
        .get(host.as_ref())
        .and_then(|v| v.iter().find(|e| e.port == port && e.secure == secure))
    {
        return e.server.clone();
    }
    if table.len() > TABLE_TRIM_ABOVE {
        trim(&mut table);
    }
    let server = Arc::new(Server::default());
    table.entry(host.into_owned()).or_default().push(Entry {
        port,
        secure,
        server: server.clone(),
    });
    server
}

/// Forgets the servers nothing holds (no slot, no waiter) whose limit is
/// the default one. Holders are only made under the table's lock, so a
/// count of one here stays one.
fn trim(table: &mut Table) {
    table.retain(|_, entries| {
        entries.retain(|e| {
            Arc::strong_count(&e.server) > 1 || e.server.http_1_0.load(Ordering::Relaxed)
        });
        !entries.is_empty()
    });
}

/// The right to use one connection to a server; released when dropped.
pub(crate) struct Slot {
    server: Arc<Server>,
}

impl std::fmt::Debug for Slot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Slot")
    }
}

impl Slot {
    /// Records the HTTP version the server answered with, which picks its
    /// limit from then on.
    pub(crate) fn note_version(&self, version: (u8, u8)) {
        self.server
            .http_1_0
            .store(version < (1, 1), Ordering::Relaxed);
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.server.release();
    }
}

/// A place in a server's queue. If the request stops waiting after it was
/// given a place (its future dropped, or its timer ran out at the same
/// moment), the place goes back.
struct Waiting {
    server: Arc<Server>,
    rx: oneshot::Receiver<()>,
    /// The place was taken: it is the slot's to give back now.
    taken: bool,
}

impl Drop for Waiting {
    fn drop(&mut self) {
        if self.taken {
            return;
        }
        // Closed first, so no place can be handed to it from now on.
        self.rx.close();
        if self.rx.try_recv().is_ok() {
            self.server.release();
            return;
        }
        // Never served: out of the queue (dead entries would pile up
        // behind a busy server).
        self.server.state().waiting.retain(|tx| !tx.is_closed());
        self.server.admit_waiters();
    }
}

/// Waits for a place among the connections to `key`'s server, first come
/// first served, for at most `timeout` (`None`: as long as it takes).
/// Returns the slot and what is left of the timeout for connecting.
pub(crate) async fn acquire(
    key: &PoolKey,
    timeout: Option<Duration>,
) -> Result<(Slot, Option<Duration>), Error> {
    let server = server_of(&key.host, key.port, key.secure);
    let started = Instant::now();
    let mut waiting = {
        let limit = server.limit();
        let mut state = server.state();
        if state.waiting.is_empty() && state.in_use < limit {
            state.in_use += 1;
            drop(state);
            return Ok((Slot { server }, timeout));
        }
        let (tx, rx) = oneshot::channel();
        state.waiting.push_back(tx);
        drop(state);
        Waiting {
            server: server.clone(),
            rx,
            taken: false,
        }
    };
    let got = crate::http::conn::with_timeout(timeout, async {
        (&mut waiting.rx).await.map_err(|_| Error::InternalError)
    })
    .await;
    match got {
        Ok(()) => {
            // The place is ours now: `Waiting` must not give it back.
            waiting.taken = true;
            let left = timeout.map(|t| t.saturating_sub(started.elapsed()));
            if left == Some(Duration::ZERO) {
                drop(Slot { server });
                return Err(Error::Timeout);
            }
            Ok((Slot { server }, left))
        }
        Err(e) => Err(e), // `waiting` returns a place given meanwhile
    }
}

/// Connections to a server in use now and requests waiting for one (for
/// tests and diagnostics).
pub fn server_usage(host: &str, port: u16, secure: bool) -> (u32, usize) {
    let server = {
        let table = lock_table();
        table
            .get(lower(host).as_ref())
            .and_then(|v| v.iter().find(|e| e.port == port && e.secure == secure))
            .map(|e| e.server.clone())
    };
    server.map_or((0, 0), |s| {
        let state = s.state();
        (state.in_use, state.waiting.len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tls::Waivers;

    fn key(port: u16) -> PoolKey {
        PoolKey {
            host: "limit.test".into(),
            port,
            secure: false,
            waivers: Waivers::default(),
            proxy: None,
        }
    }

    fn rt() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap()
    }

    #[test]
    fn waiters_get_places_in_arrival_order() {
        rt().block_on(async {
            let k = key(1);
            let (a, _) = acquire(&k, None).await.unwrap();
            let (b, _) = acquire(&k, None).await.unwrap();
            assert_eq!(server_usage("limit.test", 1, false), (2, 0));
            let order = std::sync::Arc::new(Mutex::new(Vec::new()));
            let mut tasks = Vec::new();
            for i in 0..3 {
                let (k, order) = (k.clone(), order.clone());
                tasks.push(tokio::spawn(async move {
                    let (slot, _) = acquire(&k, None).await.unwrap();
                    order.lock().unwrap().push(i);
                    tokio::task::yield_now().await;
                    drop(slot);
                }));
                // Let each one join the queue before the next.
                tokio::task::yield_now().await;
            }
            assert_eq!(server_usage("limit.test", 1, false), (2, 3));
            drop(a);
            drop(b);
            for t in tasks {
                t.await.unwrap();
            }
            assert_eq!(*order.lock().unwrap(), vec![0, 1, 2]);
            assert_eq!(server_usage("limit.test", 1, false), (0, 0));
        });
    }

    #[test]
    fn the_wait_counts_toward_the_timeout() {
        rt().block_on(async {
            let k = key(2);
            let held = (
                acquire(&k, None).await.unwrap(),
                acquire(&k, None).await.unwrap(),
            );
            let got = acquire(&k, Some(Duration::from_millis(30))).await;
            assert_eq!(got.err(), Some(Error::Timeout));
            // The timed-out waiter left nothing behind.
            assert_eq!(server_usage("limit.test", 2, false), (2, 0));
            drop(held);
            assert_eq!(server_usage("limit.test", 2, false), (0, 0));
        });
    }

    #[test]
    fn what_is_left_of_the_timeout_is_returned() {
        rt().block_on(async {
            let k = key(3);
            let (_slot, left) = acquire(&k, Some(Duration::from_secs(5))).await.unwrap();
            assert_eq!(left, Some(Duration::from_secs(5)));
        });
    }

    #[test]
    fn an_http_1_0_server_gets_its_own_limit() {
        rt().block_on(async {
            let k = key(4);
            let (first, _) = acquire(&k, Some(Duration::ZERO)).await.unwrap();
            first.note_version((1, 0));
            let mut slots = vec![(first, None)];
            for _ in 1..DEFAULT_PER_1_0_SERVER {
                slots.push(acquire(&k, Some(Duration::ZERO)).await.unwrap());
            }
            let more = acquire(&k, Some(Duration::from_millis(10))).await;
            assert_eq!(more.err(), Some(Error::Timeout));
            slots[0].0.note_version((1, 1));
        });
    }
}
