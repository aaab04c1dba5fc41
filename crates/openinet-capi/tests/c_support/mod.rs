//! Shared by `c_scenarios.rs` and `wine_diff.rs`: finding the C scenario
//! programs in `tests/c`, building them (gcc against our `wininet.h` and
//! the built `libwininet`, or mingw against Windows' wininet), running
//! them with a timeout, and extracting the normalized trace they print.
#![allow(dead_code)] // each test binary uses a subset

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The workspace root (two levels above this crate).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root")
}

/// The directory holding the built `libwininet.so`/`.a`: the profile
/// directory of this test executable (`target/debug/deps/x` -> `target/debug`).
pub fn lib_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("current_exe");
    let deps = exe.parent().expect("deps dir");
    let dir = if deps.file_name().is_some_and(|n| n == "deps") {
        deps.parent().unwrap()
    } else {
        deps
    };
    static FRESH: std::sync::Once = std::sync::Once::new();
    FRESH.call_once(|| refresh_uplifted(dir, deps));
    dir.to_path_buf()
}

/// `cargo test` rebuilds `deps/libwininet.*` but copies them up to the
/// profile directory only on `cargo build`: a library changed since the
/// last build would leave the C programs linked against the old one. A
/// newer copy in `deps` is put in place (written aside, then renamed, so a
/// program loading it meanwhile sees one whole file).
fn refresh_uplifted(dir: &Path, deps: &Path) {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    for name in ["libwininet.so", "libwininet.a", "libwininet.dylib"] {
        let (built, used) = (deps.join(name), dir.join(name));
        let Some(built_at) = modified(&built) else {
            continue;
        };
        if modified(&used).is_some_and(|used_at| used_at >= built_at) {
            continue;
        }
        let aside = dir.join(format!(".{name}.{}", std::process::id()));
        if std::fs::copy(&built, &aside).is_ok() && std::fs::rename(&aside, &used).is_err() {
            let _ = std::fs::remove_file(&aside);
        }
    }
}

/// Scratch directory for built programs and traces, under the target dir.
pub fn scratch(name: &str) -> PathBuf {
    let dir = lib_dir().join(name);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

/// The scenario programs: every `tests/c/*.c` (subdirectories belong to
/// other suites), sorted by name.
pub fn scenarios() -> Vec<(String, PathBuf)> {
    let dir = workspace_root().join("tests/c");
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .expect("read tests/c")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "c"))
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), p))
        .collect();
    out.sort();
    out
}

