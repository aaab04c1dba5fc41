//! The install, proven by use: `scripts/install.sh` puts the built library
//! into a temporary prefix, then the programs of `examples/c` are built
//! from that prefix alone (pkg-config and a Makefile; CMake's
//! `find_package(wininet)`, shared and static) and run against the scripted
//! server. Also checked: the file layout, the soname (readelf), the exported
//! symbols (nm: exactly the functions the installed headers declare), a
//! program with its own windows.h, and a DESTDIR staging install.
//!
//! Needs gcc, make, pkg-config, cmake, patchelf, readelf and nm
//! (`tests/setup.sh` installs them), and the library and `inet` built by
//! `cargo build --workspace` (the README's test command). Without them the
//! tests say so and pass, except in CI (`CI=true`), where they fail.

mod c_support;

use c_support::{have, lib_dir, run_with_timeout, scratch, workspace_root};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;
use testserver::Server;

const TOOLS: &[&str] = &[
    "gcc",
    "make",
    "pkg-config",
    "cmake",
    "patchelf",
    "readelf",
    "nm",
];

/// False (after saying why) when a tool or build is missing outside CI.
fn ready() -> bool {
    let mut missing: Vec<String> = TOOLS
        .iter()
        .filter(|t| !have(t))
        .map(|t| t.to_string())
        .collect();
    for built in ["libwininet.so", "libwininet.a", "inet"] {
        if !lib_dir().join(built).exists() {
            missing.push(format!("{} (run cargo build --workspace)", built));
        }
    }
    if missing.is_empty() {
        return true;
    }
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    assert!(!ci, "install test: missing {missing:?} in CI");
    println!("note: skipping the install test: missing {missing:?}");
    false
}

/// Runs `scripts/install.sh --no-build` for this test's build profile.
fn install(prefix: &str, destdir: Option<&Path>) {
    let dir = lib_dir();
    let profile = match dir.file_name().and_then(|n| n.to_str()) {
        Some("debug") => "dev".to_string(),
        Some(other) => other.to_string(),
        None => panic!("no profile directory in {}", dir.display()),
    };
    let mut cmd = Command::new("bash");
    cmd.arg(workspace_root().join("scripts/install.sh"))
        .args(["--no-build", "--profile", &profile, "--prefix", prefix])
        .env("CARGO_TARGET_DIR", dir.parent().expect("target dir"))
        .env_remove("DESTDIR");
    if let Some(d) = destdir {
        cmd.env("DESTDIR", d);
    }
    let out = run(cmd);
    assert!(out.status.success(), "install.sh failed: {}", text(&out));
}

fn run(cmd: Command) -> Output {
    let (out, in_time) = run_with_timeout(cmd, Duration::from_secs(120));
    assert!(in_time, "timed out: {}", text(&out));
    out
}

fn text(out: &Output) -> String {
    format!(
        "status {:?}\nstdout:\n{}\nstderr:\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn fresh(dir: &Path) -> PathBuf {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap();
    dir.to_path_buf()
}

/// The function names the installed headers declare: `OPENINET_API ...
/// Name(` in wininet.h, non-inline `WINAPI Name(` in windows.h.
fn declared_functions(include: &Path) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (file, marker) in [("wininet.h", "OPENINET_API "), ("windows.h", " WINAPI ")] {
        let src = std::fs::read_to_string(include.join(file)).unwrap();
        for line in src.lines() {
            let line = line.trim();
            let declares = if file == "wininet.h" {
                line.starts_with(marker)
            } else {
                line.contains(marker) && !line.starts_with("typedef") && !line.starts_with("static")
            };
            let Some(paren) = line.find('(').filter(|_| declares) else {
                continue;
            };
            let head = line[..paren].trim_end();
            let start = head
                .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .map_or(0, |i| i + 1);
            names.insert(head[start..].to_string());
        }
    }
    names
}

