//! Options: `InternetQueryOption`, `InternetSetOption(Ex)`, and
//! `InternetGetLastResponseInfo`.
//!
//! Buffer rules (as WinINet): DWORD options need 4 bytes, pointer-sized
//! ones `sizeof(void*)`; a short buffer is `ERROR_INSUFFICIENT_BUFFER` with
//! the size needed in `*lpdwBufferLength`. String options count bytes for
//! A and W alike, and exclude the NUL on success.

use crate::ffi::*;
use crate::handles::{self, lock, Extra, Handle, Kind};
use crate::types::INTERNET_DIAGNOSTIC_SOCKET_INFO;
use crate::{proxy_options, settings};
use openinet::consts::*;
use openinet::{Error, Timeouts};
use std::cell::RefCell;
use std::sync::Arc;

/// An option's value, before it is laid out for C.
enum Value {
    Dword(DWORD),
    Pointer(usize),
    Text(String),
    /// `INTERNET_VERSION_INFO` / `HTTP_VERSION_INFO`: two DWORDs.
    Version(DWORD, DWORD),
    /// A fixed-size structure, laid out already.
    Bytes(Vec<u8>),
}

/// Options that need no handle: with NULL they are the process-wide
/// values; `None` when `option` is not one of them.
fn query_global(option: DWORD) -> Option<Result<Value, Error>> {
    let g = settings::global();
    let t = &g.extra;
    Some(Ok(match option {
        // WinINet reports its API version as 1.2.
        INTERNET_OPTION_VERSION => Value::Version(1, 2),
        INTERNET_OPTION_HTTP_VERSION => Value::Version(1, 1),
        o if is_timeout(o) => Value::Dword(timeout_value(t, option)),
        INTERNET_OPTION_MAX_CONNS_PER_SERVER => Value::Dword(g.max_conns_per_server),
        INTERNET_OPTION_MAX_CONNS_PER_1_0_SERVER => Value::Dword(g.max_conns_per_1_0_server),
        // OpenINet has no offline mode: always connected.
        INTERNET_OPTION_CONNECTED_STATE => Value::Dword(INTERNET_STATE_CONNECTED),
        _ => return None,
    }))
}

/// The five timeout options, each a DWORD of milliseconds.
fn is_timeout(option: DWORD) -> bool {
    matches!(
        option,
        INTERNET_OPTION_CONNECT_TIMEOUT
            | INTERNET_OPTION_SEND_TIMEOUT
            | INTERNET_OPTION_RECEIVE_TIMEOUT
            | INTERNET_OPTION_DATA_SEND_TIMEOUT
            | INTERNET_OPTION_DATA_RECEIVE_TIMEOUT
    )
}

/// A timeout option's value in milliseconds: as set (on the handle, or
/// process-wide), or the engine's default.
fn timeout_value(extra: &Extra, option: DWORD) -> DWORD {
    let defaults = Timeouts::default();
    let (set, default) = match option {
        INTERNET_OPTION_CONNECT_TIMEOUT => (extra.connect_timeout, defaults.connect),
        INTERNET_OPTION_SEND_TIMEOUT => (extra.send_timeout, defaults.send),
        INTERNET_OPTION_RECEIVE_TIMEOUT => (extra.receive_timeout, defaults.receive),
        INTERNET_OPTION_DATA_SEND_TIMEOUT => (extra.data_send_timeout, defaults.send),
        _ => (extra.data_receive_timeout, defaults.receive),
    };
    set.unwrap_or(Timeouts::to_millis(default))
}

