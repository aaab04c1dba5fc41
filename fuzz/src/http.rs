//! Fuzz bodies for the HTTP/1.1 response side: what a hostile server's
//! bytes reach. Shared by the `cargo fuzz` binaries (fuzz_targets/http_*.rs)
//! and the seed run (tests/http_seeds.rs), through `openinet::fuzzing`.
//!
//! Each body checks what must hold whatever the bytes: no panic, no loop
//! that does not advance, ranges inside the input, and answers that do not
//! depend on how the bytes were cut into reads.

use openinet::consts::{
    HTTP_ADDREQ_FLAG_ADD, HTTP_ADDREQ_FLAG_ADD_IF_NEW, HTTP_ADDREQ_FLAG_COALESCE_WITH_COMMA,
    HTTP_ADDREQ_FLAG_COALESCE_WITH_SEMICOLON, HTTP_ADDREQ_FLAG_REPLACE, HTTP_QUERY_CUSTOM,
    HTTP_QUERY_FLAG_NUMBER, HTTP_QUERY_FLAG_REQUEST_HEADERS, HTTP_QUERY_FLAG_SYSTEMTIME,
    HTTP_QUERY_RAW_HEADERS, HTTP_QUERY_RAW_HEADERS_CRLF,
};
use openinet::fuzzing::{
    apply_request_headers, encode_request_head, framing, is_informational, parse_response_head,
    query_info, Answer, BodyDecoder, Framing, HeaderView, RequestLine, ResponseHead, Step,
    MAX_HEAD_LEN,
};
use openinet::Error;

/// A small deterministic PRNG (xorshift64*), seeded from input bytes, for
/// the read sizes of a run.
struct Rng(u64);

