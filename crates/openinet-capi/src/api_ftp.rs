//! FTP: `InternetConnect(INTERNET_SERVICE_FTP)`, the `Ftp*` functions,
//! `InternetFindNextFile`, reading and writing FTP file handles, and
//! `ftp://` URLs in `InternetOpenUrl`, over the engine's `openinet::ftp`.
//!
//! Each function runs on the same machinery as HTTP (`ops`): in sync mode
//! the caller waits and receives the progress callbacks; in async mode the
//! call returns FALSE/NULL with `ERROR_IO_PENDING` and REQUEST_COMPLETE
//! follows on the connect handle, carrying a new handle (FtpOpenFile,
//! FtpFindFirstFile, InternetConnect) in `dwResult`. A handle an
//! asynchronous call makes is announced by HANDLE_CREATED on the connect
//! handle's queue, so it always comes before that REQUEST_COMPLETE.
//!
//! Where Wine departs from Microsoft's documentation we follow the
//! documentation (each place says so): a find with no match is NULL with
//! `ERROR_NO_MORE_FILES`; one open file or find per session
//! (`ERROR_FTP_TRANSFER_IN_PROGRESS`); `FILE_ATTRIBUTE_NORMAL` for plain
//! files; FtpGetFileSize gives the real size; asynchronous FtpOpenFile and
//! FtpFindFirstFile pend; FtpGetCurrentDirectory reports the size it needs.
//!
//! Not done: the HTML listing WinINet makes for a directory URL without
//! `INTERNET_FLAG_RAW_DATA` (a directory URL gives a find handle, read
//! with InternetFindNextFile, either way).

use crate::dispatch::{self, Event};
use crate::ffi::*;
use crate::handles::{self, lock, Handle, Kind, NewHandle};
use crate::ops;
use crate::types::{FILETIME, LPCVOID, MAX_PATH, WIN32_FIND_DATAA, WIN32_FIND_DATAW};
use openinet::consts::*;
use openinet::ftp::{
    BusyGuard, Control, Direction, Entry, FtpClient, FtpConfig, FtpTarget, Transfer, TransferType,
};
use openinet::{Error, Status, StatusSink};
use std::collections::VecDeque;
use std::future::Future;
use std::sync::{Arc, Mutex, OnceLock};
use tokio::sync::OwnedMutexGuard;

/// The session behind an FTP connect handle: set once logged in (an
/// asynchronous InternetConnect makes the handle before it logs in).
#[derive(Default)]
pub struct FtpSession {
    client: Mutex<Option<FtpClient>>,
}

impl FtpSession {
    fn client(&self) -> Result<FtpClient, Error> {
        lock(&self.client)
            .clone()
            .ok_or(Error::IncorrectHandleState)
    }
}

/// An open file (FtpOpenFile, InternetOpenUrl) or a command's data
/// (FtpCommand): its transfer, and the session's claim while it is open.
#[derive(Default)]
pub struct FtpFile {
    transfer: OnceLock<Arc<tokio::sync::Mutex<Transfer>>>,
    size: OnceLock<Option<u64>>,
    busy: Mutex<Option<BusyGuard>>,
}

impl FtpFile {
    fn opened(transfer: Transfer, busy: Option<BusyGuard>) -> FtpFile {
        let file = FtpFile::default();
        file.fill(transfer, busy);
        file
    }

    fn fill(&self, transfer: Transfer, busy: Option<BusyGuard>) {
        let _ = self.size.set(transfer.size);
        let _ = self
            .transfer
            .set(Arc::new(tokio::sync::Mutex::new(transfer)));
        *lock(&self.busy) = busy;
    }

    fn transfer(&self) -> Result<Arc<tokio::sync::Mutex<Transfer>>, Error> {
        self.transfer
            .get()
            .cloned()
            .ok_or(Error::IncorrectHandleState)
    }
}

/// A listing read by FtpFindFirstFile: the entries not returned yet.
#[derive(Default)]
pub struct FtpFind {
    entries: Mutex<VecDeque<Entry>>,
    busy: Mutex<Option<BusyGuard>>,
}

/// Closing an FTP handle: a connect handle's control connection closes
/// (its children, closed first, gave up their transfers); a file gives up
/// its data connection (the final reply is read before the next command);
/// both release the session for the next file or find.
pub(crate) fn on_close(handle: &Arc<Handle>) {
    match &handle.kind {
        Kind::FtpConnect(s) => {
            if let Some(client) = lock(&s.client).take() {
                // The control connection closes, as WinINet reports it
                // (Wine 8: CLOSING_CONNECTION, CONNECTION_CLOSED, then
                // HANDLE_CLOSING).
                let close = || {
                    dispatch::notify(handle, Status::ClosingConnection);
                    client.close();
                    dispatch::notify(handle, Status::ConnectionClosed);
                };
                if handle.is_async {
                    close();
                } else {
                    ops::with_caller_route(handle, close);
                }
            }
        }
        Kind::FtpFile(f) => {
            if let Some(t) = f.transfer.get() {
                if let Ok(mut t) = t.try_lock() {
                    t.abandon();
                }
            }
            lock(&f.busy).take();
        }
        Kind::FtpFind(f) => {
            lock(&f.busy).take();
            lock(&f.entries).clear();
        }
        _ => {}
    }
}

/// Progress of an operation, reported on `handle`. Weak: the session keeps
/// its last sink, and must not keep its own handle alive.
fn sink_for(handle: &Arc<Handle>) -> StatusSink {
    let weak = Arc::downgrade(handle);
    Arc::new(move |s: Status| {
        if let Some(h) = weak.upgrade() {
            dispatch::notify(&h, s);
        }
    })
}

/// Keeps the session's last reply for `InternetGetLastResponseInfo`.
fn record<T>(client: &FtpClient, outcome: &Result<T, Error>, this_thread: bool) {
    let code = outcome.as_ref().err().map_or(0, |e| e.code());
    crate::api_options::set_last_response(code, client.last_reply(), this_thread);
}

