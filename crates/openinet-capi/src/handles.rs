//! The HINTERNET table: handle values are slots in a generational table,
//! never pointers, so a stale, closed or forged value is
//! `ERROR_INVALID_HANDLE`, never a dangling dereference.
//!
//! A value is `(generation << 32) | (slot + 1)`: never NULL, and a reused
//! slot gets a new generation, so an old value stays invalid.

use crate::dispatch::Dispatcher;
use crate::ffi::HINTERNET;
use openinet::consts::{
    INTERNET_HANDLE_TYPE_CONNECT_FTP, INTERNET_HANDLE_TYPE_CONNECT_HTTP,
    INTERNET_HANDLE_TYPE_FTP_FILE, INTERNET_HANDLE_TYPE_FTP_FIND,
    INTERNET_HANDLE_TYPE_HTTP_REQUEST, INTERNET_HANDLE_TYPE_INTERNET,
};
use openinet::{Connection, Error, Request, SessionConfig};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

/// `INTERNET_HANDLE_TYPE_*` of the handles we make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HandleType {
    Internet = INTERNET_HANDLE_TYPE_INTERNET as isize,
    ConnectHttp = INTERNET_HANDLE_TYPE_CONNECT_HTTP as isize,
    HttpRequest = INTERNET_HANDLE_TYPE_HTTP_REQUEST as isize,
    ConnectFtp = INTERNET_HANDLE_TYPE_CONNECT_FTP as isize,
    FtpFind = INTERNET_HANDLE_TYPE_FTP_FIND as isize,
    FtpFile = INTERNET_HANDLE_TYPE_FTP_FILE as isize,
}

/// What kind of handle it is, with its engine object.
pub enum Kind {
    Session(Mutex<SessionConfig>),
    Connect(Mutex<Connection>),
    Request(Arc<tokio::sync::Mutex<Request>>),
    /// An FTP session (`InternetConnect` with `INTERNET_SERVICE_FTP`).
    FtpConnect(Arc<crate::api_ftp::FtpSession>),
    /// An open FTP file, or a command's data (`FtpOpenFile`, `FtpCommand`).
    FtpFile(Arc<crate::api_ftp::FtpFile>),
    /// An FTP listing (`FtpFindFirstFile`).
    FtpFind(Arc<crate::api_ftp::FtpFind>),
}

/// A status callback as installed: the function and whether it was set
/// through the `W` function (string payloads are then UTF-16).
#[derive(Clone, Copy)]
pub struct Callback {
    pub func: unsafe extern "C" fn(HINTERNET, usize, u32, *mut std::ffi::c_void, u32),
    pub wide: bool,
}

/// One open handle.
pub struct Handle {
    pub value: usize,
    pub kind: Kind,
    pub parent: Option<Arc<Handle>>,
    /// Open children's values, oldest first.
    pub children: Mutex<Vec<usize>>,
    pub context: AtomicUsize,
    pub callback: Mutex<Option<Callback>>,
    /// `INTERNET_FLAG_*` given at creation (`ASYNC` comes from the session).
    pub flags: u32,
    pub is_async: bool,
    /// Made by the library, not the application (InternetOpenUrl's
    /// connect handle): silent, and closed with its only child.
    pub hidden: bool,
    pub closed: AtomicBool,
    pub dispatcher: Dispatcher,
    /// The operation in flight, if any (see `ops`).
    pub pending: Mutex<Option<Arc<crate::ops::OpControl>>>,
    /// Options set on this handle that its engine object does not hold.
    pub extra: Mutex<Extra>,
    /// A request's last send got its response head: what
    /// INTERNET_OPTION_REQUEST_FLAGS reads while an operation holds the
    /// request.
    pub responded: AtomicBool,
}

/// Per-handle option values kept at this layer: copied from the parent
/// (a session's from the process-wide values) when the handle is made.
#[derive(Default, Debug, Clone)]
pub struct Extra {
    pub connect_timeout: Option<u32>,
    pub send_timeout: Option<u32>,
    pub receive_timeout: Option<u32>,
    /// `INTERNET_OPTION_DATA_SEND_TIMEOUT` / `DATA_RECEIVE_TIMEOUT`: kept
    /// and reported as WinINet does; the engine's send and receive
    /// timeouts are what bound each transfer.
    pub data_send_timeout: Option<u32>,
    pub data_receive_timeout: Option<u32>,
    pub per_conn: crate::settings::PerConn,
    /// `INTERNET_OPTION_HTTP_DECODING`: set on a session, connection or
    /// request, it holds for the requests made under it afterwards.
    pub http_decoding: bool,
    /// A request's URL, readable while an operation holds the request
    /// (`Request::shared_url`).
    pub url: Option<std::sync::Arc<std::sync::Mutex<String>>>,
}

impl Handle {
    pub fn handle_type(&self) -> HandleType {
        match self.kind {
            Kind::Session(_) => HandleType::Internet,
            Kind::Connect(_) => HandleType::ConnectHttp,
            Kind::Request(_) => HandleType::HttpRequest,
            Kind::FtpConnect(_) => HandleType::ConnectFtp,
            Kind::FtpFile(_) => HandleType::FtpFile,
            Kind::FtpFind(_) => HandleType::FtpFind,
        }
    }

    pub fn hinternet(&self) -> HINTERNET {
        self.value as HINTERNET
    }

