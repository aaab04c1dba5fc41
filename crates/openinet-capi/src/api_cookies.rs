//! The cookie exports over `openinet::cookies`: `InternetGetCookie(Ex)`,
//! `InternetSetCookie(Ex)`, A and W, and the `winineti.h` functions the
//! cookie code uses (`IsDomainLegalCookieDomainW`, the privacy zone
//! preferences, `DeleteWpadCacheForNetworks`).
//!
//! Buffer rules of `InternetGetCookie(Ex)`, as Wine's tests assert them
//! (checked on Windows):
//! - A: sizes are in bytes and always count the NUL. A NULL buffer gets
//!   the size and TRUE; a buffer too small gets `ERROR_INSUFFICIENT_BUFFER`
//!   and the size; success writes the size too. Without cookies, the size
//!   becomes 0 and the error is `ERROR_NO_MORE_ITEMS`.
//! - W: `*lpdwSize` is read and written in characters (NUL counted) on
//!   success, but a NULL or short buffer is answered in *bytes*
//!   (`(len + 1) * 2`), as WinINet does. Without cookies the size is left
//!   alone (Wine's behaviour; the tests do not say).
//! - The cookie name is ignored: Windows documents it as not implemented
//!   and returns every cookie.
//! - A NULL URL or size is `ERROR_INVALID_PARAMETER`, and so is a URL
//!   without a host (`about:blank`); a URL that does not crack gives the
//!   cracker's error (`ERROR_INTERNET_UNRECOGNIZED_SCHEME`).
//!
//! Success leaves the last error as it was, as Wine's cookie functions do.
//!
//! `InternetSetCookieEx` returns a `COOKIE_STATE_*`: `COOKIE_STATE_ACCEPT`,
//! `COOKIE_STATE_REJECT` with `ERROR_INVALID_OPERATION` for an HttpOnly
//! cookie set or replaced without `INTERNET_COOKIE_HTTPONLY`, and
//! `COOKIE_STATE_UNKNOWN` with the error otherwise (a `Domain` the URL may
//! not set is `ERROR_INVALID_PARAMETER`). `InternetSetCookie` is TRUE only
//! for `COOKIE_STATE_ACCEPT`.

use crate::ffi::{
    boundary, opt_str_a, opt_str_w, set_last_error, BOOL, DWORD, DWORD_PTR, FALSE, LPCSTR, LPCWSTR,
    LPDWORD, LPSTR, LPVOID, LPWSTR, TRUE,
};
use openinet::consts::{
    ERROR_INVALID_OPERATION, ERROR_MORE_DATA, WPAD_CACHE_DELETE_ALL, WPAD_CACHE_DELETE_CURRENT,
};
use openinet::cookies::{self, privacy, SetOutcome};
use openinet::Error;

/// `InternetCookieState` values as the DWORD the exports return (the
/// header's enum constants are `i32`, like any C enum; these are small).
const COOKIE_STATE_ACCEPT: DWORD = openinet::consts::COOKIE_STATE_ACCEPT as DWORD;
const COOKIE_STATE_REJECT: DWORD = openinet::consts::COOKIE_STATE_REJECT as DWORD;

/// How a cookie string is measured and copied for one character width.
trait Width: Copy + Default + 'static {
    /// The string in this width, without a NUL.
    fn encode(s: &str) -> Vec<Self>;
    /// The size reported for `units` units (NUL included) when the buffer
    /// is NULL or too small; after a copy it is `units` in both widths.
    fn needed(units: usize) -> usize;
    /// Whether a failed lookup zeroes the size (A does, W does not).
    const ZERO_ON_FAILURE: bool;
}

impl Width for u8 {
    fn encode(s: &str) -> Vec<u8> {
        s.as_bytes().to_vec()
    }
    fn needed(units: usize) -> usize {
        units
    }
    const ZERO_ON_FAILURE: bool = true;
}

impl Width for u16 {
    fn encode(s: &str) -> Vec<u16> {
        s.encode_utf16().collect()
    }
    fn needed(units: usize) -> usize {
        units * 2
    }
    const ZERO_ON_FAILURE: bool = false;
}

