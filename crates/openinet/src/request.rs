//! An HTTP request handle: what `HttpOpenRequest` makes, `HttpSendRequest`
//! sends and `InternetReadFile` reads.
//!
//! `send` is the whole exchange in one function, in WinINet's order: take a
//! pooled connection or resolve and connect, send, receive the head (1xx
//! skipped). Each step emits its status where it happens, so the trace
//! order reads off the code.

use crate::consts;
use crate::http::body::{self, BodyDecoder, Framing, Step};
use crate::http::conn::{self, Conn, PoolKey};
use crate::http::h1::{self, ResponseHead};
use crate::http::{headers, query, redirect};
use crate::session::{Connection, Timeouts};
use crate::status::{Status, StatusSink};
use crate::tls::{self, Checks, Waivers};
use crate::Error;
use std::time::Duration;

mod decoding;
/// Answering 401 and 407: the request's credentials and the hooks `send` calls.
#[path = "request_auth.rs"]
mod request_auth;
pub use request_auth::CredentialField;

mod upload;

/// Reads of at least this size go straight from the socket into the
/// caller's buffer when nothing is buffered (one copy fewer).
const DIRECT_READ_MIN: usize = 8 * 1024;
/// On close, an unread body up to this size is drained so the connection can be reused.
const DRAIN_LIMIT: u64 = 1024 * 1024;
const DRAIN_TIME: Duration = Duration::from_secs(5);

/// An HTTP request and, once sent, its response.
pub struct Request {
    key: PoolKey,
    method: String,
    target: String,
    version: String,
    /// The request headers, in order: before a send, the application's
    /// (with Accept and Referer from `HttpOpenRequest`); after it, as sent.
    headers: Vec<(String, String)>,
    /// What `send` adds of its own: `User-Agent` (empty: none) and `Host`.
    user_agent: String,
    host_header: String,
    flags: u32,
    /// Timeouts for this request; the C layer updates them from options.
    pub timeouts: Timeouts,
    /// The `SECURITY_FLAG_IGNORE_*` flags set (they only accumulate).
    security_flags: u32,
    /// `_SECURITY_FLAG_CERT_*` bits of the certificate checks sends failed.
    cert_errors: u32,
    /// `INTERNET_OPTION_ERROR_MASK`.
    error_mask: u32,
    /// The last send went through a TLS connection.
    secure_channel: bool,
    /// The certificate the last exchange's server presented: kept after a
    /// handshake that refused it, as WinINet reports it then too.
    server_cert: Option<std::sync::Arc<tls::ServerCertificate>>,
    sink: Option<StatusSink>,
    exchange: Option<Exchange>,
    /// Bytes a body read got from the network, once it went there: the
    /// RESPONSE_RECEIVED payload.
    net_received: Option<usize>,
    /// Where the current read stood (bytes already in the caller's buffer)
    /// when it first went to the network.
    net_start: Option<usize>,
    /// Body bytes a read received beyond what it delivered: WinINet reads
    /// only what a read asks for, so it reports these when a later read
    /// takes them (RECEIVING_RESPONSE, RESPONSE_RECEIVED), not at once.
    /// Bytes that came with the head, or to a wait for data
    /// (InternetQueryDataAvailable, IRF_NO_WAIT), are not among them.
    unreported: usize,
    /// Of `unreported`, what the current read has taken from the buffer.
    taken_unreported: usize,
    /// `INTERNET_OPTION_HTTP_DECODING` (see `request/decoding.rs`).
    decoding: bool,
    /// Compressed bytes on their way to the decoder; kept between reads.
    decode_scratch: Vec<u8>,
    /// `url()`, readable while an operation holds the request (a redirect
    /// changes it mid-send, and WinINet answers INTERNET_OPTION_URL then).
    url_now: std::sync::Arc<std::sync::Mutex<String>>,
    /// The proxy settings in force (`None`: direct), and what the last
    /// send made of them: the request line's absolute-form target when it
    /// went to a proxy as plain http (what HTTP_QUERY_FLAG_REQUEST_HEADERS
    /// shows).
    proxy: Option<std::sync::Arc<crate::proxy::ProxyConfig>>,
    wire_target: Option<String>,
    /// Credentials for the server and for the proxy (InternetConnect, the
    /// URL, INTERNET_OPTION_USERNAME and the like); the proxy's own URL
    /// may carry some too (`route_credentials`).
    pub(crate) auth: request_auth::AuthSettings,
    /// A body being written (`HttpSendRequestEx` until `HttpEndRequest`).
    upload: Option<upload::Upload>,
    /// The connection an NTLM leg went on, kept for the next leg (see
    /// `request_auth`): never pooled in between.
    held: Option<Conn>,
    /// An upload (`send_ex` .. `end_request`) whose challenge was answered:
    /// `end_request` asked for the upload again (ERROR_INTERNET_FORCE_RETRY)
    /// and the next `send_ex` carries the answer. Its attempts keep a wrong
    /// password from asking forever.
    upload_rounds: Option<request_auth::Rounds>,
}

/// A response being received over a connection.
struct Exchange {
    /// `None` once the connection went back to the pool or was closed.
    conn: Option<Conn>,
    head: ResponseHead,
    decoder: BodyDecoder,
    reusable: bool,
    /// Set while a future works on `conn`; still set afterwards means the
    /// future was dropped mid-I/O (cancelled), so the stream is unusable.
    in_io: bool,
    /// Closing this connection is reported (CLOSING_CONNECTION /
    /// CONNECTION_CLOSED); see [`reports_close`].
    reports_close: bool,
    /// The error that broke the body (a malformed chunk, a failed network
    /// read). It sticks: every later read and availability check gives it,
    /// never a clean end, until the request is sent again. Bytes received
    /// before it are delivered first (issue 9, defects 8-9).
    failed: Option<Error>,
    /// The body's content decoder, when it is decoded (`http/decode.rs`).
    content: Option<crate::http::decode::ContentDecoder>,
    /// A proxy's 407 to CONNECT on a connection it keeps open: never
    /// pooled, but an NTLM leg may go on (`hold_connection_for_next_leg`).
    bound_tunnel: bool,
}

impl Exchange {
    /// A response whose body is over and whose connection is gone.
    fn ended(head: ResponseHead) -> Exchange {
        Exchange {
            conn: None,
            head,
            decoder: BodyDecoder::new(Framing::Empty),
            reusable: false,
            in_io: false,
            reports_close: false,
            failed: None,
            content: None,
            bound_tunnel: false,
        }
    }
}

/// What `INTERNET_OPTION_DIAGNOSTIC_SOCKET_INFO` reports of a request's
/// connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SocketInfo {
    pub socket: usize,
    pub local_port: u16,
    pub remote_port: u16,
    pub keep_alive: bool,
    pub secure: bool,
}

/// Whether WinINet reports closing the connection of this response. An
/// HTTP/1.1 body delimited by the server's close, without
/// `Connection: close`, ends silently: at its end, and when its handle is
/// closed before (Wine's http.c test_http_read, checked on Windows, sees
/// neither); every other connection that closes is reported (a
/// `Connection: close` response at its end or at handle close, a cut
/// Content-Length body at handle close: test_http_read and
/// test_connection_break).
fn reports_close(head: &ResponseHead, framing: &Framing) -> bool {
    let says_close = has_token(head.headers(), &["Connection"], "close");
    !(matches!(framing, Framing::UntilClose) && head.version >= (1, 1) && !says_close)
}

/// Whether one of the `names` headers among `fields` lists `token`.
fn has_token<'a>(
    mut fields: impl Iterator<Item = (&'a str, &'a str)>,
    names: &[&str],
    token: &str,
) -> bool {
    fields.any(|(n, v)| {
        names.iter().any(|name| n.eq_ignore_ascii_case(name))
            && v.split(',').any(|t| t.trim().eq_ignore_ascii_case(token))
    })
}

impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("url", &self.url())
            .field("status", &self.status_code())
            .finish()
    }
}

impl Request {
    pub(crate) fn new(
        conn: &Connection,
        verb: &str,
        object: &str,
        version: Option<&str>,
        referrer: Option<&str>,
        accept_types: &[String],
        flags: u32,
    ) -> Result<Request, Error> {
        let method = if verb.is_empty() { "GET" } else { verb };
        if method.bytes().any(|b| b <= b' ' || b >= 0x7f) {
            return Err(Error::InvalidParameter);
        }
        let target = request_target(object);
        // No caller string may end a line of the head early: a CR, LF or
        // NUL in any of them is a bad parameter (the head's writer refuses
        // them too; see `h1::encode_request_head`).
        let breaks_line = |s: &str| s.bytes().any(h1::ends_a_line);
        if breaks_line(&target)
            || version.is_some_and(breaks_line)
            || referrer.is_some_and(breaks_line)
            || accept_types.iter().any(|t| breaks_line(t))
        {
            return Err(Error::InvalidParameter);
        }
        let version = match version {
            None | Some("") => "HTTP/1.1".to_string(),
            Some(v) => v.to_string(),
        };
        let secure = flags & consts::INTERNET_FLAG_SECURE != 0;
        // Accept and Referer are request headers from the start; what
        // WinINet adds itself comes at send time (see `own_headers`).
        let mut headers = Vec::new();
        let accept: Vec<&str> = accept_types
            .iter()
            .map(String::as_str)
            .filter(|t| !t.is_empty())
            .collect();
        if !accept.is_empty() {
            headers.push(("Accept".to_string(), accept.join(", ")));
        }
        if let Some(r) = referrer.filter(|r| !r.is_empty()) {
            headers.push(("Referer".to_string(), r.to_string()));
        }
        let default_port = if secure { 443 } else { 80 };
        let host_header = if conn.port == default_port {
            conn.host.clone()
        } else {
            format!("{}:{}", conn.host, conn.port)
        };
        let request = Request {
            key: PoolKey {
                host: conn.host.to_ascii_lowercase(),
                port: conn.port,
                secure,
                waivers: Waivers::from_flags(flags, 0),
                proxy: None,
            },
            method: method.to_string(),
            target,
            version,
            headers,
            user_agent: conn.user_agent.clone(),
            host_header,
            flags,
            timeouts: conn.timeouts,
            // The request's own INTERNET_FLAG_IGNORE_CERT_* show among its
            // security flags, whose bits they share (as in Wine).
            security_flags: flags
                & (consts::INTERNET_FLAG_IGNORE_CERT_CN_INVALID
                    | consts::INTERNET_FLAG_IGNORE_CERT_DATE_INVALID),
            cert_errors: 0,
            error_mask: 0,
            secure_channel: false,
            server_cert: None,
            sink: None,
            exchange: None,
            net_received: None,
            net_start: None,
            unreported: 0,
            taken_unreported: 0,
            decoding: false,
            decode_scratch: Vec::new(),
            url_now: Default::default(),
            proxy: conn.proxy.clone(),
            wire_target: None,
            auth: request_auth::AuthSettings::from_connection(conn),
            upload: None,
            held: None,
            upload_rounds: None,
        };
        request.note_url();
        Ok(request)
    }

    /// The proxy settings the next send follows (`None`: connect directly).
    pub fn set_proxy(&mut self, proxy: Option<std::sync::Arc<crate::proxy::ProxyConfig>>) {
        self.proxy = proxy;
    }

    /// Decides this send's route: the pool key's proxy, and the request
    /// line's target (absolute-form for plain http through a proxy).
    fn choose_route(&mut self) -> Result<(), Error> {
        use crate::proxy::Route;
        let route = match &self.proxy {
            Some(p) => p.route(self.key.secure, &self.key.host, self.key.port),
            None => Route::Direct,
        };
        self.wire_target = None;
        self.key.proxy = match route {
            Route::Direct => None,
            Route::SocksOnly => return Err(Error::NotImplemented),
            Route::Via(server) => {
                self.auth.route_credentials =
                    server
                        .username
                        .clone()
                        .map(|username| crate::auth::Credentials {
                            username,
                            password: server.password.clone().unwrap_or_default(),
                        });
                if !self.key.secure && !is_absolute_target(&self.target) {
                    self.wire_target = Some(format!("http://{}{}", self.host_header, self.target));
                }
                Some((server.host, server.port))
            }
        };
        Ok(())
    }

    /// Where status events of this request's operations go.
    pub fn set_status_sink(&mut self, sink: Option<StatusSink>) {
        self.sink = sink;
    }

    /// Delivers this request's status events to a stream instead of a
    /// closure: the receiver yields them in order.
    pub fn status_stream(&mut self) -> tokio::sync::mpsc::UnboundedReceiver<Status> {
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        self.sink = Some(std::sync::Arc::new(move |s| {
            let _ = tx.send(s);
        }));
        rx
    }

    pub fn method(&self) -> &str {
        &self.method
    }

    /// Sets the `SECURITY_FLAG_*` option (`INTERNET_OPTION_SECURITY_FLAGS`):
    /// the certificate checks a TLS connection may waive. As in WinINet,
    /// flags add to those already set, and bits other than the settable
    /// ones (`SECURITY_SET_MASK`) are ignored (Wine's tests, checked on
    /// Windows, set two flags one after the other and read back both).
    pub fn set_security_flags(&mut self, security_flags: u32) {
        self.security_flags |= security_flags & consts::SECURITY_SET_MASK;
        self.key.waivers = Waivers::from_flags(self.flags, self.security_flags);
    }

    /// The `SECURITY_FLAG_*` option as WinINet reports it: the flags set;
    /// `SECURITY_FLAG_SECURE` and `SECURITY_FLAG_STRENGTH_STRONG` once a
    /// send went through TLS (not before, nor after a failed one: Wine's
    /// test_security_flags asserts 0 on a fresh https request, and no
    /// SECURE after a certificate failure); and the `_SECURITY_FLAG_CERT_*`
    /// bits of the certificate checks that failed sends (they stay after a
    /// successful retry, as that test asserts).
    pub fn security_flags(&self) -> u32 {
        let secure = if self.secure_channel {
            // Every suite rustls offers has a key of 128 bits or more.
            consts::SECURITY_FLAG_SECURE | consts::SECURITY_FLAG_STRENGTH_STRONG
        } else {
            0
        };
        self.security_flags | self.cert_errors | secure
    }

    /// The certificate the server of the last exchange presented (with the
    /// TLS session, when the handshake completed), also after a handshake
    /// that refused it; `None` before a send, over plain http, and when
    /// the connection failed before a certificate came.
    pub fn server_certificate(&self) -> Option<std::sync::Arc<tls::ServerCertificate>> {
        self.server_cert.clone()
    }

    /// Sets `INTERNET_OPTION_ERROR_MASK`. With
    /// `INTERNET_ERROR_MASK_COMBINED_SEC_CERT`, a certificate failing
    /// several checks fails with `ERROR_INTERNET_SEC_CERT_ERRORS` and the
    /// security flags report each failed check.
    pub fn set_error_mask(&mut self, mask: u32) {
        self.error_mask = mask;
    }

    pub fn error_mask(&self) -> u32 {
        self.error_mask
    }

