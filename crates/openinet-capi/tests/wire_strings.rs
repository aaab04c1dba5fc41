//! Hostile strings on the wire (issue 9's adversarial suite): every
//! string-taking call whose string reaches the request head, A and W, fed
//! CR, LF, CR LF with a would-be header, NUL inside a counted string,
//! invalid UTF-8 (A) and lone surrogates (W), and plain non-ASCII text.
//! A capture server records the exact bytes of each request head.
//!
//! Each case is judged against the same call with a harmless marker: the
//! head must be byte for byte the marker's head with the marker replaced
//! by the expected bytes, or the call must fail and nothing reach the
//! server. The rules:
//! - CR or LF in a string that is one field (agent, verb, object,
//!   version, referrer, accept type): refused with ERROR_INVALID_PARAMETER,
//!   nothing sent; in header text (HttpAddRequestHeaders, HttpSendRequest,
//!   InternetOpenUrl) CR and LF end a line, as in WinINet: each line goes
//!   out as its own CR LF-ended header, a line that is no `Name: value` is
//!   dropped, and no byte of the break itself reaches the wire;
//! - a method is a token: other bytes are refused;
//! - a NUL inside a counted string ends it there (WinINet reads header text
//!   as a C string);
//! - text goes out as UTF-8; what is not valid UTF-8 (A) or UTF-16 (W)
//!   goes out as U+FFFD. Windows sends A strings' bytes as they are and W
//!   strings in the ANSI code page: OpenINet's strings are Unicode inside,
//!   so this is a known difference, and it can put no line break on the
//!   wire.

use std::ffi::c_void;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::ptr::{null, null_mut};
use std::sync::mpsc;

use wininet::exports::*;
use wininet::ffi::{GetLastError, HINTERNET};

const INTERNET_OPEN_TYPE_DIRECT: u32 = 1;
const INTERNET_SERVICE_HTTP: u32 = 3;
const INTERNET_FLAG_RELOAD: u32 = 0x8000_0000;
const INTERNET_FLAG_NO_CACHE_WRITE: u32 = 0x0400_0000;
const INTERNET_OPTION_USER_AGENT: u32 = 41;
const HTTP_ADDREQ_FLAG_ADD: u32 = 0x2000_0000;
const MARK: &str = "Mark";

/// A server that answers every request with an empty 200 and closes,
/// sending each request head's bytes down a channel, one connection at a
/// time (so heads arrive in the order they were sent).
fn capture_server() -> (u16, mpsc::Receiver<Vec<u8>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { continue };
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && head.len() < 65536 {
                match s.read(&mut byte) {
                    Ok(1) => head.push(byte[0]),
                    _ => break,
                }
            }
            let _ =
                s.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            if tx.send(head).is_err() {
                return;
            }
        }
    });
    (port, rx)
}

/// A string of the width a call takes.
#[derive(Clone)]
enum Text {
    A(Vec<u8>),
    W(Vec<u16>),
}

impl Text {
    fn wide(&self) -> bool {
        matches!(self, Text::W(_))
    }
    /// NUL-terminated units, as C takes them.
    fn a_z(&self) -> Vec<u8> {
        match self {
            Text::A(b) => [b.as_slice(), &[0]].concat(),
            Text::W(_) => unreachable!(),
        }
    }
    fn w_z(&self) -> Vec<u16> {
        match self {
            Text::W(u) => [u.as_slice(), &[0]].concat(),
            Text::A(_) => unreachable!(),
        }
    }
    fn len(&self) -> u32 {
        match self {
            Text::A(b) => b.len() as u32,
            Text::W(u) => u.len() as u32,
        }
    }
}

fn marker(wide: bool) -> Text {
    if wide {
        Text::W(MARK.encode_utf16().collect())
    } else {
        Text::A(MARK.as_bytes().to_vec())
    }
}

/// Where a string goes in.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Entry {
    Agent,
    AgentOption,
    Verb,
    Object,
    Version,
    Referrer,
    Accept,
    AddHeaders,
    SendHeaders,
    OpenUrlHeaders,
}

const ENTRIES: [Entry; 10] = [
    Entry::Agent,
    Entry::AgentOption,
    Entry::Verb,
    Entry::Object,
    Entry::Version,
    Entry::Referrer,
    Entry::Accept,
    Entry::AddHeaders,
    Entry::SendHeaders,
    Entry::OpenUrlHeaders,
];

impl Entry {
    /// Takes a counted string (a NUL inside can be given).
    fn counted(self) -> bool {
        matches!(
            self,
            Entry::AddHeaders | Entry::SendHeaders | Entry::OpenUrlHeaders
        )
    }
    /// Header text: the string is a whole `Name: value` line.
    fn header_text(self) -> bool {
        self.counted()
    }
}

