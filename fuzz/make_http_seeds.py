#!/usr/bin/env python3
"""Writes seeds/http_{head,body,headers,query}/ in the input layouts of
src/http.rs: hand-written responses a lenient or hostile server may send.
Rerun after adding cases; the seeds are committed. Crash inputs found by
fuzzing are added by hand as seeds/<target>/crash-*, never overwritten."""
import os, struct

here = os.path.dirname(os.path.abspath(__file__))

HEADS = [
    b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
    b"HTTP/1.1 200 OK\nContent-Length: 5\nX-B: b\n\n",
    b"HTTP/1.1 200\r\n\r\n",
    b"HTTP/1.1   201   Created  Now \r\n\r\n",
    b"HTTP/1.1 200 OK\r\nName : value \r\nNoColon\r\n: empty\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nX-F: a\r\n  b\r\n\tc\r\n\r\n",
    b"HTTP/1.1 200 OK\r\n \r\n\tfold-first\r\nA:\r\n x\r\n\r\n",
    b"HTTP/2.5 404 Not Found\r\n\r\n",
    b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nX: caf\xe9\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nX: a\x00b\r\n\x00: c\r\n\r\n",
    b"HTTP/1.1 99999 X\r\n\r\n",
    b"HTTP/1.1 200OK\r\n\r\n",
    b"HTTP/1 200 OK\r\n\r\n",
    b"HTTP/255.255 65535 \r\n\r\n",
    b"HTTP/256.0 200 OK\r\n\r\n",
    b"HTTP/1.1 200 OK\r\r\n\r\n",
    b"HTTP/1.1 200 OK\r\n\r\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nA: 1\r\nA: 2\r\na: 3\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
    b"HTTP/1.1 200 OK\r\n" + b"X: y\r\n" * 500 + b"\r\n",
    b"HTTP/1.1 200 OK\r\nLong: " + b"v" * 3000 + b"\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nDate: Mon, 01 Jan 2024 10:20:30 GMT\r\n\r\n",
    b"HTTP/",
    b"HTT",
    b"ICY 200 OK\r\n\r\n",
    b"\r\nHTTP/1.1 200 OK\r\n\r\n",
    b"HTTP/1.1 200 \xff\xfe\r\n\xc3\x28: \xe2\x82\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nA\r\n\r\n",
]

def body_input(framing_sel, length, seed, wire):
    return bytes([framing_sel]) + struct.pack("<Q", length) + seed + wire

BODIES = [
    (2, 0, b"5;foo=bar\r\nhello\r\n3 \r\nabc\r\n0\r\nTrailer: x\r\n\r\nNEXT"),
    (2, 0, b"5\nhello\n3\nabc\n0\n\n"),
    (2, 0, b"1A\r\n" + b"z" * 26 + b"\r\n0\r\n\r\n"),
    (2, 0, b"5\r\nhello\r\n"),
    (2, 0, b"8\r\nhello"),
    (2, 0, b"zz\r\nhello\r\n0\r\n\r\n"),
    (2, 0, b"-5\r\nhello\r\n"),
    (2, 0, b"FFFFFFFFFFFFFFFFFFFF\r\n"),
    (2, 0, b"FFFFFFFFFFFFFFFF\r\nabc"),
    (2, 0, b"5\r\nhelloXX3\r\n"),
    (2, 0, b"\r\n"),
    (2, 0, b" 5 \t;x\r\nhello\r\n0\r\n\r\n"),
    (2, 0, b"0\r\n\r\n"),
    (2, 0, b"0\r\nA: b\r\nC: d\r\n\r\nHTTP/1.1 200 OK\r\n\r\n"),
    (2, 0, b"1\r\na\r\n" * 100 + b"0\r\n\r\n"),
    (2, 0, b"5\r\nhel\x00o\r\n0\r\n\r\n"),
    (3, 0, b"00000000000000001\r\nx\r\n0\r\n\r\n"),
    (5, 5, b"helloHTTP/1.1"),
    (5, 10, b"hello"),
    (6, 1000, b"x" * 200),
    (7, 2**64 - 1, b"gigantic length, short body"),
    (7, 2**63, b""),
    (1, 0, b"until close"),
    (1, 0, b""),
    (0, 0, b"x"),
    (4, 0, b"4\r\nwiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\n\r\n"),
]