/// The FTP connect handle `h`, logged in: `ERROR_INVALID_HANDLE` for a
/// bad value, `ERROR_INTERNET_INCORRECT_HANDLE_TYPE` for another kind
/// (checked before the other arguments, as WinINet does).
fn session(h: HINTERNET) -> Result<(Arc<Handle>, Arc<FtpSession>), Error> {
    let handle = handles::get(h)?;
    let Kind::FtpConnect(s) = &handle.kind else {
        return Err(Error::IncorrectHandleType);
    };
    let s = s.clone();
    Ok((handle, s))
}

/// The session's client, free for a new operation.
fn free_client(s: &FtpSession) -> Result<FtpClient, Error> {
    let client = s.client()?;
    if client.is_busy() {
        return Err(Error::FtpTransferInProgress);
    }
    Ok(client)
}

/// An operation on the control connection, with its progress reported on `handle`.
fn on_control<T, F, Fut>(
    handle: &Arc<Handle>,
    client: &FtpClient,
    f: F,
) -> impl Future<Output = Result<T, Error>> + Send + 'static
where
    F: FnOnce(OwnedMutexGuard<Control>) -> Fut + Send + 'static,
    Fut: Future<Output = Result<T, Error>> + Send,
    T: Send + 'static,
{
    let sink = sink_for(handle);
    let client = client.clone();
    let owner = handle.clone();
    async move {
        let mut control = client.lock().await;
        control.set_sink(Some(sink));
        // Timeout options set on the handle since the last operation apply.
        let timeouts = crate::api_http::timeouts_of(&owner, control.timeouts());
        control.set_timeouts(timeouts);
        drop(owner);
        let outcome = f(control).await;
        record(&client, &outcome, false);
        outcome
    }
}

/// Runs an FTP operation on `handle`: sync, the value; async,
/// `ERROR_IO_PENDING`, and REQUEST_COMPLETE with `result(value)`.
fn run<T, F>(
    handle: &Arc<Handle>,
    client: &FtpClient,
    op: F,
    result: impl FnOnce(T) -> usize + Send + 'static,
) -> Result<T, Error>
where
    F: Future<Output = Result<T, Error>> + Send + 'static,
    T: Send + 'static,
{
    if handle.is_async {
        return Err(ops::spawn_async(
            handle,
            async move { op.await.map(result) },
        ));
    }
    let outcome = ops::run_sync(handle, op);
    record(client, &outcome, true);
    outcome
}

/// `ok_true` for a finished operation.
fn done<T>(outcome: Result<T, Error>) -> Result<BOOL, Error> {
    outcome.map(drop)?;
    ok_true()
}

/// A required name argument: NULL or empty is `ERROR_INVALID_PARAMETER`.
fn required(s: Option<String>) -> Result<String, Error> {
    s.filter(|s| !s.is_empty()).ok_or(Error::InvalidParameter)
}

/// The transfer type in `dwFlags`: ASCII, or binary (also for UNKNOWN).
/// Other values in the low bits are `ERROR_INVALID_PARAMETER`.
fn transfer_type(flags: DWORD) -> Result<TransferType, Error> {
    match flags & 0x7 {
        FTP_TRANSFER_TYPE_ASCII => Ok(TransferType::Ascii),
        FTP_TRANSFER_TYPE_UNKNOWN | FTP_TRANSFER_TYPE_BINARY => Ok(TransferType::Binary),
        _ => Err(Error::InvalidParameter),
    }
}

// ---- InternetConnect ----

/// `InternetConnect(INTERNET_SERVICE_FTP)`: logs in at once, as WinINet
/// does. Sync: the handle, or NULL with LOGIN_FAILURE / CANNOT_CONNECT /
/// ...; async: NULL with `ERROR_IO_PENDING`, the handle announced by
/// HANDLE_CREATED and completed by REQUEST_COMPLETE (a failed login
/// completes with `{0, error}`, the handle staying the application's to close).
pub(crate) fn connect(
    parent: &Arc<Handle>,
    server: String,
    port: INTERNET_PORT,
    user: Option<String>,
    password: Option<String>,
    flags: DWORD,
    context: DWORD_PTR,
) -> Result<HINTERNET, Error> {
    let Kind::Session(config) = &parent.kind else {
        return Err(Error::IncorrectHandleType);
    };
    let user = user.filter(|u| !u.is_empty());
    // A password with no user name (Wine's ftp.c test_connect, checked on Windows).
    if user.is_none() && password.is_some() {
        return Err(Error::InvalidParameter);
    }
    let base = lock(config).timeouts;
    let cfg = FtpConfig {
        host: server,
        port: if port == 0 {
            INTERNET_DEFAULT_FTP_PORT as u16
        } else {
            port
        },
        user,
        password,
        passive: flags & INTERNET_FLAG_PASSIVE != 0,
        timeouts: crate::api_http::timeouts_of(parent, base),
    };
    let session = Arc::new(FtpSession::default());
    let handle = handles::insert(NewHandle::child(
        parent,
        Kind::FtpConnect(session.clone()),
        flags,
        context,
    ))?;
    crate::api_session::announce_created(parent, &handle);
    login(&handle, session, cfg)
}

/// Logs `handle`'s session in (see `connect`).
fn login(
    handle: &Arc<Handle>,
    session: Arc<FtpSession>,
    cfg: FtpConfig,
) -> Result<HINTERNET, Error> {
    let sink = sink_for(handle);
    let replies = Arc::new(Mutex::new(String::new()));
    let kept = replies.clone();
    let async_mode = handle.is_async;
    let op = async move {
        let outcome = FtpClient::connect_keeping_reply(&cfg, Some(sink), kept.clone()).await;
        let code = outcome.as_ref().err().map_or(0, |e| e.code());
        crate::api_options::set_last_response(code, lock(&kept).clone(), false);
        let client = outcome?;
        *lock(&session.client) = Some(client);
        Ok(())
    };
    if async_mode {
        let value = handle.value;
        return Err(ops::spawn_async(
            handle,
            async move { op.await.map(|()| value) },
        ));
    }
    match ops::run_sync(handle, op) {
        Ok(()) => {
            let text = lock(&replies).clone();
            crate::api_options::set_last_response(0, text, true);
            set_last_error(0);
            Ok(handle.hinternet())
        }
        Err(e) => {
            let text = lock(&replies).clone();
            crate::api_options::set_last_response(e.code(), text, true);
            crate::api_session::close_tree(handle.clone());
            Err(e)
        }
    }
}

