//! A process short of descriptors (issue 9, defect 7): under a low
//! RLIMIT_NOFILE, many requests to one server all succeed with WinINet's
//! default per-server limit (they queue for its two connections instead of
//! each opening a socket); with the limit raised past what the descriptors
//! allow, the requests that cannot get a socket fail with
//! ERROR_TOO_MANY_OPEN_FILES (4), never with ERROR_INTERNET_CANNOT_CONNECT
//! (12029): the server is up, the process is out of descriptors.
//!
//! The limit is lowered in a child process (this test binary run again),
//! so the server, in the parent, is not short of descriptors itself.

use std::ffi::c_void;
use std::ptr::{null, null_mut};
use std::sync::{Arc, Barrier};

use wininet::exports::{
    HttpOpenRequestA, HttpSendRequestA, InternetCloseHandle, InternetConnectA, InternetOpenA,
    InternetReadFile, InternetSetOptionA,
};
use wininet::ffi::{GetLastError, HINTERNET};

const INTERNET_OPEN_TYPE_DIRECT: u32 = 1;
const INTERNET_SERVICE_HTTP: u32 = 3;
const INTERNET_FLAG_RELOAD: u32 = 0x8000_0000;
const INTERNET_OPTION_MAX_CONNS_PER_SERVER: u32 = 73;
const ERROR_TOO_MANY_OPEN_FILES: u32 = 4;

/// Requests at once, from as many threads.
const REQUESTS: usize = 48;
/// Descriptors the child may open beyond those it has when it starts.
const HEADROOM: u64 = 16;
const CHILD_ENV: &str = "OPENINET_FD_LIMIT_CHILD_PORT";

fn open_descriptors() -> u64 {
    std::fs::read_dir("/proc/self/fd").map_or(0, |d| d.count() as u64)
}

/// GET `path` with a sync request; Ok(body length) or the failing call's error.
fn get(connect: usize, path: &str, sent: &Barrier) -> Result<usize, u32> {
    let path = std::ffi::CString::new(path).unwrap();
    // SAFETY: a live connect handle; NUL-terminated strings; buffers that
    // outlive each call.
    unsafe {
        let req = HttpOpenRequestA(
            connect as HINTERNET,
            c"GET".as_ptr(),
            path.as_ptr(),
            null(),
            null(),
            null(),
            INTERNET_FLAG_RELOAD,
            0,
        );
        assert!(!req.is_null(), "HttpOpenRequestA: {}", GetLastError());
        sent.wait();
        if HttpSendRequestA(req, null(), 0, null_mut(), 0) == 0 {
            let e = GetLastError();
            InternetCloseHandle(req);
            return Err(e);
        }
        let mut total = 0;
        let mut buf = [0u8; 1024];
        loop {
            let mut got = 0u32;
            if InternetReadFile(req, buf.as_mut_ptr() as *mut c_void, 1024, &mut got) == 0 {
                let e = GetLastError();
                InternetCloseHandle(req);
                return Err(e);
            }
            if got == 0 {
                break;
            }
            total += got as usize;
        }
        InternetCloseHandle(req);
        Ok(total)
    }
}

/// `REQUESTS` requests at once; the outcome of each.
fn burst(connect: usize, path: &'static str) -> Vec<Result<usize, u32>> {
    let sent = Arc::new(Barrier::new(REQUESTS));
    let threads: Vec<_> = (0..REQUESTS)
        .map(|_| {
            let sent = Arc::clone(&sent);
            std::thread::spawn(move || get(connect, path, &sent))
        })
        .collect();
    threads.into_iter().map(|t| t.join().unwrap()).collect()
}

/// The child's part: runs under the lowered limit, panics on a failure.
fn child(port: u16) {
    let start = open_descriptors();
    let limit = start + HEADROOM;
    let lim = libc::rlimit {
        rlim_cur: limit,
        rlim_max: limit,
    };
    // SAFETY: a valid rlimit structure.
    assert_eq!(unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &lim) }, 0);
    // SAFETY: NUL-terminated strings or NULL.
    let connect = unsafe {
        let session = InternetOpenA(
            c"fd-limit".as_ptr(),
            INTERNET_OPEN_TYPE_DIRECT,
            null(),
            null(),
            0,
        );
        assert!(!session.is_null());
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
        connect as usize
    };

    // WinINet's default limit: every request gets through.
    let results = burst(connect, "/slow/20");
    let ok = results.iter().filter(|r| **r == Ok(5)).count();
    println!("default limit: {ok} of {REQUESTS} ok, {start} descriptors at start, limit {limit}");
    assert_eq!(ok, REQUESTS, "queued requests failed: {results:?}");

    // A limit the descriptors cannot honour: those without a socket fail
    // with ERROR_TOO_MANY_OPEN_FILES.
    let many = REQUESTS as u32;
    // SAFETY: a DWORD and its size.
    let set = unsafe {
        InternetSetOptionA(
            null_mut(),
            INTERNET_OPTION_MAX_CONNS_PER_SERVER,
            &many as *const u32 as *mut c_void,
            4,
        )
    };
    assert_ne!(set, 0);
    let results = burst(connect, "/slow/300");
    let ok = results.iter().filter(|r| **r == Ok(5)).count();
    let emfile = results
        .iter()
        .filter(|r| **r == Err(ERROR_TOO_MANY_OPEN_FILES))
        .count();
    println!("limit {REQUESTS}: {ok} ok, {emfile} out of descriptors");
    assert_eq!(ok + emfile, REQUESTS, "other outcomes: {results:?}");
    assert!(emfile > 0, "the descriptor limit never bit: {results:?}");
    assert!(ok > 0, "no request got through: {results:?}");
}

#[test]
fn requests_queue_within_a_low_descriptor_limit() {
    if let Ok(port) = std::env::var(CHILD_ENV) {
        child(port.parse().unwrap());
        return;
    }
    let server = testserver::Server::start();
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "requests_queue_within_a_low_descriptor_limit",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, server.port().to_string())
        .output()
        .expect("run the child");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    eprintln!("{stdout}{stderr}");
    assert!(out.status.success(), "child: {}", out.status);
    assert!(stdout.contains("default limit: 48 of 48 ok"), "{stdout}");
}
