//! HTTP requests: `HttpOpenRequest`, `HttpSendRequest`, `InternetOpenUrl`,
//! `HttpQueryInfo`.

use crate::api_session::{announce_created, close_tree};
use crate::api_upload::Body;
use crate::dispatch;
use crate::ffi::*;
use crate::handles::{self, lock, Handle, Kind, NewHandle};
use crate::ops;
use crate::types::SYSTEMTIME;
use openinet::consts::*;
use openinet::http::query::Answer;
use openinet::{Error, Request, StatusSink, Timeouts};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Weak};

/// The sink that turns a request's engine statuses into this handle's callbacks.
fn sink_for(handle: &Arc<Handle>) -> StatusSink {
    let weak: Weak<Handle> = Arc::downgrade(handle);
    Arc::new(move |status| {
        if let Some(h) = weak.upgrade() {
            dispatch::notify(&h, status);
        }
    })
}

/// Creates the request handle under `parent` and announces it.
fn insert_request(
    parent: &Arc<Handle>,
    request: Request,
    flags: DWORD,
    context: DWORD_PTR,
) -> Result<Arc<Handle>, Error> {
    let handle = insert_request_quietly(parent, request, flags, context)?;
    announce_created(parent, &handle);
    Ok(handle)
}

/// Creates the request handle under `parent` without HANDLE_CREATED.
fn insert_request_quietly(
    parent: &Arc<Handle>,
    request: Request,
    flags: DWORD,
    context: DWORD_PTR,
) -> Result<Arc<Handle>, Error> {
    let handle = handles::insert(NewHandle::child(
        parent,
        Kind::Request(Arc::new(tokio::sync::Mutex::new(request))),
        flags,
        context,
    ))?;
    let Kind::Request(r) = &handle.kind else {
        unreachable!("just inserted a request")
    };
    {
        let mut r = r.try_lock().map_err(|_| Error::InternalError)?;
        r.set_status_sink(Some(sink_for(&handle)));
        lock(&handle.extra).url = Some(r.shared_url());
    }
    Ok(handle)
}

/// The timeouts in force on `handle` (options set on it or inherited).
pub(crate) fn timeouts_of(handle: &Handle, base: Timeouts) -> Timeouts {
    timeouts_of_extra(&lock(&handle.extra), base)
}

fn timeouts_of_extra(extra: &handles::Extra, base: Timeouts) -> Timeouts {
    Timeouts {
        connect: extra
            .connect_timeout
            .map_or(base.connect, Timeouts::from_millis),
        send: extra.send_timeout.map_or(base.send, Timeouts::from_millis),
        receive: extra
            .receive_timeout
            .map_or(base.receive, Timeouts::from_millis),
    }
}

/// What a send takes from its request handle's options, read on the
/// caller's thread and applied inside the operation: the timeouts in force,
/// the proxy settings and `INTERNET_OPTION_HTTP_DECODING`. HttpSendRequest
/// and HttpSendRequestEx both take them.
pub(crate) struct SendSettings {
    timeouts: Timeouts,
    proxy: Option<Arc<openinet::proxy::ProxyConfig>>,
    decoding: bool,
}

impl SendSettings {
    pub(crate) fn of(handle: &Handle, request: &tokio::sync::Mutex<Request>) -> SendSettings {
        let base = request.try_lock().map(|r| r.timeouts).unwrap_or_default();
        let extra = lock(&handle.extra);
        SendSettings {
            timeouts: timeouts_of_extra(&extra, base),
            proxy: extra.per_conn.engine_proxy(),
            decoding: extra.http_decoding,
        }
    }

    pub(crate) fn apply(self, r: &mut Request) {
        r.timeouts = self.timeouts;
        r.set_proxy(self.proxy);
        r.set_decoding(self.decoding);
    }
}