// ---- Commands without data ----

/// The shape of the simple commands.
enum Simple {
    SetDir(String),
    MakeDir(String),
    RemoveDir(String),
    Delete(String),
    Rename(String, String),
}

fn simple(h: HINTERNET, what: impl FnOnce() -> Result<Simple, Error>) -> Result<BOOL, Error> {
    let (handle, s) = session(h)?;
    let what = what()?;
    let client = free_client(&s)?;
    let op = on_control(&handle, &client, move |mut c| async move {
        match what {
            Simple::SetDir(d) => c.change_dir(&d).await,
            Simple::MakeDir(d) => c.make_dir(&d).await,
            Simple::RemoveDir(d) => c.remove_dir(&d).await,
            Simple::Delete(f) => c.delete(&f).await,
            Simple::Rename(a, b) => c.rename(&a, &b).await,
        }
    });
    done(run(&handle, &client, op, |()| 1))
}

macro_rules! simple_aw {
    ($a:ident, $w:ident, $variant:ident, $doc:literal) => {
        #[doc = $doc]
        #[no_mangle]
        pub unsafe extern "C" fn $a(h: HINTERNET, name: LPCSTR) -> BOOL {
            // SAFETY: NULL or NUL-terminated, per the API.
            boundary(|| {
                simple(h, || {
                    Ok(Simple::$variant(required(unsafe { opt_str_a(name) })?))
                })
            })
        }
        #[doc = $doc]
        #[no_mangle]
        pub unsafe extern "C" fn $w(h: HINTERNET, name: LPCWSTR) -> BOOL {
            // SAFETY: NULL or NUL-terminated UTF-16, per the API.
            boundary(|| {
                simple(h, || {
                    Ok(Simple::$variant(required(unsafe { opt_str_w(name) })?))
                })
            })
        }
    };
}

simple_aw!(
    FtpSetCurrentDirectoryA,
    FtpSetCurrentDirectoryW,
    SetDir,
    "CWD."
);
simple_aw!(FtpCreateDirectoryA, FtpCreateDirectoryW, MakeDir, "MKD.");
simple_aw!(FtpRemoveDirectoryA, FtpRemoveDirectoryW, RemoveDir, "RMD.");
simple_aw!(FtpDeleteFileA, FtpDeleteFileW, Delete, "DELE.");

/// RNFR + RNTO.
#[no_mangle]
pub unsafe extern "C" fn FtpRenameFileA(h: HINTERNET, from: LPCSTR, to: LPCSTR) -> BOOL {
    boundary(|| {
        simple(h, || {
            // SAFETY: NULL or NUL-terminated, per the API.
            let (a, b) = unsafe { (opt_str_a(from), opt_str_a(to)) };
            Ok(Simple::Rename(required(a)?, required(b)?))
        })
    })
}

/// RNFR + RNTO.
#[no_mangle]
pub unsafe extern "C" fn FtpRenameFileW(h: HINTERNET, from: LPCWSTR, to: LPCWSTR) -> BOOL {
    boundary(|| {
        simple(h, || {
            // SAFETY: NULL or NUL-terminated UTF-16, per the API.
            let (a, b) = unsafe { (opt_str_w(from), opt_str_w(to)) };
            Ok(Simple::Rename(required(a)?, required(b)?))
        })
    })
}

// ---- FtpGetCurrentDirectory ----

/// The caller's output string and its length, carried into an async operation.
struct OutStr<U> {
    buf: *mut U,
    len: *mut DWORD,
}
impl<U> Clone for OutStr<U> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<U> Copy for OutStr<U> {}
// SAFETY: lent by the caller until the operation completes or the handle
// closes; `ops::OpControl` keeps any write from happening after close.
unsafe impl<U> Send for OutStr<U> {}

impl<U: CharUnit> OutStr<U> {
    /// Writes `text` with FtpGetCurrentDirectory's length rules, as
    /// documented: on success the characters copied (without the NUL); a
    /// buffer too small gets `ERROR_INSUFFICIENT_BUFFER` and the size
    /// needed, in bytes, NUL included.
    ///
    /// # Safety
    /// `buf` NULL or valid for `*len` units; `len` valid.
    unsafe fn put(self, text: &str) -> Result<(), Error> {
        let units = U::encode(text);
        // SAFETY: `len` is valid (checked non-NULL by the caller).
        let cap = unsafe { *self.len } as usize;
        if self.buf.is_null() || cap < units.len() + 1 {
            // SAFETY: as above.
            unsafe { *self.len = ((units.len() + 1) * std::mem::size_of::<U>()) as DWORD };
            return Err(Error::InsufficientBuffer);
        }
        // SAFETY: `buf` holds at least `units.len() + 1` units.
        unsafe {
            std::ptr::copy_nonoverlapping(units.as_ptr(), self.buf, units.len());
            *self.buf.add(units.len()) = U::default();
            *self.len = units.len() as DWORD;
        }
        Ok(())
    }
}

unsafe fn current_dir<U: CharUnit>(h: HINTERNET, buf: *mut U, len: LPDWORD) -> Result<BOOL, Error> {
    let (handle, s) = session(h)?;
    if len.is_null() {
        return Err(Error::InvalidParameter);
    }
    let client = free_client(&s)?;
    let out = OutStr { buf, len };
    let op = on_control(&handle, &client, move |mut c| async move {
        let dir = c.current_dir().await?;
        // SAFETY: lent for the operation (see OutStr).
        unsafe { out.put(&dir) }
    });
    done(run(&handle, &client, op, |()| 1))
}

