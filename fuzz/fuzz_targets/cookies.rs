//! Fuzz target: see `openinet_fuzz::cookies::cookies`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| openinet_fuzz::cookies::cookies(data));
