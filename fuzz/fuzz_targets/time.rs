//! Fuzz target: see `openinet_fuzz::time`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| openinet_fuzz::time(data));