HEADER_CALLS = [
    [(0x01, b"X-A: 1"), (0x01, b"x-a: 2"), (0x00, b"X-A: 3"), (0x00, b"X-B: b")],
    [(0x02, b"X-C: c"), (0x10, b"X-A: r"), (0x11, b"X-D: d"), (0x10, b"X-C:")],
    [(0x04, b"X-B: b2"), (0x08, b"X-B: b3"), (0x05, b"X-B: b4"), (0x06, b"X-B: b5")],
    [(0x01, b"X-F: f\r\nX-G: g\r\n"), (0x01, b"X-H: h\nX-I: i"), (0x01, b"X-L: l\rX-M: m")],
    [(0x01, b"X-J: j\r\nbad line\r\nX-K: k"), (0x01, b"  X-N  :   n  ")],
    [(0x02, b"\r\nBlank:value\r\n\r\n"), (0x01, b"\r\n"), (0x01, b"")],
    [(0x01, b"NoColon"), (0x01, b":v"), (0x01, b"A:b:c"), (0x00, b"a: 2")],
    [(0x01, b"Authorization: Basic\r\nAuthorization: Other"), (0x10, b"authorization:\r\n")],
    [(0xff, b"X: \xff\xfe"), (0xe0, b"Y: y"), (0x1f, b"Z: z")],
    [(0x01, b"A: " + b"v" * 2000), (0x04, b"A: " + b"w" * 2000)],
    [(0x01, b"\t: x"), (0x01, b"X\x0b: y"), (0x01, b"\xc3\x28: z")],
]

def query_input(head, req, queries):
    out = head + b"\x00" + req + b"\x00"
    for level, index, custom in queries:
        out += struct.pack("<I", level) + bytes([index, custom])
    return out

CUSTOM, NUMBER, SYSTIME, REQ = 65535, 0x20000000, 0x40000000, 0x80000000
RAWQ = [(22, 0, 0), (21, 0, 0), (19, 0, 0), (20, 0, 0), (18, 0, 0), (45, 0, 0)]
QUERIES = [
    (HEADS[0], b"Host: h", RAWQ + [(5, 0, 0), (5 | NUMBER, 0, 0), (CUSTOM | 0x80000000 >> 0, 0, 2)]),
    (HEADS[18], b"Warning: w1\r\nwarning: w2", [(CUSTOM, 0, 2), (CUSTOM, 1, 2), (CUSTOM, 2, 2),
        (67 | REQ, 0, 0), (67 | REQ, 1, 0), (67 | REQ, 2, 0), (19 | REQ, 0, 0), (22 | REQ, 0, 0)]),
    (HEADS[23], b"", [(9 | SYSTIME, 0, 0), (9 | NUMBER, 0, 0), (9 | NUMBER | SYSTIME, 0, 0),
        (37 | SYSTIME, 0, 0)]),
    (b"garbage", b"X: y", RAWQ + [(CUSTOM, 0, 0), (CUSTOM, 0, 1), (CUSTOM, 255, 3)]),
    (HEADS[10], b"", RAWQ + [(CUSTOM, 0, 3), (CUSTOM, 0, 4), (CUSTOM, 0, 2)]),
    (HEADS[28], b"", RAWQ + [(CUSTOM, 0, 4), (0xFFFFFFFF, 0xFF, 9), (0x8000FFFF, 7, 6)]),
    (HEADS[21], b"", [(CUSTOM, 200, 2), (CUSTOM, 255, 2), (CUSTOM | NUMBER, 0, 2)]),
    (HEADS[19], b"", [(5 | NUMBER, 0, 0), (5, 0, 0), (63, 0, 0)]),
    (b"HTTP/1.1 200 OK\r\nX-N: 12abc\r\nX-M: -7\r\nX-O: 4294967296", b"",
        [(CUSTOM | NUMBER, 0, 2), (CUSTOM | NUMBER, 1, 2), (CUSTOM | NUMBER, 2, 2)]),
    (b"", b"", RAWQ + [(95, 0, 0), (96, 0, 0), (200, 0, 0), (CUSTOM, 0, 0)]),
]

def write(target, items):
    d = os.path.join(here, "seeds", target)
    os.makedirs(d, exist_ok=True)
    for name in os.listdir(d):
        if not name.startswith("crash-"):
            os.remove(os.path.join(d, name))
    for i, data in enumerate(items):
        with open(os.path.join(d, "%03d" % i), "wb") as f:
            f.write(data)

write("http_head", HEADS + [h + b"trailing body bytes" for h in HEADS[:8]])
bodies = []
for i, (sel, length, wire) in enumerate(BODIES):
    for seed in (b"\x00\x00\x00\x00", bytes([i, 7, 3, 1])):
        bodies.append(body_input(sel, length, seed, wire))
write("http_body", bodies)
write("http_headers", [b"\x00".join(bytes([m]) + t for m, t in calls) for calls in HEADER_CALLS]
      + [bytes([m]) + t for calls in HEADER_CALLS for m, t in calls])
write("http_query", [query_input(*q) for q in QUERIES]
      + [query_input(h, b"A: b", RAWQ + [(CUSTOM, 0, 2), (CUSTOM, 1, 4)]) for h in HEADS])
for t in ["http_head", "http_body", "http_headers", "http_query"]:
    print(t, len(os.listdir(os.path.join(here, "seeds", t))))