    /// The error of a connect whose certificate failed `failed` (checks not
    /// waived), and what the security flags learn from it.
    ///
    /// Without the combined mask the error is the first failed check's and
    /// the flags learn nothing; with it, several failures are
    /// `ERROR_INTERNET_SEC_CERT_ERRORS` and each sets its bit. That is
    /// Wine's behaviour (run here against a self-signed server); Wine's
    /// tests check only the masked case on Windows.
    fn certificate_failure(&mut self, error: Error, failed: Checks) -> Error {
        if failed.is_empty() || self.error_mask & consts::INTERNET_ERROR_MASK_COMBINED_SEC_CERT == 0
        {
            return error;
        }
        self.cert_errors |= failed.flag_bits();
        if failed.len() > 1 {
            Error::SecCertErrors
        } else {
            error
        }
    }

    /// The `INTERNET_FLAG_*` flags the request was opened with.
    pub fn flags(&self) -> u32 {
        self.flags
    }

    /// The request's URL, as `INTERNET_OPTION_URL` reports it.
    pub fn url(&self) -> String {
        if is_absolute_target(&self.target) {
            return self.target.clone();
        }
        let (scheme, default) = if self.key.secure {
            ("https", 443)
        } else {
            ("http", 80)
        };
        if self.key.port == default {
            format!("{scheme}://{}{}", self.key.host, self.target)
        } else {
            format!(
                "{scheme}://{}:{}{}",
                self.key.host, self.key.port, self.target
            )
        }
    }

    /// The request's URL as a cell that stays readable while an operation
    /// holds the request (see `url_now`).
    pub fn shared_url(&self) -> std::sync::Arc<std::sync::Mutex<String>> {
        self.url_now.clone()
    }

    fn note_url(&self) {
        let url = self.url();
        if let Ok(mut cell) = self.url_now.lock() {
            *cell = url;
        }
    }

    /// Adds or changes request headers with `HTTP_ADDREQ_FLAG_*` modifiers.
    pub fn add_headers(&mut self, text: &str, modifiers: u32) -> Result<(), Error> {
        headers::apply(&mut self.headers, text, modifiers)
    }

    /// The response head, once the request was sent.
    pub fn response(&self) -> Option<&ResponseHead> {
        self.exchange.as_ref().map(|e| &e.head)
    }

    pub fn status_code(&self) -> Option<u16> {
        self.response().map(|h| h.status)
    }

    /// `HttpQueryInfo`: a header, status or request detail.
    pub fn query_info(
        &self,
        info_level: u32,
        custom: Option<&str>,
        index: &mut u32,
    ) -> Result<query::Answer, Error> {
        // Between HttpSendRequestEx and HttpEndRequest there is no response
        // to ask about (Wine's http.c test_async_HttpSendRequestEx,
        // checked on Windows: ERROR_INTERNET_INCORRECT_HANDLE_STATE).
        if self.upload.is_some() && info_level & consts::HTTP_QUERY_FLAG_REQUEST_HEADERS == 0 {
            return Err(Error::IncorrectHandleState);
        }
        let view = query::HeaderView {
            request_line: query::RequestLine {
                method: &self.method,
                target: self.wire_target.as_deref().unwrap_or(&self.target),
                version: &self.version,
            },
            request_headers: &self.headers,
            response: self.response(),
        };
        query::query_info(&view, info_level, custom, index)
    }

    fn emit(&self, status: Status) {
        emit_to(&self.sink, status);
    }

    /// Sends the request (`HttpSendRequest`): `extra_headers` are added
    /// (replacing same-named ones) and `body` follows the head.
    ///
    /// A 401 or 407 the request has credentials for is answered here, on
    /// the same or a new connection (see `request_auth`), and redirects are
    /// followed as WinINet follows them (`http::redirect`): the caller sees
    /// only the final response.
    ///
    /// The body is written from the caller's memory: a small one (up to
    /// `upload::INLINE_MAX`) is copied once behind the head so both leave
    /// in one write; a larger one goes to the socket from `body` itself, in
    /// pieces, without a copy. `body` stays borrowed for the whole call, so
    /// each round (an answered challenge, a redirect that keeps the body:
    /// 307/308) writes it again from the same slice.
    pub async fn send(
        &mut self,
        extra_headers: Option<&str>,
        body: impl AsRef<[u8]>,
    ) -> Result<(), Error> {
        let mut body: &[u8] = body.as_ref();
        self.apply_extra_headers(extra_headers)?;
        // No URL cache yet: a request that may only be served from it
        // finds nothing there. Windows then fails the send with
        // ERROR_FILE_NOT_FOUND and sends nothing (Wine's http.c
        // test_cache_read, on Windows; Wine itself still sends).
        if self.flags & consts::INTERNET_FLAG_FROM_CACHE != 0 {
            return Err(Error::FileNotFound);
        }
        self.upload_rounds = None;
        // --- redirects (http/redirect.rs) ---
        let asked_headers = self.headers.clone();
        let mut followed = 0;
        let mut last_redirect = None;
        let mut rounds = request_auth::Rounds::default();
        self.forget_finished_handshakes();
        self.add_preemptive_basic();
        loop {
            if let Err(e) = self.send_once(body).await {
                // A redirect that fails leaves its 3xx as the response (as
                // Wine 8 does: run here against a refused port).
                if let (None, Some(head)) = (&self.exchange, last_redirect) {
                    self.exchange = Some(Exchange::ended(head));
                }
                return Err(e);
            }
            if self.answer_challenge(&mut rounds) {
                if rounds.connection_bound() {
                    self.hold_connection_for_next_leg().await;
                }
                continue;
            }
            let Some(hop) = self.redirect_hop(followed)? else {
                break;
            };
            followed += 1;
            if !hop.keeps_body {
                body = &[];
            }
            // The 3xx body is dropped first, so its connection can carry
            // the next request when the host stays the same.
            self.finish_old_body().await;
            self.release_connection_keeping_head(&mut last_redirect);
            self.emit(Status::Redirect(hop.url.clone()));
            self.move_to(hop, &asked_headers);
            // The next server's challenges are answered afresh.
            rounds = request_auth::Rounds::default();
            self.add_preemptive_basic();
        }
        self.remember_accepted_basic(&rounds);
        Ok(())
    }

    /// `release_connection`, keeping the response head in `head`.
    /// A connection the 3xx closes is reported closing (CLOSING_CONNECTION,
    /// CONNECTION_CLOSED) before REDIRECT, as Wine 8 does (run here with a
    /// `Connection: close` 302); a kept-alive one goes back to the pool.
    fn release_connection_keeping_head(&mut self, head: &mut Option<ResponseHead>) {
        *head = self.exchange.as_ref().map(|e| e.head.clone());
        self.release_connection(true);
    }

    /// Where the response just received redirects this request, if WinINet
    /// would follow it; an error when it would fail the send instead.
    fn redirect_hop(&self, followed: u32) -> Result<Option<redirect::Hop>, Error> {
        let Some(head) = self.response() else {
            return Ok(None);
        };
        // Most responses are no redirect: decided before the URL is built.
        if self.flags & consts::INTERNET_FLAG_NO_AUTO_REDIRECT != 0
            || !redirect::is_followed_status(head.status)
        {
            return Ok(None);
        }
        let location = head
            .headers()
            .find(|(n, _)| n.eq_ignore_ascii_case("Location"))
            .map(|(_, v)| v);
        redirect::next_hop(
            head.status,
            location,
            &self.url(),
            &self.method,
            self.flags,
            followed,
        )
    }

