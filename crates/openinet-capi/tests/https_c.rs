//! tests/c/https/https_basic.c: an async HTTPS GET through the C API
//! (INTERNET_FLAG_SECURE, INTERNET_OPTION_SECURITY_FLAGS, certificate
//! failure as 12045, large reads of a body sent in pieces), built with gcc against `include/wininet.h` and the
//! built libwininet, run against a TLS server in this process (the one the
//! engine's `https_*` tests use). The program checks itself; its `FAIL`
//! lines are reported here.

mod c_support;
#[path = "../../openinet/tests/https_common/mod.rs"]
mod https_common;

use c_support::{
    build_native, failures, have, run_with_timeout, scratch, valgrind_wrapper, workspace_root,
};
use https_common::{Leaf, TlsServer};
use std::process::Command;
use std::time::Duration;

/// Builds https_basic.c (once per test binary: the two tests share it).
fn build() -> std::path::PathBuf {
    static BUILT: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    BUILT
        .get_or_init(|| {
            let src = workspace_root().join("tests/c/https/https_basic.c");
            let exe = scratch("c-https").join("https_basic");
            build_native(&src, &exe).unwrap_or_else(|e| panic!("{e}"));
            exe
        })
        .clone()
}

#[test]
fn https_basic_c_program() {
    if !have("gcc") {
        eprintln!("note: gcc not installed; skipping https_basic.c");
        return;
    }
    run_checked(&[], Duration::from_secs(30));
}

/// The same program under valgrind: the TLS paths (handshake, certificate
/// failure, large reads under a raised receive mark, InternetReadFileEx)
/// with no invalid access and no leak.
#[test]
fn https_basic_c_program_under_valgrind() {
    if !have("gcc") || !have("valgrind") {
        eprintln!("note: gcc or valgrind not installed; skipping https_basic.c under valgrind");
        return;
    }
    let stderr = run_checked(&valgrind_wrapper(true), Duration::from_secs(600));
    assert!(
        stderr.contains("ERROR SUMMARY: 0 errors"),
        "valgrind found errors:\n{stderr}"
    );
}