fn query(h: &Arc<Handle>, option: DWORD) -> Result<Value, Error> {
    if let Some(field) = crate::api_credentials::field_of(option) {
        return Ok(Value::Text(crate::api_credentials::query(h, field)?));
    }
    let extra = lock(&h.extra).clone();
    Ok(match option {
        INTERNET_OPTION_HANDLE_TYPE => Value::Dword(h.handle_type() as DWORD),
        INTERNET_OPTION_CONTEXT_VALUE => Value::Pointer(h.context()),
        INTERNET_OPTION_CALLBACK => Value::Pointer(h.callback().map_or(0, |c| c.func as usize)),
        INTERNET_OPTION_PARENT_HANDLE => Value::Pointer(h.parent.as_ref().map_or(0, |p| p.value)),
        o if is_timeout(o) => Value::Dword(timeout_value(&extra, option)),
        // Process-wide only: a handle is the wrong thing to ask (Wine's
        // internet.c, checked on Windows).
        INTERNET_OPTION_MAX_CONNS_PER_SERVER | INTERNET_OPTION_MAX_CONNS_PER_1_0_SERVER => {
            return Err(Error::InvalidOperation)
        }
        INTERNET_OPTION_USER_AGENT => match &h.kind {
            Kind::Session(c) => Value::Text(lock(c).user_agent.clone()),
            _ => return Err(Error::IncorrectHandleType),
        },
        // Readable while a send holds the request: a redirect changes it
        // mid-send (Wine's http.c test_redirect reads it then, on Windows).
        INTERNET_OPTION_URL => match &h.kind {
            Kind::Request(r) => match lock(&h.extra).url.clone() {
                Some(cell) => Value::Text(lock(&cell).clone()),
                None => Value::Text(r.try_lock().map_err(|_| Error::IncorrectHandleState)?.url()),
            },
            _ => return Err(Error::IncorrectHandleType),
        },
        // 98 is an undocumented alias Windows answers like SECURITY_FLAGS
        // (Wine's http.c test_security_flags, checked on Windows).
        INTERNET_OPTION_SECURITY_FLAGS | OPTION_SECURITY_FLAGS_ALIAS => match &h.kind {
            Kind::Request(r) => Value::Dword(
                r.try_lock()
                    .map_err(|_| Error::IncorrectHandleState)?
                    .security_flags(),
            ),
            _ => return Err(Error::IncorrectHandleType),
        },
        INTERNET_OPTION_ERROR_MASK => match &h.kind {
            Kind::Request(r) => Value::Dword(
                r.try_lock()
                    .map_err(|_| Error::IncorrectHandleState)?
                    .error_mask(),
            ),
            _ => return Err(Error::IncorrectHandleType),
        },
        INTERNET_OPTION_REQUEST_FLAGS => {
            // No response head yet, or an HTTP/0.9 reply: "no headers"
            // (Wine's http.c, checked on Windows, reads it on a request
            // not sent yet, and on one whose send is pending).
            let no_headers = match h.request()?.try_lock() {
                Ok(r) => r.response().is_none_or(|head| head.no_headers),
                Err(_) => !h.responded.load(std::sync::atomic::Ordering::Acquire),
            };
            Value::Dword(if no_headers {
                INTERNET_REQFLAG_NO_HEADERS
            } else {
                0
            })
        }
        INTERNET_OPTION_DIAGNOSTIC_SOCKET_INFO => {
            let r = locked_request(h)?;
            let info = match r.socket_info() {
                Some(i) => INTERNET_DIAGNOSTIC_SOCKET_INFO {
                    Socket: i.socket,
                    SourcePort: i.local_port.into(),
                    DestPort: i.remote_port.into(),
                    Flags: (if i.keep_alive {
                        IDSI_FLAG_KEEP_ALIVE
                    } else {
                        0
                    }) | (if i.secure { IDSI_FLAG_SECURE } else { 0 }),
                },
                // No connection: an invalid socket, as WinINet reports it.
                None => INTERNET_DIAGNOSTIC_SOCKET_INFO {
                    Socket: usize::MAX,
                    ..Default::default()
                },
            };
            Value::Bytes(struct_bytes(&info))
        }
        // The process-wide ones a handle answers as well (VERSION,
        // CONNECTED_STATE...); the others are unknown.
        _ => return query_global(option).unwrap_or(Err(Error::InvalidOption)),
    })
}

/// The request behind `h`, locked without waiting.
fn locked_request(h: &Handle) -> Result<tokio::sync::MutexGuard<'_, openinet::Request>, Error> {
    h.request()?
        .try_lock()
        .map_err(|_| Error::IncorrectHandleState)
}

