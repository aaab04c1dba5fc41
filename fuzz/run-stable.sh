#!/bin/sh
# Builds the libFuzzer targets on a stable toolchain and runs one.
#
#   ./run-stable.sh <target> [libFuzzer options...]   e.g.
#   ./run-stable.sh http_head -runs=10000000 -max_len=2048
#
# cargo-fuzz needs nightly only for its sanitizer flags; the coverage
# instrumentation libFuzzer needs is stable codegen (-C passes=sancov-module
# and LLVM's sanitizer-coverage options), which is what `cargo fuzz build
# -s none` passes. Without a sanitizer a read out of bounds in unsafe code
# may go unnoticed; a panic, an assertion or an abort is caught.
set -eu
cd "$(dirname "$0")"
target=$1
shift
RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks" \
    cargo build --release --target x86_64-unknown-linux-gnu --bin "$target"
mkdir -p "corpus/$target" artifacts
exec "target/x86_64-unknown-linux-gnu/release/$target" -artifact_prefix="artifacts/$target-" \
    "$@" "corpus/$target" "seeds/$target"
