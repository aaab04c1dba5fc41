//! Sessions, connections, callbacks and closing:
//! `InternetOpen`, `InternetConnect`, `InternetSetStatusCallback`,
//! `InternetCloseHandle`.

use crate::dispatch::{self, Event};
use crate::ffi::*;
use crate::handles::{self, lock, Callback, Handle, Kind, NewHandle};
use crate::ops;
use crate::types::INTERNET_STATUS_CALLBACK;
use openinet::consts::*;
use openinet::{Error, SessionConfig, Status};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// `INTERNET_INVALID_STATUS_CALLBACK`: `(INTERNET_STATUS_CALLBACK)-1`.
const INVALID_CALLBACK: usize = usize::MAX;

/// Session handles `InternetOpen` made that are not closed yet: when the
/// last closes, the pool's idle connections close too, so a process done
/// with the API keeps no sockets (the pool is process-wide, as WinINet's).
static LIVE_SESSIONS: AtomicUsize = AtomicUsize::new(0);

/// A session `open` counted is closing: the last one empties the pool.
fn session_closed() {
    let was = LIVE_SESSIONS.fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| n.checked_sub(1));
    if was == Ok(1) {
        openinet::release_idle_connections();
    }
}

fn open(
    agent: Option<String>,
    access_type: DWORD,
    proxy: Option<String>,
    bypass: Option<String>,
    flags: DWORD,
) -> Result<HINTERNET, Error> {
    match access_type {
        INTERNET_OPEN_TYPE_PRECONFIG
        | INTERNET_OPEN_TYPE_DIRECT
        | INTERNET_OPEN_TYPE_PROXY
        | INTERNET_OPEN_TYPE_PRECONFIG_WITH_NO_AUTOPROXY => {}
        _ => return Err(Error::InvalidParameter),
    }
    // The agent becomes a header line: it may not break it.
    if agent.as_deref().is_some_and(breaks_a_line) {
        return Err(Error::InvalidParameter);
    }
    let per_conn = match access_type {
        INTERNET_OPEN_TYPE_PROXY => {
            // A named proxy must be given, and usable (Wine's http.c
            // test_proxy_direct, checked on Windows: no proxy is 87).
            let list = proxy
                .as_deref()
                .filter(|p| !p.is_empty())
                .ok_or(Error::InvalidParameter)?;
            openinet::proxy::parse_list(list)?;
            crate::settings::PerConn::for_access_type(access_type, proxy, bypass)
        }
        INTERNET_OPEN_TYPE_DIRECT => crate::settings::PerConn::default(),
        _ => crate::settings::PerConn::preconfigured()?,
    };
    let config = SessionConfig {
        user_agent: agent.unwrap_or_default(),
        ..SessionConfig::default()
    };
    let handle = handles::insert(NewHandle {
        kind: Kind::Session(Mutex::new(config)),
        parent: None,
        context: 0,
        flags,
        is_async: flags & INTERNET_FLAG_ASYNC != 0,
        hidden: false,
    })?;
    LIVE_SESSIONS.fetch_add(1, Ordering::AcqRel);
    lock(&handle.extra).per_conn = per_conn;
    set_last_error(0);
    Ok(handle.hinternet())
}

#[no_mangle]
pub unsafe extern "C" fn InternetOpenA(
    agent: LPCSTR,
    access_type: DWORD,
    proxy: LPCSTR,
    proxy_bypass: LPCSTR,
    flags: DWORD,
) -> HINTERNET {
    // SAFETY: C strings from the caller, NULL or NUL-terminated per the API.
    boundary(|| unsafe {
        open(
            opt_str_a(agent),
            access_type,
            opt_str_a(proxy),
            opt_str_a(proxy_bypass),
            flags,
        )
    })
}

#[no_mangle]
pub unsafe extern "C" fn InternetOpenW(
    agent: LPCWSTR,
    access_type: DWORD,
    proxy: LPCWSTR,
    proxy_bypass: LPCWSTR,
    flags: DWORD,
) -> HINTERNET {
    // SAFETY: as InternetOpenA, in UTF-16.
    boundary(|| unsafe {
        open(
            opt_str_w(agent),
            access_type,
            opt_str_w(proxy),
            opt_str_w(proxy_bypass),
            flags,
        )
    })
}

