//! Reading a response body: `InternetReadFile`, `InternetReadFileEx`,
//! `InternetQueryDataAvailable`.
//!
//! In async mode a read that finds data buffered completes at once (TRUE);
//! otherwise it pends, and the I/O task writes the caller's buffer and
//! byte count before REQUEST_COMPLETE is delivered.

use crate::ffi::*;
use crate::handles::{self, Handle};
use crate::ops;
use crate::types::{INTERNET_BUFFERSA, INTERNET_BUFFERSW};
use openinet::consts::*;
use openinet::{Error, Request};
use std::sync::Arc;

/// The caller's output buffer and count, carried into the I/O task.
///
/// WinINet's contract: both stay valid until the operation completes or
/// the handle is closed; `ops::OpControl` guarantees no access after close.
#[derive(Clone, Copy)]
struct UserOut {
    buf: *mut u8,
    len: usize,
    count: *mut DWORD,
}

// SAFETY: the pointers are only dereferenced inside the operation's polls,
// which `OpControl` serialises with closing; the memory is the caller's,
// lent for the operation's duration per WinINet's contract.
unsafe impl Send for UserOut {}

impl UserOut {
    /// The caller's buffer as a slice.
    ///
    /// # Safety
    /// Only inside the operation, while the caller's lending holds.
    unsafe fn slice<'a>(self) -> &'a mut [u8] {
        if self.len == 0 {
            return &mut [];
        }
        // SAFETY: `buf` is valid for `len` bytes for the operation's duration.
        unsafe { std::slice::from_raw_parts_mut(self.buf, self.len) }
    }

    /// # Safety
    /// As `slice`.
    unsafe fn set_count(self, n: usize) {
        // SAFETY: `count` is valid (or NULL) for the operation's duration.
        unsafe { put_dword(self.count, n as DWORD) };
    }
}

/// How much a read waits for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fill {
    /// Until the buffer is full or the body ends (InternetReadFile).
    Full,
    /// At least one byte (InternetReadFileEx with IRF_NO_WAIT).
    Some,
}

/// What a read found when it looked at the buffered data.
enum Found {
    /// The read is over: bytes taken (the buffer is full, the body ended,
    /// or a first-bytes read got some), 0 at the end of the body.
    Done(usize),
    /// Some bytes taken; the read goes on for the rest of the buffer.
    Partly(usize),
    /// Nothing buffered: the network must be waited for.
    Nothing,
    /// The request is busy with another operation.
    Busy,
}

/// Takes what is buffered for the read into `out`.
fn take_buffered(r: &mut Request, out: UserOut, fill: Fill) -> Result<Found, Error> {
    let mut taken = 0;
    loop {
        // SAFETY: the caller's buffer, valid during this call.
        let rest = unsafe { out.slice() }.get_mut(taken..).unwrap_or_default();
        let found = match r.read_buffered(rest) {
            // Bytes taken before the body failed are this read's; the
            // failure, which sticks, is the next read's.
            Err(_) if taken > 0 => return Ok(Found::Done(taken)),
            found => found?,
        };
        match found {
            // The end of the body, or a full buffer.
            Some(0) => return Ok(Found::Done(taken)),
            Some(n) => {
                taken += n;
                if taken == out.len || fill == Fill::Some {
                    return Ok(Found::Done(taken));
                }
            }
            None if taken == 0 => return Ok(Found::Nothing),
            None => return Ok(Found::Partly(taken)),
        }
    }
}

