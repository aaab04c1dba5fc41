//! Property: the A and W forms of every URL and time export agree on the
//! same input. The A form gets the UTF-8 bytes, the W form the UTF-16 units;
//! both must succeed or fail alike, with the same last error, the same text
//! (compared as strings) and lengths that count their own units. No input
//! may make an export panic (a caught panic reads as
//! ERROR_INTERNET_INTERNAL_ERROR).
//!
//! The exports are called directly through their C signatures, as a C
//! program would, from the `wininet` rlib.

use proptest::prelude::*;
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
const BIG: usize = 2048;

/// NUL-terminated UTF-8 and UTF-16 copies of one string.
fn forms(s: &str) -> (Vec<u8>, Vec<u16>) {
    let mut a = s.as_bytes().to_vec();
    a.push(0);
    let mut w: Vec<u16> = s.encode_utf16().collect();
    w.push(0);
    (a, w)
}

fn text_a(b: &[u8]) -> String {
    let n = b.iter().position(|&c| c == 0).unwrap_or(b.len());
    String::from_utf8_lossy(&b[..n]).into_owned()
}

fn text_w(b: &[u16]) -> String {
    let n = b.iter().position(|&c| c == 0).unwrap_or(b.len());
    String::from_utf16_lossy(&b[..n])
}

/// What one call gave: success, last error, output text, reported length
/// (in the form's own units, converted to the text's char count when it
/// counts the text).
#[derive(Debug, PartialEq)]
struct Outcome {
    ok: bool,
    err: DWORD,
    text: String,
    len_matches_text: bool,
}

fn outcome(ok: BOOL, text: String, len_matches_text: bool) -> Outcome {
    let err = if ok != 0 { 0 } else { GetLastError() };
    assert_ne!(err, INTERNAL_ERROR, "an export panicked");
    Outcome {
        ok: ok != 0,
        err,
        text: if ok != 0 { text } else { String::new() },
        len_matches_text,
    }
}

// ---- strategies ------------------------------------------------------------

/// Pieces WinINet's parsers treat specially, plus a few non-ASCII ones.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("http://".to_string()),
        Just("https://".to_string()),
        Just("ftp://".to_string()),
        Just("file:///".to_string()),
        Just("file://".to_string()),
        Just("mailto:".to_string()),
        Just("about:".to_string()),
        Just("res://".to_string()),
        Just("x-foo:".to_string()),
        Just("/".to_string()),
        Just("\\".to_string()),
        Just("./".to_string()),
        Just("../".to_string()),
        Just("..".to_string()),
        Just(".".to_string()),
        Just("?".to_string()),
        Just("#".to_string()),
        Just("@".to_string()),
        Just(":".to_string()),
        Just(":8080".to_string()),
        Just("[::1]".to_string()),
        Just("%20".to_string()),
        Just("%2F".to_string()),
        Just("%".to_string()),
        Just("%zz".to_string()),
        Just("%C3%A9".to_string()),
        Just(" ".to_string()),
        Just("é".to_string()),
        Just("日本".to_string()),
        Just("C:".to_string()),
        "[a-zA-Z0-9._~-]{1,8}",
        "[ -~]{1,4}",
    ]
}

fn url_like() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..10).prop_map(|v| v.concat())
}

/// Flag sets drawn from the ICU_* flags the functions read.
fn icu_flags() -> impl Strategy<Value = DWORD> {
    prop::collection::vec(
        prop::sample::select(vec![
            0x8000_0000u32, // ICU_ESCAPE
            0x2000_0000,    // ICU_NO_ENCODE
            0x1000_0000,    // ICU_DECODE
            0x0800_0000,    // ICU_NO_META
            0x0400_0000,    // ICU_ENCODE_SPACES_ONLY
            0x0200_0000,    // ICU_BROWSER_MODE
            0x0000_1000,    // ICU_ENCODE_PERCENT
        ]),
        0..3,
    )
    .prop_map(|v| v.into_iter().fold(0, |a, b| a | b))
}

fn opt_component() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        1 => Just(None),
        4 => url_like().prop_map(Some),
    ]
}

// ---- the calls ------------------------------------------------------------

