//! A storm of asynchronous requests (issue 9's adversarial suite): 2,000
//! requests from 8 threads at once through an async session, each driven
//! from its status callback (send, then reads until the end, then close),
//! four rounds. After each round the session is closed, and the process's
//! open descriptors (counted in /proc/self/fd) must come back to what they
//! were before the first round, and its resident memory must stop growing:
//! after the second round (the first round warms up the runtime and the
//! callback threads, the second the allocator at the raised limit) it may
//! grow by at most `RSS_MARGIN` in all.
//!
//! Round one runs under WinINet's default per-server limit (2: the
//! requests queue), the others with the limit raised to 256.

use std::cell::UnsafeCell;
use std::ffi::c_void;
use std::ptr::{null, null_mut};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use wininet::exports::{
    HttpOpenRequestA, HttpSendRequestA, InternetCloseHandle, InternetConnectA, InternetOpenA,
    InternetReadFile, InternetSetOptionA, InternetSetStatusCallbackA,
};
use wininet::ffi::{GetLastError, DWORD, DWORD_PTR, HINTERNET, LPVOID};
use wininet::types::INTERNET_ASYNC_RESULT;

const INTERNET_OPEN_TYPE_DIRECT: u32 = 1;
const INTERNET_SERVICE_HTTP: u32 = 3;
const INTERNET_FLAG_ASYNC: u32 = 0x1000_0000;
const INTERNET_FLAG_RELOAD: u32 = 0x8000_0000;
const INTERNET_OPTION_MAX_CONNS_PER_SERVER: u32 = 73;
const INTERNET_STATUS_REQUEST_COMPLETE: u32 = 100;
const ERROR_IO_PENDING: u32 = 997;

const THREADS: usize = 8;
const PER_THREAD: usize = 250;
const REQUESTS: usize = THREADS * PER_THREAD;
const ROUNDS: usize = 4;
/// How much the resident set may grow after the second round (the first
/// at the raised limit), in all.
const RSS_MARGIN: u64 = 16 << 20;

/// One request's state. Only its own callbacks touch it once its send is
/// under way (WinINet delivers one handle's callbacks in order, one at a
/// time), hence the cells.
struct Lane {
    req: UnsafeCell<usize>,
    reading: UnsafeCell<bool>,
    buf: UnsafeCell<[u8; 2048]>,
    got: UnsafeCell<DWORD>,
    total: UnsafeCell<usize>,
}

// SAFETY: see `Lane`: no two threads use a lane at once.
unsafe impl Sync for Lane {}

