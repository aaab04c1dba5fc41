//! `FormatMessageA` / `FormatMessageW` for WinINet's own messages.
//!
//! On Windows the `ERROR_INTERNET_*` texts live in wininet.dll's message
//! table: programs call `FormatMessage(FORMAT_MESSAGE_FROM_HMODULE,
//! GetModuleHandle("wininet.dll"), code, ...)`. This library is that module,
//! so its `FormatMessage` answers from that table only, for `FROM_HMODULE`
//! with one of this library's handles: what `include/windows.h`'s
//! `GetModuleHandle("wininet.dll")` returns (the address of `FormatMessageA`),
//! or the dynamic loader's handle of this shared object (what `dlopen`, and a
//! shim's `GetModuleHandle`, return). Another module, like the program's own
//! (NULL), has no message table here. Of the system's table it has the
//! texts of the Win32 codes this library itself sets (`ERROR_INVALID_PARAMETER`,
//! `ERROR_TOO_MANY_OPEN_FILES`, ...), for `FROM_SYSTEM`: the other half of
//! the usual `FROM_SYSTEM | FROM_HMODULE` call on a `GetLastError()` value.
//! It does not format `FROM_STRING` messages.
//!
//! Buffers follow Windows: the returned count excludes the NUL; a buffer
//! too small for the text and its NUL gets `ERROR_INSUFFICIENT_BUFFER` and
//! is left alone; `FORMAT_MESSAGE_ALLOCATE_BUFFER` allocates with `malloc`
//! (what `LocalFree` frees in a Linux shim). The texts are Microsoft's
//! documented wording ("WinINet errors", wininet-errors.md), each ending in
//! CR LF as message-table texts do.

use crate::ffi::{boundary, set_last_error, CharUnit, DWORD, LPSTR, LPVOID, LPWSTR};
use crate::types::LPCVOID;
use openinet::consts::{
    ERROR_CALL_NOT_IMPLEMENTED, ERROR_INSUFFICIENT_BUFFER, ERROR_INVALID_PARAMETER,
    ERROR_MR_MID_NOT_FOUND, ERROR_NOT_ENOUGH_MEMORY, ERROR_RESOURCE_LANG_NOT_FOUND,
    ERROR_RESOURCE_TYPE_NOT_FOUND,
};

// The FORMAT_MESSAGE_* flags (winbase.h; include/windows.h declares the same values).
const FORMAT_MESSAGE_ALLOCATE_BUFFER: DWORD = 0x0000_0100;
const FORMAT_MESSAGE_FROM_STRING: DWORD = 0x0000_0400;
const FORMAT_MESSAGE_FROM_HMODULE: DWORD = 0x0000_0800;
const FORMAT_MESSAGE_FROM_SYSTEM: DWORD = 0x0000_1000;
const FORMAT_MESSAGE_MAX_WIDTH_MASK: DWORD = 0x0000_00FF;

/// The primary languages the table answers for: neutral (any) and English.
const LANG_NEUTRAL: DWORD = 0x00;
const LANG_ENGLISH: DWORD = 0x09;

/// `Dl_info` of `<dlfcn.h>` (the same layout on glibc, musl and macOS).
#[repr(C)]
struct DlInfo {
    dli_fname: *const std::ffi::c_char,
    dli_fbase: *mut std::ffi::c_void,
    dli_sname: *const std::ffi::c_char,
    dli_saddr: *mut std::ffi::c_void,
}

const RTLD_NOW: std::ffi::c_int = 2;
#[cfg(target_vendor = "apple")]
const RTLD_NOLOAD: std::ffi::c_int = 0x10;
#[cfg(not(target_vendor = "apple"))]
const RTLD_NOLOAD: std::ffi::c_int = 0x4;

extern "C" {
    /// The C allocator: `FORMAT_MESSAGE_ALLOCATE_BUFFER` memory is freed with
    /// `LocalFree`, which a Linux shim maps to `free`.
    fn malloc(size: usize) -> *mut std::ffi::c_void;
    fn dladdr(addr: *const std::ffi::c_void, info: *mut DlInfo) -> std::ffi::c_int;
    fn dlopen(file: *const std::ffi::c_char, mode: std::ffi::c_int) -> *mut std::ffi::c_void;
    fn dlclose(handle: *mut std::ffi::c_void) -> std::ffi::c_int;
}

