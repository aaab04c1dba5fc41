//! Fuzz target: see `openinet_fuzz::proxy::proxy`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| openinet_fuzz::proxy::proxy(data));
