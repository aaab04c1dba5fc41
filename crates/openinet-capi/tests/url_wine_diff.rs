//! The Wine differential run of tests/c/url/table.txt: url_table.c is built
//! against our include/wininet.h and libwininet.so and its output compared,
//! row by row, with WinINet's. WinINet's output comes from a live run under
//! wine when `wine` and `x86_64-w64-mingw32-gcc` are present, else from the
//! committed tests/c/url/wine_expected.txt (a run under Wine 8). Every row
//! that differs must be listed in tests/c/url/known_differences.txt with its
//! reason; a listed row that now agrees fails the test too, so the list
//! only shrinks.

mod c_support;
mod url_support;

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;
use url_support::{build_native, have, have_wine, repo, run_under_wine, scratch};

/// The one difference kept on purpose in every row where it occurs: after
/// `InternetCombineUrl` into a buffer too small, Wine leaves the last error
/// untouched (its probe error reads 0xdeadbeef), while the documentation
/// lists ERROR_INSUFFICIENT_BUFFER (122), which we set. A row differing only
/// in that is counted apart, so any other difference in it still shows.
fn same_but_combine_probe_error(wine: &str, ours: &str) -> bool {
    ours.contains("probe=0/122/") && ours.replace("probe=0/122/", "probe=0/3735928559/") == wine
}

fn rows(text: &str) -> BTreeMap<u32, BTreeMap<String, String>> {
    let mut out: BTreeMap<u32, BTreeMap<String, String>> = BTreeMap::new();
    for line in text.lines() {
        let Some((head, rest)) = line.split_once(' ') else {
            continue;
        };
        let Some((n, tag)) = head.split_once('.') else {
            continue;
        };
        let Ok(n) = n.parse() else { continue };
        out.entry(n)
            .or_default()
            .insert(tag.to_string(), rest.to_string());
    }
    out
}

#[test]
fn url_table_matches_wininet() {
    if !have("gcc") {
        eprintln!("url_wine_diff: skipped, no gcc");
        return;
    }
    let root = repo();
    let table = root.join("tests/c/url/table.txt");
    let src = root.join("tests/c/url/url_table.c");
    let out_dir = scratch("url-diff");
    let native = out_dir.join("url_table");
    build_native(&src, &native);
    let run_ours = || {
        let out = Command::new(&native).arg(&table).output().unwrap();
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let ours = run_ours();

    let reference = if have_wine() {
        let run = run_under_wine(&src, &out_dir.join("url_table.exe"), &[&table]);
        eprintln!("url_wine_diff: reference from a live wine run");
        String::from_utf8_lossy(&run.stdout).into_owned()
    } else {
        eprintln!("url_wine_diff: wine absent, reference from tests/c/url/wine_expected.txt");
        std::fs::read_to_string(root.join("tests/c/url/wine_expected.txt")).unwrap()
    };
    // The time rows mark fields equal to the current time, so a minute
    // (or day) that turns between two runs changes them: our program runs
    // again after the reference, and a row agrees if either of our runs,
    // which bracket the reference's in time, gives the reference's lines.
    let ours_after = run_ours();
    let listed = std::fs::read_to_string(root.join("tests/c/url/known_differences.txt")).unwrap();
    let listed: Vec<&str> = listed.lines().filter(|l| !l.starts_with('#')).collect();
    let known: BTreeSet<u32> = listed
        .iter()
        .filter_map(|l| l.split('\t').next()?.parse().ok())
        .collect();
    // Each listed row says whether the difference is kept on purpose
    // ("deliberate: <why>") or still undecided ("open: <what>").
    fn reason(line: &str) -> &str {
        line.split('\t').nth(2).unwrap_or("")
    }
    let open = listed
        .iter()
        .filter(|l| reason(l).starts_with("open:"))
        .count();
    let unexplained: Vec<&&str> = listed
        .iter()
        .filter(|l| !reason(l).starts_with("open:") && !reason(l).starts_with("deliberate:"))
        .collect();
    assert!(
        unexplained.is_empty(),
        "known_differences.txt rows without 'deliberate:' or 'open:': {unexplained:?}"
    );

    let (w, o, o_after) = (rows(&reference), rows(&ours), rows(&ours_after));
    assert!(w.len() > 1000, "reference has only {} rows", w.len());
    let mut unexpected = Vec::new();
    let mut fixed = Vec::new();
    let mut agree = 0;
    let mut probe_only = 0;
    for (n, want) in &w {
        let mut same = o.get(n) == Some(want) || o_after.get(n) == Some(want);
        agree += usize::from(same);
        if !same {
            let got = o.get(n);
            let only_probe = [got, o_after.get(n)].into_iter().flatten().any(|got| {
                got.len() == want.len()
                    && want.iter().all(|(tag, line)| {
                        got.get(tag)
                            .is_some_and(|g| g == line || same_but_combine_probe_error(line, g))
                    })
            });
            probe_only += usize::from(only_probe);
            same = only_probe;
        }
        if !same && !known.contains(n) {
            unexpected.push(format!(
                "row {n}:\n  wininet: {want:?}\n  ours:    {:?}",
                o.get(n)
            ));
        }
        if same && known.contains(n) {
            fixed.push(*n);
        }
    }
    eprintln!(
        "url_wine_diff: {} rows, {agree} agree, {probe_only} differ only in the combine \
         small-buffer last error (deliberate), {} listed differences ({open} open)",
        w.len(),
        known.len()
    );
    assert!(
        fixed.is_empty(),
        "rows now agreeing, remove them from known_differences.txt: {fixed:?}"
    );
    assert!(
        unexpected.is_empty(),
        "{} unlisted differences:\n{}",
        unexpected.len(),
        unexpected.join("\n")
    );
}