/// Runs https_basic against a fresh server, behind `wrapper` (a command
/// and its arguments, or nothing); asserts it passed; returns its stderr.
fn run_checked(wrapper: &[String], limit: Duration) -> String {
    let exe = build();
    let server = TlsServer::start(Leaf::Good);
    let mut cmd = match wrapper.split_first() {
        Some((program, args)) => {
            let mut c = Command::new(program);
            c.args(args).arg(&exe);
            c
        }
        None => Command::new(&exe),
    };
    cmd.arg(server.port().to_string());
    let (out, in_time) = run_with_timeout(cmd, limit);
    let stdout = String::from_utf8_lossy(&out.stdout);
    eprintln!("{stdout}");
    assert!(
        in_time && out.status.success(),
        "https_basic failed ({}):\n{}\n--- stdout:\n{stdout}--- stderr:\n{}",
        if in_time { "exit status" } else { "timed out" },
        failures(&stdout).join("\n"),
        String::from_utf8_lossy(&out.stderr)
    );
    let last = stdout.lines().last().unwrap_or_default();
    assert!(
        last.ends_with(" passed, 0 failed") && !last.starts_with("0 "),
        "closing line: {last}"
    );
    // Two connections: the waived one, then the strict one it must not
    // reuse; the two large-read requests reuse the waived one.
    assert_eq!(server.connections(), 2);
    assert_eq!(server.requests(), 3);
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// tests/c/https/https_cert.c: the first certificate error of a
/// self-signed (CA:TRUE), a wrong-name and an expired server, the security
/// flags after it, and the documented retry (query, OR the flag, set, send
/// again), synchronous and asynchronous.
#[test]
fn https_cert_c_program() {
    if !have("gcc") {
        eprintln!("note: gcc not installed; skipping https_cert.c");
        return;
    }
    let src = workspace_root().join("tests/c/https/https_cert.c");
    let exe = scratch("c-https-cert").join("https_cert");
    build_native(&src, &exe).unwrap_or_else(|e| panic!("{e}"));
    let servers = [Leaf::SelfSignedCa, Leaf::WrongName, Leaf::Expired].map(TlsServer::start);
    let mut cmd = Command::new(&exe);
    cmd.args(servers.iter().map(|s| s.port().to_string()));
    let (out, in_time) = run_with_timeout(cmd, Duration::from_secs(60));
    let stdout = String::from_utf8_lossy(&out.stdout);
    eprintln!("{stdout}");
    assert!(
        in_time && out.status.success(),
        "https_cert failed ({}):\n{}\n--- stderr:\n{}",
        if in_time { "exit status" } else { "timed out" },
        failures(&stdout).join("\n"),
        String::from_utf8_lossy(&out.stderr)
    );
    let last = stdout.lines().last().unwrap_or_default();
    assert!(
        last.ends_with(" passed, 0 failed") && !last.starts_with("0 "),
        "closing line: {last}"
    );
    for server in &servers {
        // Sync and async: one request each, after the retry.
        assert_eq!(
            server.requests(),
            2,
            "nothing was sent over a rejected certificate"
        );
    }
}

/// tests/c/https/https_cert_info.c: the certificate options of a request
/// handle (struct A and W, text, key bitness, chain), before a send, on a
/// plain request, after a refused certificate and after the retry that
/// waives it, synchronous and asynchronous.
#[test]
fn https_cert_info_c_program() {
    if !have("gcc") {
        eprintln!("note: gcc not installed; skipping https_cert_info.c");
        return;
    }
    run_cert_info(&[], Duration::from_secs(60));
}

/// The same under valgrind: the struct's strings, allocated by the library
/// and freed by the program (LocalFree), with no invalid access and no leak.
#[test]
fn https_cert_info_c_program_under_valgrind() {
    if !have("gcc") || !have("valgrind") {
        eprintln!("note: gcc or valgrind not installed; skipping https_cert_info.c under valgrind");
        return;
    }
    let stderr = run_cert_info(&valgrind_wrapper(false), Duration::from_secs(600));
    assert!(
        stderr.contains("ERROR SUMMARY: 0 errors"),
        "valgrind found errors:\n{stderr}"
    );
}

/// Runs https_cert_info against a fresh server, behind `wrapper`; asserts
/// it passed; returns its stderr.
fn run_cert_info(wrapper: &[String], limit: Duration) -> String {
    static BUILT: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    let exe = BUILT.get_or_init(|| {
        let src = workspace_root().join("tests/c/https/https_cert_info.c");
        let exe = scratch("c-https-cert-info").join("https_cert_info");
        build_native(&src, &exe).unwrap_or_else(|e| panic!("{e}"));
        exe
    });
    let server = TlsServer::start(Leaf::Named);
    let mut cmd = match wrapper.split_first() {
        Some((program, args)) => {
            let mut c = Command::new(program);
            c.args(args).arg(exe);
            c
        }
        None => Command::new(exe),
    };
    cmd.arg(server.port().to_string());
    let (out, in_time) = run_with_timeout(cmd, limit);
    let stdout = String::from_utf8_lossy(&out.stdout);
    eprintln!("{stdout}");
    assert!(
        in_time && out.status.success(),
        "https_cert_info failed ({}):\n{}\n--- stderr:\n{}",
        if in_time { "exit status" } else { "timed out" },
        failures(&stdout).join("\n"),
        String::from_utf8_lossy(&out.stderr)
    );
    let last = stdout.lines().last().unwrap_or_default();
    assert!(
        last.ends_with(" passed, 0 failed") && !last.starts_with("0 "),
        "closing line: {last}"
    );
    // Sync and async: one request each, after the retry.
    assert_eq!(
        server.requests(),
        2,
        "nothing was sent over the refused certificate"
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}
