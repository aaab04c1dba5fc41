//! Uploads: `HttpSendRequestEx`, `InternetWriteFile`, `HttpEndRequest`
//! (the engine's `Request::send_ex`, `write`, `end_request`; the WinINet
//! facts are in the engine's `request/upload.rs`).
//!
//! Buffers: a synchronous call lends its buffer for the call's duration
//! and the engine writes from it (no copy). An asynchronous
//! `InternetWriteFile` lends its buffer until REQUEST_COMPLETE, as WinINet
//! requires (KB 242019: a write that pends completes later, and its buffer
//! must stay valid until then); `ops::OpControl` guarantees no access after
//! the handle is closed. An asynchronous `HttpSendRequest(Ex)` copies its
//! optional data once, so the application may reuse the buffer at once.

use crate::dispatch::{self, Event};
use crate::ffi::*;
use crate::handles::{self, Handle, Kind};
use crate::ops;
use crate::types::{INTERNET_BUFFERSA, INTERNET_BUFFERSW, LPCVOID};
use openinet::{Error, Request, Status};
use std::sync::atomic::Ordering;
use std::sync::Arc;

/// Memory of the application lent to an operation: read only inside the
/// operation's polls, which `OpControl` serialises with closing.
#[derive(Clone, Copy)]
pub(crate) struct Lent {
    ptr: *const u8,
    len: usize,
}

// SAFETY: the pointer is only dereferenced inside the operation's polls,
// while the application's lending holds (see the module doc).
unsafe impl Send for Lent {}

impl Lent {
    /// # Safety
    /// `ptr` is NULL only when `len` is 0, else valid for `len` bytes for
    /// the operation's duration.
    pub(crate) unsafe fn new(ptr: *const u8, len: usize) -> Lent {
        Lent { ptr, len }
    }

    /// The lent bytes.
    ///
    /// # Safety
    /// Only inside the operation, while the lending holds.
    pub(crate) unsafe fn bytes<'a>(self) -> &'a [u8] {
        if self.len == 0 || self.ptr.is_null() {
            return &[];
        }
        // SAFETY: valid for `len` bytes, per `new`'s contract.
        unsafe { std::slice::from_raw_parts(self.ptr, self.len) }
    }

    /// A copy, for an operation that outlives the call.
    ///
    /// # Safety
    /// During the call that lent the bytes.
    pub(crate) unsafe fn to_owned(self) -> Vec<u8> {
        // SAFETY: the call is still running.
        unsafe { self.bytes() }.to_vec()
    }
}

/// A request body as an operation holds it: lent (sync) or copied (async).
pub(crate) enum Body {
    Lent(Lent),
    Owned(Vec<u8>),
}

impl Body {
    /// The body for a call on `handle`: copied when the operation may
    /// outlive the call.
    ///
    /// # Safety
    /// As `Lent::new`.
    pub(crate) unsafe fn for_call(handle: &Handle, ptr: *const u8, len: usize) -> Body {
        // SAFETY: per this function's contract.
        let lent = unsafe { Lent::new(ptr, len) };
        if handle.is_async {
            // SAFETY: still inside the call.
            Body::Owned(unsafe { lent.to_owned() })
        } else {
            Body::Lent(lent)
        }
    }

    /// # Safety
    /// Inside the operation (a lent body's lending holds until its end).
    pub(crate) unsafe fn bytes(&self) -> &[u8] {
        match self {
            // SAFETY: the sync caller waits for the operation.
            Body::Lent(l) => unsafe { l.bytes() },
            Body::Owned(v) => v,
        }
    }
}

/// What `HttpSendRequestEx` reads of an `INTERNET_BUFFERS`.
struct BuffersIn {
    headers: Option<String>,
    first: Body,
    total: u64,
}

