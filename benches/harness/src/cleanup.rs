//! Leaving nothing behind: on SIGINT, SIGTERM or SIGHUP the running client
//! is killed, nginx (its whole process group) stopped and its temporary
//! directory removed before the harness exits. Without this a harness
//! killed mid-run left nginx serving and a 1 GiB file in /tmp.
//!
//! The signal handler only writes the signal's number to a pipe (all a
//! handler may safely do); a watcher thread reads it and cleans up.
//! `Nginx`'s drop runs the same `stop_server`, under the same lock, so the
//! two never stop it at once and the process never exits half-way through.

use std::path::PathBuf;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The server's temporary directory and, once started, nginx's pid (also
/// its process group: it is started as a group leader).
struct Server {
    dir: PathBuf,
    pid: Option<libc::pid_t>,
}

static SERVER: Mutex<Option<Server>> = Mutex::new(None);
/// The client process running now (0: none), not yet reaped.
static CLIENT: AtomicI32 = AtomicI32::new(0);
/// The pipe's write end, for the handler.
static WAKE_FD: AtomicI32 = AtomicI32::new(-1);

fn server() -> std::sync::MutexGuard<'static, Option<Server>> {
    SERVER.lock().unwrap_or_else(|p| p.into_inner())
}

/// Records the server's directory, to be removed on a signal.
pub fn register_dir(dir: PathBuf) {
    *server() = Some(Server { dir, pid: None });
}

/// Records nginx's pid (a process group leader).
pub fn register_nginx(pid: libc::pid_t) {
    if let Some(s) = server().as_mut() {
        s.pid = Some(pid);
    }
}

/// Records the client running now; 0 once it has exited (before it is reaped).
pub fn set_client(pid: libc::pid_t) {
    CLIENT.store(pid, Ordering::SeqCst);
}

/// Stops nginx, if registered, and removes its directory: SIGQUIT (graceful)
/// to its process group, or SIGTERM (fast) when `fast`; SIGKILL after a few
/// seconds. Idempotent.
pub fn stop_server(fast: bool) {
    let mut guard = server();
    let Some(s) = guard.take() else { return };
    if let Some(pid) = s.pid {
        let first = if fast { libc::SIGTERM } else { libc::SIGQUIT };
        // SAFETY: signalling the process group nginx leads (ours to stop).
        unsafe { libc::kill(-pid, first) };
        let deadline = Instant::now() + Duration::from_secs(if fast { 2 } else { 5 });
        // The master exits after its workers; reaping it says it is done.
        let mut reaped = false;
        while Instant::now() < deadline {
            let mut status = 0;
            // SAFETY: our own child; a valid out-pointer.
            let r = unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) };
            if r == pid || r < 0 {
                reaped = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        // Whatever is left of the group (a worker outliving its master).
        // SAFETY: as above; ESRCH when the group is already gone.
        unsafe { libc::kill(-pid, libc::SIGKILL) };
        if !reaped {
            let mut status = 0;
            // SAFETY: as above.
            unsafe { libc::waitpid(pid, &mut status, 0) };
        }
    }
    let _ = std::fs::remove_dir_all(&s.dir);
}

extern "C" fn on_signal(sig: libc::c_int) {
    let byte = sig as u8;
    let fd = WAKE_FD.load(Ordering::Relaxed);
    // SAFETY: write(2) is async-signal-safe; a one-byte buffer on our stack.
    unsafe { libc::write(fd, (&byte as *const u8).cast(), 1) };
}

/// Installs the handlers and starts the watcher thread. Call first thing.
pub fn install() {
    let mut fds = [0; 2];
    // SAFETY: a valid two-int array; close-on-exec keeps the pipe from clients.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        eprintln!("bench: pipe2 failed; no cleanup on signals");
        return;
    }
    let (read_fd, write_fd) = (fds[0], fds[1]);
    WAKE_FD.store(write_fd, Ordering::Relaxed);
    std::thread::spawn(move || {
        let mut byte = 0u8;
        loop {
            // SAFETY: reading one byte into a valid buffer from our pipe.
            let n = unsafe { libc::read(read_fd, (&mut byte as *mut u8).cast(), 1) };
            if n == 1 {
                break;
            }
            if n < 0 && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return;
        }
        let sig = i32::from(byte);
        eprintln!("bench: signal {sig}: stopping the client and nginx, removing the files");
        let client = CLIENT.load(Ordering::SeqCst);
        if client > 0 {
            // SAFETY: our own child, not reaped yet (see `set_client`).
            unsafe { libc::kill(client, libc::SIGKILL) };
        }
        stop_server(true);
        std::process::exit(128 + sig);
    });
    for sig in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
        // SAFETY: a zeroed sigaction is valid; the handler only writes to a pipe.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_signal as extern "C" fn(libc::c_int) as usize;
            action.sa_flags = libc::SA_RESTART;
            libc::sigemptyset(&mut action.sa_mask);
            libc::sigaction(sig, &action, std::ptr::null_mut());
        }
    }
}
