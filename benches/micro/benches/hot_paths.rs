//! criterion micro-benchmarks of OpenINet's hot paths:
//!
//! - `h1/parse_head`: parsing a typical nginx response head (the engine's
//!   own `http/h1.rs`, compiled into this bench: the module is crate-private);
//! - `query_info/*`: HttpQueryInfo lookups, through the Rust API and the C API;
//! - `crack_url/*`: URL cracking, Rust and C;
//! - `callback/*`: one status callback delivered through the async queue
//!   (an async connect handle opened and closed with and without a
//!   callback context: the difference is HANDLE_CREATED, delivered inline,
//!   plus HANDLE_CLOSING, queued, delivered on a callback thread and waited
//!   for);
//! - `read_buffered/*`: InternetReadFile calls that find the data buffered
//!   (64 bytes per call from a 1 MiB body; the occasional refill of the
//!   engine's 64 KiB buffer is included, amortized).
//!
//! The responses come from a canned in-process keep-alive server on
//! 127.0.0.1, so nothing here depends on nginx.

#![allow(clippy::missing_safety_doc)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use std::ffi::{c_void, CString};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::{Duration, Instant};
use wininet::ffi::{BOOL, DWORD, DWORD_PTR, HINTERNET};
use wininet::types::URL_COMPONENTSA;

// `h1.rs` names `crate::Error`.
use openinet::Error;
#[allow(dead_code, unused_imports)]
#[path = "../../../crates/openinet/src/http/h1.rs"]
mod h1;

extern "C" {
    fn InternetOpenA(
        agent: *const i8,
        access: DWORD,
        proxy: *const i8,
        bypass: *const i8,
        flags: DWORD,
    ) -> HINTERNET;
    fn InternetConnectA(
        h: HINTERNET,
        server: *const i8,
        port: u16,
        user: *const i8,
        password: *const i8,
        service: DWORD,
        flags: DWORD,
        context: DWORD_PTR,
    ) -> HINTERNET;
    fn HttpOpenRequestA(
        h: HINTERNET,
        verb: *const i8,
        object: *const i8,
        version: *const i8,
        referrer: *const i8,
        accept: *const *const i8,
        flags: DWORD,
        context: DWORD_PTR,
    ) -> HINTERNET;
    fn HttpSendRequestA(
        h: HINTERNET,
        headers: *const i8,
        len: DWORD,
        optional: *mut c_void,
        olen: DWORD,
    ) -> BOOL;
    fn HttpQueryInfoA(
        h: HINTERNET,
        level: DWORD,
        buf: *mut c_void,
        len: *mut DWORD,
        index: *mut DWORD,
    ) -> BOOL;
    fn InternetReadFile(h: HINTERNET, buf: *mut c_void, len: DWORD, read: *mut DWORD) -> BOOL;
    fn InternetCloseHandle(h: HINTERNET) -> BOOL;
    fn InternetSetStatusCallbackA(
        h: HINTERNET,
        cb: Option<unsafe extern "C" fn(HINTERNET, DWORD_PTR, DWORD, *mut c_void, DWORD)>,
    ) -> *mut c_void;
    fn InternetCrackUrlA(
        url: *const i8,
        len: DWORD,
        flags: DWORD,
        uc: *mut URL_COMPONENTSA,
    ) -> BOOL;
}

// Make sure the C exports are linked in.
use wininet as _;

use openinet::consts::{HTTP_QUERY_CONTENT_TYPE, HTTP_QUERY_FLAG_NUMBER, HTTP_QUERY_STATUS_CODE};
const STATUS_NUMBER: u32 = HTTP_QUERY_STATUS_CODE | HTTP_QUERY_FLAG_NUMBER;

/// A typical nginx response head.
const HEAD: &[u8] =
    b"HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nDate: Tue, 25 Nov 2025 02:24:00 GMT\r\n\
Content-Type: application/octet-stream\r\nContent-Length: 1048576\r\n\
Last-Modified: Tue, 25 Nov 2025 02:20:00 GMT\r\nConnection: keep-alive\r\n\
ETag: \"6924f8c0-100000\"\r\nAccept-Ranges: bytes\r\n\r\n";

