//! Fuzz target: see `openinet_fuzz::http::body`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| openinet_fuzz::http::body(data));
