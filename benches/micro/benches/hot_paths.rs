//! criterion micro-benchmarks of OpenINet's hot paths:
//!
//! - `h1/parse_head`: parsing a typical nginx response head into its one
//!   text buffer with line and field ranges (the engine's own
//!   `http/h1.rs`, compiled into this bench: the module is crate-private);
//! - `query_info/*`: HttpQueryInfo lookups on a received response, through
//!   the Rust API and the C API (a string header and the status as a number);
//! - `crack_url/*`: URL cracking, Rust and C (C into caller buffers);
//! - `callback/inline_*`: an async connect handle opened and closed without
//!   and with a context: with one, HANDLE_CREATED and HANDLE_CLOSING are
//!   both delivered inline on the calling thread (the difference is two
//!   inline callbacks);
//! - `callback/async_*`: one status callback (REQUEST_COMPLETE) through the
//!   async callback queue (dispatch's `post`, a callback thread, the C
//!   callback), from the post to the callback having run: one event per
//!   post (a callback thread woken each time), and 64 per post (per event);
//! - `read_buffered/c_64_bytes`: one InternetReadFile call of 64 bytes that
//!   finds them buffered (only such calls are timed; refills are not).
//!
//! The responses come from a canned in-process keep-alive server on
//! 127.0.0.1, so nothing here depends on nginx.

#![allow(clippy::missing_safety_doc)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use std::ffi::{c_void, CString};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use wininet::ffi::{BOOL, DWORD, DWORD_PTR, HINTERNET};
use wininet::types::URL_COMPONENTSA;

// `h1.rs` names `crate::Error`.
use openinet::Error;
#[allow(dead_code, unused_imports)]
#[path = "../../../crates/openinet/src/http/h1.rs"]
mod h1;

use wininet::exports::{
    HttpOpenRequestA, HttpQueryInfoA, HttpSendRequestA, InternetCloseHandle, InternetConnectA,
    InternetCrackUrlA, InternetOpenA, InternetQueryDataAvailable, InternetReadFile,
    InternetSetStatusCallbackA,
};

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
            black_box((&head, used));
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
        // The timed calls must be the successful lookups, not an error path.
        let mut buf = [0u8; 128];
        let mut len = buf.len() as DWORD;
        let ok = HttpQueryInfoA(
            req,
            HTTP_QUERY_CONTENT_TYPE,
            buf.as_mut_ptr().cast(),
            &mut len,
            std::ptr::null_mut(),
        );
        assert!(ok != 0 && &buf[..len as usize] == b"application/octet-stream");
        let (mut code, mut len): (DWORD, DWORD) = (0, 4);
        let ok = HttpQueryInfoA(
            req,
            STATUS_NUMBER,
            (&mut code as *mut DWORD).cast(),
            &mut len,
            std::ptr::null_mut(),
        );
        assert!(ok != 0 && code == 200);
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
    let (ok, port) = crack_c(&url);
    assert!(
        ok != 0 && port == 8080,
        "crack_url/c would time a failing call"
    );
    c.bench_function("crack_url/c", |b| b.iter(|| crack_c(&url)));
}

/// One InternetCrackUrlA into stack buffers: (result, port).
fn crack_c(url: &CString) -> (BOOL, u16) {
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
    black_box((ok, uc.nPort))
}

static CALLBACKS: AtomicU64 = AtomicU64::new(0);
/// REQUEST_COMPLETE callbacks run (the async queue benchmarks' count).
static COMPLETES: AtomicU64 = AtomicU64::new(0);

const INTERNET_STATUS_REQUEST_COMPLETE: DWORD = 100;
const INTERNET_FLAG_ASYNC: DWORD = 0x1000_0000;

unsafe extern "C" fn quiet_callback(
    _h: HINTERNET,
    _ctx: DWORD_PTR,
    status: DWORD,
    _info: *mut c_void,
    _len: DWORD,
) {
    if status == INTERNET_STATUS_REQUEST_COMPLETE {
        COMPLETES.fetch_add(1, Ordering::Release);
    } else {
        CALLBACKS.fetch_add(1, Ordering::Relaxed);
    }
    black_box(status);
}

/// Spins until the callback thread has run `target` REQUEST_COMPLETEs.
fn wait_completes(target: u64) {
    let start = Instant::now();
    while COMPLETES.load(Ordering::Acquire) < target {
        std::hint::spin_loop();
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "async callbacks not delivered"
        );
    }
}

/// Events per post in `callback/async_queue_per_event_in_batches_of_64`.
const BATCH: u64 = 64;

