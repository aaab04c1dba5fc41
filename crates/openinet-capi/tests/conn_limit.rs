//! The per-server connection limit (issue 9, defect 7), through the C API:
//! `INTERNET_OPTION_MAX_CONNS_PER_SERVER` / `..._PER_1_0_SERVER` default
//! to WinINet's 2 and 4 (KB 183110), requests beyond the limit wait for a
//! connection instead of opening more, the wait counts toward the connect
//! timeout (ERROR_INTERNET_TIMEOUT when it runs out), and raising the limit
//! lets waiting requests go.
//!
//! One test: the limit is process-wide, so its parts run in order.

use std::ffi::c_void;
use std::ptr::{null, null_mut};

use testserver::Server;
use wininet::exports::{
    HttpOpenRequestA, HttpSendRequestA, InternetCloseHandle, InternetConnectA, InternetOpenA,
    InternetQueryOptionA, InternetReadFile, InternetSetOptionA,
};
use wininet::ffi::{GetLastError, HINTERNET};

const INTERNET_OPEN_TYPE_DIRECT: u32 = 1;
const INTERNET_SERVICE_HTTP: u32 = 3;
const INTERNET_FLAG_RELOAD: u32 = 0x8000_0000;
const INTERNET_OPTION_CONNECT_TIMEOUT: u32 = 2;
const INTERNET_OPTION_MAX_CONNS_PER_SERVER: u32 = 73;
const INTERNET_OPTION_MAX_CONNS_PER_1_0_SERVER: u32 = 74;
const ERROR_INTERNET_TIMEOUT: u32 = 12002;
const ERROR_INTERNET_INVALID_OPERATION: u32 = 12016;

fn query_dword(h: HINTERNET, option: u32) -> Result<u32, u32> {
    let mut value = 0u32;
    let mut len = 4u32;
    // SAFETY: a DWORD buffer and its size.
    let ok =
        unsafe { InternetQueryOptionA(h, option, &mut value as *mut u32 as *mut c_void, &mut len) };
    if ok == 0 {
        Err(GetLastError())
    } else {
        Ok(value)
    }
}

fn set_dword(h: HINTERNET, option: u32, value: u32) -> Result<(), u32> {
    // SAFETY: a DWORD and its size.
    let ok = unsafe { InternetSetOptionA(h, option, &value as *const u32 as *mut c_void, 4) };
    if ok == 0 {
        Err(GetLastError())
    } else {
        Ok(())
    }
}

/// A session and a connection to `server` (both stay open: the test's
/// process ends soon after).
fn connect(server: &Server) -> (usize, usize) {
    // SAFETY: NUL-terminated strings or NULL.
    unsafe {
        let session = InternetOpenA(
            c"conn-limit".as_ptr(),
            INTERNET_OPEN_TYPE_DIRECT,
            null(),
            null(),
            0,
        );
        assert!(!session.is_null());
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
        assert!(!connect.is_null());
        (session as usize, connect as usize)
    }
}

/// Opens and sends GET `path`; the request handle, or the send's error.
fn send(connect: usize, path: &str, connect_timeout_ms: Option<u32>) -> Result<usize, u32> {
    let path = std::ffi::CString::new(path).unwrap();
    // SAFETY: a live connect handle; NUL-terminated strings.
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
        assert!(!req.is_null(), "HttpOpenRequestA");
        if let Some(ms) = connect_timeout_ms {
            set_dword(req, INTERNET_OPTION_CONNECT_TIMEOUT, ms).unwrap();
        }
        if HttpSendRequestA(req, null(), 0, null_mut(), 0) == 0 {
            let e = GetLastError();
            InternetCloseHandle(req);
            return Err(e);
        }
        Ok(req as usize)
    }
}

