//! The FTP session: one control connection, logged in at once, and one
//! data connection per transfer command.
//!
//! Every command goes out and its reply comes back under the control
//! connection's lock, within the send and receive timeouts. A transfer
//! leaves one final reply (226, 426, ...) owed on the control connection:
//! [`Transfer`] reads it when its data ends, or, if the transfer was
//! abandoned (its handle closed mid-way), the next command reads it first.

use super::addr::{parse_epsv, parse_pasv, port_command};
use super::reply::{size_in_150, Reply, ReplyParser, MAX_LINE};
use crate::error::from_io;
use crate::session::Timeouts;
use crate::status::{Status, StatusSink};
use crate::Error;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// What `InternetConnect(INTERNET_SERVICE_FTP)` is given.
#[derive(Debug, Clone)]
pub struct FtpConfig {
    pub host: String,
    pub port: u16,
    /// `None`: anonymous.
    pub user: Option<String>,
    pub password: Option<String>,
    /// `INTERNET_FLAG_PASSIVE`: EPSV, then PASV; otherwise PORT/EPRT.
    pub passive: bool,
    pub timeouts: Timeouts,
}

/// The password an anonymous login sends when none is given: an e-mail
/// shaped word, which servers that check ask for.
pub const ANONYMOUS_PASSWORD: &str = "IEUser@";

/// How a transfer's bytes are sent: `TYPE I` or `TYPE A`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransferType {
    Binary,
    Ascii,
}

/// An FTP session shared by the handles that use it. Cheap to clone.
#[derive(Clone)]
pub struct FtpClient {
    control: Arc<tokio::sync::Mutex<Control>>,
    /// A file or find handle is open on the session: other operations
    /// fail with `ERROR_FTP_TRANSFER_IN_PROGRESS` until it closes.
    busy: Arc<AtomicBool>,
    last_reply: Arc<Mutex<String>>,
}

/// Held while a file or find handle is open (see `FtpClient::busy`).
pub struct BusyGuard(Arc<AtomicBool>);

impl Drop for BusyGuard {
    fn drop(&mut self) {
        self.0.store(false, Ordering::Release);
    }
}

/// The control connection and what is known about the session.
pub struct Control {
    stream: Option<BufReader<TcpStream>>,
    local: SocketAddr,
    peer: SocketAddr,
    passive: bool,
    timeouts: Timeouts,
    sink: Option<StatusSink>,
    last_reply: Arc<Mutex<String>>,
    /// Final replies of transfers not read yet.
    owed: u32,
    /// The server refused EPSV once: PASV from then on.
    no_epsv: bool,
    kind: Option<TransferType>,
    /// Whether FEAT listed MLST (so MLSD works), once asked.
    mlsd: Option<bool>,
}

async fn within<T>(
    limit: Option<Duration>,
    fut: impl Future<Output = Result<T, Error>>,
) -> Result<T, Error> {
    match limit {
        Some(d) => tokio::time::timeout(d, fut)
            .await
            .unwrap_or(Err(Error::Timeout)),
        None => fut.await,
    }
}

/// WinINet's error for a failed reply: the server's text is then what
/// `InternetGetLastResponseInfo` returns.
pub fn reply_error(reply: &Reply) -> Error {
    match reply.code {
        425 => Error::CannotConnect,
        426 => Error::ConnectionAborted,
        530 => Error::LoginFailure,
        _ => Error::ExtendedError,
    }
}

impl FtpClient {
    /// Connects and logs in (WinINet logs in inside `InternetConnect`).
    /// Progress goes to `sink`: resolving, connecting, then each command's
    /// sending and receiving.
    pub async fn connect(config: &FtpConfig, sink: Option<StatusSink>) -> Result<FtpClient, Error> {
        Self::connect_keeping_reply(config, sink, Arc::new(Mutex::new(String::new()))).await
    }