/// The dynamic loader's handle of the shared object this code is in, if it
/// is one (linked statically, the code is in the program, which the loader
/// does not hand out by name).
fn loader_handle() -> Option<usize> {
    static HANDLE: std::sync::OnceLock<Option<usize>> = std::sync::OnceLock::new();
    *HANDLE.get_or_init(|| {
        let mut info = DlInfo {
            dli_fname: std::ptr::null(),
            dli_fbase: std::ptr::null_mut(),
            dli_sname: std::ptr::null(),
            dli_saddr: std::ptr::null_mut(),
        };
        // SAFETY: dladdr reads nothing through the address and fills `info`.
        let found = unsafe { dladdr(FormatMessageA as *const std::ffi::c_void, &mut info) };
        if found == 0 || info.dli_fname.is_null() {
            return None;
        }
        // SAFETY: dli_fname is the loader's NUL-terminated path; RTLD_NOLOAD
        // only looks up an object already loaded (this one), loading nothing.
        let handle = unsafe { dlopen(info.dli_fname, RTLD_NOW | RTLD_NOLOAD) };
        if handle.is_null() {
            return None;
        }
        // SAFETY: drops the reference dlopen just added; the object stays
        // loaded (this code runs from it), so the handle stays what it names.
        unsafe { dlclose(handle) };
        Some(handle as usize)
    })
}

/// Whether `source` is one of this library's module handles (see the module
/// notes). Without a loader handle (a static link), any non-NULL handle is
/// taken as this library's, since nothing else can be told apart.
fn is_this_module(source: LPCVOID) -> bool {
    let own = FormatMessageA as *const () as usize;
    source as usize == own || loader_handle().is_none_or(|h| source as usize == h)
}

/// The formatted text for one request, or the error `FormatMessage` sets.
fn formatted(flags: DWORD, source: LPCVOID, id: DWORD, lang: DWORD) -> Result<String, DWORD> {
    if flags & FORMAT_MESSAGE_FROM_STRING != 0 {
        return Err(ERROR_CALL_NOT_IMPLEMENTED);
    }
    if flags & (FORMAT_MESSAGE_FROM_HMODULE | FORMAT_MESSAGE_FROM_SYSTEM) == 0 {
        return Err(ERROR_INVALID_PARAMETER);
    }
    let primary = lang & 0x3FF;
    let english = lang == 0 || primary == LANG_NEUTRAL || primary == LANG_ENGLISH;
    // The module's table first (as Windows searches it before the
    // system's); another module (NULL is the program's own) has none here.
    let from_module = flags & FORMAT_MESSAGE_FROM_HMODULE != 0;
    let this_module = from_module && !source.is_null() && is_this_module(source);
    let from_system = flags & FORMAT_MESSAGE_FROM_SYSTEM != 0;
    if from_module && !this_module && !from_system {
        return Err(ERROR_RESOURCE_TYPE_NOT_FOUND);
    }
    if !english {
        return Err(ERROR_RESOURCE_LANG_NOT_FOUND);
    }
    let text = this_module
        .then(|| message_text(id))
        .flatten()
        .or_else(|| from_system.then(|| system_text(id)).flatten())
        .ok_or(ERROR_MR_MID_NOT_FOUND)?;
    Ok(with_line_breaks(
        text,
        flags & FORMAT_MESSAGE_MAX_WIDTH_MASK,
    ))
}

/// Applies the width bits: 0 keeps the text's own line break (CR LF at the
/// end); `FORMAT_MESSAGE_MAX_WIDTH_MASK` turns it into a space; another
/// width turns it into a space and breaks lines at spaces so none is longer
/// than that many characters (a word longer than the width stands alone).
fn with_line_breaks(text: &str, width: DWORD) -> String {
    match width {
        0 => format!("{text}\r\n"),
        FORMAT_MESSAGE_MAX_WIDTH_MASK => format!("{text} "),
        w => {
            let mut out = String::new();
            let mut line = 0usize;
            for word in text.split(' ') {
                if line > 0 && line + 1 + word.len() > w as usize {
                    out.push_str("\r\n");
                    line = 0;
                } else if line > 0 {
                    out.push(' ');
                    line += 1;
                }
                out.push_str(word);
                line += word.len();
            }
            out.push(' ');
            out
        }
    }
}