const BODY_LEN: usize = 1 << 20;

/// A keep-alive server answering every request with HEAD and a 1 MiB body.
fn canned_server() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { continue };
            std::thread::spawn(move || {
                let mut response = HEAD.to_vec();
                response.extend(std::iter::repeat_n(b'x', BODY_LEN));
                let mut buf = [0u8; 4096];
                let mut seen = Vec::new();
                loop {
                    let n = match s.read(&mut buf) {
                        Ok(0) | Err(_) => return,
                        Ok(n) => n,
                    };
                    seen.extend_from_slice(&buf[..n]);
                    while let Some(end) = seen.windows(4).position(|w| w == b"\r\n\r\n") {
                        seen.drain(..end + 4);
                        if s.write_all(&response).is_err() {
                            return;
                        }
                    }
                }
            });
        }
    });
    port
}

fn cstr(s: &str) -> CString {
    CString::new(s).expect("no NUL")
}

fn h1_parse(c: &mut Criterion) {
    c.bench_function("h1/parse_head", |b| {
        b.iter(|| {
            let (head, used) = h1::parse_response_head(black_box(HEAD)).unwrap().unwrap();
            black_box((head.status, used));
        })
    });
}

/// A sync-mode request handle with the canned response received.
unsafe fn sent_request(port: u16) -> (HINTERNET, HINTERNET, HINTERNET) {
    let session = InternetOpenA(
        cstr("micro").as_ptr(),
        1,
        std::ptr::null(),
        std::ptr::null(),
        0,
    );
    let connect = InternetConnectA(
        session,
        cstr("127.0.0.1").as_ptr(),
        port,
        std::ptr::null(),
        std::ptr::null(),
        3,
        0,
        0,
    );
    let req = HttpOpenRequestA(
        connect,
        cstr("GET").as_ptr(),
        cstr("/").as_ptr(),
        std::ptr::null(),
        std::ptr::null(),
        std::ptr::null(),
        0,
        0,
    );
    assert!(!req.is_null());
    assert!(HttpSendRequestA(req, std::ptr::null(), 0, std::ptr::null_mut(), 0) != 0);
    (session, connect, req)
}

fn query_info(c: &mut Criterion) {
    let port = canned_server();
    let url = format!("http://127.0.0.1:{port}/");
    let session = openinet::Session::new(openinet::SessionConfig::default());
    let mut request = session.open_url_request(&url, 0).expect("request");
    openinet::runtime()
        .block_on(request.send(None, Vec::new()))
        .expect("send");
    c.bench_function("query_info/rust_content_type", |b| {
        b.iter(|| {
            let mut index = 0;
            black_box(
                request
                    .query_info(HTTP_QUERY_CONTENT_TYPE, None, &mut index)
                    .unwrap(),
            );
        })
    });
    c.bench_function("query_info/rust_status_number", |b| {
        b.iter(|| {
            let mut index = 0;
            black_box(request.query_info(STATUS_NUMBER, None, &mut index).unwrap());
        })
    });
    drop(request);
    // SAFETY: the C API used as documented; handles closed at the end.
    unsafe {
        let (s, conn, req) = sent_request(port);
        c.bench_function("query_info/c_content_type", |b| {
            let mut buf = [0u8; 128];
            b.iter(|| {
                let mut len = buf.len() as DWORD;
                let ok = HttpQueryInfoA(
                    req,
                    HTTP_QUERY_CONTENT_TYPE,
                    buf.as_mut_ptr().cast(),
                    &mut len,
                    std::ptr::null_mut(),
                );
                black_box((ok, len));
            })
        });
        c.bench_function("query_info/c_status_number", |b| {
            b.iter(|| {
                let mut code: DWORD = 0;
                let mut len = 4;
                let ok = HttpQueryInfoA(
                    req,
                    STATUS_NUMBER,
                    (&mut code as *mut DWORD).cast(),
                    &mut len,
                    std::ptr::null_mut(),
                );
                black_box((ok, code));
            })
        });
        InternetCloseHandle(req);
        InternetCloseHandle(conn);
        InternetCloseHandle(s);
    }
}

const URL: &str = "http://user:secret@www.example.com:8080/path/to/some/file.html?query=1&x=2#frag";

