//! `inet URL...`: plan where each body goes and how each request is made,
//! run the transfers one after the other (or at once with `-Z`, at most
//! `--parallel-max` at a time) on the engine's runtime, then report each
//! outcome with curl's exit codes.

use crate::args::Cli;
use crate::cookiefile;
use crate::exitcode;
use crate::fetch::{self, FetchError, Job, Options, Outcome, Resume};
use crate::output::Output;
use crate::trace::{HandleId, Stream, Tracer};
use crate::writeout;
use indicatif::{HumanBytes, MultiProgress, ProgressBar, ProgressStyle};
use openinet::{Session, SessionConfig, Timeouts};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

pub fn run(cli: &Cli) -> ExitCode {
    let quiet = cli.silent && !cli.show_error;
    match prepare(cli) {
        Ok((jobs, session)) => transfer(cli, jobs, session),
        Err((code, msg)) => {
            if !quiet {
                eprintln!("inet: ({code}) {msg}");
            }
            ExitCode::from(code)
        }
    }
}

type Failure = (u8, String);

fn usage(msg: String) -> Failure {
    (exitcode::USAGE, msg)
}

/// Everything that can be refused before a byte is sent.
fn prepare(cli: &Cli) -> Result<(Vec<Job>, Session), Failure> {
    let proxy = proxy_config(cli.proxy.as_deref())?;
    if cli.verbose {
        if let Some(p) = &proxy {
            eprintln!("* proxy: {p:?}");
        }
    }
    let mut header_lines = cli.headers.clone();
    let mut body = request_body(&cli.data, &cli.data_binary)?;
    if body.is_some() && cli.head {
        return Err(usage(
            "-d/--data-binary and -I cannot go together".to_string(),
        ));
    }
    let mut method = cli.method.clone();
    let urls: Vec<String> = match &cli.upload_file {
        None => cli.urls.clone(),
        Some(file) => {
            if body.is_some() || cli.head {
                return Err(usage(
                    "-T cannot go with -d/--data-binary or -I".to_string(),
                ));
            }
            let urls: Vec<String> = cli.urls.iter().map(|u| upload_url(u, file)).collect();
            if urls.iter().any(|u| !crate::ftp_fetch::is_ftp(u)) {
                // HTTP uploads are a PUT of the file's bytes.
                body = Some(read_data_file(&file.to_string_lossy())?);
                method.get_or_insert_with(|| "PUT".to_string());
            }
            urls
        }
    };
    let outputs = plan_outputs(&urls, &cli.outputs, cli.remote_name).map_err(usage)?;
    let has = |name: &str| {
        header_lines.iter().any(|h| {
            h.split_once(':')
                .is_some_and(|(n, _)| n.trim().eq_ignore_ascii_case(name))
        })
    };
    // --compressed: WinINet decodes only what the request's Accept-Encoding
    // asked for (INTERNET_OPTION_HTTP_DECODING), so ask as curl does.
    let ask_encoding = cli.compressed && !has("Accept-Encoding");
    let form_type = !cli.data.is_empty() && !has("Content-Type");
    if ask_encoding {
        header_lines.push("Accept-Encoding: deflate, gzip, br".to_string());
    }
    if form_type {
        header_lines.push("Content-Type: application/x-www-form-urlencoded".to_string());
    }
    // The store is this process's alone, as curl's is: -b fills it, -c saves it.
    openinet::cookies::use_store_file(None);
    let mut cookie_values = Vec::new();
    for c in &cli.cookies {
        if c.contains('=') {
            cookie_values.push(c.clone());
        } else {
            cookiefile::load(Path::new(c)).map_err(|e| {
                (
                    exitcode::READ_ERROR,
                    format!("cannot read cookie file {c}: {e}"),
                )
            })?;
        }
    }
    if !cookie_values.is_empty() {
        header_lines.push(format!("Cookie: {}", cookie_values.join("; ")));
    }
    let headers = request_headers(&header_lines).map_err(usage)?;
    let resume = match cli.continue_at.as_deref() {
        None => Resume::No,
        Some("-") => Resume::FromOutput,
        Some(n) => Resume::At(
            n.parse()
                .map_err(|_| usage(format!("-C {n}: expected - or a byte offset")))?,
        ),
    };
    if resume != Resume::No && urls.iter().any(|u| crate::ftp_fetch::is_ftp(u)) {
        return Err(usage(
            "-C: resuming an ftp:// download (REST) is not supported yet".to_string(),
        ));
    }
    if resume == Resume::FromOutput && outputs.iter().any(|o| !matches!(o, Output::File(_))) {
        return Err(usage(
            "-C - needs -o FILE or -O: it continues a file".to_string(),
        ));
    }
    let user = cli.user.as_ref().map(|u| match u.split_once(':') {
        Some((name, pw)) => (name.to_string(), pw.to_string()),
        None => (u.clone(), String::new()),
    });
    let seconds = |what: &str, s: Option<f64>| -> Result<Option<Duration>, Failure> {
        match s {
            None => Ok(None),
            Some(v) if v.is_finite() && v > 0.0 => Ok(Some(Duration::from_secs_f64(v))),
            Some(v) => Err(usage(format!(
                "{what} {v}: expected a number of seconds above 0"
            ))),
        }
    };
    let max_time = seconds("--max-time", cli.max_time)?;
    let connect_timeout = seconds("--connect-timeout", cli.connect_timeout)?;
    let options = Arc::new(Options {
        method,
        head_only: cli.head,
        headers,
        body: body.map(Arc::new),
        follow: cli.location,
        max_redirs: cli.max_redirs,
        insecure: cli.insecure,
        compressed: cli.compressed,
        referer: cli.referer.clone(),
        user,
        fail_on_http_error: cli.fail,
        resume,
        verbose: cli.verbose,
        quiet: cli.silent && !cli.show_error,
        max_time,
        retries: cli.retry,
        upload: cli.upload_file.clone(),
    });

    let mut timeouts = Timeouts::default();
    if let Some(ms) = cli.timeout {
        let t = Timeouts::from_millis(ms);
        timeouts = Timeouts {
            connect: t,
            send: t,
            receive: t,
        };
    }
    if let Some(d) = connect_timeout {
        timeouts.connect = Some(d);
    }
    let session = Session::new(SessionConfig {
        user_agent: cli.user_agent.clone(),
        timeouts,
    })
    .with_proxy(proxy.map(Arc::new));
    let jobs = urls
        .iter()
        .zip(outputs)
        .enumerate()
        .map(|(i, (url, output))| Job {
            id: HandleId { index: i + 1 },
            url: url.clone(),
            output,
            options: Arc::clone(&options),
        })
        .collect();
    Ok((jobs, session))
}

