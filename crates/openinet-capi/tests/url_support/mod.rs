//! What the URL C tests share: where the repository and the built
//! libwininet are, which tools exist, and building a C program against our
//! header and library (natively) or against Windows' wininet (for wine).

#![allow(dead_code)] // each test binary uses its own part

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// target/<profile>, from CARGO_TARGET_DIR or the test binary's own path
/// (target/<profile>/deps/<test>), where cargo put libwininet.so.
pub fn target_dir() -> PathBuf {
    if let Ok(d) = std::env::var("CARGO_TARGET_DIR") {
        return PathBuf::from(d).join("debug");
    }
    let exe = std::env::current_exe().unwrap();
    exe.parent().unwrap().parent().unwrap().to_path_buf()
}

/// Whether `tool --version` runs.
pub fn have(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A fresh scratch directory for one test.
pub fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("openinet-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Builds `src` with gcc against include/wininet.h and libwininet.so.
pub fn build_native(src: &Path, out: &Path) {
    let lib = target_dir();
    assert!(
        lib.join("libwininet.so").exists(),
        "libwininet.so not in {}",
        lib.display()
    );
    let private = private_path(out);
    let st = Command::new("gcc")
        .args(["-Wall", "-Werror", "-fshort-wchar", "-I"])
        .arg(repo().join("crates/openinet-capi/include"))
        .arg(src)
        .arg("-o")
        .arg(&private)
        .arg("-L")
        .arg(&lib)
        .args(["-lwininet", &format!("-Wl,-rpath,{}", lib.display())])
        .status()
        .unwrap();
    assert!(
        st.success(),
        "{} does not build against our header",
        src.display()
    );
    std::fs::rename(&private, out).unwrap();
}

/// A private path beside `out` for a build to write, renamed over `out`
/// when done: tests running at once may build a program while another runs
/// it, and writing a running executable fails (ETXTBSY).
fn private_path(out: &Path) -> std::path::PathBuf {
    static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = out
        .file_name()
        .expect("an output file name")
        .to_string_lossy();
    out.with_file_name(format!(".{}-{n}-{name}", std::process::id()))
}

/// Whether wine and mingw are here to run the Windows build.
pub fn have_wine() -> bool {
    have("wine") && have("x86_64-w64-mingw32-gcc")
}

/// Builds `src` with mingw against Windows' wininet and runs it under wine.
pub fn run_under_wine(src: &Path, exe: &Path, args: &[&Path]) -> Output {
    let private = private_path(exe);
    let st = Command::new("x86_64-w64-mingw32-gcc")
        .arg(src)
        .arg("-o")
        .arg(&private)
        .arg("-lwininet")
        .status()
        .unwrap();
    assert!(st.success(), "{} does not build with mingw", src.display());
    std::fs::rename(&private, exe).unwrap();
    Command::new("wine")
        .env("WINEDEBUG", "-all")
        .arg(exe)
        .args(args)
        .output()
        .unwrap()
}
