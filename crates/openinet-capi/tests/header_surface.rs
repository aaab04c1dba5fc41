//! The whole WinINet surface of `include/wininet.h` and `include/windows.h`:
//!
//! - every name mingw-w64's `wininet.h` declares (macros, types, struct
//!   tags, enumerators, functions) is declared by ours: a generated C
//!   program uses each one, redeclares each function with mingw's
//!   prototype (a mismatch is a "conflicting types" error) and asserts each
//!   integer macro's value against mingw's expression;
//! - every type mingw declares has the size and alignment, and every member
//!   of its structures the offset, it has on 64-bit Windows (the same program
//!   built with mingw against mingw's headers and run by Wine, against ours
//!   built with gcc);
//! - every function our headers declare is exported by `libwininet.so`,
//!   and nothing else is;
//! - a Windows-style program (`<windows.h>` then `<wininet.h>`) builds with
//!   only our include directory, as C99, C11 and C++17, ANSI and UNICODE,
//!   and runs (FormatMessage, GetModuleHandle, LocalFree, the base types).
//!
//! mingw's header comes from the `mingw-w64-common` package, mingw's gcc
//! and Wine from theirs (`tests/setup.sh` installs them); without them those
//! tests say so and pass.

mod c_support;

use c_support::{have, lib_dir, run_with_timeout, scratch};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const MINGW_WININET: &str = "/usr/share/mingw-w64/include/wininet.h";

fn include_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("include")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