/// Reads the body to its end and closes the request.
fn finish(req: usize) -> usize {
    let mut total = 0;
    let mut buf = [0u8; 4096];
    loop {
        let mut got = 0u32;
        // SAFETY: a live request; a buffer and count that outlive the call.
        let ok = unsafe {
            InternetReadFile(
                req as HINTERNET,
                buf.as_mut_ptr() as *mut c_void,
                buf.len() as u32,
                &mut got,
            )
        };
        assert_ne!(ok, 0, "InternetReadFile");
        if got == 0 {
            break;
        }
        total += got as usize;
    }
    assert_ne!(InternetCloseHandle(req as HINTERNET), 0);
    total
}

#[test]
fn requests_beyond_the_limit_wait_for_a_connection() {
    // WinINet's defaults, process-wide.
    assert_eq!(
        query_dword(null_mut(), INTERNET_OPTION_MAX_CONNS_PER_SERVER),
        Ok(2)
    );
    assert_eq!(
        query_dword(null_mut(), INTERNET_OPTION_MAX_CONNS_PER_1_0_SERVER),
        Ok(4)
    );

    // A handle is the wrong place for them (Wine's internet.c, on Windows).
    let server = Server::start();
    let (session, conn) = connect(&server);
    assert_eq!(
        set_dword(
            session as HINTERNET,
            INTERNET_OPTION_MAX_CONNS_PER_SERVER,
            8
        ),
        Err(ERROR_INTERNET_INVALID_OPERATION)
    );
    assert_eq!(
        query_dword(conn as HINTERNET, INTERNET_OPTION_MAX_CONNS_PER_SERVER),
        Err(ERROR_INTERNET_INVALID_OPERATION)
    );

    // Six slow requests at once under the default limit: all succeed, over
    // at most two connections.
    let threads: Vec<_> = (0..6)
        .map(|_| {
            std::thread::spawn(move || {
                let req = send(conn, "/slow/150", None).expect("send");
                finish(req)
            })
        })
        .collect();
    for t in threads {
        assert_eq!(t.join().unwrap(), b"slow\n".len());
    }
    let opened = server.connections();
    assert!(
        (1..=2).contains(&opened),
        "{opened} connections for 6 requests under a limit of 2"
    );

    // Limit 1: while one request holds the connection (its body unread), a
    // second one waits, and its connect timeout covers the wait.
    set_dword(null_mut(), INTERNET_OPTION_MAX_CONNS_PER_SERVER, 1).unwrap();
    let holder = send(conn, "/bytes/300000", None).expect("first send");
    assert_eq!(
        send(conn, "/hello", Some(300)).map(|_| ()),
        Err(ERROR_INTERNET_TIMEOUT),
        "a request queued past its connect timeout"
    );

    // Raising the limit lets a waiting request go at once.
    let before = server.connections();
    let waiter = std::thread::spawn(move || send(conn, "/hello", None).map(finish));
    let port = server.port();
    while openinet::http::conn_limit::server_usage("127.0.0.1", port, false).1 == 0 {
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    assert_eq!(server.connections(), before, "the waiter connected");
    set_dword(null_mut(), INTERNET_OPTION_MAX_CONNS_PER_SERVER, 2).unwrap();
    assert_eq!(waiter.join().unwrap(), Ok(testserver::HELLO_BODY.len()));
    assert_eq!(finish(holder), 300_000);

    // Closing a request with its body unread frees its place too.
    set_dword(null_mut(), INTERNET_OPTION_MAX_CONNS_PER_SERVER, 1).unwrap();
    let unread = send(conn, "/bytes/300000", None).expect("send");
    assert_ne!(InternetCloseHandle(unread as HINTERNET), 0);
    let next = send(conn, "/hello", Some(5_000)).expect("after a close");
    assert_eq!(finish(next), testserver::HELLO_BODY.len());

    // Zero is refused, and the limit stays.
    assert_eq!(
        set_dword(null_mut(), INTERNET_OPTION_MAX_CONNS_PER_SERVER, 0),
        Err(160)
    );
    assert_eq!(
        query_dword(null_mut(), INTERNET_OPTION_MAX_CONNS_PER_SERVER),
        Ok(1)
    );
    set_dword(null_mut(), INTERNET_OPTION_MAX_CONNS_PER_SERVER, 2).unwrap();
}