/// A `#[repr(C)]` structure's bytes, as C lays it out.
fn struct_bytes<T: Copy>(v: &T) -> Vec<u8> {
    // SAFETY: `v` is a plain `#[repr(C)]` value of `size_of::<T>()` bytes,
    // read as bytes only to be copied out.
    unsafe { std::slice::from_raw_parts((v as *const T).cast::<u8>(), std::mem::size_of::<T>()) }
        .to_vec()
}

/// Lays `value` out in the caller's buffer.
///
/// # Safety
/// `buffer` NULL or valid for `*len` bytes; `len` valid.
unsafe fn write_value(value: Value, buffer: LPVOID, len: LPDWORD, wide: bool) -> Result<(), Error> {
    // SAFETY: `len` is valid (checked by the caller).
    let cap = unsafe { *len };
    let fixed = |bytes: &[u8]| -> Result<(), Error> {
        // SAFETY: `len` is valid.
        unsafe { *len = bytes.len() as DWORD };
        if buffer.is_null() || (cap as usize) < bytes.len() {
            return Err(Error::InsufficientBuffer);
        }
        // SAFETY: `buffer` holds at least `bytes.len()` bytes (checked).
        unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), buffer as *mut u8, bytes.len()) };
        Ok(())
    };
    match value {
        Value::Dword(v) => fixed(&v.to_ne_bytes()),
        Value::Pointer(v) => fixed(&v.to_ne_bytes()),
        Value::Version(major, minor) => fixed(&[major.to_ne_bytes(), minor.to_ne_bytes()].concat()),
        Value::Bytes(b) => fixed(&b),
        Value::Text(s) if wide => {
            let units = u16::encode(&s);
            let mut cap_units = cap / 2;
            // SAFETY: `buffer` holds `cap` bytes.
            let r = unsafe { copy_out_str(&units, buffer as *mut u16, &mut cap_units) };
            // A W string option reports its length in characters when it
            // fits and the bytes it needs when it does not (Wine's http.c
            // test_proxy_direct, checked on Windows, for USER_AGENT, URL,
            // USERNAME and the other credentials).
            let reported = if r.is_ok() { cap_units } else { cap_units * 2 };
            // SAFETY: `len` is valid.
            unsafe { *len = reported };
            r
        }
        Value::Text(s) => {
            // SAFETY: `buffer` holds `cap` bytes; `len` valid.
            unsafe { copy_out_str(s.as_bytes(), buffer as *mut u8, len) }
        }
    }
}

unsafe fn query_option(
    h: HINTERNET,
    option: DWORD,
    buffer: LPVOID,
    len: LPDWORD,
    wide: bool,
) -> Result<BOOL, Error> {
    if len.is_null() {
        return Err(Error::InvalidParameter);
    }
    let handle = if h.is_null() {
        None
    } else {
        Some(handles::get(h)?)
    };
    // Options whose layout is not one value.
    match option {
        INTERNET_OPTION_POLICY => return Err(Error::InvalidParameter),
        INTERNET_OPTION_PROXY => {
            let pc = proxy_settings(handle.as_ref());
            // SAFETY: per the API contract, forwarded.
            unsafe { proxy_options::write_proxy_info(&pc, buffer, len, wide)? };
            return ok_true();
        }
        INTERNET_OPTION_PER_CONNECTION_OPTION => {
            let pc = proxy_settings(handle.as_ref());
            // SAFETY: per the API contract, forwarded.
            unsafe { proxy_options::query_per_conn(&pc, buffer, len, wide)? };
            return ok_true();
        }
        _ => {}
    }
    if let Some(h) = handle
        .as_ref()
        .filter(|_| crate::cert_options::handles(option))
    {
        // SAFETY: per the API contract, forwarded.
        unsafe { crate::cert_options::query(h, option, buffer, len)? };
        return ok_true();
    }
    let value = match &handle {
        Some(h) => query(h, option).inspect_err(|e| {
            // Nothing to report: the length says so too (test_cert_string).
            if *e == Error::InvalidOperation {
                // SAFETY: `len` checked non-NULL.
                unsafe { *len = 0 };
            }
        })?,
        None => match query_global(option) {
            Some(v) => v?,
            None => {
                // A handle's option asked of no handle: nothing to report.
                if is_known_option(option) {
                    // SAFETY: `len` checked non-NULL.
                    unsafe { *len = 0 };
                    return Err(Error::IncorrectHandleType);
                }
                return Err(Error::InvalidOption);
            }
        },
    };
    // SAFETY: per the API contract, forwarded.
    unsafe { write_value(value, buffer, len, wide)? };
    // Success leaves the last error as it was (Wine 8).
    Ok(crate::ffi::TRUE)
}

