//! Medians, ratios to libcurl, and the report in Markdown and JSON.

use crate::runner::{Client, Run, Verdict, Workload};
use serde::Serialize;
use std::fmt::Write;
use std::process::Command;

/// What the figures were measured on.
#[derive(Serialize)]
pub struct Machine {
    pub cpu: String,
    pub cores: usize,
    pub memory: String,
    pub kernel: String,
    pub nginx: String,
    pub libcurl: String,
    pub rustc: String,
    pub client_cpu: usize,
    pub server_cpu: usize,
}

fn command_text(program: &str, args: &[&str]) -> String {
    Command::new(program)
        .args(args)
        .output()
        .map(|o| {
            let mut s = String::from_utf8_lossy(&o.stdout).to_string();
            s.push_str(&String::from_utf8_lossy(&o.stderr));
            s.lines().next().unwrap_or("").trim().to_string()
        })
        .unwrap_or_else(|_| "?".to_string())
}

impl Machine {
    pub fn probe(client_cpu: usize, server_cpu: usize) -> Machine {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let cpu = cpuinfo
            .lines()
            .find(|l| l.starts_with("model name"))
            .and_then(|l| l.split(':').nth(1))
            .unwrap_or("?")
            .trim()
            .to_string();
        let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
        let memory = meminfo
            .lines()
            .find(|l| l.starts_with("MemTotal"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<u64>().ok())
            .map_or("?".to_string(), |kb| format!("{} GiB", kb / (1024 * 1024)));
        Machine {
            cpu,
            cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
            memory,
            kernel: command_text("uname", &["-sr"]),
            nginx: command_text("nginx", &["-v"]).replace("nginx version: ", ""),
            libcurl: command_text("curl-config", &["--version"]),
            rustc: command_text("rustc", &["--version"]),
            client_cpu,
            server_cpu,
        }
    }
}

/// One client on one workload, over its runs.
#[derive(Clone, Serialize)]
pub struct Cell {
    pub workload: String,
    pub client: String,
    pub runs: usize,
    pub ok_runs: usize,
    pub not_supported: bool,
    /// Median of the figure of merit over the good runs.
    pub median: Option<f64>,
    /// `median` over libcurl's median on the same workload.
    pub ratio: Option<f64>,
    /// Median CPU time (user + system) of the good runs, in seconds.
    pub cpu_secs: Option<f64>,
    /// Median peak RSS of the good runs, in MiB.
    pub rss_mib: Option<f64>,
    /// The first failure's message, if any run failed.
    pub failure: Option<String>,
    /// Per-repetition ratios to libcurl: this client's figure in one
    /// repetition over libcurl's in the same repetition (they ran back to
    /// back, so a slow spell of the machine touches both). Sorted.
    pub paired: Vec<f64>,
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let m = v.len() / 2;
    Some(if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2.0
    })
}

/// `client`'s figure over libcurl's, repetition by repetition, for the
/// repetitions where both runs were good; sorted.
fn paired_ratios(runs: &[Run], workload: &str, client: &str) -> Vec<f64> {
    let good = |c: &str, rep: u32| {
        runs.iter()
            .find(|r| r.workload == workload && r.client == c && r.rep == rep)
            .filter(|r| r.verdict == Verdict::Ok && r.metric > 0.0)
            .map(|r| r.metric)
    };
    let mut v: Vec<f64> = runs
        .iter()
        .filter(|r| r.workload == workload && r.client == client)
        .filter_map(|r| Some(good(client, r.rep)? / good("libcurl", r.rep)?))
        .collect();
    v.sort_by(|a, b| a.total_cmp(b));
    v
}

/// The `q`-quantile (0..=1) of sorted `v`, by the nearest rank.
fn quantile(v: &[f64], q: f64) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    let i = ((v.len() - 1) as f64 * q).round() as usize;
    Some(v[i])
}

pub fn summarize(works: &[Workload], clients: &[Client], runs: &[Run]) -> Vec<Cell> {
    let mut cells = Vec::new();
    for w in works {
        let mut row: Vec<Cell> = clients
            .iter()
            .map(|c| {
                let mine: Vec<&Run> = runs
                    .iter()
                    .filter(|r| r.workload == w.name && r.client == c.name)
                    .collect();
                let good: Vec<&Run> = mine
                    .iter()
                    .copied()
                    .filter(|r| r.verdict == Verdict::Ok)
                    .collect();
                Cell {
                    workload: w.name.to_string(),
                    client: c.name.to_string(),
                    runs: mine.len(),
                    ok_runs: good.len(),
                    not_supported: mine.iter().any(|r| r.verdict == Verdict::NotSupported),
                    median: median(good.iter().map(|r| r.metric).collect()),
                    ratio: None,
                    cpu_secs: median(good.iter().map(|r| r.cpu_user + r.cpu_sys).collect()),
                    rss_mib: median(good.iter().map(|r| r.max_rss_kib as f64 / 1024.0).collect()),
                    failure: mine
                        .iter()
                        .find(|r| r.verdict != Verdict::Ok)
                        .map(|r| r.error.clone()),
                    paired: paired_ratios(runs, w.name, c.name),
                }
            })
            .collect();
        let curl = row
            .iter()
            .find(|c| c.client == "libcurl")
            .and_then(|c| c.median);
        for cell in &mut row {
            cell.ratio = match (cell.median, curl) {
                (Some(m), Some(base)) if base > 0.0 => Some(m / base),
                _ => None,
            };
        }
        cells.extend(row);
    }
    cells
}

