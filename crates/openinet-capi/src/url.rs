//! `InternetCrackUrl`, `InternetCreateUrl`, `InternetCanonicalizeUrl` and
//! `InternetCombineUrl`, A and W: C strings in, engine (`openinet::url`)
//! rules, WinINet's buffer and length conventions out.
//!
//! Buffer rules (WinINet's):
//! - Canonicalize/Combine/Create: on success `*lpdwLength` is the length
//!   without the NUL; when the buffer is too small it becomes the length
//!   with the NUL and the error is `ERROR_INSUFFICIENT_BUFFER`. Lengths are
//!   in characters for both A and W.
//! - Crack: a component with a buffer and a non-zero length is copied (with
//!   its NUL); a NULL pointer with a non-zero length gets a pointer into the
//!   caller's URL and the component's length; a zero length is left alone.
//!   Extra info stays in the path unless the caller asks for it. Under
//!   `ICU_DECODE`, pointers still point into the URL as written (WinINet
//!   documents `ICU_DECODE` for buffers only).
//! - On success the last error is left as it was (WinINet does not reset
//!   it; Wine's url.c asserts this for `InternetCreateUrlA` on Windows).
//! - `dwStructSize` must be `sizeof(URL_COMPONENTS)` for `InternetCrackUrlA`
//!   and `InternetCreateUrl` (WinINet does not check it in
//!   `InternetCrackUrlW`).

use crate::ffi::{boundary, BOOL, DWORD, LPCSTR, LPCWSTR, LPDWORD, LPSTR, LPWSTR, TRUE};
use crate::types::{URL_COMPONENTSA, URL_COMPONENTSW};
use openinet::url::{self, Component, UrlComponents, UrlParts};
use openinet::Error;
use std::borrow::Cow;

/// A character unit of the A (bytes, passed through) or W (UTF-16) API.
pub(crate) trait Unit: crate::ffi::CharUnit + PartialEq {
    /// The engine's bytes for a string of units.
    fn to_bytes(units: &[Self]) -> Cow<'_, [u8]>;
    /// Units for engine bytes (W: UTF-8, invalid sequences replaced).
    fn from_bytes(bytes: &[u8]) -> Vec<Self>;
    /// The unit offset of a byte offset into `to_bytes(units)`.
    fn offset(bytes: &[u8], byte_offset: usize) -> usize;
}

impl Unit for u8 {
    fn to_bytes(units: &[u8]) -> Cow<'_, [u8]> {
        Cow::Borrowed(units)
    }
    fn from_bytes(bytes: &[u8]) -> Vec<u8> {
        bytes.to_vec()
    }
    fn offset(_: &[u8], byte_offset: usize) -> usize {
        byte_offset
    }
}

impl Unit for u16 {
    fn to_bytes(units: &[u16]) -> Cow<'_, [u8]> {
        Cow::Owned(String::from_utf16_lossy(units).into_bytes())
    }
    fn from_bytes(bytes: &[u8]) -> Vec<u16> {
        String::from_utf8_lossy(bytes).encode_utf16().collect()
    }
    fn offset(bytes: &[u8], byte_offset: usize) -> usize {
        String::from_utf8_lossy(&bytes[..byte_offset])
            .encode_utf16()
            .count()
    }
}

/// Reads `len` units at `p`, stopping at a NUL; `len == 0` means "up to the NUL".
///
/// # Safety
/// `p` is valid for `len` units, or NUL-terminated when `len` is 0.
unsafe fn units<'a, U: Unit>(p: *const U, len: usize) -> &'a [U] {
    let mut n = 0usize;
    // SAFETY: we stop at the caller's bound or at the NUL it guarantees.
    while (len == 0 || n < len) && unsafe { *p.add(n) } != U::default() {
        n += 1;
    }
    // SAFETY: `n` units were just read.
    unsafe { std::slice::from_raw_parts(p, n) }
}

/// An optional input string: NULL is `None`.
///
/// # Safety
/// As [`units`].
unsafe fn opt_units<'a, U: Unit>(p: *const U, len: usize) -> Option<&'a [U]> {
    // SAFETY: forwarded.
    (!p.is_null()).then(|| unsafe { units(p, len) })
}

