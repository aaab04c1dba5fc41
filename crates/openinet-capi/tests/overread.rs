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
