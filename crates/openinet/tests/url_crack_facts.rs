//! InternetCrackUrl facts that Wine's url.c asserts and runs against
//! Windows, checked on the engine (`openinet::url::crack_bytes`): where each
//! component sits in the URL (what the pointer form returns) and the text a
//! caller's buffer receives. Offsets are `None` where WinINet returns NULL.

use openinet::url::{crack_bytes, UrlParts};

/// One URL: scheme, host, user, password, path and extra info as
/// (offset, length) in the URL, nScheme, nPort, and the six copied texts.
struct Fact {
    url: &'static str,
    at: [(Option<usize>, usize); 6],
    n_scheme: i32,
    port: u16,
    copied: [&'static str; 6],
}

const HTTP: i32 = 3;
const FILE: i32 = 5;
const UNKNOWN: i32 = -1;
const NONE: (Option<usize>, usize) = (None, 0);

const fn at(off: usize, len: usize) -> (Option<usize>, usize) {
    (Some(off), len)
}

const FACTS: &[Fact] = &[
    Fact {
        url: "http://www.winehq.org/site/about#hi",
        at: [at(0, 4), at(7, 14), NONE, NONE, at(21, 11), at(32, 3)],
        n_scheme: HTTP,
        port: 80,
        copied: ["http", "www.winehq.org", "", "", "/site/about", "#hi"],
    },
    Fact {
        url: "http://www.myserver.com/myscript.php?arg=1",
        at: [at(0, 4), at(7, 16), NONE, NONE, at(23, 13), at(36, 6)],
        n_scheme: HTTP,
        port: 80,
        copied: [
            "http",
            "www.myserver.com",
            "",
            "",
            "/myscript.php",
            "?arg=1",
        ],
    },
    Fact {
        url: "http://www.winehq.org?test=123",
        at: [at(0, 4), at(7, 14), NONE, NONE, at(21, 0), at(21, 9)],
        n_scheme: HTTP,
        port: 80,
        copied: ["http", "www.winehq.org", "", "", "", "?test=123"],
    },
    Fact {
        url: "http://www.winehq.org/myscript.php;test=123",
        at: [at(0, 4), at(7, 14), NONE, NONE, at(21, 22), NONE],
        n_scheme: HTTP,
        port: 80,
        copied: [
            "http",
            "www.winehq.org",
            "",
            "",
            "/myscript.php;test=123",
            "",
        ],
    },
    Fact {
        url: "HtTp://www.winehq.org/scheme",
        at: [at(0, 4), at(7, 14), NONE, NONE, at(21, 7), NONE],
        n_scheme: HTTP,
        port: 80,
        copied: ["HtTp", "www.winehq.org", "", "", "/scheme", ""],
    },
    Fact {
        url: "http://www.winehq.org",
        at: [at(0, 4), at(7, 14), NONE, NONE, at(21, 0), NONE],
        n_scheme: HTTP,
        port: 80,
        copied: ["http", "www.winehq.org", "", "", "", ""],
    },
    Fact {
        url: "file:///C:/Program%20Files/Atmel/AVR%20Tools/STK500/STK500.xml",
        at: [at(0, 4), NONE, NONE, NONE, at(7, 55), NONE],
        n_scheme: FILE,
        port: 0,
        copied: [
            "file",
            "",
            "",
            "",
            "C:\\Program Files\\Atmel\\AVR Tools\\STK500\\STK500.xml",
            "",
        ],
    },
    Fact {
        url: "fide:///C:/Program%20Files/Atmel/AVR%20Tools/STK500/STK500.xml",
        at: [at(0, 4), at(7, 0), NONE, NONE, at(7, 55), NONE],
        n_scheme: UNKNOWN,
        port: 0,
        copied: [
            "fide",
            "",
            "",
            "",
            "/C:/Program%20Files/Atmel/AVR%20Tools/STK500/STK500.xml",
            "",
        ],
    },
    Fact {
        url: "file://C:/Program%20Files/Atmel/AVR%20Tools/STK500/STK500.xml",
        at: [at(0, 4), NONE, NONE, NONE, at(7, 54), NONE],
        n_scheme: FILE,
        port: 0,
        copied: [
            "file",
            "",
            "",
            "",
            "C:\\Program%20Files\\Atmel\\AVR%20Tools\\STK500\\STK500.xml",
            "",
        ],
    },
    Fact {
        url: "file://C:/Program%20Files/Atmel/..",
        at: [at(0, 4), NONE, NONE, NONE, at(7, 27), NONE],
        n_scheme: FILE,
        port: 0,
        copied: ["file", "", "", "", "C:\\Program%20Files\\Atmel\\..\\", ""],
    },
    Fact {
        url: "file://C:/Program%20Files/Atmel/../Asdf.xml",
        at: [at(0, 4), NONE, NONE, NONE, at(7, 36), NONE],
        n_scheme: FILE,
        port: 0,
        copied: [
            "file",
            "",
            "",
            "",
            "C:\\Program%20Files\\Atmel\\..\\Asdf.xml",
            "",
        ],
    },
    Fact {
        url: "file:///C:/Program%20Files/Atmel/..",
        at: [at(0, 4), NONE, NONE, NONE, at(7, 28), NONE],
        n_scheme: FILE,
        port: 0,
        copied: ["file", "", "", "", "C:\\Program Files\\Atmel\\..\\", ""],
    },
    Fact {
        url: "file:///C:/Program%20Files/Atmel/../Asdf.xml",
        at: [at(0, 4), NONE, NONE, NONE, at(7, 37), NONE],
        n_scheme: FILE,
        port: 0,
        copied: [
            "file",
            "",
            "",
            "",
            "C:\\Program Files\\Atmel\\..\\Asdf.xml",
            "",
        ],
    },
    Fact {
        url: "file://C:/Program%20Files/Atmel/.",
        at: [at(0, 4), NONE, NONE, NONE, at(7, 26), NONE],
        n_scheme: FILE,
        port: 0,
        copied: ["file", "", "", "", "C:\\Program%20Files\\Atmel\\.\\", ""],
    },
    Fact {
        url: "file://C:/Program%20Files/Atmel/./Asdf.xml",
        at: [at(0, 4), NONE, NONE, NONE, at(7, 35), NONE],
        n_scheme: FILE,
        port: 0,
        copied: [
            "file",
            "",
            "",
            "",
            "C:\\Program%20Files\\Atmel\\.\\Asdf.xml",
            "",
        ],
    },
    Fact {
        url: "file:///C:/Program%20Files/Atmel/.",
        at: [at(0, 4), NONE, NONE, NONE, at(7, 27), NONE],
        n_scheme: FILE,
        port: 0,
        copied: ["file", "", "", "", "C:\\Program Files\\Atmel\\.\\", ""],
    },
    Fact {
        url: "file:///C:/Program%20Files/Atmel/./Asdf.xml",
        at: [at(0, 4), NONE, NONE, NONE, at(7, 36), NONE],
        n_scheme: FILE,
        port: 0,
        copied: [
            "file",
            "",
            "",
            "",
            "C:\\Program Files\\Atmel\\.\\Asdf.xml",
            "",
        ],
    },
    Fact {
        url: "C:\\file.txt",
        at: [at(0, 1), NONE, NONE, NONE, at(2, 9), NONE],
        n_scheme: UNKNOWN,
        port: 0,
        copied: ["C", "", "", "", "\\file.txt", ""],
    },
];

fn components(p: &UrlParts) -> [&openinet::url::Component; 6] {
    [&p.scheme, &p.host, &p.user, &p.password, &p.path, &p.extra]
}

const NAMES: [&str; 6] = ["scheme", "host", "user", "password", "path", "extra"];

#[test]
fn pointers_and_lengths_as_windows_gives_them() {
    let mut bad = Vec::new();
    for f in FACTS {
        let p = crack_bytes(f.url.as_bytes(), 0).unwrap();
        if p.scheme_code() != f.n_scheme || p.port != f.port {
            bad.push(format!(
                "{}: nScheme {} port {}",
                f.url,
                p.scheme_code(),
                p.port
            ));
        }
        for ((c, want), name) in components(&p).into_iter().zip(f.at).zip(NAMES) {
            let got = match &c.range {
                Some(r) => (Some(r.start), r.len()),
                None => (None, 0),
            };
            if got != want {
                bad.push(format!("{}: {name} at {got:?}, want {want:?}", f.url));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn copies_as_windows_gives_them() {
    let mut bad = Vec::new();
    for f in FACTS {
        let input = f.url.as_bytes();
        let p = crack_bytes(input, 0).unwrap();
        for ((c, want), name) in components(&p).into_iter().zip(f.copied).zip(NAMES) {
            let got = String::from_utf8_lossy(c.bytes(input));
            if got != want {
                bad.push(format!("{}: {name} {got:?}, want {want:?}", f.url));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn failures_as_windows_gives_them() {
    use openinet::Error;
    // No scheme at all, and a relative URL: ERROR_INTERNET_UNRECOGNIZED_SCHEME
    // (Wine's url.c: "../Ritz.xml", todo_wine; its comment on "": 12006).
    for url in ["", "../Ritz.xml", "www.winehq.org"] {
        let e = crack_bytes(url.as_bytes(), 0).unwrap_err();
        assert_eq!(e.code(), 12006, "{url:?}: {e:?}");
    }
    assert_eq!(Error::InvalidParameter.code(), 87);
}

#[test]
fn empty_authority_and_decoded_empty_path() {
    const DECODE: u32 = 0x1000_0000;
    // Nothing after "//" does not crack (url.c, todo_wine, so on Windows);
    // file: URLs keep their own rules.
    assert_eq!(crack_bytes(b"http://", 0).unwrap_err().code(), 12005);
    assert_eq!(crack_bytes(b"http://", DECODE).unwrap_err().code(), 12005);
    assert!(crack_bytes(b"file://", 0).is_ok());
    // Written without a path, a URL reports an empty one under ICU_DECODE
    // too, although its canonical form has "/" (url.c, todo_wine).
    let url = b"http://x.org";
    let p = crack_bytes(url, DECODE).unwrap();
    assert_eq!(p.host.bytes(url), b"x.org");
    assert_eq!(p.path.bytes(url), b"");
    let p = crack_bytes(b"http://x.org/", DECODE).unwrap();
    assert_eq!(p.path.bytes(b"http://x.org/"), b"/");
}

#[test]
fn where_nothing_windows_checked_says_wine_decides() {
    // The empty scheme is FTP (port 21 with an authority, 0 without).
    let p = crack_bytes(b"://host/", 0).unwrap();
    assert_eq!((p.scheme_code(), p.port), (1, 21));
    let p = crack_bytes(b":", 0).unwrap();
    assert_eq!((p.scheme_code(), p.port), (1, 0));
    // A path without extra info ends at its first LF; with extra info, or
    // in the extra info, the LF stays.
    for (url, path, extra) in [
        ("http://host/\r\n", "/\r", ""),
        ("http://host/a\nb", "/a", ""),
        ("mailto:a\nb", "a", ""),
        ("http://host/a\nb?q", "/a\nb", "?q"),
        ("http://host/?q\r\n", "/", "?q\r\n"),
    ] {
        let p = crack_bytes(url.as_bytes(), 0).unwrap();
        assert_eq!(p.path.bytes(url.as_bytes()), path.as_bytes(), "{url:?}");
        assert_eq!(p.extra.bytes(url.as_bytes()), extra.as_bytes(), "{url:?}");
    }
    // A drive path written with at most two slashes ends at its LF too.
    let url = b"file://c:/a\nb";
    assert_eq!(crack_bytes(url, 0).unwrap().path.bytes(url), b"c:\\a");
    let url = b"file:///c:/a\nb";
    assert_eq!(crack_bytes(url, 0).unwrap().path.bytes(url), b"c:\\a\nb");
}
