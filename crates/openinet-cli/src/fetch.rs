//! One transfer, from handle creation to close, the way an async WinINet
//! application drives it: open the handle, send (pending, then
//! REQUEST_COMPLETE), read until the body ends (each read either done at
//! once from buffered data, or pending and completed by REQUEST_COMPLETE),
//! close (HANDLE_CLOSING).
//!
//! Around that exchange, curl's habits: `-L` follows redirects here (every
//! request carries INTERNET_FLAG_NO_AUTO_REDIRECT, so the engine never
//! follows one itself and `--max-redirs` counts exactly), `--retry` repeats
//! a transfer after a transient failure, `--max-time` bounds the whole
//! transfer, and `-C` asks for the rest of a partial file with `Range`.
//!
//! The engine reports the network progress through the status sink; the
//! lifecycle events it leaves to the handle layer (HANDLE_CREATED,
//! REQUEST_COMPLETE, HANDLE_CLOSING) are reported here, at the matching
//! points, so the trace shows the whole model.

use crate::errname;
use crate::exitcode;
use crate::output::{LazyWriter, Output};
use crate::trace::{HandleId, Tracer};
use indicatif::ProgressBar;
use openinet::consts::{
    HTTP_QUERY_CONTENT_LENGTH, HTTP_QUERY_CONTENT_RANGE, HTTP_QUERY_CONTENT_TYPE,
    HTTP_QUERY_FLAG_NUMBER, HTTP_QUERY_FLAG_REQUEST_HEADERS, HTTP_QUERY_LOCATION,
    HTTP_QUERY_RAW_HEADERS_CRLF, INTERNET_FLAG_NO_AUTO_REDIRECT,
    SECURITY_FLAG_IGNORE_CERT_CN_INVALID, SECURITY_FLAG_IGNORE_CERT_DATE_INVALID,
    SECURITY_FLAG_IGNORE_REVOCATION, SECURITY_FLAG_IGNORE_UNKNOWN_CA,
    SECURITY_FLAG_IGNORE_WEAK_SIGNATURE, SECURITY_FLAG_IGNORE_WRONG_USAGE,
};
use openinet::http::query::Answer;
use openinet::{Request, Session, Status};
use std::fmt;
use std::io::Write as _;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Body bytes asked for per read (InternetReadFile's buffer).
const READ_BUF: usize = 64 * 1024;

/// The `-k` waivers: every certificate check WinINet lets a caller skip.
pub const INSECURE_FLAGS: u32 = SECURITY_FLAG_IGNORE_UNKNOWN_CA
    | SECURITY_FLAG_IGNORE_CERT_CN_INVALID
    | SECURITY_FLAG_IGNORE_CERT_DATE_INVALID
    | SECURITY_FLAG_IGNORE_REVOCATION
    | SECURITY_FLAG_IGNORE_WRONG_USAGE
    | SECURITY_FLAG_IGNORE_WEAK_SIGNATURE;

/// How a transfer is made: the options every URL of a command line shares.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `-X`; otherwise GET, POST with a body, HEAD with `-I`.
    pub method: Option<String>,
    /// HEAD; the response head is written instead of the body.
    pub head_only: bool,
    /// Extra request headers, CRLF-separated, as HttpSendRequest takes them.
    pub headers: Option<String>,
    /// The request body (`-d`, `--data-binary`).
    pub body: Option<Arc<Vec<u8>>>,
    /// `-L`.
    pub follow: bool,
    /// `--max-redirs`; negative: no limit.
    pub max_redirs: i64,
    /// `-k`.
    pub insecure: bool,
    /// `--compressed`: INTERNET_OPTION_HTTP_DECODING on the request.
    pub compressed: bool,
    /// `-e`.
    pub referer: Option<String>,
    /// `-u`: InternetConnect's user name and password.
    pub user: Option<(String, String)>,
    /// `-f`: stop before the body when the status is 400 or above.
    pub fail_on_http_error: bool,
    /// `-C`.
    pub resume: Resume,
    /// `-v`: request and response heads to stderr.
    pub verbose: bool,
    /// `-s` without `-S`: no retry warnings.
    pub quiet: bool,
    /// `--max-time`.
    pub max_time: Option<Duration>,
    /// `--retry`.
    pub retries: u32,
    /// `-T`: the file an ftp:// URL stores (http's PUT carries it as `body`).
    pub upload: Option<PathBuf>,
}