/// Whether a caller's string would break a line of the request head.
pub(crate) fn breaks_a_line(s: &str) -> bool {
    s.contains(['\r', '\n', '\0'])
}

/// Reports HANDLE_CREATED for `child` to its callback, synchronously:
/// `hInternet` is the parent, the context the child's.
pub(crate) fn announce_created(parent: &Handle, child: &Arc<Handle>) {
    let event = Event {
        hinternet: parent.value,
        context: child.context(),
        status: Status::HandleCreated(child.value),
    };
    dispatch::invoke(child, &event);
}

/// Reports HANDLE_CREATED for `child`, a handle an operation opens
/// (InternetOpenUrl, http or ftp), with `hInternet` its connect handle. In
/// async mode it is queued ahead of the operation's progress and, like the
/// rest, held until the call returns (keep the returned guard until then);
/// in sync mode it goes out at once on this thread.
pub(crate) fn announce_opened(
    connect: &Handle,
    child: &Arc<Handle>,
    context: DWORD_PTR,
) -> Option<dispatch::Hold> {
    let hold = child.is_async.then(|| dispatch::hold(child));
    let created = Event {
        hinternet: connect.value,
        context,
        status: Status::HandleCreated(child.value),
    };
    if child.is_async {
        dispatch::post(child, created);
    } else {
        dispatch::invoke(child, &created);
    }
    hold
}

#[allow(clippy::too_many_arguments)]
fn connect(
    h: HINTERNET,
    server: Option<String>,
    port: INTERNET_PORT,
    user: Option<String>,
    password: Option<String>,
    service: DWORD,
    flags: DWORD,
    context: DWORD_PTR,
) -> Result<HINTERNET, Error> {
    let parent = handles::get(h)?;
    let Kind::Session(config) = &parent.kind else {
        return Err(Error::IncorrectHandleType);
    };
    let server = server
        .filter(|s| !s.is_empty())
        .ok_or(Error::InvalidParameter)?;
    match service {
        INTERNET_SERVICE_HTTP => {}
        INTERNET_SERVICE_FTP => {
            return crate::api_ftp::connect(&parent, server, port, user, password, flags, context);
        }
        // 2 is INTERNET_SERVICE_GOPHER, which the header no longer names.
        2 => return Err(Error::NotImplemented),
        _ => return Err(Error::InvalidParameter),
    }
    let port = match port {
        0 if flags & INTERNET_FLAG_SECURE != 0 => 443,
        0 => 80,
        p => p,
    };
    let session = openinet::Session::new(lock(config).clone());
    let mut connection = session.connect(&server, port);
    connection.username = user.filter(|u| !u.is_empty());
    connection.password = password.filter(|p| !p.is_empty());
    let child = handles::insert(NewHandle::child(
        &parent,
        Kind::Connect(Mutex::new(connection)),
        flags,
        context,
    ))?;
    announce_created(&parent, &child);
    set_last_error(0);
    Ok(child.hinternet())
}

#[no_mangle]
pub unsafe extern "C" fn InternetConnectA(
    h: HINTERNET,
    server: LPCSTR,
    port: INTERNET_PORT,
    user: LPCSTR,
    password: LPCSTR,
    service: DWORD,
    flags: DWORD,
    context: DWORD_PTR,
) -> HINTERNET {
    boundary(|| {
        // SAFETY: NULL or NUL-terminated strings, per the API.
        let (s, u, p) = unsafe { (opt_str_a(server), opt_str_a(user), opt_str_a(password)) };
        connect(h, s, port, u, p, service, flags, context)
    })
}