#[no_mangle]
pub unsafe extern "C" fn FtpGetCurrentDirectoryA(h: HINTERNET, buf: LPSTR, len: LPDWORD) -> BOOL {
    // SAFETY: pointers valid per the API.
    boundary(|| unsafe { current_dir::<u8>(h, buf as *mut u8, len) })
}

#[no_mangle]
pub unsafe extern "C" fn FtpGetCurrentDirectoryW(h: HINTERNET, buf: LPWSTR, len: LPDWORD) -> BOOL {
    // SAFETY: pointers valid per the API.
    boundary(|| unsafe { current_dir::<u16>(h, buf, len) })
}

// ---- New handles from an operation ----

/// Makes the file or find handle an operation opened, under the connect
/// handle, and announces it: at once on this thread (sync), or on the
/// connect handle's queue ahead of the REQUEST_COMPLETE that returns it.
fn new_child(
    parent: &Arc<Handle>,
    kind: Kind,
    flags: DWORD,
    context: DWORD_PTR,
) -> Result<Arc<Handle>, Error> {
    let child = handles::insert(NewHandle::child(parent, kind, flags, context))?;
    // Through the parent's queue (async) or the caller's route (sync): in
    // order with the operation's other statuses.
    dispatch::post(
        parent,
        Event {
            hinternet: parent.value,
            context,
            status: Status::HandleCreated(child.value),
        },
    );
    Ok(child)
}

/// The caller's handle slot of FtpCommand, carried into an async operation.
#[derive(Clone, Copy)]
struct OutHandle(*mut HINTERNET);
// SAFETY: as OutStr.
unsafe impl Send for OutHandle {}

// ---- FtpOpenFile / FtpCommand ----

fn open_file(
    h: HINTERNET,
    name: Option<String>,
    access: DWORD,
    flags: DWORD,
    context: DWORD_PTR,
) -> Result<HINTERNET, Error> {
    let (handle, s) = session(h)?;
    let name = required(name)?;
    let direction = match access {
        GENERIC_READ => Direction::Download,
        GENERIC_WRITE => Direction::Upload,
        _ => return Err(Error::InvalidParameter),
    };
    let kind = transfer_type(flags)?;
    let client = s.client()?;
    let busy = client.claim()?;
    let parent = handle.clone();
    let for_op = client.clone();
    let op = on_control(&handle, &client, move |mut c| async move {
        let size = match direction {
            Direction::Download => {
                c.set_type(kind).await?;
                c.size(&name).await.ok()
            }
            Direction::Upload => None,
        };
        let verb = if direction == Direction::Download {
            "RETR"
        } else {
            "STOR"
        };
        let t = Transfer::open(
            &for_op,
            &mut c,
            &format!("{verb} {name}"),
            kind,
            direction,
            size,
        )
        .await?;
        drop(c);
        let file = Arc::new(FtpFile::opened(t, Some(busy)));
        new_child(&parent, Kind::FtpFile(file), flags, context)
    });
    let child = run(&handle, &client, op, |c| c.value)?;
    set_last_error(0);
    Ok(child.hinternet())
}

#[no_mangle]
pub unsafe extern "C" fn FtpOpenFileA(
    h: HINTERNET,
    name: LPCSTR,
    access: DWORD,
    flags: DWORD,
    context: DWORD_PTR,
) -> HINTERNET {
    // SAFETY: NULL or NUL-terminated, per the API.
    boundary(|| open_file(h, unsafe { opt_str_a(name) }, access, flags, context))
}

#[no_mangle]
pub unsafe extern "C" fn FtpOpenFileW(
    h: HINTERNET,
    name: LPCWSTR,
    access: DWORD,
    flags: DWORD,
    context: DWORD_PTR,
) -> HINTERNET {
    // SAFETY: NULL or NUL-terminated UTF-16, per the API.
    boundary(|| open_file(h, unsafe { opt_str_w(name) }, access, flags, context))
}

/// `FtpCommand`: a command without data (TRUE unless the server answers
/// 4xx/5xx), or with its data read through the handle it returns.
fn command(
    h: HINTERNET,
    expect_response: BOOL,
    flags: DWORD,
    cmd: Option<String>,
    context: DWORD_PTR,
    out: *mut HINTERNET,
) -> Result<BOOL, Error> {
    let (handle, s) = session(h)?;
    let cmd = required(cmd)?;
    if cmd.contains(['\r', '\n']) {
        return Err(Error::InvalidParameter);
    }
    let kind = transfer_type(flags)?;
    let with_data = expect_response != 0;
    if with_data && out.is_null() {
        return Err(Error::InvalidParameter);
    }
    if !out.is_null() {
        // SAFETY: valid per the API when given.
        unsafe { *out = std::ptr::null_mut() };
    }
    let client = free_client(&s)?;
    if !with_data {
        let op = on_control(&handle, &client, move |mut c| async move {
            let reply = c.command(&cmd).await?;
            if reply.code >= 400 {
                return Err(openinet::ftp::reply_error(&reply));
            }
            Ok(())
        });
        return done(run(&handle, &client, op, |()| 1));
    }
    let busy = client.claim()?;
    let parent = handle.clone();
    let for_op = client.clone();
    let slot = OutHandle(out);
    let op = on_control(&handle, &client, move |mut c| async move {
        let t = Transfer::open(&for_op, &mut c, &cmd, kind, Direction::Download, None).await?;
        drop(c);
        let file = Arc::new(FtpFile::opened(t, Some(busy)));
        let child = new_child(&parent, Kind::FtpFile(file), flags, context)?;
        let slot = slot;
        // SAFETY: lent for the operation (see OutStr).
        unsafe { *slot.0 = child.hinternet() };
        Ok(child)
    });
    done(run(&handle, &client, op, |c| c.value))
}