    /// Points this request at a redirect's target: verb, server, path, and
    /// the headers the application asked for (`asked`) without those that
    /// described the old server or a dropped body.
    fn move_to(&mut self, hop: redirect::Hop, asked: &[(String, String)]) {
        let t = hop.target;
        if t.secure {
            self.flags |= consts::INTERNET_FLAG_SECURE;
        } else {
            self.flags &= !consts::INTERNET_FLAG_SECURE;
        }
        let default_port = if t.secure { 443 } else { 80 };
        self.host_header = if t.port == default_port {
            t.host.clone()
        } else {
            format!("{}:{}", t.host, t.port)
        };
        self.key = PoolKey {
            host: t.host.to_ascii_lowercase(),
            port: t.port,
            secure: t.secure,
            waivers: Waivers::from_flags(self.flags, self.security_flags),
            // The route is chosen again for the new server (`choose_route`).
            proxy: None,
        };
        self.target = t.path;
        self.note_url();
        let dropped = !hop.keeps_body;
        self.method = hop.method;
        self.headers = asked
            .iter()
            .filter(|(n, _)| {
                let stale = n.eq_ignore_ascii_case("Host")
                    || (dropped
                        && (n.eq_ignore_ascii_case("Content-Length")
                            || n.eq_ignore_ascii_case("Transfer-Encoding")));
                !stale
            })
            .cloned()
            .collect();
    }

    /// `HttpSendRequest`'s headers argument: added, replacing same-named ones.
    fn apply_extra_headers(&mut self, extra_headers: Option<&str>) -> Result<(), Error> {
        if let Some(text) = extra_headers.filter(|t| !t.is_empty()) {
            headers::apply(
                &mut self.headers,
                text,
                consts::HTTP_ADDREQ_FLAG_ADD | consts::HTTP_ADDREQ_FLAG_REPLACE,
            )?;
        }
        Ok(())
    }

    /// What every exchange does before it writes: the old response's rest
    /// taken or its connection let go (and an unfinished upload's), the
    /// stored cookies added, the route chosen.
    async fn prepare_exchange(&mut self) -> Result<(), Error> {
        self.finish_old_body().await;
        self.release_connection(false);
        self.secure_channel = false;
        self.server_cert = None;
        self.add_stored_cookies();
        self.choose_route()
    }

    /// One exchange: connect (or reuse), send, receive the head.
    async fn send_once(&mut self, body: &[u8]) -> Result<(), Error> {
        self.prepare_exchange().await?;
        let mut wire = self.wire_head(body.len() as u64)?;
        let rest = upload::inline_small(&mut wire, body);
        // An NTLM leg goes on the connection the last one went on.
        let mut way = self.reserve_connection(true).await?;
        loop {
            let (mut conn, reused) = match self.write_head(&mut way, &wire, rest).await? {
                Written::Refused => return Ok(()),
                Written::On(conn, reused) => (conn, reused),
            };
            self.emit(Status::ReceivingResponse);
            let (head, head_len) = match read_head(&mut conn, self.timeouts.receive).await {
                Ok(h) => h,
                Err(HeadError::ClosedEarly(_)) if reused => continue,
                Err(HeadError::ClosedEarly(e) | HeadError::Failed(e)) => {
                    self.close_connection(conn);
                    return Err(e);
                }
            };
            if let Some(slot) = &way.slot {
                slot.note_version(head.version);
            }
            conn.slot = way.slot.take();
            self.take_response(conn, head, head_len, true);
            self.secure_channel = self.key.secure;
            return Ok(());
        }
    }

    /// What a send needs before its first write: a place under the
    /// per-server limit (it may wait; what the wait leaves of the connect
    /// timeout is the connect's), and the connection to try first: the one
    /// an NTLM handshake holds (`use_held`), else a pooled one.
    pub(super) async fn reserve_connection(&mut self, use_held: bool) -> Result<Way, Error> {
        let (slot, connect_timeout) =
            crate::http::conn_limit::acquire(&self.key, self.timeouts.connect).await?;
        let held = if use_held {
            self.held.take().filter(|c| c.key == self.key)
        } else {
            None
        };
        Ok(Way {
            slot: Some(slot),
            connect_timeout,
            first: held.or_else(|| conn::checkout(&self.key)),
        })
    }

    /// Writes the request head and the body's start (`wire`, `rest`) on a
    /// connection: the reserved one, else a new one. A pooled connection
    /// the server closed while it was idle is found before sending and
    /// dropped silently: Windows reports no CLOSING_CONNECTION for it
    /// (Wine's http.c test_http_read opens a request after the server
    /// closed the pooled connection and expects only the new connection's
    /// statuses, on Windows). One the server closes as the request goes
    /// out fails at once; one fresh retry makes that invisible, as in
    /// WinINet. `Written::On` says whether the connection was reused, so a
    /// caller may retry once more when the answer never comes.
    pub(super) async fn write_head(
        &mut self,
        way: &mut Way,
        wire: &[u8],
        rest: &[u8],
    ) -> Result<Written, Error> {
        loop {
            let (mut conn, reused) = self.connection(&mut way.first, way.connect_timeout).await?;
            if let Some(refusal) = conn.tunnel_refusal.take() {
                let (head, head_len) = *refusal;
                // The proxy's 407 to CONNECT is this request's response
                // (for an upload: there is none, and HttpEndRequest finds
                // none).
                conn.slot = way.slot.take();
                self.take_response(conn, head, head_len, false);
                return Ok(Written::Refused);
            }
            self.emit(Status::SendingRequest);
            if let Err(e) = upload::write_request(&mut conn, wire, rest, self.timeouts.send).await {
                if reused {
                    continue;
                }
                self.close_connection(conn);
                return Err(e);
            }
            self.emit(Status::RequestSent((wire.len() + rest.len()) as u32));
            return Ok(Written::On(conn, reused));
        }
    }

    /// NTLM: reads the challenge's body to its end and keeps its
    /// connection for the next leg, out of the pool (WinINet drains the
    /// body, blocking, before it answers). A connection the server closes
    /// is not kept: the next leg opens another.
    async fn hold_connection_for_next_leg(&mut self) {
        let Some(ex) = self.exchange.as_mut() else {
            return;
        };
        if !(ex.reusable || ex.bound_tunnel) || ex.in_io {
            return;
        }
        let tunnel = ex.bound_tunnel;
        let read_to_end = async {
            loop {
                if discard_buffered(ex)? {
                    return Some(());
                }
                if ex.conn.as_mut()?.fill(None).await.ok()? == 0 {
                    return None;
                }
            }
        };
        let timeout = self.timeouts.receive.unwrap_or(DRAIN_TIME);
        if let Ok(Some(())) = tokio::time::timeout(timeout, read_to_end).await {
            if let Some(mut conn) = ex.conn.take() {
                // Its place under the per-server limit is taken again by
                // the next leg's send.
                conn.slot = None;
                conn.awaiting_tunnel = tunnel;
                self.held = Some(conn);
            }
        }
    }

    /// A connection for the next exchange: the pooled one if any (`true`:
    /// reused), else a new one on the chosen route, resolved and connected
    /// with statuses. `connect_timeout`: what the wait for a place under
    /// the per-server limit left of the connect timeout.
    async fn connection(
        &mut self,
        pooled: &mut Option<Conn>,
        connect_timeout: Option<Duration>,
    ) -> Result<(Conn, bool), Error> {
        if let Some(mut conn) = pooled.take() {
            if conn.awaiting_tunnel {
                // NTLM's next leg to the proxy: CONNECT again on it.
                let ask = crate::proxy::tunnel::TunnelAsk {
                    user_agent: self.user_agent.clone(),
                    authorization: self.auth.proxy_authorization.clone(),
                };
                let resumed = Box::pin(conn.resume_tunnel(&ask, connect_timeout));
                return self.fresh_connection(tls::observe(resumed).await);
            }
            conn.uses += 1;
            self.server_cert = conn.server_cert.clone();
            return Ok((conn, true));
        }
        let sink = self.sink.clone();
        let emit = move |s: Status| {
            if let Some(sink) = &sink {
                sink(s)
            }
        };
        // Boxed: connecting (with its TLS handshake) is the rare path, and
        // inline it would make every send's state as large as a handshake's.
        let ask = crate::proxy::tunnel::TunnelAsk {
            user_agent: self.user_agent.clone(),
            authorization: self.auth.proxy_authorization.clone(),
        };
        let open = Box::pin(Conn::open(self.key.clone(), connect_timeout, &emit, &ask));
        self.fresh_connection(tls::observe(open).await)
    }

