//! One HTTP/1.1 connection and the process-wide pool of idle ones.
//!
//! WinINet pools connections per process, across sessions: a request to a
//! host and port that has an idle, still-open connection reuses it and
//! reports no RESOLVING/CONNECTING statuses.

use crate::error::{from_io, Error};
use crate::status::Status;
use crate::tls::{self, Waivers};
use std::collections::HashMap;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_rustls::client::TlsStream;

/// How long an idle connection stays in the pool: WinINet's default
/// KeepAliveTimeout, one minute (Microsoft KB 813827, "How to change the
/// default keep-alive time-out value in Internet Explorer": an idle
/// persistent connection is reset after one minute; the registry value
/// KeepAliveTimeout, in ms, changes it, and ServerInfoTimeout, two
/// minutes by default, is a further limit). Tests may shorten it
/// (`set_idle_limit`).
const IDLE_LIMIT: Duration = Duration::from_secs(60);
/// At most this many idle connections are kept per host and port: 6, the
/// largest per-server connection limit WinINet applies by default (6 on a
/// broadband connection in IE8 and later, as documented for
/// `window.maxConnectionsPerServer`; 2 for HTTP/1.1 otherwise, what
/// INTERNET_OPTION_MAX_CONNS_PER_SERVER reports). WinINet never has more
/// connections to a server than its limit, so it never keeps more idle;
/// we do not limit requests yet, so a burst may open more, and the rest
/// close when they come back. A few idle sockets more than the request
/// limit cost nothing; thousands (the old 4,096) leaked descriptors.
///
/// The connections of a burst beyond this stay for `EXCESS_GRACE` first:
/// closing them as they come back made every burst of more than 6
/// requests reconnect (1,000 requests in flight to one server lost a
/// fifth of their rate).
const IDLE_PER_KEY: usize = 6;
/// How long idle connections beyond `IDLE_PER_KEY` are kept for a burst
/// that goes on; the sweep closes them after that.
const EXCESS_GRACE: Duration = Duration::from_secs(2);
/// The most idle connections kept per server at any moment, whatever the
/// burst: a bound on descriptors between sweeps.
const IDLE_HARD_CAP: usize = 1024;
/// How often the sweep looks for idle connections past the idle limit,
/// while the pool holds any: a connection overstays by at most this.
const SWEEP_EVERY: Duration = Duration::from_secs(1);
/// The read buffer's size: one allocation per connection, reused for every read.
/// Small, so a thousand connections cost little: large reads go straight
/// from the socket to the caller (see `read_direct`), and a body read in
/// small pieces grows it (see `fill_body`) up to `READ_BUF_MAX`.
pub(crate) const READ_BUF: usize = 2 * 1024;
const READ_BUF_MAX: usize = 16 * 1024;
/// The buffer grows to hold a response head up to the parser's limit.
const MAX_BUF: usize = crate::http::h1::MAX_HEAD_LEN + READ_BUF_MAX;
/// The most wire bytes one TLS record takes (TLS 1.2's limit, the larger):
/// 16 KiB of data, 2 KiB of expansion, a 5-byte header.
const TLS_RECORD_WIRE_MAX: usize = 16 * 1024 + 2048 + 5;
/// Below this, raising the receive low-water mark saves too few wake-ups to
/// pay for its system call.
const WAKE_MARK_MIN: usize = 64 * 1024;
/// The highest mark: the kernel grows the receive buffer to twice the mark,
/// so a caller's 64 MiB buffer must not cost a 128 MiB socket.
const WAKE_MARK_MAX: usize = 1024 * 1024;

/// Which connections may serve a request: same host, port and security
/// (and, for TLS, the same waived certificate checks).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct PoolKey {
    pub host: String,
    pub port: u16,
    pub secure: bool,
    pub waivers: Waivers,
    /// The proxy the connection goes through (host, port), if any: a
    /// connection to an origin through a proxy serves only requests to that
    /// origin through that proxy.
    pub proxy: Option<(String, u16)>,
}

/// The byte stream under a connection: plain TCP, or TLS over it.
enum Stream {
    Plain(TcpStream),
    Tls(Box<TlsStream<tls::Transport>>),
}