/// The proxy as curl chooses it: `-x` for every scheme (with `no_proxy`
/// still honoured), otherwise `http_proxy`, `https_proxy`, `all_proxy`
/// and `no_proxy` from the environment (the upper-case forms too, as the
/// engine's PRECONFIG reads them). A value the engine cannot use is
/// curl's 5, "could not resolve proxy", before anything is sent.
fn proxy_config(flag: Option<&str>) -> Result<Option<openinet::proxy::ProxyConfig>, Failure> {
    let env = |name: &str| std::env::var(name).ok();
    let config = match flag {
        Some(x) => openinet::proxy::from_env(|name| match name {
            "all_proxy" => Some(x.to_string()),
            "no_proxy" | "NO_PROXY" => env(name),
            _ => None,
        }),
        None => openinet::proxy::from_env(env),
    };
    config.map_err(|e| {
        (
            exitcode::PROXY,
            format!(
                "cannot use the proxy {}: {e}",
                flag.unwrap_or("from the environment")
            ),
        )
    })
}

/// The body of `-d` (joined with `&`, `@FILE` without line breaks) and
/// `--data-binary` (`@FILE` as it is), in command-line order within each.
pub fn request_body(data: &[String], binary: &[String]) -> Result<Option<Vec<u8>>, Failure> {
    if data.is_empty() && binary.is_empty() {
        return Ok(None);
    }
    let mut parts: Vec<Vec<u8>> = Vec::new();
    for (value, strip) in data
        .iter()
        .map(|d| (d, true))
        .chain(binary.iter().map(|d| (d, false)))
    {
        let mut bytes = match value.strip_prefix('@') {
            Some(file) => read_data_file(file)?,
            None => value.as_bytes().to_vec(),
        };
        if strip && value.starts_with('@') {
            bytes.retain(|&b| b != b'\r' && b != b'\n');
        }
        parts.push(bytes);
    }
    Ok(Some(parts.join(&b'&')))
}

