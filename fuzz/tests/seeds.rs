//! Runs every fuzz target once over each of its seeds (seeds/<target>/) and
//! over a few hand-made edge inputs, so the targets' checks run on stable
//! with a plain `cargo test`, without cargo-fuzz or nightly.

use std::path::Path;

type Target = fn(&[u8]);

const TARGETS: [(&str, Target); 9] = [
    ("crack", openinet_fuzz::crack),
    ("canonicalize", openinet_fuzz::canonicalize),
    ("combine", openinet_fuzz::combine),
    ("create", openinet_fuzz::create),
    ("time", openinet_fuzz::time),
    ("cookies", openinet_fuzz::cookies::cookies),
    ("proxy", openinet_fuzz::proxy::proxy),
    ("ftp_reply", openinet_fuzz::ftp::replies),
    ("ftp_listing", openinet_fuzz::ftp::listing),
];

/// Inputs every target gets: empty, tiny, lone escapes, invalid UTF-8,
/// long runs and odd separators.
fn edge_inputs() -> Vec<Vec<u8>> {
    let mut v: Vec<Vec<u8>> = vec![
        vec![],
        vec![0xff],
        vec![0xff, 0xff],
        b"\xff\x00%".to_vec(),
        b"\xff\x03http://[::1".to_vec(),
        b"\x10\x40http://u:p@h:99999999999/%zz/../..?#".to_vec(),
        b"\x00\xfffile://\\\\server\\share\\..\\x".to_vec(),
        b"\x0f\x10\xc3\x28\xe2\x82\x00\xf0\x9f\x98".to_vec(),
        b"\x08\x20a:\x00../../..".to_vec(),
    ];
    v.push([b"\x00\xff".as_slice(), &[b'/'; 3000]].concat());
    v.push([b"\x00\x02http://".as_slice(), &b"%41".repeat(700)].concat());
    v
}

#[test]
fn every_target_over_its_seeds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for (name, run) in TARGETS {
        let dir = root.join(name);
        let mut n = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let data = std::fs::read(entry.unwrap().path()).unwrap();
            run(&data);
            n += 1;
        }
        assert!(n >= 20, "{name}: only {n} seeds in {}", dir.display());
        for data in edge_inputs() {
            run(&data);
        }
        eprintln!("{name}: {n} seeds");
    }
}