#[allow(clippy::too_many_arguments)]
fn open_request(
    h: HINTERNET,
    verb: Option<String>,
    object: Option<String>,
    version: Option<String>,
    referrer: Option<String>,
    accept: Vec<String>,
    flags: DWORD,
    context: DWORD_PTR,
) -> Result<HINTERNET, Error> {
    let parent = handles::get_for_http(h)?;
    let Kind::Connect(connection) = &parent.kind else {
        return Err(Error::IncorrectHandleType);
    };
    let connection = lock(connection).clone();
    let mut request = connection.open_request(
        verb.as_deref().unwrap_or(""),
        object.as_deref().unwrap_or(""),
        version.as_deref(),
        referrer.as_deref(),
        &accept,
        flags | (parent.flags & INTERNET_FLAG_SECURE),
    )?;
    request.timeouts = timeouts_of(&parent, request.timeouts);
    let handle = insert_request(&parent, request, flags, context)?;
    // Success leaves the last error as it was (Wine 8; its tests set
    // 0xdeadbeef before such calls and read it after).
    Ok(handle.hinternet())
}

/// The lowest address a string can have: the first 64 KiB are never
/// mapped, on Windows nor by default on Linux (`vm.mmap_min_addr`).
const FIRST_MAPPABLE: usize = 0x1_0000;

/// Reads a NULL-terminated array of accept types (the engine joins them
/// with `", "` into `Accept` and skips empty ones, as WinINet does).
///
/// An entry below [`FIRST_MAPPABLE`] (a small integer passed as a
/// pointer) ends the list: Wine's `test_bogus_accept_types_array` asserts,
/// on Windows, that an array opening with `(const char *)6240` gives no
/// `Accept` header at all (IE6-8 skipped such entries).
///
/// # Safety
/// `types` is NULL or a NULL-terminated array of strings read by `read`.
unsafe fn accept_types<T>(
    types: *const *const T,
    read: unsafe fn(*const T) -> Option<String>,
) -> Vec<String> {
    let mut out = Vec::new();
    if types.is_null() {
        return out;
    }
    for i in 0..1024 {
        // SAFETY: the array is NULL-terminated; we stop at the NULL.
        let p = unsafe { *types.add(i) };
        if (p as usize) < FIRST_MAPPABLE {
            break;
        }
        // SAFETY: each entry is a NUL-terminated string.
        if let Some(s) = unsafe { read(p) } {
            out.push(s);
        }
    }
    out
}

#[no_mangle]
pub unsafe extern "C" fn HttpOpenRequestA(
    h: HINTERNET,
    verb: LPCSTR,
    object: LPCSTR,
    version: LPCSTR,
    referrer: LPCSTR,
    accept: *const LPCSTR,
    flags: DWORD,
    context: DWORD_PTR,
) -> HINTERNET {
    boundary(|| {
        // SAFETY: NULL or NUL-terminated strings, per the API.
        let (v, o, ver, r) = unsafe {
            (
                opt_str_a(verb),
                opt_str_a(object),
                opt_str_a(version),
                opt_str_a(referrer),
            )
        };
        // SAFETY: NULL or a NULL-terminated array, per the API.
        let accept = unsafe { accept_types(accept, opt_str_a) };
        open_request(h, v, o, ver, r, accept, flags, context)
    })
}

#[no_mangle]
pub unsafe extern "C" fn HttpOpenRequestW(
    h: HINTERNET,
    verb: LPCWSTR,
    object: LPCWSTR,
    version: LPCWSTR,
    referrer: LPCWSTR,
    accept: *const LPCWSTR,
    flags: DWORD,
    context: DWORD_PTR,
) -> HINTERNET {
    boundary(|| {
        // SAFETY: NULL or NUL-terminated UTF-16 strings, per the API.
        let (v, o, ver, r) = unsafe {
            (
                opt_str_w(verb),
                opt_str_w(object),
                opt_str_w(version),
                opt_str_w(referrer),
            )
        };
        // SAFETY: NULL or a NULL-terminated array, per the API.
        let accept = unsafe { accept_types(accept, opt_str_w) };
        open_request(h, v, o, ver, r, accept, flags, context)
    })
}

/// The length convention of header arguments: -1 (and 0) mean NUL-terminated.
pub(crate) fn header_len(len: DWORD) -> Option<usize> {
    match len {
        0 | u32::MAX => None,
        n => Some(n as usize),
    }
}