/// WinINet's output-string rule (see the module doc).
///
/// # Safety
/// `buf` is NULL or valid for `*len` units; `len` is NULL or valid.
unsafe fn copy_out<U: Unit>(src: &[U], buf: *mut U, len: LPDWORD) -> Result<(), Error> {
    if buf.is_null() || len.is_null() {
        return Err(Error::InvalidParameter);
    }
    // SAFETY: forwarded to the shared helper with the same contract.
    unsafe { crate::ffi::copy_out_str(src, buf, len) }
}

// ---- InternetCrackUrl -------------------------------------------------------

/// An `LPSTR` field seen as a byte pointer field.
fn bytes_field(p: &mut LPSTR) -> &mut *mut u8 {
    // SAFETY: `*mut c_char` and `*mut u8` have the same size and layout.
    unsafe { &mut *(p as *mut LPSTR as *mut *mut u8) }
}

/// One component slot of a `URL_COMPONENTS`: its pointer and length fields.
struct Slot<'a, U> {
    ptr: &'a mut *mut U,
    len: &'a mut DWORD,
}

/// What a slot receives, decided before anything is written.
enum Fill<U> {
    Skip,
    Copy(Vec<U>),
    Point(*mut U, usize),
}

/// # Safety
/// `url_units` is the caller's URL (pointer mode returns pointers into it).
fn plan<U: Unit>(
    slot: &Slot<'_, U>,
    c: &Component,
    url_units: *const U,
    bytes: &[u8],
) -> Result<Fill<U>, Error> {
    if *slot.len == 0 {
        return Ok(Fill::Skip);
    }
    if slot.ptr.is_null() {
        return Ok(match &c.range {
            Some(r) => {
                let start = U::offset(bytes, r.start);
                let end = U::offset(bytes, r.end);
                Fill::Point(url_units.wrapping_add(start) as *mut U, end - start)
            }
            None => Fill::Point(std::ptr::null_mut(), 0),
        });
    }
    let text = U::from_bytes(c.bytes(bytes));
    if text.len() + 1 > *slot.len as usize {
        return Err(Error::InsufficientBuffer);
    }
    Ok(Fill::Copy(text))
}

/// # Safety
/// A `Copy` fill's buffer holds `text.len() + 1` units (checked by `plan`).
unsafe fn apply<U: Unit>(slot: Slot<'_, U>, fill: Fill<U>) {
    match fill {
        Fill::Skip => {}
        Fill::Point(p, n) => {
            *slot.ptr = p;
            *slot.len = n as DWORD;
        }
        Fill::Copy(text) => {
            // SAFETY: `plan` checked the buffer holds the text and its NUL.
            unsafe {
                std::ptr::copy_nonoverlapping(text.as_ptr(), *slot.ptr, text.len());
                *slot.ptr.add(text.len()) = U::default();
            }
            *slot.len = text.len() as DWORD;
        }
    }
}

/// The fields of `URL_COMPONENTSA`/`W` as one generic view.
struct CrackFields<'a, U> {
    slots: [Slot<'a, U>; 6],
    scheme: &'a mut i32,
    port: &'a mut u16,
}

/// # Safety
/// `url` is valid as [`units`] says; the slots' buffers hold their lengths.
unsafe fn crack_into<U: Unit>(
    url: *const U,
    len: DWORD,
    flags: DWORD,
    f: CrackFields<'_, U>,
) -> Result<BOOL, Error> {
    // SAFETY: the caller's URL contract.
    let input = unsafe { units(url, len as usize) };
    let bytes = U::to_bytes(input);
    let mut parts: UrlParts = url::crack_bytes(&bytes, flags)?;
    let [s_scheme, s_host, s_user, s_pass, s_path, s_extra] = f.slots;
    if s_extra.ptr.is_null() && *s_extra.len == 0 {
        parts.merge_extra_into_path(&bytes);
    }
    let all = [&s_scheme, &s_host, &s_user, &s_pass, &s_path, &s_extra];
    if all.iter().all(|s| *s.len == 0) {
        return Err(Error::InvalidParameter);
    }
    // Under ICU_DECODE a buffer given with a length of 0 is too small, not
    // skipped: Wine's url.c asserts the failure on Windows (todo_wine) for
    // the path and the extra info, and that the other four fail alike.
    if flags & url::flags::DECODE != 0 && all.iter().any(|s| !s.ptr.is_null() && *s.len == 0) {
        return Err(Error::InsufficientBuffer);
    }
    let comps = [
        &parts.scheme,
        &parts.host,
        &parts.user,
        &parts.password,
        &parts.path,
        &parts.extra,
    ];
    let mut fills = Vec::with_capacity(6);
    for (slot, c) in all.iter().zip(comps) {
        fills.push(plan(slot, c, url, &bytes)?);
    }
    *f.scheme = parts.scheme_code();
    *f.port = parts.port;
    for (slot, fill) in [s_scheme, s_host, s_user, s_pass, s_path, s_extra]
        .into_iter()
        .zip(fills)
    {
        // SAFETY: `plan` validated every copy.
        unsafe { apply(slot, fill) };
    }
    Ok(TRUE)
}