fn read_data_file(file: &str) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    let read = if file == "-" {
        std::io::stdin().lock().read_to_end(&mut bytes)
    } else {
        std::fs::File::open(file).and_then(|mut f| f.read_to_end(&mut bytes))
    };
    read.map_err(|e| (exitcode::READ_ERROR, format!("cannot read {file}: {e}")))?;
    Ok(bytes)
}

/// Runs the transfers and reports.
fn transfer(cli: &Cli, jobs: Vec<Job>, session: Session) -> ExitCode {
    let tracer = Arc::new(Tracer::new(Stream::Stderr, cli.trace));
    let show_progress =
        !cli.trace && !cli.verbose && !cli.silent && std::io::stderr().is_terminal();
    let bars = show_progress.then(MultiProgress::new);
    let total = jobs.len();
    let summary = match &bars {
        Some(m) if cli.parallel && total > 1 => Some(m.add(summary_bar(total))),
        _ => None,
    };
    let limit = if cli.parallel {
        cli.parallel_max as usize
    } else {
        1
    };
    let outcomes = openinet::runtime().block_on(async {
        let gate = Arc::new(tokio::sync::Semaphore::new(limit));
        let received = Arc::new(AtomicU64::new(0));
        // Each job takes its place at the gate here, in command-line order,
        // before its task starts: tasks spawned first could otherwise reach
        // the gate in any order, and a serial run would not be serial in
        // the order given.
        let mut tasks = Vec::with_capacity(jobs.len());
        for job in jobs {
            let permit = Arc::clone(&gate)
                .acquire_owned()
                .await
                .expect("the gate stays open");
            let session = session.clone();
            let tracer = Arc::clone(&tracer);
            let bars = bars.clone();
            let summary = summary.clone();
            let received = Arc::clone(&received);
            tasks.push(openinet::runtime().spawn(async move {
                let _permit = permit;
                let bar = bars.as_ref().map(|m| match &summary {
                    Some(s) => m.insert_before(s, progress_bar(&job)),
                    None => m.add(progress_bar(&job)),
                });
                let outcome = fetch::fetch(session, job, tracer, bar).await;
                if let Some(s) = &summary {
                    let all = received.fetch_add(outcome.bytes, Ordering::Relaxed) + outcome.bytes;
                    s.inc(1);
                    s.set_message(format!("{} received", HumanBytes(all)));
                }
                outcome
            }));
        }
        let mut outcomes = Vec::with_capacity(tasks.len());
        for task in tasks {
            outcomes.push(task.await);
        }
        outcomes
    });
    if let Some(s) = summary {
        s.finish();
    }
    let mut code = report(cli, &outcomes);
    if let Some(jar) = &cli.cookie_jar {
        if let Err(e) = cookiefile::save(jar) {
            if !cli.silent || cli.show_error {
                eprintln!(
                    "inet: ({}) cannot write cookie jar {}: {e}",
                    exitcode::WRITE_ERROR,
                    jar.display()
                );
            }
            code = exitcode::WRITE_ERROR;
        }
    }
    ExitCode::from(code)
}

