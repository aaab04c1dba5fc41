//! `tests/c/hostile/overread.c`: string-taking calls given buffers that
//! end right before an unmapped page, unterminated, for lengths 0..8; a
//! read of one byte past the given length faults the program. (Issue 9's
//! first two defects: INTERNET_OPTION_USER_AGENT with length 0 read until
//! it faulted, and HTTP_QUERY_CUSTOM read its name with strlen.)

mod c_support;

use c_support::{build_native, failures, run_with_timeout, scratch, workspace_root};
use std::process::Command;
use std::time::Duration;

#[test]
fn no_call_reads_past_the_length_it_is_given() {
    let exe = scratch("overread").join("overread");
    build_native(&workspace_root().join("tests/c/hostile/overread.c"), &exe)
        .expect("overread.c builds");
    let (out, in_time) = run_with_timeout(Command::new(&exe), Duration::from_secs(60));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        in_time && out.status.success(),
        "overread: {} (a signal means a read past the buffer)\n{}\n{stdout}",
        out.status,
        failures(&stdout).join("\n")
    );
    assert!(stdout.contains(" passed, 0 failed"), "{stdout}");
}

/// `tests/c/hostile/edge_buffers.c`: every buffer-taking call, inputs and
/// outputs, with its buffer ending right before an unmapped page, for
/// lengths 0..8 and the exact length the call asks for; odd addresses for
/// the LPVOID buffers of the W calls.
#[test]
fn no_call_reads_or_writes_past_the_buffer_it_is_given() {
    let server = testserver::Server::start();
    let exe = scratch("edge_buffers").join("edge_buffers");
    build_native(
        &workspace_root().join("tests/c/hostile/edge_buffers.c"),
        &exe,
    )
    .expect("edge_buffers.c builds");
    let mut cmd = Command::new(&exe);
    cmd.arg(server.port().to_string());
    let (out, in_time) = run_with_timeout(cmd, Duration::from_secs(120));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        in_time && out.status.success(),
        "edge_buffers: {} (a signal means a read or write past the buffer)\n{}\n{stdout}\n{}",
        out.status,
        failures(&stdout).join("\n"),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains(" passed, 0 failed"), "{stdout}");
}