#[no_mangle]
pub unsafe extern "C" fn FtpCommandA(
    h: HINTERNET,
    expect: BOOL,
    flags: DWORD,
    cmd: LPCSTR,
    context: DWORD_PTR,
    out: *mut HINTERNET,
) -> BOOL {
    // SAFETY: NULL or NUL-terminated, per the API.
    boundary(|| command(h, expect, flags, unsafe { opt_str_a(cmd) }, context, out))
}

#[no_mangle]
pub unsafe extern "C" fn FtpCommandW(
    h: HINTERNET,
    expect: BOOL,
    flags: DWORD,
    cmd: LPCWSTR,
    context: DWORD_PTR,
    out: *mut HINTERNET,
) -> BOOL {
    // SAFETY: NULL or NUL-terminated UTF-16, per the API.
    boundary(|| command(h, expect, flags, unsafe { opt_str_w(cmd) }, context, out))
}

/// `FtpGetFileSize` on a file handle: the size SIZE (or the 150 reply)
/// gave, the high half in `*high` (Wine: always 0; the documentation: the size).
#[no_mangle]
pub unsafe extern "C" fn FtpGetFileSize(h: HINTERNET, high: LPDWORD) -> DWORD {
    let outcome = std::panic::catch_unwind(|| {
        let handle = handles::get(h)?;
        let Kind::FtpFile(f) = &handle.kind else {
            return Err(Error::IncorrectHandleType);
        };
        f.size.get().copied().flatten().ok_or(Error::ExtendedError)
    });
    match outcome {
        Ok(Ok(size)) => {
            // SAFETY: NULL or valid, per the API.
            unsafe { put_dword(high, (size >> 32) as DWORD) };
            set_last_error(0);
            size as DWORD
        }
        Ok(Err(e)) => {
            set_last_error(e.code());
            INVALID_FILE_SIZE
        }
        Err(_) => {
            set_last_error(Error::InternalError.code());
            INVALID_FILE_SIZE
        }
    }
}

// ---- Reading, writing and probing a file handle ----

/// The caller's buffer and count, carried into an async read or write.
#[derive(Clone, Copy)]
struct UserBuf {
    buf: *mut u8,
    len: usize,
    count: *mut DWORD,
}
// SAFETY: as OutStr.
unsafe impl Send for UserBuf {}

impl UserBuf {
    /// # Safety
    /// Only while the caller's lending holds.
    unsafe fn slice<'a>(self) -> &'a mut [u8] {
        if self.len == 0 || self.buf.is_null() {
            return &mut [];
        }
        // SAFETY: valid for `len` bytes while lent.
        unsafe { std::slice::from_raw_parts_mut(self.buf, self.len) }
    }
}

/// InternetReadFile on an FTP file handle: fills the buffer, or stops at
/// the end of the data (0 bytes once the server confirmed the transfer).
pub(crate) fn read_file(
    handle: &Arc<Handle>,
    file: &FtpFile,
    buf: *mut u8,
    len: DWORD,
    count: LPDWORD,
) -> Result<BOOL, Error> {
    if buf.is_null() && len > 0 {
        return Err(Error::InvalidParameter);
    }
    let transfer = file.transfer()?;
    let out = UserBuf {
        buf,
        len: len as usize,
        count,
    };
    let task = async move {
        let mut t = transfer.lock_owned().await;
        if t.direction() != Direction::Download {
            return Err(Error::InvalidOperation);
        }
        // SAFETY: lent for the operation (see UserBuf).
        let n = t.read_full(unsafe { out.slice() }).await?;
        // SAFETY: as above.
        unsafe { put_dword(out.count, n as DWORD) };
        Ok(n)
    };
    if handle.is_async {
        ops::start_read(handle, task, |_| (1, 0))?;
    } else {
        ops::run_sync(handle, task)?;
    }
    ok_true()
}

/// InternetQueryDataAvailable on an FTP file handle.
pub(crate) fn query_available(
    handle: &Arc<Handle>,
    file: &FtpFile,
    available: LPDWORD,
) -> Result<BOOL, Error> {
    let transfer = file.transfer()?;
    #[derive(Clone, Copy)]
    struct Count(*mut DWORD);
    // SAFETY: as OutStr.
    unsafe impl Send for Count {}
    let count = Count(available);
    let task = async move {
        let count = count;
        let n = transfer.lock_owned().await.available().await?;
        // SAFETY: lent for the operation.
        unsafe { put_dword(count.0, n as DWORD) };
        Ok(n)
    };
    if handle.is_async {
        // SAFETY: NULL or valid, per the API.
        unsafe { put_dword(available, 0) };
        ops::start_read(handle, task, |n| (1, n as DWORD))?;
    } else {
        ops::run_sync(handle, task)?;
    }
    ok_true()
}

/// `InternetWriteFile`: on an FTP file opened for writing, sends the
/// bytes; an HTTP request's upload is written by `api_upload::write_file`.
#[no_mangle]
pub unsafe extern "C" fn InternetWriteFile(
    h: HINTERNET,
    buffer: LPCVOID,
    len: DWORD,
    written: LPDWORD,
) -> BOOL {
    boundary(|| {
        let handle = handles::get(h)?;
        if written.is_null() {
            return Err(Error::InvalidParameter);
        }
        // SAFETY: valid per the API.
        unsafe { *written = 0 };
        let Kind::FtpFile(file) = &handle.kind else {
            // HTTP request handles (HttpSendRequestEx uploads) and the rest.
            // SAFETY: `buffer` and `written` as this function's contract.
            return unsafe { crate::api_upload::write_file(&handle, buffer, len, written) };
        };
        if buffer.is_null() && len > 0 {
            return Err(Error::InvalidParameter);
        }
        let transfer = file.transfer()?;
        let src = UserBuf {
            buf: buffer as *mut u8,
            len: len as usize,
            count: written,
        };
        let task = async move {
            let mut t = transfer.lock_owned().await;
            // SAFETY: lent for the operation (see UserBuf).
            let n = t.write(unsafe { src.slice() }).await?;
            // SAFETY: as above.
            unsafe { put_dword(src.count, n as DWORD) };
            Ok(n)
        };
        if handle.is_async {
            ops::start_read(&handle, task, |_| (1, 0))?;
        } else {
            ops::run_sync(&handle, task)?;
        }
        ok_true()
    })
}