impl Stream {
    /// The TCP socket under the stream.
    #[cfg(target_os = "linux")]
    fn tcp(&self) -> &TcpStream {
        match self {
            Stream::Plain(s) => s,
            Stream::Tls(s) => s.get_ref().0.get_ref(),
        }
    }

    async fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Stream::Plain(s) => s.read(buf).await,
            Stream::Tls(s) => s.read(buf).await,
        }
    }

    /// `read`, within the receive timeout, its error as WinINet's.
    async fn read_within(
        &mut self,
        buf: &mut [u8],
        timeout: Option<Duration>,
    ) -> Result<usize, Error> {
        with_timeout(timeout, async {
            self.read(buf).await.map_err(|e| from_io(&e, false))
        })
        .await
    }

    async fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        match self {
            Stream::Plain(s) => s.write_all(bytes).await,
            Stream::Tls(s) => {
                s.write_all(bytes).await?;
                s.flush().await
            }
        }
    }
}

/// An open connection with its read buffer. Bytes in `buf[start..end]` have
/// been received and not yet consumed.
pub(crate) struct Conn {
    stream: Stream,
    pub(crate) key: PoolKey,
    buf: Box<[u8]>,
    start: usize,
    end: usize,
    /// Requests this connection has carried, counting the current one.
    pub(crate) uses: u32,
    /// The socket's receive low-water mark now (1, the kernel's default,
    /// unless a large TLS read raised it: see `wake_mark`).
    low_water: usize,
    /// The server once failed to send a mark's worth within the receive
    /// timeout: it is slow, and this connection's reads wake per arrival.
    slow_sender: bool,
    /// The request's place under the per-server connection limit, held
    /// while the connection is in use (see `conn_limit`); an idle
    /// connection holds none.
    pub(crate) slot: Option<super::conn_limit::Slot>,
    /// The proxy refused to open the tunnel with this 407 (and the bytes
    /// of its head): the request's response, read from the proxy's
    /// connection.
    /// Boxed: rare, and a connection is moved in and out of the pool on
    /// every request.
    pub(crate) tunnel_refusal: Option<Box<(crate::http::h1::ResponseHead, usize)>>,
    /// Plain TCP to the proxy whose CONNECT got a 407 and that stays
    /// open for the next NTLM leg: the next use sends CONNECT again on it
    /// ([`Conn::resume_tunnel`]). Never pooled.
    pub(crate) awaiting_tunnel: bool,
    /// The server's certificate and the TLS session (TLS connections only).
    pub(crate) server_cert: Option<std::sync::Arc<tls::ServerCertificate>>,
}