/// `-C`: where a download continues.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Resume {
    #[default]
    No,
    /// `-C -`: from the output file's size.
    FromOutput,
    /// `-C N`.
    At(u64),
}

/// What to fetch and where the result goes.
#[derive(Debug, Clone)]
pub struct Job {
    pub id: HandleId,
    pub url: String,
    pub output: Output,
    pub options: Arc<Options>,
}

/// Why a transfer failed.
#[derive(Debug)]
pub enum FetchError {
    /// A WinINet error from the engine.
    Inet(openinet::Error),
    /// `--fail` and a status of 400 or above.
    HttpStatus(u16),
    /// Writing the output failed.
    Output(PathBuf, std::io::Error),
    /// Reading the `-T` file failed.
    Input(PathBuf, std::io::Error),
    /// `-L` met more than `--max-redirs` redirects.
    TooManyRedirects(i64),
    /// `-C`: the server sent the whole body (200) or refused the range.
    NoRanges(u16),
    /// `--max-time` ran out.
    MaxTime(Duration),
    /// A transient HTTP status with `--retry` attempts left (never reported).
    Transient(u16),
    /// An FTP server refused a command: curl's exit code for it, and the
    /// server's reply.
    FtpReply(u8, String),
}

impl FetchError {
    /// curl's exit code for it.
    pub fn exit_code(&self) -> u8 {
        match self {
            FetchError::Inet(e) => exitcode::for_error(e.code()),
            FetchError::HttpStatus(_) | FetchError::Transient(_) => exitcode::HTTP_ERROR,
            FetchError::Output(..) => exitcode::WRITE_ERROR,
            FetchError::Input(..) => exitcode::READ_ERROR,
            FetchError::TooManyRedirects(_) => exitcode::TOO_MANY_REDIRECTS,
            FetchError::NoRanges(_) => exitcode::RANGE_ERROR,
            FetchError::MaxTime(_) => exitcode::TIMEOUT,
            FetchError::FtpReply(code, _) => *code,
        }
    }

    fn is_transient(&self) -> bool {
        match self {
            FetchError::Inet(e) => exitcode::is_transient_error(e.code()),
            FetchError::MaxTime(_) | FetchError::Transient(_) => true,
            _ => false,
        }
    }
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::Inet(e) => f.write_str(&errname::describe(*e)),
            FetchError::HttpStatus(code) => write!(f, "HTTP status {code}"),
            FetchError::Output(path, e) => write!(f, "cannot write {}: {e}", path.display()),
            FetchError::Input(path, e) => write!(f, "cannot read {}: {e}", path.display()),
            FetchError::TooManyRedirects(n) => write!(f, "maximum ({n}) redirects followed"),
            FetchError::NoRanges(200) => {
                f.write_str("the server does not do byte ranges: cannot resume")
            }
            FetchError::NoRanges(code) => write!(f, "cannot resume: HTTP status {code}"),
            FetchError::MaxTime(d) => {
                write!(
                    f,
                    "operation timed out after {} ms (--max-time)",
                    d.as_millis()
                )
            }
            FetchError::Transient(code) => write!(f, "HTTP status {code}"),
            FetchError::FtpReply(_, reply) => write!(f, "the FTP server said: {reply}"),
        }
    }
}

