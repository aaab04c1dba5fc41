//! The bodies of the fuzz targets, one per function family, shared by the
//! `cargo fuzz` binaries (fuzz_targets/) and the seed run (`cargo test`).
//!
//! Each body feeds the input to the engine and to the A and W exports, with
//! buffers sized from the input (often too small), and checks what must hold
//! whatever the input: no panic (a panic caught at the C boundary reads as
//! ERROR_INTERNET_INTERNAL_ERROR), lengths that fit the buffers, NULs where
//! they belong, pointers that stay inside the caller's URL. Reads and writes
//! out of bounds are the sanitizer's to catch under `cargo fuzz`.
//!
//! Input layout: byte 0 picks flags, byte 1 a buffer size; the rest is split
//! at NUL bytes into the strings a function takes.

#![allow(clippy::missing_safety_doc)]

pub mod cookies;
pub mod ftp;
pub mod http;
pub mod proxy;

use std::ffi::c_char;
use wininet::ffi::{GetLastError, SetLastError, BOOL, DWORD};
use wininet::types::{SYSTEMTIME, URL_COMPONENTSA, URL_COMPONENTSW};

use wininet::exports::{
    InternetCanonicalizeUrlA, InternetCanonicalizeUrlW, InternetCombineUrlA, InternetCombineUrlW,
    InternetCrackUrlA, InternetCrackUrlW, InternetCreateUrlA, InternetCreateUrlW,
    InternetTimeFromSystemTimeA, InternetTimeFromSystemTimeW, InternetTimeToSystemTimeA,
    InternetTimeToSystemTimeW,
};

const INTERNAL_ERROR: DWORD = 12004;
const INSUFFICIENT_BUFFER: DWORD = 122;

/// The ICU_* flags a selector byte turns on, one bit each.
fn icu_flags(sel: u8) -> u32 {
    const BITS: [u32; 8] = [
        0x8000_0000, // ICU_ESCAPE
        0x4000_0000, // ICU_USERNAME
        0x2000_0000, // ICU_NO_ENCODE
        0x1000_0000, // ICU_DECODE
        0x0800_0000, // ICU_NO_META
        0x0400_0000, // ICU_ENCODE_SPACES_ONLY
        0x0200_0000, // ICU_BROWSER_MODE
        0x0000_1000, // ICU_ENCODE_PERCENT
    ];
    BITS.iter()
        .enumerate()
        .filter(|(i, _)| sel & (1 << i) != 0)
        .fold(0, |a, (_, b)| a | b)
}

/// Flags, a buffer size and the NUL-separated strings of an input.
struct Input<'a> {
    sel: u8,
    size: usize,
    strings: Vec<&'a [u8]>,
}

fn split(data: &[u8]) -> Input<'_> {
    let sel = data.first().copied().unwrap_or(0);
    let size = data.get(1).copied().unwrap_or(0) as usize;
    let rest = data.get(2..).unwrap_or(&[]);
    Input {
        sel,
        size,
        strings: rest.split(|&b| b == 0).collect(),
    }
}

/// NUL-terminated A form.
fn a_form(s: &[u8]) -> Vec<u8> {
    let mut v = s.to_vec();
    v.push(0);
    v
}

/// NUL-terminated W forms: the UTF-8 reading, and the raw bytes taken as
/// UTF-16 units (unpaired surrogates included), NULs dropped.
fn w_forms(s: &[u8]) -> [Vec<u16>; 2] {
    let mut lossy: Vec<u16> = String::from_utf8_lossy(s).encode_utf16().collect();
    lossy.push(0);
    let mut raw: Vec<u16> = s
        .chunks(2)
        .map(|c| u16::from_le_bytes([c[0], *c.get(1).unwrap_or(&0x20)]))
        .filter(|&u| u != 0)
        .collect();
    raw.push(0);
    [lossy, raw]
}

/// No export may panic: a caught panic sets ERROR_INTERNET_INTERNAL_ERROR.
fn no_panic(r: BOOL) {
    if r == 0 {
        assert_ne!(GetLastError(), INTERNAL_ERROR, "an export panicked");
    }
}

