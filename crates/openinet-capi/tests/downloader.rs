//! `tests/c/downloader/downloader.c`: the pattern of real asynchronous
//! WinINet downloaders (the handle stored from HANDLE_CREATED, then the
//! call's NULL return stored over it; the read loop inside the callback;
//! cancelling by closing from another thread), 200 downloads in a row with
//! both cores kept busy, then under valgrind.
//!
//! Not run under Wine: Wine 8 itself fails the pattern. Its worker sends
//! HANDLE_CREATED before InternetOpenUrl has returned (about one download
//! in ten here), and HANDLE_CLOSING from the worker rather than inside
//! InternetCloseHandle; Windows' behaviour is the one these programs
//! rely on (and the one the issue asks for).

mod c_support;

use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use c_support::{
    build_native, failures, have, run_with_timeout, scratch, valgrind_wrapper, workspace_root,
};

fn source() -> std::path::PathBuf {
    workspace_root().join("tests/c/downloader/downloader.c")
}

/// Runs `cmd` (the program plus its wrapper) with the server's port and
/// `iterations`, and panics with its output unless every download passed.
fn expect_pass(mut cmd: Command, port: u16, iterations: u32, timeout: Duration, what: &str) {
    cmd.arg(port.to_string()).arg(iterations.to_string());
    let (out, in_time) = run_with_timeout(cmd, timeout);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        in_time && out.status.success(),
        "downloader {what}: {} (status {})\n{}\n--- stdout tail:\n{}\n--- stderr tail:\n{}",
        if in_time { "failed" } else { "timed out" },
        out.status,
        failures(&stdout).join("\n"),
        tail(&stdout, 2000),
        tail(&stderr, 8000)
    );
    assert!(
        stdout.contains(&format!("# downloader: {iterations} downloads, 0 failed")),
        "downloader {what}: no summary line\n{stdout}"
    );
}

fn tail(s: &str, n: usize) -> &str {
    let mut start = s.len().saturating_sub(n);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// Two threads that spin until dropped: the "under load" of the issue, so
/// that the callback thread and the caller compete for the two cores.
struct Load {
    stop: Arc<AtomicBool>,
    threads: Vec<std::thread::JoinHandle<()>>,
}

impl Load {
    fn start() -> Load {
        let stop = Arc::new(AtomicBool::new(false));
        let threads = (0..2)
            .map(|_| {
                let stop = stop.clone();
                std::thread::spawn(move || {
                    let mut x = 0u64;
                    while !stop.load(Ordering::Relaxed) {
                        x = std::hint::black_box(
                            x.wrapping_mul(6364136223846793005).wrapping_add(1),
                        );
                    }
                })
            })
            .collect();
        Load { stop, threads }
    }
}

impl Drop for Load {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

#[test]
fn two_hundred_downloads_under_load() {
    let exe = scratch("downloader").join("downloader");
    build_native(&source(), &exe).expect("downloader.c builds");
    let server = testserver::Server::start();
    let _load = Load::start();
    expect_pass(
        Command::new(&exe),
        server.port(),
        200,
        Duration::from_secs(240),
        "under load",
    );
}

#[test]
fn downloads_under_valgrind() {
    if !have("valgrind") {
        eprintln!("note: valgrind not installed; skipping");
        return;
    }
    let exe = scratch("downloader").join("downloader-vg");
    build_native(&source(), &exe).expect("downloader.c builds");
    let server = testserver::Server::start();
    let wrapper = valgrind_wrapper(false);
    let mut cmd = Command::new(&wrapper[0]);
    cmd.args(&wrapper[1..]).arg(&exe);
    expect_pass(
        cmd,
        server.port(),
        24,
        Duration::from_secs(600),
        "under valgrind",
    );
}