/// The six string slots and the scheme and port of a `URL_COMPONENTSA` or
/// `URL_COMPONENTSW` (same field names), in `CrackFields` order; `$ptr`
/// adapts a string field to the unit pointer (`bytes_field` for A).
macro_rules! crack_fields {
    ($uc:ident, $ptr:expr) => {
        CrackFields {
            slots: [
                Slot {
                    ptr: $ptr(&mut $uc.lpszScheme),
                    len: &mut $uc.dwSchemeLength,
                },
                Slot {
                    ptr: $ptr(&mut $uc.lpszHostName),
                    len: &mut $uc.dwHostNameLength,
                },
                Slot {
                    ptr: $ptr(&mut $uc.lpszUserName),
                    len: &mut $uc.dwUserNameLength,
                },
                Slot {
                    ptr: $ptr(&mut $uc.lpszPassword),
                    len: &mut $uc.dwPasswordLength,
                },
                Slot {
                    ptr: $ptr(&mut $uc.lpszUrlPath),
                    len: &mut $uc.dwUrlPathLength,
                },
                Slot {
                    ptr: $ptr(&mut $uc.lpszExtraInfo),
                    len: &mut $uc.dwExtraInfoLength,
                },
            ],
            scheme: &mut $uc.nScheme,
            port: &mut $uc.nPort,
        }
    };
}

/// `InternetCrackUrlA`.
#[no_mangle]
pub unsafe extern "C" fn InternetCrackUrlA(
    lpszUrl: LPCSTR,
    dwUrlLength: DWORD,
    dwFlags: DWORD,
    lpUrlComponents: *mut URL_COMPONENTSA,
) -> BOOL {
    boundary(|| {
        if lpszUrl.is_null() || lpUrlComponents.is_null() {
            return Err(Error::InvalidParameter);
        }
        // SAFETY: non-NULL; the caller passes a valid structure.
        let uc = unsafe { &mut *lpUrlComponents };
        if uc.dwStructSize as usize != std::mem::size_of::<URL_COMPONENTSA>() {
            return Err(Error::InvalidParameter);
        }
        let f = crack_fields!(uc, bytes_field);
        // SAFETY: the caller's pointers, as documented for InternetCrackUrl.
        unsafe { crack_into(lpszUrl as *const u8, dwUrlLength, dwFlags, f) }
    })
}

/// `InternetCrackUrlW`.
#[no_mangle]
pub unsafe extern "C" fn InternetCrackUrlW(
    lpszUrl: LPCWSTR,
    dwUrlLength: DWORD,
    dwFlags: DWORD,
    lpUrlComponents: *mut URL_COMPONENTSW,
) -> BOOL {
    boundary(|| {
        if lpszUrl.is_null() || lpUrlComponents.is_null() {
            return Err(Error::InvalidParameter);
        }
        // SAFETY: non-NULL; the caller passes a valid structure.
        let uc = unsafe { &mut *lpUrlComponents };
        let f = crack_fields!(uc, std::convert::identity);
        // SAFETY: the caller's pointers, as documented for InternetCrackUrl.
        unsafe { crack_into(lpszUrl, dwUrlLength, dwFlags, f) }
    })
}

// ---- InternetCreateUrl ------------------------------------------------------

/// A component for `InternetCreateUrl`: NULL is absent; length 0 means
/// NUL-terminated; any other length is taken as it stands, NULs included.
/// WinINet copies exactly that many characters: Wine's url.c asserts, on
/// Windows, that an empty password string given with the length 8 still
/// yields a 50-character URL whose text stops (at the copied NUL) after
/// `http://username:`.
///
/// # Safety
/// `p` is NULL, or valid for `len` units, or NUL-terminated when `len` is 0.
unsafe fn comp<U: Unit>(p: *const U, len: DWORD) -> Option<Vec<u8>> {
    if p.is_null() {
        return None;
    }
    let u = if len == 0 {
        // SAFETY: NUL-terminated by the caller's contract.
        unsafe { units(p, 0) }
    } else {
        // SAFETY: valid for `len` units by the caller's contract.
        unsafe { std::slice::from_raw_parts(p, len as usize) }
    };
    Some(U::to_bytes(u).into_owned())
}

