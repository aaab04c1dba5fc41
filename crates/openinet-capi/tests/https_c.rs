//! tests/c/https/https_basic.c: an async HTTPS GET through the C API
//! (INTERNET_FLAG_SECURE, INTERNET_OPTION_SECURITY_FLAGS, certificate
//! failure as 12045), built with gcc against `include/wininet.h` and the
//! built libwininet, run against a TLS server in this process (the one the
//! engine's `https_*` tests use). The program checks itself; its `FAIL`
//! lines are reported here.

mod c_support;
#[path = "../../openinet/tests/https_common/mod.rs"]
mod https_common;

use c_support::{build_native, failures, have, run_with_timeout, scratch, workspace_root};
use https_common::{Leaf, TlsServer};
use std::process::Command;
use std::time::Duration;

#[test]
fn https_basic_c_program() {
    if !have("gcc") {
        eprintln!("note: gcc not installed; skipping https_basic.c");
        return;
    }
    let src = workspace_root().join("tests/c/https/https_basic.c");
    let exe = scratch("c-https").join("https_basic");
    build_native(&src, &exe).unwrap_or_else(|e| panic!("{e}"));
    let server = TlsServer::start(Leaf::Good);
    let mut cmd = Command::new(&exe);
    cmd.arg(server.port().to_string());
    let (out, in_time) = run_with_timeout(cmd, Duration::from_secs(30));
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
    // Two connections: the waived one, then the strict one it must not reuse.
    assert_eq!(server.connections(), 2);
    assert_eq!(server.requests(), 1);
}