/// `HttpSendRequestEx` for both widths.
fn send_request_ex(
    h: HINTERNET,
    read: impl FnOnce(&Handle) -> Result<Option<BuffersIn>, Error>,
    buffers_out: bool,
) -> Result<BOOL, Error> {
    let handle = handles::get_for_http(h)?;
    let request = handle.request()?.clone();
    // lpBuffersOut is reserved and must be NULL (Microsoft's documentation).
    if buffers_out {
        return Err(Error::InvalidParameter);
    }
    let input = read(&handle)?;
    // The handle's timeouts and proxy settings, as HttpSendRequest takes them.
    let settings = crate::api_http::SendSettings::of(&handle, &request);
    handle.responded.store(false, Ordering::Release);
    let op = async move {
        let mut r = request.lock_owned().await;
        settings.apply(&mut r);
        match input {
            None => r.send_ex(None, &[], 0).await,
            Some(b) => {
                // SAFETY: inside the operation; a lent body's caller waits.
                let first = unsafe { b.first.bytes() };
                r.send_ex(b.headers.as_deref(), first, b.total).await
            }
        }
    };
    ops::run_bool(&handle, op)
}

#[no_mangle]
pub unsafe extern "C" fn HttpSendRequestExA(
    h: HINTERNET,
    buffers_in: *mut INTERNET_BUFFERSA,
    buffers_out: *mut INTERNET_BUFFERSA,
    _flags: DWORD,
    _context: DWORD_PTR,
) -> BOOL {
    boundary(|| {
        let read = |handle: &Handle| {
            if buffers_in.is_null() {
                return Ok(None);
            }
            // SAFETY: a valid INTERNET_BUFFERSA, per the API. Only the first
            // is read: `Next` is not followed (Wine's HttpSendRequestEx_test,
            // run on Windows, passes a bogus `Next`).
            let b = unsafe { *buffers_in };
            // Headers with a length of 0 are a bad parameter in the A form
            // (Wine's http.c test_header_length, checked on Windows).
            if !b.lpcszHeader.is_null() && b.dwHeadersLength == 0 {
                return Err(Error::InvalidParameter);
            }
            // SAFETY: `dwHeadersLength` bytes, or NUL-terminated when -1.
            let headers = unsafe {
                opt_str_a_len(
                    b.lpcszHeader,
                    crate::api_http::header_len(b.dwHeadersLength),
                )
            };
            // SAFETY: `lpvBuffer` holds `dwBufferLength` bytes.
            let first = unsafe {
                Body::for_call(handle, b.lpvBuffer as *const u8, b.dwBufferLength as usize)
            };
            Ok(Some(BuffersIn {
                headers,
                first,
                total: b.dwBufferTotal.into(),
            }))
        };
        send_request_ex(h, read, !buffers_out.is_null())
    })
}

#[no_mangle]
pub unsafe extern "C" fn HttpSendRequestExW(
    h: HINTERNET,
    buffers_in: *mut INTERNET_BUFFERSW,
    buffers_out: *mut INTERNET_BUFFERSW,
    _flags: DWORD,
    _context: DWORD_PTR,
) -> BOOL {
    boundary(|| {
        let read = |handle: &Handle| {
            if buffers_in.is_null() {
                return Ok(None);
            }
            // SAFETY: a valid INTERNET_BUFFERSW, per the API (`Next` unread).
            let b = unsafe { *buffers_in };
            // The W form reads headers of length 0 to their NUL (Wine's
            // http.c test_header_length, checked on Windows).
            // SAFETY: `dwHeadersLength` units, or NUL-terminated.
            let headers = unsafe {
                opt_str_w_len(
                    b.lpcszHeader,
                    crate::api_http::header_len(b.dwHeadersLength),
                )
            };
            // SAFETY: `lpvBuffer` holds `dwBufferLength` bytes.
            let first = unsafe {
                Body::for_call(handle, b.lpvBuffer as *const u8, b.dwBufferLength as usize)
            };
            Ok(Some(BuffersIn {
                headers,
                first,
                total: b.dwBufferTotal.into(),
            }))
        };
        send_request_ex(h, read, !buffers_out.is_null())
    })
}

