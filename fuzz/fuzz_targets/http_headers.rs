//! Fuzz target: see `openinet_fuzz::http::headers`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| openinet_fuzz::http::headers(data));
