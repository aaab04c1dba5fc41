//! The C scenario programs of `tests/c` (see `tests/c/trace.h`), built with
//! gcc against `include/wininet.h`, linked to the built `libwininet`, and
//! run against an in-process test server. Each program checks WinINet facts
//! itself and exits non-zero on failure. A second test runs them all under
//! valgrind when it is installed.

mod c_support;

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use c_support::{
    build_native, failures, have, run_with_timeout, scenarios, scratch, valgrind_wrapper,
    workspace_root,
};

/// Per-program limit natively (the slowest waits ~2 s on purpose).
const TIMEOUT: Duration = Duration::from_secs(60);
/// Per-program limit under valgrind (everything runs ~20-50x slower).
const VALGRIND_TIMEOUT: Duration = Duration::from_secs(600);

/// Builds every scenario; panics listing the ones that do not compile.
fn build_all() -> Vec<(String, PathBuf)> {
    let dir = scratch("c-scenarios");
    let mut built = Vec::new();
    let mut errors = Vec::new();
    for (name, src) in scenarios() {
        let exe = dir.join(&name);
        match build_native(&src, &exe) {
            Ok(()) => built.push((name, exe)),
            Err(e) => errors.push(format!("{name}: {e}")),
        }
    }
    assert!(
        errors.is_empty(),
        "C scenarios that do not build:\n{}",
        errors.join("\n")
    );
    assert!(!built.is_empty(), "no scenarios found in tests/c");
    built
}

/// Runs each program (optionally under a wrapper) and returns one message
/// per failing program. `must_say`: a line the wrapper must print on
/// stderr for the run to count (proof that it really checked the program).
fn run_all(
    programs: &[(String, PathBuf)],
    wrapper: &[String],
    must_say: Option<&str>,
    timeout: Duration,
) -> Vec<String> {
    let server = testserver::Server::start();
    let port = server.port().to_string();
    let mut bad = Vec::new();
    for (name, exe) in programs {
        let mut cmd = match wrapper.split_first() {
            Some((w, args)) => {
                let mut c = Command::new(w);
                c.args(args).arg(exe);
                c
            }
            None => Command::new(exe),
        };
        cmd.arg(&port).current_dir(workspace_root());
        let (out, in_time) = run_with_timeout(cmd, timeout);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let said = must_say.is_none_or(|m| stderr.contains(m));
        let passed = in_time && out.status.success() && said;
        eprintln!("{} {name}", if passed { "PASS" } else { "FAIL" });
        if !passed {
            let why = if !in_time {
                "timed out".into()
            } else if !said {
                format!("stderr lacks {:?}", must_say.unwrap_or(""))
            } else {
                format!("exit status {}", out.status)
            };
            // Valgrind's loss records come before its summary: keep more.
            let keep = if wrapper.is_empty() { 4000 } else { 30000 };
            bad.push(format!(
                "--- {name}: {why}\nfailed checks:\n{}\n--- stdout:\n{stdout}--- stderr (last {keep} bytes):\n{}",
                failures(&stdout).join("\n"),
                tail(&stderr, keep)
            ));
        }
    }
    bad
}

fn tail(s: &str, n: usize) -> &str {
    let mut start = s.len().saturating_sub(n);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

#[test]
fn c_scenarios_pass() {
    let programs = build_all();
    let bad = run_all(&programs, &[], None, TIMEOUT);
    assert!(
        bad.is_empty(),
        "{} of {} C scenarios failed:\n{}",
        bad.len(),
        programs.len(),
        bad.join("\n")
    );
}

/// The same programs under valgrind: any leak (definite or indirect) or
/// invalid access fails. Suppressions, each with its reason, are in
/// tests/c/valgrind.supp.
#[test]
fn c_scenarios_under_valgrind() {
    if !have("valgrind") {
        eprintln!("note: valgrind not installed; skipping the memory check of the C scenarios");
        return;
    }
    let programs = build_all();
    let wrapper = valgrind_wrapper(true);
    let bad = run_all(
        &programs,
        &wrapper,
        Some("ERROR SUMMARY: 0 errors"),
        VALGRIND_TIMEOUT,
    );
    assert!(
        bad.is_empty(),
        "{} of {} C scenarios failed under valgrind:\n{}",
        bad.len(),
        programs.len(),
        bad.join("\n")
    );
}