/// The proxy settings in force for `handle`, or the process-wide ones.
fn proxy_settings(handle: Option<&Arc<Handle>>) -> settings::PerConn {
    match handle {
        Some(h) => lock(&h.extra).per_conn.clone(),
        None => settings::global().extra.per_conn,
    }
}

/// An option WinINet knows (`INTERNET_OPTION_*` up to the last one it
/// defines), as opposed to a made-up number (`ERROR_INTERNET_INVALID_OPTION`).
fn is_known_option(option: DWORD) -> bool {
    (INTERNET_FIRST_OPTION..=INTERNET_LAST_OPTION).contains(&option)
}

#[no_mangle]
pub unsafe extern "C" fn InternetQueryOptionA(
    h: HINTERNET,
    option: DWORD,
    buffer: LPVOID,
    len: LPDWORD,
) -> BOOL {
    // SAFETY: pointer validity is the caller's contract, per the API.
    boundary(|| unsafe { query_option(h, option, buffer, len, false) })
}

#[no_mangle]
pub unsafe extern "C" fn InternetQueryOptionW(
    h: HINTERNET,
    option: DWORD,
    buffer: LPVOID,
    len: LPDWORD,
) -> BOOL {
    // SAFETY: pointer validity is the caller's contract, per the API.
    boundary(|| unsafe { query_option(h, option, buffer, len, true) })
}

/// Reads a DWORD option value of exactly the right size.
///
/// # Safety
/// `buffer` valid for `len` bytes.
unsafe fn dword_arg(buffer: LPVOID, len: DWORD) -> Result<DWORD, Error> {
    if buffer.is_null() {
        return Err(Error::InvalidParameter);
    }
    if (len as usize) < std::mem::size_of::<DWORD>() {
        return Err(Error::BadOptionLength);
    }
    // SAFETY: at least 4 readable bytes (checked).
    Ok(unsafe { std::ptr::read_unaligned(buffer as *const DWORD) })
}

/// Reads a DWORD option value that must be exactly a DWORD.
///
/// # Safety
/// `buffer` valid for `len` bytes.
unsafe fn exact_dword_arg(buffer: LPVOID, len: DWORD) -> Result<DWORD, Error> {
    if len as usize != std::mem::size_of::<DWORD>() {
        return Err(Error::BadOptionLength);
    }
    // SAFETY: forwarded.
    unsafe { dword_arg(buffer, len) }
}

/// Sets a timeout option in `extra`.
fn set_timeout(extra: &mut Extra, option: DWORD, ms: DWORD) {
    let slot = match option {
        INTERNET_OPTION_CONNECT_TIMEOUT => &mut extra.connect_timeout,
        INTERNET_OPTION_SEND_TIMEOUT => &mut extra.send_timeout,
        INTERNET_OPTION_RECEIVE_TIMEOUT => &mut extra.receive_timeout,
        INTERNET_OPTION_DATA_SEND_TIMEOUT => &mut extra.data_send_timeout,
        _ => &mut extra.data_receive_timeout,
    };
    *slot = Some(ms);
}

