//! The C boundary's shared machinery: Windows types, the thread-local last
//! error, the panic boundary every export goes through, and the pointer and
//! string helpers that check before they dereference.

use openinet::Error;
use std::cell::Cell;
use std::ffi::{c_char, c_void};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

pub type BOOL = i32;
pub type DWORD = u32;
pub type DWORD_PTR = usize;
pub type HINTERNET = *mut c_void;
pub type LPVOID = *mut c_void;
pub type LPCSTR = *const c_char;
pub type LPSTR = *mut c_char;
pub type LPCWSTR = *const u16;
pub type LPWSTR = *mut u16;
pub type LPDWORD = *mut DWORD;
pub type INTERNET_PORT = u16;

pub const TRUE: BOOL = 1;
pub const FALSE: BOOL = 0;

thread_local! {
    static LAST_ERROR: Cell<DWORD> = const { Cell::new(0) };
}

/// Sets this thread's last error, as `SetLastError` does.
pub fn set_last_error(code: DWORD) {
    LAST_ERROR.with(|c| c.set(code));
}

/// This thread's last error, as `GetLastError` reports it.
pub fn last_error() -> DWORD {
    LAST_ERROR.with(|c| c.get())
}

/// `GetLastError`: the library's own thread-local last error.
#[no_mangle]
pub extern "C" fn GetLastError() -> DWORD {
    last_error()
}

/// `SetLastError`.
#[no_mangle]
pub extern "C" fn SetLastError(code: DWORD) {
    set_last_error(code)
}

/// What an export returns when it fails: FALSE, NULL or 0.
pub trait FailValue {
    fn fail_value() -> Self;
}
impl FailValue for BOOL {
    fn fail_value() -> Self {
        FALSE
    }
}
impl FailValue for DWORD {
    fn fail_value() -> Self {
        0
    }
}
impl FailValue for HINTERNET {
    fn fail_value() -> Self {
        std::ptr::null_mut()
    }
}
impl FailValue for () {
    fn fail_value() -> Self {}
}

thread_local! {
    /// How many exports this thread has left so far: another thread that
    /// saw it inside one can tell when that call has returned.
    static CALLS_ENDED: Arc<AtomicUsize> = Arc::new(AtomicUsize::new(0));
    /// How many exports this thread is inside now (they nest: callbacks
    /// may call exports from inside one).
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// Where this thread's current export stands, for another thread to watch
/// (see `dispatch::hold`: callbacks about an operation wait until the call
/// that started it has left the library): the counter, and its value now.
/// The count moves once this call (or, first, a call nested inside it)
/// returns.
/// `None` outside any export.
pub fn current_call() -> Option<(Arc<AtomicUsize>, usize)> {
    if DEPTH.with(Cell::get) == 0 {
        return None;
    }
    Some(CALLS_ENDED.with(|n| (Arc::clone(n), n.load(Ordering::Acquire))))
}

/// Counts an export's end when dropped.
struct InCall;

impl InCall {
    fn enter() -> InCall {
        DEPTH.with(|d| d.set(d.get() + 1));
        InCall
    }
}

impl Drop for InCall {
    fn drop(&mut self) {
        DEPTH.with(|d| d.set(d.get() - 1));
        CALLS_ENDED.with(|n| n.fetch_add(1, Ordering::Release));
    }
}

/// Runs an export's body: a returned `Err` sets the last error and yields
/// the failure value; a panic is caught (it must never unwind into C) and
/// reported as `ERROR_INTERNET_INTERNAL_ERROR`.
pub fn boundary<T: FailValue>(body: impl FnOnce() -> Result<T, Error>) -> T {
    let _in_call = InCall::enter();
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(v)) => v,
        Ok(Err(e)) => {
            set_last_error(e.code());
            T::fail_value()
        }
        Err(_) => {
            set_last_error(Error::InternalError.code());
            T::fail_value()
        }
    }
}

/// `Ok(TRUE)` after setting the last error to `ERROR_SUCCESS`, as WinINet does on success.
pub fn ok_true() -> Result<BOOL, Error> {
    set_last_error(0);
    Ok(TRUE)
}

