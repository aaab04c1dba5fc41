//! The deterministic body pattern served by `/bytes/N` and `/chunked/N`.
//!
//! Byte `i` of every pattern body is `(i % 251) as u8`. 251 is prime, so the
//! pattern never lines up with power-of-two buffer or chunk boundaries: a
//! client that drops, repeats or reorders a block produces a visible mismatch.

use std::sync::OnceLock;

/// The modulus of the pattern (a prime, see the module docs).
pub const PATTERN_PERIOD: usize = 251;

/// Size of one write when streaming a pattern body.
pub(crate) const WRITE_CHUNK: usize = 64 * 1024;

/// Byte `i` of the pattern.
pub fn pattern_byte(i: u64) -> u8 {
    (i % PATTERN_PERIOD as u64) as u8
}

/// The first `n` bytes of the pattern, for tests that compare bodies.
pub fn pattern(n: usize) -> Vec<u8> {
    (0..n as u64).map(pattern_byte).collect()
}

/// The pattern bytes `offset .. offset + len` (`len <= WRITE_CHUNK`), borrowed
/// from one precomputed buffer so large bodies cost no per-byte work.
pub(crate) fn pattern_slice(offset: u64, len: usize) -> &'static [u8] {
    static BUF: OnceLock<Vec<u8>> = OnceLock::new();
    assert!(
        len <= WRITE_CHUNK,
        "pattern_slice is limited to one write chunk"
    );
    let buf = BUF.get_or_init(|| pattern(WRITE_CHUNK + PATTERN_PERIOD));
    let start = (offset % PATTERN_PERIOD as u64) as usize;
    &buf[start..start + len]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_agree_with_the_formula() {
        for offset in [0u64, 1, 250, 251, 65_535, 1_000_003] {
            let s = pattern_slice(offset, 1000);
            for (j, b) in s.iter().enumerate() {
                assert_eq!(*b, pattern_byte(offset + j as u64));
            }
        }
        assert_eq!(pattern(3), vec![0, 1, 2]);
        assert_eq!(pattern_byte(251), 0);
        assert_eq!(pattern_byte(252), 1);
    }
}