    pub fn context(&self) -> usize {
        self.context.load(Ordering::Acquire)
    }

    pub fn callback(&self) -> Option<Callback> {
        *lock(&self.callback)
    }

    pub fn request(&self) -> Result<&Arc<tokio::sync::Mutex<Request>>, Error> {
        match &self.kind {
            Kind::Request(r) => Ok(r),
            _ => Err(Error::IncorrectHandleType),
        }
    }
}

/// Locks a std mutex, ignoring poisoning: a panic elsewhere (caught at the
/// boundary) must not make every later call fail.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

struct Slot {
    generation: u32,
    handle: Option<Arc<Handle>>,
}

struct Table {
    slots: Vec<Slot>,
    free: Vec<usize>,
}

static TABLE: Mutex<Table> = Mutex::new(Table {
    slots: Vec::new(),
    free: Vec::new(),
});

/// Most handles open at once; beyond it `ERROR_INTERNET_OUT_OF_HANDLES`.
const MAX_HANDLES: usize = 1 << 20;

/// Fields of a new handle, before it has a value.
pub struct NewHandle {
    pub kind: Kind,
    pub parent: Option<Arc<Handle>>,
    pub context: usize,
    pub flags: u32,
    pub is_async: bool,
    pub hidden: bool,
}

impl NewHandle {
    /// A visible handle under `parent` with the caller's `flags` and
    /// `context`: like every WinINet child it inherits its parent's
    /// asynchrony (INTERNET_FLAG_ASYNC, and asynchronous delivery).
    pub fn child(parent: &Arc<Handle>, kind: Kind, flags: u32, context: usize) -> NewHandle {
        NewHandle {
            kind,
            parent: Some(parent.clone()),
            context,
            flags: flags | (parent.flags & openinet::consts::INTERNET_FLAG_ASYNC),
            is_async: parent.is_async,
            hidden: false,
        }
    }
}

/// Puts a new handle in the table; the child inherits its parent's callback.
pub fn insert(new: NewHandle) -> Result<Arc<Handle>, Error> {
    let callback = new.parent.as_ref().and_then(|p| p.callback());
    let mut table = lock(&TABLE);
    let index = match table.free.pop() {
        Some(i) => i,
        None if table.slots.len() < MAX_HANDLES => {
            table.slots.push(Slot {
                generation: 0,
                handle: None,
            });
            table.slots.len() - 1
        }
        None => return Err(Error::OutOfHandles),
    };
    let slot = &mut table.slots[index];
    slot.generation = slot.generation.wrapping_add(1).max(1);
    let value = ((slot.generation as usize) << 32) | (index + 1);
    let handle = Arc::new(Handle {
        value,
        kind: new.kind,
        parent: new.parent.clone(),
        children: Mutex::new(Vec::new()),
        context: AtomicUsize::new(new.context),
        callback: Mutex::new(callback),
        flags: new.flags,
        is_async: new.is_async,
        hidden: new.hidden,
        closed: AtomicBool::new(false),
        responded: AtomicBool::new(false),
        dispatcher: Dispatcher::default(),
        pending: Mutex::new(None),
        extra: Mutex::new(
            new.parent
                .as_ref()
                .map(|p| lock(&p.extra).clone())
                .unwrap_or_else(|| crate::settings::global().extra),
        ),
    });
    slot.handle = Some(handle.clone());
    drop(table);
    if let Some(parent) = &new.parent {
        lock(&parent.children).push(value);
    }
    Ok(handle)
}

/// The open handle for a value: `ERROR_INVALID_HANDLE` for NULL, forged,
/// stale or closed values.
pub fn get(h: HINTERNET) -> Result<Arc<Handle>, Error> {
    let value = h as usize;
    let index = (value & 0xFFFF_FFFF).wrapping_sub(1);
    let generation = (value >> 32) as u32;
    let table = lock(&TABLE);
    match table.slots.get(index) {
        Some(slot) if slot.generation == generation => {
            slot.handle.clone().ok_or(Error::InvalidHandle)
        }
        _ => Err(Error::InvalidHandle),
    }
}

/// `get` for the Http* functions, which WinINet answers with
/// `ERROR_INTERNET_INCORRECT_HANDLE_TYPE` for a NULL, bogus or closed
/// handle as for one of the wrong type (HttpOpenRequest, HttpSendRequest,
/// HttpQueryInfo, HttpAddRequestHeaders; Wine's tests, checked on Windows).
pub fn get_for_http(h: HINTERNET) -> Result<Arc<Handle>, Error> {
    get(h).map_err(|_| Error::IncorrectHandleType)
}

/// Takes a handle out of the table (its value becomes invalid at once).
pub fn remove(value: usize) -> Option<Arc<Handle>> {
    let index = (value & 0xFFFF_FFFF).wrapping_sub(1);
    let generation = (value >> 32) as u32;
    let mut table = lock(&TABLE);
    let slot = table.slots.get_mut(index)?;
    if slot.generation != generation {
        return None;
    }
    let handle = slot.handle.take()?;
    table.free.push(index);
    Some(handle)
}

/// Handles open now (for leak tests).
pub fn open_count() -> usize {
    lock(&TABLE)
        .slots
        .iter()
        .filter(|s| s.handle.is_some())
        .count()
}