/// Reads a NUL-terminated UTF-8 (`A`) string; NULL gives `None`. Invalid
/// UTF-8 is replaced rather than refused, as a code-page conversion would.
///
/// # Safety
/// `p` is NULL or points to a NUL-terminated string.
pub unsafe fn opt_str_a(p: LPCSTR) -> Option<String> {
    if p.is_null() {
        return None;
    }
    // SAFETY: the caller guarantees a NUL-terminated string.
    let bytes = unsafe { std::ffi::CStr::from_ptr(p) }.to_bytes();
    Some(String::from_utf8_lossy(bytes).into_owned())
}

/// Reads a NUL-terminated UTF-16 (`W`) string; NULL gives `None`.
///
/// # Safety
/// `p` is NULL or points to a NUL-terminated UTF-16 string.
pub unsafe fn opt_str_w(p: LPCWSTR) -> Option<String> {
    if p.is_null() {
        return None;
    }
    let mut len = 0usize;
    // SAFETY: the caller guarantees a terminating NUL, so every index up to it is in bounds.
    while unsafe { *p.add(len) } != 0 {
        len += 1;
    }
    // SAFETY: `len` units were just read.
    let units = unsafe { std::slice::from_raw_parts(p, len) };
    Some(String::from_utf16_lossy(units))
}

/// Reads `len` bytes of a UTF-8 string, or up to its NUL when `len` is
/// `None`; NULL gives `None`.
///
/// # Safety
/// `p` is NULL, or valid for `len` bytes, or NUL-terminated when `len` is `None`.
pub unsafe fn opt_str_a_len(p: LPCSTR, len: Option<usize>) -> Option<String> {
    match len {
        None => unsafe { opt_str_a(p) },
        Some(_) if p.is_null() => None,
        Some(n) => {
            // SAFETY: the caller guarantees `n` readable bytes.
            let bytes = unsafe { std::slice::from_raw_parts(p as *const u8, n) };
            Some(String::from_utf8_lossy(bytes).into_owned())
        }
    }
}

/// Reads `len` UTF-16 units, or up to the NUL when `len` is `None`; NULL gives `None`.
///
/// # Safety
/// As [`opt_str_a_len`], in UTF-16 units.
pub unsafe fn opt_str_w_len(p: LPCWSTR, len: Option<usize>) -> Option<String> {
    match len {
        None => unsafe { opt_str_w(p) },
        Some(_) if p.is_null() => None,
        Some(n) => {
            // SAFETY: the caller guarantees `n` readable units.
            let units = unsafe { std::slice::from_raw_parts(p, n) };
            Some(String::from_utf16_lossy(
                &units[..units.iter().position(|&u| u == 0).unwrap_or(n)],
            ))
        }
    }
}

/// A string ready to be handed to C in either width: bytes for `A`
/// functions, UTF-16 units for `W` functions.
pub trait CharUnit: Copy + Default + PartialEq + 'static {
    /// The string in this unit, without a NUL.
    fn encode(s: &str) -> Vec<Self>;
    /// Units as text (invalid sequences replaced, nothing lost silently).
    fn decode(units: &[Self]) -> String;
}
impl CharUnit for u8 {
    fn encode(s: &str) -> Vec<u8> {
        s.as_bytes().to_vec()
    }
    fn decode(units: &[u8]) -> String {
        String::from_utf8_lossy(units).into_owned()
    }
}
impl CharUnit for u16 {
    fn encode(s: &str) -> Vec<u16> {
        s.encode_utf16().collect()
    }
    fn decode(units: &[u16]) -> String {
        String::from_utf16_lossy(units)
    }
}