/// `HttpSendRequest`. The optional data is written from the caller's
/// buffer in sync mode, copied once in async mode (see `api_upload`).
///
/// # Safety
/// `optional` is NULL or valid for `optional_len` bytes during the call.
unsafe fn send_request(
    h: HINTERNET,
    headers: Option<String>,
    optional: LPVOID,
    optional_len: DWORD,
) -> Result<BOOL, Error> {
    let handle = handles::get_for_http(h)?;
    // SAFETY: per this function's contract.
    let body = unsafe { Body::for_call(&handle, optional as *const u8, optional_len as usize) };
    let request = handle.request()?.clone();
    let settings = SendSettings::of(&handle, &request);
    let responded = Arc::downgrade(&handle);
    handle.responded.store(false, Ordering::Release);
    let op = async move {
        let mut r = request.lock_owned().await;
        settings.apply(&mut r);
        // SAFETY: inside the operation; a lent body's caller waits for it.
        r.send(headers.as_deref(), unsafe { body.bytes() }).await?;
        if let Some(h) = responded.upgrade() {
            h.responded.store(true, Ordering::Release);
        }
        Ok(())
    };
    ops::run_bool(&handle, op)
}

#[no_mangle]
pub unsafe extern "C" fn HttpSendRequestA(
    h: HINTERNET,
    headers: LPCSTR,
    headers_len: DWORD,
    optional: LPVOID,
    optional_len: DWORD,
) -> BOOL {
    boundary(|| {
        // The A form takes a length of 0 with headers as a bad parameter;
        // the W form reads them to their NUL (Wine's http.c
        // test_header_length, checked on Windows).
        if !headers.is_null() && headers_len == 0 {
            return Err(Error::InvalidParameter);
        }
        // SAFETY: per the API, `headers` holds `headers_len` bytes or is NUL-terminated.
        let headers = unsafe { opt_str_a_len(headers, header_len(headers_len)) };
        // SAFETY: `optional` holds `optional_len` bytes.
        unsafe { send_request(h, headers, optional, optional_len) }
    })
}

#[no_mangle]
pub unsafe extern "C" fn HttpSendRequestW(
    h: HINTERNET,
    headers: LPCWSTR,
    headers_len: DWORD,
    optional: LPVOID,
    optional_len: DWORD,
) -> BOOL {
    boundary(|| {
        // SAFETY: per the API, `headers` holds `headers_len` units or is NUL-terminated.
        let headers = unsafe { opt_str_w_len(headers, header_len(headers_len)) };
        // SAFETY: `optional` holds `optional_len` bytes.
        unsafe { send_request(h, headers, optional, optional_len) }
    })
}

fn open_url(
    h: HINTERNET,
    url: Option<String>,
    headers: Option<String>,
    flags: DWORD,
    context: DWORD_PTR,
) -> Result<HINTERNET, Error> {
    let parent = handles::get(h)?;
    let Kind::Session(config) = &parent.kind else {
        return Err(Error::IncorrectHandleType);
    };
    let url = url
        .filter(|u| !u.is_empty())
        .ok_or(Error::InvalidParameter)?;
    // ftp:// URLs: see api_ftp.
    if url
        .trim_start()
        .get(..6)
        .is_some_and(|s| s.eq_ignore_ascii_case("ftp://"))
    {
        return crate::api_ftp::open_url(&parent, &url, flags, context);
    }
    let session = openinet::Session::new(lock(config).clone());
    let target = openinet::http::target::HttpTarget::parse(&url)?;
    let mut request = session.target_request(&target, flags)?;
    request.timeouts = timeouts_of(&parent, request.timeouts);
    request.set_decoding(lock(&parent.extra).http_decoding);
    request.set_proxy(lock(&parent.extra).per_conn.engine_proxy());
    // As in WinINet, the request hangs from a connect handle of the
    // library's own: never announced, silent (context 0), closed with it.
    let connect = handles::insert(NewHandle {
        hidden: true,
        ..NewHandle::child(
            &parent,
            Kind::Connect(std::sync::Mutex::new(
                session.connect(&target.host, target.port),
            )),
            0,
            0,
        )
    })?;
    let handle = match insert_request_quietly(&connect, request, flags, context) {
        Ok(h) => h,
        Err(e) => {
            close_tree(connect);
            return Err(e);
        }
    };
    // HANDLE_CREATED comes from the operation.
    let _hold = crate::api_session::announce_opened(&connect, &handle, context);
    let r = handle.request()?.clone();
    let op = async move {
        let mut r = r.lock_owned().await;
        r.send(headers.as_deref(), Vec::new()).await
    };
    if handle.is_async {
        // A failed open completes with {NULL, error}, but the handle that
        // HANDLE_CREATED announced stays valid until the application closes
        // it (or its session), as in WinINet: the application holds it.
        let value = handle.value;
        return Err(ops::spawn_async(&handle, async move {
            op.await.map(|()| value)
        }));
    }
    match ops::run_sync(&handle, op) {
        Ok(()) => {
            set_last_error(0);
            Ok(handle.hinternet())
        }
        Err(e) => {
            close_tree(handle);
            Err(e)
        }
    }
}