/// Checks what the prefix holds, the soname and the exported symbols.
fn check_layout(prefix: &Path) {
    let lib = prefix.join("lib");
    let version = env!("CARGO_PKG_VERSION");
    let major = env!("CARGO_PKG_VERSION_MAJOR");
    let real = format!("libwininet.so.{version}");
    let soname = format!("libwininet.so.{major}");
    for file in [
        "include/openinet/wininet.h",
        "include/openinet/windows.h",
        "lib/libwininet.a",
        "lib/pkgconfig/wininet.pc",
        "lib/cmake/wininet/wininetConfig.cmake",
        "lib/cmake/wininet/wininetConfigVersion.cmake",
        "bin/inet",
        "share/man/man1/inet.1",
        "share/man/man3/wininet.3",
        "share/bash-completion/completions/inet",
        "share/zsh/site-functions/_inet",
        "share/fish/vendor_completions.d/inet.fish",
        "share/doc/openinet/capi-reference.md",
        "share/doc/openinet/examples/async_download.c",
        "share/doc/openinet/examples/CMakeLists.txt",
    ] {
        assert!(prefix.join(file).is_file(), "{file} is not installed");
    }
    assert!(lib.join(&real).is_file());
    assert_eq!(
        std::fs::read_link(lib.join(&soname)).unwrap(),
        PathBuf::from(&real)
    );
    assert_eq!(
        std::fs::read_link(lib.join("libwininet.so")).unwrap(),
        PathBuf::from(&soname)
    );

    let mut readelf = Command::new("readelf");
    readelf.arg("-d").arg(lib.join(&real));
    let out = run(readelf);
    let dynamic = String::from_utf8_lossy(&out.stdout);
    assert!(
        dynamic.contains(&format!("Library soname: [{soname}]")),
        "soname of {real}:\n{dynamic}"
    );

    let mut nm = Command::new("nm");
    nm.args(["-D", "--defined-only"]).arg(lib.join(&real));
    let out = run(nm);
    assert!(out.status.success(), "{}", text(&out));
    let mut exported = BTreeSet::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [_, kind, name] = fields[..] else {
            panic!("unexpected nm line {line:?}")
        };
        assert_eq!(kind, "T", "{name} is exported but is not a function");
        exported.insert(name.to_string());
    }
    let declared = declared_functions(&prefix.join("include/openinet"));
    assert!(declared.len() > 170, "{} declared", declared.len());
    let missing: Vec<_> = declared.difference(&exported).collect();
    let extra: Vec<_> = exported.difference(&declared).collect();
    assert!(missing.is_empty(), "declared, not exported: {missing:?}");
    assert!(extra.is_empty(), "exported, not declared: {extra:?}");

    // The man page is roff (clap_mangen), the completions name inet.
    let man = std::fs::read_to_string(prefix.join("share/man/man1/inet.1")).unwrap();
    assert!(man.contains(".TH inet 1"), "{man}");
    for f in [
        "share/bash-completion/completions/inet",
        "share/zsh/site-functions/_inet",
        "share/fish/vendor_completions.d/inet.fish",
    ] {
        let c = std::fs::read_to_string(prefix.join(f)).unwrap();
        assert!(c.contains("inet") && c.contains("remote-name"), "{f}");
    }
}

/// Runs the built examples against a scripted server.
fn run_examples(bin: &Path, work: &Path, with_static: bool) {
    let server = Server::start();
    let exe = |name: &str| {
        let mut c = Command::new(bin.join(name));
        c.current_dir(work);
        c
    };

    let mut sync = exe("sync_download");
    sync.arg(server.url("/hello"));
    let out = run(sync);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(out.stdout, testserver::HELLO_BODY.as_bytes());

    if with_static {
        let file = work.join("static.bin");
        let mut s = exe("sync_download_static");
        s.arg(server.url("/chunked/70000")).arg(&file);
        let out = run(s);
        assert!(out.status.success(), "{}", text(&out));
        assert_eq!(std::fs::read(&file).unwrap(), testserver::pattern(70000));
        let mut ldd = Command::new("readelf");
        ldd.arg("-d").arg(bin.join("sync_download_static"));
        let out = run(ldd);
        assert!(
            !String::from_utf8_lossy(&out.stdout).contains("libwininet"),
            "the static example needs no libwininet.so"
        );
    }

    let (a, b) = (work.join("a.bin"), work.join("b.bin"));
    let mut async_dl = exe("async_download");
    async_dl
        .arg(server.url("/bytes/300000"))
        .arg(&a)
        .arg(server.url("/chunked/70000"))
        .arg(&b);
    let out = run(async_dl);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(std::fs::read(&a).unwrap(), testserver::pattern(300000));
    assert_eq!(std::fs::read(&b).unwrap(), testserver::pattern(70000));

    // A failed transfer is reported and sets the exit status.
    let refused = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://127.0.0.1:{}/x", l.local_addr().unwrap().port())
    };
    let mut failing = exe("async_download");
    failing.arg(&refused).arg(work.join("c.bin"));
    let out = run(failing);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("error 12029"),
        "{}",
        text(&out)
    );

    let mut post = exe("post");
    post.arg(server.url("/echo")).arg("name=inet&n=1");
    let out = run(post);
    assert!(out.status.success(), "{}", text(&out));
    let echoed = String::from_utf8_lossy(&out.stdout);
    assert!(echoed.starts_with("POST /echo HTTP/1.1\r\n"), "{echoed}");
    assert!(
        echoed.contains("Content-Type: application/x-www-form-urlencoded\r\n"),
        "{echoed}"
    );
    assert!(echoed.ends_with("\r\n\r\nname=inet&n=1"), "{echoed}");
}