// ---- FtpFindFirstFile / InternetFindNextFile ----

/// Where a find's entry goes: the caller's WIN32_FIND_DATAA or W.
#[derive(Clone, Copy)]
enum FindOut {
    A(*mut WIN32_FIND_DATAA),
    W(*mut WIN32_FIND_DATAW),
}
// SAFETY: as OutStr.
unsafe impl Send for FindOut {}

fn filetime(t: Option<u64>) -> FILETIME {
    let t = t.unwrap_or(0);
    FILETIME {
        dwLowDateTime: t as DWORD,
        dwHighDateTime: (t >> 32) as DWORD,
    }
}

/// Copies `name` into a fixed name field, cut to fit with its NUL.
fn copy_name<U: CharUnit>(name: &str, field: &mut [U]) {
    let mut units = U::encode(name);
    if std::mem::size_of::<U>() == 1 {
        // Cut at a character boundary.
        let mut cut = name.len().min(field.len() - 1);
        while !name.is_char_boundary(cut) {
            cut -= 1;
        }
        units.truncate(cut);
    } else {
        units.truncate(field.len() - 1);
    }
    field.fill(U::default());
    field[..units.len()].copy_from_slice(&units);
}

impl FindOut {
    /// # Safety
    /// The pointer is NULL or valid (lent for the operation).
    unsafe fn put(self, e: &Entry) {
        macro_rules! fill {
            ($p:expr, $unit:ty) => {{
                if $p.is_null() {
                    return;
                }
                // SAFETY: valid per the caller; every field is plain data,
                // and zero is a valid value for each.
                let d = unsafe { &mut *$p };
                // SAFETY: as above.
                unsafe { std::ptr::write_bytes($p, 0, 1) };
                d.dwFileAttributes = e.attributes();
                let t = filetime(e.modified);
                d.ftCreationTime = t;
                d.ftLastAccessTime = t;
                d.ftLastWriteTime = t;
                d.nFileSizeHigh = (e.size >> 32) as DWORD;
                d.nFileSizeLow = e.size as DWORD;
                // SAFETY: c_char and u8 have the same layout (A only).
                let name: &mut [$unit] = unsafe {
                    std::slice::from_raw_parts_mut(d.cFileName.as_mut_ptr().cast(), MAX_PATH)
                };
                copy_name::<$unit>(&e.name, name);
            }};
        }
        match self {
            FindOut::A(p) => fill!(p, u8),
            FindOut::W(p) => fill!(p, u16),
        }
    }
}

fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

fn find_first(
    h: HINTERNET,
    pattern: Option<String>,
    out: FindOut,
    flags: DWORD,
    context: DWORD_PTR,
) -> Result<HINTERNET, Error> {
    let (handle, s) = session(h)?;
    let client = s.client()?;
    let busy = client.claim()?;
    let parent = handle.clone();
    let for_op = client.clone();
    let op = on_control(&handle, &client, move |mut c| async move {
        let entries = openinet::ftp::list(&for_op, &mut c, pattern.as_deref(), now_unix()).await;
        drop(c);
        // A server that refuses the listing (450/550 for a name that does
        // not exist) is ERROR_INTERNET_EXTENDED_ERROR; an empty listing
        // (a pattern matching nothing) is NULL with ERROR_NO_MORE_FILES, as
        // documented (Wine: last error 0). Both as Wine's ftp.c
        // test_find_first_file asserts on Windows.
        let mut entries: VecDeque<Entry> = entries?.into();
        let first = entries.pop_front().ok_or(Error::NoMoreFiles)?;
        // SAFETY: lent for the operation (see FindOut).
        unsafe { out.put(&first) };
        let find = Arc::new(FtpFind {
            entries: Mutex::new(entries),
            busy: Mutex::new(Some(busy)),
        });
        new_child(&parent, Kind::FtpFind(find), flags, context)
    });
    let child = run(&handle, &client, op, |c| c.value)?;
    set_last_error(0);
    Ok(child.hinternet())
}

#[no_mangle]
pub unsafe extern "C" fn FtpFindFirstFileA(
    h: HINTERNET,
    pattern: LPCSTR,
    data: *mut WIN32_FIND_DATAA,
    flags: DWORD,
    context: DWORD_PTR,
) -> HINTERNET {
    // SAFETY: NULL or NUL-terminated, per the API.
    boundary(|| {
        find_first(
            h,
            unsafe { opt_str_a(pattern) },
            FindOut::A(data),
            flags,
            context,
        )
    })
}

#[no_mangle]
pub unsafe extern "C" fn FtpFindFirstFileW(
    h: HINTERNET,
    pattern: LPCWSTR,
    data: *mut WIN32_FIND_DATAW,
    flags: DWORD,
    context: DWORD_PTR,
) -> HINTERNET {
    // SAFETY: NULL or NUL-terminated UTF-16, per the API.
    boundary(|| {
        find_first(
            h,
            unsafe { opt_str_w(pattern) },
            FindOut::W(data),
            flags,
            context,
        )
    })
}

/// The next entry of a find handle; `ERROR_NO_MORE_FILES` after the last.
/// The listing was read by FtpFindFirstFile, so this never waits.
fn find_next(h: HINTERNET, out: FindOut) -> Result<BOOL, Error> {
    let handle = handles::get(h)?;
    let Kind::FtpFind(find) = &handle.kind else {
        return Err(Error::IncorrectHandleType);
    };
    let next = lock(&find.entries).pop_front().ok_or(Error::NoMoreFiles)?;
    // SAFETY: valid per the API (NULL skipped).
    unsafe { out.put(&next) };
    ok_true()
}

#[no_mangle]
pub unsafe extern "C" fn InternetFindNextFileA(h: HINTERNET, data: LPVOID) -> BOOL {
    boundary(|| find_next(h, FindOut::A(data.cast())))
}

