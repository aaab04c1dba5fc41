#!/usr/bin/env bash
# The upload benchmark: one POST of 64 MiB, 256 MiB and 1 GiB to nginx on
# 127.0.0.1, through OpenINet's C API (HttpSendRequestEx + InternetWriteFile
# of 256 KiB from one buffer + HttpEndRequest, synchronous) and through
# libcurl (easy interface, a read callback refilling one 256 KiB buffer).
# nginx reads and drops the body (`return 200`), so the figure is the
# client's. Each run is timed by the client; peak RSS comes from GNU time.
# Prints a Markdown table (median of REPS runs: MiB/s, peak RSS) and writes
# it to benches/out/upload.md.
#
#   benches/upload/run.sh [REPS]     # default 3
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
reps="${1:-3}"

need=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
command -v curl-config >/dev/null || need+=(libcurl4-openssl-dev)
command -v taskset >/dev/null || need+=(util-linux)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
    echo "upload/run.sh: installing ${need[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${need[@]}" >/dev/null
fi
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

echo "upload/run.sh: building libwininet (release) and the clients" >&2
(cd "$root" && cargo build --release -q -p openinet-capi)
work="$(mktemp -d /tmp/openinet-upload-bench.XXXXXX)"
nginx_pid=""
cleanup() {
    [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT INT TERM HUP
lib="$root/target/release"
cc -O2 -Wall -Wextra -I"$root/crates/openinet-capi/include" "$here/openinet_upload.c" \
    -o "$work/openinet_upload" -L"$lib" -lwininet -Wl,-rpath,"$lib"
cc -O2 -Wall -Wextra "$here/curl_upload.c" -o "$work/curl_upload" $(curl-config --libs)

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
mkdir -p "$work/tmp" "$work/logs"
cat > "$work/nginx.conf" <<CONF
daemon off;
master_process off;
worker_processes 1;
pid $work/nginx.pid;
error_log $work/logs/error.log warn;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path $work/tmp/body;
    proxy_temp_path $work/tmp/proxy;
    fastcgi_temp_path $work/tmp/fastcgi;
    uwsgi_temp_path $work/tmp/uwsgi;
    scgi_temp_path $work/tmp/scgi;
    server {
        listen 127.0.0.1:$port;
        location = /upload {
            client_max_body_size 0;
            return 200 "received\n";
        }
    }
}
CONF
taskset -c 1 "$nginx_bin" -p "$work" -c "$work/nginx.conf" </dev/null >/dev/null 2>&1 &
nginx_pid=$!
for _ in $(seq 100); do
    python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null && break
    sleep 0.05
done

mkdir -p "$root/benches/out"
python3 - "$work" "$port" "$reps" "$root/benches/out/upload.md" <<'PY'
import os, re, statistics, subprocess, sys
work, port, reps, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
url = f"http://127.0.0.1:{port}/upload"
sizes = [64 << 20, 256 << 20, 1 << 30]
clients = [("OpenINet C (HttpSendRequestEx + InternetWriteFile)", "openinet_upload"),
           ("libcurl (easy, read callback)", "curl_upload")]

def run(exe, size):
    # GNU time forks the client: a child's peak RSS starts from its
    # parent's at fork, so the parent must be small (Python is ~14 MiB).
    p = subprocess.run(["/usr/bin/time", "-f", "maxrss=%M", "taskset", "-c", "0",
                        os.path.join(work, exe), url, str(size), str(256 << 10)],
                       capture_output=True, text=True)
    m = re.search(r"result ok=(\d) bytes=(\d+) secs=([\d.]+) error=(\S+)", p.stdout)
    rss = re.search(r"maxrss=(\d+)", p.stderr)
    if not m or m.group(1) != "1" or p.returncode != 0 or not rss:
        sys.exit(f"{exe} {size}: failed: {p.stdout.strip()} {p.stderr.strip()}")
    return int(m.group(2)) / float(m.group(3)) / (1 << 20), int(rss.group(1)) / 1024.0

rows = []
for size in sizes:
    for name, exe in clients:
        runs = [run(exe, size) for _ in range(reps)]
        rows.append((size, name, statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)))
lines = ["| body | client | MiB/s (median of %d) | peak RSS (MiB) |" % reps, "|---:|---|---:|---:|"]
for size, name, mibs, rss in rows:
    label = f"{size >> 20} MiB" if size < (1 << 30) else "1 GiB"
    lines.append(f"| {label} | {name} | {mibs:,.0f} | {rss:.1f} |")
text = "\n".join(lines) + "\n"
print(text)
open(out, "w").write(text)
PY
