//! Differential test: each C scenario of `tests/c` built twice, with
//! x86_64-w64-mingw32-gcc (run under Wine against Wine's wininet) and with
//! gcc (against our libwininet), run against the same test server; their
//! normalized callback traces must be equal, except for the differences
//! listed, with their reasons, in `tests/wine/known-differences.md`.
//!
//! Without wine or mingw the test prints a note and passes (CI installs
//! both). Traces are written to `target/<profile>/wine-diff/` for reading.

mod c_support;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use c_support::{
    build_mingw, build_native, have, run_with_timeout, scenarios, scratch, trace_lines,
    workspace_root,
};

/// One rule of the known-differences table.
#[derive(Debug)]
struct Rule {
    scenario: String,
    /// Glob over a marker's text (after `== `): the rule applies only to
    /// the lines after that marker, up to the next one. `None`: everywhere.
    section: Option<String>,
    action: Action,
    pattern: String,
}

#[derive(Debug, PartialEq)]
enum Action {
    /// Remove matching lines from Wine's trace.
    DropWine,
    /// Remove matching lines from our trace.
    DropOurs,
    /// On matching lines of both traces, replace the value of `key=` with
    /// `*` (`mask-info`, `mask-len`, `mask-thr`...).
    Mask(String),
}

/// Parses the rows of the table in known-differences.md:
/// `| scenario | action | pattern | reason |` (scenario `*` = all;
/// `name@section` limits the rule to the lines after the marker
/// `== section`, up to the next marker).
fn load_rules() -> Vec<Rule> {
    let path = workspace_root().join("tests/wine/known-differences.md");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut rules = Vec::new();
    for line in text.lines() {
        let cells: Vec<&str> = line
            .trim()
            .trim_matches('|')
            .split('|')
            .map(str::trim)
            .collect();
        if !line.trim_start().starts_with('|') || cells.len() < 4 {
            continue;
        }
        let action = match cells[1].trim_matches('`') {
            "drop-wine" => Action::DropWine,
            "drop-ours" => Action::DropOurs,
            a if a.starts_with("mask-") => Action::Mask(a["mask-".len()..].to_string()),
            _ => continue, // header and separator rows
        };
        let pattern = cells[2].trim_matches('`').replace("\\|", "|");
        let scope = cells[0].trim_matches('`');
        let (scenario, section) = match scope.split_once('@') {
            Some((name, section)) => (name.to_string(), Some(section.to_string())),
            None => (scope.to_string(), None),
        };
        assert!(!cells[3].is_empty(), "rule without a reason: {line}");
        rules.push(Rule {
            scenario,
            section,
            action,
            pattern,
        });
    }
    assert!(!rules.is_empty(), "no rules parsed from {}", path.display());
    rules
}

