//! A scripted local HTTP/1.1 server for OpenINet's tests and `inet demo`.
//!
//! Std only, one thread per connection, bound to `127.0.0.1` (port 0 by
//! default). Every request is recorded ([`Server::requests`]) before it is
//! answered, so tests can check exactly what a client sent. Dropping the
//! [`Server`] stops it: the accept loop ends, every open connection is shut
//! down, and all threads are joined.
//!
//! ```no_run
//! let server = testserver::Server::start();
//! let url = server.url("/hello"); // "http://127.0.0.1:PORT/hello"
//! # let _ = url;
//! assert_eq!(server.connections(), 0);
//! ```
//!
//! # Reading requests
//!
//! A request head runs to its blank line (`CRLF CRLF`, or bare `LF`s); the
//! body is read by `Content-Length` or `Transfer-Encoding: chunked` (trailers
//! are read and discarded). HTTP/1.1 connections stay open unless the
//! request says `Connection: close`; HTTP/1.0 ones close unless it says
//! `Connection: keep-alive`. Pipelined requests are answered in order. A
//! request with `Expect: 100-continue` and a body gets `100 Continue` before
//! its body is read. An unparseable request gets `400` and the connection
//! closes.
//!
//! # Routes
//!
//! Chosen by path; a query string may carry parameters. Unless the table
//! says otherwise a response is `HTTP/1.1`, carries `Date` and
//! `Server: testserver`, is framed by `Content-Length`, adds
//! `Connection: close` (and then closes) when the client asked to close,
//! and omits its body for `HEAD` while keeping the length a GET would get.
//! "Closes" means a graceful FIN after the last byte.
//!
//! | Route | Response |
//! |---|---|
//! | `/hello` | 200, `Content-Type: text/plain`, body `"Hello, world!\n"` ([`HELLO_BODY`]); also `Last-Modified: Tue, 15 Nov 1994 08:12:31 GMT`, `Set-Cookie: a=1`, `Set-Cookie: b=2`, `X-Repeat: one`, `X-Repeat: two`, `x-MiXeD-Case: Value` |
//! | `/bytes/N` | 200, `application/octet-stream`, N bytes of the pattern (byte `i` = `i % 251`, see [`pattern`]), written 64 KiB at a time |
//! | `/chunked/N` | 200, the same N pattern bytes chunked: chunk sizes cycle through [`CHUNK_SIZES`] (1, 7, 100, 1000, 4096, 16384, 65536); the 2nd chunk has the extension `;ext=1;name="quoted value"`, the 4th spells its size in upper-case hex; `Trailer: X-Trailer` in the head and the trailer `X-Trailer: done` after the last chunk |
//! | `/close/N` | `HTTP/1.1 200`, `Connection: close`, no `Content-Length`, N pattern bytes, then closes (close-delimited body) |
//! | `/http10/N` | `HTTP/1.0 200 OK`, no `Content-Length`, N pattern bytes, then closes |
//! | `/lf-only` | exactly `"HTTP/1.1  200  OK\nContent-Length:5\nX-Spaced :  padded  \n\nhello"` (LF line ends, odd spacing); the connection stays open |
//! | `/status/NNN` | status NNN (200–999) with its standard reason phrase ([`reason_phrase`]; `Unknown` if unlisted) and body `"status NNN\n"`; 204 and 304 have no body and no `Content-Length`; 401 adds `WWW-Authenticate: Basic realm="testserver"`, 407 adds `Proxy-Authenticate: Basic realm="testserver"`; `?location=URL` adds `Location`. Other NNN → 400 |
//! | `/continue` | `HTTP/1.1 100 Continue`, then `HTTP/1.1 102 Processing`, then 200 with body `"after-continue"` |
//! | `/head-target` | 200, body `"head-target body\n"` ([`HEAD_TARGET_BODY`]); a HEAD gets `Content-Length: 17` and no body (as every route does) |
//! | `/slow/MS` | waits MS ms, then 200 with body `"slow\n"` |
//! | `/trickle/N?piece=P&ms=MS` | N pattern bytes with `Content-Length`, P bytes (default 4096) at a time, each after an MS ms pause (default 10) |
//! | `/slowbody/MS` | head at once with `Content-Length: 25`, then the body in 5 pieces `part1`…`part5` ([`SLOWBODY_PIECES`]), each after an MS ms pause |
//! | `/hang` | reads the request, never answers; holds the socket until the client closes or the server stops |
//! | `/reset` | reads the request, then closes with `SO_LINGER` 0 so the client sees RST (Linux; elsewhere a plain close) |
//! | `/truncated` | head with `Content-Length: 100`, 10 body bytes (`0123456789`), then closes |
//! | `/truncated-chunked` | chunked head, one whole chunk (`a` / `0123456789`), then the size line `10` and 3 of its 16 bytes, then closes |
//! | `/badchunk` | chunked head, one whole chunk (`5` / `hello`), then the malformed size line `zz` (and more that is never read), then closes |
//! | `/reset-body` | head with `Content-Length: 100`, 10 body bytes (`0123456789`), a 100 ms pause, then a close with `SO_LINGER` 0 (RST, as `/reset`) |
//! | `/malformed` | `"THIS IS NOT HTTP\r\n\r\n"`, then closes |
//! | `/garbage-status` | `"HTTP/1.1 abc OK\r\n\r\n"`, then closes |
//! | `/early/NNN` | answers before reading the request body: status NNN with `Connection: close` and body `"early\n"` (NNN = 0: nothing), then closes with `SO_LINGER` 0 (a client still sending sees a reset); recorded with an empty body |
//! | `/stall` | reads the head only: never the body, never an answer; holds the connection up to 30 s (or until the server stops), then resets it |
//! | `/close-immediately` | reads the request, closes without sending a byte |
//! | `/echo` | 200, `text/plain`, body = the raw request head (through its blank line) followed by the (de-chunked) request body |
//! | `/conn` | 200, body `"conn=<conn_id> seq=<seq_on_conn>"` |
//! | `/auth/basic/B64[/more...]` | 200 `"welcome\n"` when the request carries `Authorization: Basic B64`; else 401 with `WWW-Authenticate: Basic realm="testserver"` (segments after B64 only make other directories) |
//! | `/auth/proxy-basic/B64` | as a proxy would: 200 when `Proxy-Authorization: Basic B64`; else 407 with `Proxy-Authenticate: Basic realm="testproxy"` |
//! | `/auth/digest/ALG` | 401 `WWW-Authenticate: Digest realm="testserver", nonce="n0nce", qop="auth", algorithm=ALG, opaque="0paque"` until the request carries a Digest `Authorization` with that nonce, then 200 whose body is that header's value (the test checks the hash). `?stale=1`: the first challenge's nonce is `old`; an answer to it gets 401 again with nonce `fresh` and `stale=true`; an answer to `fresh` gets the 200 |
//! | `/auth/proxy-digest/ALG` | as a proxy would: 407 with `Proxy-Authenticate: Digest realm="testproxy", nonce="pn0nce", qop="auth", algorithm=ALG` until the request carries a Digest `Proxy-Authorization` with that nonce, then 200 whose body is that header's value |
//! | `/auth/ntlm[/MODE]` | NTLM, verified by `sspi` (see `ntlm_route.rs`): 401 `WWW-Authenticate: NTLM` until a Type 1, then 401 with the Type 2 on that connection, then 200 `"ntlm welcome <user> conn=<id>\n"` for a Type 3 proving [`NTLM_PASSWORD`] of [`NTLM_DOMAIN`]`\`[`NTLM_USER`] on the same connection, else 401 again. MODE `negotiate` offers `Negotiate` (NTLM tokens under it), `basic-first` offers `Basic` then `NTLM`, `close` sends the Type 2 with `Connection: close` and closes, `drop` closes on a Type 1 without answering, `garbage` / `truncated` send a Type 2 that is not base64 / cut to 20 bytes |
//! | `CONNECT 127.0.0.1:PORT` | a proxy asking for NTLM (407s as `/auth/proxy-ntlm`); once authenticated, `200 Connection established` and the bytes spliced to that port until either side closes |
//! | `/auth/proxy-ntlm[/MODE]` | as `/auth/ntlm`, as a proxy asks: `Proxy-Authorization` read, 407 with `Proxy-Authenticate` |
//! | `/auth/malformed` | 401 with `WWW-Authenticate: Digest realm="unterminated` (an unterminated quote) |
//! | `/keepalive-close` | 200 with `Connection: close` and body `"closing\n"`, then closes |
//! | `/redirect` | 302, `Location: /hello`; `?to=URL` changes the target, `?code=3xx` the status, `?cookie=C` adds `Set-Cookie: C` |
//! | `/redirects/N` | 302 to `/redirects/N-1`; `/redirects/0` is 200 `"arrived\n"` |
//! | `/loop` | 302 to `/loop`, for ever |
//! | `/encoded/KIND?n=N` | N pattern bytes (default 100000) with `Content-Encoding`: KIND `gzip`, `deflate` (zlib), `rawdeflate` (raw deflate sent as `deflate`), `br`; `truncated-gzip` sends half the gzip stream, `corrupt-deflate` a zlib header then junk (see `encoded.rs`) |
//! | `/big-headers` | 200 with `X-Big:` a value of 100 KiB of `x` ([`BIG_HEADER_LEN`]), body `"big\n"` |
//! | `/response-headers?Name=Value&…` | 200, body `"headers set\n"`, plus each query pair as a response header, in order |
//! | anything else | 404, body `"not found\n"` |
//!
//! Numeric path segments that do not parse give 400 `"expected a number\n"`.
//!
//! # The `testserver` binary
//!
//! `testserver [--port N] [--forever]` starts a server, prints `PORT=<n>`
//! on stdout, and serves until stdin reaches EOF (or forever with
//! `--forever`, or until killed). For the C and Wine test scripts.

mod auth_routes;
mod conn;
pub mod encoded;
pub mod ftp_script;
pub mod nginx;
mod ntlm_route;
mod pattern;
mod request;
mod respond;
mod routes;
mod server;
mod sock;
pub mod squid;
pub mod vsftpd;

pub use ntlm_route::{NTLM_DOMAIN, NTLM_PASSWORD, NTLM_USER};
pub use pattern::{pattern, pattern_byte, PATTERN_PERIOD};
pub use respond::{http_date, reason_phrase};
pub use routes::{BIG_HEADER_LEN, CHUNK_SIZES, HEAD_TARGET_BODY, HELLO_BODY, SLOWBODY_PIECES};
pub use server::{Recorded, Server};
