//! Running one client once: pinned to its core, timed by itself, measured
//! by the kernel (wait4's rusage: CPU time and peak RSS), its result line
//! checked against what the workload must have received.

use serde::Serialize;
use std::io::Read;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// What a client program is and how to start it.
#[derive(Clone)]
pub struct Client {
    /// Short name used in tables and JSON.
    pub name: &'static str,
    /// A longer label for the report.
    pub label: &'static str,
    pub program: String,
    pub env: Vec<(&'static str, &'static str)>,
    /// Whether it is OpenINet (whose missing HTTPS is reported as such).
    pub openinet: bool,
    /// Whether it speaks https at all (the raw ceiling does not).
    pub https: bool,
}

/// One workload: N GETs of one file with K in flight.
#[derive(Clone, Serialize)]
pub struct Workload {
    pub name: &'static str,
    pub label: &'static str,
    pub url: String,
    pub n: u64,
    pub k: u64,
    pub size: u64,
    pub bufsize: u64,
    pub https: bool,
    /// MiB/s for downloads, requests/s otherwise.
    pub unit: &'static str,
}

impl Workload {
    /// The figure of merit of a run that took `secs`.
    pub fn metric(&self, secs: f64, bytes: u64) -> f64 {
        if self.unit == "MiB/s" {
            bytes as f64 / (1024.0 * 1024.0) / secs
        } else {
            self.n as f64 / secs
        }
    }
}

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Ok,
    Failed,
    /// OpenINet answered ERROR_CALL_NOT_IMPLEMENTED (120): not there yet.
    NotSupported,
}

/// One run's record, as the JSON has it.
#[derive(Clone, Serialize)]
pub struct Run {
    pub workload: String,
    pub client: String,
    pub rep: u32,
    pub verdict: Verdict,
    pub ok: u64,
    pub failed: u64,
    pub bytes: u64,
    pub secs: f64,
    pub metric: f64,
    pub cpu_user: f64,
    pub cpu_sys: f64,
    pub max_rss_kib: u64,
    pub exit: i32,
    pub error: String,
}

const RUN_LIMIT: Duration = Duration::from_secs(120);

fn field<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let start = line.find(&format!(" {key}="))? + key.len() + 2;
    let rest = &line[start..];
    if key == "error" {
        return Some(rest.trim_end());
    }
    Some(rest.split(' ').next().unwrap_or(""))
}

fn tv(t: libc::timeval) -> f64 {
    t.tv_sec as f64 + t.tv_usec as f64 / 1e6
}

/// The proxy (`host:port`) workloads named `*-squid` go through; clients
/// read it from `BENCH_PROXY`.
pub static PROXY: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Runs `client` on `work` once, on `cpu`.
pub fn run_once(client: &Client, work: &Workload, cpu: usize, cafile: &str, rep: u32) -> Run {
    let mut cmd = Command::new("taskset");
    cmd.args(["-c", &cpu.to_string(), &client.program, &work.url])
        .arg(work.n.to_string())
        .arg(work.k.to_string())
        .arg(work.size.to_string())
        .arg(work.bufsize.to_string());
    if work.https {
        cmd.arg(cafile);
    }
    for (k, v) in &client.env {
        cmd.env(k, v);
    }
    if work.name.ends_with("-squid") {
        if let Some(p) = PROXY.get() {
            cmd.env("BENCH_PROXY", p);
        }
    }
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut record = Run {
        workload: work.name.to_string(),
        client: client.name.to_string(),
        rep,
        verdict: Verdict::Failed,
        ok: 0,
        failed: work.n,
        bytes: 0,
        secs: 0.0,
        metric: 0.0,
        cpu_user: 0.0,
        cpu_sys: 0.0,
        max_rss_kib: 0,
        exit: -1,
        error: String::new(),
    };
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            record.error = format!("spawn: {e}");
            return record;
        }
    };
    let pid = child.id() as libc::pid_t;
    crate::cleanup::set_client(pid);
    let done = Arc::new(AtomicBool::new(false));
    let watchdog = {
        let done = done.clone();
        std::thread::spawn(move || {
            let start = std::time::Instant::now();
            while !done.load(Ordering::Acquire) {
                if start.elapsed() > RUN_LIMIT {
                    // SAFETY: our own child, not reaped yet (we reap it below,
                    // after setting `done`).
                    unsafe { libc::kill(pid, libc::SIGKILL) };
                    return true;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            false
        })
    };
    let mut out = String::new();
    let mut err = String::new();
    if let Some(mut s) = child.stdout.take() {
        let _ = s.read_to_string(&mut out);
    }
    if let Some(mut s) = child.stderr.take() {
        let _ = s.read_to_string(&mut err);
    }
    // Wait for the exit without reaping, so that until `set_client(0)` the
    // pid is still ours for the signal cleanup to kill; then reap.
    loop {
        // SAFETY: zeroed siginfo is a valid value; waitid fills it.
        let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
        // SAFETY: `pid` is our child; `info` a valid out-pointer.
        let r = unsafe {
            libc::waitid(
                libc::P_PID,
                pid as libc::id_t,
                &mut info,
                libc::WEXITED | libc::WNOWAIT,
            )
        };
        if r == 0 || std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted {
            break;
        }
    }
    crate::cleanup::set_client(0);
    let mut status = 0;
    // SAFETY: zeroed rusage is a valid value; wait4 fills it for our child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our child; `status` and `usage` are valid out-pointers.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    done.store(true, Ordering::Release);
    let killed = watchdog.join().unwrap_or(false);
    if r == pid {
        record.cpu_user = tv(usage.ru_utime);
        record.cpu_sys = tv(usage.ru_stime);
        record.max_rss_kib = usage.ru_maxrss as u64;
        record.exit = if libc::WIFEXITED(status) {
            libc::WEXITSTATUS(status)
        } else {
            128 + libc::WTERMSIG(status)
        };
    }
    let Some(line) = out.lines().find(|l| l.starts_with("result ")) else {
        record.error = if killed {
            format!("killed after {} s", RUN_LIMIT.as_secs())
        } else {
            format!(
                "no result line (exit {}); stderr: {}",
                record.exit,
                err.trim()
            )
        };
        return record;
    };
    let num = |k: &str| {
        field(line, k)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    record.ok = num("ok") as u64;
    record.failed = num("failed") as u64;
    record.bytes = num("bytes") as u64;
    record.secs = num("secs");
    record.error = field(line, "error").unwrap_or("-").to_string();
    let expected_bytes = work.n * work.size;
    let right = record.exit == 0
        && record.ok == work.n
        && record.failed == 0
        && record.bytes == expected_bytes
        && record.secs > 0.0;
    if right {
        record.verdict = Verdict::Ok;
        record.metric = work.metric(record.secs, record.bytes);
    } else {
        if record.error == "-" {
            record.error = format!(
                "exit {}, ok {} of {}, bytes {} of {}",
                record.exit, record.ok, work.n, record.bytes, expected_bytes
            );
        }
        if client.openinet && work.https && is_not_implemented(&record.error) {
            record.verdict = Verdict::NotSupported;
        }
    }
    record
}

/// Whether a client's error says ERROR_CALL_NOT_IMPLEMENTED (120).
fn is_not_implemented(error: &str) -> bool {
    error.split([':', ' ', ',']).any(|part| part == "120")
}