/// Option 98: undocumented, read like `INTERNET_OPTION_SECURITY_FLAGS`.
const OPTION_SECURITY_FLAGS_ALIAS: DWORD = 98;
/// Option 99: undocumented, sets security flags, refusing bits outside
/// `SECURITY_SET_MASK` with `ERROR_INTERNET_OPTION_NOT_SETTABLE`.
const OPTION_SET_SECURITY_FLAGS_STRICT: DWORD = 99;

/// The bits INTERNET_OPTION_ERROR_MASK accepts: Windows refuses
/// NEED_MSN_SSPI_PKG and unknown bits with ERROR_INVALID_PARAMETER (Wine's
/// internet.c, checked on Windows).
const ERROR_MASK_SETTABLE: DWORD = INTERNET_ERROR_MASK_INSERT_CDROM
    | INTERNET_ERROR_MASK_COMBINED_SEC_CERT
    | INTERNET_ERROR_MASK_LOGIN_FAILURE_DISPLAY_ENTITY_BODY;

/// `InternetSetOption(NULL, ...)`: the process-wide values.
///
/// # Safety
/// `buffer` valid for `len` bytes.
unsafe fn set_global(option: DWORD, buffer: LPVOID, len: DWORD, wide: bool) -> Result<(), Error> {
    match option {
        o if is_timeout(o) => {
            // SAFETY: `buffer` holds `len` bytes.
            let ms = unsafe { dword_arg(buffer, len)? };
            settings::update_global(|g| set_timeout(&mut g.extra, option, ms));
        }
        INTERNET_OPTION_MAX_CONNS_PER_SERVER | INTERNET_OPTION_MAX_CONNS_PER_1_0_SERVER => {
            // SAFETY: `buffer` holds `len` bytes.
            let n = unsafe { exact_dword_arg(buffer, len)? };
            if n == 0 {
                return Err(Error::BadArguments);
            }
            settings::update_global(|g| match option {
                INTERNET_OPTION_MAX_CONNS_PER_SERVER => g.max_conns_per_server = n,
                _ => g.max_conns_per_1_0_server = n,
            });
            // The engine enforces them (openinet's http::conn_limit).
            match option {
                INTERNET_OPTION_MAX_CONNS_PER_SERVER => {
                    openinet::set_max_conns_per_server(Some(n), None)
                }
                _ => openinet::set_max_conns_per_server(None, Some(n)),
            }
        }
        INTERNET_OPTION_PROXY => {
            let mut pc = settings::global().extra.per_conn;
            // SAFETY: forwarded.
            unsafe { proxy_options::read_proxy_info(&mut pc, buffer, len, wide)? };
            settings::update_global(|g| g.extra.per_conn = pc);
        }
        INTERNET_OPTION_PER_CONNECTION_OPTION => {
            let mut pc = settings::global().extra.per_conn;
            // SAFETY: forwarded.
            unsafe { proxy_options::set_per_conn(&mut pc, buffer, len, wide)? };
            settings::update_global(|g| g.extra.per_conn = pc);
        }
        INTERNET_OPTION_CONNECTED_STATE => set_connected_state(buffer, len)?,
        // "Re-read the settings": OpenINet's settings live in this process
        // and are always current, so there is nothing to re-read.
        INTERNET_OPTION_SETTINGS_CHANGED
        | INTERNET_OPTION_PROXY_SETTINGS_CHANGED
        | INTERNET_OPTION_REFRESH => {}
        INTERNET_OPTION_END_BROWSER_SESSION => end_browser_session(),
        INTERNET_OPTION_POLICY => return Err(Error::InvalidParameter),
        _ if is_known_option(option) => return Err(Error::IncorrectHandleType),
        _ => return Err(Error::InvalidOption),
    }
    Ok(())
}

/// `INTERNET_OPTION_END_BROWSER_SESSION`: the browser session ends, and
/// with it what lives only for a session: idle connections, session
/// cookies and remembered credentials.
fn end_browser_session() {
    openinet::clear_pool();
    openinet::cookies::end_browser_session();
    openinet::auth::forget_all();
}

