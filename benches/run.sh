#!/usr/bin/env bash
# The comparative benchmark in one command:
#
#   benches/run.sh [--quick] [--reps N] [--only big-http,1k-k8,...]
#
# Installs what it needs from Debian (nginx, squid, libcurl4-openssl-dev, openssl)
# when missing, builds libwininet and every client in release mode, then
# runs the harness: nginx on 127.0.0.1 serving files generated in a temp
# dir (1 KiB, 64 KiB, 1 GiB; 64 MiB with --quick), every client on every
# workload, interleaved, client and server on different cores. Writes
# benches/out/report.md, results.json and ratios.svg.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"

need=()
command -v nginx >/dev/null || need+=(nginx-light)
[ -x /usr/sbin/squid ] || need+=(squid)
command -v openssl >/dev/null || need+=(openssl)
command -v curl-config >/dev/null || need+=(libcurl4-openssl-dev)
command -v taskset >/dev/null || need+=(util-linux)
command -v cc >/dev/null || need+=(gcc)
if [ ${#need[@]} -gt 0 ]; then
    echo "run.sh: installing ${need[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${need[@]}" >/dev/null
fi

# 1000 connections in flight on each side.
ulimit -n 65536 2>/dev/null || ulimit -n 8192 2>/dev/null || true

echo "run.sh: building libwininet (release)" >&2
(cd "$root" && cargo build --release -q -p openinet-capi)
echo "run.sh: building the Rust clients and the harness (release)" >&2
(cd "$here" && cargo build --release -q -p bench-harness -p bench-openinet-rs -p bench-reqwest)

bin="$here/target/clients"
mkdir -p "$bin"
inc="$root/crates/openinet-capi/include"
lib="$root/target/release"
cflags=(-O2 -g -Wall -Wextra -std=gnu11)
cc "${cflags[@]}" -I"$inc" "$here/clients/c/openinet_async.c" -o "$bin/openinet_async" \
    -L"$lib" -lwininet -Wl,-rpath,"$lib" -lpthread
cc "${cflags[@]}" -I"$inc" "$here/clients/c/openinet_sync.c" -o "$bin/openinet_sync" \
    -L"$lib" -lwininet -Wl,-rpath,"$lib" -lpthread
cc "${cflags[@]}" "$here/clients/c/curl_multi.c" -o "$bin/curl_multi" $(curl-config --libs)
cc "${cflags[@]}" "$here/clients/c/raw.c" -o "$bin/raw"
cp "$here/target/release/bench-openinet-rs" "$here/target/release/bench-reqwest" "$bin/"

exec "$here/target/release/bench-harness" --clients "$bin" --out "$here/out" "$@"