/// Runs one request with `text` at `entry`; Ok(head bytes) or Err(the
/// error of the call that failed).
fn run(port: u16, rx: &mpsc::Receiver<Vec<u8>>, entry: Entry, text: &Text) -> Result<Vec<u8>, u32> {
    let wide = text.wide();
    let value: Text = if entry.header_text() {
        // "X-Test: <text>"
        match text {
            Text::A(b) => Text::A([b"X-Test: ".as_slice(), b].concat()),
            Text::W(u) => Text::W("X-Test: ".encode_utf16().chain(u.iter().copied()).collect()),
        }
    } else if entry == Entry::Object {
        match text {
            Text::A(b) => Text::A([b"/".as_slice(), b].concat()),
            Text::W(u) => Text::W("/".encode_utf16().chain(u.iter().copied()).collect()),
        }
    } else {
        text.clone()
    };
    let a = |t: &Text| t.a_z();
    let w = |t: &Text| t.w_z();
    let default = |e: Entry, want: Entry, s: &'static str| -> Text {
        if e == want {
            value.clone()
        } else if wide {
            Text::W(s.encode_utf16().collect())
        } else {
            Text::A(s.as_bytes().to_vec())
        }
    };
    let agent = default(entry, Entry::Agent, "agent");
    let verb = default(entry, Entry::Verb, "GET");
    let object = default(entry, Entry::Object, "/x");
    // SAFETY: every string below is NUL-terminated and outlives its call;
    // handles are live until closed here.
    let outcome = unsafe {
        let session = if wide {
            InternetOpenW(
                w(&agent).as_ptr(),
                INTERNET_OPEN_TYPE_DIRECT,
                null(),
                null(),
                0,
            )
        } else {
            InternetOpenA(
                a(&agent).as_ptr().cast(),
                INTERNET_OPEN_TYPE_DIRECT,
                null(),
                null(),
                0,
            )
        };
        if session.is_null() {
            return Err(GetLastError());
        }
        let result = (|| {
            if entry == Entry::AgentOption {
                let ok = if wide {
                    let z = w(&value);
                    InternetSetOptionW(
                        session,
                        INTERNET_OPTION_USER_AGENT,
                        z.as_ptr() as *mut c_void,
                        value.len(),
                    )
                } else {
                    let z = a(&value);
                    InternetSetOptionA(
                        session,
                        INTERNET_OPTION_USER_AGENT,
                        z.as_ptr() as *mut c_void,
                        value.len(),
                    )
                };
                if ok == 0 {
                    return Err(GetLastError());
                }
            }
            let req: HINTERNET;
            if entry == Entry::OpenUrlHeaders {
                let url = format!("http://127.0.0.1:{port}/x");
                req = if wide {
                    let u: Vec<u16> = url.encode_utf16().chain([0]).collect();
                    InternetOpenUrlW(
                        session,
                        u.as_ptr(),
                        w(&value).as_ptr(),
                        value.len(),
                        INTERNET_FLAG_RELOAD,
                        0,
                    )
                } else {
                    let u = format!("{url}\0");
                    InternetOpenUrlA(
                        session,
                        u.as_ptr().cast(),
                        a(&value).as_ptr().cast(),
                        value.len(),
                        INTERNET_FLAG_RELOAD,
                        0,
                    )
                };
                if req.is_null() {
                    return Err(GetLastError());
                }
            } else {
                let host = "127.0.0.1\0";
                let conn = InternetConnectA(
                    session,
                    host.as_ptr().cast(),
                    port,
                    null(),
                    null(),
                    INTERNET_SERVICE_HTTP,
                    0,
                    0,
                );
                assert!(!conn.is_null());
                let flags = INTERNET_FLAG_RELOAD | INTERNET_FLAG_NO_CACHE_WRITE;
                req = if wide {
                    let (v, o) = (w(&verb), w(&object));
                    let version = (entry == Entry::Version).then(|| w(&value));
                    let referrer = (entry == Entry::Referrer).then(|| w(&value));
                    let accept_z = (entry == Entry::Accept).then(|| w(&value));
                    let accept = accept_z.as_ref().map(|z| [z.as_ptr(), null()]);
                    HttpOpenRequestW(
                        conn,
                        v.as_ptr(),
                        o.as_ptr(),
                        version.as_ref().map_or(null(), |z| z.as_ptr()),
                        referrer.as_ref().map_or(null(), |z| z.as_ptr()),
                        accept.as_ref().map_or(null(), |p| p.as_ptr()),
                        flags,
                        0,
                    )
                } else {
                    let (v, o) = (a(&verb), a(&object));
                    let version = (entry == Entry::Version).then(|| a(&value));
                    let referrer = (entry == Entry::Referrer).then(|| a(&value));
                    let accept_z = (entry == Entry::Accept).then(|| a(&value));
                    let accept = accept_z.as_ref().map(|z| [z.as_ptr().cast(), null()]);
                    HttpOpenRequestA(
                        conn,
                        v.as_ptr().cast(),
                        o.as_ptr().cast(),
                        version.as_ref().map_or(null(), |z| z.as_ptr().cast()),
                        referrer.as_ref().map_or(null(), |z| z.as_ptr().cast()),
                        accept.as_ref().map_or(null(), |p| p.as_ptr()),
                        flags,
                        0,
                    )
                };
                if req.is_null() {
                    return Err(GetLastError());
                }
                if entry == Entry::AddHeaders {
                    let ok = if wide {
                        HttpAddRequestHeadersW(
                            req,
                            w(&value).as_ptr(),
                            value.len(),
                            HTTP_ADDREQ_FLAG_ADD,
                        )
                    } else {
                        HttpAddRequestHeadersA(
                            req,
                            a(&value).as_ptr().cast(),
                            value.len(),
                            HTTP_ADDREQ_FLAG_ADD,
                        )
                    };
                    if ok == 0 {
                        return Err(GetLastError());
                    }
                }
                let ok = match (entry == Entry::SendHeaders, wide) {
                    (true, true) => {
                        HttpSendRequestW(req, w(&value).as_ptr(), value.len(), null_mut(), 0)
                    }
                    (true, false) => {
                        HttpSendRequestA(req, a(&value).as_ptr().cast(), value.len(), null_mut(), 0)
                    }
                    (false, _) => HttpSendRequestA(req, null(), 0, null_mut(), 0),
                };
                if ok == 0 {
                    return Err(GetLastError());
                }
            }
            let mut buf = [0u8; 64];
            let mut got = 0u32;
            while InternetReadFile(req, buf.as_mut_ptr().cast(), 64, &mut got) != 0 && got > 0 {}
            Ok(())
        })();
        InternetCloseHandle(session);
        result
    };
    // A sentinel request after every case: the heads up to it are this
    // case's (the server takes one connection at a time, in order).
    // SAFETY: as above.
    unsafe {
        let session = InternetOpenA(
            c"sentinel".as_ptr(),
            INTERNET_OPEN_TYPE_DIRECT,
            null(),
            null(),
            0,
        );
        let url = format!("http://127.0.0.1:{port}/sentinel\0");
        let req = InternetOpenUrlA(
            session,
            url.as_ptr().cast(),
            null(),
            0,
            INTERNET_FLAG_RELOAD,
            0,
        );
        assert!(!req.is_null(), "sentinel: {}", GetLastError());
        InternetCloseHandle(session);
    }
    let mut heads = Vec::new();
    loop {
        let head = rx
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("a head");
        if head.starts_with(b"GET /sentinel ") {
            break;
        }
        heads.push(head);
    }
    match outcome {
        Ok(()) => {
            assert_eq!(heads.len(), 1, "{entry:?}: {} heads", heads.len());
            Ok(heads.pop().unwrap())
        }
        Err(e) => {
            assert!(
                heads.is_empty(),
                "{entry:?} failed ({e}) but sent {:?}",
                String::from_utf8_lossy(&heads[0])
            );
            Err(e)
        }
    }
}