/// Writes `units` and a NUL where the caller asked, as `FormatMessage`
/// does; returns the count without the NUL, or 0 with the last error set.
///
/// # Safety
/// With `ALLOCATE_BUFFER`, `buffer` is NULL or points to a writable pointer;
/// without it, `buffer` is NULL or valid for `size` units.
unsafe fn deliver<U: Copy + Default>(
    flags: DWORD,
    units: &[U],
    buffer: LPVOID,
    size: DWORD,
) -> DWORD {
    let needed = units.len() + 1;
    if buffer.is_null() {
        set_last_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    let dest: *mut U = if flags & FORMAT_MESSAGE_ALLOCATE_BUFFER != 0 {
        let count = needed.max(size as usize);
        // SAFETY: malloc has no preconditions; the result is checked for NULL.
        let p = unsafe { malloc(count * std::mem::size_of::<U>()) }.cast::<U>();
        if p.is_null() {
            set_last_error(ERROR_NOT_ENOUGH_MEMORY);
            return 0;
        }
        // SAFETY: the caller passes the address of a pointer to receive the allocation.
        unsafe { *buffer.cast::<*mut U>() = p };
        p
    } else {
        if (size as usize) < needed {
            set_last_error(ERROR_INSUFFICIENT_BUFFER);
            return 0;
        }
        buffer.cast::<U>()
    };
    // SAFETY: dest holds at least `needed` units (allocated above, or checked
    // against the caller's size); the regions cannot overlap.
    unsafe {
        std::ptr::copy_nonoverlapping(units.as_ptr(), dest, units.len());
        *dest.add(units.len()) = U::default();
    }
    units.len() as DWORD
}

/// Both widths of FormatMessage: the message for `id`, in `U` units
/// (`size` counts them), or 0 with the last error.
///
/// # Safety
/// As FormatMessage's buffer contract.
unsafe fn format_message<U: CharUnit>(
    flags: DWORD,
    source: LPCVOID,
    id: DWORD,
    language: DWORD,
    buffer: LPVOID,
    size: DWORD,
) -> DWORD {
    boundary(|| {
        Ok(match formatted(flags, source, id, language) {
            // SAFETY: the buffer contract is the caller's, as documented for FormatMessage.
            Ok(text) => unsafe { deliver(flags, &U::encode(&text), buffer, size) },
            Err(code) => {
                set_last_error(code);
                0
            }
        })
    })
}

/// `FormatMessageA`: WinINet's message for `dwMessageId`, in 8-bit characters.
/// `nSize` counts bytes; `Arguments` is unused (the texts have no inserts).
#[no_mangle]
pub unsafe extern "C" fn FormatMessageA(
    dwFlags: DWORD,
    lpSource: LPCVOID,
    dwMessageId: DWORD,
    dwLanguageId: DWORD,
    lpBuffer: LPSTR,
    nSize: DWORD,
    _Arguments: LPVOID,
) -> DWORD {
    // SAFETY: forwarded.
    unsafe {
        format_message::<u8>(
            dwFlags,
            lpSource,
            dwMessageId,
            dwLanguageId,
            lpBuffer.cast(),
            nSize,
        )
    }
}

/// `FormatMessageW`: as [`FormatMessageA`], in UTF-16; `nSize` counts WCHARs.
#[no_mangle]
pub unsafe extern "C" fn FormatMessageW(
    dwFlags: DWORD,
    lpSource: LPCVOID,
    dwMessageId: DWORD,
    dwLanguageId: DWORD,
    lpBuffer: LPWSTR,
    nSize: DWORD,
    _Arguments: LPVOID,
) -> DWORD {
    // SAFETY: forwarded.
    unsafe {
        format_message::<u16>(
            dwFlags,
            lpSource,
            dwMessageId,
            dwLanguageId,
            lpBuffer.cast(),
            nSize,
        )
    }
}

/// WinINet's message for a code, without the final line break.
fn message_text(id: DWORD) -> Option<&'static str> {
    MESSAGES
        .binary_search_by_key(&id, |&(code, _)| code)
        .ok()
        .map(|i| MESSAGES[i].1)
}

