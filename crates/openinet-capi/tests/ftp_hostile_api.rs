//! The FTP exports against a scripted hostile FTP server: what reaches the
//! application is an error code (and the server's text where WinINet gives
//! it), never a crash or a hang; closing the session ends a transfer in
//! progress, sync or async.

use std::ffi::{c_void, CString};
use std::io::Write;
use std::ptr::null_mut;
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use testserver::ftp_script::{accept_data, FtpCtl, FtpScript};
use wininet::exports::*;
use wininet::ffi::HINTERNET;

const INTERNET_SERVICE_FTP: u32 = 1;
const INTERNET_FLAG_PASSIVE: u32 = 0x0800_0000;
const INTERNET_FLAG_ASYNC: u32 = 0x1000_0000;
const GENERIC_READ: u32 = 0x8000_0000;

fn session(flags: u32) -> HINTERNET {
    // SAFETY: valid C strings.
    let s = unsafe {
        InternetOpenA(
            c"hostile".as_ptr(),
            1,
            std::ptr::null(),
            std::ptr::null(),
            flags,
        )
    };
    assert!(!s.is_null());
    // Short timeouts: every wait here ends in seconds.
    for option in [2u32, 5, 6] {
        let ms: u32 = 800;
        // SAFETY: a DWORD option.
        assert_ne!(
            unsafe { InternetSetOptionA(s, option, (&ms as *const u32).cast_mut().cast(), 4) },
            0
        );
    }
    s
}

fn connect(s: HINTERNET, port: u16) -> HINTERNET {
    let host = CString::new("127.0.0.1").unwrap();
    // SAFETY: valid strings.
    unsafe {
        InternetConnectA(
            s,
            host.as_ptr(),
            port,
            c"u".as_ptr(),
            c"p".as_ptr(),
            INTERNET_SERVICE_FTP,
            INTERNET_FLAG_PASSIVE,
            1,
        )
    }
}

fn last_response() -> String {
    let mut buf = vec![0u8; 1 << 20];
    let (mut code, mut len) = (0u32, buf.len() as u32);
    // SAFETY: a buffer of `len` bytes.
    assert_ne!(
        unsafe { InternetGetLastResponseInfoA(&mut code, buf.as_mut_ptr().cast(), &mut len) },
        0
    );
    String::from_utf8_lossy(&buf[..len as usize]).into_owned()
}

#[test]
fn garbage_and_huge_replies() {
    let server = FtpScript::start(|mut c: FtpCtl| {
        c.send("SSH-2.0-OpenSSH\r\n");
        let _ = c.command();
    });
    let s = session(0);
    assert!(connect(s, server.port()).is_null());
    assert_eq!(GetLastError(), 12111, "ERROR_FTP_DROPPED");

    let server = FtpScript::start(|mut c: FtpCtl| {
        c.send("220-");
        c.send(&"y".repeat(300 * 1024));
        c.send("\r\n220 hi\r\n");
        c.expect("USER");
        c.send("530 go away\r\n");
        let _ = c.command();
    });
    assert!(connect(s, server.port()).is_null());
    assert_eq!(GetLastError(), 12015, "ERROR_INTERNET_LOGIN_FAILURE");
    assert_eq!(last_response(), "530 go away\r\n");
    InternetCloseHandle(s);
}

fn script_with_stalled_transfer(mut c: FtpCtl) {
    c.login();
    c.expect("SIZE");
    c.send("213 1000000\r\n");
    let data = c.pasv();
    c.expect("RETR");
    c.send("150 here it comes\r\n");
    if let Some(mut d) = accept_data(&data) {
        let _ = d.write_all(&[1u8; 1000]);
        // Then nothing: the client gives up or closes.
        std::thread::sleep(Duration::from_secs(3));
    }
}

