//! The one tokio runtime every handle of the process shares: its threads do
//! the I/O; callbacks never run on them (the C layer has its own threads).

use std::future::Future;
use std::sync::OnceLock;
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