    /// `connect`, with the replies' text kept in `last_reply` (so a failed
    /// login's reply can still be shown).
    pub async fn connect_keeping_reply(
        config: &FtpConfig,
        sink: Option<StatusSink>,
        last_reply: Arc<Mutex<String>>,
    ) -> Result<FtpClient, Error> {
        let emit = |s: Status| {
            if let Some(sink) = &sink {
                sink(s)
            }
        };
        let host = config.host.trim_start_matches('[').trim_end_matches(']');
        emit(Status::ResolvingName(config.host.clone()));
        let addrs: Vec<SocketAddr> = within(config.timeouts.connect, async {
            tokio::net::lookup_host((host, config.port))
                .await
                .map(|it| it.collect())
                .map_err(|_| Error::NameNotResolved)
        })
        .await?;
        let first = addrs.first().ok_or(Error::NameNotResolved)?;
        emit(Status::NameResolved(first.ip().to_string()));
        let mut last = Error::CannotConnect;
        let mut tcp = None;
        for addr in &addrs {
            emit(Status::ConnectingToServer(addr.ip().to_string()));
            let attempt = within(config.timeouts.connect, async {
                TcpStream::connect(addr)
                    .await
                    .map_err(|e| from_io(&e, true))
            })
            .await;
            match attempt {
                Ok(s) => {
                    emit(Status::ConnectedToServer(addr.ip().to_string()));
                    tcp = Some(s);
                    break;
                }
                Err(e) => last = e,
            }
        }
        let tcp = tcp.ok_or(last)?;
        let _ = tcp.set_nodelay(true);
        let (local, peer) = (
            tcp.local_addr().map_err(|_| Error::CannotConnect)?,
            tcp.peer_addr().map_err(|_| Error::CannotConnect)?,
        );
        let mut control = Control {
            stream: Some(BufReader::new(tcp)),
            local,
            peer,
            passive: config.passive,
            timeouts: config.timeouts,
            sink: sink.clone(),
            last_reply: last_reply.clone(),
            owed: 0,
            no_epsv: false,
            kind: None,
            mlsd: None,
        };
        control.login(config).await?;
        Ok(FtpClient {
            control: Arc::new(tokio::sync::Mutex::new(control)),
            busy: Arc::new(AtomicBool::new(false)),
            last_reply,
        })
    }

    /// The session's control connection, for one operation.
    pub async fn lock(&self) -> tokio::sync::OwnedMutexGuard<Control> {
        self.control.clone().lock_owned().await
    }

    /// The text of the last reply received, each line ending in CRLF.
    pub fn last_reply(&self) -> String {
        self.last_reply
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Whether a file or find handle holds the session.
    pub fn is_busy(&self) -> bool {
        self.busy.load(Ordering::Acquire)
    }

    /// Takes the session for a file or find handle, or says it is taken.
    pub fn claim(&self) -> Result<BusyGuard, Error> {
        self.busy
            .compare_exchange(false, true, Ordering::AcqRel, Ordering::Acquire)
            .map(|_| BusyGuard(self.busy.clone()))
            .map_err(|_| Error::FtpTransferInProgress)
    }

    /// Closes the control connection now, if no operation holds it (one
    /// that does was cancelled and drops it as it ends).
    pub fn close(&self) {
        if let Ok(mut c) = self.control.try_lock() {
            c.stream = None;
        }
    }
}

impl Control {
    /// The timeouts commands and new transfers use.
    pub fn timeouts(&self) -> Timeouts {
        self.timeouts
    }

    /// Changes them (WinINet's timeout options apply from the next operation).
    pub fn set_timeouts(&mut self, timeouts: Timeouts) {
        self.timeouts = timeouts;
    }

    /// Where this operation's progress goes (`None`: nowhere).
    pub fn set_sink(&mut self, sink: Option<StatusSink>) {
        self.sink = sink;
    }

    fn emit(&self, s: Status) {
        if let Some(sink) = &self.sink {
            sink(s)
        }
    }

    fn stream(&mut self) -> Result<&mut BufReader<TcpStream>, Error> {
        self.stream.as_mut().ok_or(Error::FtpDropped)
    }

    /// Reads a reply that no command of ours asked for (the greeting, a
    /// transfer's final reply), reporting RECEIVING_RESPONSE and
    /// RESPONSE_RECEIVED as for any reply.
    async fn receive(&mut self) -> Result<Reply, Error> {
        self.emit(Status::ReceivingResponse);
        let reply = self.read_reply().await?;
        self.emit(Status::ResponseReceived(reply.text.len() as u32));
        Ok(reply)
    }