#[test]
fn a_stalled_transfer_times_out() {
    let server = FtpScript::start(script_with_stalled_transfer);
    let s = session(0);
    let c = connect(s, server.port());
    assert!(!c.is_null(), "login: {}", GetLastError());
    // SAFETY: valid arguments.
    let f = unsafe { FtpOpenFileA(c, c"f".as_ptr(), GENERIC_READ, 2, 2) };
    assert!(!f.is_null(), "open: {}", GetLastError());
    assert_eq!(unsafe { FtpGetFileSize(f, null_mut()) }, 1_000_000);
    let mut buf = vec![0u8; 4096];
    let mut n = 0u32;
    // SAFETY: a buffer of 4096 bytes.
    assert_ne!(
        unsafe { InternetReadFile(f, buf.as_mut_ptr().cast(), 4096, &mut n) },
        0
    );
    assert_eq!(n, 1000, "what came before the stall");
    // SAFETY: as above.
    assert_eq!(
        unsafe { InternetReadFile(f, buf.as_mut_ptr().cast(), 4096, &mut n) },
        0
    );
    assert_eq!(GetLastError(), 12002, "ERROR_INTERNET_TIMEOUT");
    InternetCloseHandle(f);
    InternetCloseHandle(s);
}

static COMPLETED: AtomicU32 = AtomicU32::new(0);
static RESULT: AtomicUsize = AtomicUsize::new(0);
static CLOSING: AtomicUsize = AtomicUsize::new(0);

unsafe extern "C" fn callback(_: HINTERNET, _: usize, status: u32, info: *mut c_void, _: u32) {
    if status == 100 {
        // SAFETY: REQUEST_COMPLETE's info is an INTERNET_ASYNC_RESULT.
        let r = unsafe { &*(info as *const wininet::types::INTERNET_ASYNC_RESULT) };
        RESULT.store(r.dwResult, Ordering::SeqCst);
        COMPLETED.store(r.dwError | 0x8000_0000, Ordering::SeqCst);
    } else if status == 70 {
        CLOSING.fetch_add(1, Ordering::SeqCst);
    }
}

/// Waits for the next REQUEST_COMPLETE: (dwResult, dwError).
fn wait(what: &str) -> (usize, u32) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let v = COMPLETED.swap(0, Ordering::SeqCst);
        if v != 0 {
            return (RESULT.load(Ordering::SeqCst), v & 0x7FFF_FFFF);
        }
        assert!(Instant::now() < deadline, "no REQUEST_COMPLETE for {what}");
        std::thread::sleep(Duration::from_millis(2));
    }
}

#[test]
fn closing_the_session_cancels_a_pending_async_read() {
    let server = FtpScript::start(script_with_stalled_transfer);
    let s = session(INTERNET_FLAG_ASYNC);
    InternetSetStatusCallbackA(s, Some(callback));
    let c = connect(s, server.port());
    assert!(c.is_null() && GetLastError() == 997, "async login pends");
    let (c, error) = wait("login");
    assert_eq!(error, 0);
    let c = c as HINTERNET;
    // SAFETY: valid arguments.
    let f = unsafe { FtpOpenFileA(c, c"f".as_ptr(), GENERIC_READ, 2, 2) };
    assert!(f.is_null() && GetLastError() == 997, "async open pends");
    let (f, error) = wait("open");
    assert_eq!(error, 0);
    let f = f as HINTERNET;
    let mut buf = vec![0u8; 1 << 20];
    let mut n = 0u32;
    // SAFETY: the buffer outlives the operation (it ends when the handle closes).
    let r = unsafe { InternetReadFile(f, buf.as_mut_ptr().cast(), buf.len() as u32, &mut n) };
    assert!(
        r == 0 && GetLastError() == 997,
        "a read of more than is coming pends"
    );
    let closing = CLOSING.load(Ordering::SeqCst);
    assert_ne!(InternetCloseHandle(c), 0);
    let (_, error) = wait("the cancelled read");
    assert_eq!(error, 12017, "ERROR_INTERNET_OPERATION_CANCELLED");
    assert_eq!(
        CLOSING.load(Ordering::SeqCst),
        closing + 2,
        "file and connect handles closed"
    );
    // SAFETY: closed handle: an error, not a crash.
    assert_eq!(
        unsafe { InternetReadFile(f, buf.as_mut_ptr().cast(), 1, &mut n) },
        0
    );
    assert_eq!(GetLastError(), 6);
    InternetCloseHandle(s);
}