/// The body of `InternetGetCookieEx`, either width.
///
/// # Safety
/// `data` is NULL or valid for `*size` units; `size` is NULL or valid.
unsafe fn get_cookie<U: Width>(
    url: Option<String>,
    data: *mut U,
    size: LPDWORD,
    flags: DWORD,
) -> Result<BOOL, Error> {
    if size.is_null() {
        return Err(Error::InvalidParameter);
    }
    let found = url
        .ok_or(Error::InvalidParameter)
        .and_then(|url| cookies::get_cookie(&url, flags));
    let text = match found {
        Ok(text) => text,
        Err(e) => {
            if U::ZERO_ON_FAILURE {
                // SAFETY: checked non-NULL; valid by the caller's contract.
                unsafe { *size = 0 };
            }
            return Err(e);
        }
    };
    let units = U::encode(&text);
    let with_nul = units.len() + 1;
    // SAFETY: as above.
    let cap = unsafe { *size } as usize;
    if data.is_null() || cap < with_nul {
        // SAFETY: as above.
        unsafe { *size = to_dword(U::needed(with_nul)) };
        return if data.is_null() {
            Ok(TRUE)
        } else {
            Err(Error::InsufficientBuffer)
        };
    }
    // SAFETY: `data` holds at least `with_nul` units (checked above).
    unsafe {
        std::ptr::copy_nonoverlapping(units.as_ptr(), data, units.len());
        *data.add(units.len()) = U::default();
        *size = to_dword(with_nul);
    }
    Ok(TRUE)
}

fn to_dword(n: usize) -> DWORD {
    DWORD::try_from(n).unwrap_or(DWORD::MAX)
}

/// The body of `InternetSetCookieEx`: the `COOKIE_STATE_*` it returns.
fn set_cookie(
    url: Option<String>,
    name: Option<String>,
    data: Option<String>,
    flags: DWORD,
) -> Result<DWORD, Error> {
    let (Some(url), Some(data)) = (url, data) else {
        return Err(Error::InvalidParameter);
    };
    match cookies::set_cookie(&url, name.as_deref(), &data, flags)? {
        SetOutcome::Accepted => Ok(COOKIE_STATE_ACCEPT),
        SetOutcome::Rejected => {
            set_last_error(ERROR_INVALID_OPERATION);
            Ok(COOKIE_STATE_REJECT)
        }
    }
}

/// `InternetGetCookieExA`.
#[no_mangle]
pub unsafe extern "C" fn InternetGetCookieExA(
    lpszUrl: LPCSTR,
    lpszCookieName: LPCSTR,
    lpszCookieData: LPSTR,
    lpdwSize: LPDWORD,
    dwFlags: DWORD,
    lpReserved: LPVOID,
) -> BOOL {
    let _ = (lpszCookieName, lpReserved);
    // SAFETY: the caller passes valid strings and buffers (or NULL).
    boundary(|| unsafe {
        get_cookie(
            opt_str_a(lpszUrl),
            lpszCookieData as *mut u8,
            lpdwSize,
            dwFlags,
        )
    })
}

/// `InternetGetCookieExW`.
#[no_mangle]
pub unsafe extern "C" fn InternetGetCookieExW(
    lpszUrl: LPCWSTR,
    lpszCookieName: LPCWSTR,
    lpszCookieData: LPWSTR,
    lpdwSize: LPDWORD,
    dwFlags: DWORD,
    lpReserved: LPVOID,
) -> BOOL {
    let _ = (lpszCookieName, lpReserved);
    // SAFETY: the caller passes valid strings and buffers (or NULL).
    boundary(|| unsafe { get_cookie(opt_str_w(lpszUrl), lpszCookieData, lpdwSize, dwFlags) })
}

/// `InternetGetCookieA`: `InternetGetCookieExA` without flags.
#[no_mangle]
pub unsafe extern "C" fn InternetGetCookieA(
    lpszUrl: LPCSTR,
    lpszCookieName: LPCSTR,
    lpszCookieData: LPSTR,
    lpdwSize: LPDWORD,
) -> BOOL {
    // SAFETY: same contract.
    unsafe {
        InternetGetCookieExA(
            lpszUrl,
            lpszCookieName,
            lpszCookieData,
            lpdwSize,
            0,
            std::ptr::null_mut(),
        )
    }
}