    async fn login(&mut self, config: &FtpConfig) -> Result<(), Error> {
        let mut welcome = self.receive().await?;
        while welcome.is_preliminary() {
            welcome = self.receive().await?;
        }
        if !welcome.is_success() {
            return Err(reply_error(&welcome));
        }
        let user = config.user.as_deref().unwrap_or("anonymous");
        let reply = self.internal(&format!("USER {user}")).await?;
        let reply = if reply.is_intermediate() {
            let password = config.password.as_deref().unwrap_or(match config.user {
                None => ANONYMOUS_PASSWORD,
                Some(_) => "",
            });
            self.internal(&format!("PASS {password}")).await?
        } else {
            reply
        };
        if reply.is_success() {
            Ok(())
        } else {
            Err(Error::LoginFailure)
        }
    }

    /// Reads one line, keeping at most `MAX_LINE` bytes of it.
    async fn read_line(&mut self) -> Result<Vec<u8>, Error> {
        let stream = self.stream()?;
        let mut line = Vec::new();
        loop {
            let avail = stream.fill_buf().await.map_err(|e| from_io(&e, false))?;
            if avail.is_empty() {
                return Err(Error::FtpDropped);
            }
            let (take, done) = match avail.iter().position(|&b| b == b'\n') {
                Some(i) => (i + 1, true),
                None => (avail.len(), false),
            };
            let room = MAX_LINE.saturating_sub(line.len());
            line.extend_from_slice(&avail[..take.min(room)]);
            stream.consume(take);
            if done {
                return Ok(line);
            }
        }
    }

    /// Reads one whole reply within the receive timeout. A broken reply
    /// drops the connection: nothing after it can be trusted.
    async fn read_reply(&mut self) -> Result<Reply, Error> {
        let limit = self.timeouts.receive;
        let result = within(limit, async {
            let mut parser = ReplyParser::new();
            loop {
                let line = self.read_line().await?;
                if let Some(reply) = parser.push(&line)? {
                    return Ok(reply);
                }
            }
        })
        .await;
        match result {
            Ok(reply) => {
                *self.last_reply.lock().unwrap_or_else(|p| p.into_inner()) = reply.text.clone();
                Ok(reply)
            }
            Err(e) => {
                self.stream = None;
                Err(e)
            }
        }
    }

    /// Reads the final replies of abandoned transfers.
    async fn settle(&mut self) -> Result<(), Error> {
        while self.owed > 0 {
            self.owed -= 1;
            self.read_reply().await?;
        }
        Ok(())
    }

    /// Sends one command the application asked for and returns its reply
    /// (whatever its code), with WinINet's progress: SENDING_REQUEST,
    /// REQUEST_SENT, RECEIVING_RESPONSE, RESPONSE_RECEIVED.
    pub async fn command(&mut self, cmd: &str) -> Result<Reply, Error> {
        self.send_command(cmd, true).await
    }

    /// Sends a command of the protocol's own (USER, TYPE, EPSV, SIZE, ...),
    /// whose reply alone is reported (RECEIVING_RESPONSE, RESPONSE_RECEIVED),
    /// as Wine 8 reports them.
    async fn internal(&mut self, cmd: &str) -> Result<Reply, Error> {
        self.send_command(cmd, false).await
    }

    /// `internal`, for a command that must succeed (2xx).
    async fn internal_ok(&mut self, cmd: &str) -> Result<Reply, Error> {
        let reply = self.internal(cmd).await?;
        if reply.is_success() {
            Ok(reply)
        } else {
            Err(reply_error(&reply))
        }
    }

    async fn send_command(&mut self, cmd: &str, announce: bool) -> Result<Reply, Error> {
        if cmd.contains(['\r', '\n']) {
            return Err(Error::InvalidParameter);
        }
        self.settle().await?;
        let line = format!("{cmd}\r\n");
        if announce {
            self.emit(Status::SendingRequest);
        }
        let limit = self.timeouts.send;
        let stream = self.stream()?;
        let sent = within(limit, async {
            stream
                .get_mut()
                .write_all(line.as_bytes())
                .await
                .map_err(|e| from_io(&e, false))
        })
        .await;
        if let Err(e) = sent {
            self.stream = None;
            return Err(e);
        }
        if announce {
            self.emit(Status::RequestSent(line.len() as u32));
        }
        self.emit(Status::ReceivingResponse);
        let reply = self.read_reply().await?;
        self.emit(Status::ResponseReceived(reply.text.len() as u32));
        Ok(reply)
    }