/// The output-string rule of Canonicalize/Combine/Create: on success the
/// length excludes the NUL that follows the text; on ERROR_INSUFFICIENT_BUFFER
/// it is more than the buffer had.
fn check_out<U: Copy + Default + PartialEq>(r: BOOL, buf: &[U], cap: usize, len: DWORD) {
    no_panic(r);
    if r != 0 {
        assert!((len as usize) < cap, "length {len} does not fit {cap}");
        assert!(buf[len as usize] == U::default(), "no NUL after the text");
    } else if GetLastError() == INSUFFICIENT_BUFFER {
        assert!(len as usize > cap, "needed {len} yet {cap} was too small");
    }
}

// ---- InternetCrackUrl ------------------------------------------------------

/// `InternetCrackUrl`: the engine, then A and W with buffers of the input's
/// size (copy mode) and with NULL pointers (pointer mode).
pub fn crack(data: &[u8]) {
    let input = split(data);
    let flags = icu_flags(input.sel);
    let url = input.strings[0];

    if let Ok(mut parts) = openinet::url::crack_bytes(url, flags) {
        for c in [
            &parts.scheme,
            &parts.host,
            &parts.user,
            &parts.password,
            &parts.path,
            &parts.extra,
        ] {
            if let Some(r) = &c.range {
                assert!(
                    r.start <= r.end && r.end <= url.len(),
                    "range outside the URL"
                );
            }
            let _ = c.bytes(url);
        }
        parts.merge_extra_into_path(url);
        let _ = parts.path.bytes(url);
    }

    let cap = input.size;
    let a = a_form(url);
    // A dwUrlLength from the input: 0 (NUL-terminated) or a prefix.
    let url_len = if input.sel & 1 != 0 {
        (input.size % (url.len() + 1)) as DWORD
    } else {
        0
    };
    crack_a(&a, url_len, flags, cap);
    for w in w_forms(url) {
        let wlen = url_len.min((w.len() - 1) as DWORD);
        crack_w(&w, wlen, flags, cap);
    }
}

fn crack_a(a: &[u8], url_len: DWORD, flags: u32, cap: usize) {
    let mut bufs = vec![vec![0x55u8; cap.max(1)]; 6];
    for pointer_mode in [false, true] {
        // SAFETY: a zeroed URL_COMPONENTSA is valid.
        let mut uc: URL_COMPONENTSA = unsafe { std::mem::zeroed() };
        uc.dwStructSize = std::mem::size_of::<URL_COMPONENTSA>() as DWORD;
        let n = if pointer_mode { 1 } else { cap as DWORD };
        let [b0, b1, b2, b3, b4, b5] = &mut bufs[..] else {
            unreachable!()
        };
        let p = |b: &mut Vec<u8>| {
            if pointer_mode {
                std::ptr::null_mut()
            } else {
                b.as_mut_ptr() as *mut c_char
            }
        };
        (uc.lpszScheme, uc.lpszHostName, uc.lpszUserName) = (p(b0), p(b1), p(b2));
        (uc.lpszPassword, uc.lpszUrlPath, uc.lpszExtraInfo) = (p(b3), p(b4), p(b5));
        (uc.dwSchemeLength, uc.dwHostNameLength, uc.dwUserNameLength) = (n, n, n);
        (
            uc.dwPasswordLength,
            uc.dwUrlPathLength,
            uc.dwExtraInfoLength,
        ) = (n, n, n);
        SetLastError(0);
        // SAFETY: `a` is NUL-terminated; each buffer holds `cap` bytes.
        let r = unsafe { InternetCrackUrlA(a.as_ptr().cast(), url_len, flags, &mut uc) };
        no_panic(r);
        if r == 0 {
            continue;
        }
        let got = [
            (uc.lpszScheme, uc.dwSchemeLength),
            (uc.lpszHostName, uc.dwHostNameLength),
            (uc.lpszUserName, uc.dwUserNameLength),
            (uc.lpszPassword, uc.dwPasswordLength),
            (uc.lpszUrlPath, uc.dwUrlPathLength),
            (uc.lpszExtraInfo, uc.dwExtraInfoLength),
        ];
        for (i, (ptr, len)) in got.into_iter().enumerate() {
            if pointer_mode {
                check_pointer(
                    ptr as usize,
                    len as usize,
                    a.as_ptr() as usize,
                    a.len() - 1,
                    1,
                );
            } else {
                assert!((len as usize) < cap, "component {i}: {len} in {cap}");
                assert_eq!(bufs[i][len as usize], 0, "component {i}: no NUL");
            }
        }
    }
}

