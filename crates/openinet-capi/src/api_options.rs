//! Options: `InternetQueryOption`, `InternetSetOption(Ex)`, and
//! `InternetGetLastResponseInfo`.
//!
//! Buffer rules (as WinINet): DWORD options need 4 bytes, pointer-sized
//! ones `sizeof(void*)`; a short buffer is `ERROR_INSUFFICIENT_BUFFER` with
//! the size needed in `*lpdwBufferLength`. String options count bytes for
//! A and W alike, and exclude the NUL on success.

use crate::ffi::*;
use crate::handles::{self, lock, Handle, Kind};
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
}

fn query(handle: Option<&Arc<Handle>>, option: DWORD) -> Result<Value, Error> {
    // Global options: any handle, or none.
    match option {
        // WinINet reports its API version as 1.2.
        INTERNET_OPTION_VERSION => return Ok(Value::Version(1, 2)),
        INTERNET_OPTION_HTTP_VERSION => return Ok(Value::Version(1, 1)),
        _ => {}
    }
    let h = handle.ok_or(Error::InvalidHandle)?;
    let extra = lock(&h.extra).clone();
    let defaults = Timeouts::default();
    Ok(match option {
        INTERNET_OPTION_HANDLE_TYPE => Value::Dword(h.handle_type() as DWORD),
        INTERNET_OPTION_CONTEXT_VALUE => Value::Pointer(h.context()),
        INTERNET_OPTION_CALLBACK => Value::Pointer(h.callback().map_or(0, |c| c.func as usize)),
        INTERNET_OPTION_PARENT_HANDLE => Value::Pointer(h.parent.as_ref().map_or(0, |p| p.value)),
        INTERNET_OPTION_CONNECT_TIMEOUT => Value::Dword(
            extra
                .connect_timeout
                .unwrap_or(Timeouts::to_millis(defaults.connect)),
        ),
        INTERNET_OPTION_SEND_TIMEOUT => Value::Dword(
            extra
                .send_timeout
                .unwrap_or(Timeouts::to_millis(defaults.send)),
        ),
        INTERNET_OPTION_RECEIVE_TIMEOUT => Value::Dword(
            extra
                .receive_timeout
                .unwrap_or(Timeouts::to_millis(defaults.receive)),
        ),
        INTERNET_OPTION_USER_AGENT => match &h.kind {
            Kind::Session(c) => Value::Text(lock(c).user_agent.clone()),
            _ => return Err(Error::IncorrectHandleType),
        },
        INTERNET_OPTION_URL => match &h.kind {
            Kind::Request(r) => {
                Value::Text(r.try_lock().map_err(|_| Error::IncorrectHandleState)?.url())
            }
            _ => return Err(Error::IncorrectHandleType),
        },
        INTERNET_OPTION_SECURITY_FLAGS => match &h.kind {
            Kind::Request(r) => Value::Dword(
                r.try_lock()
                    .map_err(|_| Error::IncorrectHandleState)?
                    .security_flags(),
            ),
            _ => return Err(Error::IncorrectHandleType),
        },
        INTERNET_OPTION_REQUEST_FLAGS => match &h.kind {
            Kind::Request(_) => Value::Dword(0),
            _ => return Err(Error::IncorrectHandleType),
        },
        _ => return Err(Error::InvalidOption),
    })
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
        Value::Text(s) if wide => {
            let units = u16::encode(&s);
            let mut cap_units = cap / 2;
            // SAFETY: `buffer` holds `cap` bytes.
            let r = unsafe { copy_out_str(&units, buffer as *mut u16, &mut cap_units) };
            // SAFETY: `len` is valid.
            unsafe { *len = cap_units * 2 };
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
    let value = query(handle.as_ref(), option)?;
    // SAFETY: per the API contract, forwarded.
    unsafe { write_value(value, buffer, len, wide)? };
    ok_true()
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

unsafe fn set_option(
    h: HINTERNET,
    option: DWORD,
    buffer: LPVOID,
    len: DWORD,
    wide: bool,
) -> Result<BOOL, Error> {
    let handle = if h.is_null() {
        None
    } else {
        Some(handles::get(h)?)
    };
    match option {
        INTERNET_OPTION_CONNECT_TIMEOUT
        | INTERNET_OPTION_SEND_TIMEOUT
        | INTERNET_OPTION_RECEIVE_TIMEOUT => {
            // SAFETY: `buffer` holds `len` bytes.
            let ms = unsafe { dword_arg(buffer, len)? };
            let h = handle.ok_or(Error::InvalidHandle)?;
            let mut extra = lock(&h.extra);
            match option {
                INTERNET_OPTION_CONNECT_TIMEOUT => extra.connect_timeout = Some(ms),
                INTERNET_OPTION_SEND_TIMEOUT => extra.send_timeout = Some(ms),
                _ => extra.receive_timeout = Some(ms),
            }
            drop(extra);
            if let Kind::Request(r) = &h.kind {
                if let Ok(mut r) = r.try_lock() {
                    let t = Timeouts::from_millis(ms);
                    match option {
                        INTERNET_OPTION_CONNECT_TIMEOUT => r.timeouts.connect = t,
                        INTERNET_OPTION_SEND_TIMEOUT => r.timeouts.send = t,
                        _ => r.timeouts.receive = t,
                    }
                }
            }
        }
        INTERNET_OPTION_SECURITY_FLAGS => {
            // SAFETY: `buffer` holds `len` bytes.
            let flags = unsafe { dword_arg(buffer, len)? };
            let h = handle.ok_or(Error::InvalidHandle)?;
            let request = h.request()?;
            request
                .try_lock()
                .map_err(|_| Error::IncorrectHandleState)?
                .set_security_flags(flags);
        }
        INTERNET_OPTION_CONTEXT_VALUE => {
            let h = handle.ok_or(Error::InvalidHandle)?;
            if buffer.is_null() {
                return Err(Error::InvalidParameter);
            }
            if (len as usize) < std::mem::size_of::<usize>() {
                return Err(Error::BadOptionLength);
            }
            // SAFETY: pointer-sized readable buffer (checked).
            let v = unsafe { std::ptr::read_unaligned(buffer as *const usize) };
            h.context.store(v, std::sync::atomic::Ordering::Release);
        }
        INTERNET_OPTION_USER_AGENT => {
            let h = handle.ok_or(Error::InvalidHandle)?;
            let Kind::Session(config) = &h.kind else {
                return Err(Error::IncorrectHandleType);
            };
            // SAFETY: a string of `len` characters, or NUL-terminated.
            let agent = unsafe {
                let n = if len == 0 { None } else { Some(len as usize) };
                if wide {
                    opt_str_w_len(buffer as LPCWSTR, n)
                } else {
                    opt_str_a_len(buffer as LPCSTR, n)
                }
            }
            .ok_or(Error::InvalidParameter)?;
            lock(config).user_agent = agent.trim_end_matches('\0').to_string();
        }
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
    /// (FTP replies; extended errors). HTTP leaves it empty, and nothing
    /// sets it until FTP exists.
    static LAST_RESPONSE: RefCell<(DWORD, String)> = const { RefCell::new((0, String::new())) };
}

unsafe fn last_response<U: CharUnit>(
    error: LPDWORD,
    buffer: *mut U,
    len: LPDWORD,
) -> Result<BOOL, Error> {
    if error.is_null() || len.is_null() {
        return Err(Error::InvalidParameter);
    }
    let (code, text) = LAST_RESPONSE.with(|r| r.borrow().clone());
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