impl Conn {
    /// Resolves and connects, reporting each step through `emit` as WinINet does.
    /// Through a proxy, the names and addresses reported are the proxy's,
    /// as Windows reports them; an https request then opens a CONNECT
    /// tunnel (`tunnel` says what it carries) and shakes hands with the
    /// origin inside it.
    pub(crate) async fn open(
        key: PoolKey,
        connect_timeout: Option<Duration>,
        emit: &(dyn Fn(Status) + Send + Sync),
        tunnel: &crate::proxy::tunnel::TunnelAsk,
    ) -> Result<Conn, Error> {
        let (dial_host, dial_port) = match &key.proxy {
            Some((h, p)) => (h.clone(), *p),
            None => (key.host.clone(), key.port),
        };
        let addrs = match cached_addresses(&key) {
            Some(addrs) => addrs,
            None => {
                emit(Status::ResolvingName(dial_host.clone()));
                let host = dial_host
                    .trim_start_matches('[')
                    .trim_end_matches(']')
                    .to_string();
                let addrs: Vec<SocketAddr> = with_timeout(connect_timeout, async {
                    tokio::net::lookup_host((host.as_str(), dial_port))
                        .await
                        .map(|it| it.collect())
                        .map_err(|e| {
                            // The resolver needs a descriptor too.
                            if crate::error::is_out_of_descriptors(&e) {
                                Error::TooManyOpenFiles
                            } else {
                                Error::NameNotResolved
                            }
                        })
                })
                .await?;
                let Some(first) = addrs.first() else {
                    return Err(Error::NameNotResolved);
                };
                emit(Status::NameResolved(first.ip().to_string()));
                remember_addresses(&key, &addrs);
                addrs
            }
        };
        let mut last = Error::CannotConnect;
        for addr in &addrs {
            emit(Status::ConnectingToServer(addr.ip().to_string()));
            let attempt = with_timeout(connect_timeout, async {
                TcpStream::connect(addr)
                    .await
                    .map_err(|e| from_io(&e, true))
            })
            .await;
            match attempt {
                Ok(tcp) => {
                    let _ = tcp.set_nodelay(true);
                    emit(Status::ConnectedToServer(addr.ip().to_string()));
                    if !key.secure {
                        return Ok(Conn::with_stream(Stream::Plain(tcp), key));
                    }
                    let tcp = if key.proxy.is_some() {
                        let mut conn = Conn::with_stream(Stream::Plain(tcp), key.clone());
                        match conn.open_tunnel(tunnel, connect_timeout).await? {
                            Some(refusal) => {
                                conn.tunnel_refusal = Some(Box::new(refusal));
                                return Ok(conn);
                            }
                            None => match conn.stream {
                                Stream::Plain(tcp) => tcp,
                                Stream::Tls(_) => unreachable!("a tunnel starts in plain TCP"),
                            },
                        }
                    } else {
                        tcp
                    };
                    let tls =
                        with_timeout(connect_timeout, tls::handshake(tcp, &key.host, key.waivers))
                            .await?;
                    let server_cert = tls::session_certificate(&tls);
                    let mut conn = Conn::with_stream(Stream::Tls(Box::new(tls)), key);
                    conn.server_cert = server_cert;
                    return Ok(conn);
                }
                Err(e) => last = e,
            }
        }
        Err(last)
    }

    fn with_stream(stream: Stream, key: PoolKey) -> Conn {
        Conn {
            stream,
            key,
            buf: vec![0u8; READ_BUF].into_boxed_slice(),
            start: 0,
            end: 0,
            uses: 0,
            low_water: 1,
            slow_sender: false,
            tunnel_refusal: None,
            awaiting_tunnel: false,
            server_cert: None,
            slot: None,
        }
    }

    /// NTLM through a proxy, on the connection whose CONNECT was refused
    /// with a challenge: CONNECT again with the next leg's answer, then,
    /// once the tunnel opens, the TLS handshake with the origin inside
    /// it. A 407 again is kept in `tunnel_refusal`, as in [`Conn::open`].
    pub(crate) async fn resume_tunnel(
        mut self,
        ask: &crate::proxy::tunnel::TunnelAsk,
        timeout: Option<Duration>,
    ) -> Result<Conn, Error> {
        self.awaiting_tunnel = false;
        if let Some(refusal) = self.open_tunnel(ask, timeout).await? {
            self.tunnel_refusal = Some(Box::new(refusal));
            return Ok(self);
        }
        let key = self.key;
        let tcp = match self.stream {
            Stream::Plain(tcp) => tcp,
            Stream::Tls(_) => return Err(Error::InternalError),
        };
        let tls = with_timeout(timeout, tls::handshake(tcp, &key.host, key.waivers)).await?;
        let server_cert = tls::session_certificate(&tls);
        let mut conn = Conn::with_stream(Stream::Tls(Box::new(tls)), key);
        conn.server_cert = server_cert;
        Ok(conn)
    }

    /// Sends CONNECT for the key's origin and reads the proxy's answer:
    /// `None` when the tunnel is open (nothing may follow the answer: the
    /// origin speaks first only after our TLS hello), or the 407 head
    /// with its length.
    async fn open_tunnel(
        &mut self,
        ask: &crate::proxy::tunnel::TunnelAsk,
        timeout: Option<Duration>,
    ) -> Result<Option<(crate::http::h1::ResponseHead, usize)>, Error> {
        use crate::http::h1;
        use crate::proxy::tunnel;
        let wire = tunnel::connect_request(&self.key.host, self.key.port, ask)?;
        self.write_all(&wire, timeout)
            .await
            .map_err(|_| Error::CannotConnect)?;
        let mut total = 0;
        let head = loop {
            if let Some((head, used)) = h1::parse_response_head(self.buffered())? {
                self.consume(used);
                total += used;
                if h1::is_informational(&head) {
                    continue;
                }
                break head;
            }
            match self.fill(timeout).await {
                Ok(0) | Err(Error::ConnectionReset | Error::ConnectionAborted) => {
                    return Err(Error::CannotConnect)
                }
                Ok(_) => {}
                Err(e) => return Err(e),
            }
        };
        match tunnel::judge(head)? {
            tunnel::Answer::Open if self.buffered().is_empty() => Ok(None),
            tunnel::Answer::Open => Err(Error::HttpInvalidServerResponse),
            tunnel::Answer::AuthRequired(head) => Ok(Some((head, total))),
        }
    }

