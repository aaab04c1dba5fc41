//! Status events: WinINet's status callbacks as a typed enum.

use std::sync::Arc;

/// One status notification, with its payload typed.
///
/// The engine emits the network progress of a request as it happens, in
/// WinINet's order; the handle layer adds the lifecycle events
/// (`HandleCreated`, `HandleClosing`, `RequestComplete`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Status {
    /// `INTERNET_STATUS_RESOLVING_NAME` (10): the host name being looked up.
    ResolvingName(String),
    /// `INTERNET_STATUS_NAME_RESOLVED` (11): the address found, as text.
    NameResolved(String),
    /// `INTERNET_STATUS_CONNECTING_TO_SERVER` (20): the address being connected to.
    ConnectingToServer(String),
    /// `INTERNET_STATUS_CONNECTED_TO_SERVER` (21): the address connected to.
    ConnectedToServer(String),
    /// `INTERNET_STATUS_SENDING_REQUEST` (30).
    SendingRequest,
    /// `INTERNET_STATUS_REQUEST_SENT` (31): bytes written.
    RequestSent(u32),
    /// `INTERNET_STATUS_RECEIVING_RESPONSE` (40).
    ReceivingResponse,
    /// `INTERNET_STATUS_RESPONSE_RECEIVED` (41): bytes of the response head received.
    ResponseReceived(u32),
    /// `INTERNET_STATUS_CLOSING_CONNECTION` (50).
    ClosingConnection,
    /// `INTERNET_STATUS_CONNECTION_CLOSED` (51).
    ConnectionClosed,
    /// `INTERNET_STATUS_HANDLE_CREATED` (60): the new handle's value.
    HandleCreated(usize),
    /// `INTERNET_STATUS_HANDLE_CLOSING` (70): the handle's value.
    HandleClosing(usize),
    /// `INTERNET_STATUS_REQUEST_COMPLETE` (100): `INTERNET_ASYNC_RESULT`.
    RequestComplete { result: usize, error: u32 },
    /// `INTERNET_STATUS_REDIRECT` (110): the new URL.
    Redirect(String),
}

impl Status {
    /// The `INTERNET_STATUS_*` number.
    pub fn code(&self) -> u32 {
        match self {
            Status::ResolvingName(_) => 10,
            Status::NameResolved(_) => 11,
            Status::ConnectingToServer(_) => 20,
            Status::ConnectedToServer(_) => 21,
            Status::SendingRequest => 30,
            Status::RequestSent(_) => 31,
            Status::ReceivingResponse => 40,
            Status::ResponseReceived(_) => 41,
            Status::ClosingConnection => 50,
            Status::ConnectionClosed => 51,
            Status::HandleCreated(_) => 60,
            Status::HandleClosing(_) => 70,
            Status::RequestComplete { .. } => 100,
            Status::Redirect(_) => 110,
        }
    }

    /// The constant's name without `INTERNET_STATUS_`, for traces.
    pub fn name(&self) -> &'static str {
        status_name(self.code())
    }
}

/// The name of an `INTERNET_STATUS_*` number, without the prefix.
pub fn status_name(code: u32) -> &'static str {
    match code {
        10 => "RESOLVING_NAME",
        11 => "NAME_RESOLVED",
        20 => "CONNECTING_TO_SERVER",
        21 => "CONNECTED_TO_SERVER",
        30 => "SENDING_REQUEST",
        31 => "REQUEST_SENT",
        40 => "RECEIVING_RESPONSE",
        41 => "RESPONSE_RECEIVED",
        42 => "CTL_RESPONSE_RECEIVED",
        43 => "PREFETCH",
        50 => "CLOSING_CONNECTION",
        51 => "CONNECTION_CLOSED",
        60 => "HANDLE_CREATED",
        70 => "HANDLE_CLOSING",
        80 => "DETECTING_PROXY",
        100 => "REQUEST_COMPLETE",
        110 => "REDIRECT",
        120 => "INTERMEDIATE_RESPONSE",
        140 => "STATE_CHANGE",
        320 => "COOKIE_SENT",
        321 => "COOKIE_RECEIVED",
        _ => "UNKNOWN",
    }
}

/// Where a request's status events go. Called on an I/O thread, so it must
/// only hand the event on (to a queue, a channel), never block.
pub type StatusSink = Arc<dyn Fn(Status) + Send + Sync>;
