//! One request, from handle creation to close, the way an async WinINet
//! application drives it: open the handle, send (pending, then
//! REQUEST_COMPLETE), read until the body ends (each read either done at
//! once from buffered data, or pending and completed by REQUEST_COMPLETE),
//! close (HANDLE_CLOSING).
//!
//! The engine reports the network progress through the status sink; the
//! lifecycle events it leaves to the handle layer (HANDLE_CREATED,
//! REQUEST_COMPLETE, HANDLE_CLOSING) are reported here, at the matching
//! points, so the trace shows the whole model.

use crate::errname;
use crate::output::{Output, Writer};
use crate::trace::{HandleId, Tracer};
use indicatif::ProgressBar;
use openinet::consts::{
    HTTP_QUERY_CONTENT_LENGTH, HTTP_QUERY_FLAG_NUMBER, HTTP_QUERY_RAW_HEADERS_CRLF,
};
use openinet::http::query::Answer;
use openinet::{Request, Session, Status};
use std::fmt;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Body bytes asked for per read (InternetReadFile's buffer).
const READ_BUF: usize = 64 * 1024;

/// What to fetch and where the result goes.
#[derive(Debug, Clone)]
pub struct Job {
    pub id: HandleId,
    pub url: String,
    /// HEAD instead of GET; the response head is written instead of the body.
    pub head_only: bool,
    /// Extra request headers, CRLF-separated, as HttpSendRequest takes them.
    pub headers: Option<String>,
    /// Stop before the body when the status is 400 or above.
    pub fail_on_http_error: bool,
    pub output: Output,
}

/// Why a fetch failed.
#[derive(Debug)]
pub enum FetchError {
    /// A WinINet error from the engine.
    Inet(openinet::Error),
    /// `--fail` and a status of 400 or above.
    HttpStatus(u16),
    /// Writing the output failed.
    Output(PathBuf, std::io::Error),
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::Inet(e) => f.write_str(&errname::describe(*e)),
            FetchError::HttpStatus(code) => write!(f, "HTTP status {code}"),
            FetchError::Output(path, e) => write!(f, "cannot write {}: {e}", path.display()),
        }
    }
}

/// How a fetch went.
#[derive(Debug)]
pub struct Outcome {
    pub id: HandleId,
    pub url: String,
    /// The response's status code, once a response head arrived.
    pub status: Option<u16>,
    /// Body bytes received (for -I, bytes of the head written).
    pub bytes: u64,
    pub elapsed: Duration,
    /// Whether this request resolved and connected (false: it reused a pooled connection).
    pub connected: bool,
    pub error: Option<FetchError>,
}

/// Fetches `job.url` on the engine; never panics on network errors, they
/// end up in the outcome.
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
        status: None,
        bytes: 0,
        elapsed: Duration::ZERO,
        connected: false,
        error: None,
    };
    let result = run(
        &session,
        &job,
        &tracer,
        progress.as_ref(),
        &connected,
        &mut outcome,
    )
    .await;
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

async fn run(
    session: &Session,
    job: &Job,
    tracer: &Arc<Tracer>,
    progress: Option<&ProgressBar>,
    connected: &Arc<AtomicBool>,
    outcome: &mut Outcome,
) -> Result<(), FetchError> {
    let id = job.id;
    let mut request = open(session, &job.url, job.head_only).map_err(FetchError::Inet)?;
    let method = if job.head_only { "HEAD" } else { "GET" };
    tracer.status(
        id,
        &Status::HandleCreated(id.index),
        &format!("{method} {}", job.url),
    );
    let sink_tracer = Arc::clone(tracer);
    let sink_connected = Arc::clone(connected);
    request.set_status_sink(Some(Arc::new(move |status: Status| {
        if matches!(status, Status::ConnectingToServer(_)) {
            sink_connected.store(true, Ordering::Relaxed);
        }
        sink_tracer.status(id, &status, "");
    })));
    let result = exchange(&mut request, job, tracer, progress, outcome).await;
    tracer.status(id, &Status::HandleClosing(id.index), "");
    drop(request);
    result
}

/// Sends the request, then writes the head (-I) or the body to the output.
async fn exchange(
    request: &mut Request,
    job: &Job,
    tracer: &Tracer,
    progress: Option<&ProgressBar>,
    outcome: &mut Outcome,
) -> Result<(), FetchError> {
    let id = job.id;
    tracer.note(id, "HttpSendRequest -> FALSE, ERROR_IO_PENDING");
    let sent = request.send(job.headers.as_deref(), Vec::new()).await;
    complete(tracer, id, &sent, "");
    sent.map_err(FetchError::Inet)?;

    let status = request.status_code().unwrap_or(0);
    outcome.status = Some(status);
    if job.fail_on_http_error && status >= 400 {
        return Err(FetchError::HttpStatus(status));
    }
    if let Some(bar) = progress {
        if let Some(len) = content_length(request) {
            bar.set_length(len);
        }
    }
    if job.head_only {
        let head = raw_head(request).map_err(FetchError::Inet)?;
        let mut w = job.output.open()?;
        w.write(head.as_bytes())?;
        outcome.bytes = head.len() as u64;
        return w.finish();
    }
    let mut writer: Option<Writer> = None;
    let mut buf = vec![0u8; READ_BUF];
    loop {
        let n = read(request, &mut buf, tracer, id)
            .await
            .map_err(FetchError::Inet)?;
        if n == 0 {
            break;
        }
        // The output is created with the first byte, so a transfer that fails
        // before its body leaves no file (one that fails midway leaves a partial one).
        let w = match &mut writer {
            Some(w) => w,
            None => writer.insert(job.output.open()?),
        };
        w.write(&buf[..n])?;
        outcome.bytes += n as u64;
        if let Some(bar) = progress {
            bar.inc(n as u64);
        }
    }
    match writer {
        Some(w) => w.finish(),
        None => job.output.open()?.finish(), // an empty body is still an (empty) file
    }
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
fn complete<T>(tracer: &Tracer, id: HandleId, result: &Result<T, openinet::Error>, extra: &str) {
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

/// The request handle for `url`: InternetOpenUrl's GET, or a HEAD on a
/// connection to the same server.
fn open(session: &Session, url: &str, head_only: bool) -> Result<Request, openinet::Error> {
    if !head_only {
        return session.open_url_request(url, 0);
    }
    let target = openinet::http::target::HttpTarget::parse(url)?;
    let mut conn = session.connect(&target.host, target.port);
    conn.username = target.username.clone();
    conn.password = target.password.clone();
    conn.open_request("HEAD", &target.path, None, None, &[], target.secure_flag())
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

fn raw_head(request: &Request) -> Result<String, openinet::Error> {
    let mut index = 0;
    match request.query_info(HTTP_QUERY_RAW_HEADERS_CRLF, None, &mut index)? {
        Answer::Text(text) => Ok(text),
        other => Ok(format!("{other:?}")),
    }
}
