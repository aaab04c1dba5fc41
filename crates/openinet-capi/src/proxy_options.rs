//! The two proxy options' C layouts: `INTERNET_OPTION_PROXY`
//! (`INTERNET_PROXY_INFO`, its strings placed after the struct in the
//! caller's buffer) and `INTERNET_OPTION_PER_CONNECTION_OPTION`
//! (`INTERNET_PER_CONN_OPTION_LIST`, whose string values the caller frees
//! with GlobalFree, so they come from `malloc`).

use crate::ffi::*;
use crate::settings::PerConn;
use openinet::consts::*;
use openinet::Error;
use std::mem::size_of;

/// `INTERNET_PROXY_INFO`, A or W (the same layout: the strings differ).
#[repr(C)]
struct ProxyInfo {
    access_type: DWORD,
    proxy: *const u8,
    bypass: *const u8,
}

/// `INTERNET_PER_CONN_OPTION_LIST`, A or W.
#[repr(C)]
struct OptionList {
    size: DWORD,
    connection: *const u8,
    count: DWORD,
    error: DWORD,
    options: *mut PerConnOption,
}

/// `INTERNET_PER_CONN_OPTION`: the value is a DWORD, a string or a FILETIME.
#[repr(C)]
struct PerConnOption {
    option: DWORD,
    value: u64,
}

/// A string in the caller's width, NUL-terminated, as bytes.
fn encoded(s: &str, wide: bool) -> Vec<u8> {
    if wide {
        s.encode_utf16()
            .chain(std::iter::once(0))
            .flat_map(u16::to_ne_bytes)
            .collect()
    } else {
        s.bytes().chain(std::iter::once(0)).collect()
    }
}

/// Writes `INTERNET_PROXY_INFO` with its strings after it; a short (or
/// NULL) buffer gets the size needed and `ERROR_INSUFFICIENT_BUFFER`.
///
/// # Safety
/// `buffer` NULL or valid for `*len` bytes; `len` valid.
pub unsafe fn write_proxy_info(
    pc: &PerConn,
    buffer: LPVOID,
    len: LPDWORD,
    wide: bool,
) -> Result<(), Error> {
    let proxy = pc.proxy_server.as_deref().map(|s| encoded(s, wide));
    let bypass = pc.proxy_bypass.as_deref().map(|s| encoded(s, wide));
    let head = size_of::<ProxyInfo>();
    let need = head + proxy.as_ref().map_or(0, Vec::len) + bypass.as_ref().map_or(0, Vec::len);
    // SAFETY: `len` is valid (the caller's contract).
    let cap = unsafe { *len } as usize;
    // SAFETY: as above.
    unsafe { *len = need as DWORD };
    if buffer.is_null() || cap < need {
        return Err(Error::InsufficientBuffer);
    }
    let base = buffer as *mut u8;
    let mut at = head;
    let mut place = |s: &Option<Vec<u8>>| -> *const u8 {
        match s {
            None => std::ptr::null(),
            Some(bytes) => {
                // SAFETY: `need` bytes fit in the buffer (checked); this
                // string's bytes end before `need`.
                unsafe {
                    let dst = base.add(at);
                    std::ptr::copy_nonoverlapping(bytes.as_ptr(), dst, bytes.len());
                    at += bytes.len();
                    dst
                }
            }
        }
    };
    let info = ProxyInfo {
        access_type: pc.access_type(),
        proxy: place(&proxy),
        bypass: place(&bypass),
    };
    // SAFETY: the buffer holds at least `head` bytes; unaligned write.
    unsafe { std::ptr::write_unaligned(buffer as *mut ProxyInfo, info) };
    Ok(())
}