/// True if `prog --version` runs.
pub fn have(prog: &str) -> bool {
    Command::new(prog)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// A private path beside `out` for a build to write; `publish` renames it
/// over `out`. Tests running at once may build a program while another
/// runs it, and writing a running executable fails (ETXTBSY); a rename
/// never touches the running file.
pub fn private_path(out: &Path) -> PathBuf {
    static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = out
        .file_name()
        .expect("an output file name")
        .to_string_lossy();
    out.with_file_name(format!(".{}-{n}-{name}", std::process::id()))
}

/// Moves a finished build from its private path to `out`.
pub fn publish(private: &Path, out: &Path) -> Result<(), String> {
    std::fs::rename(private, out).map_err(|e| {
        format!(
            "cannot move {} to {}: {e}",
            private.display(),
            out.display()
        )
    })
}

/// The scenarios' C dialect and warnings, natively and with mingw.
const SCENARIO_FLAGS: &[&str] = &["-std=c99", "-Wall", "-Wextra", "-Werror", "-O0"];

/// Builds a scenario with gcc against our header and libwininet.
pub fn build_native(src: &Path, out: &Path) -> Result<(), String> {
    build_native_with(src, out, SCENARIO_FLAGS)
}

/// `build_native` with other compiler flags (debug info is always on).
pub fn build_native_with(src: &Path, out: &Path, flags: &[&str]) -> Result<(), String> {
    let root = workspace_root();
    let lib = lib_dir();
    let so = lib.join("libwininet.so");
    if !so.exists() {
        return Err(format!("{} not built", so.display()));
    }
    let mut cmd = Command::new("gcc");
    cmd.args(flags)
        .arg("-g")
        .arg("-I")
        .arg(root.join("crates/openinet-capi/include"))
        .arg("-I")
        .arg(root.join("tests/c"))
        .arg(src)
        .arg("-o")
        .arg(private_path(out))
        .arg("-L")
        .arg(&lib)
        .arg(format!("-Wl,-rpath,{}", lib.display()))
        .args(["-lwininet", "-lpthread"]);
    compile(cmd, out)
}

/// Builds a scenario with mingw against Windows' wininet (for Wine).
pub fn build_mingw(src: &Path, out: &Path) -> Result<(), String> {
    build_mingw_with(src, out, SCENARIO_FLAGS)
}

/// `build_mingw` with other compiler flags.
pub fn build_mingw_with(src: &Path, out: &Path, flags: &[&str]) -> Result<(), String> {
    let root = workspace_root();
    let mut cmd = Command::new("x86_64-w64-mingw32-gcc");
    cmd.args(flags)
        .arg("-I")
        .arg(root.join("tests/c"))
        .arg(src)
        .arg("-o")
        .arg(private_path(out))
        .arg("-lwininet");
    compile(cmd, out)
}

/// Runs a compiler whose `-o` is `private_path(target)`, then publishes.
fn compile(mut cmd: Command, target: &Path) -> Result<(), String> {
    let private = cmd
        .get_args()
        .skip_while(|a| *a != "-o")
        .nth(1)
        .map(PathBuf::from)
        .expect("an -o argument");
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run compiler: {e}"))?;
    if out.status.success() {
        publish(&private, target)
    } else {
        Err(format!(
            "{:?} failed:\n{}",
            cmd,
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// Runs a command to completion or kills it after `timeout`. Returns its
/// output and whether it finished in time.
pub fn run_with_timeout(mut cmd: Command, timeout: Duration) -> (Output, bool) {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot spawn {cmd:?}: {e}"));
    // Drain both pipes on threads so a chatty child never blocks.
    let mut so = child.stdout.take().unwrap();
    let mut se = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = so.read_to_end(&mut v);
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = se.read_to_end(&mut v);
        v
    });
    let start = Instant::now();
    let mut in_time = true;
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if start.elapsed() > timeout {
            in_time = false;
            let _ = child.kill();
            break child.wait().expect("wait after kill");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stdout = t_out.join().unwrap();
    let stderr = t_err.join().unwrap();
    (
        Output {
            status,
            stdout,
            stderr,
        },
        in_time,
    )
}

/// The compared part of a program's output: status lines
/// (`NAME h=...`) and `== ` markers, with `\r` removed.
pub fn trace_lines(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| l.starts_with("== ") || is_status_line(l))
        .map(str::to_string)
        .collect()
}

fn is_status_line(l: &str) -> bool {
    match l.split_once(' ') {
        Some((name, rest)) => {
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
                && rest.starts_with("h=")
        }
        None => false,
    }
}

/// The `FAIL ` lines of a program's output.
pub fn failures(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .filter(|l| l.starts_with("FAIL "))
        .map(str::to_string)
        .collect()
}

/// The valgrind command line the C programs run under: any leak (definite
/// or indirect) or invalid access is an error (exit 1). Suppressions, each
/// with its reason, are in tests/c/valgrind.supp. `track_origins` says where
/// uninitialised values come from, at a cost in speed.
pub fn valgrind_wrapper(track_origins: bool) -> Vec<String> {
    let supp = workspace_root().join("tests/c/valgrind.supp");
    let mut args: Vec<String> = vec![
        "valgrind".into(),
        "--leak-check=full".into(),
        "--errors-for-leak-kinds=definite,indirect".into(),
        "--error-exitcode=1".into(),
        // Deep enough for the suppressions to see whose write it was.
        "--num-callers=40".into(),
        format!("--suppressions={}", supp.display()),
    ];
    if track_origins {
        args.push("--track-origins=yes".into());
    }
    args
}