/// # Safety
/// `buf`/`len` as [`copy_out`].
unsafe fn create_out<U: Unit>(
    c: &UrlComponents,
    flags: DWORD,
    buf: *mut U,
    len: LPDWORD,
) -> Result<BOOL, Error> {
    if len.is_null() {
        return Err(Error::InvalidParameter);
    }
    let out = U::from_bytes(&url::create_bytes(c, flags)?);
    // SAFETY: `len` checked; `buf` NULL or valid for `*len` units by contract.
    let r = unsafe { crate::ffi::copy_out_str(&out, buf, len) };
    if r == Err(Error::InsufficientBuffer) && std::mem::size_of::<U>() == 2 {
        // InternetCreateUrlW reports the size it needs in bytes, not characters.
        // SAFETY: `len` checked non-NULL above.
        unsafe { *len = ((out.len() + 1) * 2) as DWORD };
    }
    r?;
    Ok(TRUE)
}

/// The components of a `URL_COMPONENTSA` or `URL_COMPONENTSW` (same field
/// names) whose strings are `$unit` wide. Unsafe: reads the caller's strings
/// (each NULL, or valid for its length, or NUL-terminated when that is 0).
macro_rules! create_components {
    ($uc:ident, $unit:ty) => {
        UrlComponents {
            scheme: comp($uc.lpszScheme as *const $unit, $uc.dwSchemeLength),
            scheme_kind: $uc.nScheme,
            host: comp($uc.lpszHostName as *const $unit, $uc.dwHostNameLength),
            port: $uc.nPort,
            user: comp($uc.lpszUserName as *const $unit, $uc.dwUserNameLength),
            password: comp($uc.lpszPassword as *const $unit, $uc.dwPasswordLength),
            path: comp($uc.lpszUrlPath as *const $unit, $uc.dwUrlPathLength),
            extra: comp($uc.lpszExtraInfo as *const $unit, $uc.dwExtraInfoLength),
        }
    };
}

/// `InternetCreateUrlA`.
#[no_mangle]
pub unsafe extern "C" fn InternetCreateUrlA(
    lpUrlComponents: *mut URL_COMPONENTSA,
    dwFlags: DWORD,
    lpszUrl: LPSTR,
    lpdwUrlLength: LPDWORD,
) -> BOOL {
    boundary(|| {
        if lpUrlComponents.is_null() || lpdwUrlLength.is_null() {
            return Err(Error::InvalidParameter);
        }
        // SAFETY: non-NULL; the caller passes a valid structure.
        let uc = unsafe { &*lpUrlComponents };
        if uc.dwStructSize as usize != std::mem::size_of::<URL_COMPONENTSA>() {
            return Err(Error::InvalidParameter);
        }
        // SAFETY: each string is NULL or valid for its length (or NUL-terminated).
        let c = unsafe { create_components!(uc, u8) };
        // SAFETY: the caller's buffer contract.
        unsafe { create_out(&c, dwFlags, lpszUrl as *mut u8, lpdwUrlLength) }
    })
}

/// `InternetCreateUrlW`.
#[no_mangle]
pub unsafe extern "C" fn InternetCreateUrlW(
    lpUrlComponents: *mut URL_COMPONENTSW,
    dwFlags: DWORD,
    lpszUrl: LPWSTR,
    lpdwUrlLength: LPDWORD,
) -> BOOL {
    boundary(|| {
        if lpUrlComponents.is_null() || lpdwUrlLength.is_null() {
            return Err(Error::InvalidParameter);
        }
        // SAFETY: non-NULL; the caller passes a valid structure.
        let uc = unsafe { &*lpUrlComponents };
        if uc.dwStructSize as usize != std::mem::size_of::<URL_COMPONENTSW>() {
            return Err(Error::InvalidParameter);
        }
        // SAFETY: each string is NULL or valid for its length (or NUL-terminated).
        let c = unsafe { create_components!(uc, u16) };
        // SAFETY: the caller's buffer contract.
        unsafe { create_out(&c, dwFlags, lpszUrl, lpdwUrlLength) }
    })
}