impl Rng {
    fn new(seed: &[u8]) -> Rng {
        let mut s = 0x9E37_79B9_7F4A_7C15u64;
        for &b in seed {
            s = (s ^ u64::from(b)).wrapping_mul(0x100_0000_01B3);
        }
        Rng(s | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// 1..=max, small values more likely (reads of 1-3 bytes matter most).
    fn size(&mut self, max: usize) -> usize {
        let r = self.next();
        let cap = match r % 4 {
            0 => 3,
            1 => 16,
            2 => 512,
            _ => max,
        };
        1 + (r >> 8) as usize % cap.clamp(1, max.max(1))
    }
}

// ---- parse_response_head ---------------------------------------------------

/// `parse_response_head` over the input as a read buffer: the head it
/// finds must be the same when only its own bytes are there, every shorter
/// prefix must ask for more, and what it reports must be well-formed.
pub fn response_head(data: &[u8]) {
    let result = parse_response_head(data);
    match &result {
        Ok(Some((head, used))) => {
            let used = *used;
            assert!(used <= data.len(), "head of {used} in {} bytes", data.len());
            if head.no_headers {
                assert_eq!(used, 0, "a head-less response takes no bytes");
                assert!(!data.starts_with(b"HTTP/"));
            } else {
                assert!(used <= MAX_HEAD_LEN, "head over the limit");
                assert!(data[..used].ends_with(b"\n"), "head ends mid-line");
                let again = parse_response_head(&data[..used]);
                assert_eq!(again, result, "head depends on the bytes after it");
                // One byte fewer: the blank line is not complete yet.
                assert_eq!(parse_response_head(&data[..used - 1]), Ok(None));
            }
            check_head(head);
        }
        Ok(None) => {
            assert!(data.len() <= MAX_HEAD_LEN, "more wanted past the limit");
            // Cut anywhere earlier, it still wants more (or is already bad).
            for cut in [data.len() / 2, data.len().saturating_sub(1)] {
                match parse_response_head(&data[..cut]) {
                    Ok(None) => {}
                    other => panic!("prefix {cut} gives {other:?}, the whole wants more"),
                }
            }
        }
        Err(e) => assert_eq!(*e, Error::HttpInvalidServerResponse),
    }
}

/// What any parsed head must satisfy, and every query on it must survive.
fn check_head(head: &ResponseHead) {
    let lines: Vec<&str> = head.lines().collect();
    assert!(!lines.is_empty(), "no status line");
    for l in &lines {
        assert!(!l.contains('\n'), "line with LF: {l:?}");
        assert!(!l.is_empty(), "empty line kept");
    }
    for (name, value) in head.headers() {
        assert!(!name.is_empty(), "empty header name");
        assert!(!name.contains([':', '\n']), "bad name {name:?}");
        assert!(!value.contains('\n'), "value with LF: {value:?}");
        assert_eq!(name.trim_matches([' ', '\t']), name);
        assert_eq!(value.trim_matches([' ', '\t']), value);
        let first = head.header(name).expect("a header finds itself");
        assert!(head
            .headers()
            .any(|(n, v)| n.eq_ignore_ascii_case(name) && v == first));
    }
    assert!(lines[0].ends_with(head.reason()));
    let _ = head.version_text();
    let _ = is_informational(head);
    for method in ["GET", "HEAD", "POST"] {
        let _ = framing(method, head);
    }
    let view = HeaderView {
        request_line: RequestLine {
            method: "GET",
            target: "/",
            version: "HTTP/1.1",
        },
        request_headers: &[],
        response: Some(head),
    };
    let crlf = query_text(&view, HTTP_QUERY_RAW_HEADERS_CRLF);
    assert_eq!(crlf, lines.join("\r\n") + "\r\n\r\n");
    let raw = query_text(&view, HTTP_QUERY_RAW_HEADERS);
    assert_eq!(raw.matches('\0').count(), lines.len() + raw_nuls(&lines));
}

/// NULs a server put inside its lines (they stay in RAW_HEADERS' text).
fn raw_nuls(lines: &[&str]) -> usize {
    lines.iter().map(|l| l.matches('\0').count()).sum()
}

fn query_text(view: &HeaderView<'_>, level: u32) -> String {
    match query_info(view, level, None, &mut 0) {
        Ok(Answer::Text(t)) => t,
        other => panic!("level {level:#x}: {other:?}"),
    }
}

// ---- BodyDecoder -----------------------------------------------------------

/// How one run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
enum End {
    /// The framing said done; the bytes after it (the next response).
    Done(Vec<u8>),
    /// The server closed first; whether the framing wanted more.
    Eof {
        truncated: bool,
    },
    Failed(Error),
}

/// One decoding of `wire`: the payload, and how it ended.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Run {
    payload: Vec<u8>,
    end: End,
}

/// The framing an input's first bytes pick.
fn pick_framing(sel: u8, n: &[u8]) -> Framing {
    let mut len = [0u8; 8];
    let k = n.len().min(8);
    len[..k].copy_from_slice(&n[..k]);
    let len = u64::from_le_bytes(len);
    match sel % 8 {
        0 => Framing::Empty,
        1 => Framing::UntilClose,
        2..=4 => Framing::Chunked,
        5 => Framing::Length(len % 64),
        6 => Framing::Length(len % 4096),
        _ => Framing::Length(len),
    }
}

/// `BodyDecoder` fed arbitrary bytes. Input: byte 0 picks the framing,
/// bytes 1..9 a Content-Length, bytes 9..13 seed the read sizes; the rest
/// is what the server sends. The wire is decoded once whole (the
/// reference) and then in several cuttings, with the client's three ways
/// of taking payload mixed at random (copy from the read buffer, peek as
/// `InternetQueryDataAvailable` does, read straight into the caller's
/// buffer); each must give the same payload and the same end.
pub fn body(data: &[u8]) {
    let sel = data.first().copied().unwrap_or(0);
    let framing = pick_framing(sel, data.get(1..9).unwrap_or(&[]));
    let seed = data.get(9..13).unwrap_or(&[]);
    let wire = data.get(13..).unwrap_or(&[]);

    let reference = decode(framing, wire, None);
    check_run(framing, wire, &reference);
    for round in 0..4u8 {
        let mut rng = Rng::new(&[seed, &[round]].concat());
        let run = decode(framing, wire, Some(&mut rng));
        if run != reference {
            panic!(
                "{framing:?}: cutting {round} gives\n  {:?}\nwhole gives\n  {:?}",
                short(&run),
                short(&reference)
            );
        }
    }
}

/// A run for a panic message: long payloads cut.
fn short(r: &Run) -> String {
    let p = &r.payload;
    let shown = String::from_utf8_lossy(&p[..p.len().min(64)]);
    format!("payload {} bytes {shown:?}.., {:?}", p.len(), r.end)
}

/// What a reference run must satisfy given its framing.
fn check_run(framing: Framing, wire: &[u8], run: &Run) {
    match (framing, &run.end) {
        (Framing::Empty, end) => {
            assert!(run.payload.is_empty());
            assert_eq!(*end, End::Done(wire.to_vec()));
        }
        (Framing::UntilClose, end) => {
            assert_eq!(run.payload, wire);
            assert_eq!(*end, End::Eof { truncated: false });
        }
        (Framing::Length(n), End::Done(rest)) => {
            assert_eq!(run.payload.len() as u64, n);
            assert_eq!([&run.payload[..], rest].concat(), wire);
        }
        (Framing::Length(n), End::Eof { truncated }) => {
            assert!(*truncated && (run.payload.len() as u64) < n);
            assert_eq!(run.payload, wire);
        }
        (Framing::Length(_), End::Failed(e)) => panic!("a Content-Length body failed: {e:?}"),
        (Framing::Chunked, End::Done(rest)) => {
            assert!(run.payload.len() + rest.len() <= wire.len());
            assert!(wire.ends_with(rest));
        }
        (Framing::Chunked, End::Eof { truncated }) => assert!(*truncated),
        (Framing::Chunked, End::Failed(e)) => assert_eq!(*e, Error::HttpInvalidServerResponse),
    }
}

/// Decodes `wire` as the client does (see request.rs: copy_buffered,
/// peek_payload, the direct read). `rng: None`: the whole wire arrives in
/// one read and payload is copied out whole.
fn decode(framing: Framing, wire: &[u8], mut rng: Option<&mut Rng>) -> Run {
    let mut d = BodyDecoder::new(framing);
    let mut buf: Vec<u8> = Vec::new();
    let mut fed = 0;
    let mut payload = Vec::new();
    // Each turn consumes, feeds or ends: more turns than this is a loop.
    let limit = 8 * (wire.len() + 8);
    for _ in 0..limit {
        let mode = rng.as_mut().map_or(0, |r| r.next() % 4);
        // A direct read: only with nothing buffered, as the client does.
        if mode == 3 && buf.is_empty() && fed < wire.len() {
            if let Some(lim) = d.direct_limit().filter(|&l| l > 0) {
                let r = rng.as_mut().unwrap();
                let room = r.size(wire.len());
                let want = room.min(usize::try_from(lim).unwrap_or(usize::MAX));
                let n = want.min(r.size(wire.len() - fed));
                payload.extend_from_slice(&wire[fed..fed + n]);
                fed += n;
                d.consume_payload(n)
                    .expect("a direct read within the limit");
                continue;
            }
        }
        let step = match d.step(&buf) {
            Ok(s) => s,
            Err(e) => {
                return Run {
                    payload,
                    end: End::Failed(e),
                }
            }
        };
        match step {
            Step::Data { skip, len } => {
                assert!(len >= 1, "empty Data");
                assert!(skip + len <= buf.len(), "Data past the buffer");
                assert_eq!(d.direct_limit(), None, "direct read before the commit");
                if mode == 2 {
                    // InternetQueryDataAvailable: drop the framing, keep the payload.
                    buf.drain(..skip);
                    d.skip_consumed(skip);
                    continue;
                }
                let take = rng.as_mut().map_or(len, |r| r.size(len).min(len));
                payload.extend_from_slice(&buf[skip..skip + take]);
                buf.drain(..skip + take);
                d.consume_payload(take).expect("taking what Data offered");
            }
            Step::NeedMore { consume } => {
                assert!(consume <= buf.len(), "NeedMore consumes past the buffer");
                buf.drain(..consume);
                if fed == wire.len() {
                    d.on_eof().expect("on_eof");
                    assert!(d.is_done());
                    assert_eq!(d.step(&buf), Ok(Step::Done { consume: 0 }));
                    let truncated = d.truncated();
                    return Run {
                        payload,
                        end: End::Eof { truncated },
                    };
                }
                let n = rng
                    .as_mut()
                    .map_or(wire.len() - fed, |r| r.size(wire.len() - fed));
                buf.extend_from_slice(&wire[fed..fed + n]);
                fed += n;
            }
            Step::Done { consume } => {
                assert!(consume <= buf.len(), "Done consumes past the buffer");
                assert!(d.is_done());
                assert_eq!(d.remaining_hint(), Some(0));
                buf.drain(..consume);
                buf.extend_from_slice(&wire[fed..]);
                return Run {
                    payload,
                    end: End::Done(buf),
                };
            }
        }
    }
    panic!(
        "{framing:?}: no end after {limit} turns over {} bytes",
        wire.len()
    );
}

// ---- headers::apply --------------------------------------------------------

/// The modifier bits a selector byte turns on (bit 5 upward: raw bits).
fn modifiers(sel: u8) -> u32 {
    const BITS: [u32; 5] = [
        HTTP_ADDREQ_FLAG_ADD,
        HTTP_ADDREQ_FLAG_ADD_IF_NEW,
        HTTP_ADDREQ_FLAG_COALESCE_WITH_COMMA,
        HTTP_ADDREQ_FLAG_COALESCE_WITH_SEMICOLON,
        HTTP_ADDREQ_FLAG_REPLACE,
    ];
    let mut m = BITS
        .iter()
        .enumerate()
        .filter(|(i, _)| sel & (1 << i) != 0)
        .fold(0, |a, (_, b)| a | b);
    if sel & 0xE0 != 0 {
        m |= u32::from(sel).rotate_left(u32::from(sel % 32));
    }
    m
}

/// `HttpAddRequestHeaders`' rules, call after call. Input: segments split
/// at NUL, each a modifier byte then the header text. A failed call
/// changes nothing; a list that results never holds a name or value that
/// would break the request head.
pub fn headers(data: &[u8]) {
    let mut list: Vec<(String, String)> = Vec::new();
    for seg in data.split(|&b| b == 0) {
        let sel = seg.first().copied().unwrap_or(0);
        let text = String::from_utf8_lossy(seg.get(1..).unwrap_or(&[]));
        let before = list.clone();
        match apply_request_headers(&mut list, &text, modifiers(sel)) {
            Ok(()) => assert!(!text.is_empty()),
            Err(e) => {
                // InvalidParameter: a header added without a value, as
                // Windows refuses it (engine headers.rs).
                assert!(
                    matches!(
                        e,
                        Error::HttpInvalidHeader
                            | Error::HttpHeaderAlreadyExists
                            | Error::InvalidParameter
                    ),
                    "{e:?}"
                );
                assert_eq!(list, before, "a failed call changed the list");
            }
        }
        check_request_headers(&list);
    }
}

fn check_request_headers(list: &[(String, String)]) {
    for (n, v) in list {
        assert!(!n.is_empty(), "empty name");
        assert!(!n.contains([':', '\r', '\n']), "bad name {n:?}");
        assert!(!v.contains(['\r', '\n', '\0']), "bad value {v:?}");
    }
    let mut out = Vec::new();
    encode_request_head("GET", "/", "HTTP/1.1", list, &mut out)
        .expect("applied headers never break a line");
    let lines = out.windows(2).filter(|w| w == b"\r\n").count();
    assert_eq!(lines, list.len() + 2, "a header split the request head");
}

// ---- query_info ------------------------------------------------------------

/// `HttpQueryInfo` over a parsed head with arbitrary levels and indexes.
/// Input: a response head, NUL, request header text, NUL, then queries of
/// 6 bytes: level (u32 LE, its id folded toward the known ids unless the
/// top bit of byte 3 says raw), index byte, custom-name byte.
pub fn query(data: &[u8]) {
    let mut parts = data.splitn(3, |&b| b == 0);
    let head_bytes = parts.next().unwrap_or(&[]);
    let req_text = String::from_utf8_lossy(parts.next().unwrap_or(&[]));
    let queries = parts.next().unwrap_or(&[]);

    let mut wire = head_bytes.to_vec();
    wire.extend_from_slice(b"\r\n\r\n");
    let head = match parse_response_head(&wire) {
        Ok(Some((h, _))) => Some(h),
        _ => None,
    };
    let mut req = Vec::new();
    let _ = apply_request_headers(&mut req, &req_text, HTTP_ADDREQ_FLAG_ADD);
    let view = HeaderView {
        request_line: RequestLine {
            method: "GET",
            target: "/q?x",
            version: "HTTP/1.1",
        },
        request_headers: &req,
        response: head.as_ref(),
    };
    let names: Vec<&str> = head
        .iter()
        .flat_map(|h| h.headers().map(|(n, _)| n))
        .chain(req.iter().map(|(n, _)| n.as_str()))
        .collect();

    for q in queries.chunks(6) {
        let mut b = [0u8; 6];
        b[..q.len()].copy_from_slice(q);
        let raw = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        let level = if b[3] & 0x80 != 0 {
            raw
        } else {
            (raw & 0xF000_0000) | ((raw & 0xFFFF) % 100)
        };
        let start = u32::from(b[4]) | if b[4] == 0xFF { 0xFFFF_FF00 } else { 0 };
        let custom = match b[5] {
            0 => None,
            k if !names.is_empty() && k & 1 == 0 => Some(names[k as usize % names.len()]),
            k => Some(["", "x", "Content-Length", "\0", "é"][k as usize % 5]),
        };
        one_query(&view, level, custom, start);
    }
}

fn one_query(view: &HeaderView<'_>, level: u32, custom: Option<&str>, start: u32) {
    let mut index = start;
    let result = query_info(view, level, custom, &mut index);
    let id = level & 0xFFFF;
    match &result {
        Ok(answer) => {
            let want_number = level & HTTP_QUERY_FLAG_NUMBER != 0;
            let want_time = !want_number && level & HTTP_QUERY_FLAG_SYSTEMTIME != 0;
            match answer {
                Answer::Number(_) => assert!(want_number),
                Answer::Time(_) => assert!(want_time),
                Answer::Text(_) => assert!(!want_number && !want_time),
            }
            assert!(
                index == start || index == start.wrapping_add(1),
                "index {start} -> {index}"
            );
        }
        Err(e) => {
            assert_eq!(index, start, "a failure moved the index");
            assert!(
                matches!(
                    e,
                    Error::HttpHeaderNotFound
                        | Error::HttpInvalidQueryRequest
                        | Error::InvalidParameter
                        | Error::HttpInvalidHeader
                ),
                "{e:?}"
            );
        }
    }
    if id == HTTP_QUERY_RAW_HEADERS_CRLF && level & HTTP_QUERY_FLAG_NUMBER == 0 {
        if let Ok(Answer::Text(t)) = &result {
            assert!(t.ends_with("\r\n"));
        }
    }
    // Iterating a custom header by index visits each occurrence once (as
    // text: a value that is no number or date stops a converting query
    // there, with its error, and leaves the index where it was).
    let converts = HTTP_QUERY_FLAG_SYSTEMTIME | HTTP_QUERY_FLAG_NUMBER;
    if id == HTTP_QUERY_CUSTOM && level & converts == 0 {
        if let Some(name) = custom {
            let count = if level & HTTP_QUERY_FLAG_REQUEST_HEADERS != 0 {
                view.request_headers
                    .iter()
                    .filter(|(n, _)| n.eq_ignore_ascii_case(name))
                    .count()
            } else {
                view.response.map_or(0, |h| {
                    h.headers()
                        .filter(|(n, _)| n.eq_ignore_ascii_case(name))
                        .count()
                })
            };
            let mut i = 0;
            while query_info(view, level, custom, &mut i).is_ok() {
                assert!((i as usize) <= count, "index ran past {count}");
            }
            assert_eq!(i as usize, count, "{name:?}: {i} of {count} found");
        }
    }
}
