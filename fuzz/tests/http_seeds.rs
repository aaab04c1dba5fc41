//! Runs the HTTP response-side fuzz targets (src/http.rs) once over each of
//! their seeds (seeds/http_*/, crash reproducers included) and over a few
//! inputs too large for libFuzzer's default length, on stable with a plain
//! `cargo test`.

use std::path::Path;

type Target = fn(&[u8]);

const TARGETS: [(&str, Target); 4] = [
    ("http_head", openinet_fuzz::http::response_head),
    ("http_body", openinet_fuzz::http::body),
    ("http_headers", openinet_fuzz::http::headers),
    ("http_query", openinet_fuzz::http::query),
];

/// Inputs every target gets: empty, tiny, invalid UTF-8, and long runs
/// (lines and heads past the engine's limits).
fn edge_inputs() -> Vec<Vec<u8>> {
    let mut v: Vec<Vec<u8>> = vec![
        vec![],
        vec![0],
        vec![0xff; 13],
        b"HTTP/1.1 200 OK\r\n\r\n".to_vec(),
        b"\x02\x00\x00\x00\x00\x00\x00\x00\x00\x01\x02\x03\x04FFFFFFFFFFFFFFFF\r\n".to_vec(),
    ];
    let mut huge = b"HTTP/1.1 200 OK\r\n".to_vec();
    huge.resize(openinet::fuzzing::MAX_HEAD_LEN + 10, b'a');
    v.push(huge.clone());
    huge.extend_from_slice(b"\r\n\r\n");
    v.push(huge);
    let mut many = b"HTTP/1.1 200 OK\r\n".to_vec();
    for i in 0..5000 {
        many.extend_from_slice(format!("H{i}: v\r\n").as_bytes());
    }
    many.extend_from_slice(b"\r\n");
    v.push(many);
    v
}

#[test]
fn every_http_target_over_its_seeds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for (name, run) in TARGETS {
        let dir = root.join(name);
        let mut n = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let data = std::fs::read(&path).unwrap();
            eprintln!("{name}: {}", path.display());
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

/// The inputs of findings/ (engine bugs awaiting a fix), if any; fixed
/// ones move to seeds/, where every run checks them.
#[test]
fn findings_reproduce() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("findings");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some((_, run)) = TARGETS
            .iter()
            .find(|(t, _)| name.starts_with(&format!("{t}-")))
        else {
            continue;
        };
        eprintln!("finding {name}");
        run(&std::fs::read(&path).unwrap());
    }
}
