//! Fuzz target: see `openinet_fuzz::http::response_head`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| openinet_fuzz::http::response_head(data));