    /// A connection just opened (or a tunnel just resumed), with what its
    /// TLS handshake saw: the certificate is the request's either way, and
    /// a refused one names the error.
    fn fresh_connection(
        &mut self,
        (opened, seen): (Result<Conn, Error>, tls::Observed),
    ) -> Result<(Conn, bool), Error> {
        match opened {
            Ok(mut conn) => {
                conn.uses += 1;
                self.server_cert = conn.server_cert.clone();
                Ok((conn, false))
            }
            Err(e) => {
                self.server_cert = seen.presented;
                Err(self.certificate_failure(e, seen.failed))
            }
        }
    }

    /// Makes `head`, received on `conn`, the request's response; its body
    /// is read from `conn`. `may_reuse` false keeps the connection out of
    /// the pool whatever the head says.
    fn take_response(&mut self, conn: Conn, head: ResponseHead, head_len: usize, may_reuse: bool) {
        // What the head's reads received: the head, and the body bytes
        // that came with it (Wine's http.c open_read_test_request
        // expects the whole first packet, on Windows).
        let received = head_len + conn.buffered().len();
        self.emit(Status::ResponseReceived(received as u32));
        self.store_cookies(&head);
        let framing = body::framing(&self.method, &head);
        let keeps = keeps_alive(&head, &framing, &self.headers);
        let reusable = may_reuse && keeps;
        // Only a challenge with a connection-bound scheme keeps it, and
        // only when it is to be answered.
        let bound_tunnel = !may_reuse
            && keeps
            && self.answers_proxy()
            && conn.key.secure
            && conn.key.proxy.is_some()
            && head.headers().any(|(n, v)| {
                n.eq_ignore_ascii_case("Proxy-Authenticate")
                    && v.split(' ').next().is_some_and(|s| {
                        s.eq_ignore_ascii_case("NTLM") || s.eq_ignore_ascii_case("Negotiate")
                    })
            });
        let reports_close = reports_close(&head, &framing);
        let mut head = head;
        let content = self.content_decoder(&framing, &mut head);
        self.unreported = 0;
        self.exchange = Some(Exchange {
            conn: Some(conn),
            head,
            decoder: BodyDecoder::new(framing),
            reusable,
            in_io: false,
            reports_close,
            failed: None,
            content,
            bound_tunnel,
        });
        // A body-less response frees its connection at once.
        if self.exchange.as_ref().is_some_and(|e| e.decoder.is_done()) {
            self.finish_body();
        }
    }

    /// The store's cookies for this URL become the `Cookie` header, in
    /// place of one the application added (as WinINet does), unless
    /// `INTERNET_FLAG_NO_COOKIES`.
    fn add_stored_cookies(&mut self) {
        if self.flags & consts::INTERNET_FLAG_NO_COOKIES != 0 {
            return;
        }
        let Some(value) = crate::cookies::request_header(|| self.url()) else {
            return;
        };
        let is_cookie = |n: &str| n.eq_ignore_ascii_case("Cookie");
        match self.headers.iter().position(|(n, _)| is_cookie(n)) {
            Some(first) => {
                self.headers[first].1 = value;
                let mut index = 0;
                self.headers.retain(|(n, _)| {
                    let keep = index == first || !is_cookie(n);
                    index += 1;
                    keep
                });
            }
            None => self.headers.push(("Cookie".to_string(), value)),
        }
    }

    /// Keeps the response's `Set-Cookie` cookies, unless `INTERNET_FLAG_NO_COOKIES`.
    fn store_cookies(&self, head: &ResponseHead) {
        if self.flags & consts::INTERNET_FLAG_NO_COOKIES != 0 {
            return;
        }
        let mut set_cookies = head
            .headers()
            .filter(|(n, _)| n.eq_ignore_ascii_case("Set-Cookie"))
            .map(|(_, v)| v)
            .peekable();
        // Most responses set none: no URL to build, no store to lock.
        if set_cookies.peek().is_some() {
            crate::cookies::store_response(&self.url(), set_cookies);
        }
    }

    /// The request head for a body of `body_len` bytes, with WinINet's
    /// own headers; what it lists becomes the request headers as sent.
    fn wire_head(&mut self, body_len: u64) -> Result<Vec<u8>, Error> {
        // Both framings at once is the shape of request smuggling: a
        // message never carries both (RFC 9112 §6.1), so such a request is
        // not sent. Checked on the caller's headers: ours below add a
        // Content-Length only without a Transfer-Encoding.
        let has = |name: &str| {
            self.headers
                .iter()
                .any(|(n, _)| n.eq_ignore_ascii_case(name))
        };
        if has("Transfer-Encoding") && has("Content-Length") {
            return Err(Error::HttpInvalidHeader);
        }
        // Taken, not copied: what is sent becomes the request's headers.
        let mut sent = std::mem::take(&mut self.headers);
        let own = headers::Own {
            method: &self.method,
            flags: self.flags,
            user_agent: &self.user_agent,
            host: &self.host_header,
            body_len: usize::try_from(body_len).unwrap_or(usize::MAX),
        };
        headers::add_own(&mut sent, &own);
        // Plain http through a proxy: WinINet asks the proxy to keep its
        // connection as it asks a server (Keep-Alive, unless the
        // application said otherwise).
        if self.wire_target.is_some()
            && !sent
                .iter()
                .any(|(n, _)| n.eq_ignore_ascii_case("Proxy-Connection"))
        {
            sent.push(("Proxy-Connection".to_string(), "Keep-Alive".to_string()));
        }
        self.add_proxy_authorization(&mut sent);
        self.drop_foreign_authorization(&mut sent);
        let mut wire = Vec::with_capacity(256);
        let target = self.wire_target.as_deref().unwrap_or(&self.target);
        let encoded =
            h1::encode_request_head(&self.method, target, &self.version, &sent, &mut wire);
        // What was sent is what HTTP_QUERY_FLAG_REQUEST_HEADERS reports (a
        // head refused for a CR or LF, which every entry point refuses
        // earlier, is not sent but its headers stay listed).
        self.headers = sent;
        encoded.map(|()| wire)
    }

    /// Copies already-received body bytes without waiting: `Some(n)` with
    /// `n > 0`, `Some(0)` at the end of the body, `None` when the network
    /// must be waited for.
    fn raw_read_buffered(&mut self, out: &mut [u8]) -> Result<Option<usize>, Error> {
        let ex = self.exchange.as_mut().ok_or(Error::IncorrectHandleState)?;
        if ex.in_io {
            return Err(Error::ConnectionAborted);
        }
        let n = copy_buffered(ex, out);
        if n > 0 {
            self.take_unreported(n);
            return Ok(Some(n));
        }
        if let Some(e) = ex.failed {
            // The connection is closed by the network path's failure
            // (`after_network`), or when the handle lets it go.
            return Err(e);
        }
        if ex.decoder.is_done() {
            self.finish_body();
            return Ok(Some(0));
        }
        if ex.conn.is_none() {
            return Ok(Some(0));
        }
        Ok(None)
    }

    /// Ends a read that took only buffered bytes (`read_buffered`): the
    /// ones an earlier read received ahead are reported now, as WinINet
    /// reports receiving them (it would only now have read them).
    pub fn report_buffered_read(&mut self) {
        let taken = std::mem::take(&mut self.taken_unreported);
        if taken > 0 {
            self.emit(Status::ReceivingResponse);
            self.emit(Status::ResponseReceived(taken as u32));
        }
    }