fn copy_examples(to: &Path) {
    let from = workspace_root().join("examples/c");
    for e in std::fs::read_dir(&from).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
    }
}

/// One test: the two builds share the install (installing twice at once
/// into one prefix would race).
#[test]
fn installed_prefix_builds_and_runs_the_examples() {
    if !ready() {
        return;
    }
    let root = fresh(&scratch("install-test"));
    let prefix = root.join("prefix");
    install(prefix.to_str().unwrap(), None);
    check_layout(&prefix);
    let lib = prefix.join("lib");

    // pkg-config and the examples' Makefile.
    let make_dir = fresh(&root.join("make"));
    copy_examples(&make_dir);
    let mut make = Command::new("make");
    make.current_dir(&make_dir)
        .env("PKG_CONFIG_PATH", lib.join("pkgconfig"))
        .env("CFLAGS", "-O0 -g -Wall -Wextra -Werror")
        .env("LDFLAGS", format!("-Wl,-rpath,{}", lib.display()));
    let out = run(make);
    assert!(out.status.success(), "make: {}", text(&out));
    run_examples(&make_dir, &make_dir, false);

    // CMake's find_package, shared and static targets.
    let cmake_src = fresh(&root.join("cmake-src"));
    copy_examples(&cmake_src);
    let build = fresh(&root.join("cmake-build"));
    let mut configure = Command::new("cmake");
    configure
        .arg("-S")
        .arg(&cmake_src)
        .arg("-B")
        .arg(&build)
        .arg(format!("-DCMAKE_PREFIX_PATH={}", prefix.display()))
        .arg("-DCMAKE_C_FLAGS=-Wall -Wextra -Werror");
    let out = run(configure);
    assert!(out.status.success(), "cmake: {}", text(&out));
    let mut compile = Command::new("cmake");
    compile.arg("--build").arg(&build);
    let out = run(compile);
    assert!(out.status.success(), "cmake --build: {}", text(&out));
    run_examples(&build, &build, true);

    // A program with its own windows.h (a winelib-style shim first on the
    // include path) still compiles against the installed wininet.h.
    let shim = fresh(&root.join("shim"));
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/c/header/windows_min.h"),
        shim.join("windows.h"),
    )
    .unwrap();
    let src = shim.join("own.c");
    std::fs::write(
        &src,
        "#include <windows.h>\n#include <wininet.h>\n#ifndef MIN_WINDOWS_H\n#error not the shim\n#endif\n\
         int main(void) { return InternetOpenA(\"x\", INTERNET_OPEN_TYPE_DIRECT, 0, 0, 0) ? 0 : 1; }\n",
    )
    .unwrap();
    let cflags = run({
        let mut c = Command::new("pkg-config");
        c.args(["--cflags", "--libs", "wininet"])
            .env("PKG_CONFIG_PATH", lib.join("pkgconfig"));
        c
    });
    let flags = String::from_utf8_lossy(&cflags.stdout).to_string();
    assert!(
        flags.contains(&format!("-I{}/include/openinet", prefix.display())),
        "{flags}"
    );
    let exe = shim.join("own");
    let mut gcc = Command::new("gcc");
    gcc.arg("-I")
        .arg(&shim)
        .arg(&src)
        .args(flags.split_whitespace())
        .arg(format!("-Wl,-rpath,{}", lib.display()))
        .arg("-o")
        .arg(&exe);
    let out = run(gcc);
    assert!(out.status.success(), "own windows.h: {}", text(&out));
    assert!(run(Command::new(&exe)).status.success());
}

#[test]
fn destdir_stages_the_install_and_files_name_the_final_prefix() {
    if !ready() {
        return;
    }
    let stage = fresh(&scratch("install-destdir"));
    install("/opt/openinet", Some(&stage));
    let prefix = stage.join("opt/openinet");
    check_layout(&prefix);
    let pc = std::fs::read_to_string(prefix.join("lib/pkgconfig/wininet.pc")).unwrap();
    assert!(pc.starts_with("prefix=/opt/openinet\n"), "{pc}");
    assert!(pc.contains("libdir=/opt/openinet/lib\n"), "{pc}");
    assert!(!pc.contains(stage.to_str().unwrap()), "{pc}");
    let cmake =
        std::fs::read_to_string(prefix.join("lib/cmake/wininet/wininetConfig.cmake")).unwrap();
    assert!(!cmake.contains(stage.to_str().unwrap()), "{cmake}");
}
