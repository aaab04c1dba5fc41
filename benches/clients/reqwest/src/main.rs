//! Benchmark client on reqwest (HTTP/1.1 only, rustls) on a tokio runtime:
//! K tasks, each carrying its share of the N requests one after another
//! over the client's pooled keep-alive connections; bodies streamed chunk
//! by chunk and counted.
//!
//! `bench-reqwest URL N K SIZE BUFSIZE [CAFILE]` (BUFSIZE unused: reqwest
//! hands out its own chunks); prints the result line described in
//! `benches/clients/c/bench.h`.

use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

async fn one(client: &reqwest::Client, url: &str) -> Result<(u16, u64), reqwest::Error> {
    let mut resp = client.get(url).send().await?;
    let status = resp.status().as_u16();
    let mut body = 0u64;
    while let Some(chunk) = resp.chunk().await? {
        body += chunk.len() as u64;
    }
    Ok((status, body))
}

/// The error and its causes, for the report (reqwest's own text alone is
/// "error sending request").
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = format!("error:{e}");
    let mut cause = e.source();
    while let Some(c) = cause {
        text.push_str(&format!(": {c}"));
        cause = c.source();
    }
    text
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 6 {
        eprintln!("usage: {} URL N K SIZE BUFSIZE [CAFILE]", args[0]);
        std::process::exit(2);
    }
    let url = args[1].clone();
    let n: i64 = args[2].parse().expect("N");
    let k: i64 = args[3].parse::<i64>().expect("K").min(n);
    let size: u64 = args[4].parse().expect("SIZE");

    let mut builder = reqwest::Client::builder()
        .http1_only()
        .pool_max_idle_per_host(usize::MAX)
        .tcp_nodelay(true);
    if let Some(ca) = args.get(6) {
        let pem = std::fs::read(ca).expect("CAFILE");
        builder = builder.add_root_certificate(reqwest::Certificate::from_pem(&pem).expect("PEM"));
    }
    let client = builder.build().expect("client");

    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let issued = Arc::new(AtomicI64::new(0));
    let ok = Arc::new(AtomicI64::new(0));
    let bytes = Arc::new(AtomicU64::new(0));
    let error = Arc::new(Mutex::new(String::new()));
    let start = Instant::now();
    rt.block_on(async {
        let tasks: Vec<_> = (0..k)
            .map(|_| {
                let (client, url) = (client.clone(), url.clone());
                let (issued, ok, bytes, error) =
                    (issued.clone(), ok.clone(), bytes.clone(), error.clone());
                tokio::spawn(async move {
                    while issued.fetch_add(1, Ordering::Relaxed) < n {
                        let failure = match one(&client, &url).await {
                            Ok((200, body)) if body == size => {
                                ok.fetch_add(1, Ordering::Relaxed);
                                bytes.fetch_add(body, Ordering::Relaxed);
                                None
                            }
                            Ok((200, body)) => {
                                bytes.fetch_add(body, Ordering::Relaxed);
                                Some(format!("short-body:{body}"))
                            }
                            Ok((status, _)) => Some(format!("status:{status}")),
                            Err(e) => Some(error_chain(&e).replace(' ', "_")),
                        };
                        if let Some(f) = failure {
                            let mut e = error.lock().unwrap();
                            if e.is_empty() {
                                *e = f;
                            }
                        }
                    }
                })
            })
            .collect();
        for t in tasks {
            let _ = t.await;
        }
    });
    let secs = start.elapsed().as_secs_f64();
    let ok = ok.load(Ordering::Relaxed);
    let error = error.lock().unwrap().clone();
    println!(
        "result ok={ok} failed={} bytes={} secs={secs:.6} error={}",
        n - ok,
        bytes.load(Ordering::Relaxed),
        if error.is_empty() { "-" } else { &error }
    );
    std::process::exit(if ok == n { 0 } else { 1 });
}
