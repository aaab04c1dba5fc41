//! No leaked idle sockets (issue 9, defect 6), through the C API in this
//! process: many requests at once leave at most a few idle connections
//! per server in the pool, and closing the process's last session closes
//! those too, so the process's open sockets return to what they were.
//!
//! One test in this binary: it counts the process's sockets connected to
//! the test server (the client's ends), and every socket of the process
//! (the server's ends among them, which close when the client's close).

use std::ffi::c_void;
use std::ptr::{null, null_mut};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use testserver::Server;
use wininet::exports::{
    HttpOpenRequestA, HttpSendRequestA, InternetCloseHandle, InternetConnectA, InternetOpenA,
    InternetReadFile, InternetSetOptionA,
};
use wininet::ffi::HINTERNET;

const INTERNET_OPEN_TYPE_DIRECT: u32 = 1;
const INTERNET_SERVICE_HTTP: u32 = 3;
const INTERNET_FLAG_RELOAD: u32 = 0x8000_0000;
const INTERNET_OPTION_MAX_CONNS_PER_SERVER: u32 = 73;

/// Requests in flight at once, each on its own connection.
const CONCURRENT: usize = 200;
/// What the pool keeps idle per server (WinINet's largest default
/// per-server limit; see `IDLE_PER_KEY` in the engine).
const IDLE_PER_SERVER: usize = 6;

/// The process's open descriptors that are sockets.
fn sockets() -> usize {
    std::fs::read_dir("/proc/self/fd")
        .expect("/proc/self/fd")
        .filter_map(|e| std::fs::read_link(e.ok()?.path()).ok())
        .filter(|target| target.to_string_lossy().starts_with("socket:"))
        .count()
}

/// Inodes of the TCP sockets whose remote port is `port` (from
/// /proc/net/tcp and tcp6).
fn inodes_to(port: u16) -> std::collections::HashSet<String> {
    let mut inodes = std::collections::HashSet::new();
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        let text = std::fs::read_to_string(table).unwrap_or_default();
        for line in text.lines().skip(1) {
            let cols: Vec<&str> = line.split_whitespace().collect();
            let remote_port = cols.get(2).and_then(|r| r.rsplit(':').next());
            if remote_port.and_then(|p| u16::from_str_radix(p, 16).ok()) == Some(port) {
                if let Some(inode) = cols.get(9) {
                    inodes.insert((*inode).to_string());
                }
            }
        }
    }
    inodes
}

/// This process's descriptors that are sockets connected to `port`: the
/// client's side of its connections to the test server.
fn client_sockets(port: u16) -> usize {
    let inodes = inodes_to(port);
    std::fs::read_dir("/proc/self/fd")
        .expect("/proc/self/fd")
        .filter_map(|e| std::fs::read_link(e.ok()?.path()).ok())
        .filter_map(|t| {
            let t = t.to_string_lossy().into_owned();
            Some(t.strip_prefix("socket:[")?.strip_suffix(']')?.to_string())
        })
        .filter(|inode| inodes.contains(inode))
        .count()
}