#[no_mangle]
pub unsafe extern "C" fn InternetConnectW(
    h: HINTERNET,
    server: LPCWSTR,
    port: INTERNET_PORT,
    user: LPCWSTR,
    password: LPCWSTR,
    service: DWORD,
    flags: DWORD,
    context: DWORD_PTR,
) -> HINTERNET {
    boundary(|| {
        // SAFETY: NULL or NUL-terminated UTF-16 strings, per the API.
        let (s, u, p) = unsafe { (opt_str_w(server), opt_str_w(user), opt_str_w(password)) };
        connect(h, s, port, u, p, service, flags, context)
    })
}

fn set_callback(
    h: HINTERNET,
    cb: INTERNET_STATUS_CALLBACK,
    wide: bool,
) -> INTERNET_STATUS_CALLBACK {
    let result = std::panic::catch_unwind(|| {
        let handle = handles::get(h)?;
        let new = cb
            .filter(|f| *f as usize != INVALID_CALLBACK)
            .map(|func| Callback { func, wide });
        let old = std::mem::replace(&mut *lock(&handle.callback), new);
        Ok::<_, Error>(old.map(|c| c.func))
    });
    match result {
        // Success leaves the last error as it was (Wine 8).
        Ok(Ok(old)) => old,
        Ok(Err(e)) => {
            set_last_error(e.code());
            invalid_callback()
        }
        Err(_) => {
            set_last_error(Error::InternalError.code());
            invalid_callback()
        }
    }
}

fn invalid_callback() -> INTERNET_STATUS_CALLBACK {
    // SAFETY: WinINet's INTERNET_INVALID_STATUS_CALLBACK is the all-ones
    // pointer; it is only ever compared by the caller, never called.
    Some(unsafe {
        std::mem::transmute::<usize, unsafe extern "C" fn(HINTERNET, DWORD_PTR, DWORD, LPVOID, DWORD)>(
            INVALID_CALLBACK,
        )
    })
}

#[no_mangle]
pub extern "C" fn InternetSetStatusCallbackA(
    h: HINTERNET,
    cb: INTERNET_STATUS_CALLBACK,
) -> INTERNET_STATUS_CALLBACK {
    set_callback(h, cb, false)
}

#[no_mangle]
pub extern "C" fn InternetSetStatusCallbackW(
    h: HINTERNET,
    cb: INTERNET_STATUS_CALLBACK,
) -> INTERNET_STATUS_CALLBACK {
    set_callback(h, cb, true)
}

#[no_mangle]
pub extern "C" fn InternetSetStatusCallback(
    h: HINTERNET,
    cb: INTERNET_STATUS_CALLBACK,
) -> INTERNET_STATUS_CALLBACK {
    set_callback(h, cb, false)
}

/// Closes `handle` and everything under it: children newest first, each
/// pending operation cancelled, each handle's HANDLE_CLOSING sent once.
pub(crate) fn close_tree(handle: Arc<Handle>) {
    if handle.closed.swap(true, Ordering::AcqRel) {
        return;
    }
    handles::remove(handle.value);
    let children = std::mem::take(&mut *lock(&handle.children));
    for child in children.into_iter().rev() {
        if let Some(c) = handles::remove(child) {
            close_tree(c);
        }
    }
    if let Some(parent) = &handle.parent {
        lock(&parent.children).retain(|&v| v != handle.value);
    }
    ops::cancel_pending(&handle);
    crate::api_ftp::on_close(&handle);
    if let Kind::Request(request) = &handle.kind {
        if let Ok(mut r) = request.try_lock() {
            if handle.is_async {
                r.release_connection(true);
            } else {
                ops::with_caller_route(&handle, || r.release_connection(true));
            }
        }
    }
    dispatch::deliver_closing(&handle);
    if let Some(parent) = handle.parent.as_ref().filter(|p| p.hidden) {
        if let Some(p) = handles::remove(parent.value) {
            close_tree(p);
        }
    }
    if matches!(handle.kind, Kind::Session(_)) && handle.parent.is_none() {
        session_closed();
    }
}

#[no_mangle]
pub extern "C" fn InternetCloseHandle(h: HINTERNET) -> BOOL {
    boundary(|| {
        let handle = handles::get(h)?;
        close_tree(handle);
        // Success leaves the last error as it was (Wine 8).
        Ok(crate::ffi::TRUE)
    })
}