    /// Counts `n` bytes a read took from the buffer against those received
    /// ahead (see `unreported`).
    fn take_unreported(&mut self, n: usize) {
        let t = n.min(self.unreported);
        self.unreported -= t;
        self.taken_unreported += t;
    }

    /// Whether `report_buffered_read` has something to report.
    pub fn has_buffered_read_to_report(&self) -> bool {
        self.taken_unreported > 0
    }

    /// Ends a read that took buffered bytes without reporting them
    /// (IRF_NO_WAIT, which WinINet never reports).
    pub fn forget_buffered_read(&mut self) {
        self.taken_unreported = 0;
    }

    /// Reads body bytes into `out` until it is full or the body ends
    /// (`InternetReadFile`); 0 means the end.
    pub async fn read(&mut self, out: &mut [u8]) -> Result<usize, Error> {
        self.read_inner(out, true, false).await
    }

    /// `read`, for a caller that polls it once on its own thread and leaves
    /// it to the runtime if it pends (the C layer's async InternetReadFile):
    /// after its buffered bytes and RECEIVING_RESPONSE, it pends once before
    /// its first network read, so the network part runs on an I/O thread.
    ///
    /// Why: while another thread reads, the I/O thread sleeps in epoll_wait
    /// with the socket registered, and the kernel wakes it for each arrival
    /// (holding the socket's lock while it does). A long read (a large
    /// buffer, decrypted record by record) on the caller's thread paid that
    /// thousands of times: 1 GiB over https through 256 KiB reads took
    /// 13,000 context switches instead of 2,500, and ran ~8% slower.
    pub async fn read_handing_off(&mut self, out: &mut [u8]) -> Result<usize, Error> {
        self.read_inner(out, true, true).await
    }

    /// Reads at least one byte, or returns 0 at the end of the body.
    pub async fn read_some(&mut self, out: &mut [u8]) -> Result<usize, Error> {
        self.read_inner(out, false, false).await
    }

    /// A body read, reported as WinINet does: when it has to wait for the
    /// network, RECEIVING_RESPONSE first and RESPONSE_RECEIVED (the bytes
    /// received) at its end; a failure closes the connection, with
    /// CLOSING_CONNECTION / CONNECTION_CLOSED.
    async fn raw_read_inner(
        &mut self,
        out: &mut [u8],
        fill: bool,
        hand_off: bool,
    ) -> Result<usize, Error> {
        self.net_received = None;
        self.net_start = None;
        let result = self.read_loop(out, fill, hand_off).await;
        self.net_received = None;
        if let Some(start) = self.net_start.take() {
            if let Ok(n) = result {
                // What this read delivered from the network, plus what it
                // took of bytes received ahead; what it left buffered is
                // reported by the read that takes it.
                let reported = n - start.min(n) + std::mem::take(&mut self.taken_unreported);
                self.emit(Status::ResponseReceived(reported as u32));
                self.unreported = self.buffered_payload();
            }
        } else {
            self.report_buffered_read();
        }
        self.taken_unreported = 0;
        self.after_network(&result);
        result
    }

    /// Body bytes (framing included) received and not yet read.
    fn buffered_payload(&self) -> usize {
        self.exchange
            .as_ref()
            .and_then(|ex| ex.conn.as_ref())
            .map_or(0, |c| c.buffered().len())
    }

    /// Reports the end of a read or availability check that went to the
    /// network, and closes the connection after a failure.
    fn after_network<T>(&mut self, result: &Result<T, Error>) {
        if let (Some(n), Ok(_)) = (self.net_received.take(), result) {
            self.emit(Status::ResponseReceived(n as u32));
        }
        if result.is_err() {
            if let Some(conn) = self.exchange.as_mut().and_then(|ex| ex.conn.take()) {
                self.close_connection(conn);
            }
        }
    }

    /// Closes a connection with CLOSING_CONNECTION / CONNECTION_CLOSED.
    fn close_connection(&self, conn: Conn) {
        self.emit(Status::ClosingConnection);
        drop(conn);
        self.emit(Status::ConnectionClosed);
    }

    async fn read_loop(
        &mut self,
        out: &mut [u8],
        fill: bool,
        mut hand_off: bool,
    ) -> Result<usize, Error> {
        let timeout = self.timeouts.receive;
        let mut filled = 0;
        loop {
            let ex = self.exchange.as_mut().ok_or(Error::IncorrectHandleState)?;
            if ex.in_io {
                return Err(Error::ConnectionAborted);
            }
            let copied = copy_buffered(ex, &mut out[filled..]);
            filled += copied;
            if self.net_start.is_none() {
                self.take_unreported(copied);
            }
            let ex = self.exchange.as_mut().ok_or(Error::IncorrectHandleState)?;
            if let Some(e) = ex.failed {
                // What came before the failure is delivered first; the
                // error comes with the next read.
                return if filled > 0 { Ok(filled) } else { Err(e) };
            }
            if ex.decoder.is_done() {
                self.finish_body();
                return Ok(filled);
            }
            if filled == out.len() || (filled > 0 && !fill) {
                return Ok(filled);
            }
            if ex.conn.is_none() {
                return Ok(filled);
            }
            self.note_read_waits(filled);
            if std::mem::take(&mut hand_off) {
                // Pends once, waking its task at once: the poller may move it.
                tokio::task::yield_now().await;
                continue; // bytes may have come meanwhile: look again
            }
            let ex = self.exchange.as_mut().ok_or(Error::IncorrectHandleState)?;
            let Some(conn) = ex.conn.as_mut() else {
                return Ok(filled);
            };
            ex.in_io = true;
            let room = out.len() - filled;
            // Reads at least as large as our buffer skip it: one copy fewer.
            let direct = conn.buffered().is_empty() && room >= DIRECT_READ_MIN.min(conn.capacity());
            let got = match (direct, ex.decoder.direct_limit()) {
                (true, Some(limit)) if limit > 0 => {
                    let want = room.min(usize::try_from(limit).unwrap_or(usize::MAX));
                    let n = conn
                        .read_direct(&mut out[filled..filled + want], fill, timeout)
                        .await;
                    match n {
                        Ok(n) => ex.decoder.consume_payload(n).map(|()| {
                            filled += n;
                            n
                        }),
                        Err(e) => Err(e),
                    }
                }
                _ => conn.fill_body(timeout).await,
            };
            ex.in_io = false;
            // A failure is recorded, and given by the loop's next turn.
            if let Ok(true) = self.network_read_ended(got) {
                return Ok(filled);
            }
        }
    }

    /// Reports RECEIVING_RESPONSE before a body read's first wait for the
    /// network, and starts counting what arrives.
    fn note_network_wait(&mut self) {
        if self.net_received.is_none() {
            self.emit(Status::ReceivingResponse);
            self.net_received = Some(0);
        }
    }

    /// `note_network_wait` for a read that has `filled` bytes so far.
    /// Its RECEIVING_RESPONSE covers what it took of bytes received ahead,
    /// too.
    fn note_read_waits(&mut self, filled: usize) {
        self.net_start.get_or_insert(filled);
        self.note_network_wait();
    }

    /// Takes in the result of one network read of the body: `Ok(true)` at
    /// the end of the stream (the body finished, or was cut short, which
    /// WinINet tolerates); a failure is recorded as the body's (see
    /// `Exchange::failed`) and leaves the connection unfit for reuse.
    fn network_read_ended(&mut self, got: Result<usize, Error>) -> Result<bool, Error> {
        let Some(ex) = self.exchange.as_mut() else {
            return Ok(true);
        };
        match got {
            Ok(0) => {
                let ended = ex.decoder.on_eof();
                ex.reusable = false;
                self.finish_body();
                ended.map(|()| true)
            }
            Ok(n) => {
                if let Some(total) = self.net_received.as_mut() {
                    *total += n;
                }
                Ok(false)
            }
            Err(e) => {
                fail(ex, e);
                Err(e)
            }
        }
    }