/// `INTERNET_OPTION_CONNECTED_STATE` (an `INTERNET_CONNECTED_INFO`):
/// OpenINet has no offline mode, so only "connected" can be set.
fn set_connected_state(buffer: LPVOID, len: DWORD) -> Result<(), Error> {
    // SAFETY: `buffer` holds `len` bytes (the caller's contract).
    let state = unsafe { dword_arg(buffer, len)? };
    if state & INTERNET_STATE_CONNECTED != 0 {
        Ok(())
    } else {
        Err(Error::NotImplemented)
    }
}

unsafe fn set_option(
    h: HINTERNET,
    option: DWORD,
    buffer: LPVOID,
    len: DWORD,
    wide: bool,
) -> Result<BOOL, Error> {
    if h.is_null() {
        // SAFETY: forwarded.
        unsafe { set_global(option, buffer, len, wide)? };
        return ok_true();
    }
    let h = handles::get(h)?;
    match option {
        o if is_timeout(o) => {
            // SAFETY: `buffer` holds `len` bytes.
            let ms = unsafe { dword_arg(buffer, len)? };
            set_timeout(&mut lock(&h.extra), option, ms);
            if let Kind::Request(r) = &h.kind {
                if let Ok(mut r) = r.try_lock() {
                    let t = Timeouts::from_millis(ms);
                    match option {
                        INTERNET_OPTION_CONNECT_TIMEOUT => r.timeouts.connect = t,
                        INTERNET_OPTION_SEND_TIMEOUT => r.timeouts.send = t,
                        INTERNET_OPTION_RECEIVE_TIMEOUT => r.timeouts.receive = t,
                        _ => {}
                    }
                }
            }
        }
        INTERNET_OPTION_MAX_CONNS_PER_SERVER | INTERNET_OPTION_MAX_CONNS_PER_1_0_SERVER => {
            return Err(Error::InvalidOperation)
        }
        INTERNET_OPTION_SECURITY_FLAGS | OPTION_SET_SECURITY_FLAGS_STRICT => {
            // SAFETY: `buffer` holds `len` bytes.
            let flags = unsafe { dword_arg(buffer, len)? };
            // 99, undocumented, refuses what cannot be set where
            // SECURITY_FLAGS drops it silently (test_security_flags).
            if option == OPTION_SET_SECURITY_FLAGS_STRICT && flags & !SECURITY_SET_MASK != 0 {
                return Err(Error::OptionNotSettable);
            }
            let request = h.request()?;
            request
                .try_lock()
                .map_err(|_| Error::IncorrectHandleState)?
                .set_security_flags(flags);
        }
        INTERNET_OPTION_ERROR_MASK => {
            let request = h.request()?;
            // SAFETY: `buffer` holds `len` bytes.
            let mask = unsafe { exact_dword_arg(buffer, len)? };
            if mask & !ERROR_MASK_SETTABLE != 0 {
                return Err(Error::InvalidParameter);
            }
            request
                .try_lock()
                .map_err(|_| Error::IncorrectHandleState)?
                .set_error_mask(mask);
        }
        INTERNET_OPTION_CONTEXT_VALUE => {
            // A NULL value or a wrong size are both bad parameters here
            // (Wine's http.c test_options, checked on Windows).
            if buffer.is_null() || len as usize != std::mem::size_of::<usize>() {
                return Err(Error::InvalidParameter);
            }
            // SAFETY: pointer-sized readable buffer (checked).
            let v = unsafe { std::ptr::read_unaligned(buffer as *const usize) };
            h.context.store(v, std::sync::atomic::Ordering::Release);
        }
        INTERNET_OPTION_USER_AGENT => {
            let Kind::Session(config) = &h.kind else {
                return Err(Error::IncorrectHandleType);
            };
            // A string option's length is its buffer's size (in
            // characters), and an empty buffer holds no string. WinINet
            // reads the agent to its NUL even past a shorter length (Wine's
            // http.c test_proxy_direct sets "winetest" with a length of 1
            // and reads it back whole, on Windows); `name_str` does so only
            // within the memory block the length promised.
            if len == 0 {
                return Err(Error::InvalidParameter);
            }
            // SAFETY: `buffer` holds `len` characters, per the API.
            let agent = unsafe {
                if wide {
                    name_str(buffer as *const u16, len as usize)
                } else {
                    name_str(buffer as *const u8, len as usize)
                }
            }
            .ok_or(Error::InvalidParameter)?;
            if crate::api_session::breaks_a_line(&agent) {
                return Err(Error::InvalidParameter);
            }
            lock(config).user_agent = agent;
        }
        INTERNET_OPTION_PROXY => {
            let mut pc = lock(&h.extra).per_conn.clone();
            // SAFETY: forwarded.
            unsafe { proxy_options::read_proxy_info(&mut pc, buffer, len, wide)? };
            lock(&h.extra).per_conn = pc;
        }
        o if crate::api_credentials::field_of(o).is_some() => {
            if let Some(field) = crate::api_credentials::field_of(o) {
                // SAFETY: forwarded.
                unsafe { crate::api_credentials::set(&h, field, buffer, len, wide)? };
            }
        }
        INTERNET_OPTION_PER_CONNECTION_OPTION => {
            let mut pc = lock(&h.extra).per_conn.clone();
            // SAFETY: forwarded.
            unsafe { proxy_options::set_per_conn(&mut pc, buffer, len, wide)? };
            lock(&h.extra).per_conn = pc;
        }
        INTERNET_OPTION_CONNECTED_STATE => set_connected_state(buffer, len)?,
        // A BOOL; the request takes it when it is sent (api_http.rs).
        INTERNET_OPTION_HTTP_DECODING => {
            // SAFETY: `buffer` holds `len` bytes.
            let on = unsafe { dword_arg(buffer, len)? } != 0;
            lock(&h.extra).http_decoding = on;
        }
        INTERNET_OPTION_SETTINGS_CHANGED | INTERNET_OPTION_PROXY_SETTINGS_CHANGED => {}
        // Re-reading proxy settings is a session's business.
        INTERNET_OPTION_REFRESH => match h.kind {
            Kind::Session(_) => {}
            _ => return Err(Error::IncorrectHandleType),
        },
        INTERNET_OPTION_END_BROWSER_SESSION => end_browser_session(),
        INTERNET_OPTION_POLICY => return Err(Error::InvalidParameter),
        INTERNET_OPTION_HANDLE_TYPE
        | INTERNET_OPTION_PARENT_HANDLE
        | INTERNET_OPTION_URL
        | INTERNET_OPTION_REQUEST_FLAGS
        | INTERNET_OPTION_CALLBACK => return Err(Error::OptionNotSettable),
        _ => return Err(Error::InvalidOption),
    }
    ok_true()
}