#[no_mangle]
pub unsafe extern "C" fn InternetOpenUrlA(
    h: HINTERNET,
    url: LPCSTR,
    headers: LPCSTR,
    headers_len: DWORD,
    flags: DWORD,
    context: DWORD_PTR,
) -> HINTERNET {
    boundary(|| {
        // SAFETY: NUL-terminated URL; headers as in HttpSendRequestA.
        let (u, hd) = unsafe {
            (
                opt_str_a(url),
                opt_str_a_len(headers, header_len(headers_len)),
            )
        };
        open_url(h, u, hd, flags, context)
    })
}

#[no_mangle]
pub unsafe extern "C" fn InternetOpenUrlW(
    h: HINTERNET,
    url: LPCWSTR,
    headers: LPCWSTR,
    headers_len: DWORD,
    flags: DWORD,
    context: DWORD_PTR,
) -> HINTERNET {
    boundary(|| {
        // SAFETY: NUL-terminated URL; headers as in HttpSendRequestW.
        let (u, hd) = unsafe {
            (
                opt_str_w(url),
                opt_str_w_len(headers, header_len(headers_len)),
            )
        };
        open_url(h, u, hd, flags, context)
    })
}

/// `HttpQueryInfo` for both widths: `U` is the character unit; lengths are
/// in bytes for both, as WinINet counts them.
///
/// # Safety
/// `buffer` is NULL or valid for `*len` bytes; `len` and `index` NULL or valid.
unsafe fn query_info<U: CharUnit>(
    h: HINTERNET,
    level: DWORD,
    buffer: LPVOID,
    len: LPDWORD,
    index: LPDWORD,
) -> Result<BOOL, Error> {
    let handle = handles::get_for_http(h)?;
    let request = handle.request()?;
    if len.is_null() {
        return Err(Error::InvalidParameter);
    }
    let custom = if level & 0xFFFF == HTTP_QUERY_CUSTOM {
        // For HTTP_QUERY_CUSTOM the buffer holds the header name, read to
        // its NUL as WinINet does, but never into memory that may not be
        // mapped (see `name_str`).
        let max = unsafe { *len } as usize / std::mem::size_of::<U>();
        // SAFETY: `buffer` holds `*len` bytes, per the API.
        unsafe { name_str(buffer as *const U, max) }
    } else {
        None
    };
    // SAFETY: `index` is NULL or valid, per the API.
    let mut idx = if index.is_null() {
        0
    } else {
        unsafe { *index }
    };
    let answer = {
        let r = request
            .try_lock()
            .map_err(|_| Error::IncorrectHandleState)?;
        r.query_info(level, custom.as_deref(), &mut idx)?
    };
    let unit = std::mem::size_of::<U>() as DWORD;
    // SAFETY: checked non-NULL above.
    let cap = unsafe { *len };
    match answer {
        Answer::Text(s) => {
            let units = U::encode(&s);
            let mut cap_units = cap / unit;
            // SAFETY: `buffer` holds `cap` bytes, i.e. `cap_units` units.
            let r = unsafe { copy_out_str(&units, buffer as *mut U, &mut cap_units) };
            // SAFETY: `len` is valid.
            unsafe { *len = cap_units * unit };
            r?;
        }
        Answer::Number(n) => {
            // SAFETY: `buffer` holds `cap` bytes; a DWORD needs 4.
            unsafe { put_fixed(buffer, len, cap, &n)? };
        }
        Answer::Time(t) => {
            let st = SYSTEMTIME::from(t);
            // SAFETY: as above, for a SYSTEMTIME.
            unsafe { put_fixed(buffer, len, cap, &st)? };
        }
    }
    // SAFETY: `index` is NULL or valid.
    unsafe { put_dword(index, idx) };
    ok_true()
}

