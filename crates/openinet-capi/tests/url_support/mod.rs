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
    let st = Command::new("gcc")
        .args(["-Wall", "-Werror", "-fshort-wchar", "-I"])
        .arg(repo().join("crates/openinet-capi/include"))
        .arg(src)
        .arg("-o")
        .arg(out)
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
}

/// Whether wine and mingw are here to run the Windows build.
pub fn have_wine() -> bool {
    have("wine") && have("x86_64-w64-mingw32-gcc")
}

/// Builds `src` with mingw against Windows' wininet and runs it under wine.
pub fn run_under_wine(src: &Path, exe: &Path, args: &[&Path]) -> Output {
    let st = Command::new("x86_64-w64-mingw32-gcc")
        .arg(src)
        .arg("-o")
        .arg(exe)
        .arg("-lwininet")
        .status()
        .unwrap();
    assert!(st.success(), "{} does not build with mingw", src.display());
    Command::new("wine")
        .env("WINEDEBUG", "-all")
        .arg(exe)
        .args(args)
        .output()
        .unwrap()
}