/// The system's text for a Win32 code this library sets, without the
/// final line break.
fn system_text(id: DWORD) -> Option<&'static str> {
    SYSTEM_MESSAGES
        .binary_search_by_key(&id, |&(code, _)| code)
        .ok()
        .map(|i| SYSTEM_MESSAGES[i].1)
}

/// The system message texts (winerror.h's MessageText) of the Win32 codes
/// the library's functions set, by code (sorted).
const SYSTEM_MESSAGES: &[(DWORD, &str)] = &[
    (2, "The system cannot find the file specified."),
    (4, "The system cannot open the file."),
    (5, "Access is denied."),
    (6, "The handle is invalid."),
    (
        8,
        "Not enough memory resources are available to process this command.",
    ),
    (18, "There are no more files."),
    (50, "The request is not supported."),
    (80, "The file exists."),
    (87, "The parameter is incorrect."),
    (120, "This function is not supported on this system."),
    (122, "The data area passed to a system call is too small."),
    (160, "One or more arguments are not correct."),
    (259, "No more data is available."),
    (997, "Overlapped I/O operation is in progress."),
    (1004, "Invalid flags."),
];

/// The documented texts, by code (sorted: `message_text` searches it).
const MESSAGES: &[(DWORD, &str)] = &[
    (12001, "No more handles could be generated at this time."),
    (12002, "The request has timed out."),
    (12003, "An extended error was returned from the server. This is typically a string or buffer containing a verbose error message. Call InternetGetLastResponseInfo to retrieve the error text."),
    (12004, "An internal error has occurred."),
    (12005, "The URL is invalid."),
    (12006, "The URL scheme could not be recognized, or is not supported."),
    (12007, "The server name could not be resolved."),
    (12008, "The requested protocol could not be located."),
    (12009, "A request to InternetQueryOption or InternetSetOption specified an invalid option value."),
    (12010, "The length of an option supplied to InternetQueryOption or InternetSetOption is incorrect for the type of option specified."),
    (12011, "The requested option cannot be set, only queried."),
    (12012, "WinINet support is being shut down or unloaded."),
    (12013, "The request to connect and log on to an FTP server could not be completed because the supplied user name is incorrect."),
    (12014, "The request to connect and log on to an FTP server could not be completed because the supplied password is incorrect."),
    (12015, "The request to connect and log on to an FTP server failed."),
    (12016, "The requested operation is invalid."),
    (12017, "The operation was canceled, usually because the handle on which the request was operating was closed before the operation completed."),
    (12018, "The type of handle supplied is incorrect for this operation."),
    (12019, "The requested operation cannot be carried out because the handle supplied is not in the correct state."),
    (12020, "The request cannot be made via a proxy."),
    (12021, "A required registry value could not be located."),
    (12022, "A required registry value was located but is an incorrect type or has an invalid value."),
    (12023, "Direct network access cannot be made at this time."),
    (12024, "An asynchronous request could not be made because a zero context value was supplied."),
    (12025, "An asynchronous request could not be made because a callback function has not been set."),
    (12026, "The required operation could not be completed because one or more requests are pending."),
    (12027, "The format of the request is invalid."),
    (12028, "The requested item could not be located."),
    (12029, "The attempt to connect to the server failed."),
    (12030, "The connection with the server has been terminated."),
    (12031, "The connection with the server has been reset."),
    (12032, "The function needs to redo the request."),
    (12033, "The request to the proxy was invalid."),
    (12034, "A user interface or other blocking operation has been requested."),
    (12036, "The request failed because the handle already exists."),
    (12037, "SSL certificate date that was received from the server is bad. The certificate is expired."),
    (12038, "SSL certificate common name (host name field) is incorrect for example, if you entered www.server.com and the common name on the certificate says www.different.com."),
    (12039, "The application is moving from a non-SSL to an SSL connection because of a redirect."),
    (12040, "The application is moving from an SSL to an non-SSL connection because of a redirect."),
    (12041, "The content is not entirely secure. Some of the content being viewed may have come from unsecured servers."),
    (12042, "The application is posting and attempting to change multiple lines of text on a server that is not secure."),
    (12043, "The application is posting data to a server that is not secure."),
    (12044, "The server is requesting client authentication."),
    (12045, "The function is unfamiliar with the Certificate Authority that generated the server's certificate."),
    (12046, "Client authorization is not set up on this computer."),
    (12047, "The application could not start an asynchronous thread."),
    (12048, "The function could not handle the redirection, because the scheme changed (for example, HTTP to FTP)."),
    (12049, "Another thread has a password dialog box in progress."),
    (12050, "The dialog box should be retried."),
    (12052, "The data being submitted to an SSL connection is being redirected to a non-SSL connection."),
    (12053, "The request requires a CD-ROM to be inserted in the CD-ROM drive to locate the resource requested."),
    (12054, "The requested resource requires Fortezza authentication."),
    (12055, "The SSL certificate contains errors."),
    (12056, "The SSL certificate was not revoked."),
    (12057, "Revocation of the SSL certificate failed."),
    (12110, "The requested operation cannot be made on the FTP session handle because an operation is already in progress."),
    (12111, "The FTP operation was not completed because the session was aborted."),
    (12112, "Passive mode is not available on the server."),
    (12130, "An error was detected while parsing data returned from the Gopher server."),
    (12131, "The request must be made for a file locator."),
    (12132, "An error was detected while receiving data from the Gopher server."),
    (12133, "The end of the data has been reached."),
    (12134, "The supplied locator is not valid."),
    (12135, "The type of the locator is not correct for this operation."),
    (12136, "The requested operation can be made only against a Gopher+ server, or with a locator that specifies a Gopher+ operation."),
    (12137, "The requested attribute could not be located."),
    (12138, "The locator type is unknown."),
    (12150, "The requested header could not be located."),
    (12151, "The server did not return any headers."),
    (12152, "The server response could not be parsed."),
    (12153, "The supplied header is invalid."),
    (12154, "The request made to HttpQueryInfo is invalid."),
    (12155, "The header could not be added because it already exists."),
    (12156, "The redirection failed because either the scheme changed (for example, HTTP to FTP) or all attempts made to redirect failed (default is five attempts)."),
    (12157, "The application experienced an internal error loading the SSL libraries."),
    (12158, "The function was unable to cache the file."),
    (12159, "The required protocol stack is not loaded and the application cannot start WinSock."),
    (12160, "The HTTP request was not redirected."),
    (12161, "The HTTP cookie requires confirmation."),
    (12162, "The HTTP cookie was declined by the server."),
    (12163, "The Internet connection has been lost."),
    (12164, "The website or server indicated is unreachable."),
    (12165, "The designated proxy server cannot be reached."),
    (12166, "There was an error in the automatic proxy configuration script."),
    (12167, "The automatic proxy configuration script could not be downloaded. The INTERNET_FLAG_MUST_CACHE_REQUEST flag was set."),
    (12168, "The redirection requires user confirmation."),
    (12169, "The SSL certificate is invalid."),
    (12170, "The SSL certificate was revoked."),
    (12171, "The function failed due to a security check."),
    (12172, "Initialization of the WinINet API has not occurred. Indicates that a higher-level function, such as InternetOpen, has not been called yet."),
    (12173, "Not currently implemented."),
    (12174, "The MS-Logoff digest header has been returned from the website. This header specifically instructs the digest package to purge credentials for the associated realm. This error will only be returned if INTERNET_ERROR_MASK_LOGIN_FAILURE_DISPLAY_ENTITY_BODY option has been set; otherwise, ERROR_INTERNET_LOGIN_FAILURE is returned."),
    (12175, "WinINet failed to perform content decoding on the response. For more information, see the Content Encoding topic."),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_has_no_inserts() {
        for table in [MESSAGES, SYSTEM_MESSAGES] {
            assert!(table.windows(2).all(|w| w[0].0 < w[1].0));
            assert!(table.iter().all(|(_, t)| !t.contains('%') && t.is_ascii()));
        }
    }

    #[test]
    fn width_zero_keeps_the_line_break_and_the_mask_drops_it() {
        assert_eq!(with_line_breaks("a b", 0), "a b\r\n");
        assert_eq!(with_line_breaks("a b", 0xFF), "a b ");
        assert_eq!(with_line_breaks("aa bb cc", 5), "aa bb\r\ncc ");
        assert_eq!(with_line_breaks("longword x", 3), "longword\r\nx ");
    }
}