/// A read on `handle` into `out`: at once if it can finish with what is
/// buffered, else pending (async) or waiting (sync) for the rest.
/// `no_wait`: never take bytes in a pending operation (IRF_NO_WAIT).
///
/// A read that must wait keeps what it already took in the caller's
/// buffer and waits for the rest, as WinINet does: an InternetReadFile of
/// 4 bytes with "xx" buffered pends with "xx" already in the buffer and
/// completes when two more bytes (or the end) come (Wine's http.c
/// test_http_read, checked on Windows; InternetReadFileEx the same unless
/// IRF_NO_WAIT).
fn read(handle: &Arc<Handle>, out: UserOut, fill: Fill, no_wait: bool) -> Result<BOOL, Error> {
    let request = handle.request()?.clone();
    if out.buf.is_null() && out.len > 0 {
        return Err(Error::InvalidParameter);
    }
    let found = match request.try_lock() {
        Err(_) => Found::Busy,
        Ok(mut r) => {
            let found = take_buffered(&mut r, out, fill)?;
            match found {
                // IRF_NO_WAIT reads are never reported.
                _ if no_wait => r.forget_buffered_read(),
                // Done from the buffer: bytes an earlier read received
                // ahead are reported now (a read that goes on to the
                // network reports them with its own), on this thread
                // before the call returns, as WinINet reports a read it
                // completes.
                Found::Done(_) if r.has_buffered_read_to_report() => {
                    ops::with_caller_route(handle, || r.report_buffered_read())
                }
                _ => {}
            }
            found
        }
    };
    let n = match found {
        Found::Done(n) => n,
        Found::Partly(n) => {
            let rest = UserOut {
                buf: out.buf.wrapping_add(n),
                len: out.len - n,
                count: out.count,
            };
            let task = ReadTask::new(request, rest, fill).counting_from(n);
            if handle.is_async {
                ops::start_read(handle, task.run(), |_| (1, 0))?
            } else {
                wait_for(handle, task)?
            }
        }
        Found::Nothing | Found::Busy if handle.is_async && no_wait => {
            // IRF_NO_WAIT with nothing buffered: the operation waits for
            // data without taking any; the call that follows returns it.
            let wait = async move { request.lock_owned().await.data_available().await };
            ops::start_read(handle, wait, |_| (1, 0))?;
            // Data arrived within the call itself: hand it over now.
            return read(handle, out, fill, true);
        }
        Found::Nothing | Found::Busy if handle.is_async => {
            // Tried at once on this thread (progress delivered here, as
            // WinINet reports RECEIVING_RESPONSE before pending); pends if
            // the network has nothing yet, or if it is a long read (see
            // `CALLER_READ_MAX`).
            let task = ReadTask::new(request, out, fill);
            ops::start_read(handle, task.run(), |_| (1, 0))?
        }
        Found::Nothing | Found::Busy => wait_for(handle, ReadTask::new(request, out, fill))?,
    };
    // SAFETY: the caller's pointers, valid during this call.
    unsafe { out.set_count(n) };
    ok_true()
}

/// InternetReadFile calls larger than this do their network reading on an
/// I/O thread (see `Request::read_handing_off`); smaller ones finish on the
/// caller's thread when the bytes are there, saving a thread hop.
const CALLER_READ_MAX: usize = 64 * 1024;

/// The I/O part of a read: fills the caller's buffer and count.
struct ReadTask {
    request: Arc<tokio::sync::Mutex<Request>>,
    out: UserOut,
    fill: Fill,
    /// A long read, whose network part belongs on an I/O thread.
    hand_off: bool,
    /// Bytes the read took before it went to the network: the count it
    /// reports includes them.
    already: usize,
}

impl ReadTask {
    fn new(request: Arc<tokio::sync::Mutex<Request>>, out: UserOut, fill: Fill) -> Self {
        let hand_off = fill == Fill::Full && out.len > CALLER_READ_MAX;
        ReadTask {
            request,
            out,
            fill,
            hand_off,
            already: 0,
        }
    }

    /// A read that took `n` bytes already, before `out`.
    fn counting_from(self, n: usize) -> Self {
        ReadTask { already: n, ..self }
    }

    async fn run(self) -> Result<usize, Error> {
        let mut r = self.request.lock_owned().await;
        // SAFETY: the operation runs only while the caller's lending holds (see UserOut).
        let buf = unsafe { self.out.slice() };
        let n = match self.fill {
            Fill::Full if self.hand_off => r.read_handing_off(buf).await,
            Fill::Full => r.read(buf).await,
            Fill::Some => r.read_some(buf).await,
        };
        let n = match n {
            // Bytes taken before the body failed are this read's; the
            // failure, which sticks, is the next read's.
            Err(_) if self.already > 0 => 0,
            n => n?,
        };
        let n = self.already + n;
        // SAFETY: as above.
        unsafe { self.out.set_count(n) };
        Ok(n)
    }
}

/// A sync read: waits on this thread, or for a long read on an I/O thread
/// while this one waits (the sync form of the async hand-off).
fn wait_for(handle: &Arc<Handle>, task: ReadTask) -> Result<usize, Error> {
    if task.hand_off {
        ops::run_sync_handing_off(handle, task.run())
    } else {
        ops::run_sync(handle, task.run())
    }
}

#[no_mangle]
pub unsafe extern "C" fn InternetReadFile(
    h: HINTERNET,
    buffer: LPVOID,
    to_read: DWORD,
    read_count: LPDWORD,
) -> BOOL {
    boundary(|| {
        let handle = handles::get(h)?;
        if read_count.is_null() {
            return Err(Error::InvalidParameter);
        }
        // SAFETY: `read_count` is valid per the API; zeroed first as WinINet does.
        unsafe { *read_count = 0 };
        if let handles::Kind::FtpFile(file) = &handle.kind {
            return crate::api_ftp::read_file(
                &handle,
                file,
                buffer as *mut u8,
                to_read,
                read_count,
            );
        }
        read(
            &handle,
            UserOut {
                buf: buffer as *mut u8,
                len: to_read as usize,
                count: read_count,
            },
            Fill::Full,
            false,
        )
    })
}

