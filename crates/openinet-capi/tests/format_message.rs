//! `FormatMessageA` / `FormatMessageW` of the library: WinINet's texts for
//! `FORMAT_MESSAGE_FROM_HMODULE`, and Windows' failures for small buffers,
//! unknown codes, other languages, other sources and bad arguments.

use std::ffi::{c_char, c_void, CStr};
use std::ptr::{null, null_mut};
use wininet::exports::{FormatMessageA, FormatMessageW, GetLastError, SetLastError};

const FROM_HMODULE: u32 = 0x0800;
const FROM_SYSTEM: u32 = 0x1000;
const FROM_STRING: u32 = 0x0400;
const ALLOCATE_BUFFER: u32 = 0x0100;
const IGNORE_INSERTS: u32 = 0x0200;
const MAX_WIDTH_MASK: u32 = 0x00FF;

const ERROR_INVALID_PARAMETER: u32 = 87;
const ERROR_CALL_NOT_IMPLEMENTED: u32 = 120;
const ERROR_INSUFFICIENT_BUFFER: u32 = 122;
const ERROR_MR_MID_NOT_FOUND: u32 = 317;
const ERROR_RESOURCE_TYPE_NOT_FOUND: u32 = 1813;
const ERROR_RESOURCE_LANG_NOT_FOUND: u32 = 1815;

extern "C" {
    fn free(p: *mut c_void);
}

/// Any non-NULL module handle stands for the library itself.
fn module() -> *const c_void {
    FormatMessageA as *const c_void
}

/// FormatMessageA into a 1024-byte buffer (`size` says how much of it the
/// call may use): (count, text, last error).
fn format_a(
    flags: u32,
    source: *const c_void,
    id: u32,
    lang: u32,
    size: u32,
) -> (u32, String, u32) {
    let mut buf = [b'#' as c_char; 1024];
    buf[1023] = 0;
    SetLastError(0xDEAD);
    // SAFETY: buf holds 1024 bytes; size is at most that in these tests.
    let n = unsafe { FormatMessageA(flags, source, id, lang, buf.as_mut_ptr(), size, null_mut()) };
    // SAFETY: buf is NUL-terminated (by us at 1023, or by the call).
    let text = unsafe { CStr::from_ptr(buf.as_ptr()) }
        .to_string_lossy()
        .into_owned();
    (n, text, GetLastError())
}

#[test]
fn wininet_codes_have_their_documented_texts() {
    let (n, text, err) = format_a(FROM_HMODULE, module(), 12002, 0, 256);
    assert_eq!(text, "The request has timed out.\r\n");
    assert_eq!(n as usize, text.len());
    assert_eq!(err, 0xDEAD, "success leaves the last error alone");
    let (_, text, _) = format_a(FROM_HMODULE, module(), 12150, 0, 256);
    assert_eq!(text, "The requested header could not be located.\r\n");
    // The codes internet.c of Wine's tests formats, with both neutral and English ids.
    for code in [
        12002, 12004, 12005, 12006, 12007, 12016, 12017, 12028, 12029, 12030, 12037, 12038,
    ] {
        for lang in [0, 0x0409, 0x0809, 0x0400] {
            let (n, text, _) = format_a(FROM_HMODULE | IGNORE_INSERTS, module(), code, lang, 256);
            assert!(
                n > 0 && text.ends_with("\r\n"),
                "{code} {lang:#x}: {text:?}"
            );
        }
    }
}

#[test]
fn every_wininet_error_code_of_the_header_has_a_text() {
    let header =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/include/wininet.h")).unwrap();
    let mut checked = 0;
    for line in header.lines() {
        let Some(rest) = line.strip_prefix("#define ERROR_") else {
            continue;
        };
        let Some((_, offset)) = rest.split_once("(INTERNET_ERROR_BASE + ") else {
            continue;
        };
        let code = 12000 + offset.trim_end_matches(')').trim().parse::<u32>().unwrap();
        // Newer codes that Microsoft's errors page does not list (HSTS, weak signature).
        if [12060, 12062].contains(&code) {
            continue;
        }
        let (n, _, err) = format_a(FROM_HMODULE, module(), code, 0, 1023);
        assert!(n > 0, "no text for {code} ({line}), error {err}");
        checked += 1;
    }
    assert!(checked >= 90, "only {checked} codes found in the header");
}