/// Prints `-w` and one line per failure; the exit status is the last
/// failed transfer's.
fn report(cli: &Cli, outcomes: &[Result<Outcome, tokio::task::JoinError>]) -> u8 {
    let show_errors = !cli.silent || cli.show_error;
    let mut code = exitcode::OK;
    for outcome in outcomes {
        match outcome {
            Ok(o) => {
                let this = o.error.as_ref().map_or(exitcode::OK, FetchError::exit_code);
                if let Some(e) = &o.error {
                    if show_errors {
                        eprintln!("inet: ({this}) {e} fetching {}", o.url);
                    }
                    code = this;
                }
                if let Some(format) = &cli.write_out {
                    write_out(format, o, this);
                }
            }
            Err(e) => {
                eprintln!("inet: a transfer task failed: {e}");
                code = exitcode::FAILURE;
            }
        }
    }
    code
}

fn write_out(format: &str, o: &Outcome, exit: u8) {
    let facts = writeout::Facts {
        http_code: o.status.unwrap_or(0),
        size_download: o.bytes,
        size_header: o.header_bytes,
        time_total: o.elapsed.as_secs_f64(),
        url: o.url.clone(),
        url_effective: o.url_effective.clone(),
        num_redirects: o.redirects,
        content_type: o.content_type.clone().unwrap_or_default(),
        filename_effective: o.filename.clone().unwrap_or_default(),
        exitcode: exit,
        errormsg: o
            .error
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
    };
    let mut unknown = Vec::new();
    let text = writeout::expand(format, &facts, &mut unknown);
    for name in unknown {
        eprintln!("inet: unknown --write-out variable: '{name}'");
    }
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

fn progress_bar(job: &Job) -> ProgressBar {
    let bar = ProgressBar::no_length();
    let style = ProgressStyle::with_template(
        "{prefix} {wide_bar} {bytes}/{total_bytes} {binary_bytes_per_sec} {msg}",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.set_prefix(format!("{} {}", job.id.label(), job.output.describe()));
    bar
}

/// The `-Z` summary line: transfers done of all.
fn summary_bar(total: usize) -> ProgressBar {
    let bar = ProgressBar::new(total as u64);
    let style = ProgressStyle::with_template("{pos}/{len} transfers done, {msg} [{elapsed}]")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.set_message("0 B received");
    bar
}

/// Pairs each URL with its destination: the i-th `-o` for the i-th URL,
/// then `-O`'s remote name, then stdout for a lone URL.
pub fn plan_outputs(
    urls: &[String],
    outputs: &[PathBuf],
    remote_name: bool,
) -> Result<Vec<Output>, String> {
    if outputs.len() > urls.len() {
        return Err(format!(
            "{} -o options for {} URL(s): give one -o per URL, in order",
            outputs.len(),
            urls.len()
        ));
    }
    let mut plan = Vec::with_capacity(urls.len());
    for (i, url) in urls.iter().enumerate() {
        let output = match outputs.get(i) {
            Some(p) if p.as_os_str() == "-" => Output::Stdout,
            Some(p) => Output::File(p.clone()),
            None if remote_name => {
                Output::File(PathBuf::from(remote_file_name(url).ok_or_else(|| {
                    format!("cannot take a file name from {url} for -O; use -o FILE")
                })?))
            }
            None if urls.len() == 1 => Output::Stdout,
            None => {
                return Err(format!(
                    "several URLs and no -o for {url}: give -o FILE for each URL (or -O)"
                ))
            }
        };
        plan.push(output);
    }
    if plan.iter().filter(|o| **o == Output::Stdout).count() > 1 {
        return Err("only one URL can write to stdout".to_string());
    }
    let mut files: Vec<&Path> = plan
        .iter()
        .filter_map(|o| match o {
            Output::File(p) => Some(p.as_path()),
            _ => None,
        })
        .collect();
    files.sort();
    if let Some(w) = files.windows(2).find(|w| w[0] == w[1]) {
        return Err(format!("two URLs would write to {}", w[0].display()));
    }
    Ok(plan)
}

/// The last segment of the URL's path, without query or fragment: what
/// `-O` names the file. None when there is no usable name.
pub fn remote_file_name(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path = rest.find('/').map(|i| &rest[i..])?;
    let path = path.split(['?', '#']).next().unwrap_or("");
    let name = path.rsplit('/').next().unwrap_or("");
    match name {
        "" | "." | ".." => None,
        n => Some(n.to_string()),
    }
}

/// The URL `-T FILE` goes to: as curl does, a URL whose path ends in `/`
/// (or that has no path) gets the file's name appended, `%`-encoded.
pub fn upload_url(url: &str, file: &Path) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let has_path = rest.contains('/');
    if has_path && !url.ends_with('/') {
        return url.to_string();
    }
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut encoded = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    let slash = if has_path { "" } else { "/" };
    format!("{url}{slash}{encoded}")
}

/// `-H` values joined as HttpSendRequest's header text; each must be `Name: value`.
pub fn request_headers(headers: &[String]) -> Result<Option<String>, String> {
    for h in headers {
        let ok = h
            .split_once(':')
            .is_some_and(|(name, _)| !name.trim().is_empty());
        if !ok || h.contains(['\r', '\n']) {
            return Err(format!("bad header {h:?}: expected 'Name: value'"));
        }
    }
    Ok((!headers.is_empty()).then(|| headers.join("\r\n")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uploads_to_a_directory_take_the_files_name() {
        let f = Path::new("/tmp/my report.pdf");
        assert_eq!(upload_url("ftp://h/in/", f), "ftp://h/in/my%20report.pdf");
        assert_eq!(upload_url("ftp://h", f), "ftp://h/my%20report.pdf");
        assert_eq!(upload_url("http://h/x.bin", f), "http://h/x.bin");
    }

    fn urls(n: usize) -> Vec<String> {
        (0..n)
            .map(|i| format!("http://h/dir/f{i}.bin?x=1"))
            .collect()
    }

    #[test]
    fn lone_url_goes_to_stdout() {
        assert_eq!(
            plan_outputs(&urls(1), &[], false).unwrap(),
            [Output::Stdout]
        );
    }

    #[test]
    fn outputs_pair_in_order_and_dash_is_stdout() {
        let plan = plan_outputs(&urls(2), &["a".into(), "-".into()], false).unwrap();
        assert_eq!(plan, [Output::File("a".into()), Output::Stdout]);
    }

    #[test]
    fn remote_name_fills_the_rest() {
        let plan = plan_outputs(&urls(2), &["a".into()], true).unwrap();
        assert_eq!(
            plan,
            [Output::File("a".into()), Output::File("f1.bin".into())]
        );
    }

    #[test]
    fn refusals() {
        assert!(
            plan_outputs(&urls(2), &[], false).is_err(),
            "two bodies to stdout"
        );
        assert!(plan_outputs(&urls(1), &["a".into(), "b".into()], false).is_err());
        assert!(plan_outputs(&urls(2), &["-".into(), "-".into()], false).is_err());
        assert!(plan_outputs(&urls(2), &["x".into(), "x".into()], false).is_err());
        assert!(plan_outputs(&["http://h/".to_string()], &[], true).is_err());
    }

    #[test]
    fn remote_file_names() {
        assert_eq!(
            remote_file_name("http://h/a/b.txt").as_deref(),
            Some("b.txt")
        );
        assert_eq!(
            remote_file_name("http://h/a/b.txt?q=/x#f").as_deref(),
            Some("b.txt")
        );
        assert_eq!(remote_file_name("http://h"), None);
        assert_eq!(remote_file_name("http://h/a/"), None);
        assert_eq!(remote_file_name("http://h/.."), None);
    }

    #[test]
    fn header_checks() {
        assert_eq!(request_headers(&[]).unwrap(), None);
        let two = ["X-A: 1".to_string(), "X-B:2".to_string()];
        assert_eq!(
            request_headers(&two).unwrap().as_deref(),
            Some("X-A: 1\r\nX-B:2")
        );
        assert!(request_headers(&["novalue".to_string()]).is_err());
        assert!(request_headers(&[": v".to_string()]).is_err());
        assert!(request_headers(&["X: a\r\nY: b".to_string()]).is_err());
    }
}