#[no_mangle]
pub unsafe extern "C" fn InternetFindNextFileW(h: HINTERNET, data: LPVOID) -> BOOL {
    boundary(|| find_next(h, FindOut::W(data.cast())))
}

// ---- FtpGetFile / FtpPutFile ----

/// Local file errors as WinINet reports them.
fn local_error(e: &std::io::Error) -> Error {
    match e.kind() {
        std::io::ErrorKind::NotFound => Error::FileNotFound,
        std::io::ErrorKind::AlreadyExists => Error::FileExists,
        _ => Error::AccessDenied,
    }
}

/// Bytes per local read or write in FtpGetFile / FtpPutFile.
const COPY_CHUNK: usize = 256 * 1024;

#[allow(clippy::too_many_arguments)]
fn get_file(
    h: HINTERNET,
    remote: Option<String>,
    local: Option<String>,
    fail_if_exists: BOOL,
    attributes: DWORD,
    flags: DWORD,
) -> Result<BOOL, Error> {
    // The names come first, before the handle (Wine's ftp.c test_getfile,
    // checked on Windows).
    let (remote, local) = (required(remote)?, required(local)?);
    let (handle, s) = session(h)?;
    let kind = transfer_type(flags)?;
    let local = std::path::PathBuf::from(local);
    if fail_if_exists != 0 && local.exists() {
        return Err(Error::FileExists);
    }
    let client = s.client()?;
    let busy = client.claim()?;
    let for_op = client.clone();
    let op = on_control(&handle, &client, move |mut c| async move {
        let _busy = busy;
        let mut t = Transfer::open(
            &for_op,
            &mut c,
            &format!("RETR {remote}"),
            kind,
            Direction::Download,
            None,
        )
        .await?;
        drop(c);
        // The local file exists only once the server agreed to send.
        let mut file = std::fs::File::create(&local).map_err(|e| local_error(&e))?;
        let mut buf = vec![0u8; COPY_CHUNK];
        let copied: Result<(), Error> = async {
            loop {
                let n = t.read_full(&mut buf).await?;
                if n == 0 {
                    return Ok(());
                }
                std::io::Write::write_all(&mut file, &buf[..n]).map_err(|e| local_error(&e))?;
            }
        }
        .await;
        drop(file);
        if let Err(e) = copied {
            let _ = std::fs::remove_file(&local);
            return Err(e);
        }
        if attributes & FILE_ATTRIBUTE_READONLY != 0 {
            if let Ok(meta) = std::fs::metadata(&local) {
                let mut perms = meta.permissions();
                perms.set_readonly(true);
                let _ = std::fs::set_permissions(&local, perms);
            }
        }
        Ok(())
    });
    done(run(&handle, &client, op, |()| 1))
}

#[no_mangle]
pub unsafe extern "C" fn FtpGetFileA(
    h: HINTERNET,
    remote: LPCSTR,
    local: LPCSTR,
    fail_if_exists: BOOL,
    attributes: DWORD,
    flags: DWORD,
    _context: DWORD_PTR,
) -> BOOL {
    // SAFETY: NULL or NUL-terminated, per the API.
    boundary(|| unsafe {
        get_file(
            h,
            opt_str_a(remote),
            opt_str_a(local),
            fail_if_exists,
            attributes,
            flags,
        )
    })
}

#[no_mangle]
pub unsafe extern "C" fn FtpGetFileW(
    h: HINTERNET,
    remote: LPCWSTR,
    local: LPCWSTR,
    fail_if_exists: BOOL,
    attributes: DWORD,
    flags: DWORD,
    _context: DWORD_PTR,
) -> BOOL {
    // SAFETY: NULL or NUL-terminated UTF-16, per the API.
    boundary(|| unsafe {
        get_file(
            h,
            opt_str_w(remote),
            opt_str_w(local),
            fail_if_exists,
            attributes,
            flags,
        )
    })
}

/// FtpGetFile with an 8-bit remote name and a UTF-16 local one.
#[no_mangle]
pub unsafe extern "C" fn FtpGetFileEx(
    h: HINTERNET,
    remote: LPCSTR,
    local: LPCWSTR,
    fail_if_exists: BOOL,
    attributes: DWORD,
    flags: DWORD,
    _context: DWORD_PTR,
) -> BOOL {
    // SAFETY: NULL or NUL-terminated, per the API.
    boundary(|| unsafe {
        get_file(
            h,
            opt_str_a(remote),
            opt_str_w(local),
            fail_if_exists,
            attributes,
            flags,
        )
    })
}

fn put_file(
    h: HINTERNET,
    local: Option<String>,
    remote: Option<String>,
    flags: DWORD,
) -> Result<BOOL, Error> {
    let (handle, s) = session(h)?;
    let (local, remote) = (required(local)?, required(remote)?);
    let kind = transfer_type(flags)?;
    // A missing local file fails before anything is sent.
    let mut file = std::fs::File::open(&local).map_err(|e| local_error(&e))?;
    let client = s.client()?;
    let busy = client.claim()?;
    let for_op = client.clone();
    let op = on_control(&handle, &client, move |mut c| async move {
        let _busy = busy;
        let mut t = Transfer::open(
            &for_op,
            &mut c,
            &format!("STOR {remote}"),
            kind,
            Direction::Upload,
            None,
        )
        .await?;
        drop(c);
        let mut buf = vec![0u8; COPY_CHUNK];
        loop {
            let n = std::io::Read::read(&mut file, &mut buf).map_err(|e| local_error(&e))?;
            if n == 0 {
                break;
            }
            t.write(&buf[..n]).await?;
        }
        t.finish().await
    });
    done(run(&handle, &client, op, |()| 1))
}

