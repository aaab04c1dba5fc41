//! `inet demo`: WinINet's async model, shown on a local server.
//!
//! Three requests start together; when the first is done its connection is
//! back in the pool, and a fourth request to the same server takes it (no
//! RESOLVING_NAME or CONNECTING_TO_SERVER on that handle). A fifth goes to a
//! closed port to show a failed completion. Everything is printed to stdout:
//! the explanation, the trace, the summary.

use crate::fetch::{self, Job, Outcome};
use crate::output::Output;
use crate::trace::{HandleId, Stream, Tracer};
use openinet::{Session, SessionConfig, Timeouts};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

const INTRO: &str = "\
inet demo: WinINet's asynchronous model, live on a local server.

In async mode a WinINet call that cannot finish at once returns FALSE with
ERROR_IO_PENDING, and the work goes on in the background. Progress arrives
through the status callback, with the handle and the context value the
application gave it; the end arrives as REQUEST_COMPLETE {result, error}.
A read that finds data already buffered returns TRUE at once, with no
callback. Lines in (parentheses) are what a call returned; the others are
callbacks, printed as they happen:

  [time] handle ctx=context STATUS payload
";

pub fn run() -> ExitCode {
    let server = testserver::Server::start();
    let refused = closed_port_url();
    println!("{INTRO}");
    println!("Server: {}\n", server.url("/"));
    println!("h1, h2, h3 start together; h4 (the same URL as h1) starts once h1 is done\nand h2, h3 hold their own connections; h5 goes to a port nothing listens on.\n");

    let t = Some(Duration::from_secs(5));
    let session = Session::new(SessionConfig {
        user_agent: concat!("inet-demo/", env!("CARGO_PKG_VERSION")).to_string(),
        timeouts: Timeouts {
            connect: t,
            send: t,
            receive: t,
        },
    });
    let tracer = Arc::new(Tracer::new(Stream::Stdout, true));
    let options = Arc::new(fetch::Options {
        max_redirs: -1,
        ..fetch::Options::default()
    });
    let job = |index: usize, url: String| Job {
        id: HandleId { index },
        url,
        output: Output::Discard,
        options: Arc::clone(&options),
    };
    let start = |j: Job| {
        openinet::runtime().spawn(fetch::fetch(session.clone(), j, Arc::clone(&tracer), None))
    };
    let jobs = [
        job(1, server.url("/hello")),
        job(2, server.url("/chunked/100000")),
        job(3, server.url("/slowbody/100")),
    ];
    let tasks: Vec<_> = jobs.into_iter().map(start).collect();
    let fourth = job(4, server.url("/hello"));
    let fifth = job(5, refused);
    let server_ref = &server;
    let outcomes = openinet::runtime().block_on(async move {
        let server = server_ref;
        let mut tasks = tasks.into_iter();
        let mut outcomes = Vec::new();
        if let Some(first) = tasks.next() {
            outcomes.push(first.await);
        }
        // h1's body is read to the end, so its connection is idle in the
        // pool. Once the server has h2's and h3's requests, they hold their
        // own connections, so h4 is the one that finds h1's.
        wait_for_requests(server, 3).await;
        let late: Vec<_> = [fourth, fifth].into_iter().map(start).collect();
        for t in tasks.chain(late) {
            outcomes.push(t.await);
        }
        outcomes
    });
    let outcomes: Vec<Outcome> = match outcomes.into_iter().collect() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: a demo task failed: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!();
    print!("{}", summary(&outcomes));
    println!();
    print!("{}", takeaways(&outcomes));
    // h5 is meant to fail; any other failure is a real one.
    let unexpected = outcomes
        .iter()
        .filter(|o| o.id.index != 5 && o.error.is_some())
        .count();
    if unexpected > 0 {
        eprintln!("error: {unexpected} demo request(s) failed unexpectedly");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// Waits (up to 5 s) until the server has received `n` requests.
async fn wait_for_requests(server: &testserver::Server, n: usize) {
    for _ in 0..1000 {
        if server.requests().len() >= n {
            return;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// A URL on a port nothing listens on: bound, then released at once.
fn closed_port_url() -> String {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_or(9, |a| a.port());
    format!("http://127.0.0.1:{port}/refused")
}

/// The table: handle, path, status, bytes, milliseconds, connection.
pub fn summary(outcomes: &[Outcome]) -> String {
    let mut s = format!(
        "{:<6} {:<36} {:>6} {:>8} {:>6}  {}\n",
        "handle", "URL", "status", "bytes", "ms", "connection / error"
    );
    for o in outcomes {
        let status = o.status.map_or("-".to_string(), |c| c.to_string());
        let how = match &o.error {
            Some(e) => e.to_string(),
            None if o.connected => "new".to_string(),
            None => "reused from the pool".to_string(),
        };
        s += &format!(
            "{:<6} {:<36} {:>6} {:>8} {:>6}  {}\n",
            o.id.label(),
            short_url(&o.url),
            status,
            o.bytes,
            o.elapsed.as_millis(),
            how
        );
    }
    s
}

fn short_url(url: &str) -> &str {
    url.strip_prefix("http://").unwrap_or(url)
}

/// What to notice, stated only when the run shows it.
fn takeaways(outcomes: &[Outcome]) -> String {
    let mut s = String::from("What happened:\n");
    s += "- All requests were in flight at once on the engine's I/O threads; their\n  \
          callbacks interleave, each tagged with its own handle and context.\n";
    s += "- Each send pended (ERROR_IO_PENDING) and ended with REQUEST_COMPLETE;\n  \
          reads either finished at once from buffered data or pended and completed.\n";
    if let Some(h4) = outcomes.iter().find(|o| o.id.index == 4) {
        if h4.error.is_none() && !h4.connected {
            s += "- h4 reused h1's pooled connection: no RESOLVING_NAME or\n  \
                  CONNECTING_TO_SERVER on h4, straight to SENDING_REQUEST.\n";
        } else if h4.error.is_none() {
            s += "- h4 opened a new connection (the pooled one was not reusable this time).\n";
        }
    }
    if let Some(h5) = outcomes.iter().find(|o| o.id.index == 5) {
        if let Some(e) = &h5.error {
            s += &format!("- h5's send completed with result 0 and the error: {e}.\n");
        }
    }
    s
}