static FINISHED: AtomicUsize = AtomicUsize::new(0);
static OK: AtomicUsize = AtomicUsize::new(0);
static FAILURES: Mutex<Vec<(&'static str, u32)>> = Mutex::new(Vec::new());
static DONE: (Mutex<()>, Condvar) = (Mutex::new(()), Condvar::new());

fn finish(lane: &Lane, outcome: Result<(), (&'static str, u32)>) {
    // SAFETY: the lane's own handle; `Lane`'s rule.
    unsafe {
        if let Err(f) = outcome {
            FAILURES.lock().unwrap().push(f);
        } else if *lane.total.get() == testserver::HELLO_BODY.len() {
            OK.fetch_add(1, Ordering::SeqCst);
        } else {
            FAILURES
                .lock()
                .unwrap()
                .push(("short body", *lane.total.get() as u32));
        }
        InternetCloseHandle(*lane.req.get() as HINTERNET);
    }
    FINISHED.fetch_add(1, Ordering::SeqCst);
    let _guard = DONE.0.lock().unwrap();
    DONE.1.notify_all();
}

/// Reads until the body ends or a read pends (its REQUEST_COMPLETE comes
/// back here).
fn drive(lane: &Lane) {
    // SAFETY: `Lane`'s rule; the buffer and count live in the lane, which
    // outlives the request.
    unsafe {
        *lane.reading.get() = true;
        loop {
            let buf = &mut *lane.buf.get();
            let ok = InternetReadFile(
                *lane.req.get() as HINTERNET,
                buf.as_mut_ptr() as *mut c_void,
                buf.len() as DWORD,
                lane.got.get(),
            );
            if ok == 0 {
                let e = GetLastError();
                if e == ERROR_IO_PENDING {
                    return;
                }
                return finish(lane, Err(("read", e)));
            }
            if *lane.got.get() == 0 {
                return finish(lane, Ok(()));
            }
            *lane.total.get() += *lane.got.get() as usize;
        }
    }
}

unsafe extern "C" fn on_status(
    _h: HINTERNET,
    ctx: DWORD_PTR,
    status: DWORD,
    info: LPVOID,
    _len: DWORD,
) {
    if status != INTERNET_STATUS_REQUEST_COMPLETE || ctx == 0 {
        return;
    }
    // SAFETY: the context is a lane of this round, alive until the round
    // ends; `info` is the INTERNET_ASYNC_RESULT of REQUEST_COMPLETE.
    let (lane, result) = unsafe {
        (
            &*(ctx as *const Lane),
            *(info as *const INTERNET_ASYNC_RESULT),
        )
    };
    if result.dwResult == 0 {
        // SAFETY: `Lane`'s rule.
        let what = if unsafe { *lane.reading.get() } {
            "read"
        } else {
            "send"
        };
        return finish(lane, Err((what, result.dwError)));
    }
    // SAFETY: `Lane`'s rule.
    unsafe {
        if *lane.reading.get() {
            if *lane.got.get() == 0 {
                return finish(lane, Ok(()));
            }
            *lane.total.get() += *lane.got.get() as usize;
        }
    }
    drive(lane);
}

fn open_descriptors() -> usize {
    std::fs::read_dir("/proc/self/fd").map_or(0, |d| d.count())
}

fn resident_bytes() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    // SAFETY: sysconf has no preconditions.
    pages * unsafe { libc::sysconf(libc::_SC_PAGESIZE) } as u64
}

fn set_limit(n: u32) {
    // SAFETY: a DWORD and its size.
    let ok = unsafe {
        InternetSetOptionA(
            null_mut(),
            INTERNET_OPTION_MAX_CONNS_PER_SERVER,
            &n as *const u32 as *mut c_void,
            4,
        )
    };
    assert_ne!(ok, 0);
}

/// One round: every request through one async session; returns when all
/// have finished and the session is closed.
fn round(port: u16) {
    FINISHED.store(0, Ordering::SeqCst);
    OK.store(0, Ordering::SeqCst);
    let lanes: Vec<Lane> = (0..REQUESTS)
        .map(|_| Lane {
            req: UnsafeCell::new(0),
            reading: UnsafeCell::new(false),
            buf: UnsafeCell::new([0; 2048]),
            got: UnsafeCell::new(0),
            total: UnsafeCell::new(0),
        })
        .collect();
    // SAFETY: NUL-terminated strings or NULL; a callback of the right type.
    let (session, connect) = unsafe {
        let session = InternetOpenA(
            c"storm".as_ptr(),
            INTERNET_OPEN_TYPE_DIRECT,
            null(),
            null(),
            INTERNET_FLAG_ASYNC,
        );
        assert!(!session.is_null());
        InternetSetStatusCallbackA(session, Some(on_status));
        let connect = InternetConnectA(
            session,
            c"127.0.0.1".as_ptr(),
            port,
            null(),
            null(),
            INTERNET_SERVICE_HTTP,
            0,
            0,
        );
        assert!(!connect.is_null());
        (session as usize, connect as usize)
    };
    let lanes_addr = lanes.as_ptr() as usize;
    let threads: Vec<_> = (0..THREADS)
        .map(|t| {
            std::thread::spawn(move || {
                for i in t * PER_THREAD..(t + 1) * PER_THREAD {
                    // SAFETY: `lanes` outlives the round; this lane is this
                    // thread's until its send is under way.
                    let lane = unsafe { &*(lanes_addr as *const Lane).add(i) };
                    // SAFETY: a live connect handle; NUL-terminated strings.
                    unsafe {
                        let req = HttpOpenRequestA(
                            connect as HINTERNET,
                            c"GET".as_ptr(),
                            c"/hello".as_ptr(),
                            null(),
                            null(),
                            null(),
                            INTERNET_FLAG_RELOAD,
                            lane as *const Lane as DWORD_PTR,
                        );
                        assert!(!req.is_null(), "HttpOpenRequestA: {}", GetLastError());
                        *lane.req.get() = req as usize;
                        if HttpSendRequestA(req, null(), 0, null_mut(), 0) != 0 {
                            drive(lane);
                        } else if GetLastError() != ERROR_IO_PENDING {
                            finish(lane, Err(("send", GetLastError())));
                        }
                    }
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut guard = DONE.0.lock().unwrap();
    while FINISHED.load(Ordering::SeqCst) < REQUESTS && Instant::now() < deadline {
        guard = DONE
            .1
            .wait_timeout(guard, Duration::from_millis(100))
            .unwrap()
            .0;
    }
    drop(guard);
    InternetCloseHandle(connect as HINTERNET);
    InternetCloseHandle(session as HINTERNET);
    // Late callbacks (HANDLE_CLOSING) may still name a lane: let them pass
    // before the lanes go.
    std::thread::sleep(Duration::from_millis(200));
    let failures = std::mem::take(&mut *FAILURES.lock().unwrap());
    assert_eq!(
        (FINISHED.load(Ordering::SeqCst), OK.load(Ordering::SeqCst)),
        (REQUESTS, REQUESTS),
        "failures (first 10 of {}): {:?}",
        failures.len(),
        &failures[..failures.len().min(10)]
    );
    drop(lanes);
}

/// Waits up to 5 s for `count()` to reach at most `want`; the last count.
fn settle(want: usize, count: impl Fn() -> usize) -> usize {
    let start = Instant::now();
    loop {
        let n = count();
        if n <= want || start.elapsed() > Duration::from_secs(5) {
            return n;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_storm_leaves_no_descriptors_and_no_growing_memory() {
    let server = testserver::Server::start();
    let port = server.port();
    // The runtime, its reactor and the callback threads are made at first
    // use and stay for the process: one request first, then the baseline.
    // SAFETY: NUL-terminated strings or NULL.
    unsafe {
        let session = InternetOpenA(
            c"warm".as_ptr(),
            INTERNET_OPEN_TYPE_DIRECT,
            null(),
            null(),
            0,
        );
        let url = std::ffi::CString::new(server.url("/hello")).unwrap();
        let req = wininet::exports::InternetOpenUrlA(session, url.as_ptr(), null(), 0, 0, 0);
        assert!(!req.is_null(), "warm-up request");
        InternetCloseHandle(req);
        InternetCloseHandle(session);
    }
    // The server's end of the warm-up connection closes on its own thread.
    std::thread::sleep(Duration::from_millis(300));
    let fds = open_descriptors();
    let mut warmed = 0;
    for r in 0..ROUNDS {
        set_limit(if r == 0 { 2 } else { 256 });
        round(port);
        let now = settle(fds, open_descriptors);
        let rss = resident_bytes();
        eprintln!(
            "round {}: {REQUESTS} ok, {now} descriptors (baseline {fds}), {} KiB resident",
            r + 1,
            rss >> 10
        );
        assert_eq!(now, fds, "descriptors left open after round {}", r + 1);
        if r <= 1 {
            warmed = rss;
        } else {
            assert!(
                rss <= warmed + RSS_MARGIN,
                "resident memory grew by {} KiB after round 2",
                (rss - warmed) >> 10
            );
        }
    }
    set_limit(2);
}
