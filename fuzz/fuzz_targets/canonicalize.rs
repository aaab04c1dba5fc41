//! Fuzz target: see `openinet_fuzz::canonicalize`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| openinet_fuzz::canonicalize(data));
