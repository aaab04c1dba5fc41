//! Replays every fuzz target's seeds (`fuzz/seeds/<target>/`, the crash
//! reproducers among them) through the same bodies the libFuzzer binaries
//! run (`fuzz/src`), here in the main workspace: `cargo test --workspace`
//! (CI) checks them on stable without building fuzz/'s own workspace.
//! `cargo test` inside fuzz/ runs the same seeds with a few more inputs.

#[allow(dead_code, unused_imports)]
#[path = "../../../fuzz/src/lib.rs"]
mod openinet_fuzz;

use std::path::Path;

type Target = fn(&[u8]);

const TARGETS: [(&str, Target); 13] = [
    ("crack", openinet_fuzz::crack),
    ("canonicalize", openinet_fuzz::canonicalize),
    ("combine", openinet_fuzz::combine),
    ("create", openinet_fuzz::create),
    ("time", openinet_fuzz::time),
    ("cookies", openinet_fuzz::cookies::cookies),
    ("proxy", openinet_fuzz::proxy::proxy),
    ("ftp_reply", openinet_fuzz::ftp::replies),
    ("ftp_listing", openinet_fuzz::ftp::listing),
    ("http_head", openinet_fuzz::http::response_head),
    ("http_body", openinet_fuzz::http::body),
    ("http_headers", openinet_fuzz::http::headers),
    ("http_query", openinet_fuzz::http::query),
];

#[test]
fn every_fuzz_target_over_its_seeds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/seeds");
    for (name, run) in TARGETS {
        let dir = root.join(name);
        let mut n = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            run(&std::fs::read(entry.unwrap().path()).unwrap());
            n += 1;
        }
        assert!(n >= 20, "{name}: only {n} seeds in {}", dir.display());
        eprintln!("{name}: {n} seeds");
    }
}
