//! The comparative benchmark: starts nginx on generated files, runs every
//! client on every workload, interleaved, several times, and writes
//! `report.md`, `results.json` and `ratios.svg`.
//!
//! `bench-harness --clients DIR [--out DIR] [--quick] [--reps N] [--only NAME,...]`
//! `bench-harness --serve SECS [--quick]`: only nginx and the files, for profiling.
//!
//! `benches/run.sh` builds the clients and calls this; see benches/README.md.
//! Benchmarks report: a slow client is a figure, never a failure. A run
//! whose status codes or byte counts are wrong is reported and left out of
//! the medians.

mod cleanup;
mod plot;
mod report;
mod runner;
mod server;
mod squid;

use runner::{Client, Run, Verdict, Workload};
use std::path::PathBuf;

struct Options {
    clients: PathBuf,
    out: PathBuf,
    quick: bool,
    reps: u32,
    only: Option<Vec<String>>,
    /// Only start nginx and keep it up this many seconds (for profiling).
    serve: Option<u64>,
}

fn options() -> Options {
    let mut o = Options {
        clients: PathBuf::new(),
        out: PathBuf::from("benches/out"),
        quick: false,
        reps: 0,
        only: None,
        serve: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--clients" => o.clients = args.next().expect("--clients DIR").into(),
            "--out" => o.out = args.next().expect("--out DIR").into(),
            "--quick" => o.quick = true,
            "--serve" => o.serve = args.next().and_then(|v| v.parse().ok()),
            "--reps" => o.reps = args.next().and_then(|v| v.parse().ok()).expect("--reps N"),
            "--only" => {
                o.only = Some(
                    args.next()
                        .expect("--only NAME,...")
                        .split(',')
                        .map(str::to_string)
                        .collect(),
                )
            }
            other => {
                eprintln!("unknown argument {other}");
                std::process::exit(2);
            }
        }
    }
    if o.reps == 0 {
        // This machine's runs vary by 5-10%: more repetitions steady the medians.
        o.reps = if o.quick { 3 } else { 21 };
    }
    o
}

fn clients(dir: &std::path::Path) -> Vec<Client> {
    let p = |name: &str| dir.join(name).display().to_string();
    vec![
        Client {
            name: "openinet-c",
            label: "OpenINet C API, async",
            program: p("openinet_async"),
            env: vec![],
            openinet: true,
            https: true,
            redirects: true,
        },
        Client {
            name: "openinet-sync",
            label: "OpenINet C API, sync (K threads)",
            program: p("openinet_sync"),
            env: vec![],
            openinet: true,
            https: true,
            redirects: true,
        },
        Client {
            name: "openinet-rs",
            label: "OpenINet Rust API",
            program: p("bench-openinet-rs"),
            env: vec![],
            openinet: true,
            https: true,
            redirects: true,
        },
        Client {
            name: "libcurl",
            label: "libcurl multi",
            program: p("curl_multi"),
            env: vec![],
            openinet: false,
            https: true,
            redirects: true,
        },
        Client {
            name: "reqwest",
            label: "reqwest (tokio)",
            program: p("bench-reqwest"),
            env: vec![],
            openinet: false,
            https: true,
            redirects: true,
        },
        Client {
            name: "raw",
            label: "raw sockets (ceiling)",
            program: p("raw"),
            env: vec![],
            openinet: false,
            https: false,
            redirects: false,
        },
    ]
}