/// Glob match: `*` matches any run of characters, everything else itself.
fn glob(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && p[pi] != '*' && p[pi] == t[ti] {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

/// Replaces the value of ` key=` (up to the next space) with `*`.
fn mask(line: &str, key: &str) -> String {
    let needle = format!(" {key}=");
    match line.find(&needle) {
        Some(i) => {
            let start = i + needle.len();
            let end = line[start..].find(' ').map_or(line.len(), |j| start + j);
            format!("{}*{}", &line[..start], &line[end..])
        }
        None => line.to_string(),
    }
}

/// Applies the rules of one scenario to one side's trace.
fn normalize(lines: &[String], rules: &[Rule], scenario: &str, wine: bool) -> Vec<String> {
    let mine: Vec<&Rule> = rules
        .iter()
        .filter(|r| r.scenario == "*" || r.scenario == scenario)
        .collect();
    let mut section = String::new();
    let mut out = Vec::new();
    for l in lines {
        if let Some(marker) = l.strip_prefix("== ") {
            section = marker.to_string();
        }
        let applies =
            |r: &Rule| r.section.as_ref().is_none_or(|s| glob(s, &section)) && glob(&r.pattern, l);
        let dropped = mine.iter().any(|r| {
            applies(r)
                && match r.action {
                    Action::DropWine => wine,
                    Action::DropOurs => !wine,
                    Action::Mask(_) => false,
                }
        });
        if dropped {
            continue;
        }
        let mut l = l.clone();
        for r in mine.iter().filter(|r| applies(r)) {
            if let Action::Mask(key) = &r.action {
                l = mask(&l, key);
            }
        }
        out.push(l);
    }
    out
}

/// A readable side-by-side account of where two traces part.
fn describe_diff(wine: &[String], ours: &[String]) -> String {
    let first = wine
        .iter()
        .zip(ours)
        .position(|(a, b)| a != b)
        .unwrap_or(wine.len().min(ours.len()));
    let mut s = format!("first difference at line {} (wine | ours):\n", first + 1);
    let from = first.saturating_sub(3);
    for i in from..(first + 8).max(wine.len().max(ours.len()).min(first + 8)) {
        let a = wine.get(i).map_or("", String::as_str);
        let b = ours.get(i).map_or("", String::as_str);
        if a.is_empty() && b.is_empty() {
            break;
        }
        s += &format!("{} {:<70} | {}\n", if a == b { ' ' } else { '!' }, a, b);
    }
    s
}

fn run(exe_cmd: Command, timeout: Duration) -> String {
    let (out, in_time) = run_with_timeout(exe_cmd, timeout);
    let mut s = String::from_utf8_lossy(&out.stdout).into_owned();
    if !in_time {
        s += "\n# TIMED OUT\n";
    }
    s
}

fn wine_cmd(exe: &Path, port: &str, prefix: &Path) -> Command {
    let mut c = Command::new("wine");
    c.arg(exe)
        .arg(port)
        .env("WINEDEBUG", "-all")
        .env("WINEPREFIX", prefix)
        .env("WINEDLLOVERRIDES", "mscoree,mshtml=");
    c
}

#[test]
fn traces_match_wine() {
    if !have("wine") || !have("x86_64-w64-mingw32-gcc") {
        eprintln!(
            "note: wine or x86_64-w64-mingw32-gcc not installed; skipping the differential test"
        );
        return;
    }
    let rules = load_rules();
    let dir = scratch("wine-diff");
    let prefix = scratch("wine-prefix");
    let server = testserver::Server::start();
    let port = server.port().to_string();

    // Create the Wine prefix once, outside the per-program timeout.
    let (boot, _) = run_with_timeout(
        {
            let mut c = Command::new("wineboot");
            c.arg("-i")
                .env("WINEDEBUG", "-all")
                .env("WINEPREFIX", &prefix)
                .env("WINEDLLOVERRIDES", "mscoree,mshtml=");
            c
        },
        Duration::from_secs(300),
    );
    eprintln!("wineboot: {}", boot.status);

    let mut bad = Vec::new();
    // OPENINET_WINE_DIFF_ONLY=a,b runs only those scenarios (for iterating).
    let only: Option<Vec<String>> = std::env::var("OPENINET_WINE_DIFF_ONLY")
        .ok()
        .map(|v| v.split(',').map(str::to_string).collect());
    for (name, src) in scenarios() {
        if only.as_ref().is_some_and(|o| !o.contains(&name)) {
            continue;
        }
        let exe_w = dir.join(format!("{name}.exe"));
        let exe_n = dir.join(&name);
        if let Err(e) = build_mingw(&src, &exe_w) {
            bad.push(format!("{name}: mingw build: {e}"));
            continue;
        }
        if let Err(e) = build_native(&src, &exe_n) {
            bad.push(format!("{name}: gcc build: {e}"));
            continue;
        }
        let wine_out = run(wine_cmd(&exe_w, &port, &prefix), Duration::from_secs(120));
        let mut native = Command::new(&exe_n);
        native.arg(&port);
        let ours_out = run(native, Duration::from_secs(60));
        std::fs::write(dir.join(format!("{name}.wine.txt")), &wine_out).unwrap();
        std::fs::write(dir.join(format!("{name}.ours.txt")), &ours_out).unwrap();
        let w = normalize(&trace_lines(&wine_out), &rules, &name, true);
        let o = normalize(&trace_lines(&ours_out), &rules, &name, false);
        if w == o {
            eprintln!("SAME {name} ({} lines)", w.len());
        } else {
            eprintln!("DIFF {name}");
            bad.push(format!(
                "--- {name}: traces differ\n{}",
                describe_diff(&w, &o)
            ));
        }
    }
    assert!(
        bad.is_empty(),
        "{} scenario(s) differ from Wine (full outputs in {}):\n{}",
        bad.len(),
        dir.display(),
        bad.join("\n")
    );
}

#[test]
fn glob_and_mask_work() {
    assert!(glob(
        "REQUEST_SENT h=* info=*",
        "REQUEST_SENT h=request ctx=1 info=86 len=4"
    ));
    assert!(!glob(
        "REQUEST_SENT h=connect*",
        "REQUEST_SENT h=request ctx=1"
    ));
    assert!(glob("*", ""));
    assert_eq!(
        mask("A h=x info=86 len=4 thr=main", "info"),
        "A h=x info=* len=4 thr=main"
    );
    assert_eq!(mask("A h=x len=4", "len"), "A h=x len=*");
}

#[test]
fn sections_limit_rules() {
    let rules = vec![Rule {
        scenario: "s".into(),
        section: Some("close*".into()),
        action: Action::DropWine,
        pattern: "X *".into(),
    }];
    let lines: Vec<String> = ["X 1", "== close request", "X 2", "== other", "X 3"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(
        normalize(&lines, &rules, "s", true),
        ["X 1", "== close request", "== other", "X 3"]
    );
    assert_eq!(normalize(&lines, &rules, "s", false), lines);
    assert_eq!(normalize(&lines, &rules, "t", true), lines);
}
