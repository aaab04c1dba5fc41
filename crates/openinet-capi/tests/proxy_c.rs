//! tests/c/proxy/proxy_auth.c: proxies and authentication through the C
//! API, sync and async, against a real squid (one open, one asking for
//! Basic credentials), the scripted server and a local TLS server. The
//! program checks itself and prints "N passed, N failed".

mod c_support;
mod url_support;

#[path = "../../openinet/tests/https_common/mod.rs"]
mod https_common;

use std::process::Command;
use std::time::Duration;

#[test]
fn proxy_auth_c() {
    if !c_support::have("gcc") {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "gcc missing in CI"
        );
        eprintln!("proxy_c: skipped, no gcc");
        return;
    }
    let Some(open) = testserver::squid::require(None) else {
        return;
    };
    let Some(auth) = testserver::squid::require(Some(testserver::squid::BasicAuth {
        user: "bob",
        password: "pr0xy",
    })) else {
        return;
    };
    let server = testserver::Server::start();
    let tls = https_common::TlsServer::start(https_common::Leaf::Good);
    let src = c_support::workspace_root().join("tests/c/proxy/proxy_auth.c");
    let exe = c_support::scratch("proxy-c").join("proxy_auth");
    c_support::build_native(&src, &exe).unwrap();
    let mut cmd = Command::new(&exe);
    cmd.args([
        server.port().to_string(),
        open.port().to_string(),
        auth.port().to_string(),
        tls.port().to_string(),
    ])
    .env_remove("http_proxy")
    .env_remove("https_proxy")
    .env_remove("HTTPS_PROXY")
    .env_remove("all_proxy")
    .env_remove("ALL_PROXY")
    .env_remove("no_proxy")
    .env_remove("NO_PROXY");
    let (out, in_time) = c_support::run_with_timeout(cmd, Duration::from_secs(60));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(in_time, "timed out:\n{stdout}");
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let last = stdout.lines().last().unwrap_or_default();
    let passed: u32 = last.split(' ').next().unwrap_or("0").parse().unwrap_or(0);
    assert!(passed >= 60, "only {passed} checks ran:\n{stdout}");
}

/// tests/c/proxy/proxy_facts.c against libwininet and, when wine is here,
/// against Wine's wininet through the same squid and server: every check
/// must pass in both, so the facts it checks are WinINet's.
#[test]
fn proxy_facts_native_and_under_wine() {
    if !c_support::have("gcc") {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "gcc missing in CI"
        );
        return;
    }
    let Some(open) = testserver::squid::require(None) else {
        return;
    };
    let Some(auth) = testserver::squid::require(Some(testserver::squid::BasicAuth {
        user: "bob",
        password: "pr0xy",
    })) else {
        return;
    };
    let server = testserver::Server::start();
    let args = [
        server.port().to_string(),
        open.port().to_string(),
        auth.port().to_string(),
    ];
    let src = c_support::workspace_root().join("tests/c/proxy/proxy_facts.c");
    let dir = url_support::scratch("proxy-facts");
    let exe = dir.join("proxy_facts");
    c_support::build_native(&src, &exe).unwrap();
    let out = Command::new(&exe).args(&args).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let (passed, failed) = url_support::counts(&stdout);
    assert!(out.status.success() && failed == 0, "native:\n{stdout}");
    assert!(passed >= 20, "native: only {passed} checks:\n{stdout}");
    if !url_support::have_wine() {
        eprintln!("proxy_facts: wine or mingw missing, Windows build not run");
        return;
    }
    let exe_w = dir.join("proxy_facts.exe");
    c_support::build_mingw(&src, &exe_w).unwrap();
    let mut cmd = Command::new("wine");
    cmd.arg(&exe_w)
        .args(&args)
        .env("WINEDEBUG", "-all")
        .env("WINEPREFIX", c_support::scratch("wine-prefix"))
        .env("WINEDLLOVERRIDES", "mscoree,mshtml=");
    let (out, in_time) = c_support::run_with_timeout(cmd, Duration::from_secs(300));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(in_time, "wine timed out:\n{stdout}");
    let (_, failed) = url_support::counts(&stdout);
    assert_eq!(failed, 0, "under wine:\n{stdout}");
    // Both builds went through squid: it saw the request twice.
    let want = format!("http://127.0.0.1:{}/hello", server.port());
    let log = open.access_log_with(&want, 2);
    assert_eq!(log.matches(&want).count(), 2, "{log}");
}
