//! What the parameter C tests (URLs, cookies) add to `c_support`: their
//! own compiler flags (`-fshort-wchar`, so `L"..."` is UTF-16 as on
//! Windows), running a program's Windows build under wine, and reading the
//! "N passed, N failed" line of `tests/c/checks.h`. Needs `mod c_support;` beside it in
//! the test binary.

#![allow(dead_code)] // each test binary uses its own part

use crate::c_support;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub use crate::c_support::{have, scratch};

/// The URL programs' flags: plain C with warnings as errors, and 2-byte
/// `wchar_t` like Windows'.
const URL_FLAGS: &[&str] = &["-Wall", "-Werror", "-fshort-wchar"];

/// The repository root.
pub fn repo() -> PathBuf {
    c_support::workspace_root()
}

/// Builds `src` with gcc against include/wininet.h and libwininet.so.
pub fn build_native(src: &Path, out: &Path) {
    c_support::build_native_with(src, out, URL_FLAGS)
        .unwrap_or_else(|e| panic!("{} does not build against our header: {e}", src.display()));
}

/// Whether wine and mingw are here to run the Windows build.
pub fn have_wine() -> bool {
    have("wine") && have("x86_64-w64-mingw32-gcc")
}

/// Builds `src` with mingw against Windows' wininet and runs it under wine.
pub fn run_under_wine(src: &Path, exe: &Path, args: &[&Path]) -> Output {
    c_support::build_mingw_with(src, exe, &[])
        .unwrap_or_else(|e| panic!("{} does not build with mingw: {e}", src.display()));
    Command::new("wine")
        .env("WINEDEBUG", "-all")
        .arg(exe)
        .args(args)
        .output()
        .unwrap()
}

/// "N passed, N failed" from the program's last line.
pub fn counts(stdout: &str) -> (u32, u32) {
    let last = stdout.lines().last().unwrap_or_default();
    let nums: Vec<u32> = last
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|s| s.parse().ok())
        .collect();
    assert_eq!(nums.len(), 2, "no summary line in:\n{stdout}");
    (nums[0], nums[1])
}