    /// Body bytes readable now without waiting (`InternetQueryDataAvailable`
    /// when data is buffered); `None` when the network must be waited for.
    fn raw_available_now(&mut self) -> Result<Option<usize>, Error> {
        let ex = self.exchange.as_mut().ok_or(Error::IncorrectHandleState)?;
        let n = peek_payload(ex);
        if n > 0 {
            return Ok(Some(n));
        }
        if let Some(e) = ex.failed {
            // The connection is closed by the network path's failure
            // (`after_network`), or when the handle lets it go.
            return Err(e);
        }
        if ex.decoder.is_done() || ex.conn.is_none() {
            return Ok(Some(n));
        }
        Ok(None)
    }

    /// Waits until body bytes are available (or the body ends) and says how
    /// many (`InternetQueryDataAvailable`).
    async fn raw_data_available(&mut self) -> Result<usize, Error> {
        self.net_received = None;
        let result = self.wait_available().await;
        self.after_network(&result);
        // What a wait for data received is reported: none of it is ahead.
        self.unreported = 0;
        result
    }

    async fn wait_available(&mut self) -> Result<usize, Error> {
        let timeout = self.timeouts.receive;
        loop {
            if let Some(n) = self.raw_available_now()? {
                return Ok(n);
            }
            self.note_network_wait();
            let ex = self.exchange.as_mut().ok_or(Error::IncorrectHandleState)?;
            let Some(conn) = ex.conn.as_mut() else {
                return Ok(0);
            };
            ex.in_io = true;
            let got = conn.fill(timeout).await;
            ex.in_io = false;
            if self.network_read_ended(got)? {
                return Ok(0);
            }
        }
    }

    /// The body ended: the connection goes back to the pool, or is closed
    /// with CLOSING_CONNECTION / CONNECTION_CLOSED.
    fn finish_body(&mut self) {
        let Some(ex) = self.exchange.as_mut() else {
            return;
        };
        // A refused tunnel's connection waits for an NTLM leg, or release.
        if ex.bound_tunnel {
            return;
        }
        let Some(conn) = ex.conn.take() else { return };
        if ex.reusable && ex.decoder.is_done() && !ex.decoder.truncated() && !ex.in_io {
            conn::checkin(conn);
        } else {
            let report = ex.reports_close;
            self.close_quietly_unless(report, conn);
        }
    }

    /// Closes `conn`, with CLOSING_CONNECTION / CONNECTION_CLOSED if `report`.
    fn close_quietly_unless(&self, report: bool, conn: Conn) {
        if report {
            self.close_connection(conn);
        } else {
            drop(conn);
        }
    }

    /// The connection this request's response is being read from:
    /// descriptor, local and remote port, kept alive, encrypted.
    pub fn socket_info(&self) -> Option<SocketInfo> {
        let ex = self.exchange.as_ref()?;
        let conn = ex.conn.as_ref()?;
        let (socket, local_port, remote_port) = conn.socket_ports();
        Some(SocketInfo {
            socket,
            local_port,
            remote_port,
            keep_alive: ex.reusable,
            secure: self.key.secure,
        })
    }

    /// Before this handle sends again: takes the rest of the old body from
    /// what the socket already holds, so the connection can carry the new
    /// request; what would have to wait for the server is not waited for
    /// (the connection then closes), as WinINet does (Wine's http.c
    /// test_persistent_connection, checked on Windows).
    async fn finish_old_body(&mut self) {
        /// Bytes known to be in the socket arrive within this.
        const ALREADY_THERE: Duration = Duration::from_millis(200);
        let Some(ex) = self.exchange.as_mut() else {
            return;
        };
        if ex.in_io || !ex.reusable {
            return;
        }
        if ex
            .decoder
            .remaining_hint()
            .is_some_and(|left| left > DRAIN_LIMIT)
        {
            return;
        }
        let mut taken = 0usize;
        loop {
            match discard_buffered(ex) {
                Some(false) => {}
                Some(true) | None => return,
            }
            if taken as u64 > DRAIN_LIMIT {
                return;
            }
            let Some(conn) = ex.conn.as_mut() else {
                return;
            };
            if !conn.bytes_waiting() {
                return;
            }
            match conn::with_timeout(Some(ALREADY_THERE), conn.fill(None)).await {
                Ok(n) if n > 0 => taken += n,
                _ => return,
            }
        }
    }

    /// Lets go of the connection before the handle closes or the request is
    /// sent again: a finished or short unread body keeps the connection for
    /// reuse (drained in the background), anything else closes it.
    /// `notify` reports the closing with statuses (WinINet does, inside
    /// `InternetCloseHandle`).
    pub fn release_connection(&mut self, notify: bool) {
        // An upload never finished: its connection is mid-message.
        if let Some(conn) = self.upload.take().and_then(upload::Upload::into_conn) {
            self.close_quietly_unless(notify, conn);
        }
        let Some(mut ex) = self.exchange.take() else {
            return;
        };
        let Some(conn) = ex.conn.take() else { return };
        let report = notify && ex.reports_close;
        if ex.in_io || !ex.reusable {
            self.close_quietly_unless(report, conn);
            return;
        }
        if ex.decoder.is_done() {
            conn::checkin(conn);
            return;
        }
        ex.conn = Some(conn);
        // What already arrived is dropped now: a body that is all here
        // frees its connection before the next request looks for one.
        match drain_without_waiting(&mut ex) {
            Drained::Ended => {
                if let Some(conn) = ex.conn.take() {
                    conn::checkin(conn);
                }
                return;
            }
            Drained::Dead => {
                if let Some(conn) = ex.conn.take() {
                    self.close_quietly_unless(report, conn);
                }
                return;
            }
            Drained::WouldWait => {}
        }
        let Some(conn) = ex.conn.take() else { return };
        match ex.decoder.remaining_hint() {
            Some(left) if left <= DRAIN_LIMIT => {
                ex.conn = Some(conn);
                crate::runtime::runtime().spawn(drain(ex));
            }
            _ => self.close_quietly_unless(report, conn),
        }
    }
}

impl Drop for Request {
    fn drop(&mut self) {
        self.release_connection(false);
    }
}

/// Hands `status` to the sink, if there is one.
/// The request target of `HttpOpenRequest`'s object name: `/` when empty,
/// a leading `/` added, dot segments resolved as WinINet resolves them
/// (Wine's http.c asserts, on Windows, that `/A/../B/./C/../../x` is sent
/// as `/x`); an absolute URL (for a proxy) and `*` stay as they are.
fn request_target(object: &str) -> String {
    match object {
        "" => "/".to_string(),
        o if is_absolute_target(o) || o == "*" => o.to_string(),
        o if o.starts_with('/') => crate::url::resolve_dot_segments(o),
        o => crate::url::resolve_dot_segments(&format!("/{o}")),
    }
}

/// An absolute-form object name (`http://host/path`, for a proxy), not a
/// path whose query happens to hold a URL (`/redirect?to=http://...`).
fn is_absolute_target(target: &str) -> bool {
    !target.starts_with('/') && target.contains("://")
}

fn emit_to(sink: &Option<StatusSink>, status: Status) {
    if let Some(sink) = sink {
        sink(status);
    }
}

