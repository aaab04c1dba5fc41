//! `inet`'s curl options against the scripted server and a real nginx:
//! what is sent (the server records every request), what is written
//! (stdout, files, stderr) and the exit status, as curl's users expect.

mod support;

use std::process::Command;
use support::{inet, need, refused_url, stderr, stdout, temp_path, Nginx};
use testserver::Server;

#[test]
fn data_posts_a_form_joined_with_ampersands() {
    let server = Server::start();
    let o = inet(&["-d", "a=1", "-d", "b=two", &server.url("/echo")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let req = &server.requests()[0];
    assert_eq!(req.method, "POST");
    assert_eq!(req.body, b"a=1&b=two");
    assert_eq!(
        req.header("Content-Type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(req.header("Content-Length"), Some("9"));
    assert!(stdout(&o).ends_with("\r\n\r\na=1&b=two"), "{}", stdout(&o));
}

#[test]
fn data_files_lose_line_breaks_but_data_binary_keeps_them() {
    let server = Server::start();
    let file = temp_path("form.txt");
    std::fs::write(&file, "x=1\r\ny=2\n").unwrap();
    let at = format!("@{}", file.display());
    let o = inet(&["-d", &at, "-o", "/dev/null", &server.url("/echo")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(server.requests()[0].body, b"x=1y=2");

    server.clear_requests();
    let o = inet(&[
        "--data-binary",
        &at,
        "-H",
        "Content-Type: text/plain",
        "-X",
        "PUT",
        "-o",
        "/dev/null",
        &server.url("/echo"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let req = &server.requests()[0];
    assert_eq!(req.method, "PUT");
    assert_eq!(req.body, b"x=1\r\ny=2\n");
    assert_eq!(req.header("Content-Type"), Some("text/plain"));

    let o = inet(&["--data-binary", "@/nonexistent/file", &server.url("/echo")]);
    assert_eq!(o.status.code(), Some(26), "{}", stderr(&o));
}

#[test]
fn method_referer_user_agent_and_cookie_strings_are_sent() {
    let server = Server::start();
    let o = inet(&[
        "-X",
        "DELETE",
        "-e",
        "http://from.test/page",
        "-A",
        "curl-habits/1",
        "-b",
        "a=1; b=2",
        &server.url("/hello"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let req = &server.requests()[0];
    assert_eq!(req.method, "DELETE");
    assert_eq!(req.header("Referer"), Some("http://from.test/page"));
    assert_eq!(req.header("User-Agent"), Some("curl-habits/1"));
    assert_eq!(req.header("Cookie"), Some("a=1; b=2"));
}

#[test]
fn without_location_a_redirect_is_the_answer() {
    let server = Server::start();
    let o = inet(&[
        "-w",
        "%{http_code} %{num_redirects}",
        &server.url("/redirect?to=/hello"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "redirecting to /hello\n302 0");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn location_follows_and_turns_post_into_get_as_curl_does() {
    let server = Server::start();
    let o = inet(&[
        "-L",
        "-w",
        "\\n%{http_code} %{num_redirects} %{url_effective}",
        &server.url("/redirect?to=/hello"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        format!("Hello, world!\n\n200 1 {}", server.url("/hello"))
    );

    // 302 after a POST: GET without the body; 307 keeps both.
    server.clear_requests();
    let o = inet(&["-L", "-d", "k=v", &server.url("/redirect?to=/echo")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let reqs = server.requests();
    assert_eq!(
        (reqs[0].method.as_str(), reqs[1].method.as_str()),
        ("POST", "GET")
    );
    assert!(reqs[1].body.is_empty());
    server.clear_requests();
    let o = inet(&[
        "-L",
        "-d",
        "k=v",
        &server.url("/redirect?to=/echo&code=307"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let reqs = server.requests();
    assert_eq!(reqs[1].method, "POST");
    assert_eq!(reqs[1].body, b"k=v");
}

#[test]
fn max_redirs_stops_with_47() {
    let Some(nginx) = Nginx::start("redirs", &[("hello.txt", b"hi from nginx\n")]) else {
        return;
    };
    // /r3 -> /r2 -> /r1 -> /hello.txt: three redirects.
    let o = inet(&["-L", "-w", "%{num_redirects}", &nginx.url("/r3")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "hi from nginx\n3");
    let o = inet(&["-L", "--max-redirs", "2", &nginx.url("/r3")]);
    assert_eq!(o.status.code(), Some(47), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("maximum (2) redirects followed"),
        "{}",
        stderr(&o)
    );
    assert!(o.stdout.is_empty());
    // -I -L prints each head.
    let o = inet(&["-I", "-L", &nginx.url("/r1")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let heads = stdout(&o);
    assert!(heads.starts_with("HTTP/1.1 307"), "{heads}");
    assert!(heads.contains("\r\n\r\nHTTP/1.1 200 OK\r\n"), "{heads}");
}

#[test]
fn nginx_bodies_and_heads() {
    let big: Vec<u8> = (0..300_000u32).map(|i| (i % 253) as u8).collect();
    let Some(nginx) = Nginx::start("bodies", &[("big.bin", &big), ("hello.txt", b"hi\n")]) else {
        return;
    };
    let file = temp_path("nginx-big.bin");
    let o = inet(&["-o", file.to_str().unwrap(), &nginx.url("/big.bin")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read(&file).unwrap(), big);
    let o = inet(&["-I", &nginx.url("/hello.txt")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("\r\nContent-Length: 3\r\n"),
        "{}",
        stdout(&o)
    );
    let o = inet(&["-f", &nginx.url("/missing")]);
    assert_eq!(o.status.code(), Some(22), "{}", stderr(&o));
}

#[test]
fn resume_continues_a_partial_file_with_range() {
    let big: Vec<u8> = (0..200_000u32).map(|i| (i % 241) as u8).collect();
    let Some(nginx) = Nginx::start("resume", &[("big.bin", &big)]) else {
        return;
    };
    let file = temp_path("resume.bin");
    std::fs::write(&file, &big[..70_000]).unwrap();
    let o = inet(&[
        "-C",
        "-",
        "-o",
        file.to_str().unwrap(),
        &nginx.url("/big.bin"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read(&file).unwrap(), big, "appended the rest");
    // Whole already: nginx answers 416 with the size, and that is success.
    let o = inet(&[
        "-C",
        "-",
        "-o",
        file.to_str().unwrap(),
        &nginx.url("/big.bin"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read(&file).unwrap(), big);
    // An explicit offset.
    std::fs::write(&file, &big[..10]).unwrap();
    let o = inet(&[
        "-C",
        "10",
        "-o",
        file.to_str().unwrap(),
        &nginx.url("/big.bin"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read(&file).unwrap(), big);
}

#[test]
fn resume_from_a_server_without_ranges_fails_with_33_and_keeps_the_file() {
    let server = Server::start();
    let file = temp_path("noranges.bin");
    std::fs::write(&file, b"partial").unwrap();
    let o = inet(&[
        "-C",
        "-",
        "-o",
        file.to_str().unwrap(),
        &server.url("/bytes/100"),
    ]);
    assert_eq!(o.status.code(), Some(33), "{}", stderr(&o));
    assert_eq!(server.requests()[0].header("Range"), Some("bytes=7-"));
    assert_eq!(std::fs::read(&file).unwrap(), b"partial");
    let o = inet(&["-C", "-", &server.url("/bytes/100")]);
    assert_eq!(o.status.code(), Some(2), "-C - needs a file");
}

#[test]
fn cookie_jar_is_written_and_read_back() {
    let server = Server::start();
    let jar = temp_path("jar.txt");
    let o = inet(&[
        "-c",
        jar.to_str().unwrap(),
        "-o",
        "/dev/null",
        &server.url("/hello"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&jar).unwrap();
    assert!(text.starts_with("# Netscape HTTP Cookie File"), "{text}");
    let cookie_lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect();
    assert_eq!(
        cookie_lines,
        [
            ".127.0.0.1\tTRUE\t/\tFALSE\t0\ta\t1",
            ".127.0.0.1\tTRUE\t/\tFALSE\t0\tb\t2"
        ],
        "{text}"
    );
    // No cookie is kept between runs without -b.
    server.clear_requests();
    let o = inet(&["-o", "/dev/null", &server.url("/echo")]);
    assert!(o.status.success());
    assert_eq!(server.requests()[0].header("Cookie"), None);
    // -b FILE sends them.
    let o = inet(&[
        "-b",
        jar.to_str().unwrap(),
        "-o",
        "/dev/null",
        &server.url("/echo"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(server.requests()[1].header("Cookie"), Some("a=1; b=2"));
    // A curl-written file with a persistent and an HttpOnly cookie.
    let curl_jar = temp_path("curl-jar.txt");
    std::fs::write(
        &curl_jar,
        "# Netscape HTTP Cookie File\n127.0.0.1\tFALSE\t/\tFALSE\t4102444800\tkeep\tyes\n\
         #HttpOnly_127.0.0.1\tFALSE\t/\tFALSE\t0\thidden\th\n",
    )
    .unwrap();
    let out_jar = temp_path("out-jar.txt");
    let o = inet(&[
        "-b",
        curl_jar.to_str().unwrap(),
        "-c",
        out_jar.to_str().unwrap(),
        "-o",
        "/dev/null",
        &server.url("/echo"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        server.requests()[2].header("Cookie"),
        Some("keep=yes; hidden=h")
    );
    let out = std::fs::read_to_string(&out_jar).unwrap();
    assert!(out.contains("\t4102444800\tkeep\tyes\n"), "{out}");
    assert!(
        out.contains("#HttpOnly_.127.0.0.1\tTRUE\t/\tFALSE\t0\thidden\th\n"),
        "{out}"
    );
    let o = inet(&["-b", "/nonexistent/jar", &server.url("/hello")]);
    assert_eq!(o.status.code(), Some(26));
}

#[test]
fn max_time_stops_a_hanging_transfer_with_28() {
    let server = Server::start();
    let o = inet(&["--max-time", "0.3", &server.url("/hang")]);
    assert_eq!(o.status.code(), Some(28), "{}", stderr(&o));
    assert!(stderr(&o).contains("--max-time"), "{}", stderr(&o));
    let o = inet(&["--max-time", "0", &server.url("/hello")]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn retry_repeats_transient_answers() {
    let server = Server::start();
    let o = inet(&["--retry", "1", "-f", &server.url("/status/503")]);
    assert_eq!(o.status.code(), Some(22), "{}", stderr(&o));
    assert_eq!(server.requests().len(), 2, "one try and one retry");
    assert!(
        stderr(&o).contains("Will retry in 1 seconds. 1 retries left."),
        "{}",
        stderr(&o)
    );
    // Not transient: no retry.
    server.clear_requests();
    let o = inet(&["--retry", "3", "-f", "-s", &server.url("/status/404")]);
    assert_eq!(o.status.code(), Some(22));
    assert_eq!(server.requests().len(), 1);
    assert!(o.stderr.is_empty(), "-s: {}", stderr(&o));
}

#[test]
fn transfers_are_serial_unless_parallel_and_parallel_max_bounds_them() {
    let server = Server::start();
    let (a, b) = (temp_path("serial-a"), temp_path("serial-b"));
    let order = |extra: &[&str]| {
        let mut args = vec!["--trace"];
        args.extend_from_slice(extra);
        let (url_a, url_b) = (server.url("/slow/200"), server.url("/slow/200"));
        args.extend([
            url_a.as_str(),
            "-o",
            a.to_str().unwrap(),
            url_b.as_str(),
            "-o",
            b.to_str().unwrap(),
        ]);
        let o = inet(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        let trace = stderr(&o);
        let lines: Vec<&str> = trace.lines().collect();
        let pos = |needle: &str| lines.iter().position(|l| l.contains(needle)).unwrap();
        pos("h1 ctx=1 HANDLE_CLOSING") < pos("h2 ctx=2 HANDLE_CREATED")
    };
    assert!(order(&[]), "without -Z one after the other");
    assert!(
        order(&["-Z", "--parallel-max", "1"]),
        "-Z with at most 1 at a time"
    );
    assert!(!order(&["-Z"]), "-Z: at once");
}

#[test]
fn write_out_variables() {
    let server = Server::start();
    let o = inet(&[
        "-o",
        "/dev/null",
        "-w",
        "%{response_code}|%{size_download}|%{content_type}|%{url}|%{exitcode}|%{filename_effective}\\n",
        &server.url("/bytes/1234"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        format!(
            "200|1234|application/octet-stream|{}|0|/dev/null\n",
            server.url("/bytes/1234")
        )
    );
    let url = refused_url();
    let o = inet(&["-s", "-w", "%{http_code} %{exitcode}", &url]);
    assert_eq!(o.status.code(), Some(7));
    assert_eq!(stdout(&o), "000 7");
}

#[test]
fn silent_hides_errors_show_error_shows_them() {
    let url = refused_url();
    let o = inet(&["-s", &url]);
    assert_eq!(o.status.code(), Some(7));
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
    let o = inet(&["-sS", &url]);
    assert_eq!(o.status.code(), Some(7));
    assert!(
        stderr(&o).contains("(7) ERROR_INTERNET_CANNOT_CONNECT"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn verbose_shows_both_heads_on_stderr_only() {
    let server = Server::start();
    let o = inet(&["-v", "--http2", &server.url("/hello")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "Hello, world!\n");
    let err = stderr(&o);
    assert!(err.contains("\n> GET /hello HTTP/1.1\n"), "{err}");
    assert!(err.contains("\n> User-Agent: inet/"), "{err}");
    assert!(err.contains("\n< HTTP/1.1 200 OK\n"), "{err}");
    assert!(err.contains("\n< Content-Length: 14\n"), "{err}");
    assert!(err.contains("* CONNECTED_TO_SERVER"), "{err}");
    let o = inet(&["--http1.1", &server.url("/hello")]);
    assert!(o.status.success());
}

#[test]
fn curls_exit_codes_for_names_urls_and_missing_features() {
    let o = inet(&["http://name.invalid/"]);
    assert_eq!(o.status.code(), Some(6), "{}", stderr(&o));
    assert!(stderr(&o).contains("12007"), "{}", stderr(&o));
    let o = inet(&["-x", "socks5://127.0.0.1:1080", "http://127.0.0.1:1/"]);
    assert_eq!(o.status.code(), Some(5), "{}", stderr(&o));
    let o = inet(&["-I", "-d", "x", "http://127.0.0.1:1/"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn compressed_asks_for_and_decodes_each_coding() {
    let server = Server::start();
    for kind in ["gzip", "deflate", "br"] {
        let url = server.url(&format!("/encoded/{kind}?n=5000"));
        let o = inet(&["--compressed", "-v", &url]);
        assert!(o.status.success(), "{kind}: {}", stderr(&o));
        assert_eq!(o.stdout, testserver::pattern(5000), "{kind}");
        assert!(
            stderr(&o).contains("> Accept-Encoding: deflate, gzip, br"),
            "{}",
            stderr(&o)
        );
        // Without it nothing is asked for, and the coded bytes come as sent.
        let o = inet(&[&url]);
        assert!(o.status.success(), "{kind}: {}", stderr(&o));
        assert_ne!(o.stdout, testserver::pattern(5000), "{kind}");
    }
    // A cut-short stream: WinINet's ERROR_INTERNET_DECODING_FAILED, not
    // a short body passed off as whole.
    let o = inet(&[
        "--compressed",
        &server.url("/encoded/truncated-gzip?n=5000"),
    ]);
    assert!(!o.status.success(), "{}", stderr(&o));
}

#[test]
fn proxy_from_x_and_from_the_environment() {
    let Some(squid) = testserver::squid::require(None) else {
        return;
    };
    let server = Server::start();
    let proxy = format!("http://127.0.0.1:{}", squid.port());
    // -x: through squid, loopback origin included (curl bypasses nothing
    // unless no_proxy says so); squid's Via header shows the hop.
    let o = inet(&["-x", &proxy, "-v", &server.url("/hello")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "Hello, world!\n");
    assert!(
        stderr(&o).to_ascii_lowercase().contains("\n< via: "),
        "{}",
        stderr(&o)
    );
    // The environment, as curl reads it; no_proxy wins.
    let o = Command::new(env!("CARGO_BIN_EXE_inet"))
        .args(["-v", &server.url("/hello")])
        .env("http_proxy", &proxy)
        .env_remove("no_proxy")
        .env_remove("NO_PROXY")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).to_ascii_lowercase().contains("\n< via: "),
        "{}",
        stderr(&o)
    );
    let o = Command::new(env!("CARGO_BIN_EXE_inet"))
        .args(["-v", &server.url("/hello")])
        .env("http_proxy", &proxy)
        .env("no_proxy", "127.0.0.1")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        !stderr(&o).to_ascii_lowercase().contains("\n< via: "),
        "{}",
        stderr(&o)
    );
    // A proxy that refuses: curl's 7.
    let refusing = format!("http://127.0.0.1:{}", support::free_port());
    let o = inet(&["-x", &refusing, &server.url("/hello")]);
    assert_eq!(o.status.code(), Some(7), "{}", stderr(&o));
}

#[test]
fn tls_certificate_refused_with_60_unless_insecure() {
    let Some(nginx) = Nginx::start("tls", &[("hello.txt", b"secure hi\n")]) else {
        return;
    };
    let url = nginx.tls_url("/hello.txt");
    let o = inet(&[&url]);
    assert_eq!(o.status.code(), Some(60), "{}", stderr(&o));
    let o = inet(&["-k", &url]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "secure hi\n");
}

#[test]
fn help_has_the_exit_code_table_and_the_options() {
    let o = inet(&["--help"]);
    assert!(o.status.success());
    let help = stdout(&o);
    for needle in [
        "Exit status (curl's numbers)",
        "  6  could not resolve host",
        "  7  could not connect",
        " 22  HTTP status 400",
        " 28  timeout",
        " 35  TLS handshake",
        " 47  more redirects",
        " 60  the server's certificate",
        "--location",
        "--max-redirs",
        "--data-binary",
        "--cookie-jar",
        "--continue-at",
        "--parallel-max",
        "--write-out",
        "--insecure",
        "--compressed",
        "--http2",
    ] {
        assert!(help.contains(needle), "missing {needle:?}:\n{help}");
    }
}

/// Runs inet with `args` in a tmux pane (a terminal) until it exits;
/// returns what the pane shows and the exit status.
fn in_terminal(name: &str, args: &[String]) -> (String, String) {
    let done = temp_path(&format!("{name}.done"));
    let session = format!("inet-{name}-{}", std::process::id());
    let quoted: Vec<String> = args.iter().map(|a| format!("'{a}'")).collect();
    let command = format!(
        "{} {}; echo $? > {}; sleep 30",
        env!("CARGO_BIN_EXE_inet"),
        quoted.join(" "),
        done.display()
    );
    let tmux = |args: &[&str]| {
        Command::new("tmux")
            .args(["-L", &session])
            .args(args)
            .output()
            .expect("tmux")
    };
    let o = tmux(&[
        "new-session",
        "-d",
        "-x",
        "150",
        "-y",
        "20",
        "-s",
        &session,
        &command,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let started = std::time::Instant::now();
    while !done.exists() && started.elapsed() < std::time::Duration::from_secs(30) {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    // The status file may exist before its line is written.
    std::thread::sleep(std::time::Duration::from_millis(50));
    let pane = stdout(&tmux(&["capture-pane", "-p", "-t", &session]));
    tmux(&["kill-server"]);
    let status = std::fs::read_to_string(&done).unwrap_or_default();
    (pane, status.trim().to_string())
}

/// The progress bar on a terminal (a tmux pane), and nothing on a pipe.
#[test]
fn progress_bar_is_drawn_on_a_terminal_only() {
    if !need("tmux") {
        return;
    }
    let server = Server::start();
    let file = temp_path("progress.bin");
    let (pane, status) = in_terminal(
        "progress",
        &[
            "-o".into(),
            file.display().to_string(),
            server.url("/trickle/200000?piece=20000&ms=30"),
        ],
    );
    assert_eq!(status, "0", "{pane}");
    assert_eq!(std::fs::read(&file).unwrap(), testserver::pattern(200000));
    // The finished bar: its label, the bytes of the whole body.
    assert!(pane.contains(&format!("h1 {}", file.display())), "{pane}");
    assert!(pane.contains("195.31 KiB/195.31 KiB"), "{pane}");

    // -Z: a bar per transfer and the summary line.
    let (a, b) = (temp_path("progress-a.bin"), temp_path("progress-b.bin"));
    let (pane, status) = in_terminal(
        "parallel",
        &[
            "-Z".into(),
            "-o".into(),
            a.display().to_string(),
            server.url("/trickle/100000?piece=20000&ms=20"),
            "-o".into(),
            b.display().to_string(),
            server.url("/bytes/50000"),
        ],
    );
    assert_eq!(status, "0", "{pane}");
    assert!(pane.contains(&format!("h1 {}", a.display())), "{pane}");
    assert!(pane.contains(&format!("h2 {}", b.display())), "{pane}");
    assert!(
        pane.contains("2/2 transfers done, 146.48 KiB received"),
        "{pane}"
    );

    // Piped: stderr gets nothing, stdout only the body.
    let o = inet(&[&server.url("/trickle/20000?piece=5000&ms=10")]);
    assert!(o.status.success());
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
    assert_eq!(o.stdout, testserver::pattern(20000));
}

/// `-u` hands the credentials to InternetConnect; WinINet answers a
/// server's Basic challenge with them (a second request with
/// `Authorization`).
#[test]
fn user_answers_a_basic_challenge() {
    let server = Server::start();
    let o = inet(&["-u", "me:pw", "-o", "/dev/null", &server.url("/status/401")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let reqs = server.requests();
    assert!(reqs.len() >= 2, "no second request: {reqs:?}");
    assert_eq!(reqs[1].header("Authorization"), Some("Basic bWU6cHc="));
}