fn cell<'a>(cells: &'a [Cell], w: &str, c: &str) -> Option<&'a Cell> {
    cells.iter().find(|x| x.workload == w && x.client == c)
}

fn fmt_num(v: f64) -> String {
    let s = format!("{:.0}", v);
    // Thousands separators, for reading.
    let bytes = s.as_bytes();
    let mut out = String::new();
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 && (bytes.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(*b as char);
    }
    out
}

/// What a cell shows in the side-by-side table.
fn brief(c: Option<&Cell>) -> String {
    match c {
        None => "—".to_string(),
        Some(c) if c.not_supported => "not supported yet".to_string(),
        Some(c) => match (c.median, c.ratio) {
            (Some(m), Some(r)) => format!("{} ({:.2}x)", fmt_num(m), r),
            (Some(m), None) => fmt_num(m),
            _ if c.runs == 0 => "—".to_string(),
            _ => "failed".to_string(),
        },
    }
}

/// The targets for OpenINet's C API, as (workload, minimum ratio to
/// libcurl, text).
const TARGETS: &[(&str, f64, &str)] = &[
    ("big-http", 1.0, ">= libcurl and >= 0.95 x raw"),
    ("big-https", 1.0, ">= libcurl"),
    ("1k-k1", 1.0, ">= libcurl"),
    ("1k-k8", 1.0, ">= libcurl"),
    ("1k-k64", 1.1, ">= 1.1 x libcurl"),
    ("64k-k1000", 1.2, ">= 1.2 x libcurl, RSS <= libcurl's"),
    ("redir-k8", 1.0, ">= libcurl"),
];