fn workloads(nginx: &server::Nginx, files: &server::Files, quick: bool) -> Vec<Workload> {
    let requests = if quick { 2_000 } else { 10_000 };
    let big_label = if quick { "64 MiB" } else { "1 GiB" };
    let mut w = vec![
        Workload {
            name: "big-http",
            label: "",
            url: nginx.http_url("big.bin"),
            n: 1,
            k: 1,
            size: files.big,
            bufsize: 256 * 1024,
            https: false,
            redirected: false,
            unit: "MiB/s",
        },
        Workload {
            name: "big-https",
            label: "",
            url: nginx.https_url("big.bin"),
            n: 1,
            k: 1,
            size: files.big,
            bufsize: 256 * 1024,
            https: true,
            redirected: false,
            unit: "MiB/s",
        },
    ];
    for k in [1, 8, 64] {
        w.push(Workload {
            name: match k {
                1 => "1k-k1",
                8 => "1k-k8",
                _ => "1k-k64",
            },
            label: "",
            url: nginx.http_url("1k.bin"),
            n: requests,
            k,
            size: files.small,
            bufsize: 16 * 1024,
            https: false,
            redirected: false,
            unit: "req/s",
        });
    }
    // Through squid: OpenINet's C client against libcurl, both proxied.
    if runner::PROXY.get().is_some() {
        w.push(Workload {
            name: "1k-k8-squid",
            label: "",
            url: nginx.http_url("1k.bin"),
            n: requests,
            k: 8,
            size: files.small,
            bufsize: 16 * 1024,
            https: false,
            redirected: false,
            unit: "req/s",
        });
    }
    w.push(Workload {
        name: "64k-k1000",
        label: "",
        url: nginx.http_url("64k.bin"),
        n: requests,
        k: 1000,
        size: files.medium,
        bufsize: 16 * 1024,
        https: false,
        redirected: false,
        unit: "req/s",
    });
    // The same 1 KiB files behind a 302 (nginx's `return 302`): two
    // exchanges per GET, the redirect followed on the same connection.
    w.push(Workload {
        name: "redir-k8",
        label: "",
        url: nginx.http_url("redir/1k.bin"),
        n: requests,
        k: 8,
        size: files.small,
        bufsize: 16 * 1024,
        https: false,
        redirected: true,
        unit: "req/s",
    });
    for x in &mut w {
        x.label = match x.name {
            "big-http" => leak(format!("{big_label} download, http")),
            "big-https" => leak(format!("{big_label} download, https")),
            "1k-k1" => leak(format!("{requests} x 1 KiB, K=1")),
            "1k-k8" => leak(format!("{requests} x 1 KiB, K=8")),
            "1k-k64" => leak(format!("{requests} x 1 KiB, K=64")),
            "redir-k8" => leak(format!("{requests} x 1 KiB after a 302, K=8")),
            "1k-k8-squid" => leak(format!("{requests} x 1 KiB via squid, K=8")),
            _ => leak(format!("{requests} x 64 KiB, 1000 in flight")),
        };
    }
    w
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn main() {
    let o = options();
    cleanup::install();
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (client_cpu, server_cpu) = if cpus >= 2 { (0, 1) } else { (0, 0) };
    let files = server::Files {
        small: 1024,
        medium: 64 * 1024,
        big: if o.quick { 64 << 20 } else { 1 << 30 },
    };
    eprintln!("bench: generating files and starting nginx on cpu {server_cpu}");
    let nginx = match server::start(&files, server_cpu) {
        Ok(n) => n,
        Err(e) => {
            eprintln!("bench: {e}");
            cleanup::stop_server(true);
            std::process::exit(1);
        }
    };
    let cafile = nginx.cert.display().to_string();
    if let Some(secs) = o.serve {
        println!(
            "serving {} and {} (CA {cafile}) for {secs} s",
            nginx.http_url(""),
            nginx.https_url("")
        );
        std::thread::sleep(std::time::Duration::from_secs(secs));
        return;
    }
    // The proxied workload's squid, on nginx's core; without squid the
    // workload is left out.
    let _squid = match squid::start(server_cpu) {
        Ok(sq) => {
            let _ = runner::PROXY.set(format!("127.0.0.1:{}", sq.port));
            Some(sq)
        }
        Err(e) => {
            eprintln!("bench: no proxied workload: {e}");
            None
        }
    };
    let all_clients = clients(&o.clients);
    let mut works = workloads(&nginx, &files, o.quick);
    if let Some(only) = &o.only {
        works.retain(|w| only.iter().any(|n| n == w.name));
    }
    let started = std::time::Instant::now();
    let mut runs: Vec<Run> = Vec::new();
    for rep in 0..o.reps {
        for (wi, w) in works.iter().enumerate() {
            // Rotate the order each repetition so no client always runs first.
            let n = all_clients.len();
            for ci in 0..n {
                let c = &all_clients[(ci + rep as usize + wi) % n];
                if (w.https && !c.https) || (w.redirected && !c.redirects) {
                    continue;
                }
                // The proxied row compares OpenINet's C client with libcurl.
                if w.name == "1k-k8-squid" && !matches!(c.name, "openinet-c" | "libcurl") {
                    continue;
                }
                let unsupported = runs.iter().any(|r| {
                    r.client == c.name && r.workload == w.name && r.verdict == Verdict::NotSupported
                });
                if unsupported {
                    continue;
                }
                let r = runner::run_once(c, w, client_cpu, &cafile, rep);
                eprintln!(
                    "bench: rep {} {:10} {:12} {:?} {:>10.1} {} cpu {:.2}s rss {} MiB {}",
                    rep + 1,
                    w.name,
                    c.name,
                    r.verdict,
                    r.metric,
                    w.unit,
                    r.cpu_user + r.cpu_sys,
                    r.max_rss_kib / 1024,
                    if r.verdict == Verdict::Ok {
                        ""
                    } else {
                        &r.error
                    }
                );
                runs.push(r);
            }
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    drop(nginx);
    let machine = report::Machine::probe(client_cpu, server_cpu);
    let summary = report::summarize(&works, &all_clients, &runs);
    if let Err(e) = std::fs::create_dir_all(&o.out) {
        eprintln!("bench: {}: {e}", o.out.display());
        std::process::exit(1);
    }
    let svg = o.out.join("ratios.svg");
    if let Err(e) = plot::ratios(&svg, &works, &all_clients, &summary) {
        eprintln!("bench: plot: {e}");
    }
    let md = report::markdown(
        &machine,
        &works,
        &all_clients,
        &summary,
        &runs,
        o.quick,
        o.reps,
        elapsed,
    );
    let json = report::json(&machine, &works, &summary, &runs, o.quick, o.reps);
    for (name, text) in [("report.md", md), ("results.json", json)] {
        if let Err(e) = std::fs::write(o.out.join(name), text) {
            eprintln!("bench: {name}: {e}");
        }
    }
    eprintln!(
        "bench: {} runs in {elapsed:.0} s; report in {}",
        runs.len(),
        o.out.join("report.md").display()
    );
}