/// Replaces the first `from` in `hay` with `to`.
fn replace_once(hay: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let at = hay
        .windows(from.len())
        .position(|w| w == from)
        .expect("the marker is in the head");
    [&hay[..at], to, &hay[at + from.len()..]].concat()
}

/// What a case must give.
#[derive(Clone, Copy)]
enum Expect {
    /// Refused with this error, nothing sent.
    Refused(u32),
    /// Sent, the marker's place holding these bytes.
    Wire(&'static [u8]),
}

struct Case {
    name: &'static str,
    text: Text,
    /// Only for calls that take a counted string.
    counted_only: bool,
    expect: Expect,
}

fn cases() -> Vec<Case> {
    let a = |b: &[u8]| Text::A(b.to_vec());
    let w = |u: &[u16]| Text::W(u.to_vec());
    let wstr = |s: &str| Text::W(s.encode_utf16().collect());
    // `Refused(0)`: a line break, judged per entry by `expected`.
    vec![
        Case {
            name: "CR",
            text: a(b"a\rb"),
            counted_only: false,
            expect: Expect::Refused(0),
        },
        Case {
            name: "LF",
            text: a(b"a\nb"),
            counted_only: false,
            expect: Expect::Refused(0),
        },
        Case {
            name: "CRLF header",
            text: a(b"a\r\nX-Evil: 1"),
            counted_only: false,
            expect: Expect::Refused(0),
        },
        Case {
            name: "W CR",
            text: wstr("a\rb"),
            counted_only: false,
            expect: Expect::Refused(0),
        },
        Case {
            name: "W LF",
            text: wstr("a\nb"),
            counted_only: false,
            expect: Expect::Refused(0),
        },
        Case {
            name: "W CRLF header",
            text: wstr("a\r\nX-Evil: 1"),
            counted_only: false,
            expect: Expect::Refused(0),
        },
        Case {
            name: "NUL inside",
            text: a(b"ab\0\r\nX-Evil: 1"),
            counted_only: true,
            expect: Expect::Wire(b"ab"),
        },
        Case {
            name: "W NUL inside",
            text: wstr("ab\0\r\nX-Evil: 1"),
            counted_only: true,
            expect: Expect::Wire(b"ab"),
        },
        Case {
            name: "invalid UTF-8",
            text: a(b"a\xffb"),
            counted_only: false,
            expect: Expect::Wire("a\u{FFFD}b".as_bytes()),
        },
        Case {
            name: "truncated UTF-8",
            text: a(b"ab\xc3"),
            counted_only: false,
            expect: Expect::Wire("ab\u{FFFD}".as_bytes()),
        },
        Case {
            name: "overlong UTF-8",
            text: a(b"a\xc0\x8ab"),
            counted_only: false,
            expect: Expect::Wire("a\u{FFFD}\u{FFFD}b".as_bytes()),
        },
        Case {
            name: "UTF-8",
            text: a("é€".as_bytes()),
            counted_only: false,
            expect: Expect::Wire("é€".as_bytes()),
        },
        Case {
            name: "lone high surrogate",
            text: w(&[0x61, 0xD800, 0x62]),
            counted_only: false,
            expect: Expect::Wire("a\u{FFFD}b".as_bytes()),
        },
        Case {
            name: "lone low surrogate",
            text: w(&[0x61, 0xDC00]),
            counted_only: false,
            expect: Expect::Wire("a\u{FFFD}".as_bytes()),
        },
        Case {
            name: "W non-ASCII",
            text: wstr("é€"),
            counted_only: false,
            expect: Expect::Wire("é€".as_bytes()),
        },
    ]
}

/// What `case` must give at `entry` (see the module doc).
fn expected(entry: Entry, case: &Case) -> Expect {
    const ERROR_INVALID_PARAMETER: u32 = 87;
    let line_break = case.name.contains("CR") || case.name.contains("LF");
    if entry.header_text() && line_break {
        // Header text is a list of lines: CR and LF end one. A line that
        // is no `Name: value` is dropped; each line goes out as its own
        // header, CR LF ended, so no byte of the break is kept.
        return Expect::Wire(if case.name.contains("header") {
            b"a\r\nX-Evil: 1"
        } else {
            b"a"
        });
    }
    if line_break {
        return Expect::Refused(ERROR_INVALID_PARAMETER);
    }
    // A method is a token (RFC 9110 \u{a7}9.1): anything else is refused.
    if entry == Entry::Verb {
        return Expect::Refused(ERROR_INVALID_PARAMETER);
    }
    case.expect
}

#[test]
fn hostile_strings_reach_the_wire_as_expected_or_not_at_all() {
    let (port, rx) = capture_server();
    let mut problems = Vec::new();
    let mut checked = 0;
    for entry in ENTRIES {
        for case in cases() {
            if case.counted_only && !entry.counted() {
                continue;
            }
            let wide = case.text.wide();
            let got = run(port, &rx, entry, &case.text);
            let want = match expected(entry, &case) {
                Expect::Refused(code) => Err(code),
                Expect::Wire(bytes) => {
                    let base = run(port, &rx, entry, &marker(wide)).expect("the marker's request");
                    Ok(replace_once(&base, MARK.as_bytes(), bytes))
                }
            };
            checked += 1;
            if got != want {
                problems.push(format!(
                    "{entry:?} / {} ({}): got {:?}, want {:?}",
                    case.name,
                    if wide { "W" } else { "A" },
                    got.as_ref()
                        .map(|h| String::from_utf8_lossy(h).into_owned()),
                    want.as_ref()
                        .map(|h| String::from_utf8_lossy(h).into_owned()),
                ));
            }
        }
    }
    eprintln!("{checked} cases, {} problems", problems.len());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