/// Waits up to `limit` for `count()` to be at most `want`; returns the
/// last count and the time it took.
fn settle(want: usize, limit: Duration, count: impl Fn() -> usize) -> (usize, Duration) {
    let start = Instant::now();
    loop {
        let n = count();
        if n <= want || start.elapsed() > limit {
            return (n, start.elapsed());
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// GET /hello on `connect`, waiting at `sent` until every request has its
/// response head (so all are in flight at once), then reads the body.
fn get_hello(connect: usize, sent: &Barrier) -> Vec<u8> {
    // SAFETY: a live connect handle; NUL-terminated strings; a buffer and
    // count that outlive each call.
    unsafe {
        let req = HttpOpenRequestA(
            connect as HINTERNET,
            c"GET".as_ptr(),
            c"/hello".as_ptr(),
            null(),
            null(),
            null(),
            INTERNET_FLAG_RELOAD,
            0,
        );
        assert!(!req.is_null(), "HttpOpenRequestA");
        assert_ne!(
            HttpSendRequestA(req, null(), 0, null_mut(), 0),
            0,
            "HttpSendRequestA"
        );
        sent.wait();
        let mut body = Vec::new();
        let mut buf = [0u8; 256];
        loop {
            let mut got = 0u32;
            let ok = InternetReadFile(
                req,
                buf.as_mut_ptr() as *mut c_void,
                buf.len() as u32,
                &mut got,
            );
            assert_ne!(ok, 0, "InternetReadFile");
            if got == 0 {
                break;
            }
            body.extend_from_slice(&buf[..got as usize]);
        }
        assert_ne!(InternetCloseHandle(req), 0);
        body
    }
}

#[test]
fn closing_the_last_session_closes_every_idle_socket() {
    // Sweeps would close them too, after a minute; this test is about the
    // session closing, well within that.
    let server = Server::start();
    // All in flight at once takes a limit that allows it, as on Windows.
    let limit = CONCURRENT as u32;
    // SAFETY: a DWORD and its size.
    let set = unsafe {
        InternetSetOptionA(
            null_mut(),
            INTERNET_OPTION_MAX_CONNS_PER_SERVER,
            &limit as *const u32 as *mut c_void,
            4,
        )
    };
    assert_ne!(set, 0, "InternetSetOption(MAX_CONNS_PER_SERVER)");
    let baseline = sockets();
    let port = server.port();
    // SAFETY: NUL-terminated strings or NULL, as the API takes.
    let (session, connect) = unsafe {
        let session = InternetOpenA(
            c"idle-sockets".as_ptr(),
            INTERNET_OPEN_TYPE_DIRECT,
            null(),
            null(),
            0,
        );
        assert!(!session.is_null(), "InternetOpenA");
        let connect = InternetConnectA(
            session,
            c"127.0.0.1".as_ptr(),
            server.port(),
            null(),
            null(),
            INTERNET_SERVICE_HTTP,
            0,
            0,
        );
        assert!(!connect.is_null(), "InternetConnectA");
        (session, connect)
    };
    let sent = Arc::new(Barrier::new(CONCURRENT));
    let threads: Vec<_> = (0..CONCURRENT)
        .map(|_| {
            let sent = Arc::clone(&sent);
            let connect = connect as usize;
            std::thread::spawn(move || get_hello(connect, &sent))
        })
        .collect();
    for t in threads {
        assert_eq!(t.join().unwrap(), testserver::HELLO_BODY.as_bytes());
    }
    assert_eq!(
        server.connections(),
        CONCURRENT as u64,
        "one connection per request"
    );

    // The pool keeps a few; the rest close once idle past the burst's
    // grace (2 s) at the next sweep (each second): 3 s on an idle machine,
    // more on a loaded one, so the wait allows 10.
    let (n, took) = settle(IDLE_PER_SERVER, Duration::from_secs(10), || {
        client_sockets(port)
    });
    eprintln!(
        "after {CONCURRENT} requests: {n} client sockets ({took:?}), {} sockets in all (baseline {baseline})",
        sockets()
    );
    assert!(
        n <= IDLE_PER_SERVER,
        "{n} client sockets open after the requests"
    );
    assert!(n > 0, "the pool kept none: the test proves nothing");

    assert_ne!(InternetCloseHandle(connect), 0);
    assert_ne!(InternetCloseHandle(session), 0);
    let (n, took) = settle(0, Duration::from_secs(3), || client_sockets(port));
    eprintln!("after closing the session: {n} client sockets ({took:?})");
    assert_eq!(n, 0, "idle sockets outlived the last session");
    // The server closes its ends when ours close: the process is back where
    // it started.
    let (n, took) = settle(baseline, Duration::from_secs(3), sockets);
    eprintln!("after closing the session: {n} sockets in all ({took:?}, baseline {baseline})");
    assert_eq!(n, baseline);
}