/// `InternetGetCookieW`: `InternetGetCookieExW` without flags.
#[no_mangle]
pub unsafe extern "C" fn InternetGetCookieW(
    lpszUrl: LPCWSTR,
    lpszCookieName: LPCWSTR,
    lpszCookieData: LPWSTR,
    lpdwSize: LPDWORD,
) -> BOOL {
    // SAFETY: same contract.
    unsafe {
        InternetGetCookieExW(
            lpszUrl,
            lpszCookieName,
            lpszCookieData,
            lpdwSize,
            0,
            std::ptr::null_mut(),
        )
    }
}

/// `InternetSetCookieExA`. `dwReserved` (a P3P header) is ignored.
#[no_mangle]
pub unsafe extern "C" fn InternetSetCookieExA(
    lpszUrl: LPCSTR,
    lpszCookieName: LPCSTR,
    lpszCookieData: LPCSTR,
    dwFlags: DWORD,
    dwReserved: DWORD_PTR,
) -> DWORD {
    let _ = dwReserved;
    // SAFETY: the caller passes NUL-terminated strings or NULL.
    boundary(|| unsafe {
        set_cookie(
            opt_str_a(lpszUrl),
            opt_str_a(lpszCookieName),
            opt_str_a(lpszCookieData),
            dwFlags,
        )
    })
}

/// `InternetSetCookieExW`. `dwReserved` (a P3P header) is ignored.
#[no_mangle]
pub unsafe extern "C" fn InternetSetCookieExW(
    lpszUrl: LPCWSTR,
    lpszCookieName: LPCWSTR,
    lpszCookieData: LPCWSTR,
    dwFlags: DWORD,
    dwReserved: DWORD_PTR,
) -> DWORD {
    let _ = dwReserved;
    // SAFETY: the caller passes NUL-terminated strings or NULL.
    boundary(|| unsafe {
        set_cookie(
            opt_str_w(lpszUrl),
            opt_str_w(lpszCookieName),
            opt_str_w(lpszCookieData),
            dwFlags,
        )
    })
}

/// InternetSetCookie's answer for an InternetSetCookieEx state: TRUE when
/// the cookie was accepted.
fn accepted(state: DWORD) -> BOOL {
    if state == COOKIE_STATE_ACCEPT {
        TRUE
    } else {
        FALSE
    }
}

/// `InternetSetCookieA`: TRUE when `InternetSetCookieExA` accepts.
#[no_mangle]
pub unsafe extern "C" fn InternetSetCookieA(
    lpszUrl: LPCSTR,
    lpszCookieName: LPCSTR,
    lpszCookieData: LPCSTR,
) -> BOOL {
    // SAFETY: same contract.
    accepted(unsafe { InternetSetCookieExA(lpszUrl, lpszCookieName, lpszCookieData, 0, 0) })
}

/// `InternetSetCookieW`: TRUE when `InternetSetCookieExW` accepts.
#[no_mangle]
pub unsafe extern "C" fn InternetSetCookieW(
    lpszUrl: LPCWSTR,
    lpszCookieName: LPCWSTR,
    lpszCookieData: LPCWSTR,
) -> BOOL {
    // SAFETY: same contract.
    accepted(unsafe { InternetSetCookieExW(lpszUrl, lpszCookieName, lpszCookieData, 0, 0) })
}

/// `IsDomainLegalCookieDomainW` (`winineti.h`, ordinal 117 in Windows'
/// wininet.dll): may a page of `pchFullDomain` set a cookie for
/// `pchDomain`? FALSE sets `ERROR_INVALID_PARAMETER`. The rules are
/// `openinet::cookies::is_legal_cookie_domain`'s.
#[no_mangle]
pub unsafe extern "C" fn IsDomainLegalCookieDomainW(
    pchDomain: LPCWSTR,
    pchFullDomain: LPCWSTR,
) -> BOOL {
    // SAFETY: the caller passes NUL-terminated strings or NULL.
    boundary(|| unsafe {
        let (Some(domain), Some(full)) = (opt_str_w(pchDomain), opt_str_w(pchFullDomain)) else {
            return Err(Error::InvalidParameter);
        };
        if cookies::is_legal_cookie_domain(&domain, &full) {
            Ok(TRUE)
        } else {
            Err(Error::InvalidParameter)
        }
    })
}

