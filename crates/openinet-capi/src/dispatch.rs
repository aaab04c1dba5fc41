//! Delivering status callbacks to C.
//!
//! Callbacks never run on the I/O threads: they may block and may call any
//! function. In async mode each handle has a queue, drained by one pooled
//! thread at a time, so one handle's callbacks arrive in order while
//! different handles' callbacks run side by side. In sync mode the calling
//! thread receives its operation's progress itself (see `ops::run_sync`).

use crate::handles::{lock, Callback, Handle};
use crate::types::INTERNET_ASYNC_RESULT;
use openinet::Status;
use std::cell::Cell;
use std::collections::VecDeque;
use std::ffi::c_void;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// One callback to make: for `hinternet`, with `context`.
pub struct Event {
    pub hinternet: usize,
    pub context: usize,
    pub status: Status,
}

#[derive(Default)]
struct Queue {
    events: VecDeque<Event>,
    draining: bool,
    /// After HANDLE_CLOSING nothing more is delivered for the handle.
    finished: bool,
    /// Threads in `wait_delivered`: the end of a drain wakes them only
    /// when there are some (a notify is a system call even with no waiter,
    /// and a drain ends once per callback-thread wake-up).
    waiters: usize,
    /// Calls still starting an asynchronous operation on this handle (see
    /// [`hold`]): their events wait in the queue until the last one ends.
    held: usize,
    /// The call whose [`Hold`] started this drain (its thread's count of
    /// ended calls, and the count while it ran): the drain waits for that
    /// call to return before calling back.
    released_by: Option<(Arc<AtomicUsize>, usize)>,
}

/// A handle's callback queue.
#[derive(Default)]
pub struct Dispatcher {
    queue: Mutex<Queue>,
    idle: Condvar,
    /// Where a synchronous operation in progress wants its events.
    sync_route: Mutex<Option<std::sync::mpsc::Sender<Event>>>,
}

thread_local! {
    /// The handle whose queue this thread is draining, if any.
    static DRAINING: Cell<usize> = const { Cell::new(0) };
}

impl Dispatcher {
    /// Routes events to a synchronous caller until `None` is set.
    pub fn set_sync_route(&self, route: Option<std::sync::mpsc::Sender<Event>>) {
        *lock(&self.sync_route) = route;
    }
}

/// Reports `status` about `handle` to its callback, with the handle's
/// context. A zero context or no callback means no call, as in WinINet.
pub fn notify(handle: &Arc<Handle>, status: Status) {
    let event = Event {
        hinternet: handle.value,
        context: handle.context(),
        status,
    };
    post(handle, event);
}

/// Queues (async) or routes (sync) an event for `owner`'s callback.
pub fn post(owner: &Arc<Handle>, event: Event) {
    if event.context == 0 || owner.callback().is_none() {
        return;
    }
    if let Some(route) = lock(&owner.dispatcher.sync_route).as_ref() {
        let _ = route.send(event);
        return;
    }
    let d = &owner.dispatcher;
    let mut q = lock(&d.queue);
    if q.finished {
        return;
    }
    q.events.push_back(event);
    if !q.draining && q.held == 0 {
        q.draining = true;
        drop(q);
        let deferred = BATCH.with(|b| match b.borrow_mut().as_mut() {
            Some(list) => {
                list.push(owner.clone());
                true
            }
            None => false,
        });
        if !deferred {
            start_drain(owner.clone());
        }
    }
}

/// Holds `handle`'s asynchronous callbacks while the call that starts an
/// operation on it is still running, until the returned guard drops.
///
/// WinINet never calls back about an asynchronous operation before the call
/// that started it has returned FALSE/NULL with `ERROR_IO_PENDING`: a real
/// downloader stores the handle HANDLE_CREATED announces for an async
/// InternetOpenUrl and then stores the call's NULL return, so a callback
/// that ran first would see its handle overwritten. The work is not held
/// (the first poll still runs on the caller and the I/O threads go on): only
/// the start of delivery waits for the guard.
pub fn hold(handle: &Arc<Handle>) -> Hold {
    lock(&handle.dispatcher.queue).held += 1;
    Hold(handle.clone())
}