/// Reads `INTERNET_PROXY_INFO` into `pc` (InternetSetOption).
///
/// # Safety
/// `buffer` valid for `len` bytes, its strings NULL or NUL-terminated.
pub unsafe fn read_proxy_info(
    pc: &mut PerConn,
    buffer: LPVOID,
    len: DWORD,
    wide: bool,
) -> Result<(), Error> {
    if buffer.is_null() {
        return Err(Error::InvalidParameter);
    }
    if (len as usize) < size_of::<ProxyInfo>() {
        return Err(Error::BadOptionLength);
    }
    // SAFETY: at least a ProxyInfo's bytes (checked).
    let info = unsafe { std::ptr::read_unaligned(buffer as *const ProxyInfo) };
    // SAFETY: strings NULL or NUL-terminated, per the API.
    let (proxy, bypass) = unsafe { (c_string(info.proxy, wide), c_string(info.bypass, wide)) };
    // A named proxy must be one the engine can use.
    if info.access_type == INTERNET_OPEN_TYPE_PROXY {
        if let Some(p) = proxy.as_deref().filter(|p| !p.is_empty()) {
            openinet::proxy::parse_list(p)?;
        }
    }
    *pc = PerConn::for_access_type(info.access_type, proxy, bypass);
    Ok(())
}

/// # Safety
/// `p` NULL or NUL-terminated in its width.
unsafe fn c_string(p: *const u8, wide: bool) -> Option<String> {
    // SAFETY: forwarded.
    unsafe {
        if wide {
            opt_str_w(p as LPCWSTR)
        } else {
            opt_str_a(p as LPCSTR)
        }
    }
}

/// A string option's value as a `malloc`ed C string (the caller frees it
/// with GlobalFree), or NULL.
fn malloc_string(s: Option<&str>, wide: bool) -> Result<u64, Error> {
    let Some(s) = s else { return Ok(0) };
    let bytes = encoded(s, wide);
    // SAFETY: malloc of a positive size; NULL is checked.
    let p = unsafe { libc::malloc(bytes.len()) } as *mut u8;
    if p.is_null() {
        return Err(Error::NotEnoughMemory);
    }
    // SAFETY: `p` holds `bytes.len()` bytes.
    unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), p, bytes.len()) };
    Ok(p as u64)
}

/// The caller's option list, checked.
///
/// # Safety
/// `buffer` valid for `len` bytes.
unsafe fn option_list<'a>(
    buffer: LPVOID,
    len: DWORD,
) -> Result<(OptionList, &'a mut [PerConnOption]), Error> {
    if buffer.is_null() {
        return Err(Error::InvalidParameter);
    }
    if (len as usize) < size_of::<OptionList>() {
        return Err(Error::BadOptionLength);
    }
    // SAFETY: at least an OptionList's bytes (checked).
    let list = unsafe { std::ptr::read_unaligned(buffer as *const OptionList) };
    if list.count == 0 || list.options.is_null() {
        return Err(Error::InvalidParameter);
    }
    // SAFETY: the caller's list points to `count` options, per the API.
    let options = unsafe { std::slice::from_raw_parts_mut(list.options, list.count as usize) };
    Ok((list, options))
}

/// Fills the caller's `INTERNET_PER_CONN_OPTION_LIST` from `pc`.
///
/// # Safety
/// `buffer` NULL or valid for `*len` bytes; `len` valid.
pub unsafe fn query_per_conn(
    pc: &PerConn,
    buffer: LPVOID,
    len: LPDWORD,
    wide: bool,
) -> Result<(), Error> {
    // SAFETY: `len` valid (the caller's contract).
    let cap = unsafe { *len };
    if (cap as usize) < size_of::<OptionList>() {
        // SAFETY: as above.
        unsafe { *len = size_of::<OptionList>() as DWORD };
        return Err(Error::InsufficientBuffer);
    }
    // SAFETY: forwarded.
    let (_, options) = unsafe { option_list(buffer, cap)? };
    let mut values = Vec::with_capacity(options.len());
    for (i, o) in options.iter().enumerate() {
        let v = match o.option {
            INTERNET_PER_CONN_FLAGS => pc.flags as u64,
            INTERNET_PER_CONN_PROXY_SERVER => malloc_string(pc.proxy_server.as_deref(), wide)?,
            INTERNET_PER_CONN_PROXY_BYPASS => malloc_string(pc.proxy_bypass.as_deref(), wide)?,
            INTERNET_PER_CONN_AUTOCONFIG_URL => malloc_string(pc.autoconfig_url.as_deref(), wide)?,
            INTERNET_PER_CONN_AUTODISCOVERY_FLAGS => pc.autodiscovery_flags as u64,
            INTERNET_PER_CONN_AUTOCONFIG_SECONDARY_URL => {
                malloc_string(pc.autoconfig_secondary_url.as_deref(), wide)?
            }
            INTERNET_PER_CONN_AUTOCONFIG_RELOAD_DELAY_MINS => {
                pc.autoconfig_reload_delay_mins as u64
            }
            INTERNET_PER_CONN_AUTOCONFIG_LAST_DETECT_TIME => pc.autoconfig_last_detect_time,
            INTERNET_PER_CONN_AUTOCONFIG_LAST_DETECT_URL => {
                malloc_string(pc.autoconfig_last_detect_url.as_deref(), wide)?
            }
            INTERNET_PER_CONN_FLAGS_UI => pc.flags_ui as u64,
            _ => {
                // What was allocated for earlier entries is not handed out.
                free_strings(options, &values);
                set_option_error(buffer, i);
                return Err(Error::InvalidParameter);
            }
        };
        values.push(v);
    }
    for (o, v) in options.iter_mut().zip(values) {
        o.value = v;
    }
    Ok(())
}