/// Writes a fixed-size value to an output buffer of `cap` bytes, or reports
/// the size needed.
///
/// # Safety
/// `buffer` NULL or valid for `cap` bytes; `len` valid.
unsafe fn put_fixed<T: Copy>(
    buffer: LPVOID,
    len: LPDWORD,
    cap: DWORD,
    value: &T,
) -> Result<(), Error> {
    let size = std::mem::size_of::<T>() as DWORD;
    // SAFETY: `len` is valid per the caller.
    unsafe { *len = size };
    if buffer.is_null() || cap < size {
        return Err(Error::InsufficientBuffer);
    }
    // SAFETY: `buffer` has room for `size` bytes (checked); unaligned write is fine.
    unsafe { std::ptr::write_unaligned(buffer as *mut T, *value) };
    Ok(())
}

#[no_mangle]
pub unsafe extern "C" fn HttpQueryInfoA(
    h: HINTERNET,
    level: DWORD,
    buffer: LPVOID,
    len: LPDWORD,
    index: LPDWORD,
) -> BOOL {
    // SAFETY: pointer validity is the caller's contract, per the API.
    boundary(|| unsafe { query_info::<u8>(h, level, buffer, len, index) })
}

#[no_mangle]
pub unsafe extern "C" fn HttpQueryInfoW(
    h: HINTERNET,
    level: DWORD,
    buffer: LPVOID,
    len: LPDWORD,
    index: LPDWORD,
) -> BOOL {
    // SAFETY: pointer validity is the caller's contract, per the API.
    boundary(|| unsafe { query_info::<u16>(h, level, buffer, len, index) })
}

fn add_request_headers(
    h: HINTERNET,
    headers: Option<String>,
    modifiers: DWORD,
) -> Result<BOOL, Error> {
    let handle = handles::get_for_http(h)?;
    let request = handle.request()?;
    let text = headers.ok_or(Error::InvalidParameter)?;
    let mut r = request
        .try_lock()
        .map_err(|_| Error::IncorrectHandleState)?;
    r.add_headers(&text, modifiers)?;
    // Success leaves the last error as it was (Wine 8).
    Ok(crate::ffi::TRUE)
}

#[no_mangle]
pub unsafe extern "C" fn HttpAddRequestHeadersA(
    h: HINTERNET,
    headers: LPCSTR,
    len: DWORD,
    modifiers: DWORD,
) -> BOOL {
    boundary(|| {
        // A length of 0 adds nothing: ERROR_HTTP_INVALID_HEADER, as
        // WinINet (Wine 8, probed) answers it.
        if len == 0 {
            return Err(Error::HttpInvalidHeader);
        }
        // SAFETY: `len` bytes, or NUL-terminated when -1, per the API.
        let text = unsafe { opt_str_a_len(headers, header_len(len)) };
        add_request_headers(h, text, modifiers)
    })
}

#[no_mangle]
pub unsafe extern "C" fn HttpAddRequestHeadersW(
    h: HINTERNET,
    headers: LPCWSTR,
    len: DWORD,
    modifiers: DWORD,
) -> BOOL {
    boundary(|| {
        // As HttpAddRequestHeadersA: a length of 0 adds nothing.
        if len == 0 {
            return Err(Error::HttpInvalidHeader);
        }
        // SAFETY: `len` units, or NUL-terminated when -1, per the API.
        let text = unsafe { opt_str_w_len(headers, header_len(len)) };
        add_request_headers(h, text, modifiers)
    })
}