/// Reads and discards the rest of a body, then pools the connection.
async fn drain(mut ex: Exchange) {
    let work = async {
        loop {
            if discard_buffered(&mut ex)? {
                return ex.conn.take();
            }
            if ex.conn.as_mut()?.fill(None).await.ok()? == 0 {
                return None;
            }
        }
    };
    if let Ok(Some(conn)) = tokio::time::timeout(DRAIN_TIME, work).await {
        conn::checkin(conn);
    }
}

/// Throws away the body bytes already received: `Some(true)` when that
/// was the rest of the body, `None` when the body is broken.
fn discard_buffered(ex: &mut Exchange) -> Option<bool> {
    let conn = ex.conn.as_mut()?;
    loop {
        match ex.decoder.step(conn.buffered()).ok()? {
            Step::Data { skip, len } => {
                conn.consume(skip + len);
                ex.decoder.consume_payload(len).ok()?;
            }
            Step::NeedMore { consume } => {
                conn.consume(consume);
                return Some(false);
            }
            Step::Done { consume } => {
                conn.consume(consume);
                return Some(true);
            }
        }
    }
}

/// Drops the rest of the body from what the connection has now, reading
/// the socket only while that needs no waiting; says whether the body
/// ended. WinINet drains a body this way before it sends again on the
/// same handle, and closes the connection when draining would block
/// (Wine's http.c test_persistent_connection, checked on Windows).
fn drain_without_waiting(ex: &mut Exchange) -> Drained {
    /// A waker for one poll whose wake-up nobody needs.
    struct Nobody;
    impl std::task::Wake for Nobody {
        fn wake(self: std::sync::Arc<Self>) {}
    }
    let waker = std::task::Waker::from(std::sync::Arc::new(Nobody));
    let mut cx = std::task::Context::from_waker(&waker);
    // A body still far from its end is not worth reading here: the server
    // may be sending it as fast as it is taken.
    if ex
        .decoder
        .remaining_hint()
        .is_some_and(|left| left > DRAIN_LIMIT)
    {
        return Drained::WouldWait;
    }
    let mut taken = 0usize;
    loop {
        match discard_buffered(ex) {
            Some(true) => return Drained::Ended,
            None => return Drained::Dead,
            Some(false) => {}
        }
        let Some(conn) = ex.conn.as_mut() else {
            return Drained::Dead;
        };
        if taken as u64 > DRAIN_LIMIT {
            return Drained::WouldWait;
        }
        let fill = std::pin::pin!(conn.fill(None));
        match std::future::Future::poll(fill, &mut cx) {
            std::task::Poll::Ready(Ok(n)) if n > 0 => taken += n,
            std::task::Poll::Pending => return Drained::WouldWait,
            // The server closed (or broke) the connection mid-body.
            std::task::Poll::Ready(_) => return Drained::Dead,
        }
    }
}

/// How far `drain_without_waiting` got.
enum Drained {
    /// The body ended: the connection can carry another request.
    Ended,
    /// The connection is gone (closed by the server, or broken).
    Dead,
    /// The rest has not come yet.
    WouldWait,
}

/// Records `e` as the failure of `ex`'s body (see `Exchange::failed`).
fn fail(ex: &mut Exchange, e: Error) {
    ex.reusable = false;
    ex.failed.get_or_insert(e);
}

/// Moves buffered payload into `out`; returns bytes copied. Malformed
/// framing is recorded as the body's failure (`Exchange::failed`), after
/// the bytes before it are copied.
fn copy_buffered(ex: &mut Exchange, out: &mut [u8]) -> usize {
    if ex.failed.is_some() {
        return 0;
    }
    let Some(conn) = ex.conn.as_mut() else {
        return 0;
    };
    let mut copied = 0;
    while copied < out.len() {
        let step = match ex.decoder.step(conn.buffered()) {
            Ok(step) => step,
            Err(e) => {
                fail(ex, e);
                break;
            }
        };
        match step {
            Step::Data { skip, len } => {
                let n = len.min(out.len() - copied);
                out[copied..copied + n].copy_from_slice(&conn.buffered()[skip..skip + n]);
                conn.consume(skip + n);
                copied += n;
                if let Err(e) = ex.decoder.consume_payload(n) {
                    fail(ex, e);
                    break;
                }
            }
            Step::NeedMore { consume } => {
                conn.consume(consume);
                break;
            }
            Step::Done { consume } => {
                conn.consume(consume);
                break;
            }
        }
    }
    copied
}

/// Payload bytes buffered now, without consuming any; malformed framing
/// is recorded as the body's failure, as in `copy_buffered`.
fn peek_payload(ex: &mut Exchange) -> usize {
    if ex.failed.is_some() {
        return 0;
    }
    let Some(conn) = ex.conn.as_mut() else {
        return 0;
    };
    match ex.decoder.step(conn.buffered()) {
        Ok(Step::Data { skip, len }) => {
            // Framing before the payload can be dropped; the payload stays.
            conn.consume(skip);
            ex.decoder.skip_consumed(skip);
            len
        }
        Ok(Step::NeedMore { consume } | Step::Done { consume }) => {
            conn.consume(consume);
            0
        }
        Err(e) => {
            fail(ex, e);
            0
        }
    }
}

/// A send's place under the per-server limit and the connection it tries
/// first (see `Request::reserve_connection`).
pub(super) struct Way {
    /// Moved onto the connection that carries the request.
    pub(super) slot: Option<crate::http::conn_limit::Slot>,
    connect_timeout: Option<Duration>,
    first: Option<Conn>,
}

/// How `Request::write_head` ended.
pub(super) enum Written {
    /// A proxy refused the tunnel: its 407 is the response, taken.
    Refused,
    /// Written on this connection (`true`: a reused one).
    On(Conn, bool),
}

enum HeadError {
    /// The connection ended before any response byte: on a reused
    /// connection, a sign the server closed it; worth one retry. On a fresh
    /// one, the error to report: a reset, or an empty (invalid) response.
    ClosedEarly(Error),
    Failed(Error),
}

/// Receives a final (non-1xx) response head; returns it with the bytes it took.
async fn read_head(
    conn: &mut Conn,
    timeout: Option<Duration>,
) -> Result<(ResponseHead, usize), HeadError> {
    let mut total = 0usize;
    let mut received_any = false;
    loop {
        match h1::parse_response_head(conn.buffered()).map_err(HeadError::Failed)? {
            Some((head, used)) => {
                conn.consume(used);
                total += used;
                if h1::is_informational(&head) {
                    continue;
                }
                return Ok((head, total));
            }
            None => {
                let n = conn.fill(timeout).await.map_err(|e| match e {
                    Error::ConnectionReset | Error::ConnectionAborted if !received_any => {
                        HeadError::ClosedEarly(e)
                    }
                    e => HeadError::Failed(e),
                })?;
                if n == 0 {
                    if let Some((head, used)) =
                        h1::parse_head_cut_short(conn.buffered()).map_err(HeadError::Failed)?
                    {
                        conn.consume(used);
                        return Ok((head, total + used));
                    }
                    return Err(if received_any || !conn.buffered().is_empty() {
                        HeadError::Failed(Error::HttpInvalidServerResponse)
                    } else {
                        HeadError::ClosedEarly(Error::HttpInvalidServerResponse)
                    });
                }
                received_any = true;
            }
        }
    }
}

/// Whether the connection may carry another request after this response.
fn keeps_alive(head: &ResponseHead, framing: &Framing, sent: &[(String, String)]) -> bool {
    if matches!(framing, Framing::UntilClose) {
        return false;
    }
    const NAMES: &[&str] = &["Connection", "Proxy-Connection"];
    let sent = sent.iter().map(|(n, v)| (n.as_str(), v.as_str()));
    if has_token(head.headers(), NAMES, "close") || has_token(sent, NAMES, "close") {
        return false;
    }
    head.version >= (1, 1) || has_token(head.headers(), NAMES, "keep-alive")
}