/// See [`hold`]: dropping it starts delivering what was queued meanwhile.
pub struct Hold(Arc<Handle>);

impl Drop for Hold {
    fn drop(&mut self) {
        let owner = &self.0;
        let mut q = lock(&owner.dispatcher.queue);
        q.held -= 1;
        if q.held > 0 {
            return;
        }
        // Whichever drain delivers next waits for this call to return:
        // one started here, or one already running on another thread.
        q.released_by = crate::ffi::current_call();
        if q.draining || q.events.is_empty() {
            return;
        }
        q.draining = true;
        drop(q);
        start_drain(owner.clone());
    }
}

/// How long a drain waits for the call that started its operation to leave
/// the library. The call is past its last step and leaves at once unless
/// the scheduler has preempted its thread, which on a loaded machine can
/// last tens of milliseconds (a 20 ms bound let one download in 200 see
/// HANDLE_CREATED before InternetOpenUrl returned, under two busy threads
/// on two cores). The bound only keeps a drain from waiting forever on a
/// caller that something of its own has blocked.
const RETURN_WAIT: Duration = Duration::from_secs(1);

/// Waits until the call that released a hold has returned from the
/// library (the callback thread can wake before it has): its thread's
/// count of ended calls moves past `during`. Spins briefly, then yields,
/// then sleeps, so a preempted caller gets the core back.
fn wait_for_return(ended: &AtomicUsize, during: usize) {
    if ended.load(Ordering::Acquire) != during {
        return;
    }
    let deadline = std::time::Instant::now() + RETURN_WAIT;
    let mut spins = 0u32;
    while ended.load(Ordering::Acquire) == during && std::time::Instant::now() < deadline {
        if spins < 64 {
            std::hint::spin_loop();
        } else if spins < 256 {
            std::thread::yield_now();
        } else {
            std::thread::sleep(Duration::from_micros(50));
        }
        spins = spins.saturating_add(1);
    }
}

fn start_drain(owner: Arc<Handle>) {
    crate::callback_pool::schedule(owner, drain);
}