fn crack_w(w: &[u16], url_len: DWORD, flags: u32, cap: usize) {
    let mut bufs = vec![vec![0x5555u16; cap.max(1)]; 6];
    for pointer_mode in [false, true] {
        // SAFETY: a zeroed URL_COMPONENTSW is valid.
        let mut uc: URL_COMPONENTSW = unsafe { std::mem::zeroed() };
        uc.dwStructSize = std::mem::size_of::<URL_COMPONENTSW>() as DWORD;
        let n = if pointer_mode { 1 } else { cap as DWORD };
        let [b0, b1, b2, b3, b4, b5] = &mut bufs[..] else {
            unreachable!()
        };
        let p = |b: &mut Vec<u16>| {
            if pointer_mode {
                std::ptr::null_mut()
            } else {
                b.as_mut_ptr()
            }
        };
        (uc.lpszScheme, uc.lpszHostName, uc.lpszUserName) = (p(b0), p(b1), p(b2));
        (uc.lpszPassword, uc.lpszUrlPath, uc.lpszExtraInfo) = (p(b3), p(b4), p(b5));
        (uc.dwSchemeLength, uc.dwHostNameLength, uc.dwUserNameLength) = (n, n, n);
        (
            uc.dwPasswordLength,
            uc.dwUrlPathLength,
            uc.dwExtraInfoLength,
        ) = (n, n, n);
        SetLastError(0);
        // SAFETY: `w` is NUL-terminated; each buffer holds `cap` units.
        let r = unsafe { InternetCrackUrlW(w.as_ptr(), url_len, flags, &mut uc) };
        no_panic(r);
        if r == 0 {
            continue;
        }
        let got = [
            (uc.lpszScheme, uc.dwSchemeLength),
            (uc.lpszHostName, uc.dwHostNameLength),
            (uc.lpszUserName, uc.dwUserNameLength),
            (uc.lpszPassword, uc.dwPasswordLength),
            (uc.lpszUrlPath, uc.dwUrlPathLength),
            (uc.lpszExtraInfo, uc.dwExtraInfoLength),
        ];
        for (i, (ptr, len)) in got.into_iter().enumerate() {
            if pointer_mode {
                check_pointer(
                    ptr as usize,
                    len as usize,
                    w.as_ptr() as usize,
                    w.len() - 1,
                    2,
                );
            } else {
                assert!((len as usize) < cap, "component {i}: {len} in {cap}");
                assert_eq!(bufs[i][len as usize], 0, "component {i}: no NUL");
            }
        }
    }
}

/// A pointer-mode component is NULL (length 0) or lies inside the URL.
fn check_pointer(ptr: usize, len: usize, base: usize, units: usize, unit: usize) {
    if ptr == 0 {
        assert_eq!(len, 0, "NULL component with a length");
        return;
    }
    let off = ptr.wrapping_sub(base);
    assert!(off.is_multiple_of(unit), "pointer between units");
    assert!(off / unit + len <= units, "component outside the URL");
}

// ---- InternetCanonicalizeUrl / InternetCombineUrl --------------------------

/// `InternetCanonicalizeUrl`: the engine, then A and W into a buffer of the
/// input's size.
pub fn canonicalize(data: &[u8]) {
    let input = split(data);
    let flags = icu_flags(input.sel);
    let url = input.strings[0];
    let _ = openinet::url::canonicalize_bytes(url, flags);
    let cap = input.size;

    let a = a_form(url);
    let mut buf = vec![0x55u8; cap.max(1)];
    let mut len = cap as DWORD;
    // SAFETY: `a` NUL-terminated; `buf` holds at least `cap` bytes.
    let r = unsafe {
        InternetCanonicalizeUrlA(a.as_ptr().cast(), buf.as_mut_ptr().cast(), &mut len, flags)
    };
    check_out(r, &buf, cap, len);
    for w in w_forms(url) {
        let mut buf = vec![0x5555u16; cap.max(1)];
        let mut len = cap as DWORD;
        // SAFETY: as above, in units.
        let r = unsafe { InternetCanonicalizeUrlW(w.as_ptr(), buf.as_mut_ptr(), &mut len, flags) };
        check_out(r, &buf, cap, len);
    }
}

