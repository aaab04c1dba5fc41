//! Differential test of the certificate options: tests/c/https/cert_info_diff.c
//! built with mingw (run under Wine, against Wine's wininet) and with gcc
//! (against ours), both run against the same local TLS server
//! (`Leaf::Named`: a known subject with a quoted value, fixed dates, an
//! unknown CA). Their outputs must be equal line for line: the options
//! before a send, after the refused send, and after the retry that waives
//! the unknown CA (struct, text, short buffers, security flags).
//!
//! Without wine or mingw the test prints a note and passes, except in CI
//! (`CI=true`), where it fails.

mod c_support;
#[path = "../../openinet/tests/https_common/mod.rs"]
mod https_common;

use c_support::{build_mingw_with, build_native, have, run_with_timeout, scratch, workspace_root};
use https_common::{Leaf, TlsServer};
use std::process::Command;
use std::time::Duration;

#[test]
fn certificate_options_match_wine() {
    if !have("wine") || !have("x86_64-w64-mingw32-gcc") || !have("gcc") {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "wine, mingw and gcc are installed in CI (tests/setup.sh)"
        );
        eprintln!("note: wine, mingw or gcc not installed; skipping the certificate differential");
        return;
    }
    let src = workspace_root().join("tests/c/https/cert_info_diff.c");
    let dir = scratch("cert-wine-diff");
    let native = dir.join("cert_info_diff");
    let mingw = dir.join("cert_info_diff.exe");
    build_native(&src, &native).unwrap_or_else(|e| panic!("{e}"));
    build_mingw_with(&src, &mingw, &[]).unwrap_or_else(|e| panic!("{e}"));
    let server = TlsServer::start(Leaf::Named);
    let port = server.port().to_string();

    let mut ours = Command::new(&native);
    ours.arg(&port);
    let (ours, ours_in_time) = run_with_timeout(ours, Duration::from_secs(30));
    let mut wine = Command::new("wine");
    wine.arg(&mingw)
        .arg(&port)
        .env("WINEDEBUG", "-all")
        .env("WINEPREFIX", scratch("wine-prefix"))
        .env("WINEDLLOVERRIDES", "mscoree,mshtml=");
    let (wine, wine_in_time) = run_with_timeout(wine, Duration::from_secs(300));
    let ours = String::from_utf8_lossy(&ours.stdout).into_owned();
    let wine = String::from_utf8_lossy(&wine.stdout).into_owned();
    std::fs::write(dir.join("ours.txt"), &ours).expect("write ours");
    std::fs::write(dir.join("wine.txt"), &wine).expect("write wine");
    assert!(ours_in_time && wine_in_time, "a run timed out");
    assert!(
        wine.contains("send again: r=1"),
        "Wine's run did not get through:\n{wine}"
    );
    // Wine's console writes CRLF line ends.
    let wine = wine.replace("\r\n", "\n");
    let differing: Vec<String> = ours
        .lines()
        .zip(wine.lines())
        .filter(|(a, b)| a != b)
        .map(|(a, b)| format!("ours: {a}\nwine: {b}"))
        .collect();
    assert!(
        differing.is_empty() && ours.lines().count() == wine.lines().count(),
        "outputs differ ({} lines ours, {} wine):\n{}",
        ours.lines().count(),
        wine.lines().count(),
        differing.join("\n")
    );
}