#[no_mangle]
pub unsafe extern "C" fn InternetSetOptionA(
    h: HINTERNET,
    option: DWORD,
    buffer: LPVOID,
    len: DWORD,
) -> BOOL {
    // SAFETY: pointer validity is the caller's contract, per the API.
    boundary(|| unsafe { set_option(h, option, buffer, len, false) })
}

#[no_mangle]
pub unsafe extern "C" fn InternetSetOptionW(
    h: HINTERNET,
    option: DWORD,
    buffer: LPVOID,
    len: DWORD,
) -> BOOL {
    // SAFETY: pointer validity is the caller's contract, per the API.
    boundary(|| unsafe { set_option(h, option, buffer, len, true) })
}

#[no_mangle]
pub unsafe extern "C" fn InternetSetOptionExA(
    h: HINTERNET,
    option: DWORD,
    buffer: LPVOID,
    len: DWORD,
    flags: DWORD,
) -> BOOL {
    // SAFETY: as InternetSetOptionA.
    boundary(|| {
        if flags != 0 {
            Err(Error::InvalidParameter)
        } else {
            unsafe { set_option(h, option, buffer, len, false) }
        }
    })
}

#[no_mangle]
pub unsafe extern "C" fn InternetSetOptionExW(
    h: HINTERNET,
    option: DWORD,
    buffer: LPVOID,
    len: DWORD,
    flags: DWORD,
) -> BOOL {
    // SAFETY: as InternetSetOptionW.
    boundary(|| {
        if flags != 0 {
            Err(Error::InvalidParameter)
        } else {
            unsafe { set_option(h, option, buffer, len, true) }
        }
    })
}