    /// A command that must succeed (2xx).
    pub async fn expect_ok(&mut self, cmd: &str) -> Result<Reply, Error> {
        let reply = self.command(cmd).await?;
        if reply.is_success() {
            Ok(reply)
        } else {
            Err(reply_error(&reply))
        }
    }

    /// `FtpGetCurrentDirectory`: PWD.
    pub async fn current_dir(&mut self) -> Result<String, Error> {
        let reply = self.expect_ok("PWD").await?;
        super::reply::parse_pwd(&reply).ok_or(Error::ExtendedError)
    }

    /// `FtpSetCurrentDirectory`: CWD.
    pub async fn change_dir(&mut self, dir: &str) -> Result<(), Error> {
        self.expect_ok(&format!("CWD {dir}")).await.map(drop)
    }

    /// `FtpCreateDirectory`: MKD.
    pub async fn make_dir(&mut self, dir: &str) -> Result<(), Error> {
        self.expect_ok(&format!("MKD {dir}")).await.map(drop)
    }

    /// `FtpRemoveDirectory`: RMD.
    pub async fn remove_dir(&mut self, dir: &str) -> Result<(), Error> {
        self.expect_ok(&format!("RMD {dir}")).await.map(drop)
    }

    /// `FtpDeleteFile`: DELE.
    pub async fn delete(&mut self, file: &str) -> Result<(), Error> {
        self.expect_ok(&format!("DELE {file}")).await.map(drop)
    }

    /// `FtpRenameFile`: RNFR (350), then RNTO.
    pub async fn rename(&mut self, from: &str, to: &str) -> Result<(), Error> {
        let reply = self.command(&format!("RNFR {from}")).await?;
        if !reply.is_intermediate() {
            return Err(reply_error(&reply));
        }
        self.expect_ok(&format!("RNTO {to}")).await.map(drop)
    }

    /// SIZE (RFC 3659), in the current transfer type.
    pub async fn size(&mut self, file: &str) -> Result<u64, Error> {
        let reply = self.internal_ok(&format!("SIZE {file}")).await?;
        reply
            .first_line()
            .trim()
            .parse()
            .map_err(|_| Error::ExtendedError)
    }

    /// Whether the server offers MLSD (RFC 3659): FEAT, asked once per
    /// session, lists MLST.
    pub async fn offers_mlsd(&mut self) -> Result<bool, Error> {
        if let Some(known) = self.mlsd {
            return Ok(known);
        }
        let reply = self.internal("FEAT").await?;
        let offered = reply.is_success()
            && reply
                .text
                .lines()
                .skip(1)
                .any(|l| l.trim_start().to_ascii_uppercase().starts_with("MLST"));
        self.mlsd = Some(offered);
        Ok(offered)
    }

    /// Sets the transfer type if it is not already in force.
    pub async fn set_type(&mut self, kind: TransferType) -> Result<(), Error> {
        if self.kind == Some(kind) {
            return Ok(());
        }
        let cmd = match kind {
            TransferType::Binary => "TYPE I",
            TransferType::Ascii => "TYPE A",
        };
        self.internal_ok(cmd).await?;
        self.kind = Some(kind);
        Ok(())
    }

    /// Prepares the data connection for the next transfer command.
    async fn prepare_data(&mut self) -> Result<DataPlan, Error> {
        if self.passive {
            return self.passive_data().await.map(DataPlan::Connected);
        }
        let listener = TcpListener::bind(SocketAddr::new(self.local.ip(), 0))
            .await
            .map_err(|_| Error::CannotConnect)?;
        let addr = listener.local_addr().map_err(|_| Error::CannotConnect)?;
        self.internal_ok(&port_command(addr)).await?;
        Ok(DataPlan::Listening(listener))
    }

