//! `inet` with ftp:// URLs against a real vsftpd (Debian's package) started
//! on 127.0.0.1 by the test: downloads, listings, heads, credentials and
//! curl's FTP exit codes. Without vsftpd the tests skip outside CI and fail
//! in CI (`testserver::vsftpd`).

mod support;

use support::{free_port, inet, stderr, stdout, temp_path};
use testserver::vsftpd::{Vsftpd, HELLO, PATTERN_LEN};

#[test]
fn a_file_downloads_to_stdout_byte_for_byte() {
    let Some(server) = Vsftpd::start() else {
        return;
    };
    let out = inet(&["-s", &server.url("/pub/hello.txt")]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Binary: the CRLF in the file stays as it is.
    assert_eq!(stdout(&out), HELLO);
}

#[test]
fn a_file_downloads_to_o_and_remote_name() {
    let Some(server) = Vsftpd::start() else {
        return;
    };
    let file = temp_path("ftp-pattern.bin");
    let out = inet(&[
        "-s",
        "-o",
        file.to_str().unwrap(),
        "-w",
        "%{size_download} %{response_code}",
        &server.url("/pub/pattern.bin"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let got = std::fs::read(&file).unwrap();
    assert_eq!(got.len(), PATTERN_LEN);
    assert_eq!(got, testserver::pattern(PATTERN_LEN));
    // The final reply of the transfer is the response code, as in curl.
    assert_eq!(stdout(&out), format!("{PATTERN_LEN} 226"));

    let dir = temp_path("ftp-remote-name");
    std::fs::create_dir_all(&dir).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_inet"))
        .current_dir(&dir)
        .args(["-s", "-O", &server.url("/pub/hello.txt")])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(dir.join("hello.txt")).unwrap(),
        HELLO
    );
}

#[test]
fn a_directory_url_prints_the_servers_list_output() {
    let Some(server) = Vsftpd::start() else {
        return;
    };
    let out = inet(&["-s", &server.url("/pub/")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    // vsftpd's LIST lines, as sent (CRLF-terminated), one per entry.
    let lines: Vec<&str> = text.split_terminator("\r\n").collect();
    assert_eq!(lines.len(), 5, "{text:?}");
    for name in ["hello.txt", "pattern.bin", "big.bin", "sub", "My Dir"] {
        assert!(
            lines.iter().any(|l| l.ends_with(&format!(" {name}"))),
            "{name} missing in {text:?}"
        );
    }
    let sub = lines.iter().find(|l| l.ends_with(" sub")).unwrap();
    assert!(sub.starts_with('d'), "{sub}");
    let big = lines.iter().find(|l| l.ends_with(" big.bin")).unwrap();
    assert!(big.contains(" 5368709120 "), "{big}");

    // A directory that is not there: CWD is refused, curl's 9.
    let out = inet(&[&server.url("/pub/nowhere/")]);
    assert_eq!(out.status.code(), Some(9), "{}", stderr(&out));
    assert!(stderr(&out).contains("550"), "{}", stderr(&out));
}

#[test]
fn a_missing_file_is_curls_78_and_writes_nothing() {
    let Some(server) = Vsftpd::start() else {
        return;
    };
    let file = temp_path("ftp-missing");
    let out = inet(&[
        "-o",
        file.to_str().unwrap(),
        &server.url("/pub/no-such-file"),
    ]);
    assert_eq!(out.status.code(), Some(78), "{}", stderr(&out));
    assert!(stderr(&out).contains("550"), "{}", stderr(&out));
    assert!(!file.exists(), "no file for a failed download");
    // -I asks SIZE: refused the same way.
    let out = inet(&["-I", &server.url("/pub/no-such-file")]);
    assert_eq!(out.status.code(), Some(78), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}

#[test]
fn a_refused_login_is_curls_67() {
    let Some(server) = Vsftpd::start() else {
        return;
    };
    // The server is anonymous-only: any other user is refused (530).
    let out = inet(&["-u", "bob:wrong", &server.url("/pub/hello.txt")]);
    assert_eq!(out.status.code(), Some(67), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("ERROR_INTERNET_LOGIN_FAILURE"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());
    // The same through the URL's credentials.
    let url = server
        .url("/pub/hello.txt")
        .replace("ftp://", "ftp://bob:wrong@");
    let out = inet(&["-s", &url]);
    assert_eq!(out.status.code(), Some(67));
}

#[test]
fn credentials_in_the_url_log_in() {
    let Some(server) = Vsftpd::start() else {
        return;
    };
    let url = server
        .url("/pub/hello.txt")
        .replace("ftp://", "ftp://anonymous:me%40example.org@");
    let out = inet(&["-s", &url]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), HELLO);
    // -u wins over the URL's (here a refused user).
    let url = server
        .url("/pub/hello.txt")
        .replace("ftp://", "ftp://bob:x@");
    let out = inet(&["-s", "-u", "anonymous:guest", &url]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), HELLO);
}

#[test]
fn a_refused_port_is_curls_7() {
    let url = format!("ftp://127.0.0.1:{}/pub/hello.txt", free_port());
    let out = inet(&[&url]);
    assert_eq!(out.status.code(), Some(7), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("ERROR_INTERNET_CANNOT_CONNECT"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn head_prints_curls_ftp_lines() {
    let Some(server) = Vsftpd::start() else {
        return;
    };
    let out = inet(&["-s", "-I", &server.url("/pub/pattern.bin")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.split_terminator("\r\n").collect();
    assert_eq!(lines.len(), 3, "{text:?}");
    assert!(lines[0].starts_with("Last-Modified: "), "{text:?}");
    assert!(lines[0].ends_with(" GMT"), "{text:?}");
    assert_eq!(lines[1], format!("Content-Length: {PATTERN_LEN}"));
    assert_eq!(lines[2], "Accept-ranges: bytes");
}

#[test]
fn trace_shows_the_ftp_statuses() {
    let Some(server) = Vsftpd::start() else {
        return;
    };
    let out = inet(&["--trace", &server.url("/pub/hello.txt")]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), HELLO);
    let trace = stderr(&out);
    let first = |name: &str| {
        trace
            .find(name)
            .unwrap_or_else(|| panic!("{name} missing:\n{trace}"))
    };
    assert!(first("HANDLE_CREATED") < first("CONNECTING_TO_SERVER"));
    assert!(first("CONNECTED_TO_SERVER") < first("RECEIVING_RESPONSE"));
    assert!(first("REQUEST_COMPLETE") < first("HANDLE_CLOSING"));
    assert!(trace.contains("read 0 bytes: end of file"), "{trace}");
}

#[test]
fn parallel_mixes_ftp_and_http() {
    let Some(server) = Vsftpd::start() else {
        return;
    };
    let http = testserver::Server::start();
    let (a, b) = (temp_path("ftp-par-a"), temp_path("ftp-par-b"));
    let out = inet(&[
        "-s",
        "-Z",
        &server.url("/pub/pattern.bin"),
        "-o",
        a.to_str().unwrap(),
        &http.url("/bytes/1000"),
        "-o",
        b.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read(&a).unwrap(), testserver::pattern(PATTERN_LEN));
    assert_eq!(std::fs::read(&b).unwrap(), testserver::pattern(1000));
}

#[test]
fn resume_is_refused_for_ftp() {
    let out = inet(&["-C", "100", "ftp://127.0.0.1:1/f"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn upload_file_stores_it_and_a_directory_url_takes_its_name() {
    let Some(server) = Vsftpd::start() else {
        return;
    };
    let local = temp_path("ftp up.bin");
    let bytes = testserver::pattern(200_000);
    std::fs::write(&local, &bytes).unwrap();
    let out = inet(&["-s", "-T", local.to_str().unwrap(), &server.url("/up/")]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "an FTP upload writes nothing");
    let name = local.file_name().unwrap();
    assert_eq!(
        std::fs::read(server.root().join("up").join(name)).unwrap(),
        bytes
    );

    let out = inet(&[
        "-s",
        "-T",
        local.to_str().unwrap(),
        &server.url("/up/renamed.bin"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(server.root().join("up/renamed.bin")).unwrap(),
        bytes
    );

    // Into a directory that is not there: the server refuses STOR, curl's 25.
    let out = inet(&["-T", local.to_str().unwrap(), &server.url("/nowhere/x.bin")]);
    assert_eq!(out.status.code(), Some(25), "{}", stderr(&out));
    assert!(stderr(&out).contains("553"), "{}", stderr(&out));

    // A local file that cannot be read: curl's 26, before connecting.
    let out = inet(&["-T", "/nonexistent/file", &server.url("/up/")]);
    assert_eq!(out.status.code(), Some(26), "{}", stderr(&out));
}

#[test]
fn upload_file_to_http_is_a_put() {
    let server = testserver::Server::start();
    let local = temp_path("put.txt");
    std::fs::write(&local, b"put me\n").unwrap();
    let out = inet(&["-s", "-T", local.to_str().unwrap(), &server.url("/echo")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let req = &server.requests()[0];
    assert_eq!(req.method, "PUT");
    assert_eq!(req.body, b"put me\n");
}

#[test]
fn a_server_that_never_greets_is_curls_28() {
    // The kernel completes the connection; nobody ever writes the 220.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!(
        "ftp://127.0.0.1:{}/pub/hello.txt",
        silent.local_addr().unwrap().port()
    );
    let out = inet(&["--timeout", "300", &url]);
    assert_eq!(out.status.code(), Some(28), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("ERROR_INTERNET_TIMEOUT"),
        "{}",
        stderr(&out)
    );
}
