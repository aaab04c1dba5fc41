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
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;
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
    let mut table = lock();
    let keys: Vec<Key> = table.keys().cloned().collect();
    for key in keys {
        admit_waiters(&mut table, &key);
    }
}

/// Which connections count together: host, port and scheme (plain or
/// TLS). TLS waivers and the like make separate pools, not separate
/// servers.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    host: String,
    port: u16,
    secure: bool,
}

impl Key {
    fn of(pool_key: &PoolKey) -> Key {
        Key {
            host: pool_key.host.to_ascii_lowercase(),
            port: pool_key.port,
            secure: pool_key.secure,
        }
    }
}

/// One server's connections in use and the requests waiting for one.
#[derive(Default)]
struct Server {
    in_use: u32,
    waiting: VecDeque<oneshot::Sender<()>>,
    /// The server's last response was HTTP/1.0.
    http_1_0: bool,
}

impl Server {
    fn limit(&self) -> u32 {
        let (per_server, per_1_0) = max_conns_per_server();
        if self.http_1_0 {
            per_1_0
        } else {
            per_server
        }
    }
}

static TABLE: Mutex<Option<HashMap<Key, Server>>> = Mutex::new(None);

struct Table(std::sync::MutexGuard<'static, Option<HashMap<Key, Server>>>);

impl std::ops::Deref for Table {
    type Target = HashMap<Key, Server>;
    fn deref(&self) -> &Self::Target {
        self.0.as_ref().expect("initialised by lock()")
    }
}

impl std::ops::DerefMut for Table {
    fn deref_mut(&mut self) -> &mut Self::Target {
        self.0.as_mut().expect("initialised by lock()")
    }
}

fn lock() -> Table {
    let mut guard = TABLE.lock().unwrap_or_else(|p| p.into_inner());
    guard.get_or_insert_with(HashMap::new);
    Table(guard)
}

/// The right to use one connection to a server; released when dropped.
#[derive(Debug)]
pub(crate) struct Slot {
    key: Key,
}

impl Drop for Slot {
    fn drop(&mut self) {
        release(&self.key);
    }
}

/// Hands freed places to the oldest waiters while the server is under its
/// limit. A waiter that gave up (its receiver is gone) is skipped.
fn admit_waiters(table: &mut Table, key: &Key) {
    let Some(server) = table.get_mut(key) else {
        return;
    };
    while server.in_use < server.limit() {
        let Some(waiter) = server.waiting.pop_front() else {
            break;
        };
        if waiter.send(()).is_ok() {
            server.in_use += 1;
        }
    }
    if server.in_use == 0 && server.waiting.is_empty() && !server.http_1_0 {
        table.remove(key);
    }
}

fn release(key: &Key) {
    let mut table = lock();
    if let Some(server) = table.get_mut(key) {
        server.in_use = server.in_use.saturating_sub(1);
    }
    admit_waiters(&mut table, key);
}

/// A place in a server's queue. If the request stops waiting after it was
/// given a place (its future dropped, or its timer ran out at the same
/// moment), the place goes back.
struct Waiting {
    key: Key,
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
            release(&self.key);
            return;
        }
        // Never served: out of the queue (dead entries would pile up
        // behind a busy server).
        let mut table = lock();
        if let Some(server) = table.get_mut(&self.key) {
            server.waiting.retain(|tx| !tx.is_closed());
        }
        admit_waiters(&mut table, &self.key);
    }
}

/// Waits for a place among the connections to `key`'s server, first come
/// first served, for at most `timeout` (`None`: as long as it takes).
/// Returns the slot and what is left of the timeout for connecting.
pub(crate) async fn acquire(
    key: &PoolKey,
    timeout: Option<Duration>,
) -> Result<(Slot, Option<Duration>), Error> {
    let key = Key::of(key);
    let started = Instant::now();
    let mut waiting = {
        let mut table = lock();
        let server = table.entry(key.clone()).or_default();
        if server.waiting.is_empty() && server.in_use < server.limit() {
            server.in_use += 1;
            return Ok((Slot { key }, timeout));
        }
        let (tx, rx) = oneshot::channel();
        server.waiting.push_back(tx);
        Waiting {
            key: key.clone(),
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
                drop(Slot { key });
                return Err(Error::Timeout);
            }
            Ok((Slot { key }, left))
        }
        Err(e) => Err(e), // `waiting` returns a place given meanwhile
    }
}

/// Records the HTTP version a server answered with, which picks its limit.
pub(crate) fn note_version(key: &PoolKey, version: (u8, u8)) {
    let http_1_0 = version < (1, 1);
    let key = Key::of(key);
    let mut table = lock();
    match table.get_mut(&key) {
        Some(server) => server.http_1_0 = http_1_0,
        None if http_1_0 => {
            table.insert(
                key,
                Server {
                    http_1_0,
                    ..Server::default()
                },
            );
        }
        None => {}
    }
}

/// Connections to a server in use now and requests waiting for one (for
/// tests and diagnostics).
pub fn server_usage(host: &str, port: u16, secure: bool) -> (u32, usize) {
    let key = Key {
        host: host.to_ascii_lowercase(),
        port,
        secure,
    };
    lock()
        .get(&key)
        .map_or((0, 0), |s| (s.in_use, s.waiting.len()))
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
            note_version(&k, (1, 0));
            let mut slots = Vec::new();
            for _ in 0..DEFAULT_PER_1_0_SERVER {
                slots.push(acquire(&k, Some(Duration::ZERO)).await.unwrap());
            }
            let more = acquire(&k, Some(Duration::from_millis(10))).await;
            assert_eq!(more.err(), Some(Error::Timeout));
            note_version(&k, (1, 1));
        });
    }
}