#[test]
fn a_buffer_too_small_for_the_text_and_its_nul_fails_untouched() {
    let len = "The request has timed out.\r\n".len() as u32;
    let (n, text, err) = format_a(FROM_HMODULE, module(), 12002, 0, 5);
    assert_eq!((n, err), (0, ERROR_INSUFFICIENT_BUFFER));
    assert!(text.starts_with("#####"), "buffer untouched: {text:?}");
    // Room for the text but not its NUL is still too small.
    let (n, _, err) = format_a(FROM_HMODULE, module(), 12002, 0, len);
    assert_eq!((n, err), (0, ERROR_INSUFFICIENT_BUFFER));
    let (n, _, err) = format_a(FROM_HMODULE, module(), 12002, 0, 0);
    assert_eq!((n, err), (0, ERROR_INSUFFICIENT_BUFFER));
    let (n, text, _) = format_a(FROM_HMODULE, module(), 12002, 0, len + 1);
    assert_eq!(n, len);
    assert_eq!(text, "The request has timed out.\r\n");
}

#[test]
fn win32_codes_the_library_sets_have_the_system_texts() {
    // FROM_SYSTEM alone, as for any GetLastError() value.
    let (n, text, _) = format_a(FROM_SYSTEM, null(), 87, 0, 256);
    assert_eq!(text, "The parameter is incorrect.\r\n");
    assert_eq!(n as usize, text.len());
    let (_, text, _) = format_a(FROM_SYSTEM, null(), 4, 0, 256);
    assert_eq!(text, "The system cannot open the file.\r\n");
    // The usual pair: the module's table for WinINet codes, the system's
    // for the rest.
    let (_, text, _) = format_a(FROM_HMODULE | FROM_SYSTEM, module(), 12002, 0, 256);
    assert_eq!(text, "The request has timed out.\r\n");
    let (_, text, _) = format_a(FROM_HMODULE | FROM_SYSTEM, module(), 122, 0, 256);
    assert_eq!(
        text,
        "The data area passed to a system call is too small.\r\n"
    );
    let (_, text, _) = format_a(FROM_HMODULE | FROM_SYSTEM, null(), 997, 0, 256);
    assert_eq!(text, "Overlapped I/O operation is in progress.\r\n");
    // A code of neither table.
    let (n, _, err) = format_a(FROM_SYSTEM, null(), 3, 0, 256);
    assert_eq!((n, err), (0, ERROR_MR_MID_NOT_FOUND));
}

#[test]
fn unknown_codes_other_languages_and_other_sources_fail() {
    for code in [0, 2, 12000, 12035, 12999, 0xFFFF_FFFF] {
        let (n, _, err) = format_a(FROM_HMODULE, module(), code, 0, 256);
        assert_eq!((n, err), (0, ERROR_MR_MID_NOT_FOUND), "code {code}");
    }
    // German (0x0407) and French (0x040C): the table is English.
    for lang in [0x0407, 0x040C] {
        let (n, _, err) = format_a(FROM_HMODULE, module(), 12002, lang, 256);
        assert_eq!((n, err), (0, ERROR_RESOURCE_LANG_NOT_FOUND));
    }
    // The system table has no WinINet texts.
    let (n, _, err) = format_a(FROM_SYSTEM, null(), 12002, 0, 256);
    assert_eq!((n, err), (0, ERROR_MR_MID_NOT_FOUND));
    // NULL is the program's own module, which has no message table.
    let (n, _, err) = format_a(FROM_HMODULE, null(), 12002, 0, 256);
    assert_eq!((n, err), (0, ERROR_RESOURCE_TYPE_NOT_FOUND));
    let (n, _, err) = format_a(FROM_HMODULE | FROM_SYSTEM, null(), 12002, 0, 256);
    assert_eq!((n, err), (0, ERROR_MR_MID_NOT_FOUND));
    let (n, _, err) = format_a(0, module(), 12002, 0, 256);
    assert_eq!((n, err), (0, ERROR_INVALID_PARAMETER));
    let (n, _, err) = format_a(FROM_STRING, c"%1".as_ptr().cast(), 0, 0, 256);
    assert_eq!((n, err), (0, ERROR_CALL_NOT_IMPLEMENTED));
}

