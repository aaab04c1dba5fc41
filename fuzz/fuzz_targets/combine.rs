//! Fuzz target: see `openinet_fuzz::combine`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| openinet_fuzz::combine(data));