    /// Writes all of `bytes`, within the send timeout.
    pub(crate) async fn write_all(
        &mut self,
        bytes: &[u8],
        timeout: Option<Duration>,
    ) -> Result<(), Error> {
        let stream = &mut self.stream;
        with_timeout(timeout, async {
            stream
                .write_all(bytes)
                .await
                .map_err(|e| from_io(&e, false))
        })
        .await
    }

    /// How many bytes the read buffer holds.
    pub(crate) fn capacity(&self) -> usize {
        self.buf.len()
    }

    /// The received bytes not yet consumed.
    pub(crate) fn buffered(&self) -> &[u8] {
        &self.buf[self.start..self.end]
    }

    /// Marks `n` buffered bytes as consumed.
    pub(crate) fn consume(&mut self, n: usize) {
        debug_assert!(n <= self.end - self.start);
        self.start += n;
        if self.start == self.end {
            self.start = 0;
            self.end = 0;
        }
    }

    /// Reads more bytes into the buffer (compacting it first when full);
    /// returns how many arrived, 0 at end of stream.
    pub(crate) async fn fill(&mut self, timeout: Option<Duration>) -> Result<usize, Error> {
        // A head or a small read must wake at its first byte.
        self.set_low_water(1);
        if self.end == self.buf.len() {
            if self.start == 0 {
                // A response head larger than the buffer: grow, up to the
                // largest head the parser accepts.
                if self.buf.len() >= MAX_BUF {
                    return Err(Error::HttpInvalidServerResponse);
                }
                let mut bigger = vec![0u8; (self.buf.len() * 2).min(MAX_BUF)].into_boxed_slice();
                bigger[..self.end].copy_from_slice(&self.buf[..self.end]);
                self.buf = bigger;
            } else {
                self.buf.copy_within(self.start..self.end, 0);
                self.end -= self.start;
                self.start = 0;
            }
        }
        let (stream, spare) = (&mut self.stream, &mut self.buf[self.end..]);
        // Bytes already in the kernel are taken at once, as WinINet's
        // reads take what the socket holds: the reactor may not have seen
        // their arrival yet (its readiness lags the kernel by a wake-up),
        // and waiting for it would pend a read that can finish now (Wine's
        // http.c test_async_read: "the first part should arrive
        // immediately"). Plain TCP only: TLS bytes go through rustls.
        #[cfg(unix)]
        if let Stream::Plain(tcp) = stream {
            use std::os::fd::AsFd;
            match sockopt::recv_now(tcp.as_fd(), spare) {
                Ok(n) => {
                    self.end += n;
                    return Ok(n);
                }
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::Interrupted
                    ) => {}
                Err(e) => return Err(from_io(&e, false)),
            }
        }
        let n = stream.read_within(spare, timeout).await?;
        self.end += n;
        Ok(n)
    }

    /// `fill` for body bytes the caller takes in small pieces: when a read
    /// fills all the room there was, the buffer doubles (up to
    /// `READ_BUF_MAX`), so a fast body needs fewer system calls.
    pub(crate) async fn fill_body(&mut self, timeout: Option<Duration>) -> Result<usize, Error> {
        let room = self.buf.len() - self.end;
        let n = self.fill(timeout).await?;
        if n == room && self.start == 0 && self.buf.len() < READ_BUF_MAX {
            let mut bigger = vec![0u8; self.buf.len() * 2].into_boxed_slice();
            bigger[..self.end].copy_from_slice(&self.buf[..self.end]);
            self.buf = bigger;
        }
        Ok(n)
    }

    /// Reads straight into the caller's buffer, bypassing ours; only when
    /// nothing is buffered, so the byte order is kept. `out` must be no
    /// larger than what the body still holds (the low-water mark relies on
    /// it: see `wake_mark`). `fill` says the caller goes on reading until
    /// `out` is full (InternetReadFile); otherwise it wants whatever comes
    /// first (InternetReadFileEx), and the first bytes must wake it.
    pub(crate) async fn read_direct(
        &mut self,
        out: &mut [u8],
        fill: bool,
        timeout: Option<Duration>,
    ) -> Result<usize, Error> {
        debug_assert!(self.start == self.end);
        let mark = if fill { self.wake_mark(out.len()) } else { 1 };
        if mark != self.low_water {
            // Only a read that has to wait changes the mark: most reads of
            // a fast body find data and cost no extra system call. Dropping
            // the pending read loses nothing (no bytes were returned).
            let tried = {
                let mut first = std::pin::pin!(self.stream.read(out));
                std::future::poll_fn(|cx| std::task::Poll::Ready(first.as_mut().poll(cx))).await
            };
            if let std::task::Poll::Ready(got) = tried {
                return got.map_err(|e| from_io(&e, false));
            }
            // Lowering it matters as much as raising it: a mark left from a
            // larger read could exceed what the body still holds.
            self.set_low_water(mark);
        }
        match self.stream.read_within(out, timeout).await {
            Err(Error::Timeout) if self.low_water > 1 => {
                self.read_after_mark_timeout(out, timeout).await
            }
            got => got,
        }
    }

    /// The receive timeout expired while the mark was raised: that may only
    /// mean a slow server has not sent a mark's worth yet. WinINet times
    /// out only when nothing arrives, so with bytes waiting the read goes on
    /// with the mark at 1 (each arrival then restarts the timer, as before).
    async fn read_after_mark_timeout(
        &mut self,
        out: &mut [u8],
        timeout: Option<Duration>,
    ) -> Result<usize, Error> {
        self.set_low_water(1);
        if !self.bytes_waiting() {
            return Err(Error::Timeout);
        }
        self.slow_sender = true;
        self.stream.read_within(out, timeout).await
    }

    /// The receive low-water mark for a direct read of `want` bytes, or 1.
    ///
    /// With the default mark the kernel wakes us for each arrival: over
    /// TLS one record (16 KiB) at a time, over plain TCP each segment the
    /// loopback delivers. For a 1 GiB download through a 256 KiB buffer
    /// that is tens of thousands of sleeps and wake-ups, paid on the
    /// server's core too when it is local (it sends the wake-up). Asking
    /// the kernel to wake us only once most of `want` has arrived cuts them
    /// to a few thousand (measured: https went from 0.96x to 1.05x libcurl;
    /// plain http on the Xeon KVM guest from 15,000 context switches to
    /// 11,000 and 0.78 s to 0.70 s median, nginx's CPU 690 ms to 615 ms).
    ///
    /// It never waits for bytes that may not come: `want` is at most what
    /// the body still holds and every body byte costs at least one wire
    /// byte; over TLS, when tokio-rustls has to wait it holds no plaintext
    /// and less than one record of ciphertext, which the mark leaves out.
    /// So the mark stays below what the server must still send. End of
    /// stream and errors wake regardless, and a server too slow to send a
    /// mark's worth within the receive timeout is handled by
    /// `read_after_mark_timeout`.
    fn wake_mark(&self, want: usize) -> usize {
        if cfg!(not(target_os = "linux")) || self.slow_sender {
            return 1;
        }
        // What a layer above the socket may hold already.
        let held = match self.stream {
            Stream::Plain(_) => 0,
            Stream::Tls(_) => TLS_RECORD_WIRE_MAX,
        };
        wake_mark_for(want, held)
    }

    /// Sets the socket's receive low-water mark if it differs. A failure
    /// leaves the old mark: reads still complete (a raised mark only delays
    /// wake-ups, and the timeout path lowers it again).
    fn set_low_water(&mut self, bytes: usize) {
        if bytes == self.low_water {
            return;
        }
        #[cfg(target_os = "linux")]
        {
            use std::os::fd::AsFd;
            if sockopt::set_receive_low_water(self.stream.tcp().as_fd(), bytes).is_ok() {
                self.low_water = bytes;
            }
        }
        // Elsewhere the mark is never raised (`wake_mark` gives 1).
        #[cfg(not(target_os = "linux"))]
        let _ = bytes;
    }

    /// Whether the socket holds received bytes no read has taken yet (true
    /// when that cannot be told, so the caller reads rather than fails):
    /// reading them now would not wait for the server.
    pub(crate) fn bytes_waiting(&self) -> bool {
        #[cfg(target_os = "linux")]
        {
            use std::os::fd::AsFd;
            sockopt::bytes_waiting(self.stream.tcp().as_fd()).map_or(true, |n| n > 0)
        }
        #[cfg(not(target_os = "linux"))]
        true
    }

    /// The socket's descriptor and its local and remote ports
    /// (`INTERNET_OPTION_DIAGNOSTIC_SOCKET_INFO`).
    pub(crate) fn socket_ports(&self) -> (usize, u16, u16) {
        #[cfg(unix)]
        let fd = std::os::fd::AsRawFd::as_raw_fd(self.stream.tcp()) as usize;
        #[cfg(not(unix))]
        let fd = usize::MAX;
        let tcp = self.stream.tcp();
        let port = |a: std::io::Result<SocketAddr>| a.map_or(0, |a| a.port());
        (fd, port(tcp.local_addr()), port(tcp.peer_addr()))
    }

    /// True when an idle connection is still usable: no bytes and no EOF
    /// waiting (a server that closed an idle connection shows EOF here).
    ///
    /// Asked of the kernel, not of the reactor (whose readiness may not
    /// have caught up with a close that just happened), as WinINet checks
    /// a pooled connection before it sends on it: a request must not go
    /// out on a connection the server has already closed.
    fn still_open(&self) -> bool {
        if self.start != self.end {
            return false;
        }
        #[cfg(unix)]
        {
            use std::os::fd::AsFd;
            match sockopt::peek_idle(self.stream.tcp().as_fd()) {
                sockopt::Idle::Quiet => true,
                sockopt::Idle::Closed => false,
                // Bytes waiting on a TLS socket may be a session ticket;
                // on a plain one, nothing may come unasked.
                sockopt::Idle::Data => matches!(self.stream, Stream::Tls(_)),
            }
        }
        #[cfg(not(unix))]
        true
    }
}