/// Crack with caller buffers for every component.
fn crack_buffers(url: &str, flags: DWORD) -> (Outcome, Outcome) {
    let (a, w) = forms(url);
    let mut ab = vec![[0u8; BIG]; 6];
    let mut wb = vec![[0u16; BIG]; 6];
    // SAFETY: zeroed URL_COMPONENTS are valid (NULL pointers, zero lengths).
    let mut ua: URL_COMPONENTSA = unsafe { std::mem::zeroed() };
    // SAFETY: as above.
    let mut uw: URL_COMPONENTSW = unsafe { std::mem::zeroed() };
    ua.dwStructSize = std::mem::size_of::<URL_COMPONENTSA>() as DWORD;
    uw.dwStructSize = std::mem::size_of::<URL_COMPONENTSW>() as DWORD;
    macro_rules! slots {
        ($u:ident, $b:ident, $t:ty) => {{
            let [s0, s1, s2, s3, s4, s5] = &mut $b[..] else {
                unreachable!()
            };
            $u.lpszScheme = s0.as_mut_ptr() as $t;
            $u.lpszHostName = s1.as_mut_ptr() as $t;
            $u.lpszUserName = s2.as_mut_ptr() as $t;
            $u.lpszPassword = s3.as_mut_ptr() as $t;
            $u.lpszUrlPath = s4.as_mut_ptr() as $t;
            $u.lpszExtraInfo = s5.as_mut_ptr() as $t;
            $u.dwSchemeLength = BIG as DWORD;
            $u.dwHostNameLength = BIG as DWORD;
            $u.dwUserNameLength = BIG as DWORD;
            $u.dwPasswordLength = BIG as DWORD;
            $u.dwUrlPathLength = BIG as DWORD;
            $u.dwExtraInfoLength = BIG as DWORD;
        }};
    }
    slots!(ua, ab, *mut c_char);
    slots!(uw, wb, *mut u16);
    // SAFETY: NUL-terminated URLs; every buffer holds BIG units.
    let ra = unsafe { InternetCrackUrlA(a.as_ptr().cast(), 0, flags, &mut ua) };
    let oa = {
        let lens = [
            ua.dwSchemeLength,
            ua.dwHostNameLength,
            ua.dwUserNameLength,
            ua.dwPasswordLength,
            ua.dwUrlPathLength,
            ua.dwExtraInfoLength,
        ];
        let texts: Vec<String> = ab.iter().map(|b| text_a(b)).collect();
        let lens_ok = ab
            .iter()
            .zip(lens)
            .all(|(b, n)| b.iter().position(|&c| c == 0) == Some(n as usize));
        outcome(
            ra,
            format!("{} {} {:?}", ua.nScheme, ua.nPort, texts),
            ra == 0 || lens_ok,
        )
    };
    // SAFETY: as above.
    let rw = unsafe { InternetCrackUrlW(w.as_ptr(), 0, flags, &mut uw) };
    let ow = {
        let lens = [
            uw.dwSchemeLength,
            uw.dwHostNameLength,
            uw.dwUserNameLength,
            uw.dwPasswordLength,
            uw.dwUrlPathLength,
            uw.dwExtraInfoLength,
        ];
        let texts: Vec<String> = wb.iter().map(|b| text_w(b)).collect();
        let lens_ok = wb
            .iter()
            .zip(lens)
            .all(|(b, n)| b.iter().position(|&c| c == 0) == Some(n as usize));
        outcome(
            rw,
            format!("{} {} {:?}", uw.nScheme, uw.nPort, texts),
            rw == 0 || lens_ok,
        )
    };
    (oa, ow)
}