/// `InternetCombineUrl`: base and relative URL are the first two strings.
pub fn combine(data: &[u8]) {
    let input = split(data);
    let flags = icu_flags(input.sel);
    let base = input.strings[0];
    let rel = input.strings.get(1).copied().unwrap_or(b"");
    let _ = openinet::url::combine_bytes(base, rel, flags);
    let cap = input.size;

    let (ba, ra) = (a_form(base), a_form(rel));
    let mut buf = vec![0x55u8; cap.max(1)];
    let mut len = cap as DWORD;
    // SAFETY: NUL-terminated inputs; `buf` holds at least `cap` bytes.
    let r = unsafe {
        InternetCombineUrlA(
            ba.as_ptr().cast(),
            ra.as_ptr().cast(),
            buf.as_mut_ptr().cast(),
            &mut len,
            flags,
        )
    };
    check_out(r, &buf, cap, len);
    for (bw, rw) in w_forms(base).into_iter().zip(w_forms(rel)) {
        let mut buf = vec![0x5555u16; cap.max(1)];
        let mut len = cap as DWORD;
        // SAFETY: as above, in units.
        let r = unsafe {
            InternetCombineUrlW(bw.as_ptr(), rw.as_ptr(), buf.as_mut_ptr(), &mut len, flags)
        };
        check_out(r, &buf, cap, len);
    }
}

// ---- InternetCreateUrl -----------------------------------------------------

/// `InternetCreateUrl`: up to six strings are scheme, host, user, password,
/// path and extra info; bit i of byte 0 makes string i NULL instead; byte 1
/// is the buffer size and also picks nScheme, the port and ICU_ESCAPE.
pub fn create(data: &[u8]) {
    let input = split(data);
    let field = |i: usize| -> Option<&[u8]> {
        if input.sel & (1 << i) != 0 {
            None
        } else {
            Some(input.strings.get(i).copied().unwrap_or(b""))
        }
    };
    let n_scheme = (input.size % 14) as i32 - 2;
    let port = [0u16, 80, 443, 21, 8080, 65535][input.size % 6];
    let flags = if input.size & 0x80 != 0 {
        0x8000_0000
    } else {
        0
    };
    let fields: Vec<Option<&[u8]>> = (0..6).map(field).collect();
    let _ = openinet::url::create_bytes(
        &openinet::url::UrlComponents {
            scheme: fields[0].map(<[u8]>::to_vec),
            scheme_kind: n_scheme,
            host: fields[1].map(<[u8]>::to_vec),
            port,
            user: fields[2].map(<[u8]>::to_vec),
            password: fields[3].map(<[u8]>::to_vec),
            path: fields[4].map(<[u8]>::to_vec),
            extra: fields[5].map(<[u8]>::to_vec),
        },
        flags,
    );
    let cap = input.size;

    let a: Vec<Option<Vec<u8>>> = fields.iter().map(|f| f.map(a_form)).collect();
    let pa = |i: usize| {
        a[i].as_ref()
            .map_or(std::ptr::null_mut(), |v| v.as_ptr() as *mut c_char)
    };
    // SAFETY: a zeroed URL_COMPONENTSA is valid; lengths 0 mean NUL-terminated.
    let mut uc: URL_COMPONENTSA = unsafe { std::mem::zeroed() };
    uc.dwStructSize = std::mem::size_of::<URL_COMPONENTSA>() as DWORD;
    (uc.lpszScheme, uc.lpszHostName, uc.lpszUserName) = (pa(0), pa(1), pa(2));
    (uc.lpszPassword, uc.lpszUrlPath, uc.lpszExtraInfo) = (pa(3), pa(4), pa(5));
    (uc.nScheme, uc.nPort) = (n_scheme, port);
    let mut buf = vec![0x55u8; cap.max(1)];
    let mut len = cap as DWORD;
    // SAFETY: the strings live in `a`; `buf` holds at least `cap` bytes.
    let r = unsafe { InternetCreateUrlA(&mut uc, flags, buf.as_mut_ptr().cast(), &mut len) };
    check_out(r, &buf, cap, len);

    let w: Vec<Option<Vec<u16>>> = fields
        .iter()
        .map(|f| f.map(|s| w_forms(s)[0].clone()))
        .collect();
    let pw = |i: usize| {
        w[i].as_ref()
            .map_or(std::ptr::null_mut(), |v| v.as_ptr() as *mut u16)
    };
    // SAFETY: as above.
    let mut uc: URL_COMPONENTSW = unsafe { std::mem::zeroed() };
    uc.dwStructSize = std::mem::size_of::<URL_COMPONENTSW>() as DWORD;
    (uc.lpszScheme, uc.lpszHostName, uc.lpszUserName) = (pw(0), pw(1), pw(2));
    (uc.lpszPassword, uc.lpszUrlPath, uc.lpszExtraInfo) = (pw(3), pw(4), pw(5));
    (uc.nScheme, uc.nPort) = (n_scheme, port);
    let mut buf = vec![0x5555u16; cap.max(1)];
    let mut len = cap as DWORD;
    // SAFETY: as above, in units.
    let r = unsafe { InternetCreateUrlW(&mut uc, flags, buf.as_mut_ptr(), &mut len) };
    no_panic(r);
    if r != 0 {
        assert!((len as usize) < cap && buf[len as usize] == 0);
    } else if GetLastError() == INSUFFICIENT_BUFFER {
        // InternetCreateUrlW reports what it needs in bytes.
        assert!(
            len as usize > cap * 2 && len.is_multiple_of(2),
            "needed {len} bytes, had {cap} units"
        );
    }
}

