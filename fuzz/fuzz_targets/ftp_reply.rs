//! Fuzz target: see `openinet_fuzz::ftp::replies`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| openinet_fuzz::ftp::replies(data));
