//! Fuzz target: see `openinet_fuzz::create`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| openinet_fuzz::create(data));