/// The low-water mark for a read that wants `want` body bytes when up to
/// `held` of them may already sit above the socket: `want` less `held`, in
/// whole 4 KiB pages, at most `WAKE_MARK_MAX`; 1 when that is too small to
/// help.
fn wake_mark_for(want: usize, held: usize) -> usize {
    let mark = want.saturating_sub(held).min(WAKE_MARK_MAX) & !4095;
    if mark < WAKE_MARK_MIN {
        1
    } else {
        mark
    }
}

/// Runs `fut` under an optional timeout; expiry is `ERROR_INTERNET_TIMEOUT`.
///
/// The timer is armed only once `fut` has to wait: a read that finds data
/// at once (most reads of a fast download) costs no timer at all.
pub(crate) async fn with_timeout<T>(
    timeout: Option<Duration>,
    fut: impl std::future::Future<Output = Result<T, Error>>,
) -> Result<T, Error> {
    let Some(limit) = timeout else {
        return fut.await;
    };
    let mut fut = std::pin::pin!(fut);
    let mut timer: Option<std::pin::Pin<Box<tokio::time::Sleep>>> = None;
    std::future::poll_fn(|cx| {
        if let std::task::Poll::Ready(out) = fut.as_mut().poll(cx) {
            return std::task::Poll::Ready(out);
        }
        let timer = timer.get_or_insert_with(|| {
            crate::runtime::note_timer_armed();
            Box::pin(tokio::time::sleep(limit))
        });
        timer.as_mut().poll(cx).map(|()| Err(Error::Timeout))
    })
    .await
}