/// `DeleteWpadCacheForNetworks` (`winineti.h`): forgets the proxy
/// auto-discovery results of the current network or of all. OpenINet does
/// no WPAD discovery, so there is never anything cached and the deletion
/// succeeds at once; an `action` that is no `WPAD_CACHE_DELETE` value is
/// `ERROR_INVALID_PARAMETER`.
#[no_mangle]
pub extern "C" fn DeleteWpadCacheForNetworks(action: DWORD) -> BOOL {
    boundary(|| match action {
        WPAD_CACHE_DELETE_CURRENT | WPAD_CACHE_DELETE_ALL => Ok(TRUE),
        _ => Err(Error::InvalidParameter),
    })
}

/// Runs the body of an export that returns its error code (0 for
/// success) instead of setting the last error; a panic is
/// `ERROR_INTERNET_INTERNAL_ERROR`, never 0.
fn error_code(body: impl FnOnce() -> Result<(), Error>) -> DWORD {
    let mut code = Error::InternalError.code();
    boundary(|| {
        code = match body() {
            Ok(()) => 0,
            Err(e) => e.code(),
        };
        Ok(())
    });
    code
}

/// `PrivacySetZonePreferenceW`: returns 0 or an error code. The setting
/// lasts for the process (see `openinet::cookies::privacy`).
#[no_mangle]
pub unsafe extern "C" fn PrivacySetZonePreferenceW(
    dwZone: DWORD,
    dwType: DWORD,
    dwTemplate: DWORD,
    pszPreference: LPCWSTR,
) -> DWORD {
    error_code(|| {
        // SAFETY: the caller passes a NUL-terminated string or NULL.
        let preference = unsafe { opt_str_w(pszPreference) };
        privacy::set_zone_preference(dwZone, dwType, dwTemplate, preference.as_deref())
    })
}

/// `PrivacyGetZonePreferenceW`: returns 0 or an error code. Each output
/// is optional. The buffer receives the custom preference string (empty
/// for a plain template), its length in characters: a NULL buffer gets the
/// length needed (NUL counted), a short one `ERROR_MORE_DATA` and that
/// length, and success the length written (without the NUL).
#[no_mangle]
pub unsafe extern "C" fn PrivacyGetZonePreferenceW(
    dwZone: DWORD,
    dwType: DWORD,
    pdwTemplate: LPDWORD,
    pszBuffer: LPWSTR,
    pdwBufferLength: LPDWORD,
) -> DWORD {
    let mut more_data = false;
    let code = error_code(|| {
        let setting = privacy::zone_preference(dwZone, dwType)?;
        if !pszBuffer.is_null() && pdwBufferLength.is_null() {
            return Err(Error::InvalidParameter);
        }
        // SAFETY: each pointer is NULL or valid, by the caller's contract;
        // the buffer holds `*pdwBufferLength` units.
        unsafe {
            crate::ffi::put_dword(pdwTemplate, setting.template);
            if pdwBufferLength.is_null() {
                return Ok(());
            }
            let units: Vec<u16> = setting
                .preference
                .unwrap_or_default()
                .encode_utf16()
                .collect();
            let with_nul = units.len() + 1;
            if pszBuffer.is_null() || (*pdwBufferLength as usize) < with_nul {
                *pdwBufferLength = to_dword(with_nul);
                more_data = !pszBuffer.is_null();
                return Ok(());
            }
            std::ptr::copy_nonoverlapping(units.as_ptr(), pszBuffer, units.len());
            *pszBuffer.add(units.len()) = 0;
            *pdwBufferLength = to_dword(units.len());
        }
        Ok(())
    });
    if code == 0 && more_data {
        ERROR_MORE_DATA
    } else {
        code
    }
}
