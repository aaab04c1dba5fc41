//! The built `inet` binary against a local testserver: what a user sees
//! (files, stdout, stderr, exit status).

use std::path::PathBuf;
use std::process::{Command, Output};
use std::time::{Duration, Instant};
use testserver::Server;

fn inet(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_inet"))
        .args(args)
        .output()
        .expect("cannot run inet")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh path in cargo's per-test temporary directory.
fn temp_path(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("inet-cli-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{}-{name}", std::process::id()));
    let _ = std::fs::remove_file(&path);
    path
}

/// A URL on a port nothing listens on.
fn refused_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("http://127.0.0.1:{port}/nothing")
}

/// The status names of `handle`'s trace lines, in order (notes in parentheses skipped).
fn statuses(trace: &str, handle: &str) -> Vec<String> {
    let tag = format!(" {handle} ctx={} ", &handle[1..]);
    trace
        .lines()
        .filter_map(|l| l.split_once(&tag).map(|(_, rest)| rest))
        .filter(|rest| !rest.starts_with('('))
        .map(|rest| rest.split(' ').next().unwrap().to_string())
        .collect()
}

#[test]
fn download_to_file_matches_the_pattern() {
    let server = Server::start();
    let path = temp_path("bytes.bin");
    let o = inet(&[&server.url("/bytes/100000"), "-o", path.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stdout.is_empty(), "the body went to the file, not stdout");
    assert_eq!(std::fs::read(&path).unwrap(), testserver::pattern(100000));
}

#[test]
fn chunked_body_to_file_is_decoded() {
    let server = Server::start();
    let path = temp_path("chunked.bin");
    let o = inet(&[&server.url("/chunked/70000"), "-o", path.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read(&path).unwrap(), testserver::pattern(70000));
}

#[test]
fn lone_url_without_output_goes_to_stdout() {
    let server = Server::start();
    let o = inet(&[&server.url("/hello")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "Hello, world!\n");
    assert!(
        stderr(&o).is_empty(),
        "no trace, no progress bar off a terminal: {}",
        stderr(&o)
    );
}

#[test]
fn with_parallel_two_urls_download_concurrently() {
    let server = Server::start();
    let (a, b) = (temp_path("slow-a"), temp_path("slow-b"));
    let o = inet(&[
        "-Z",
        "--trace",
        &server.url("/slow/700"),
        "-o",
        a.to_str().unwrap(),
        &server.url("/slow/700"),
        "-o",
        b.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read(&a).unwrap(), b"slow\n");
    assert_eq!(std::fs::read(&b).unwrap(), b"slow\n");
    // Both requests were on the wire before either answer came back.
    let trace = stderr(&o);
    let lines: Vec<&str> = trace.lines().collect();
    let pos = |needle: &str| lines.iter().position(|l| l.contains(needle)).unwrap();
    let last_sent = pos("h1 ctx=1 REQUEST_SENT").max(pos("h2 ctx=2 REQUEST_SENT"));
    let first_done = pos("h1 ctx=1 REQUEST_COMPLETE").min(pos("h2 ctx=2 REQUEST_COMPLETE"));
    assert!(last_sent < first_done, "not concurrent:\n{trace}");
    assert_eq!(server.connections(), 2);
}

#[test]
fn trace_shows_the_statuses_in_order() {
    let server = Server::start();
    let o = inet(&["--trace", &server.url("/hello")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "Hello, world!\n", "the trace goes to stderr");
    let trace = stderr(&o);
    let seen = statuses(&trace, "h1");
    let send = [
        "HANDLE_CREATED",
        "RESOLVING_NAME",
        "NAME_RESOLVED",
        "CONNECTING_TO_SERVER",
        "CONNECTED_TO_SERVER",
        "SENDING_REQUEST",
        "REQUEST_SENT",
        "RECEIVING_RESPONSE",
        "RESPONSE_RECEIVED",
        "REQUEST_COMPLETE",
    ];
    assert!(seen.len() > send.len(), "{trace}");
    assert_eq!(seen[..send.len()], send, "{trace}");
    // Then the reads: each one that pended (the body came in a later
    // packet) has its own REQUEST_COMPLETE; then the handle closes.
    let (last, reads) = seen[send.len()..].split_last().unwrap();
    assert_eq!(last, "HANDLE_CLOSING", "{trace}");
    assert!(reads.iter().all(|s| s == "REQUEST_COMPLETE"), "{trace}");
    let pended = trace
        .matches("(InternetReadFile -> FALSE, ERROR_IO_PENDING)")
        .count();
    assert_eq!(reads.len(), pended, "{trace}");
    let resolving = trace
        .lines()
        .find(|l| l.contains("RESOLVING_NAME"))
        .unwrap();
    assert!(
        resolving.starts_with('[')
            && resolving.contains("s] h1 ctx=1 RESOLVING_NAME \"127.0.0.1\""),
        "{resolving}"
    );
    assert!(
        trace.contains("REQUEST_COMPLETE {result: 1, error: 0}"),
        "{trace}"
    );
}

#[test]
fn slow_body_reads_pend_and_complete() {
    let server = Server::start();
    let o = inet(&["--trace", &server.url("/slowbody/50")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "part1part2part3part4part5");
    let trace = stderr(&o);
    let pended = trace
        .matches("(InternetReadFile -> FALSE, ERROR_IO_PENDING)")
        .count();
    let completed = trace
        .matches("REQUEST_COMPLETE {result: 1, error: 0} read ")
        .count();
    assert!(pended >= 5, "{trace}");
    assert_eq!(
        pended, completed,
        "each pending read completes once:\n{trace}"
    );
}

#[test]
fn refused_connection_fails_with_12029_and_curls_7() {
    let url = refused_url();
    let path = temp_path("refused.bin");
    let o = inet(&["--trace", &url, "-o", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(7));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "inet: (7) ERROR_INTERNET_CANNOT_CONNECT (12029) fetching {url}"
        )),
        "{err}"
    );
    assert!(
        err.contains("REQUEST_COMPLETE {result: 0, error: 12029}"),
        "{err}"
    );
    assert!(!path.exists(), "a failed transfer leaves no file");
}

#[test]
fn one_failure_among_several_fails_the_run_but_not_the_others() {
    let server = Server::start();
    let good = temp_path("good.bin");
    let bad = temp_path("bad.bin");
    let o = inet(&[
        &server.url("/bytes/1000"),
        "-o",
        good.to_str().unwrap(),
        &refused_url(),
        "-o",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(7));
    assert_eq!(std::fs::read(&good).unwrap(), testserver::pattern(1000));
    assert!(stderr(&o).contains("12029"), "{}", stderr(&o));
}

#[test]
fn timeout_gives_12002_and_curls_28() {
    let server = Server::start();
    let started = Instant::now();
    let o = inet(&["--timeout", "300", &server.url("/hang")]);
    assert_eq!(o.status.code(), Some(28));
    assert!(
        stderr(&o).contains("ERROR_INTERNET_TIMEOUT (12002)"),
        "{}",
        stderr(&o)
    );
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn http_errors_fail_only_with_fail() {
    let server = Server::start();
    let o = inet(&[&server.url("/status/404")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "status 404\n");

    let path = temp_path("404.bin");
    let o = inet(&[
        "--fail",
        &server.url("/status/404"),
        "-o",
        path.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(22));
    assert!(stderr(&o).contains("HTTP status 404"), "{}", stderr(&o));
    assert!(!path.exists(), "--fail writes no body");
}

#[test]
fn head_prints_the_response_head() {
    let server = Server::start();
    let o = inet(&["-I", &server.url("/head-target")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let head = stdout(&o);
    assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head:?}");
    assert!(head.contains("\r\nContent-Length: 17\r\n"), "{head:?}");
    assert!(head.ends_with("\r\n\r\n"), "{head:?}");
    assert!(!head.contains("head-target body"), "no body for HEAD");
    assert_eq!(server.requests()[0].method, "HEAD");
}

#[test]
fn extra_headers_are_sent() {
    let server = Server::start();
    let o = inet(&["-H", "X-One: 1", "-H", "X-Two: two", &server.url("/hello")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let req = &server.requests()[0];
    assert_eq!(req.header("X-One"), Some("1"));
    assert_eq!(req.header("X-Two"), Some("two"));
}

#[test]
fn remote_name_saves_under_the_last_path_segment() {
    let server = Server::start();
    let dir = temp_path("remote-dir");
    std::fs::create_dir_all(&dir).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_inet"))
        .current_dir(&dir)
        .args(["-O", &server.url("/bytes/321")])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(dir.join("321")).unwrap(),
        testserver::pattern(321)
    );
}

#[test]
fn usage_errors_exit_2() {
    let o = inet(&["http://127.0.0.1:1/a", "http://127.0.0.1:1/b"]);
    assert_eq!(o.status.code(), Some(2), "two bodies cannot share stdout");
    assert!(stderr(&o).contains("-o"), "{}", stderr(&o));
    let o = inet(&["-H", "no colon", "http://127.0.0.1:1/"]);
    assert_eq!(o.status.code(), Some(2));
    let o = inet(&[]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn bad_urls_name_their_error() {
    let o = inet(&["gopher://example.com/x"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("ERROR_INTERNET_UNRECOGNIZED_SCHEME (12006)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn help_describes_the_command() {
    let o = inet(&["--help"]);
    assert!(o.status.success());
    let help = stdout(&o);
    for word in [
        "demo",
        "--trace",
        "--output",
        "--remote-name",
        "--header",
        "--head",
        "--timeout",
        "--fail",
    ] {
        assert!(help.contains(word), "missing {word}:\n{help}");
    }
}

#[test]
fn demo_runs_and_explains() {
    let started = Instant::now();
    let o = inet(&["demo"]);
    assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
    assert!(started.elapsed() < Duration::from_secs(10));
    let out = stdout(&o);
    for needle in [
        "RESOLVING_NAME",
        "REQUEST_COMPLETE {result: 1, error: 0}",
        "ERROR_IO_PENDING",
        "HANDLE_CREATED",
        "HANDLE_CLOSING",
        "REQUEST_COMPLETE {result: 0, error: 12029}",
        "reused from the pool",
    ] {
        assert!(out.contains(needle), "missing {needle}:\n{out}");
    }
    // The newcomer on the pooled connection neither resolved nor connected.
    let h4 = statuses(&out, "h4");
    assert!(h4.contains(&"SENDING_REQUEST".to_string()), "{h4:?}");
    assert!(
        !h4.iter()
            .any(|s| s == "RESOLVING_NAME" || s == "CONNECTING_TO_SERVER"),
        "{h4:?}"
    );
}