/// How a transfer went.
#[derive(Debug)]
pub struct Outcome {
    pub id: HandleId,
    pub url: String,
    /// The last URL requested (after redirects).
    pub url_effective: String,
    /// The last response's status code, once a response head arrived.
    pub status: Option<u16>,
    /// Body bytes received (for -I, bytes of the head written).
    pub bytes: u64,
    /// Bytes of the response heads.
    pub header_bytes: u64,
    pub elapsed: Duration,
    /// Whether this request resolved and connected (false: it reused a pooled connection).
    pub connected: bool,
    /// Redirects followed.
    pub redirects: u32,
    pub content_type: Option<String>,
    /// The file the body went to (`-w %{filename_effective}`); None for stdout.
    pub filename: Option<String>,
    pub error: Option<FetchError>,
}

/// Fetches `job.url` on the engine, with `--retry` and `--max-time`;
/// never panics on network errors, they end up in the outcome.
pub async fn fetch(
    session: Session,
    job: Job,
    tracer: Arc<Tracer>,
    progress: Option<ProgressBar>,
) -> Outcome {
    let started = Instant::now();
    let connected = Arc::new(AtomicBool::new(false));
    let mut outcome = Outcome {
        id: job.id,
        url: job.url.clone(),
        url_effective: job.url.clone(),
        status: None,
        bytes: 0,
        header_bytes: 0,
        elapsed: Duration::ZERO,
        connected: false,
        redirects: 0,
        content_type: None,
        filename: match &job.output {
            Output::File(p) => Some(p.display().to_string()),
            _ => None,
        },
        error: None,
    };
    let opts = &job.options;
    let mut delay = Duration::from_secs(1);
    let mut retries_left = opts.retries;
    let result = loop {
        let attempt = run(
            &session,
            &job,
            &tracer,
            progress.as_ref(),
            &connected,
            &mut outcome,
            retries_left > 0,
        );
        let result = match opts.max_time {
            // Each attempt has the whole budget, as each of curl's retries does.
            Some(limit) => match tokio::time::timeout(limit, attempt).await {
                Ok(r) => r,
                Err(_) => Err(FetchError::MaxTime(limit)),
            },
            None => attempt.await,
        };
        match result {
            Err(e) if retries_left > 0 && e.is_transient() => {
                if !opts.quiet {
                    eprintln!(
                        "Warning: {}: {e}. Will retry in {} seconds. {} retries left.",
                        job.url,
                        delay.as_secs(),
                        retries_left
                    );
                }
                retries_left -= 1;
                tokio::time::sleep(delay).await;
                delay = (delay * 2).min(Duration::from_secs(600));
                if let Some(bar) = &progress {
                    bar.set_position(0);
                }
            }
            other => break other,
        }
    };
    outcome.elapsed = started.elapsed();
    outcome.connected = connected.load(Ordering::Relaxed);
    outcome.error = result.err();
    if let Some(bar) = progress {
        match &outcome.error {
            None => bar.finish(),
            Some(e) => bar.abandon_with_message(e.to_string()),
        }
    }
    outcome
}