    /// EPSV, then PASV if the server does not know EPSV. The data
    /// connection goes to the control connection's peer: the address in a
    /// 227 reply is not trusted (a server behind NAT gives a private one,
    /// and a hostile one could aim it elsewhere), as curl does by default.
    async fn passive_data(&mut self) -> Result<TcpStream, Error> {
        let mut port = None;
        if !self.no_epsv {
            let reply = self.internal("EPSV").await?;
            match (reply.code, parse_epsv(&reply.text)) {
                (229, Some(p)) => port = Some(p),
                (229, None) => return Err(Error::ExtendedError),
                _ => self.no_epsv = true,
            }
        }
        let port = match port {
            Some(p) => p,
            None if self.peer.is_ipv4() => {
                let reply = self.internal_ok("PASV").await?;
                parse_pasv(&reply.text).ok_or(Error::ExtendedError)?.port()
            }
            None => return Err(Error::FtpNoPassiveMode),
        };
        let target = SocketAddr::new(self.peer.ip(), port);
        within(self.timeouts.connect, async {
            TcpStream::connect(target)
                .await
                .map_err(|e| from_io(&e, true))
        })
        .await
    }

    /// Starts a transfer: the data connection, then `cmd` (RETR, STOR,
    /// LIST, ...), whose 1xx reply says the data flows.
    pub async fn start_transfer(
        &mut self,
        cmd: &str,
        kind: TransferType,
    ) -> Result<(TcpStream, Reply), Error> {
        self.set_type(kind).await?;
        let plan = self.prepare_data().await?;
        // A listing is reported as sent, RETR and STOR are not (Wine 8).
        let verb = cmd.get(..4).unwrap_or("").to_ascii_uppercase();
        let announce = verb != "RETR" && verb != "STOR";
        let reply = self.send_command(cmd, announce).await?;
        if !reply.is_preliminary() {
            return Err(reply_error(&reply));
        }
        self.owed += 1;
        let data = match plan {
            DataPlan::Connected(s) => s,
            DataPlan::Listening(listener) => {
                // The server connects to us: bounded by the connect timeout.
                let accepted = within(self.timeouts.connect, async {
                    listener.accept().await.map_err(|e| from_io(&e, true))
                })
                .await;
                match accepted {
                    Ok((s, _)) => s,
                    Err(e) => {
                        // The reply is owed still; the next command reads it.
                        return Err(e);
                    }
                }
            }
        };
        Ok((data, reply))
    }

    /// Reads the final reply of the transfer just ended (for a caller that
    /// holds the control connection already; see `Transfer::mark_finished`).
    pub async fn end_transfer(&mut self) -> Result<(), Error> {
        if self.owed == 0 {
            return Ok(());
        }
        self.owed -= 1;
        let reply = self.receive().await?;
        if reply.is_success() {
            Ok(())
        } else {
            Err(reply_error(&reply))
        }
    }
}

enum DataPlan {
    Connected(TcpStream),
    Listening(TcpListener),
}

/// Which way a transfer's bytes go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Download,
    Upload,
}

/// One transfer's data connection (an open FTP file, a listing, a
/// command's output).
pub struct Transfer {
    client: FtpClient,
    data: Option<TcpStream>,
    direction: Direction,
    timeouts: Timeouts,
    /// The size the server announced (SIZE, or the 150 reply).
    pub size: Option<u64>,
    /// The data ended and the final reply was read.
    finished: bool,
    /// How the transfer ended, once it has.
    outcome: Option<Result<(), Error>>,
}

impl Transfer {
    /// Opens `cmd`'s transfer on `client`, with `control` its locked
    /// control connection. `size_hint`: what SIZE said before.
    pub async fn open(
        client: &FtpClient,
        control: &mut Control,
        cmd: &str,
        kind: TransferType,
        direction: Direction,
        size_hint: Option<u64>,
    ) -> Result<Transfer, Error> {
        let (data, reply) = control.start_transfer(cmd, kind).await?;
        let _ = data.set_nodelay(true);
        Ok(Transfer {
            client: client.clone(),
            data: Some(data),
            direction,
            timeouts: control.timeouts,
            size: size_hint.or_else(|| size_in_150(&reply)),
            finished: false,
            outcome: None,
        })
    }

    /// Whether the data has ended (and its final reply been read).
    pub fn is_finished(&self) -> bool {
        self.finished
    }