// ---- InternetTimeToSystemTime / InternetTimeFromSystemTime -----------------

/// Both time functions: the first string is a date to read; the first 16
/// bytes of the input are also a SYSTEMTIME to format, byte 1 the size.
pub fn time(data: &[u8]) {
    let input = split(data);
    let text = input.strings[0];
    let _ = openinet::time::parse_http_date(&String::from_utf8_lossy(text));

    let a = a_form(text);
    let mut st = SYSTEMTIME::default();
    // SAFETY: NUL-terminated; `st` valid.
    no_panic(unsafe { InternetTimeToSystemTimeA(a.as_ptr().cast(), &mut st, 0) });
    for w in w_forms(text) {
        // SAFETY: as above.
        no_panic(unsafe { InternetTimeToSystemTimeW(w.as_ptr(), &mut st, 0) });
    }

    let mut raw = [0u8; 16];
    let n = data.len().min(16);
    raw[..n].copy_from_slice(&data[..n]);
    let word = |i: usize| u16::from_le_bytes([raw[2 * i], raw[2 * i + 1]]);
    let st = SYSTEMTIME {
        wYear: word(0),
        wMonth: word(1),
        wDayOfWeek: word(2),
        wDay: word(3),
        wHour: word(4),
        wMinute: word(5),
        wSecond: word(6),
        wMilliseconds: word(7),
    };
    let cap = input.size % 64;
    let mut buf = vec![0x55u8; cap.max(1)];
    let rfc = u32::from(input.sel & 0x80 != 0);
    // SAFETY: `buf` holds at least `cap` bytes, the size passed.
    let r = unsafe { InternetTimeFromSystemTimeA(&st, rfc, buf.as_mut_ptr().cast(), cap as DWORD) };
    no_panic(r);
    if r != 0 {
        assert!(buf[..cap].contains(&0), "no NUL in the buffer");
    }
    let mut wbuf = vec![0x5555u16; cap.max(1)];
    // SAFETY: `wbuf` holds `cap` units: 2 * cap bytes, the size passed.
    let r = unsafe { InternetTimeFromSystemTimeW(&st, rfc, wbuf.as_mut_ptr(), (cap * 2) as DWORD) };
    no_panic(r);
    if r != 0 {
        assert!(wbuf[..cap].contains(&0), "no NUL in the buffer");
    }
}