/// One attempt: the request, and the redirects `-L` follows from it.
async fn run(
    session: &Session,
    job: &Job,
    tracer: &Arc<Tracer>,
    progress: Option<&ProgressBar>,
    connected: &Arc<AtomicBool>,
    outcome: &mut Outcome,
    may_retry: bool,
) -> Result<(), FetchError> {
    if crate::ftp_fetch::is_ftp(&job.url) {
        return crate::ftp_fetch::run(session, job, tracer, progress, connected, outcome).await;
    }
    let opts = &job.options;
    let id = job.id;
    let mut url = job.url.clone();
    let mut method = initial_method(opts);
    let mut body = opts.body.clone();
    outcome.bytes = 0;
    outcome.header_bytes = 0;
    outcome.redirects = 0;
    let offset = match opts.resume {
        Resume::No => 0,
        Resume::At(n) => n,
        Resume::FromOutput => job.output.existing_size(),
    };
    loop {
        outcome.url_effective = url.clone();
        let mut request = open(session, &url, &method, opts).map_err(FetchError::Inet)?;
        tracer.status(
            id,
            &Status::HandleCreated(id.index),
            &format!("{method} {url}"),
        );
        request.set_status_sink(Some(status_sink(id, tracer, connected, opts.verbose)));
        let step = exchange(
            &mut request,
            job,
            tracer,
            progress,
            outcome,
            Exchange {
                body: body.as_deref().map(|b| b.as_slice()),
                offset,
                may_retry,
            },
        )
        .await;
        tracer.status(id, &Status::HandleClosing(id.index), "");
        drop(request);
        match step? {
            Step::Done => return Ok(()),
            Step::Redirect(location, status) => {
                outcome.redirects += 1;
                if opts.max_redirs >= 0 && i64::from(outcome.redirects) > opts.max_redirs {
                    return Err(FetchError::TooManyRedirects(opts.max_redirs));
                }
                url = openinet::url::combine(&url, &location, 0).map_err(FetchError::Inet)?;
                // curl's rules: 303 turns every method but HEAD into GET,
                // 301 and 302 turn POST into GET; 307 and 308 keep both.
                let to_get = match status {
                    303 => method != "HEAD",
                    301 | 302 => method == "POST",
                    _ => false,
                };
                if to_get {
                    method = "GET".to_string();
                    body = None;
                }
            }
        }
    }
}

/// Where the engine's progress for handle `id` goes: the trace, the
/// `connected` flag (`-w`), and with `-v` the connection notes.
pub(crate) fn status_sink(
    id: HandleId,
    tracer: &Arc<Tracer>,
    connected: &Arc<AtomicBool>,
    verbose: bool,
) -> openinet::status::StatusSink {
    let sink_tracer = Arc::clone(tracer);
    let sink_connected = Arc::clone(connected);
    Arc::new(move |status: Status| {
        if matches!(status, Status::ConnectingToServer(_)) {
            sink_connected.store(true, Ordering::Relaxed);
        }
        if verbose
            && matches!(
                status,
                Status::ResolvingName(_)
                    | Status::ConnectingToServer(_)
                    | Status::ConnectedToServer(_)
            )
        {
            eprintln!("* {} {}", status.name(), crate::trace::payload(&status));
        }
        sink_tracer.status(id, &status, "");
    })
}

fn initial_method(opts: &Options) -> String {
    match &opts.method {
        Some(m) => m.clone(),
        None if opts.head_only => "HEAD".to_string(),
        None if opts.body.is_some() => "POST".to_string(),
        None => "GET".to_string(),
    }
}

/// What an exchange asks of the loop around it.
enum Step {
    Done,
    /// `-L` and a redirect: the Location and the status.
    Redirect(String, u16),
}

/// The per-request inputs of [`exchange`].
struct Exchange<'a> {
    body: Option<&'a [u8]>,
    /// `-C`: the bytes already in the output (0: a whole download).
    offset: u64,
    /// `--retry` has attempts left: a transient status is retried, not written.
    may_retry: bool,
}

