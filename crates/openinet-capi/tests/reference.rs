//! The C API reference, `docs/capi-reference.md`, is generated from one
//! source, `docs/capi/functions.txt` (what each function does, sync and
//! async behaviour, buffer and length rules, errors), with each function's
//! prototypes taken from the installed headers and its state in this build
//! (implemented, `ERROR_CALL_NOT_IMPLEMENTED`, `ERROR_NOT_SUPPORTED`) from
//! the library's own lists.
//!
//! This test checks that every function the headers declare has an entry
//! (A and W share one), that every entry names declared functions, and that
//! the committed reference is what the source makes. After changing the
//! source, the headers or the lists, regenerate it:
//!
//! ```sh
//! OPENINET_BLESS=1 cargo test -p openinet-capi --test reference
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

/// Declared functions: name -> prototype (one line, without OPENINET_API).
fn declarations() -> BTreeMap<String, String> {
    let include = Path::new(env!("CARGO_MANIFEST_DIR")).join("include");
    let mut out = BTreeMap::new();
    for (file, wininet) in [("wininet.h", true), ("windows.h", false)] {
        let text = read(&include.join(file));
        let mut pending = String::new();
        for line in text.lines() {
            let t = line.trim();
            let starts = if wininet {
                t.starts_with("OPENINET_API ")
            } else {
                t.contains(" WINAPI ")
                    && t.contains('(')
                    && !t.starts_with("typedef")
                    && !t.starts_with("static")
                    && !t.starts_with('#')
            };
            if pending.is_empty() && !starts {
                continue;
            }
            if !pending.is_empty() {
                pending.push(' ');
            }
            pending.push_str(t);
            if !t.ends_with(';') {
                continue;
            }
            let decl = std::mem::take(&mut pending);
            let decl = decl
                .trim_start_matches("OPENINET_API ")
                .replace(" WINAPI ", " ");
            let head = decl[..decl.find('(').unwrap()].trim_end();
            let name = head
                .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .next()
                .unwrap()
                .to_string();
            out.entry(name).or_insert(decl);
        }
    }
    out
}

/// The name an entry uses for `name`: without its A/W ending when the
/// other form is declared too.
fn base<'a>(name: &'a str, declared: &BTreeMap<String, String>) -> &'a str {
    for (end, other) in [('A', 'W'), ('W', 'A')] {
        if let Some(stem) = name.strip_suffix(end) {
            if declared.contains_key(&format!("{stem}{other}")) {
                return stem;
            }
        }
    }
    name
}

#[derive(Debug, Default)]
struct Entry {
    names: Vec<String>,
    fields: Vec<(String, String)>,
}

#[derive(Debug, Default)]
struct Family {
    title: String,
    entries: Vec<Entry>,
}

fn parse_source(text: &str) -> Vec<Family> {
    let mut families: Vec<Family> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let where_ = || format!("docs/capi/functions.txt:{}", n + 1);
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if let Some(title) = line.strip_prefix("@family ") {
            families.push(Family {
                title: title.trim().to_string(),
                entries: Vec::new(),
            });
            continue;
        }
        let family = families
            .last_mut()
            .unwrap_or_else(|| panic!("{}: an entry before any @family", where_()));
        if let Some(names) = line.strip_prefix('[') {
            let names = names
                .strip_suffix(']')
                .unwrap_or_else(|| panic!("{}: no closing ]", where_()));
            family.entries.push(Entry {
                names: names.split(',').map(|s| s.trim().to_string()).collect(),
                fields: Vec::new(),
            });
            continue;
        }
        let entry = family
            .entries
            .last_mut()
            .unwrap_or_else(|| panic!("{}: a field before any [entry]", where_()));
        if let Some(more) = line.strip_prefix("  ") {
            let last = entry
                .fields
                .last_mut()
                .unwrap_or_else(|| panic!("{}: a continuation before a field", where_()));
            last.1.push(' ');
            last.1.push_str(more.trim());
            continue;
        }
        let (key, value) = line
            .split_once(':')
            .unwrap_or_else(|| panic!("{}: expected 'field: text'", where_()));
        assert!(
            ["does", "async", "buffers", "errors"].contains(&key),
            "{}: unknown field {key}",
            where_()
        );
        entry
            .fields
            .push((key.to_string(), value.trim().to_string()));
    }
    families
}

