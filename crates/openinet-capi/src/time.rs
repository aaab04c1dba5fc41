//! `InternetTimeFromSystemTime` and `InternetTimeToSystemTime`, A and W,
//! over `openinet::time`.
//!
//! `InternetTimeFromSystemTime` takes its buffer size in bytes (W too) and
//! needs `INTERNET_RFC1123_BUFSIZE` characters; only
//! `INTERNET_RFC1123_FORMAT` exists. `InternetTimeToSystemTime` fails only
//! on NULL arguments: what it cannot read keeps the current time. Success
//! leaves the last error as it was, as WinINet's URL functions do.

use crate::ffi::{boundary, BOOL, DWORD, LPCSTR, LPCWSTR, LPSTR, LPWSTR, TRUE};
use crate::types::SYSTEMTIME;
use openinet::time::{self, SystemTime, RFC1123_BUFSIZE, RFC1123_FORMAT};
use openinet::Error;

/// The date text for a `SYSTEMTIME`, after WinINet's argument checks.
///
/// # Safety
/// `pst` is NULL or valid.
unsafe fn date_text(
    pst: *const SYSTEMTIME,
    rfc: DWORD,
    out: bool,
    size: DWORD,
    unit: usize,
) -> Result<String, Error> {
    if pst.is_null() || !out || rfc != RFC1123_FORMAT {
        return Err(Error::InvalidParameter);
    }
    if (size as usize) < RFC1123_BUFSIZE * unit {
        return Err(Error::InsufficientBuffer);
    }
    // SAFETY: non-NULL, valid by the caller's contract.
    time::to_http_date(&SystemTime::from(unsafe { &*pst }))
}

/// `InternetTimeFromSystemTimeA`: `cbTime` is in bytes.
#[no_mangle]
pub unsafe extern "C" fn InternetTimeFromSystemTimeA(
    pst: *const SYSTEMTIME,
    dwRFC: DWORD,
    lpszTime: LPSTR,
    cbTime: DWORD,
) -> BOOL {
    boundary(|| {
        // SAFETY: `pst` is NULL or valid.
        let text = unsafe { date_text(pst, dwRFC, !lpszTime.is_null(), cbTime, 1)? };
        // SAFETY: the buffer holds at least RFC1123_BUFSIZE bytes (checked) and the text is 29.
        unsafe {
            std::ptr::copy_nonoverlapping(text.as_ptr(), lpszTime as *mut u8, text.len());
            *lpszTime.add(text.len()) = 0;
        }
        Ok(TRUE)
    })
}

/// `InternetTimeFromSystemTime`: the A form under its undecorated name.
#[no_mangle]
pub unsafe extern "C" fn InternetTimeFromSystemTime(
    pst: *const SYSTEMTIME,
    dwRFC: DWORD,
    lpszTime: LPSTR,
    cbTime: DWORD,
) -> BOOL {
    // SAFETY: same contract.
    unsafe { InternetTimeFromSystemTimeA(pst, dwRFC, lpszTime, cbTime) }
}

/// `InternetTimeFromSystemTimeW`: `cbTime` is in bytes.
#[no_mangle]
pub unsafe extern "C" fn InternetTimeFromSystemTimeW(
    pst: *const SYSTEMTIME,
    dwRFC: DWORD,
    lpszTime: LPWSTR,
    cbTime: DWORD,
) -> BOOL {
    boundary(|| {
        // SAFETY: `pst` is NULL or valid.
        let text = unsafe { date_text(pst, dwRFC, !lpszTime.is_null(), cbTime, 2)? };
        let units: Vec<u16> = text.encode_utf16().collect();
        // SAFETY: the buffer holds at least RFC1123_BUFSIZE units (checked) and the text is 29.
        unsafe {
            std::ptr::copy_nonoverlapping(units.as_ptr(), lpszTime, units.len());
            *lpszTime.add(units.len()) = 0;
        }
        Ok(TRUE)
    })
}

/// # Safety
/// `pst` is NULL or valid for a write.
unsafe fn store(text: Option<String>, pst: *mut SYSTEMTIME) -> Result<BOOL, Error> {
    let (Some(text), false) = (text, pst.is_null()) else {
        return Err(Error::InvalidParameter);
    };
    let t = time::internet_time_to_system_time(&text, time::now_utc());
    // SAFETY: non-NULL, valid by the caller's contract.
    unsafe { *pst = SYSTEMTIME::from(t) };
    Ok(TRUE)
}

/// `InternetTimeToSystemTimeA`.
#[no_mangle]
pub unsafe extern "C" fn InternetTimeToSystemTimeA(
    lpszTime: LPCSTR,
    pst: *mut SYSTEMTIME,
    dwReserved: DWORD,
) -> BOOL {
    let _ = dwReserved;
    // SAFETY: `lpszTime` is NULL or NUL-terminated; `pst` NULL or valid.
    boundary(|| unsafe { store(crate::ffi::opt_str_a(lpszTime), pst) })
}

/// `InternetTimeToSystemTime`: the A form under its undecorated name.
#[no_mangle]
pub unsafe extern "C" fn InternetTimeToSystemTime(
    lpszTime: LPCSTR,
    pst: *mut SYSTEMTIME,
    dwReserved: DWORD,
) -> BOOL {
    // SAFETY: same contract.
    unsafe { InternetTimeToSystemTimeA(lpszTime, pst, dwReserved) }
}

/// `InternetTimeToSystemTimeW`.
#[no_mangle]
pub unsafe extern "C" fn InternetTimeToSystemTimeW(
    lpszTime: LPCWSTR,
    pst: *mut SYSTEMTIME,
    dwReserved: DWORD,
) -> BOOL {
    let _ = dwReserved;
    // SAFETY: `lpszTime` is NULL or NUL-terminated; `pst` NULL or valid.
    boundary(|| unsafe { store(crate::ffi::opt_str_w(lpszTime), pst) })
}