/// Crack with NULL pointers and non-zero lengths: pointers into the URL.
fn crack_pointers(url: &str) -> (Outcome, Outcome) {
    let (a, w) = forms(url);
    // SAFETY: zeroed URL_COMPONENTS are valid.
    let mut ua: URL_COMPONENTSA = unsafe { std::mem::zeroed() };
    // SAFETY: as above.
    let mut uw: URL_COMPONENTSW = unsafe { std::mem::zeroed() };
    ua.dwStructSize = std::mem::size_of::<URL_COMPONENTSA>() as DWORD;
    uw.dwStructSize = std::mem::size_of::<URL_COMPONENTSW>() as DWORD;
    for u in [
        &mut ua.dwSchemeLength,
        &mut ua.dwHostNameLength,
        &mut ua.dwUrlPathLength,
    ] {
        *u = 1;
    }
    for u in [
        &mut uw.dwSchemeLength,
        &mut uw.dwHostNameLength,
        &mut uw.dwUrlPathLength,
    ] {
        *u = 1;
    }
    ua.dwExtraInfoLength = 1;
    uw.dwExtraInfoLength = 1;
    // SAFETY: NUL-terminated URLs; no buffers.
    let ra = unsafe { InternetCrackUrlA(a.as_ptr().cast(), 0, 0, &mut ua) };
    // SAFETY: as above.
    let rw = unsafe { InternetCrackUrlW(w.as_ptr(), 0, 0, &mut uw) };
    let (a_end, w_end) = (a.len() - 1, w.len() - 1);
    let slice_a = |p: *mut c_char, n: DWORD| -> String {
        if p.is_null() {
            return "NULL".into();
        }
        let off = (p as usize).wrapping_sub(a.as_ptr() as usize);
        assert!(off + n as usize <= a_end, "A pointer outside the URL");
        String::from_utf8_lossy(&a[off..off + n as usize]).into_owned()
    };
    let slice_w = |p: *mut u16, n: DWORD| -> String {
        if p.is_null() {
            return "NULL".into();
        }
        let off = ((p as usize).wrapping_sub(w.as_ptr() as usize)) / 2;
        assert!(off + n as usize <= w_end, "W pointer outside the URL");
        String::from_utf16_lossy(&w[off..off + n as usize])
    };
    let ta = if ra != 0 {
        format!(
            "{:?}",
            [
                slice_a(ua.lpszScheme, ua.dwSchemeLength),
                slice_a(ua.lpszHostName, ua.dwHostNameLength),
                slice_a(ua.lpszUrlPath, ua.dwUrlPathLength),
                slice_a(ua.lpszExtraInfo, ua.dwExtraInfoLength),
            ]
        )
    } else {
        String::new()
    };
    let tw = if rw != 0 {
        format!(
            "{:?}",
            [
                slice_w(uw.lpszScheme, uw.dwSchemeLength),
                slice_w(uw.lpszHostName, uw.dwHostNameLength),
                slice_w(uw.lpszUrlPath, uw.dwUrlPathLength),
                slice_w(uw.lpszExtraInfo, uw.dwExtraInfoLength),
            ]
        )
    } else {
        String::new()
    };
    (outcome(ra, ta, true), outcome(rw, tw, true))
}

fn canonicalize(url: &str, flags: DWORD) -> (Outcome, Outcome) {
    let (a, w) = forms(url);
    let mut ab = vec![0u8; BIG];
    let mut wb = vec![0u16; BIG];
    let (mut na, mut nw) = (BIG as DWORD, BIG as DWORD);
    // SAFETY: NUL-terminated input; the buffers hold BIG units.
    let ra = unsafe {
        InternetCanonicalizeUrlA(a.as_ptr().cast(), ab.as_mut_ptr().cast(), &mut na, flags)
    };
    let oa = outcome(ra, text_a(&ab), ra == 0 || text_a_len(&ab) == na);
    // SAFETY: as above.
    let rw = unsafe { InternetCanonicalizeUrlW(w.as_ptr(), wb.as_mut_ptr(), &mut nw, flags) };
    let ow = outcome(rw, text_w(&wb), rw == 0 || text_w_len(&wb) == nw);
    (oa, ow)
}

fn combine(base: &str, rel: &str, flags: DWORD) -> (Outcome, Outcome) {
    let ((ba, bw), (ra_, rw_)) = (forms(base), forms(rel));
    let mut ab = vec![0u8; BIG];
    let mut wb = vec![0u16; BIG];
    let (mut na, mut nw) = (BIG as DWORD, BIG as DWORD);
    // SAFETY: NUL-terminated inputs; the buffers hold BIG units.
    let ra = unsafe {
        InternetCombineUrlA(
            ba.as_ptr().cast(),
            ra_.as_ptr().cast(),
            ab.as_mut_ptr().cast(),
            &mut na,
            flags,
        )
    };
    let oa = outcome(ra, text_a(&ab), ra == 0 || text_a_len(&ab) == na);
    // SAFETY: as above.
    let rw =
        unsafe { InternetCombineUrlW(bw.as_ptr(), rw_.as_ptr(), wb.as_mut_ptr(), &mut nw, flags) };
    let ow = outcome(rw, text_w(&wb), rw == 0 || text_w_len(&wb) == nw);
    (oa, ow)
}