#[test]
fn null_buffers_fail_with_invalid_parameter() {
    SetLastError(0);
    // SAFETY: NULL buffers are what is being tested; the call must not write.
    let n = unsafe {
        FormatMessageA(
            FROM_HMODULE,
            module(),
            12002,
            0,
            null_mut(),
            256,
            null_mut(),
        )
    };
    assert_eq!((n, GetLastError()), (0, ERROR_INVALID_PARAMETER));
    SetLastError(0);
    // SAFETY: as above, with ALLOCATE_BUFFER and no place for the pointer.
    let n = unsafe {
        FormatMessageA(
            FROM_HMODULE | ALLOCATE_BUFFER,
            module(),
            12002,
            0,
            null_mut(),
            0,
            null_mut(),
        )
    };
    assert_eq!((n, GetLastError()), (0, ERROR_INVALID_PARAMETER));
}

#[test]
fn allocate_buffer_hands_out_malloc_memory() {
    let mut p: *mut c_char = null_mut();
    // SAFETY: with ALLOCATE_BUFFER, lpBuffer is the address of a char pointer.
    let n = unsafe {
        FormatMessageA(
            FROM_HMODULE | ALLOCATE_BUFFER,
            module(),
            12007,
            0,
            (&mut p as *mut *mut c_char).cast(),
            0,
            null_mut(),
        )
    };
    assert!(!p.is_null());
    // SAFETY: p is the NUL-terminated text the call allocated.
    let text = unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_owned();
    // SAFETY: the buffer came from malloc, as LocalFree (= free) expects.
    unsafe { free(p.cast()) };
    assert_eq!(text, "The server name could not be resolved.\r\n");
    assert_eq!(n as usize, text.len());

    let mut w: *mut u16 = null_mut();
    // SAFETY: as above, for the W form; nSize asks for a larger block than needed.
    let n = unsafe {
        FormatMessageW(
            FROM_HMODULE | ALLOCATE_BUFFER,
            module(),
            12007,
            0,
            (&mut w as *mut *mut u16).cast(),
            500,
            null_mut(),
        )
    };
    assert!(!w.is_null());
    // SAFETY: w holds n units and a NUL.
    let units = unsafe { std::slice::from_raw_parts(w, n as usize + 1) }.to_vec();
    // SAFETY: malloc memory, freed once.
    unsafe { free(w.cast()) };
    assert_eq!(units.last(), Some(&0));
    assert_eq!(String::from_utf16(&units[..n as usize]).unwrap(), text);
}

#[test]
fn the_w_form_counts_wchars_and_the_width_mask_drops_the_line_break() {
    let mut buf = [0xAAAAu16; 64];
    let expected = "The request has timed out. ";
    SetLastError(0);
    // SAFETY: 64 units; the size says so.
    let n = unsafe {
        FormatMessageW(
            FROM_HMODULE | MAX_WIDTH_MASK,
            module(),
            12002,
            0,
            buf.as_mut_ptr(),
            64,
            null_mut(),
        )
    };
    assert_eq!(n as usize, expected.len());
    assert_eq!(String::from_utf16(&buf[..n as usize]).unwrap(), expected);
    assert_eq!(buf[n as usize], 0);
    // A size in WCHARs below the text and its NUL fails, and writes nothing.
    let mut small = [0xAAAAu16; 64];
    SetLastError(0);
    // SAFETY: the buffer is larger than the size given.
    let n = unsafe {
        FormatMessageW(
            FROM_HMODULE,
            module(),
            12002,
            0,
            small.as_mut_ptr(),
            expected.len() as u32,
            null_mut(),
        )
    };
    assert_eq!((n, GetLastError()), (0, ERROR_INSUFFICIENT_BUFFER));
    assert!(small.iter().all(|&u| u == 0xAAAA));
}
