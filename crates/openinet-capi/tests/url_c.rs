//! tests/c/url/url_params.c: the URL and time exports called with NULL
//! arguments, buffers too small and wrong `dwStructSize`. The program checks
//! itself and prints "N passed, N failed". It runs against libwininet
//! (every check must pass, under valgrind too when it is installed), and
//! under wine against Windows' wininet when wine is here, which shows the
//! expectations are WinINet's (the few where Wine is known to differ are
//! compiled out of that build, each with its reason in the C source).

mod c_support;
mod url_support;

use std::process::Command;
use url_support::{build_native, counts, have, have_wine, repo, run_under_wine, scratch};

#[test]
fn url_params_against_libwininet() {
    if !have("gcc") {
        eprintln!("url_c: skipped, no gcc");
        return;
    }
    let src = repo().join("tests/c/url/url_params.c");
    let exe = scratch("url-params").join("url_params");
    build_native(&src, &exe);
    let run = Command::new(&exe).output().unwrap();
    let out = String::from_utf8_lossy(&run.stdout);
    let (passed, failed) = counts(&out);
    assert!(
        run.status.success() && failed == 0,
        "url_params failed:\n{out}"
    );
    assert!(passed >= 100, "only {passed} checks ran");

    if have("valgrind") {
        let run = Command::new("valgrind")
            .args(["-q", "--error-exitcode=99", "--leak-check=no"])
            .arg(&exe)
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "url_params under valgrind:\n{}\n{}",
            String::from_utf8_lossy(&run.stdout),
            String::from_utf8_lossy(&run.stderr)
        );
    }
}

#[test]
fn url_params_expectations_hold_under_wine() {
    if !have_wine() {
        eprintln!("url_c: wine or mingw absent, WinINet check skipped");
        return;
    }
    let src = repo().join("tests/c/url/url_params.c");
    let run = run_under_wine(
        &src,
        &scratch("url-params-wine").join("url_params.exe"),
        &[],
    );
    let out = String::from_utf8_lossy(&run.stdout);
    let (passed, failed) = counts(&out);
    assert_eq!(
        failed, 0,
        "WinINet (wine) disagrees with url_params.c:\n{out}"
    );
    assert!(passed >= 90, "only {passed} checks ran under wine");
}