fn callback(c: &mut Criterion) {
    // SAFETY: the C API used as documented; handles closed at the end.
    unsafe {
        let session = InternetOpenA(
            cstr("micro").as_ptr(),
            1,
            std::ptr::null(),
            std::ptr::null(),
            INTERNET_FLAG_ASYNC,
        );
        InternetSetStatusCallbackA(session, Some(quiet_callback));
        let host = cstr("127.0.0.1");
        let connect = |context: usize| {
            InternetConnectA(
                session,
                host.as_ptr(),
                80,
                std::ptr::null(),
                std::ptr::null(),
                3,
                0,
                context,
            )
        };
        // Inline: HANDLE_CREATED and HANDLE_CLOSING are both delivered on
        // the calling thread, inside InternetConnect / InternetCloseHandle.
        // The pair's figure minus the no-context one is two inline callbacks.
        for (name, context) in [
            ("callback/inline_connect_close_no_context", 0usize),
            ("callback/inline_connect_close_2_callbacks", 1),
        ] {
            let before = CALLBACKS.load(Ordering::Relaxed);
            let mut iterations = 0u64;
            c.bench_function(name, |b| {
                b.iter(|| {
                    iterations += 1;
                    InternetCloseHandle(black_box(connect(context)));
                })
            });
            // Says whether the callbacks were in fact made (criterion's
            // figure means little otherwise).
            let made = CALLBACKS.load(Ordering::Relaxed) - before;
            eprintln!("{name}: {made} callbacks in {iterations} iterations");
            assert_eq!(made, if context == 0 { 0 } else { 2 * iterations });
        }

        // Async: REQUEST_COMPLETE posted to the handle's queue (as an I/O
        // thread does), run on a callback thread; timed from the post to the
        // callback having run, seen by this thread spinning on the count.
        let h = connect(1);
        assert!(!h.is_null());
        c.bench_function("callback/async_queue_one_post_to_run", |b| {
            b.iter_custom(|iters| {
                let mut target = COMPLETES.load(Ordering::Acquire);
                let start = Instant::now();
                for _ in 0..iters {
                    target += 1;
                    assert!(wininet::bench_post_request_complete(h, 1));
                    wait_completes(target);
                }
                start.elapsed()
            })
        });
        // The same, 64 events per post (one wake-up of the callback thread
        // for all): the figure is per callback.
        c.bench_function("callback/async_queue_per_event_in_batches_of_64", |b| {
            b.iter_custom(|iters| {
                let mut target = COMPLETES.load(Ordering::Acquire);
                let mut left = iters;
                let start = Instant::now();
                while left > 0 {
                    let n = left.min(BATCH);
                    target += n;
                    assert!(wininet::bench_post_request_complete(h, n as usize));
                    wait_completes(target);
                    left -= n;
                }
                start.elapsed()
            })
        });
        InternetCloseHandle(h);
        InternetCloseHandle(session);
    }
}

fn read_buffered(c: &mut Criterion) {
    let port = canned_server();
    // SAFETY: the C API used as documented; handles closed at the end.
    unsafe {
        let (s, conn, req) = sent_request(port);
        // Only calls that find their 64 bytes buffered are timed: the bytes
        // buffered are asked for first (InternetQueryDataAvailable reports
        // them without reading), the calls that fit in them timed, the rest
        // of the buffer and the next refill left out of the figure.
        c.bench_function("read_buffered/c_64_bytes", |b| {
            let mut buf = [0u8; 64];
            b.iter_custom(|iters| {
                let mut timed = Duration::ZERO;
                let mut left = iters;
                while left > 0 {
                    let mut avail: DWORD = 0;
                    assert!(InternetQueryDataAvailable(req, &mut avail, 0, 0) != 0);
                    if avail == 0 {
                        // The body ended: the next response on the same connection.
                        assert!(
                            HttpSendRequestA(req, std::ptr::null(), 0, std::ptr::null_mut(), 0)
                                != 0
                        );
                        continue;
                    }
                    let calls = (u64::from(avail) / 64).min(left);
                    let mut total: u64 = 0;
                    let start = Instant::now();
                    for _ in 0..calls {
                        let mut got: DWORD = 0;
                        let ok = InternetReadFile(req, buf.as_mut_ptr().cast(), 64, &mut got);
                        total += u64::from(got) & (ok as u64).wrapping_neg();
                        black_box(&buf);
                    }
                    timed += start.elapsed();
                    assert_eq!(total, calls * 64, "a timed read failed or came up short");
                    left -= calls;
                    // Whatever is left buffered (under 64 bytes, or the
                    // calls criterion did not ask for), outside the figure.
                    let rest = avail - (calls * 64) as DWORD;
                    if rest == 0 {
                        continue;
                    }
                    let mut sink = vec![0u8; rest as usize];
                    let mut got: DWORD = 0;
                    assert!(InternetReadFile(req, sink.as_mut_ptr().cast(), rest, &mut got) != 0);
                    assert_eq!(got, rest);
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