thread_local! {
    /// The text of this thread's last server response that WinINet keeps
    /// (FTP replies; extended errors), with the error of the operation that
    /// received it. HTTP leaves it empty.
    static LAST_RESPONSE: RefCell<Option<(DWORD, String)>> = const { RefCell::new(None) };
}

/// The last FTP response of any thread: an asynchronous operation ends on
/// an I/O thread, so a thread that started one and has no response of its
/// own reads this one.
static LAST_RESPONSE_ANY: std::sync::Mutex<(DWORD, String)> =
    std::sync::Mutex::new((0, String::new()));

/// Records a server response for `InternetGetLastResponseInfo`: for the
/// calling thread when `this_thread` (a synchronous call), and for any thread.
pub(crate) fn set_last_response(error: DWORD, text: String, this_thread: bool) {
    if this_thread {
        LAST_RESPONSE.with(|r| *r.borrow_mut() = Some((error, text.clone())));
    }
    *crate::handles::lock(&LAST_RESPONSE_ANY) = (error, text);
}

unsafe fn last_response<U: CharUnit>(
    error: LPDWORD,
    buffer: *mut U,
    len: LPDWORD,
) -> Result<BOOL, Error> {
    if error.is_null() || len.is_null() {
        return Err(Error::InvalidParameter);
    }
    let (code, text) = LAST_RESPONSE
        .with(|r| r.borrow().clone())
        .unwrap_or_else(|| crate::handles::lock(&LAST_RESPONSE_ANY).clone());
    // SAFETY: validated above.
    unsafe { *error = code };
    // SAFETY: `buffer` NULL or valid for `*len` units.
    unsafe { copy_out_str(&U::encode(&text), buffer, len)? };
    ok_true()
}

#[no_mangle]
pub unsafe extern "C" fn InternetGetLastResponseInfoA(
    error: LPDWORD,
    buffer: LPSTR,
    len: LPDWORD,
) -> BOOL {
    // SAFETY: pointer validity is the caller's contract, per the API.
    boundary(|| unsafe { last_response::<u8>(error, buffer as *mut u8, len) })
}

#[no_mangle]
pub unsafe extern "C" fn InternetGetLastResponseInfoW(
    error: LPDWORD,
    buffer: LPWSTR,
    len: LPDWORD,
) -> BOOL {
    // SAFETY: pointer validity is the caller's contract, per the API.
    boundary(|| unsafe { last_response::<u16>(error, buffer, len) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_options_need_no_handle_and_two_dwords() {
        let mut out = [0u32; 2];
        let mut len: DWORD = 8;
        // SAFETY: valid out buffer and length.
        let ok = unsafe {
            InternetQueryOptionA(
                std::ptr::null_mut(),
                INTERNET_OPTION_VERSION,
                out.as_mut_ptr().cast(),
                &mut len,
            )
        };
        assert_eq!((ok, out, len), (crate::ffi::TRUE, [1, 2], 8));
        let mut small: DWORD = 4;
        // SAFETY: as above; the buffer is reported too small before any write.
        let ok = unsafe {
            InternetQueryOptionW(
                std::ptr::null_mut(),
                INTERNET_OPTION_HTTP_VERSION,
                out.as_mut_ptr().cast(),
                &mut small,
            )
        };
        assert_eq!(
            (ok, last_error(), small),
            (crate::ffi::FALSE, Error::InsufficientBuffer.code(), 8)
        );
        let mut len: DWORD = 8;
        // SAFETY: as above.
        let ok = unsafe {
            InternetQueryOptionW(
                std::ptr::null_mut(),
                INTERNET_OPTION_HTTP_VERSION,
                out.as_mut_ptr().cast(),
                &mut len,
            )
        };
        assert_eq!((ok, out), (crate::ffi::TRUE, [1, 1]));
    }
}