/// Frees the strings `query_per_conn` made before it failed.
fn free_strings(options: &[PerConnOption], values: &[u64]) {
    for (o, &v) in options.iter().zip(values) {
        let is_string = matches!(
            o.option,
            INTERNET_PER_CONN_PROXY_SERVER
                | INTERNET_PER_CONN_PROXY_BYPASS
                | INTERNET_PER_CONN_AUTOCONFIG_URL
                | INTERNET_PER_CONN_AUTOCONFIG_SECONDARY_URL
                | INTERNET_PER_CONN_AUTOCONFIG_LAST_DETECT_URL
        );
        if is_string && v != 0 {
            // SAFETY: `v` came from `malloc_string` in this call.
            unsafe { libc::free(v as *mut libc::c_void) };
        }
    }
}

/// Reports the failing entry in `dwOptionError`.
fn set_option_error(buffer: LPVOID, index: usize) {
    let at = std::mem::offset_of!(OptionList, error);
    // SAFETY: the list was read from this buffer, so its field is writable.
    unsafe { std::ptr::write_unaligned((buffer as *mut u8).add(at) as *mut DWORD, index as DWORD) };
}

/// Applies the caller's `INTERNET_PER_CONN_OPTION_LIST` to `pc`: all of it
/// or, when an entry is unknown, none of it.
///
/// # Safety
/// `buffer` valid for `len` bytes; string values NULL or NUL-terminated.
pub unsafe fn set_per_conn(
    pc: &mut PerConn,
    buffer: LPVOID,
    len: DWORD,
    wide: bool,
) -> Result<(), Error> {
    // SAFETY: forwarded.
    let (_, options) = unsafe { option_list(buffer, len)? };
    let mut next = pc.clone();
    // The application's settings replace the environment's.
    next.env = None;
    for (i, o) in options.iter().enumerate() {
        // SAFETY: a string entry's value is NULL or a NUL-terminated
        // string, per the API.
        let text = || unsafe { c_string(o.value as usize as *const u8, wide) };
        let dword = o.value as u32;
        match o.option {
            INTERNET_PER_CONN_FLAGS => next.set_flags(dword),
            INTERNET_PER_CONN_PROXY_SERVER => next.proxy_server = text(),
            INTERNET_PER_CONN_PROXY_BYPASS => next.proxy_bypass = text(),
            INTERNET_PER_CONN_AUTOCONFIG_URL => next.autoconfig_url = text(),
            INTERNET_PER_CONN_AUTODISCOVERY_FLAGS => next.autodiscovery_flags = dword,
            INTERNET_PER_CONN_AUTOCONFIG_SECONDARY_URL => next.autoconfig_secondary_url = text(),
            INTERNET_PER_CONN_AUTOCONFIG_RELOAD_DELAY_MINS => {
                next.autoconfig_reload_delay_mins = dword
            }
            INTERNET_PER_CONN_AUTOCONFIG_LAST_DETECT_TIME => {
                next.autoconfig_last_detect_time = o.value
            }
            INTERNET_PER_CONN_AUTOCONFIG_LAST_DETECT_URL => {
                next.autoconfig_last_detect_url = text()
            }
            INTERNET_PER_CONN_FLAGS_UI => next.flags_ui = dword,
            _ => {
                set_option_error(buffer, i);
                return Err(Error::InvalidParameter);
            }
        }
    }
    *pc = next;
    Ok(())
}