/// Prose for Markdown (GitHub's and rustdoc's): identifiers, paths and
/// quoted strings in backticks, so `*` and `_` are not emphasis and URLs
/// are not links.
fn prose(text: &str) -> String {
    text.split(' ')
        .map(|word| {
            let core_end = word
                .rfind(|c: char| !matches!(c, ',' | '.' | ';' | ':' | ')'))
                .map_or(0, |i| i + word[i..].chars().next().unwrap().len_utf8());
            let core_start = word.find(|c: char| c != '(').unwrap_or(word.len());
            if core_start >= core_end {
                return word.to_string();
            }
            let core = &word[core_start..core_end];
            let code = core.contains(['_', '*', '$', '"', '<', '>']) || core.contains("://");
            if code {
                format!("{}`{core}`{}", &word[..core_start], &word[core_end..])
            } else {
                word.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn anchor(title: &str) -> String {
    title
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            'a'..='z' | '0'..='9' | '-' | '_' => Some(c),
            ' ' => Some('-'),
            _ => None,
        })
        .collect()
}

fn generate() -> String {
    let declared = declarations();
    let source = read(&root().join("docs/capi/functions.txt"));
    let families = parse_source(&source);
    let unimplemented: BTreeSet<&str> = wininet::UNIMPLEMENTED.iter().copied().collect();
    let removed: BTreeSet<&str> = wininet::REMOVED.iter().copied().collect();

    // Which entry covers each declared function.
    let mut covered: BTreeMap<&str, String> = BTreeMap::new();
    for family in &families {
        for entry in &family.entries {
            for name in &entry.names {
                let mine: Vec<&String> = declared
                    .keys()
                    .filter(|d| {
                        *d == name
                            || base(d, &declared) == name
                            || d.strip_suffix(['A', 'W']) == Some(name.as_str())
                    })
                    .collect();
                assert!(
                    !mine.is_empty(),
                    "docs/capi/functions.txt names {name}, which the headers do not declare"
                );
                for d in mine {
                    if let Some(other) = covered.insert(d, name.clone()) {
                        panic!("{d} is in two entries: {other} and {name}");
                    }
                }
            }
        }
    }
    let missing: Vec<&String> = declared
        .keys()
        .filter(|d| !covered.contains_key(d.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "functions without an entry in docs/capi/functions.txt: {missing:?}"
    );

    let mut out = String::from(
        "# OpenINet C API reference\n\n\
         Generated from `docs/capi/functions.txt` by `crates/openinet-capi/tests/reference.rs` \
         (prototypes from `include/wininet.h` and `include/windows.h`); do not edit.\n\n\
         Include `<windows.h>` then `<wininet.h>` from `PREFIX/include/openinet` and link with \
         `-lwininet` (`pkg-config --cflags --libs wininet`). The `A` functions take UTF-8, the \
         `W` functions UTF-16 (`WCHAR` is 16 bits). Every function that fails returns `FALSE` \
         (or `NULL`, or a documented failure value) and sets the calling thread's last error \
         (`GetLastError`). In a session opened with `INTERNET_FLAG_ASYNC`, an operation that \
         cannot finish at once fails with `ERROR_IO_PENDING` (997) and reports its end to the \
         status callback as `INTERNET_STATUS_REQUEST_COMPLETE`.\n\n",
    );
    out.push_str("Families:\n\n");
    for family in &families {
        let _ = writeln!(out, "- [{}](#{})", family.title, anchor(&family.title));
    }
    out.push('\n');
    for family in &families {
        let _ = writeln!(out, "## {}\n", family.title);
        for entry in &family.entries {
            let _ = writeln!(out, "### {}\n", entry.names.join(", "));
            let functions: Vec<&str> = covered
                .iter()
                .filter(|(_, e)| entry.names.contains(e))
                .map(|(d, _)| *d)
                .collect();
            let state = |f: &str| {
                if unimplemented.contains(f) {
                    "not implemented yet: fails with `ERROR_CALL_NOT_IMPLEMENTED` (120)"
                } else if removed.contains(f) {
                    "removed from Windows: fails with `ERROR_NOT_SUPPORTED` (50)"
                } else {
                    "implemented"
                }
            };
            let states: BTreeSet<&str> = functions.iter().map(|f| state(f)).collect();
            if states.len() == 1 {
                let _ = writeln!(out, "**In OpenINet:** {}.\n", states.first().unwrap());
            } else {
                let _ = writeln!(out, "**In OpenINet:**\n");
                for f in &functions {
                    let _ = writeln!(out, "- `{f}`: {}", state(f));
                }
                out.push('\n');
            }
            out.push_str("```c\n");
            for f in &functions {
                let _ = writeln!(out, "{}", declared[*f]);
            }
            out.push_str("```\n\n");
            for (key, value) in &entry.fields {
                let label = match key.as_str() {
                    "does" => "What it does",
                    "async" => "Sync and async",
                    "buffers" => "Buffers and lengths",
                    _ => "Errors",
                };
                let _ = writeln!(out, "**{label}.** {}\n", prose(value));
            }
        }
    }
    out
}

#[test]
fn reference_covers_every_function_and_is_up_to_date() {
    let generated = generate();
    let path = root().join("docs/capi-reference.md");
    if std::env::var_os("OPENINET_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/capi-reference.md is stale: run OPENINET_BLESS=1 cargo test -p openinet-capi --test reference"
    );
}

#[test]
fn prose_quotes_code_words() {
    assert_eq!(
        prose("FALSE with ERROR_IO_PENDING, then *lpdwIndex (http://x)."),
        "FALSE with `ERROR_IO_PENDING`, then `*lpdwIndex` (`http://x`)."
    );
}
