//! The `--trace` lines: one per status callback, as it happens.
//!
//! `[  0.003s] h1 ctx=1 RESOLVING_NAME "localhost"`: time since start,
//! the request's handle label, its context value, the status name and its
//! payload. The engine calls the status sink on its I/O threads, so a line
//! is formatted and written under the stream's lock at once, never queued.
//!
//! Lines in parentheses are not callbacks: they say what the WinINet call
//! returned to the application (pending, or done at once), which is what
//! makes the callbacks that follow meaningful.

use openinet::Status;
use std::io::Write;
use std::time::Instant;

/// One request as the trace names it: handle label `h{index}`, context `index`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HandleId {
    pub index: usize,
}

impl HandleId {
    pub fn label(self) -> String {
        format!("h{}", self.index)
    }

    /// The context value the application gave the handle (its dwContext).
    pub fn context(self) -> usize {
        self.index
    }
}

/// Where trace lines go: stderr for `--trace`, stdout for `inet demo`
/// (whose whole output is the explanation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// Writes trace lines, or nothing when tracing is off.
#[derive(Debug)]
pub struct Tracer {
    start: Instant,
    stream: Stream,
    enabled: bool,
}

impl Tracer {
    pub fn new(stream: Stream, enabled: bool) -> Tracer {
        Tracer {
            start: Instant::now(),
            stream,
            enabled,
        }
    }

    /// A status callback (from the engine, or one of the lifecycle events
    /// the CLI reports itself), with optional words after the payload.
    pub fn status(&self, id: HandleId, status: &Status, extra: &str) {
        if !self.enabled {
            return;
        }
        let payload = payload(status);
        let mut text = status.name().to_string();
        for part in [payload.as_str(), extra] {
            if !part.is_empty() {
                text.push(' ');
                text.push_str(part);
            }
        }
        self.line(id, &text);
    }

    /// What a call returned to the application, e.g. `(HttpSendRequest -> ERROR_IO_PENDING)`.
    pub fn note(&self, id: HandleId, text: &str) {
        if self.enabled {
            self.line(id, &format!("({text})"));
        }
    }

    fn line(&self, id: HandleId, text: &str) {
        let line = format_line(self.start.elapsed().as_secs_f64(), id, text);
        // A failed write to the trace stream is not worth failing a download.
        let _ = match self.stream {
            Stream::Stdout => writeln!(std::io::stdout().lock(), "{line}"),
            Stream::Stderr => writeln!(std::io::stderr().lock(), "{line}"),
        };
    }
}

/// `[  0.003s] h1 ctx=1 TEXT`.
pub fn format_line(secs: f64, id: HandleId, text: &str) -> String {
    format!("[{secs:7.3}s] {} ctx={} {text}", id.label(), id.context())
}

/// A status's payload as the trace shows it: strings quoted, handles as
/// labels, the async result as `{result: 1, error: 0}`.
pub fn payload(status: &Status) -> String {
    match status {
        Status::ResolvingName(s)
        | Status::NameResolved(s)
        | Status::ConnectingToServer(s)
        | Status::ConnectedToServer(s)
        | Status::Redirect(s) => format!("{s:?}"),
        Status::RequestSent(n) | Status::ResponseReceived(n) => n.to_string(),
        Status::HandleCreated(h) | Status::HandleClosing(h) => HandleId { index: *h }.label(),
        Status::RequestComplete { result, error } => {
            format!("{{result: {result}, error: {error}}}")
        }
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const H1: HandleId = HandleId { index: 1 };

    #[test]
    fn line_format_matches_the_documented_one() {
        let line = format_line(0.003, H1, "RESOLVING_NAME \"localhost\"");
        assert_eq!(line, "[  0.003s] h1 ctx=1 RESOLVING_NAME \"localhost\"");
        let line = format_line(12.5, HandleId { index: 12 }, "X");
        assert_eq!(line, "[ 12.500s] h12 ctx=12 X");
    }

    #[test]
    fn payloads() {
        assert_eq!(
            payload(&Status::ResolvingName("localhost".into())),
            "\"localhost\""
        );
        assert_eq!(payload(&Status::RequestSent(87)), "87");
        assert_eq!(payload(&Status::SendingRequest), "");
        assert_eq!(payload(&Status::HandleCreated(3)), "h3");
        assert_eq!(
            payload(&Status::RequestComplete {
                result: 0,
                error: 12029
            }),
            "{result: 0, error: 12029}"
        );
    }
}