/// Sends the request, then writes the head (-I) or the body to the output.
async fn exchange(
    request: &mut Request,
    job: &Job,
    tracer: &Tracer,
    progress: Option<&ProgressBar>,
    outcome: &mut Outcome,
    x: Exchange<'_>,
) -> Result<Step, FetchError> {
    let id = job.id;
    let opts = &job.options;
    let mut headers = opts.headers.clone().unwrap_or_default();
    if x.offset > 0 {
        if !headers.is_empty() {
            headers.push_str("\r\n");
        }
        headers.push_str(&format!("Range: bytes={}-", x.offset));
    }
    tracer.note(id, "HttpSendRequest -> FALSE, ERROR_IO_PENDING");
    let sent = request
        .send(
            (!headers.is_empty()).then_some(headers.as_str()),
            x.body.map(<[u8]>::to_vec).unwrap_or_default(),
        )
        .await;
    complete(tracer, id, &sent, "");
    if opts.verbose {
        if let Ok(head) = query_text(
            request,
            HTTP_QUERY_RAW_HEADERS_CRLF | HTTP_QUERY_FLAG_REQUEST_HEADERS,
        ) {
            print_head("> ", &head);
        }
    }
    sent.map_err(FetchError::Inet)?;

    let status = request.status_code().unwrap_or(0);
    outcome.status = Some(status);
    outcome.content_type = query_text(request, HTTP_QUERY_CONTENT_TYPE).ok();
    let head = raw_head(request).map_err(FetchError::Inet)?;
    outcome.header_bytes += head.len() as u64;
    if opts.verbose {
        print_head("< ", &head);
    }
    if opts.follow && matches!(status, 301 | 302 | 303 | 307 | 308) {
        if let Ok(location) = query_text(request, HTTP_QUERY_LOCATION) {
            if opts.head_only {
                write_head(job, &head, outcome)?;
            }
            return Ok(Step::Redirect(location, status));
        }
    }
    if x.may_retry && exitcode::is_transient_status(status) {
        return Err(FetchError::Transient(status));
    }
    if opts.fail_on_http_error && status >= 400 {
        return Err(FetchError::HttpStatus(status));
    }
    let mut append = false;
    if x.offset > 0 {
        match status {
            206 => append = true,
            // The range starts at the end: the file is already whole.
            416 if range_total(request) == Some(x.offset) => return Ok(Step::Done),
            200 | 416 => return Err(FetchError::NoRanges(status)),
            // Another answer (404...) is written after what is there, not over it.
            _ => append = true,
        }
    }
    if let Some(bar) = progress {
        if let Some(len) = content_length(request) {
            bar.set_length(len);
        }
    }
    if opts.head_only {
        write_head(job, &head, outcome)?;
        return Ok(Step::Done);
    }
    let mut out = LazyWriter::new(&job.output, append);
    let mut buf = vec![0u8; READ_BUF];
    loop {
        let n = read(request, &mut buf, tracer, id)
            .await
            .map_err(FetchError::Inet)?;
        if n == 0 {
            break;
        }
        out.write(&buf[..n])?;
        outcome.bytes += n as u64;
        if let Some(bar) = progress {
            bar.inc(n as u64);
        }
    }
    out.finish()?;
    Ok(Step::Done)
}

fn write_head(job: &Job, head: &str, outcome: &mut Outcome) -> Result<(), FetchError> {
    let mut w = job.output.open(outcome.bytes > 0)?;
    w.write(head.as_bytes())?;
    outcome.bytes += head.len() as u64;
    w.finish()
}

fn print_head(prefix: &str, head: &str) {
    let mut err = std::io::stderr().lock();
    for line in head.split("\r\n").filter(|l| !l.is_empty()) {
        let _ = writeln!(err, "{prefix}{line}");
    }
    let _ = writeln!(err, "{}", prefix.trim_end());
}

/// One InternetReadFile: done at once when data is buffered (no callback),
/// otherwise pending until at least one byte or the end arrives
/// (REQUEST_COMPLETE).
async fn read(
    request: &mut Request,
    buf: &mut [u8],
    tracer: &Tracer,
    id: HandleId,
) -> Result<usize, openinet::Error> {
    if let Some(n) = request.read_buffered(buf)? {
        let what = if n == 0 {
            "0 bytes: end of body".to_string()
        } else {
            format!("{n} bytes")
        };
        tracer.note(id, &format!("InternetReadFile -> TRUE at once, {what}"));
        return Ok(n);
    }
    tracer.note(id, "InternetReadFile -> FALSE, ERROR_IO_PENDING");
    let got = request.read_some(buf).await;
    let words = match &got {
        Ok(0) => "read 0 bytes: end of body".to_string(),
        Ok(n) => format!("read {n} bytes"),
        Err(_) => String::new(),
    };
    complete(tracer, id, &got, &words);
    got
}