/// Components for InternetCreateUrl, each NULL or a string.
#[derive(Debug, Clone)]
struct Parts {
    scheme: Option<String>,
    n_scheme: i32,
    host: Option<String>,
    port: u16,
    user: Option<String>,
    pass: Option<String>,
    path: Option<String>,
    extra: Option<String>,
}

fn create(p: &Parts, flags: DWORD) -> (Outcome, Outcome) {
    let conv = |s: &Option<String>| s.as_deref().map(forms);
    let fields = [&p.scheme, &p.host, &p.user, &p.pass, &p.path, &p.extra].map(conv);
    let pa = |i: usize| {
        fields[i]
            .as_ref()
            .map_or(std::ptr::null_mut(), |f| f.0.as_ptr() as *mut c_char)
    };
    let pw = |i: usize| {
        fields[i]
            .as_ref()
            .map_or(std::ptr::null_mut(), |f| f.1.as_ptr() as *mut u16)
    };
    // SAFETY: zeroed URL_COMPONENTS are valid; lengths 0 mean NUL-terminated.
    let mut ua: URL_COMPONENTSA = unsafe { std::mem::zeroed() };
    // SAFETY: as above.
    let mut uw: URL_COMPONENTSW = unsafe { std::mem::zeroed() };
    ua.dwStructSize = std::mem::size_of::<URL_COMPONENTSA>() as DWORD;
    uw.dwStructSize = std::mem::size_of::<URL_COMPONENTSW>() as DWORD;
    (ua.lpszScheme, ua.lpszHostName, ua.lpszUserName) = (pa(0), pa(1), pa(2));
    (ua.lpszPassword, ua.lpszUrlPath, ua.lpszExtraInfo) = (pa(3), pa(4), pa(5));
    (uw.lpszScheme, uw.lpszHostName, uw.lpszUserName) = (pw(0), pw(1), pw(2));
    (uw.lpszPassword, uw.lpszUrlPath, uw.lpszExtraInfo) = (pw(3), pw(4), pw(5));
    (ua.nScheme, uw.nScheme, ua.nPort, uw.nPort) = (p.n_scheme, p.n_scheme, p.port, p.port);

    // First ask for the size, then create into exactly that much.
    let mut na: DWORD = 0;
    // SAFETY: the strings live in `fields`; a NULL buffer asks for the size.
    let need_a = unsafe { InternetCreateUrlA(&mut ua, flags, std::ptr::null_mut(), &mut na) };
    let err_a = GetLastError();
    let mut ab = vec![0x7fu8; na as usize + 1];
    let oa = if need_a == 0 && err_a == 122 {
        // SAFETY: `ab` holds `na` bytes and one more.
        let r = unsafe { InternetCreateUrlA(&mut ua, flags, ab.as_mut_ptr().cast(), &mut na) };
        outcome(r, text_a(&ab), r == 0 || text_a_len(&ab) == na)
    } else {
        outcome(need_a, String::new(), true)
    };
    let mut nw: DWORD = 0;
    // SAFETY: as above.
    let need_w = unsafe { InternetCreateUrlW(&mut uw, flags, std::ptr::null_mut(), &mut nw) };
    let err_w = GetLastError();
    // The W size needed is in bytes.
    let mut wb = vec![0x7fu16; nw as usize / 2 + 1];
    let ow = if need_w == 0 && err_w == 122 {
        let mut units = nw / 2;
        // SAFETY: `wb` holds `units` units and one more.
        let r = unsafe { InternetCreateUrlW(&mut uw, flags, wb.as_mut_ptr(), &mut units) };
        outcome(r, text_w(&wb), r == 0 || text_w_len(&wb) == units)
    } else {
        outcome(need_w, String::new(), true)
    };
    (oa, ow)
}

fn text_a_len(b: &[u8]) -> DWORD {
    b.iter().position(|&c| c == 0).unwrap_or(b.len()) as DWORD
}

fn text_w_len(b: &[u16]) -> DWORD {
    b.iter().position(|&c| c == 0).unwrap_or(b.len()) as DWORD
}

