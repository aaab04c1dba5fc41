//! tests/c/cookies/cookie_params.c: the cookie exports' buffer, size and
//! error rules, HttpOnly, domains and paths, the privacy and WPAD calls,
//! and the cookie file across processes. The program checks itself and
//! prints "N passed, N failed". It runs against libwininet (every check
//! must pass, under valgrind too when it is installed), and under wine
//! against Windows' wininet when wine is here, which shows the
//! expectations are WinINet's (where Wine differs, the C source compiles
//! the check out of that build and says why).
//!
//! Every native run gets its own empty home (`HOME` and `XDG_DATA_HOME`),
//! so the user's cookie file is never touched and runs cannot meet.

mod c_support;
mod url_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use url_support::{build_native, counts, have, have_wine, repo, run_under_wine, scratch};

fn program(tag: &str) -> PathBuf {
    let src = repo().join("tests/c/cookies/cookie_params.c");
    let exe = scratch(&format!("cookies-{tag}")).join("cookie_params");
    build_native(&src, &exe);
    exe
}

/// A fresh, empty home directory for one test.
fn fresh_home(tag: &str) -> PathBuf {
    let home = scratch(&format!("cookies-home-{tag}"));
    std::fs::remove_dir_all(&home).unwrap();
    std::fs::create_dir_all(&home).unwrap();
    home
}

/// Runs the program in `mode` with `home` as its home and data directory.
fn run(exe: &Path, mode: Option<&str>, home: &Path, wrapper: &[&str]) -> Output {
    let mut cmd = match wrapper.split_first() {
        Some((tool, args)) => {
            let mut c = Command::new(tool);
            c.args(args).arg(exe);
            c
        }
        None => Command::new(exe),
    };
    cmd.args(mode)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"));
    cmd.output().unwrap()
}

/// Asserts a run passed every check, and ran at least `min`.
fn assert_passed(what: &str, out: &Output, min: u32) {
    let stdout = String::from_utf8_lossy(&out.stdout);
    let (passed, failed) = counts(&stdout);
    assert!(
        out.status.success() && failed == 0,
        "{what} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(passed >= min, "{what}: only {passed} checks ran");
}

#[test]
fn cookie_params_against_libwininet() {
    if !have("gcc") {
        eprintln!("cookies_c: skipped, no gcc");
        return;
    }
    let exe = program("params");
    let home = fresh_home("params");
    assert_passed("cookie_params", &run(&exe, None, &home, &[]), 95);
    // Nothing the checks stored outlives them: only session cookies, or
    // persistent ones deleted again.
    let file = home.join("data/openinet/cookies.txt");
    if let Ok(text) = std::fs::read_to_string(&file) {
        assert_eq!(text.lines().count(), 1, "left in the cookie file:\n{text}");
    }

    if have("valgrind") {
        let home = fresh_home("params-valgrind");
        let tool = ["valgrind", "-q", "--error-exitcode=99", "--leak-check=no"];
        assert_passed(
            "cookie_params under valgrind",
            &run(&exe, None, &home, &tool),
            95,
        );
    }
}

#[test]
fn persistent_cookies_outlive_the_process_and_session_ones_do_not() {
    if !have("gcc") {
        eprintln!("cookies_c: skipped, no gcc");
        return;
    }
    let exe = program("persist");
    let home = fresh_home("persist");
    assert_passed(
        "persist-write",
        &run(&exe, Some("persist-write"), &home, &[]),
        2,
    );

    // The file is where the documentation says, holds the persistent
    // cookie only, and is the user's alone.
    let file = home.join("data/openinet/cookies.txt");
    let text = std::fs::read_to_string(&file).expect("the cookie file");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[1].starts_with("persist.cookie-params.test\t/\tp\t1\t"),
        "{text}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "cookie file mode {mode:o}");
    }

    assert_passed(
        "persist-read",
        &run(&exe, Some("persist-read"), &home, &[]),
        3,
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        text.lines().count(),
        1,
        "deleted cookie still in the file:\n{text}"
    );
}

#[test]
fn a_corrupt_cookie_file_reads_as_empty() {
    if !have("gcc") {
        eprintln!("cookies_c: skipped, no gcc");
        return;
    }
    let exe = program("corrupt");
    for (tag, bytes) in [
        ("garbage", &b"\x00\xff\xfe not a cookie file"[..]),
        (
            "truncated",
            &b"OpenINet cookies 1\npersist.cookie-params.test\t/\tp\t1\t99999999"[..],
        ),
        (
            "foreign",
            &b"# Netscape HTTP Cookie File\n.x\tTRUE\t/\tFALSE\t0\tp\t1\n"[..],
        ),
    ] {
        let home = fresh_home(&format!("corrupt-{tag}"));
        let dir = home.join("data/openinet");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("cookies.txt"), bytes).unwrap();
        assert_passed(
            &format!("empty ({tag})"),
            &run(&exe, Some("empty"), &home, &[]),
            4,
        );
    }
    // A home that cannot hold the file: cookies still work in memory.
    let home = fresh_home("corrupt-unwritable");
    std::fs::write(home.join("data"), b"a file, not a directory").unwrap();
    assert_passed(
        "empty (unwritable)",
        &run(&exe, Some("empty"), &home, &[]),
        4,
    );
}

#[test]
fn cookie_params_expectations_hold_under_wine() {
    if !have_wine() {
        eprintln!("cookies_c: wine or mingw absent, WinINet check skipped");
        return;
    }
    let src = repo().join("tests/c/cookies/cookie_params.c");
    let exe = scratch("cookies-wine").join("cookie_params.exe");
    let run = run_under_wine(&src, &exe, &[]);
    let out = String::from_utf8_lossy(&run.stdout);
    let (passed, failed) = counts(&out);
    assert_eq!(
        failed, 0,
        "WinINet (wine) disagrees with cookie_params.c:\n{out}"
    );
    assert!(passed >= 80, "only {passed} checks ran under wine");

    // Wine keeps persistent cookies in its prefix: one process's are the
    // next one's, and the reader deletes what the writer stored.
    for (mode, min) in [("persist-write", 2), ("persist-read", 3)] {
        let run = run_under_wine(&src, &exe, &[Path::new(mode)]);
        let out = String::from_utf8_lossy(&run.stdout);
        let (passed, failed) = counts(&out);
        assert!(failed == 0 && passed >= min, "wine {mode}:\n{out}");
    }
}