    /// Reads downloaded bytes; 0 at the end, after the server's final
    /// reply confirmed the transfer (a transfer the server cut fails here).
    pub async fn read(&mut self, buf: &mut [u8]) -> Result<usize, Error> {
        if let Some(done) = self.outcome {
            return done.map(|()| 0);
        }
        if buf.is_empty() {
            return Ok(0);
        }
        let data = self.data.as_mut().ok_or(Error::InvalidOperation)?;
        let n = within(self.timeouts.receive, async {
            data.read(buf).await.map_err(|e| from_io(&e, false))
        })
        .await;
        match n {
            Ok(0) => self.finish().await.map(|()| 0),
            Ok(n) => Ok(n),
            Err(e) => {
                self.data = None;
                self.outcome = Some(Err(e));
                Err(e)
            }
        }
    }

    /// Reads downloaded bytes, 0 at the end, without reading the final
    /// reply: for a caller holding the control connection, which then calls
    /// `Control::end_transfer` and `mark_finished`.
    pub async fn read_data(&mut self, buf: &mut [u8]) -> Result<usize, Error> {
        let data = self.data.as_mut().ok_or(Error::InvalidOperation)?;
        within(self.timeouts.receive, async {
            data.read(buf).await.map_err(|e| from_io(&e, false))
        })
        .await
    }

    /// Records that the caller read the final reply itself.
    pub fn mark_finished(&mut self) {
        self.data = None;
        self.finished = true;
        self.outcome = Some(Ok(()));
    }

    /// Bytes that can be read now without waiting, waiting for at least
    /// one (0 at the end of the data, once the final reply confirmed it):
    /// `InternetQueryDataAvailable`.
    pub async fn available(&mut self) -> Result<usize, Error> {
        if let Some(done) = self.outcome {
            return done.map(|()| 0);
        }
        let data = self.data.as_mut().ok_or(Error::InvalidOperation)?;
        let mut probe = [0u8; 64 * 1024];
        let n = within(self.timeouts.receive, async {
            data.peek(&mut probe).await.map_err(|e| from_io(&e, false))
        })
        .await?;
        if n == 0 {
            self.finish().await?;
        }
        Ok(n)
    }

    /// Drops the data connection of a transfer given up (its handle
    /// closed): the final reply stays owed, read before the next command.
    /// Closing an upload's connection ends the file there.
    pub fn abandon(&mut self) {
        self.data = None;
    }

    /// Which way the bytes go.
    pub fn direction(&self) -> Direction {
        self.direction
    }

    /// Reads until `buf` is full or the data ends.
    pub async fn read_full(&mut self, buf: &mut [u8]) -> Result<usize, Error> {
        let mut n = 0;
        while n < buf.len() {
            match self.read(&mut buf[n..]).await {
                Ok(0) => break,
                Ok(k) => n += k,
                // Bytes already taken are this read's; the error sticks.
                Err(_) if n > 0 => break,
                Err(e) => return Err(e),
            }
        }
        Ok(n)
    }

    /// Writes uploaded bytes.
    pub async fn write(&mut self, buf: &[u8]) -> Result<usize, Error> {
        if self.direction != Direction::Upload || self.finished {
            return Err(Error::InvalidOperation);
        }
        let data = self.data.as_mut().ok_or(Error::ConnectionAborted)?;
        within(self.timeouts.send, async {
            data.write_all(buf).await.map_err(|e| from_io(&e, false))
        })
        .await?;
        Ok(buf.len())
    }

    /// Ends the transfer: closes the data connection (the end of an
    /// upload) and reads the server's final reply.
    pub async fn finish(&mut self) -> Result<(), Error> {
        if let Some(done) = self.outcome {
            return done;
        }
        if let Some(mut data) = self.data.take() {
            if self.direction == Direction::Upload {
                let _ = within(self.timeouts.send, async {
                    data.shutdown().await.map_err(|e| from_io(&e, false))
                })
                .await;
            }
        }
        let mut control = self.client.lock().await;
        // Silently: the operation reading this file is not the one whose
        // progress the session's sink reports.
        let sink = control.sink.take();
        let result = control.end_transfer().await;
        control.sink = sink;
        self.finished = true;
        self.outcome = Some(result);
        result
    }
}
