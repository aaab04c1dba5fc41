//! The Wine differential run of tests/c/url/table.txt: url_table.c is built
//! against our include/wininet.h and libwininet.so and its output compared,
//! row by row, with WinINet's. WinINet's output comes from a live run under
//! wine when `wine` and `x86_64-w64-mingw32-gcc` are present, else from the
//! committed tests/c/url/wine_expected.txt (a run under Wine 8). Every row
//! that differs must be listed in tests/c/url/known_differences.txt with its
//! reason; a listed row that now agrees is reported so the list can shrink.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// target/<profile>, from CARGO_TARGET_DIR or the test binary's own path.
fn target_dir() -> PathBuf {
    if let Ok(d) = std::env::var("CARGO_TARGET_DIR") {
        return PathBuf::from(d).join("debug");
    }
    let exe = std::env::current_exe().unwrap();
    exe.parent().unwrap().parent().unwrap().to_path_buf()
}

fn have(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
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
    let lib = target_dir();
    assert!(
        lib.join("libwininet.so").exists(),
        "libwininet.so not in {}",
        lib.display()
    );
    let out_dir = std::env::temp_dir().join(format!("openinet-url-diff-{}", std::process::id()));
    std::fs::create_dir_all(&out_dir).unwrap();
    let native = out_dir.join("url_table");
    let st = Command::new("gcc")
        .args(["-Wall", "-fshort-wchar", "-I"])
        .arg(root.join("crates/openinet-capi/include"))
        .arg(&src)
        .arg("-o")
        .arg(&native)
        .arg("-L")
        .arg(&lib)
        .args(["-lwininet", &format!("-Wl,-rpath,{}", lib.display())])
        .status()
        .unwrap();
    assert!(
        st.success(),
        "url_table.c does not build against our header"
    );
    let ours = Command::new(&native).arg(&table).output().unwrap();
    assert!(ours.status.success());
    let ours = String::from_utf8_lossy(&ours.stdout).into_owned();

    let reference = if have("wine") && have("x86_64-w64-mingw32-gcc") {
        let exe = out_dir.join("url_table.exe");
        let st = Command::new("x86_64-w64-mingw32-gcc")
            .arg(&src)
            .arg("-o")
            .arg(&exe)
            .arg("-lwininet")
            .status()
            .unwrap();
        assert!(st.success());
        let run = Command::new("wine")
            .env("WINEDEBUG", "-all")
            .arg(&exe)
            .arg(&table)
            .output()
            .unwrap();
        eprintln!("url_wine_diff: reference from a live wine run");
        String::from_utf8_lossy(&run.stdout).into_owned()
    } else {
        eprintln!("url_wine_diff: wine absent, reference from tests/c/url/wine_expected.txt");
        std::fs::read_to_string(root.join("tests/c/url/wine_expected.txt")).unwrap()
    };
    let known: BTreeSet<u32> =
        std::fs::read_to_string(root.join("tests/c/url/known_differences.txt"))
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split('\t').next()?.parse().ok())
            .collect();

    let (w, o) = (rows(&reference), rows(&ours));
    assert!(w.len() > 1000, "reference has only {} rows", w.len());
    let mut unexpected = Vec::new();
    let mut fixed = Vec::new();
    let mut agree = 0;
    for (n, want) in &w {
        let same = o.get(n) == Some(want);
        agree += usize::from(same);
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
        "url_wine_diff: {} rows, {agree} agree, {} listed differences",
        w.len(),
        known.len()
    );
    if !fixed.is_empty() {
        eprintln!("url_wine_diff: rows now agreeing, remove from known_differences.txt: {fixed:?}");
    }
    assert!(
        unexpected.is_empty(),
        "{} unlisted differences:\n{}",
        unexpected.len(),
        unexpected.join("\n")
    );
}