fn to_time(s: &str) -> (Outcome, Outcome) {
    let (a, w) = forms(s);
    let (mut sa, mut sw) = (SYSTEMTIME::default(), SYSTEMTIME::default());
    // SAFETY: NUL-terminated strings; valid SYSTEMTIMEs.
    let ra = unsafe { InternetTimeToSystemTimeA(a.as_ptr().cast(), &mut sa, 0) };
    // SAFETY: as above.
    let rw = unsafe { InternetTimeToSystemTimeW(w.as_ptr(), &mut sw, 0) };
    // What cannot be read keeps the current time: compare only the date
    // fields the string decided (the clock may tick between the calls).
    let key = |t: &SYSTEMTIME| format!("{}-{}-{}", t.wYear, t.wMonth, t.wDay);
    (outcome(ra, key(&sa), true), outcome(rw, key(&sw), true))
}

fn from_time(st: SYSTEMTIME, size: DWORD) -> (Outcome, Outcome) {
    let mut ab = vec![0u8; 128];
    let mut wb = vec![0u16; 128];
    // SAFETY: the buffers hold 128 units, more than any size passed.
    let ra = unsafe { InternetTimeFromSystemTimeA(&st, 0, ab.as_mut_ptr().cast(), size) };
    // SAFETY: as above; the W size is in bytes.
    let rw = unsafe { InternetTimeFromSystemTimeW(&st, 0, wb.as_mut_ptr(), size * 2) };
    (
        outcome(ra, text_a(&ab), true),
        outcome(rw, text_w(&wb), true),
    )
}

fn check((a, w): (Outcome, Outcome)) -> Result<(), TestCaseError> {
    prop_assert!(
        a.len_matches_text,
        "A length does not count its text: {:?}",
        a
    );
    prop_assert!(
        w.len_matches_text,
        "W length does not count its text: {:?}",
        w
    );
    prop_assert_eq!(a, w);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 400,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn crack_a_and_w_agree(url in url_like(), flags in icu_flags()) {
        SetLastError(0);
        check(crack_buffers(&url, flags))?;
        check(crack_pointers(&url))?;
    }

    #[test]
    fn canonicalize_a_and_w_agree(url in url_like(), flags in icu_flags()) {
        check(canonicalize(&url, flags))?;
    }

    #[test]
    fn combine_a_and_w_agree(base in url_like(), rel in url_like(), flags in icu_flags()) {
        check(combine(&base, &rel, flags))?;
    }

    #[test]
    fn create_a_and_w_agree(
        scheme in opt_component(),
        n_scheme in -2i32..12,
        host in opt_component(),
        port in prop_oneof![Just(0u16), Just(80), Just(443), Just(21), any::<u16>()],
        user in opt_component(),
        pass in opt_component(),
        path in opt_component(),
        extra in opt_component(),
        flags in prop_oneof![Just(0u32), Just(0x8000_0000)],
    ) {
        let p = Parts { scheme, n_scheme, host, port, user, pass, path, extra };
        check(create(&p, flags))?;
    }

    #[test]
    fn time_to_system_time_a_and_w_agree(
        s in prop_oneof![
            "[A-Za-z]{3}, [0-9]{1,2} [A-Za-z]{3} [0-9]{2,4} [0-9]{1,2}:[0-9]{2}:[0-9]{2} GMT",
            "[A-Za-z]{3,9},? [0-9]{1,2}-[A-Za-z]{3}-[0-9]{2,4} [0-9:]{1,8}( GMT)?",
            "[A-Za-z]{3} [A-Za-z]{3} [ 0-9]{1,2} [0-9:]{8} [0-9]{4}",
            "[ -~]{0,40}",
            "[^\u{0}]{0,20}",
        ]
    ) {
        check(to_time(&s))?;
    }

    #[test]
    fn time_from_system_time_a_and_w_agree(
        y in any::<u16>(), mo in 0u16..15, dow in 0u16..9, d in 0u16..34,
        h in 0u16..26, mi in 0u16..62, s in 0u16..62, size in 0u32..40,
    ) {
        let st = SYSTEMTIME {
            wYear: y, wMonth: mo, wDayOfWeek: dow, wDay: d,
            wHour: h, wMinute: mi, wSecond: s, wMilliseconds: 0,
        };
        check(from_time(st, size))?;
    }
}
