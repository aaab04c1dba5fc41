#!/usr/bin/env python3
"""Writes seeds/<target>/ from tests/c/url/table.txt: each row's strings in
the input layout of src/lib.rs (flags byte, size byte, NUL-separated
strings). Rerun after the table grows; the seeds are committed."""
import os, random, re, shutil

here = os.path.dirname(os.path.abspath(__file__))
table = os.path.join(here, "..", "tests", "c", "url", "table.txt")

def unescape(s):
    if s == "\\N":
        return None
    out, i = bytearray(), 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            n = s[i + 1]
            if n in "tnr":
                out += {"t": b"\t", "n": b"\n", "r": b"\r"}[n]; i += 2; continue
            if n == "x" and re.match(r"[0-9a-fA-F]{2}", s[i + 2:i + 4]):
                out.append(int(s[i + 2:i + 4], 16)); i += 4; continue
            out += n.encode(); i += 2; continue
        out += c.encode(); i += 1
    return bytes(out)

seeds = {t: [] for t in ["crack", "canonicalize", "combine", "create", "time"]}
rng = random.Random(3)
for line in open(table, encoding="utf-8"):
    line = line.rstrip("\n")
    if not line or line.startswith("#"):
        continue
    f = line.split("\t")
    kind, rest = f[0], f[1:]
    size = bytes([rng.choice([0, 1, 5, 16, 64, 200, 255])])
    sel = bytes([rng.randrange(256)])
    if kind == "crack":
        seeds["crack"].append(sel + size + (unescape(rest[1]) or b""))
    elif kind == "canon":
        seeds["canonicalize"].append(sel + size + (unescape(rest[1]) or b""))
    elif kind == "combine":
        seeds["combine"].append(sel + size + (unescape(rest[1]) or b"") + b"\0" + (unescape(rest[2]) or b""))
    elif kind == "create":
        strs = [rest[1], rest[3], rest[5], rest[6], rest[7], rest[8] if len(rest) > 8 else ""]
        nulls = sum(1 << i for i, s in enumerate(strs) if s == "\\N")
        body = b"\0".join(unescape(s) or b"" for s in strs)
        seeds["create"].append(bytes([nulls]) + size + body)
    elif kind == "totime":
        seeds["time"].append(sel + size + (unescape(rest[0]) or b""))
    elif kind == "fromtime":
        words = [int(x) for x in rest[:7]] + [0]
        seeds["time"].append(b"".join(w.to_bytes(2, "little") for w in words))

out = os.path.join(here, "seeds")
shutil.rmtree(out, ignore_errors=True)
for t, items in seeds.items():
    os.makedirs(os.path.join(out, t))
    for i, data in enumerate(items):
        with open(os.path.join(out, t, f"{i:03}"), "wb") as fh:
            fh.write(data)
    print(t, len(items))
