//! Guards `include/wininet.h`: it must compile cleanly as C99 and C++17 with
//! `-Wall -Wextra -Werror -pedantic` alone, twice, and after a minimal
//! windows.h; and every structure in `src/types.rs` must have the C layout
//! (size and each field's offset), measured by a C program built against
//! the header.

use std::mem::{offset_of, size_of};
use std::path::{Path, PathBuf};
use std::process::Command;
use wininet::types::*;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn have(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

fn out_dir() -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join("header");
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Compiles `src` with `tool`; panics with the compiler's output on failure.
fn compile(tool: &str, std: &str, src: &Path, extra: &[&str], out: &Path) {
    let inc = dir().join("include");
    let output = Command::new(tool)
        .args([std, "-Wall", "-Wextra", "-Werror", "-pedantic", "-I"])
        .arg(&inc)
        .arg("-I")
        .arg(dir().join("tests/c/header"))
        .args(extra)
        .arg(src)
        .arg("-o")
        .arg(out)
        .output()
        .expect("run compiler");
    assert!(
        output.status.success(),
        "{tool} {std} {} {extra:?} failed:\n{}",
        src.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn header_compiles_in_c_and_cpp() {
    if !have("gcc") || !have("g++") {
        println!("note: gcc/g++ not found; skipping the header compile checks");
        return;
    }
    let out = out_dir();
    for name in ["alone", "twice", "after_windows"] {
        let c = dir().join(format!("tests/c/header/{name}.c"));
        for unicode in [&[][..], &["-DUNICODE"][..]] {
            compile(
                "gcc",
                "-std=c99",
                &c,
                &[&["-c"][..], unicode].concat(),
                &out.join(format!("{name}.o")),
            );
            // The same file as C++17.
            compile(
                "g++",
                "-std=c++17",
                &c,
                &[&["-x", "c++", "-c"][..], unicode].concat(),
                &out.join(format!("{name}.opp")),
            );
        }
    }
}

/// One row per structure: its name and its fields, checked in both languages.
macro_rules! layouts {
    ($($ty:ident { $($field:ident),* $(,)? })*) => {
        fn c_program() -> String {
            let mut s = String::from("#include <stdio.h>\n#include <stddef.h>\n#include \"wininet.h\"\nint main(void) {\n");
            $(
                s.push_str(&format!("printf(\"{0} size %zu\\n\", sizeof({0}));\n", stringify!($ty)));
                $( s.push_str(&format!("printf(\"{0}.{1} %zu\\n\", offsetof({0}, {1}));\n", stringify!($ty), stringify!($field))); )*
            )*
            s.push_str("return 0;\n}\n");
            s
        }
        fn rust_layout() -> Vec<String> {
            let mut v = Vec::new();
            $(
                v.push(format!("{} size {}", stringify!($ty), size_of::<$ty>()));
                $( v.push(format!("{}.{} {}", stringify!($ty), stringify!($field), offset_of!($ty, $field))); )*
            )*
            v
        }
    };
}

layouts! {
    FILETIME { dwLowDateTime, dwHighDateTime }
    SYSTEMTIME { wYear, wMonth, wDayOfWeek, wDay, wHour, wMinute, wSecond, wMilliseconds }
    WIN32_FIND_DATAA { dwFileAttributes, ftCreationTime, ftLastAccessTime, ftLastWriteTime, nFileSizeHigh, nFileSizeLow, dwReserved0, dwReserved1, cFileName, cAlternateFileName }
    WIN32_FIND_DATAW { dwFileAttributes, ftCreationTime, ftLastAccessTime, ftLastWriteTime, nFileSizeHigh, nFileSizeLow, dwReserved0, dwReserved1, cFileName, cAlternateFileName }
    INTERNET_ASYNC_RESULT { dwResult, dwError }
    INTERNET_DIAGNOSTIC_SOCKET_INFO { Socket, SourcePort, DestPort, Flags }
    INTERNET_VERSION_INFO { dwMajorVersion, dwMinorVersion }
    HTTP_VERSION_INFO { dwMajorVersion, dwMinorVersion }
    INTERNET_PROXY_INFO { dwAccessType, lpszProxy, lpszProxyBypass }
    URL_COMPONENTSA { dwStructSize, lpszScheme, dwSchemeLength, nScheme, lpszHostName, dwHostNameLength, nPort, lpszUserName, dwUserNameLength, lpszPassword, dwPasswordLength, lpszUrlPath, dwUrlPathLength, lpszExtraInfo, dwExtraInfoLength }
    URL_COMPONENTSW { dwStructSize, lpszScheme, dwSchemeLength, nScheme, lpszHostName, dwHostNameLength, nPort, lpszUserName, dwUserNameLength, lpszPassword, dwPasswordLength, lpszUrlPath, dwUrlPathLength, lpszExtraInfo, dwExtraInfoLength }
    INTERNET_CERTIFICATE_INFO { ftExpiry, ftStart, lpszSubjectInfo, lpszIssuerInfo, lpszProtocolName, lpszSignatureAlgName, lpszEncryptionAlgName, dwKeySize }
    INTERNET_BUFFERSA { dwStructSize, Next, lpcszHeader, dwHeadersLength, dwHeadersTotal, lpvBuffer, dwBufferLength, dwBufferTotal, dwOffsetLow, dwOffsetHigh }
    INTERNET_BUFFERSW { dwStructSize, Next, lpcszHeader, dwHeadersLength, dwHeadersTotal, lpvBuffer, dwBufferLength, dwBufferTotal, dwOffsetLow, dwOffsetHigh }
    INTERNET_CACHE_ENTRY_INFOA { dwStructSize, lpszSourceUrlName, lpszLocalFileName, CacheEntryType, dwUseCount, dwHitRate, dwSizeLow, dwSizeHigh, LastModifiedTime, ExpireTime, LastAccessTime, LastSyncTime, lpHeaderInfo, dwHeaderInfoSize, lpszFileExtension, dwExemptDelta }
    INTERNET_CACHE_ENTRY_INFOW { dwStructSize, lpszSourceUrlName, lpszLocalFileName, CacheEntryType, dwUseCount, dwHitRate, dwSizeLow, dwSizeHigh, LastModifiedTime, ExpireTime, LastAccessTime, LastSyncTime, lpHeaderInfo, dwHeaderInfoSize, lpszFileExtension, dwExemptDelta }
}

#[test]
fn rust_structures_match_the_c_layout() {
    if !have("gcc") {
        println!("note: gcc not found; skipping the layout check");
        return;
    }
    let out = out_dir();
    let src = out.join("layout.c");
    std::fs::write(&src, c_program()).unwrap();
    let exe = out.join("layout");
    compile("gcc", "-std=c99", &src, &[], &exe);
    let run = Command::new(&exe).output().expect("run layout program");
    assert!(run.status.success());
    let c: Vec<String> = String::from_utf8(run.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    let rust = rust_layout();
    assert_eq!(c.len(), rust.len());
    let diffs: Vec<String> = c
        .iter()
        .zip(&rust)
        .filter(|(a, b)| a != b)
        .map(|(a, b)| format!("C: {a}  Rust: {b}"))
        .collect();
    assert!(diffs.is_empty(), "layout mismatches:\n{}", diffs.join("\n"));
}
