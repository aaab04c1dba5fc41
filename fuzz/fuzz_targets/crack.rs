//! Fuzz target: see `openinet_fuzz::crack`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| openinet_fuzz::crack(data));