thread_local! {
    /// Handles whose queues got events during the current batch and need
    /// a callback thread once it ends.
    static BATCH: std::cell::RefCell<Option<Vec<Arc<Handle>>>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f` (one poll of an operation) with callback threads started only
/// at its end: the statuses one poll emits wake one thread, not one each.
pub fn batch<R>(f: impl FnOnce() -> R) -> R {
    let outer = BATCH.with(|b| {
        let mut b = b.borrow_mut();
        if b.is_some() {
            return false;
        }
        *b = Some(Vec::new());
        true
    });
    if !outer {
        return f();
    }
    /// Starts the deferred drains even if `f` panics.
    struct Flush;
    impl Drop for Flush {
        fn drop(&mut self) {
            for owner in BATCH.with(|b| b.borrow_mut().take()).unwrap_or_default() {
                start_drain(owner);
            }
        }
    }
    let _flush = Flush;
    f()
}

fn drain(owner: &Arc<Handle>) {
    let d = &owner.dispatcher;
    DRAINING.with(|c| c.set(owner.value));
    loop {
        // The call that last released a hold on this queue may not have
        // returned yet (this drain may even have been running before it
        // began): nothing goes out before it has.
        let released_by = lock(&d.queue).released_by.take();
        if let Some((ended, during)) = released_by {
            wait_for_return(&ended, during);
        }
        let event = {
            let mut q = lock(&d.queue);
            // A call starting an operation on this handle (on another
            // thread, or inside the callback just delivered) holds what
            // is queued until it returns; its `Hold` starts the drain again.
            let next = if q.held > 0 {
                None
            } else {
                q.events.pop_front()
            };
            match next {
                Some(e) => e,
                None => {
                    q.draining = false;
                    if q.waiters > 0 {
                        d.idle.notify_all();
                    }
                    break;
                }
            }
        };
        invoke(owner, &event);
    }
    DRAINING.with(|c| c.set(0));
}

/// Delivers HANDLE_CLOSING as the handle's last callback, on the closing
/// thread inside `InternetCloseHandle` (as WinINet does, in async mode
/// too): first whatever is already queued for the handle is delivered,
/// then nothing more is accepted. From inside the handle's own callback the
/// queue cannot be waited for (this thread is draining it), so what is
/// still queued behind the current callback is dropped.
pub fn deliver_closing(handle: &Arc<Handle>) {
    let event = Event {
        hinternet: handle.value,
        context: handle.context(),
        status: Status::HandleClosing(handle.value),
    };
    let d = &handle.dispatcher;
    let inside_own_callback = DRAINING.with(|c| c.get()) == handle.value;
    {
        let mut q = lock(&d.queue);
        q.finished = true;
        if inside_own_callback {
            q.events.clear();
        } else {
            wait_delivered(d, q);
        }
    }
    invoke(handle, &event);
}

/// Waits, bounded (a callback blocked on this thread must not hang it
/// forever), until the queue is empty and no thread is delivering from it.
fn wait_delivered(d: &Dispatcher, mut q: std::sync::MutexGuard<'_, Queue>) {
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while q.draining || !q.events.is_empty() {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            break;
        }
        q.waiters += 1;
        q = d
            .idle
            .wait_timeout(q, left)
            .unwrap_or_else(|p| p.into_inner())
            .0;
        q.waiters -= 1;
    }
}

/// Calls the C callback with the event's payload laid out as WinINet does.
pub fn invoke(owner: &Handle, event: &Event) {
    let Some(cb) = owner.callback() else { return };
    if event.context == 0 {
        return;
    }
    with_payload(&event.status, cb, |info, len| {
        // SAFETY: `cb.func` is the application's callback, installed through
        // InternetSetStatusCallback with WinINet's signature; `info` points to
        // `len` valid bytes that live until the call returns.
        unsafe {
            (cb.func)(
                event.hinternet as _,
                event.context,
                event.status.code(),
                info,
                len,
            )
        };
    });
}

/// Builds the status information for `status` and passes (pointer, length).
fn with_payload(status: &Status, cb: Callback, call: impl FnOnce(*mut c_void, u32)) {
    match status {
        // Names follow the callback's width; addresses are always ANSI
        // text, whichever InternetSetStatusCallback installed it (as Wine 8,
        // whose tests read them as char strings for both).
        Status::ResolvingName(s)
        | Status::NameResolved(s)
        | Status::ConnectingToServer(s)
        | Status::ConnectedToServer(s)
        | Status::Redirect(s) => {
            let name = matches!(status, Status::ResolvingName(_) | Status::Redirect(_));
            if cb.wide && name {
                let mut w: Vec<u16> = s.encode_utf16().collect();
                w.push(0);
                call(w.as_mut_ptr().cast(), (w.len() * 2) as u32);
            } else {
                let mut a = s.as_bytes().to_vec();
                a.push(0);
                call(a.as_mut_ptr().cast(), a.len() as u32);
            }
        }
        Status::RequestSent(n) | Status::ResponseReceived(n) => {
            let mut v: u32 = *n;
            call((&mut v as *mut u32).cast(), 4);
        }
        // Both carry a pointer to the HINTERNET (what Wine 8 passes, and
        // what an INTERNET_ASYNC_RESULT reader sees in dwResult).
        Status::HandleCreated(h) | Status::HandleClosing(h) => {
            let mut v: usize = *h;
            call(
                (&mut v as *mut usize).cast(),
                std::mem::size_of::<usize>() as u32,
            );
        }
        Status::RequestComplete { result, error } => {
            let mut r = INTERNET_ASYNC_RESULT {
                dwResult: *result,
                dwError: *error,
            };
            call(
                (&mut r as *mut INTERNET_ASYNC_RESULT).cast(),
                std::mem::size_of::<INTERNET_ASYNC_RESULT>() as u32,
            );
        }
        _ => call(std::ptr::null_mut(), 0),
    }
}