/// `HttpEndRequest` for both widths.
///
/// Its REQUEST_COMPLETE comes in sync mode too, after the response
/// statuses, with the call's result (Wine 8 probed: `{1, 0}` on success,
/// `{0, 12017}` without an upload in progress); in async mode the call
/// pends and REQUEST_COMPLETE carries the result, as for every operation
/// (test_async_HttpSendRequestEx, checked on Windows).
fn end_request(h: HINTERNET, buffers_out: bool) -> Result<BOOL, Error> {
    let handle = handles::get_for_http(h)?;
    let request = handle.request()?.clone();
    // test_async_HttpSendRequestEx, on Windows: an lpBuffersOut is
    // ERROR_INVALID_PARAMETER, and the upload goes on.
    if buffers_out {
        return Err(Error::InvalidParameter);
    }
    let responded = Arc::downgrade(&handle);
    let op = async move {
        let mut r = request.lock_owned().await;
        r.end_request().await?;
        if let Some(h) = responded.upgrade() {
            h.responded.store(true, Ordering::Release);
        }
        Ok(())
    };
    if handle.is_async {
        return Err(ops::spawn_async(
            &handle,
            async move { op.await.map(|()| 1) },
        ));
    }
    let result = ops::run_sync(&handle, op);
    let (value, error) = match result {
        Ok(()) => (1, 0),
        Err(e) => (0, e.code()),
    };
    let complete = Event {
        hinternet: handle.value,
        context: handle.context(),
        status: Status::RequestComplete {
            result: value,
            error,
        },
    };
    dispatch::invoke(&handle, &complete);
    result?;
    ok_true()
}

#[no_mangle]
pub unsafe extern "C" fn HttpEndRequestA(
    h: HINTERNET,
    buffers_out: *mut INTERNET_BUFFERSA,
    _flags: DWORD,
    _context: DWORD_PTR,
) -> BOOL {
    boundary(|| end_request(h, !buffers_out.is_null()))
}

#[no_mangle]
pub unsafe extern "C" fn HttpEndRequestW(
    h: HINTERNET,
    buffers_out: *mut INTERNET_BUFFERSW,
    _flags: DWORD,
    _context: DWORD_PTR,
) -> BOOL {
    boundary(|| end_request(h, !buffers_out.is_null()))
}

/// The caller's count of bytes written, carried into the operation.
#[derive(Clone, Copy)]
struct Count(LPDWORD);

// SAFETY: as `Lent`: written only inside the operation's polls.
unsafe impl Send for Count {}

impl Count {
    /// # Safety
    /// While the caller's count is valid (the call, or the operation).
    unsafe fn set(self, n: usize) {
        // SAFETY: per this function's contract.
        unsafe { put_dword(self.0, n as DWORD) };
    }
}

/// `InternetWriteFile` on a request: the body's next bytes.
///
/// Sync: written from the caller's buffer on its thread. Async: tried at
/// once on the caller's thread (SENDING_REQUEST and REQUEST_SENT arrive
/// there and the call returns TRUE, as in Wine's
/// test_async_HttpSendRequestEx on Windows); a write the socket cannot take
/// at once pends (`ERROR_IO_PENDING`), and its count is stored before
/// REQUEST_COMPLETE `{1, 0}` (KB 242019).
fn write_request(
    handle: &Arc<Handle>,
    request: Arc<tokio::sync::Mutex<Request>>,
    data: Lent,
    count: Count,
) -> Result<BOOL, Error> {
    // SAFETY: the caller's count, valid during the call.
    unsafe { count.set(0) };
    let op = async move {
        let mut r = request.lock_owned().await;
        // SAFETY: inside the operation, while the caller lends the buffer.
        let n = r.write(unsafe { data.bytes() }).await?;
        // SAFETY: the count stays valid until the operation completes.
        unsafe { count.set(n) };
        Ok(n)
    };
    if handle.is_async {
        ops::start_read(handle, op, |_| (1, 0))?;
    } else {
        ops::run_sync(handle, op)?;
    }
    ok_true()
}

/// `InternetWriteFile` on a handle that is not an FTP file: the export
/// lives in `api_ftp`, which hands every other handle here (it has checked
/// `written` and set it to 0).
///
/// # Safety
/// `buffer` holds `len` bytes, lent per the module doc; `written` is valid.
pub(crate) unsafe fn write_file(
    handle: &Arc<Handle>,
    buffer: LPCVOID,
    len: DWORD,
    written: LPDWORD,
) -> Result<BOOL, Error> {
    // Wine dereferences both without a check; a NULL is a bad parameter.
    if written.is_null() || (buffer.is_null() && len > 0) {
        return Err(Error::InvalidParameter);
    }
    // SAFETY: `buffer` holds `len` bytes, lent per the module doc.
    let data = unsafe { Lent::new(buffer as *const u8, len as usize) };
    match &handle.kind {
        Kind::Request(r) => write_request(handle, r.clone(), data, Count(written)),
        _ => Err(Error::IncorrectHandleType),
    }
}