#[no_mangle]
pub unsafe extern "C" fn FtpPutFileA(
    h: HINTERNET,
    local: LPCSTR,
    remote: LPCSTR,
    flags: DWORD,
    _context: DWORD_PTR,
) -> BOOL {
    // SAFETY: NULL or NUL-terminated, per the API.
    boundary(|| unsafe { put_file(h, opt_str_a(local), opt_str_a(remote), flags) })
}

#[no_mangle]
pub unsafe extern "C" fn FtpPutFileW(
    h: HINTERNET,
    local: LPCWSTR,
    remote: LPCWSTR,
    flags: DWORD,
    _context: DWORD_PTR,
) -> BOOL {
    // SAFETY: NULL or NUL-terminated UTF-16, per the API.
    boundary(|| unsafe { put_file(h, opt_str_w(local), opt_str_w(remote), flags) })
}

/// FtpPutFile with a UTF-16 local name and an 8-bit remote one.
#[no_mangle]
pub unsafe extern "C" fn FtpPutFileEx(
    h: HINTERNET,
    local: LPCWSTR,
    remote: LPCSTR,
    flags: DWORD,
    _context: DWORD_PTR,
) -> BOOL {
    // SAFETY: NULL or NUL-terminated, per the API.
    boundary(|| unsafe { put_file(h, opt_str_w(local), opt_str_a(remote), flags) })
}

// ---- InternetOpenUrl("ftp://...") ----

/// `InternetOpenUrl` for an `ftp://` URL: logs in (as the URL's user, or
/// anonymously) on a connect handle of the library's own, then opens the
/// file for reading, or lists the directory a URL ending in `/` names.
pub(crate) fn open_url(
    parent: &Arc<Handle>,
    url: &str,
    flags: DWORD,
    context: DWORD_PTR,
) -> Result<HINTERNET, Error> {
    let Kind::Session(config) = &parent.kind else {
        return Err(Error::IncorrectHandleType);
    };
    let target = FtpTarget::parse(url)?;
    let base = lock(config).timeouts;
    let password = match (&target.user, &target.password) {
        (Some(_), p) => p.clone(),
        (None, _) => None,
    };
    let cfg = FtpConfig {
        host: target.host.clone(),
        port: target.port,
        user: target.user.clone(),
        password,
        passive: flags & INTERNET_FLAG_PASSIVE != 0,
        timeouts: crate::api_http::timeouts_of(parent, base),
    };
    let session = Arc::new(FtpSession::default());
    // As for HTTP: a silent connect handle of the library's own, closed
    // with its only child.
    let connect = handles::insert(NewHandle {
        hidden: true,
        ..NewHandle::child(parent, Kind::FtpConnect(session.clone()), 0, 0)
    })?;
    let dir = target.is_directory();
    let file = Arc::new(FtpFile::default());
    let find = Arc::new(FtpFind::default());
    let kind = if dir {
        Kind::FtpFind(find.clone())
    } else {
        Kind::FtpFile(file.clone())
    };
    let child = match handles::insert(NewHandle::child(&connect, kind, flags, context)) {
        Ok(c) => c,
        Err(e) => {
            crate::api_session::close_tree(connect);
            return Err(e);
        }
    };
    // HANDLE_CREATED as for HTTP's InternetOpenUrl.
    let _hold = crate::api_session::announce_opened(&connect, &child, context);
    let sink = sink_for(&child);
    let kind = if target.ascii {
        TransferType::Ascii
    } else {
        TransferType::Binary
    };
    let path = target.path.clone();
    let op = async move {
        let kept = Arc::new(Mutex::new(String::new()));
        let client = FtpClient::connect_keeping_reply(&cfg, Some(sink), kept.clone()).await;
        let client = match client {
            Ok(c) => c,
            Err(e) => {
                crate::api_options::set_last_response(e.code(), lock(&kept).clone(), false);
                return Err(e);
            }
        };
        *lock(&session.client) = Some(client.clone());
        let busy = client.claim()?;
        let mut c = client.lock().await;
        let outcome = if dir {
            match openinet::ftp::list(&client, &mut c, Some(&path), now_unix()).await {
                Ok(entries) => {
                    *lock(&find.entries) = entries.into();
                    *lock(&find.busy) = Some(busy);
                    Ok(())
                }
                Err(e) => Err(e),
            }
        } else {
            c.set_type(kind).await?;
            let size = c.size(&path).await.ok();
            let cmd = format!("RETR {path}");
            match Transfer::open(&client, &mut c, &cmd, kind, Direction::Download, size).await {
                Ok(t) => {
                    file.fill(t, Some(busy));
                    Ok(())
                }
                Err(e) => Err(e),
            }
        };
        drop(c);
        record(&client, &outcome, false);
        outcome
    };
    if child.is_async {
        let value = child.value;
        return Err(ops::spawn_async(
            &child,
            async move { op.await.map(|()| value) },
        ));
    }
    match ops::run_sync(&child, op) {
        Ok(()) => {
            set_last_error(0);
            Ok(child.hinternet())
        }
        Err(e) => {
            crate::api_session::close_tree(child);
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cut_to_fit_with_their_nul() {
        let mut a = [1u8; 5];
        copy_name::<u8>("h\u{e9}llo", &mut a);
        // "h" + 2-byte "é" + "l" = 4 bytes, then the NUL.
        assert_eq!(&a, b"h\xc3\xa9l\0");
        let mut w = [1u16; 3];
        copy_name::<u16>("abc", &mut w);
        assert_eq!(w, [b'a' as u16, b'b' as u16, 0]);
    }

    #[test]
    fn transfer_types() {
        assert_eq!(transfer_type(0), Ok(TransferType::Binary));
        assert_eq!(
            transfer_type(FTP_TRANSFER_TYPE_ASCII),
            Ok(TransferType::Ascii)
        );
        assert_eq!(
            transfer_type(FTP_TRANSFER_TYPE_BINARY | INTERNET_FLAG_RELOAD),
            Ok(TransferType::Binary)
        );
        assert_eq!(transfer_type(5), Err(Error::InvalidParameter));
        assert_eq!(transfer_type(3), Err(Error::InvalidParameter));
    }
}
