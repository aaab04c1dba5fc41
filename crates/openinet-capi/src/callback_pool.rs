//! The threads that run C callbacks: never the I/O threads, since a
//! callback may block or call a synchronous function.
//!
//! Usually one thread delivers every handle's callbacks, so handing events
//! over costs one wake-up at most, and none while it is busy. When work
//! waits and no callback has returned for `STALL` (a callback is blocked,
//! maybe waiting for another handle's event), another thread joins, so a
//! blocked callback never holds up the others for long. Extra threads leave
//! after `IDLE_EXIT` without work.

use crate::handles::{lock, Handle};
use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// How long work may wait behind busy threads before another one starts.
const STALL: Duration = Duration::from_millis(5);
/// How long an extra thread stays without work.
const IDLE_EXIT: Duration = Duration::from_secs(10);
/// At most this many callback threads.
const MAX_THREADS: usize = 256;

struct State {
    /// Handles with events to deliver, each once (see `Dispatcher::draining`).
    ready: VecDeque<Arc<Handle>>,
    threads: usize,
    idle: usize,
    /// When a callback last returned (or a thread started).
    last_progress: Instant,
    /// A rescue check is scheduled.
    rescue_armed: bool,
}

struct Pool {
    state: Mutex<State>,
    work: Condvar,
}

fn pool() -> &'static Pool {
    static POOL: std::sync::OnceLock<Pool> = std::sync::OnceLock::new();
    POOL.get_or_init(|| Pool {
        state: Mutex::new(State {
            ready: VecDeque::new(),
            threads: 0,
            idle: 0,
            last_progress: Instant::now(),
            rescue_armed: false,
        }),
        work: Condvar::new(),
    })
}

/// Queues `handle` for delivery of its events by `drain`.
pub fn schedule(handle: Arc<Handle>, drain: fn(&Arc<Handle>)) {
    let p = pool();
    let mut st = lock(&p.state);
    st.ready.push_back(handle);
    if st.idle > 0 {
        drop(st);
        p.work.notify_one();
    } else if st.threads == 0 || (st.last_progress.elapsed() >= STALL && st.threads < MAX_THREADS) {
        start_thread(&mut st, drain);
    } else if !st.rescue_armed {
        st.rescue_armed = true;
        drop(st);
        arm_rescue(drain);
    }
}

/// Checks again after `STALL`: if the work is still waiting behind threads
/// that made no progress, another thread starts.
fn arm_rescue(drain: fn(&Arc<Handle>)) {
    openinet::runtime().spawn(async move {
        tokio::time::sleep(STALL).await;
        let mut st = lock(&pool().state);
        st.rescue_armed = false;
        if st.ready.is_empty() || st.idle > 0 {
            return;
        }
        if st.last_progress.elapsed() >= STALL && st.threads < MAX_THREADS {
            start_thread(&mut st, drain);
        } else {
            st.rescue_armed = true;
            drop(st);
            arm_rescue(drain);
        }
    });
}

fn start_thread(st: &mut State, drain: fn(&Arc<Handle>)) {
    st.threads += 1;
    st.last_progress = Instant::now();
    let spawned = std::thread::Builder::new()
        .name("openinet-callback".into())
        .spawn(move || run(drain));
    if spawned.is_err() {
        st.threads -= 1;
    }
}

fn run(drain: fn(&Arc<Handle>)) {
    let p = pool();
    loop {
        let handle = {
            let mut st = lock(&p.state);
            loop {
                if let Some(h) = st.ready.pop_front() {
                    break h;
                }
                st.idle += 1;
                let (next, timeout) = p
                    .work
                    .wait_timeout(st, IDLE_EXIT)
                    .unwrap_or_else(|e| e.into_inner());
                st = next;
                st.idle -= 1;
                if timeout.timed_out() && st.ready.is_empty() && st.threads > 1 {
                    st.threads -= 1;
                    return;
                }
            }
        };
        drain(&handle);
        lock(&p.state).last_progress = Instant::now();
    }
}