/// How long a resolved address is reused without resolving again.
const RESOLVED_LIFETIME: Duration = Duration::from_secs(60);

/// Resolved addresses per host and port: like WinINet, a new connection to
/// a server already seen does not resolve (or report resolving) again.
static RESOLVED: Mutex<Option<HashMap<PoolKey, Resolved>>> = Mutex::new(None);

/// A host's addresses and when they were looked up.
type Resolved = (Vec<SocketAddr>, Instant);

fn cached_addresses(key: &PoolKey) -> Option<Vec<SocketAddr>> {
    let cache = RESOLVED.lock().unwrap_or_else(|p| p.into_inner());
    let (addrs, when) = cache.as_ref()?.get(key)?;
    (when.elapsed() < RESOLVED_LIFETIME).then(|| addrs.clone())
}

fn remember_addresses(key: &PoolKey, addrs: &[SocketAddr]) {
    let mut cache = RESOLVED.lock().unwrap_or_else(|p| p.into_inner());
    cache
        .get_or_insert_with(HashMap::new)
        .insert(key.clone(), (addrs.to_vec(), Instant::now()));
}

struct Idle {
    conn: Conn,
    since: Instant,
}

/// The idle connections per server, and whether a sweep task is running.
#[derive(Default)]
struct Pool {
    idle: HashMap<PoolKey, Vec<Idle>>,
    /// A sweep task runs (or has been spawned): set and cleared only under
    /// `POOL`'s lock, so a checkin and the sweep's last look cannot both
    /// think the other will do the sweeping.
    sweeping: bool,
}