/// The text without comments (string literals kept as they are), with
/// continuation lines joined.
fn clean(text: &str) -> String {
    let joined = text.replace("\\\n", " ");
    let mut out = String::with_capacity(joined.len());
    let mut chars = joined.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' | '\'' => {
                out.push(c);
                while let Some(d) = chars.next() {
                    out.push(d);
                    if d == '\\' {
                        out.extend(chars.next());
                    } else if d == c || d == '\n' {
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut prev = ' ';
                for d in chars.by_ref() {
                    if prev == '*' && d == '/' {
                        break;
                    }
                    if d == '\n' {
                        out.push('\n');
                    }
                    prev = d;
                }
                out.push(' ');
            }
            '/' if chars.peek() == Some(&'/') => {
                for d in chars.by_ref() {
                    if d == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The identifier that ends just before byte `end` of `s`.
fn ident_before(s: &str, end: usize) -> &str {
    let head = s[..end].trim_end();
    let start = head.rfind(|c: char| !is_ident(c)).map_or(0, |i| i + 1);
    &head[start..]
}

/// What a header declares, by kind.
#[derive(Default, Debug)]
struct Names {
    /// Object-like macros and their value text.
    macros: BTreeMap<String, String>,
    function_macros: BTreeSet<String>,
    typedefs: BTreeSet<String>,
    struct_tags: BTreeSet<String>,
    enumerators: BTreeSet<String>,
    /// Function names and their whole prototype statement (first one seen).
    functions: BTreeMap<String, String>,
    /// The member names of each `typedef struct`, by its first (non-pointer) name.
    members: BTreeMap<String, Vec<String>>,
}

/// Splits a header into preprocessor lines and C statements (`;`-ended at
/// brace depth 0), and sorts every declared name by kind. Statements inside
/// `#else` branches are marked so that alternative prototypes can be told
/// apart from the main ones.
fn parse(text: &str) -> Names {
    let text = clean(text);
    let mut names = Names::default();
    let mut statement = String::new();
    let mut depth = 0i32;
    // Per open #if: whether we are in its #else part.
    let mut branches: Vec<bool> = Vec::new();
    let mut statements: Vec<(String, bool)> = Vec::new();
    // Inside `#if ... __cplusplus`: the `extern "C" {` and `}` lines, not C.
    let mut cplusplus_depth: Option<usize> = None;
    for line in text.lines() {
        let t = line.trim();
        if let Some(directive) = t.strip_prefix('#') {
            let directive = directive.trim_start();
            if directive.starts_with("if") {
                branches.push(false);
                if directive.contains("__cplusplus") && cplusplus_depth.is_none() {
                    cplusplus_depth = Some(branches.len());
                }
            } else if directive.starts_with("else") || directive.starts_with("elif") {
                if let Some(b) = branches.last_mut() {
                    *b = true;
                }
            } else if directive.starts_with("endif") {
                if cplusplus_depth == Some(branches.len()) {
                    cplusplus_depth = None;
                }
                branches.pop();
            } else if let Some(rest) = directive.strip_prefix("define") {
                let rest = rest.trim_start();
                let end = rest.find(|c: char| !is_ident(c)).unwrap_or(rest.len());
                let (name, value) = rest.split_at(end);
                if value.starts_with('(') {
                    names.function_macros.insert(name.to_string());
                } else {
                    names
                        .macros
                        .entry(name.to_string())
                        .or_insert_with(|| value.trim().to_string());
                }
            }
            continue;
        }
        if cplusplus_depth.is_some() && (t.starts_with("extern \"C\"") || t == "}") {
            continue;
        }
        for c in line.chars() {
            statement.push(c);
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    // The end of a function definition (an inline helper) ends its statement.
                    let st = statement.trim_start();
                    let is_type = ["typedef", "struct", "enum", "union"]
                        .iter()
                        .any(|k| st.starts_with(k));
                    if depth == 0 && !is_type && st.find(')') < st.find('{') {
                        let in_else = branches.iter().any(|&b| b);
                        statements.push((std::mem::take(&mut statement), in_else));
                    }
                }
                ';' if depth == 0 => {
                    let in_else = branches.iter().any(|&b| b);
                    statements.push((std::mem::take(&mut statement), in_else));
                }
                _ => {}
            }
        }
        statement.push('\n');
        // mingw's generic typedefs are macro calls without a semicolon.
        if depth == 0 {
            let t = statement.trim();
            if let Some(inner) = t
                .strip_prefix("__MINGW_TYPEDEF_AW(")
                .and_then(|r| r.strip_suffix(')'))
            {
                names.typedefs.insert(inner.trim().to_string());
                statement.clear();
            }
        }
    }
    for (s, in_else) in statements {
        classify(s.trim(), in_else, &mut names);
    }
    names
}

/// The members of a struct body, in order: each declaration's name (an
/// array's without its size, a function pointer's from its group); a named
/// nested union or struct gives its own name, an anonymous one its members.
fn member_names(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0;
    let mut decl = String::new();
    for c in body.chars() {
        decl.push(c);
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ';' if depth == 0 => {
                let d = std::mem::take(&mut decl);
                let d = d.trim().trim_end_matches(';');
                if let (Some(open), Some(close)) = (d.find('{'), d.rfind('}')) {
                    let name = d[close + 1..].trim();
                    if name.is_empty() {
                        out.extend(member_names(&d[open + 1..close]));
                    } else {
                        out.push(name.to_string());
                    }
                } else if let Some(open) = d.find("(") {
                    let group = &d[open + 1..d[open..].find(')').map_or(d.len(), |l| open + l)];
                    out.push(ident_before(group, group.len()).to_string());
                } else {
                    let d = d.split('[').next().unwrap();
                    out.push(ident_before(d, d.len()).to_string());
                }
            }
            _ => {}
        }
    }
    out
}

fn classify(s: &str, in_else: bool, names: &mut Names) {
    // Struct tags, wherever a struct is defined or declared.
    let mut rest = s;
    while let Some(i) = rest.find("struct ") {
        let after = rest[i + 7..].trim_start();
        let end = after.find(|c: char| !is_ident(c)).unwrap_or(after.len());
        let tag = &after[..end];
        let next = after[end..].trim_start();
        if !tag.is_empty() && (next.starts_with('{') || next.starts_with(';')) {
            names.struct_tags.insert(tag.to_string());
        }
        rest = &after[end..];
    }
    if let Some(body) = s.strip_prefix("typedef") {
        // Enumerators.
        if body.trim_start().starts_with("enum") {
            if let (Some(open), Some(close)) = (body.find('{'), body.rfind('}')) {
                for item in body[open + 1..close].split(',') {
                    let name = item.split('=').next().unwrap().trim();
                    if !name.is_empty() {
                        names.enumerators.insert(name.to_string());
                    }
                }
            }
        }
        // The declarators: after the closing brace, or the whole statement.
        let tail = body.rfind('}').map_or(body, |i| &body[i + 1..]);
        let tail = tail.trim_end_matches(';');
        if body.trim_start().starts_with("struct") {
            if let (Some(open), Some(close)) = (body.find('{'), body.rfind('}')) {
                let first = tail.split(',').next().map(|d| ident_before(d, d.len()));
                if let Some(first) = first.filter(|f| !f.is_empty()) {
                    names
                        .members
                        .insert(first.to_string(), member_names(&body[open + 1..close]));
                }
            }
        }
        // A function pointer type, `ret (CALLBACK *NAME)(args)`: the name ends the first group.
        let group = tail
            .find('(')
            .and_then(|open| {
                tail[open..]
                    .find(')')
                    .map(|len| &tail[open + 1..open + len])
            })
            .filter(|g| g.contains('*'));
        if let Some(group) = group {
            names
                .typedefs
                .insert(ident_before(group, group.len()).to_string());
        } else {
            for decl in tail.split(',') {
                let name = ident_before(decl, decl.len());
                if !name.is_empty() {
                    names.typedefs.insert(name.to_string());
                }
            }
        }
        return;
    }
    if s.starts_with("struct ") || !s.contains('(') {
        return;
    }
    // A function prototype: the name is the identifier before the first `(`
    // that does not belong to a declaration helper macro.
    let mut from = 0;
    while let Some(i) = s[from..].find('(').map(|i| i + from) {
        let name = ident_before(s, i);
        if matches!(name, "INTERNETAPI_" | "URLCACHEAPI_") {
            from = s[i..].find(')').map_or(s.len(), |j| i + j + 1);
            continue;
        }
        // mingw's alternative (#else) CommitUrlCacheEntry has no return type: not a prototype.
        let has_return_type = !s[..i].trim_end().trim_end_matches(name).trim().is_empty();
        if !name.is_empty() && has_return_type {
            let entry = names.functions.entry(name.to_string());
            if !in_else {
                entry.or_insert_with(|| s.to_string());
            } else {
                entry.or_default();
            }
        }
        break;
    }
}

/// Whether mingw's value text for a macro is an integer expression over
/// numbers and other wininet macros, which C can compare with ours.
fn comparable_value(value: &str, macros: &BTreeMap<String, String>) -> bool {
    if value.is_empty() || value.contains('"') && !value.contains("sizeof(\"") {
        return false;
    }
    let mut word = String::new();
    for c in value.chars().chain(std::iter::once(' ')) {
        if is_ident(c) {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            let ok = word.starts_with(|c: char| c.is_ascii_digit())
                || matches!(word.as_str(), "DWORD" | "sizeof")
                || macros
                    .get(&word)
                    .is_some_and(|v| comparable_value(v, macros));
            if !ok {
                return false;
            }
            word.clear();
        }
        if c == '"' {
            continue;
        }
    }
    true
}

/// mingw's prototype in our types: its declaration helpers and mingw-only
/// spellings replaced by what Microsoft's header says.
fn prototype_in_our_terms(proto: &str) -> String {
    proto
        .replace("BOOLAPI", "BOOL")
        .replace("INTERNETAPI_(", "OPENINET_RET(")
        .replace("URLCACHEAPI_(", "OPENINET_RET(")
        .replace("WINBOOL", "BOOL")
        .replace("CONST ", "const ")
        .replace("unsigned __LONG32", "ULONG")
        .replace("EXTERN_C", "")
}

/// The C program that uses every mingw name through our header.
fn mingw_check_program(mingw: &Names, unicode: bool) -> String {
    let mut s = String::from(
        "#include <wininet.h>\n#define OPENINET_RET(type) type\n\n/* mingw's prototypes: a difference from ours is a conflicting-types error. */\n",
    );
    if !unicode {
        for proto in mingw.functions.values().filter(|p| !p.is_empty()) {
            s.push_str(&prototype_in_our_terms(proto));
            s.push('\n');
        }
    }
    s.push_str("\n/* mingw's values. */\n");
    for (name, value) in &mingw.macros {
        if comparable_value(value, &mingw.macros) {
            s.push_str(&format!(
                "_Static_assert((unsigned long long)({name}) == (unsigned long long)({value}), \"{name}\");\n"
            ));
        }
    }
    for (name, value) in &mingw.macros {
        // Function names (A/W pickers) are checked as functions below.
        let function_style = name.chars().any(|c| c.is_ascii_lowercase())
            && !value.is_empty()
            && !name.starts_with('_');
        if !function_style {
            s.push_str(&format!(
                "#ifndef {name}\n#error \"{name} is not defined\"\n#endif\n"
            ));
        }
    }
    for name in &mingw.function_macros {
        s.push_str(&format!(
            "#ifndef {name}\n#error \"{name}() is not defined\"\n#endif\n"
        ));
    }
    s.push_str("\nint main(void)\n{\n");
    for name in &mingw.typedefs {
        s.push_str(&format!("    (void)sizeof({name} *);\n"));
    }
    for tag in &mingw.struct_tags {
        s.push_str(&format!("    (void)sizeof(struct {tag});\n"));
    }
    for e in &mingw.enumerators {
        s.push_str(&format!("    (void)({e});\n"));
    }
    let function_macros = mingw.macros.iter().filter(|(n, v)| {
        n.chars().any(|c| c.is_ascii_lowercase()) && !v.is_empty() && !n.starts_with('_')
    });
    for name in mingw
        .functions
        .keys()
        .chain(function_macros.map(|(n, _)| n))
    {
        s.push_str(&format!("    (void)&{name};\n"));
    }
    s.push_str("    return 0;\n}\n");
    s
}

/// Compiles `src` with `args`, `-I include`, and the strict warnings;
/// panics with the compiler's messages on failure.
fn compile(compiler: &str, args: &[&str], src: &Path, out: &Path, link: bool) {
    let mut cmd = Command::new(compiler);
    cmd.args(args)
        .args(["-Wall", "-Wextra", "-Werror", "-pedantic", "-I"])
        .arg(include_dir())
        .arg(src);
    if link {
        cmd.arg("-x")
            .arg("none")
            .arg("-L")
            .arg(lib_dir())
            .arg("-lwininet")
            .arg("-ldl");
    } else {
        cmd.arg("-c");
    }
    let output = cmd.arg("-o").arg(out).output().expect("run the compiler");
    assert!(
        output.status.success(),
        "{compiler} {args:?} {} failed:\n{}",
        src.display(),
        String::from_utf8_lossy(&output.stderr)
            .lines()
            .take(40)
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn every_mingw_wininet_name_is_declared_with_its_value_and_prototype() {
    if !Path::new(MINGW_WININET).exists() {
        println!("note: {MINGW_WININET} is absent (package mingw-w64-common, installed by tests/setup.sh); skipping the comparison with mingw's header");
        return;
    }
    if !have("gcc") {
        println!("note: gcc not found; skipping the comparison with mingw's header");
        return;
    }
    let mingw = parse(&read(Path::new(MINGW_WININET)));
    // The parser must see the whole header, or the test would prove little.
    assert!(mingw.macros.len() > 800, "{} macros", mingw.macros.len());
    assert!(
        mingw.functions.len() > 150,
        "{} functions",
        mingw.functions.len()
    );
    assert!(
        mingw.typedefs.len() > 100,
        "{} typedefs",
        mingw.typedefs.len()
    );
    assert!(mingw.enumerators.contains("COOKIE_STATE_REJECT"));
    assert!(mingw.functions.contains_key("GopherGetAttributeW"));
    assert!(mingw.typedefs.contains("pfnInternetGetProxyInfo"));
    assert!(mingw.typedefs.contains("LPGOPHER_FIND_DATA"));
    assert!(mingw.struct_tags.contains("AutoProxyHelperVtbl"));
    println!(
        "mingw-w64's wininet.h: {} object-like macros, {} function-like macros, {} typedefs, {} struct tags, {} enumerators, {} functions",
        mingw.macros.len(),
        mingw.function_macros.len(),
        mingw.typedefs.len(),
        mingw.struct_tags.len(),
        mingw.enumerators.len(),
        mingw.functions.len()
    );

    let dir = scratch("header_surface");
    for (label, unicode, extra) in [
        ("alone", false, &[][..]),
        ("unicode", true, &["-DUNICODE"][..]),
        ("after_windows_h", false, &["-include", "windows.h"][..]),
    ] {
        let src = dir.join(format!("mingw_names_{label}.c"));
        std::fs::write(&src, mingw_check_program(&mingw, unicode)).unwrap();
        let mut args = vec!["-std=c11"];
        args.extend_from_slice(extra);
        compile(
            "gcc",
            &args,
            &src,
            &dir.join(format!("mingw_names_{label}.o")),
            false,
        );
    }
}

/// Function names our headers declare as library exports.
fn declared_exports() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let wininet = parse(&read(&include_dir().join("wininet.h")));
    for (name, proto) in &wininet.functions {
        // The application defines this one (INTERNET_AUTH_NOTIFY_DATA's callback).
        if name == "InternetAuthNotifyCallback" {
            assert!(!proto.contains("OPENINET_API"));
            continue;
        }
        out.insert(name.clone());
    }
    let windows = read(&include_dir().join("windows.h"));
    let windows = parse(&windows);
    for (name, proto) in &windows.functions {
        // static inline helpers live in the header itself.
        if !proto.starts_with("static") {
            out.insert(name.clone());
        }
    }
    out
}

#[test]
fn every_declared_function_is_exported_and_nothing_else() {
    if !have("nm") {
        println!("note: nm not found; skipping the export check");
        return;
    }
    let lib = lib_dir().join("libwininet.so");
    let output = Command::new("nm")
        .args(["-D", "--defined-only"])
        .arg(&lib)
        .output()
        .expect("run nm");
    assert!(output.status.success(), "nm {}", lib.display());
    let exported: BTreeSet<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|l| {
            let mut f = l.split_whitespace();
            let (_addr, kind, name) = (f.next()?, f.next()?, f.next()?);
            (kind == "T").then(|| name.to_string())
        })
        .collect();
    let declared = declared_exports();
    assert!(
        declared.len() > 170,
        "{} declared functions",
        declared.len()
    );
    for name in [
        "InternetGetSecurityInfoByURLA",
        "InternetGetCookieExW",
        "FormatMessageA",
        "GetLastError",
        "GopherOpenFileW",
    ] {
        assert!(declared.contains(name), "{name} is not declared");
    }
    let missing: Vec<_> = declared.difference(&exported).collect();
    assert!(missing.is_empty(), "declared but not exported: {missing:?}");
    let undeclared: Vec<_> = exported.difference(&declared).collect();
    assert!(
        undeclared.is_empty(),
        "exported but not declared in include/: {undeclared:?}"
    );
    // Every export is implemented, a stub, or a removed feature: the lists name real exports.
    for name in wininet::UNIMPLEMENTED.iter().chain(wininet::REMOVED) {
        assert!(
            exported.contains(*name),
            "{name} is listed but not exported"
        );
    }
}

#[test]
fn windows_program_builds_with_our_headers_alone_and_runs() {
    if !have("gcc") || !have("g++") {
        println!("note: gcc/g++ not found; skipping the windows.h program");
        return;
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/c/header/with_windows_h.c");
    let dir = scratch("header_surface");
    for (label, compiler, args) in [
        ("c99", "gcc", &["-std=c99"][..]),
        ("c11", "gcc", &["-std=c11"][..]),
        (
            "c99_unicode",
            "gcc",
            &["-std=c99", "-DUNICODE", "-fshort-wchar"][..],
        ),
        ("c11_unicode", "gcc", &["-std=c11", "-DUNICODE"][..]),
        ("cpp17", "g++", &["-std=c++17", "-x", "c++"][..]),
        (
            "cpp17_unicode",
            "g++",
            &["-std=c++17", "-x", "c++", "-DUNICODE"][..],
        ),
    ] {
        let exe = dir.join(format!("with_windows_h_{label}"));
        let private = c_support::private_path(&exe);
        compile(compiler, args, &src, &private, true);
        c_support::publish(&private, &exe).unwrap();
        let mut cmd = Command::new(&exe);
        cmd.env("LD_LIBRARY_PATH", lib_dir());
        let (out, in_time) = run_with_timeout(cmd, Duration::from_secs(30));
        assert!(in_time, "{label}: timed out");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && stdout.trim() == "ok",
            "{label}: {stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn parser_reads_prototypes_typedefs_and_branches() {
    let names = parse(
        "#define A 1\n#define F(x) x\n#if defined(UNICODE)\n#define G GW\n#else\n  BOOLAPI G(int a);\n#endif\n\
         INTERNETAPI_(HANDLE) H(DWORD d);\n typedef struct _T { int x; } T, *LPT;\n\
         typedef BOOL (CALLBACK *PFN)(int);\n typedef enum { E1 = 1, E2 } EN;\n__MINGW_TYPEDEF_AW(X)\n",
    );
    assert_eq!(names.macros.get("A").map(String::as_str), Some("1"));
    assert!(names.function_macros.contains("F"));
    assert_eq!(
        names.functions.get("G").map(String::as_str),
        Some(""),
        "an #else prototype is not the main one"
    );
    assert!(names
        .functions
        .get("H")
        .is_some_and(|p| p.contains("HANDLE")));
    for t in ["T", "LPT", "PFN", "EN", "X"] {
        assert!(names.typedefs.contains(t), "{t}");
    }
    assert!(names.struct_tags.contains("_T"));
    assert_eq!(
        member_names(
            "DWORD a; CHAR b[MAX_PATH + 1]; BOOL (WINAPI *f)(LPSTR x); union { DWORD c; LPSTR d; } Value; \
             __C89_NAMELESS union { DWORD e; DWORD g; };"
        ),
        ["a", "b", "f", "Value", "e", "g"]
    );
    assert_eq!(
        names.members.get("T").map(Vec::as_slice),
        Some(&["x".to_string()][..])
    );
    assert!(names.enumerators.contains("E1") && names.enumerators.contains("E2"));
    let macros: BTreeMap<String, String> = [
        ("B".to_string(), "(A + 2)".to_string()),
        ("A".to_string(), "1".to_string()),
    ]
    .into();
    assert!(comparable_value("(B | 0x4)", &macros));
    assert!(!comparable_value("TEXT(\"x\")", &macros));
    assert!(comparable_value("(A + sizeof(\"://\"))", &macros));
}

/// One line per mingw typedef (its name, size and alignment), then one per
/// member of each struct (its offset).
fn sizes_program(mingw: &Names) -> String {
    let mut s = String::from(
        "#include <windows.h>\n#include <wininet.h>\n#include <stddef.h>\n#include <stdio.h>\nint main(void)\n{\n",
    );
    for t in &mingw.typedefs {
        s.push_str(&format!(
            "    printf(\"{t} %u %u\\n\", (unsigned)sizeof({t}), (unsigned)_Alignof({t}));\n"
        ));
    }
    for (t, members) in &mingw.members {
        for m in members {
            s.push_str(&format!(
                "    printf(\"{t}.{m} %u\\n\", (unsigned)offsetof({t}, {m}));\n"
            ));
        }
    }
    s.push_str("    return 0;\n}\n");
    s
}

#[test]
fn every_mingw_type_has_the_windows_x64_size_and_alignment() {
    if !Path::new(MINGW_WININET).exists()
        || !have("gcc")
        || !have("wine")
        || !have("x86_64-w64-mingw32-gcc")
    {
        println!("note: needs {MINGW_WININET}, gcc, wine and x86_64-w64-mingw32-gcc; skipping the size comparison");
        return;
    }
    let mingw = parse(&read(Path::new(MINGW_WININET)));
    let dir = scratch("header_surface");
    let src = dir.join("sizes.c");
    std::fs::write(&src, sizes_program(&mingw)).unwrap();

    // Windows' sizes: the same program against mingw's headers, run by Wine.
    let exe_w = dir.join("sizes.exe");
    let built = Command::new("x86_64-w64-mingw32-gcc")
        .args(["-std=c11", "-o"])
        .arg(&exe_w)
        .arg(&src)
        .output()
        .expect("run mingw gcc");
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let prefix = scratch("wine-prefix");
    let mut wine = Command::new("wine");
    wine.arg(&exe_w)
        .env("WINEDEBUG", "-all")
        .env("WINEPREFIX", &prefix)
        .env("WINEDLLOVERRIDES", "mscoree,mshtml=");
    let (out_w, in_time) = run_with_timeout(wine, Duration::from_secs(300));
    assert!(in_time && out_w.status.success(), "wine sizes.exe failed");
    let windows = String::from_utf8_lossy(&out_w.stdout).replace('\r', "");

    // Ours: with our headers alone, and after our windows.h.
    let src_ours = dir.join("sizes_ours.c");
    std::fs::write(
        &src_ours,
        sizes_program(&mingw).replace("#include <windows.h>\n", ""),
    )
    .unwrap();
    for extra in [&[][..], &["-include", "windows.h"][..]] {
        let exe = dir.join("sizes");
        let mut args = vec!["-std=c11"];
        args.extend_from_slice(extra);
        compile("gcc", &args, &src_ours, &exe, true);
        let out = Command::new(&exe).output().expect("run sizes");
        let ours = String::from_utf8_lossy(&out.stdout).into_owned();
        let diffs: Vec<String> = windows
            .lines()
            .zip(ours.lines())
            .filter(|(w, o)| w != o)
            .map(|(w, o)| format!("Windows: {w}  ours: {o}"))
            .collect();
        let lines = mingw.typedefs.len() + mingw.members.values().map(Vec::len).sum::<usize>();
        assert_eq!(windows.lines().count(), lines);
        assert_eq!(ours.lines().count(), lines);
        assert!(
            diffs.is_empty(),
            "{extra:?}: size/alignment differences:\n{}",
            diffs.join("\n")
        );
    }
}