/// `InternetReadFileEx` for both widths: the buffer description is the
/// same shape in A and W.
///
/// # Safety
/// `buffers` NULL or a valid INTERNET_BUFFERS for the operation's duration.
unsafe fn read_ex(
    h: HINTERNET,
    buf: *mut u8,
    len: *mut DWORD,
    size_ok: bool,
    flags: DWORD,
) -> Result<BOOL, Error> {
    let handle = handles::get(h)?;
    if !size_ok || len.is_null() {
        return Err(Error::InvalidParameter);
    }
    // SAFETY: `len` points into the caller's INTERNET_BUFFERS.
    let cap = unsafe { *len } as usize;
    if let handles::Kind::FtpFile(file) = &handle.kind {
        return crate::api_ftp::read_file(&handle, file, buf, cap as DWORD, len);
    }
    // Without IRF_NO_WAIT it fills the buffer as InternetReadFile does;
    // with it, it takes what is there (Wine's http.c test_http_read,
    // checked on Windows).
    let no_wait = flags & IRF_NO_WAIT != 0;
    read(
        &handle,
        UserOut {
            buf,
            len: cap,
            count: len,
        },
        if no_wait { Fill::Some } else { Fill::Full },
        no_wait,
    )
}

#[no_mangle]
pub unsafe extern "C" fn InternetReadFileExA(
    h: HINTERNET,
    buffers: *mut INTERNET_BUFFERSA,
    flags: DWORD,
    _context: DWORD_PTR,
) -> BOOL {
    boundary(|| {
        if buffers.is_null() {
            return Err(Error::InvalidParameter);
        }
        // SAFETY: non-NULL, and valid per the API.
        let b = unsafe { &mut *buffers };
        let ok = b.dwStructSize as usize == std::mem::size_of::<INTERNET_BUFFERSA>();
        // SAFETY: as above.
        unsafe { read_ex(h, b.lpvBuffer as *mut u8, &mut b.dwBufferLength, ok, flags) }
    })
}

#[no_mangle]
pub unsafe extern "C" fn InternetReadFileExW(
    h: HINTERNET,
    buffers: *mut INTERNET_BUFFERSW,
    flags: DWORD,
    _context: DWORD_PTR,
) -> BOOL {
    boundary(|| {
        if buffers.is_null() {
            return Err(Error::InvalidParameter);
        }
        // SAFETY: non-NULL, and valid per the API.
        let b = unsafe { &mut *buffers };
        let ok = b.dwStructSize as usize == std::mem::size_of::<INTERNET_BUFFERSW>();
        // SAFETY: as above.
        unsafe { read_ex(h, b.lpvBuffer as *mut u8, &mut b.dwBufferLength, ok, flags) }
    })
}

/// The count pointer of InternetQueryDataAvailable, carried into the task.
#[derive(Clone, Copy)]
struct UserCount(*mut DWORD);
// SAFETY: as UserOut.
unsafe impl Send for UserCount {}

#[no_mangle]
pub unsafe extern "C" fn InternetQueryDataAvailable(
    h: HINTERNET,
    available: LPDWORD,
    _flags: DWORD,
    _context: DWORD_PTR,
) -> BOOL {
    boundary(|| {
        let handle = handles::get(h)?;
        if let handles::Kind::FtpFile(file) = &handle.kind {
            return crate::api_ftp::query_available(&handle, file, available);
        }
        let request = handle.request()?.clone();
        if let Ok(mut r) = request.try_lock() {
            if let Some(n) = r.available_now()? {
                // SAFETY: NULL or valid, per the API.
                unsafe { put_dword(available, n as DWORD) };
                return ok_true();
            }
        }
        let count = UserCount(available);
        let task = async move {
            let count = count;
            let n = request.lock_owned().await.data_available().await?;
            // SAFETY: lent for the operation's duration (see UserOut).
            unsafe { put_dword(count.0, n as DWORD) };
            Ok(n)
        };
        if handle.is_async {
            // WinINet completes this one with the byte count in dwError,
            // and says 0 until then.
            // SAFETY: NULL or valid, per the API.
            unsafe { put_dword(available, 0) };
            ops::start_read(&handle, task, |n| (1, n as DWORD))?;
            return ok_true();
        }
        let n = ops::run_sync(&handle, task)?;
        // SAFETY: NULL or valid, per the API.
        unsafe { put_dword(available, n as DWORD) };
        ok_true()
    })
}
