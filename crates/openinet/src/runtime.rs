//! The one tokio runtime every handle of the process shares: its threads do
//! the I/O; callbacks never run on them (the C layer has its own threads).

use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::Duration;
use tokio::runtime::{Builder, Runtime};

static RUNTIME: OnceLock<Runtime> = OnceLock::new();

/// The shared runtime, started on first use.
pub fn runtime() -> &'static Runtime {
    RUNTIME.get_or_init(|| {
        let workers = std::thread::available_parallelism()
            .map_or(2, |n| n.get())
            .clamp(1, 4);
        Builder::new_multi_thread()
            .worker_threads(workers)
            .thread_name("openinet-io")
            .enable_all()
            .build()
            .expect("openinet: cannot start the I/O runtime")
    })
}

/// Runs `fut` on the shared runtime and waits for it on this thread.
///
/// Works from any thread that is not one of the runtime's own workers,
/// including threads inside a status callback: the future runs on the I/O
/// threads, this thread only waits.
pub fn block_on<F>(fut: F) -> F::Output
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let (tx, rx) = std::sync::mpsc::sync_channel(1);
    runtime().spawn(async move {
        let _ = tx.send(fut.await);
    });
    rx.recv()
        .expect("openinet: the I/O runtime dropped a blocking call")
}

/// How far ahead the heartbeat's timer is due.
#[cfg(not(test))]
const HEARTBEAT: Duration = Duration::from_secs(1);
#[cfg(test)]
const HEARTBEAT: Duration = Duration::from_millis(20);
/// Heartbeats without a timer armed before the heartbeat stops (in tests a
/// second's worth too, so a test thread stalled by a loaded machine does
/// not see it stop while it is still arming timers).
#[cfg(not(test))]
const HEARTBEAT_IDLE_BEATS: u32 = 10;
#[cfg(test)]
const HEARTBEAT_IDLE_BEATS: u32 = 50;

static HEARTBEAT_RUNNING: AtomicBool = AtomicBool::new(false);
static TIMERS_ARMED: AtomicU64 = AtomicU64::new(0);

/// Called before an I/O timeout's timer is armed: keeps a timer due within
/// `HEARTBEAT` in the runtime while timeouts are being armed.
///
/// Why: tokio wakes its I/O thread whenever a timer is armed that is due
/// before every timer it already has. A C caller's operation is first
/// polled on the caller's thread (see openinet-capi's `ops`), where it
/// arms its receive timeout; with no other timer pending, that woke the I/O
/// thread for nothing on every request (an eventfd write, a wake-up and a
/// contended lock: 1 KiB GETs at K=1 went from 7 context switches per
/// request to 3). With the heartbeat's timer due sooner, timeouts of a
/// second or more arm without waking anyone. It stops after
/// `HEARTBEAT_IDLE_BEATS` beats with no timer armed, so an idle process
/// has no wake-ups.
pub(crate) fn note_timer_armed() {
    TIMERS_ARMED.fetch_add(1, Ordering::Relaxed);
    if HEARTBEAT_RUNNING.load(Ordering::Relaxed) || HEARTBEAT_RUNNING.swap(true, Ordering::AcqRel) {
        return;
    }
    runtime().spawn(async {
        let mut seen = TIMERS_ARMED.load(Ordering::Relaxed);
        let mut idle_beats = 0;
        loop {
            tokio::time::sleep(HEARTBEAT).await;
            let now = TIMERS_ARMED.load(Ordering::Relaxed);
            idle_beats = if now == seen { idle_beats + 1 } else { 0 };
            seen = now;
            if idle_beats >= HEARTBEAT_IDLE_BEATS {
                // A timer armed right now starts a new heartbeat.
                HEARTBEAT_RUNNING.store(false, Ordering::Release);
                return;
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn running() -> bool {
        HEARTBEAT_RUNNING.load(Ordering::Acquire)
    }

    /// Waits up to 5 s for the heartbeat to be `want`.
    fn wait_for(want: bool) -> bool {
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while running() != want {
            if std::time::Instant::now() > deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        true
    }

    // One test, since the heartbeat is process-wide (no other unit test
    // arms I/O timeouts).
    #[test]
    fn the_heartbeat_runs_while_timers_are_armed_and_stops_when_idle() {
        note_timer_armed();
        assert!(running(), "arming a timer starts the heartbeat");
        // Timers armed more often than the idle limit keep it beating.
        for _ in 0..HEARTBEAT_IDLE_BEATS * 2 {
            std::thread::sleep(HEARTBEAT);
            assert!(running(), "stopped while timers were still being armed");
            note_timer_armed();
        }
        assert!(wait_for(false), "an idle heartbeat never stopped");
        note_timer_armed();
        assert!(running(), "the next timer starts it again");
        assert!(wait_for(false));
    }
}