// ---- InternetCanonicalizeUrl / InternetCombineUrl -------------------------

/// # Safety
/// `u` NUL-terminated; `buf`/`len` as [`copy_out`].
unsafe fn canon<U: Unit>(
    u: *const U,
    buf: *mut U,
    len: LPDWORD,
    flags: DWORD,
) -> Result<BOOL, Error> {
    // SAFETY: forwarded contract.
    let input = unsafe { opt_units(u, 0) }.ok_or(Error::InvalidParameter)?;
    if buf.is_null() || len.is_null() {
        return Err(Error::InvalidParameter);
    }
    let out = U::from_bytes(&url::canonicalize_bytes(&U::to_bytes(input), flags)?);
    // SAFETY: forwarded contract.
    unsafe { copy_out(&out, buf, len)? };
    Ok(TRUE)
}

/// # Safety
/// `base`/`rel` NUL-terminated; `buf`/`len` as [`copy_out`].
unsafe fn combine<U: Unit>(
    base: *const U,
    rel: *const U,
    buf: *mut U,
    len: LPDWORD,
    flags: DWORD,
) -> Result<BOOL, Error> {
    // SAFETY: forwarded contract.
    let (b, r) = unsafe { (opt_units(base, 0), opt_units(rel, 0)) };
    let (Some(b), Some(r)) = (b, r) else {
        return Err(Error::InvalidParameter);
    };
    if buf.is_null() || len.is_null() {
        return Err(Error::InvalidParameter);
    }
    let out = U::from_bytes(&url::combine_bytes(
        &U::to_bytes(b),
        &U::to_bytes(r),
        flags,
    )?);
    // SAFETY: forwarded contract.
    unsafe { copy_out(&out, buf, len)? };
    Ok(TRUE)
}

/// `InternetCanonicalizeUrlA`.
#[no_mangle]
pub unsafe extern "C" fn InternetCanonicalizeUrlA(
    lpszUrl: LPCSTR,
    lpszBuffer: LPSTR,
    lpdwBufferLength: LPDWORD,
    dwFlags: DWORD,
) -> BOOL {
    // SAFETY: the caller's string and buffer contracts.
    boundary(|| unsafe {
        canon(
            lpszUrl as *const u8,
            lpszBuffer as *mut u8,
            lpdwBufferLength,
            dwFlags,
        )
    })
}

/// `InternetCanonicalizeUrlW`.
#[no_mangle]
pub unsafe extern "C" fn InternetCanonicalizeUrlW(
    lpszUrl: LPCWSTR,
    lpszBuffer: LPWSTR,
    lpdwBufferLength: LPDWORD,
    dwFlags: DWORD,
) -> BOOL {
    // SAFETY: the caller's string and buffer contracts.
    boundary(|| unsafe { canon(lpszUrl, lpszBuffer, lpdwBufferLength, dwFlags) })
}

/// `InternetCombineUrlA`.
#[no_mangle]
pub unsafe extern "C" fn InternetCombineUrlA(
    lpszBaseUrl: LPCSTR,
    lpszRelativeUrl: LPCSTR,
    lpszBuffer: LPSTR,
    lpdwBufferLength: LPDWORD,
    dwFlags: DWORD,
) -> BOOL {
    // SAFETY: the caller's string and buffer contracts.
    boundary(|| unsafe {
        combine(
            lpszBaseUrl as *const u8,
            lpszRelativeUrl as *const u8,
            lpszBuffer as *mut u8,
            lpdwBufferLength,
            dwFlags,
        )
    })
}

/// `InternetCombineUrlW`.
#[no_mangle]
pub unsafe extern "C" fn InternetCombineUrlW(
    lpszBaseUrl: LPCWSTR,
    lpszRelativeUrl: LPCWSTR,
    lpszBuffer: LPWSTR,
    lpdwBufferLength: LPDWORD,
    dwFlags: DWORD,
) -> BOOL {
    // SAFETY: the caller's string and buffer contracts.
    boundary(|| unsafe {
        combine(
            lpszBaseUrl,
            lpszRelativeUrl,
            lpszBuffer,
            lpdwBufferLength,
            dwFlags,
        )
    })
}
