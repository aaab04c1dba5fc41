//! Benchmark client on OpenINet's Rust API: K tokio tasks on
//! `openinet::runtime()`, each carrying its share of the N requests one
//! after another (a new `Request` per GET; the engine's pool keeps each
//! task's keep-alive connection).
//!
//! `bench-openinet-rs URL N K SIZE BUFSIZE [CAFILE]`; prints the result line
//! described in `benches/clients/c/bench.h`.

use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

struct Tally {
    issued: AtomicI64,
    ok: AtomicI64,
    failed: AtomicI64,
    bytes: AtomicU64,
    error: Mutex<String>,
}

impl Tally {
    fn fail(&self, what: String) {
        self.failed.fetch_add(1, Ordering::Relaxed);
        let mut e = self.error.lock().unwrap();
        if e.is_empty() {
            *e = what;
        }
    }
}

async fn one(
    conn: &openinet::Connection,
    path: &str,
    flags: u32,
    buf: &mut [u8],
) -> Result<(u16, u64), openinet::Error> {
    let mut req = conn.open_request("GET", path, None, None, &[], flags)?;
    if flags & openinet::consts::INTERNET_FLAG_SECURE != 0 {
        // The benchmark's CA is private (see the C client): waive that check only.
        req.set_security_flags(openinet::consts::SECURITY_FLAG_IGNORE_UNKNOWN_CA);
    }
    req.send(None, Vec::new()).await?;
    let status = req.status_code().unwrap_or(0);
    let mut body = 0u64;
    loop {
        let n = req.read(buf).await?;
        if n == 0 {
            break;
        }
        body += n as u64;
    }
    Ok((status, body))
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
    let bufsize: usize = args[5].parse().expect("BUFSIZE");

    let target = openinet::http::target::HttpTarget::parse(&url).expect("URL");
    // K transfers in flight to one server need a per-server limit of K
    // (WinINet's default of 2 would queue the rest), as a WinINet program
    // sets INTERNET_OPTION_MAX_CONNS_PER_SERVER.
    let allowed = u32::try_from(k).unwrap_or(u32::MAX);
    openinet::set_max_conns_per_server(Some(allowed), Some(allowed));
    let session = openinet::Session::new(openinet::SessionConfig::default());
    let conn = session.connect(&target.host, target.port);
    let path = target.path.clone();
    let flags = target.secure_flag();

    let tally = Arc::new(Tally {
        issued: AtomicI64::new(0),
        ok: AtomicI64::new(0),
        failed: AtomicI64::new(0),
        bytes: AtomicU64::new(0),
        error: Mutex::new(String::new()),
    });
    let start = Instant::now();
    let rt = openinet::runtime();
    let tasks: Vec<_> = (0..k)
        .map(|_| {
            let (tally, conn, path) = (tally.clone(), conn.clone(), path.clone());
            rt.spawn(async move {
                let mut buf = vec![0u8; bufsize];
                while tally.issued.fetch_add(1, Ordering::Relaxed) < n {
                    match one(&conn, &path, flags, &mut buf).await {
                        Ok((200, body)) if body == size => {
                            tally.ok.fetch_add(1, Ordering::Relaxed);
                            tally.bytes.fetch_add(body, Ordering::Relaxed);
                        }
                        Ok((200, body)) => {
                            tally.bytes.fetch_add(body, Ordering::Relaxed);
                            tally.fail(format!("short-body:{body}"));
                        }
                        Ok((status, _)) => tally.fail(format!("status:{status}")),
                        Err(e) => tally.fail(format!("error:{}:{e}", e.code()).replace(' ', "_")),
                    }
                }
            })
        })
        .collect();
    rt.block_on(async {
        for t in tasks {
            let _ = t.await;
        }
    });
    let secs = start.elapsed().as_secs_f64();
    let ok = tally.ok.load(Ordering::Relaxed);
    let error = tally.error.lock().unwrap().clone();
    println!(
        "result ok={ok} failed={} bytes={} secs={secs:.6} error={}",
        n - ok,
        tally.bytes.load(Ordering::Relaxed),
        if error.is_empty() { "-" } else { &error }
    );
    std::process::exit(if ok == n { 0 } else { 1 });
}