static POOL: Mutex<Option<Pool>> = Mutex::new(None);

/// The idle limit now in milliseconds (0: `IDLE_LIMIT`).
static IDLE_LIMIT_MS: AtomicU64 = AtomicU64::new(0);

fn idle_limit() -> Duration {
    match IDLE_LIMIT_MS.load(Ordering::Relaxed) {
        0 => IDLE_LIMIT,
        ms => Duration::from_millis(ms),
    }
}

/// Sets how long an idle connection stays pooled (`None`: WinINet's one
/// minute again). For tests: the pool's own behaviour is tested with a
/// limit of a fraction of a second.
#[doc(hidden)]
pub fn set_idle_limit(limit: Option<Duration>) {
    let ms = limit.map_or(0, |d| {
        u64::try_from(d.as_millis()).unwrap_or(u64::MAX).max(1)
    });
    IDLE_LIMIT_MS.store(ms, Ordering::Relaxed);
}

fn lock_pool() -> std::sync::MutexGuard<'static, Option<Pool>> {
    POOL.lock().unwrap_or_else(|p| p.into_inner())
}

impl Idle {
    fn usable(&self, limit: Duration) -> bool {
        self.since.elapsed() < limit && self.conn.still_open()
    }
}

/// Takes an idle, still-open connection for `key`, if there is one.
pub(crate) fn checkout(key: &PoolKey) -> Option<Conn> {
    let limit = idle_limit();
    let mut stale = Vec::new();
    let mut pool = lock_pool();
    let list = pool.as_mut()?.idle.get_mut(key)?;
    let mut found = None;
    while let Some(idle) = list.pop() {
        if idle.usable(limit) {
            found = Some(idle.conn);
            break;
        }
        stale.push(idle);
    }
    drop(pool);
    drop(stale); // closed outside the lock
    found
}

/// Returns a connection whose last response was read to its end.
pub(crate) fn checkin(mut conn: Conn) {
    // Idle, it is no longer in use: a request waiting for the server may
    // go, once the connection is in the pool for it to take.
    let _slot = conn.slot.take();
    if conn.start != conn.end {
        return; // unread bytes: the framing is lost, never reuse it
    }
    let (evicted, start_sweep) = {
        let mut guard = lock_pool();
        let pool = guard.get_or_insert_with(Pool::default);
        // Looked up before an entry is made: the key is cloned only for a
        // server new to the pool.
        let list = match pool.idle.get_mut(&conn.key) {
            Some(list) => list,
            None => pool.idle.entry(conn.key.clone()).or_default(),
        };
        // Full: the oldest goes (it is the nearest its limit), closed
        // after the lock is released. Above `IDLE_PER_KEY` the sweep
        // trims what stays idle past its grace.
        let evicted = (list.len() >= IDLE_HARD_CAP).then(|| list.remove(0));
        list.push(Idle {
            conn,
            since: Instant::now(),
        });
        (evicted, !std::mem::replace(&mut pool.sweeping, true))
    };
    drop(evicted);
    if start_sweep {
        crate::runtime::runtime().spawn(sweep());
    }
}

