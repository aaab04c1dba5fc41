//! criterion micro-benchmarks live in benches/.