/// The REQUEST_COMPLETE of a pending operation: `{result: 1, error: 0}` or
/// `{result: 0, error: CODE}`.
pub(crate) fn complete<T>(
    tracer: &Tracer,
    id: HandleId,
    result: &Result<T, openinet::Error>,
    extra: &str,
) {
    let status = match result {
        Ok(_) => Status::RequestComplete {
            result: 1,
            error: 0,
        },
        Err(e) => Status::RequestComplete {
            result: 0,
            error: e.code(),
        },
    };
    let extra = match result {
        Err(e) => errname::error_name(e.code())
            .unwrap_or_default()
            .to_string(),
        Ok(_) => extra.to_string(),
    };
    tracer.status(id, &status, &extra);
}

/// The request handle for `url`: InternetConnect with `-u`'s credentials,
/// then HttpOpenRequest with the method, `-e`'s referrer, and
/// INTERNET_FLAG_NO_AUTO_REDIRECT (redirects are `-L`'s business, here);
/// `-k` sets the SECURITY_FLAG_IGNORE_* waivers (INTERNET_OPTION_SECURITY_FLAGS).
fn open(
    session: &Session,
    url: &str,
    method: &str,
    opts: &Options,
) -> Result<Request, openinet::Error> {
    let target = openinet::http::target::HttpTarget::parse(url)?;
    let mut conn = session.connect(&target.host, target.port);
    conn.username = target.username.clone();
    conn.password = target.password.clone();
    if let Some((user, password)) = &opts.user {
        conn.username = Some(user.clone());
        conn.password = Some(password.clone());
    }
    let mut request = conn.open_request(
        method,
        &target.path,
        None,
        opts.referer.as_deref(),
        &["*/*".to_string()],
        INTERNET_FLAG_NO_AUTO_REDIRECT | target.secure_flag(),
    )?;
    if opts.insecure {
        request.set_security_flags(INSECURE_FLAGS);
    }
    request.set_decoding(opts.compressed);
    Ok(request)
}

fn content_length(request: &Request) -> Option<u64> {
    let mut index = 0;
    match request.query_info(
        HTTP_QUERY_CONTENT_LENGTH | HTTP_QUERY_FLAG_NUMBER,
        None,
        &mut index,
    ) {
        Ok(Answer::Number(n)) => Some(n.into()),
        _ => None,
    }
}

/// The total of `Content-Range: bytes */TOTAL` (or `bytes A-B/TOTAL`).
fn range_total(request: &Request) -> Option<u64> {
    let text = query_text(request, HTTP_QUERY_CONTENT_RANGE).ok()?;
    text.rsplit('/').next()?.trim().parse().ok()
}

fn query_text(request: &Request, level: u32) -> Result<String, openinet::Error> {
    let mut index = 0;
    match request.query_info(level, None, &mut index)? {
        Answer::Text(text) => Ok(text),
        other => Ok(format!("{other:?}")),
    }
}

fn raw_head(request: &Request) -> Result<String, openinet::Error> {
    query_text(request, HTTP_QUERY_RAW_HEADERS_CRLF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_follow_curl() {
        let mut o = Options::default();
        assert_eq!(initial_method(&o), "GET");
        o.body = Some(Arc::new(b"a=1".to_vec()));
        assert_eq!(initial_method(&o), "POST");
        o.method = Some("PUT".into());
        assert_eq!(initial_method(&o), "PUT");
        let head = Options {
            head_only: true,
            ..Options::default()
        };
        assert_eq!(initial_method(&head), "HEAD");
    }

    #[test]
    fn exit_codes_of_failures() {
        assert_eq!(FetchError::HttpStatus(404).exit_code(), 22);
        assert_eq!(FetchError::TooManyRedirects(2).exit_code(), 47);
        assert_eq!(FetchError::NoRanges(200).exit_code(), 33);
        assert_eq!(FetchError::MaxTime(Duration::from_secs(1)).exit_code(), 28);
        assert!(FetchError::Transient(503).is_transient());
        assert!(!FetchError::HttpStatus(503).is_transient());
    }
}
