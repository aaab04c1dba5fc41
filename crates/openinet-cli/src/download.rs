//! `inet URL...`: plan where each body goes, start every fetch on the
//! engine's runtime at once, then report each outcome.

use crate::args::Cli;
use crate::fetch::{self, FetchError, Job, Outcome};
use crate::output::Output;
use crate::trace::{HandleId, Stream, Tracer};
use indicatif::{MultiProgress, ProgressBar, ProgressStyle};
use openinet::{Session, SessionConfig, Timeouts};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

/// A transfer failed.
pub const EXIT_FAILURE: u8 = 1;
/// Bad usage (clap uses 2 as well).
pub const EXIT_USAGE: u8 = 2;
/// `--fail` and an HTTP status of 400 or above (curl's number for it).
pub const EXIT_HTTP_ERROR: u8 = 22;

pub fn run(cli: &Cli) -> ExitCode {
    let outputs = match plan_outputs(&cli.urls, &cli.outputs, cli.remote_name) {
        Ok(o) => o,
        Err(msg) => {
            eprintln!("error: {msg}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let headers = match request_headers(&cli.headers) {
        Ok(h) => h,
        Err(msg) => {
            eprintln!("error: {msg}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let mut timeouts = Timeouts::default();
    if let Some(ms) = cli.timeout {
        let t = Timeouts::from_millis(ms);
        timeouts = Timeouts {
            connect: t,
            send: t,
            receive: t,
        };
    }
    let session = Session::new(SessionConfig {
        user_agent: cli.user_agent.clone(),
        timeouts,
    });
    let tracer = Arc::new(Tracer::new(Stream::Stderr, cli.trace));
    let show_progress = !cli.trace && !cli.silent && std::io::stderr().is_terminal();
    let bars = show_progress.then(MultiProgress::new);

    let jobs: Vec<Job> = cli
        .urls
        .iter()
        .zip(outputs)
        .enumerate()
        .map(|(i, (url, output))| Job {
            id: HandleId { index: i + 1 },
            url: url.clone(),
            head_only: cli.head,
            headers: headers.clone(),
            fail_on_http_error: cli.fail,
            output,
        })
        .collect();
    let outcomes = openinet::runtime().block_on(async {
        let tasks: Vec<_> = jobs
            .into_iter()
            .map(|job| {
                let bar = bars.as_ref().map(|m| m.add(progress_bar(&job)));
                let fut = fetch::fetch(session.clone(), job, Arc::clone(&tracer), bar);
                openinet::runtime().spawn(fut)
            })
            .collect();
        let mut outcomes = Vec::with_capacity(tasks.len());
        for task in tasks {
            outcomes.push(task.await);
        }
        outcomes
    });
    report(&outcomes)
}

/// Prints one line per failure and picks the exit status.
fn report(outcomes: &[Result<Outcome, tokio::task::JoinError>]) -> ExitCode {
    let mut code = 0;
    for outcome in outcomes {
        match outcome {
            Ok(o) => match &o.error {
                None => {}
                Some(e @ FetchError::HttpStatus(_)) => {
                    eprintln!("error: {e} fetching {}", o.url);
                    if code == 0 {
                        code = EXIT_HTTP_ERROR;
                    }
                }
                Some(e) => {
                    eprintln!("error: {e} fetching {}", o.url);
                    code = EXIT_FAILURE;
                }
            },
            Err(e) => {
                eprintln!("error: a download task failed: {e}");
                code = EXIT_FAILURE;
            }
        }
    }
    ExitCode::from(code)
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