fn crack_url(c: &mut Criterion) {
    c.bench_function("crack_url/rust", |b| {
        b.iter(|| black_box(openinet::url::crack(black_box(URL), 0).unwrap()))
    });
    let url = cstr(URL);
    c.bench_function("crack_url/c", |b| {
        b.iter(|| {
            // SAFETY: URL_COMPONENTSA is plain data; zero is its empty state.
            let mut uc: URL_COMPONENTSA = unsafe { std::mem::zeroed() };
            let mut host = [0i8; 128];
            let mut path = [0i8; 256];
            let mut extra = [0i8; 128];
            uc.dwStructSize = std::mem::size_of::<URL_COMPONENTSA>() as DWORD;
            uc.lpszHostName = host.as_mut_ptr();
            uc.dwHostNameLength = host.len() as DWORD;
            uc.lpszUrlPath = path.as_mut_ptr();
            uc.dwUrlPathLength = path.len() as DWORD;
            uc.lpszExtraInfo = extra.as_mut_ptr();
            uc.dwExtraInfoLength = extra.len() as DWORD;
            // SAFETY: valid NUL-terminated URL and component buffers.
            let ok = unsafe { InternetCrackUrlA(url.as_ptr(), 0, 0, &mut uc) };
            black_box((ok, uc.nPort));
        })
    });
}

static CALLBACKS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

unsafe extern "C" fn quiet_callback(
    _h: HINTERNET,
    _ctx: DWORD_PTR,
    status: DWORD,
    _info: *mut c_void,
    _len: DWORD,
) {
    CALLBACKS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    black_box(status);
}

fn callback(c: &mut Criterion) {
    // SAFETY: the C API used as documented.
    unsafe {
        let session = InternetOpenA(
            cstr("micro").as_ptr(),
            1,
            std::ptr::null(),
            std::ptr::null(),
            0x1000_0000,
        );
        InternetSetStatusCallbackA(session, Some(quiet_callback));
        let host = cstr("127.0.0.1");
        for (name, context) in [
            ("callback/connect_close_no_context", 0usize),
            ("callback/connect_close_2_callbacks", 1),
        ] {
            let before = CALLBACKS.load(std::sync::atomic::Ordering::Relaxed);
            c.bench_function(name, |b| {
                b.iter(|| {
                    let h = InternetConnectA(
                        session,
                        host.as_ptr(),
                        80,
                        std::ptr::null(),
                        std::ptr::null(),
                        3,
                        0,
                        context,
                    );
                    InternetCloseHandle(black_box(h));
                })
            });
            // Says whether the callbacks were in fact made (criterion's
            // figure means little otherwise).
            eprintln!(
                "{name}: {} callbacks delivered",
                CALLBACKS.load(std::sync::atomic::Ordering::Relaxed) - before
            );
        }
        InternetCloseHandle(session);
    }
}

fn read_buffered(c: &mut Criterion) {
    let port = canned_server();
    // SAFETY: the C API used as documented; handles closed at the end.
    unsafe {
        let (s, conn, req) = sent_request(port);
        c.bench_function("read_buffered/c_64_bytes", |b| {
            let mut buf = [0u8; 64];
            b.iter_custom(|iters| {
                let mut timed = Duration::ZERO;
                let mut left = iters;
                while left > 0 {
                    let start = Instant::now();
                    let mut ended = false;
                    while left > 0 {
                        let mut got: DWORD = 0;
                        let ok = InternetReadFile(req, buf.as_mut_ptr().cast(), 64, &mut got);
                        assert!(ok != 0);
                        left -= 1;
                        if got == 0 {
                            ended = true;
                            break;
                        }
                    }
                    timed += start.elapsed();
                    if ended {
                        assert!(
                            HttpSendRequestA(req, std::ptr::null(), 0, std::ptr::null_mut(), 0)
                                != 0
                        );
                    }
                }
                timed
            })
        });
        InternetCloseHandle(req);
        InternetCloseHandle(conn);
        InternetCloseHandle(s);
    }
}

criterion_group!(
    benches,
    h1_parse,
    query_info,
    crack_url,
    callback,
    read_buffered
);
criterion_main!(benches);