/// Closes idle connections past the idle limit (or closed by the server)
/// every `SWEEP_EVERY`, without waiting for a checkout; ends when the pool
/// is empty, so an idle process has no timer (the next checkin starts
/// another).
async fn sweep() {
    loop {
        tokio::time::sleep(SWEEP_EVERY).await;
        let limit = idle_limit();
        let mut stale = Vec::new();
        let mut guard = lock_pool();
        let Some(pool) = guard.as_mut() else {
            return; // `clear_pool` dropped it, and the flag with it
        };
        pool.idle.retain(|_, list| {
            let (mut keep, gone): (Vec<Idle>, Vec<Idle>) = std::mem::take(list)
                .into_iter()
                .partition(|i| i.usable(limit));
            stale.extend(gone);
            // Beyond the few kept per server, the oldest go once idle
            // past the grace (oldest first in the list).
            let excess = keep.len().saturating_sub(IDLE_PER_KEY);
            let past_grace = keep[..excess]
                .iter()
                .take_while(|i| i.since.elapsed() >= EXCESS_GRACE)
                .count();
            stale.extend(keep.drain(..past_grace));
            *list = keep;
            !list.is_empty()
        });
        let done = pool.idle.is_empty();
        if done {
            pool.sweeping = false;
        }
        drop(guard);
        drop(stale);
        if done {
            return;
        }
    }
}

/// Whether a sweep task is running now (for tests: an idle process has
/// none).
#[doc(hidden)]
pub fn pool_sweep_running() -> bool {
    lock_pool().as_ref().is_some_and(|p| p.sweeping)
}

/// Idle connections in the pool now (for tests and diagnostics).
pub fn idle_connections() -> usize {
    let pool = lock_pool();
    pool.as_ref()
        .map_or(0, |p| p.idle.values().map(Vec::len).sum())
}

/// Closes every idle connection: what closing the process's last session
/// does, so a process done with the API keeps no sockets. The sweep, if
/// running, ends at its next look.
pub fn release_idle_connections() {
    let mut pool = lock_pool();
    let idle = pool.as_mut().map(|p| std::mem::take(&mut p.idle));
    drop(pool);
    drop(idle);
}

/// Closes every idle connection and forgets resolved addresses (what
/// `INTERNET_OPTION_END_BROWSER_SESSION` and tests want).
pub fn clear_pool() {
    release_idle_connections();
    *RESOLVED.lock().unwrap_or_else(|p| p.into_inner()) = None;
}

#[cfg(test)]
mod tests {
    use super::*;

    const TLS: usize = TLS_RECORD_WIRE_MAX;

    #[test]
    fn small_reads_keep_the_default_mark() {
        for held in [0, TLS] {
            assert_eq!(wake_mark_for(0, held), 1);
            assert_eq!(wake_mark_for(16 * 1024, held), 1);
            assert_eq!(wake_mark_for(WAKE_MARK_MIN + held - 1, held), 1);
        }
        assert_eq!(wake_mark_for(64 * 1024, TLS), 1);
    }

    #[test]
    fn a_large_tls_read_waits_for_all_but_one_record() {
        let mark = wake_mark_for(256 * 1024, TLS);
        assert_eq!(mark % 4096, 0);
        assert!(mark <= 256 * 1024 - TLS);
        assert!(mark > 256 * 1024 - TLS - 4096);
    }

    #[test]
    fn a_large_plain_read_waits_for_all_of_it() {
        assert_eq!(wake_mark_for(256 * 1024, 0), 256 * 1024);
        assert_eq!(wake_mark_for(256 * 1024 + 100, 0), 256 * 1024);
        assert_eq!(wake_mark_for(WAKE_MARK_MIN, 0), WAKE_MARK_MIN);
    }

    #[test]
    fn the_mark_is_capped() {
        for held in [0, TLS] {
            assert_eq!(wake_mark_for(64 * 1024 * 1024, held), WAKE_MARK_MAX);
            assert_eq!(wake_mark_for(usize::MAX, held), WAKE_MARK_MAX);
        }
    }
}