/// Reads a NUL-terminated string that WinINet reads past the length it is
/// given: HttpQueryInfo(HTTP_QUERY_CUSTOM) takes the whole header name even
/// when `*lpdwBufferLength` is shorter (Wine's http.c HttpHeaders_test:
/// "Warning" with a length of 5 is found, on Windows). Past `max` units it
/// reads on only to the end of the 4 KiB block holding the last unit it
/// was promised: memory is mapped by whole pages (4 KiB or more), so that
/// never touches an unmapped page, and an unterminated name at the end of
/// memory ends there instead of faulting. A length of 0 promises nothing,
/// but WinINet still reads the name (a size query: `*len = 0` gives the
/// needed size): then the name's first unit must be readable, as it must
/// be for WinINet.
///
/// # Safety
/// `p` is NULL, or valid for `max` units (for at least one unit when
/// `max` is 0).
pub unsafe fn name_str<U: CharUnit>(p: *const U, max: usize) -> Option<String> {
    if p.is_null() {
        return None;
    }
    const BLOCK: usize = 4096;
    let unit = std::mem::size_of::<U>();
    let last = p as usize + (max.max(1) - 1) * unit;
    let block_end = (last / BLOCK + 1) * BLOCK;
    let mut units = Vec::new();
    // SAFETY: units below `max` are the caller's; beyond, each unit lies
    // wholly before `block_end`, in the same page as a unit the caller
    // lent, so it is mapped (see above). Read unaligned: the buffer is an
    // LPVOID, at whatever address the caller chose.
    while units.len() < max || p as usize + (units.len() + 1) * unit <= block_end {
        let u = unsafe { p.add(units.len()).read_unaligned() };
        if u == U::default() {
            break;
        }
        units.push(u);
    }
    Some(U::decode(&units))
}

/// Reads a string from a caller's buffer of `max` units: up to its first
/// NUL, and never past the buffer's end (an unterminated string ends
/// there). NULL gives `None`.
///
/// # Safety
/// `p` is NULL or valid for `max` units.
pub unsafe fn bounded_str<U: CharUnit>(p: *const U, max: usize) -> Option<String> {
    if p.is_null() {
        return None;
    }
    let mut units = Vec::new();
    // SAFETY: each index read is below `max`, inside the caller's buffer;
    // read unaligned, as an option's LPVOID may be anywhere.
    while units.len() < max {
        let u = unsafe { p.add(units.len()).read_unaligned() };
        if u == U::default() {
            break;
        }
        units.push(u);
    }
    Some(U::decode(&units))
}

/// Copies `src` plus a NUL into a caller buffer of `*len_inout` units, the
/// rule most WinINet string outputs follow: on success `*len_inout` becomes
/// the length without the NUL; when the buffer is too small (or NULL) it
/// becomes the length *with* the NUL and the error is
/// `ERROR_INSUFFICIENT_BUFFER`. Nothing is written to `buf` on failure.
///
/// # Safety
/// `buf` is NULL or valid for `*len_inout` units; `len_inout` is valid or NULL.
pub unsafe fn copy_out_str<U: CharUnit>(
    src: &[U],
    buf: *mut U,
    len_inout: *mut DWORD,
) -> Result<(), Error> {
    if len_inout.is_null() {
        return Err(Error::InvalidParameter);
    }
    // SAFETY: checked non-NULL; the caller guarantees validity.
    let cap = unsafe { *len_inout } as usize;
    if buf.is_null() || cap < src.len() + 1 {
        // SAFETY: as above.
        unsafe { *len_inout = (src.len() + 1) as DWORD };
        return Err(Error::InsufficientBuffer);
    }
    // SAFETY: `buf` holds at least `src.len() + 1` units (checked above).
    // Copied as bytes and the NUL written unaligned: many of these buffers
    // are LPVOIDs (HttpQueryInfoW, InternetQueryOptionW) that a caller may
    // place at any address.
    unsafe {
        std::ptr::copy_nonoverlapping(
            src.as_ptr().cast::<u8>(),
            buf.cast::<u8>(),
            std::mem::size_of_val(src),
        );
        buf.add(src.len()).write_unaligned(U::default());
        *len_inout = src.len() as DWORD;
    }
    Ok(())
}

/// Writes a DWORD through an optional out-pointer.
///
/// # Safety
/// `p` is NULL or valid for a write.
pub unsafe fn put_dword(p: LPDWORD, v: DWORD) {
    if !p.is_null() {
        // SAFETY: non-NULL and valid by the caller's guarantee.
        unsafe { *p = v };
    }
}