#[allow(clippy::too_many_arguments)]
pub fn markdown(
    m: &Machine,
    works: &[Workload],
    clients: &[Client],
    cells: &[Cell],
    runs: &[Run],
    quick: bool,
    reps: u32,
    elapsed: f64,
) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# OpenINet comparative benchmark\n");
    let _ = writeln!(
        s,
        "Machine: {} ({} cores, {}), {}. Client pinned to cpu {}, nginx ({}, one worker) to cpu {}. \
         {}; {}. {} repetitions per client and workload, interleaved{}; {} runs in {:.0} s.\n",
        m.cpu,
        m.cores,
        m.memory,
        m.kernel,
        m.client_cpu,
        m.nginx,
        m.server_cpu,
        m.libcurl,
        m.rustc,
        reps,
        if quick { " (--quick: 64 MiB, 2,000 requests)" } else { "" },
        runs.len(),
        elapsed
    );
    let _ = writeln!(
        s,
        "Medians of the good runs; in brackets the ratio to libcurl. Downloads in MiB/s, \
         request workloads in requests/s. A run with a wrong status or byte count is listed \
         under Failures and left out.\n"
    );
    let _ = write!(s, "| workload |");
    for c in clients {
        let _ = write!(s, " {} |", c.label);
    }
    let _ = write!(s, "\n| --- |");
    for _ in clients {
        let _ = write!(s, " ---: |");
    }
    let _ = writeln!(s);
    for w in works {
        let _ = write!(s, "| {} ({}) |", w.label, w.unit);
        for c in clients {
            let _ = write!(s, " {} |", brief(cell(cells, w.name, c.name)));
        }
        let _ = writeln!(s);
    }
    let _ = writeln!(s, "\n![ratios to libcurl](ratios.svg)\n");

    let _ = writeln!(s, "## CPU time and peak RSS\n");
    let _ = writeln!(
        s,
        "CPU time is user + system of the client process (wait4), its whole life; peak RSS is its ru_maxrss.\n"
    );
    let _ = write!(s, "| workload |");
    for c in clients {
        let _ = write!(s, " {} |", c.name);
    }
    let _ = write!(s, "\n| --- |");
    for _ in clients {
        let _ = write!(s, " ---: |");
    }
    let _ = writeln!(s);
    for w in works {
        let _ = write!(s, "| {} |", w.label);
        for c in clients {
            let text = match cell(cells, w.name, c.name) {
                Some(Cell {
                    cpu_secs: Some(cpu),
                    rss_mib: Some(rss),
                    ..
                }) => format!("{cpu:.2} s, {rss:.0} MiB"),
                _ => "—".to_string(),
            };
            let _ = write!(s, " {text} |");
        }
        let _ = writeln!(s);
    }

    let _ = writeln!(s, "\n## OpenINet C API (async) against the targets\n");
    let _ = writeln!(
        s,
        "The verdict uses the ratio of the medians above. The last two columns show how steady it is: the same ratio taken repetition by repetition (the clients of one repetition run one after another, so a slow spell of the machine touches both sides), as its median with the middle half of the repetitions in brackets, and in how many repetitions it met the target on its own.\n"
    );
    let _ = writeln!(
        s,
        "| workload | target | ratio to libcurl | met | per repetition | repetitions meeting it | raw ceiling to libcurl |"
    );
    let _ = writeln!(s, "| --- | --- | ---: | --- | ---: | ---: | ---: |");
    for (wname, min, text) in TARGETS {
        let Some(w) = works.iter().find(|w| w.name == *wname) else {
            continue;
        };
        let c = cell(cells, wname, "openinet-c");
        let (ratio, met) = match c {
            Some(c) if c.not_supported => ("not supported yet".to_string(), "no".to_string()),
            Some(Cell {
                ratio: Some(r),
                rss_mib,
                ..
            }) => {
                let mut met = *r >= *min;
                if *wname == "big-http" {
                    let raw = cell(cells, wname, "raw").and_then(|x| x.median);
                    let mine = c.and_then(|x| x.median);
                    if let (Some(raw), Some(mine)) = (raw, mine) {
                        met &= mine >= 0.95 * raw;
                    }
                }
                if *wname == "64k-k1000" {
                    let curl_rss = cell(cells, wname, "libcurl").and_then(|x| x.rss_mib);
                    if let (Some(mine), Some(curl)) = (rss_mib, curl_rss) {
                        met &= mine <= &curl;
                    }
                }
                (
                    format!("{r:.2}"),
                    if met { "yes" } else { "no" }.to_string(),
                )
            }
            _ => ("—".to_string(), "no".to_string()),
        };
        let paired = c.map(|c| c.paired.as_slice()).unwrap_or_default();
        let spread = match (
            quantile(paired, 0.25),
            quantile(paired, 0.5),
            quantile(paired, 0.75),
        ) {
            (Some(lo), Some(mid), Some(hi)) => format!("{mid:.2} [{lo:.2}–{hi:.2}]"),
            _ => "—".to_string(),
        };
        let meeting = paired.iter().filter(|r| **r >= *min).count();
        // What any client could reach here: where the ceiling itself is
        // below a target, the server, not the client, is the limit.
        let ceiling = cell(cells, wname, "raw")
            .and_then(|x| x.ratio)
            .map_or("—".to_string(), |r| format!("{r:.2}"));
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} of {} | {} |",
            w.label,
            text,
            ratio,
            met,
            spread,
            meeting,
            paired.len(),
            ceiling
        );
    }

    let failures: Vec<&Run> = runs
        .iter()
        .filter(|r| r.verdict == Verdict::Failed)
        .collect();
    let _ = writeln!(s, "\n## Failures\n");
    if failures.is_empty() {
        let _ = writeln!(
            s,
            "None: every run had the right status codes and byte counts."
        );
    } else {
        for r in failures {
            let _ = writeln!(
                s,
                "- {} on {} (repetition {}): {}",
                r.client,
                r.workload,
                r.rep + 1,
                r.error
            );
        }
    }
    let unsupported: Vec<&Cell> = cells.iter().filter(|c| c.not_supported).collect();
    if !unsupported.is_empty() {
        let _ = writeln!(s, "\nNot supported yet (ERROR_CALL_NOT_IMPLEMENTED):");
        for c in unsupported {
            let _ = writeln!(s, "- {} on {}", c.client, c.workload);
        }
    }
    s
}

pub fn json(
    m: &Machine,
    works: &[Workload],
    cells: &[Cell],
    runs: &[Run],
    quick: bool,
    reps: u32,
) -> String {
    #[derive(Serialize)]
    struct Doc<'a> {
        machine: &'a Machine,
        quick: bool,
        reps: u32,
        workloads: &'a [Workload],
        summary: &'a [Cell],
        runs: &'a [Run],
    }
    serde_json::to_string_pretty(&Doc {
        machine: m,
        quick,
        reps,
        workloads: works,
        summary: cells,
        runs,
    })
    .unwrap_or_default()
}
