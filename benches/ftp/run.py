#!/usr/bin/env python3
"""FTP benchmark: a 1 GiB download and upload through OpenINet's C API
against curl's FTP, on one vsftpd on 127.0.0.1 (started here, stopped at
the end), each run pinned: vsftpd on cpu 1, the client on cpu 0.

    benches/ftp/run.py [--size-mib N] [--reps N]

Reports the median MiB/s, CPU seconds (user + system) and peak RSS of each
client, from wait4, in benches/out/ftp.md. Needs vsftpd and curl (installs
them from Debian when missing), and builds libwininet in release mode.
"""
import argparse, os, shutil, signal, socket, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def start_vsftpd(tmp, root):
    port = free_port()
    as_root = os.getuid() == 0
    privileges = ("nopriv_user=nobody\nftp_username=ftp\nsecure_chroot_dir=/var/run/vsftpd/empty\n"
                  if as_root else "run_as_launching_user=YES\n")
    conf = os.path.join(tmp, "vsftpd.conf")
    with open(conf, "w") as f:
        f.write(f"""listen=YES
listen_ipv6=NO
listen_address=127.0.0.1
listen_port={port}
background=NO
anonymous_enable=YES
local_enable=NO
anon_root={root}
no_anon_password=YES
write_enable=YES
anon_upload_enable=YES
anon_other_write_enable=YES
anon_umask=022
allow_writeable_chroot=YES
pasv_enable=YES
connect_from_port_20=NO
seccomp_sandbox=NO
xferlog_enable=NO
vsftpd_log_file={tmp}/log
{privileges}""")
    cmd = ["vsftpd", conf]
    if shutil.which("taskset"):
        cmd = ["taskset", "-c", "1"] + cmd
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    for _ in range(500):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                if s.recv(100).startswith(b"220"):
                    return proc, port
        except OSError:
            time.sleep(0.02)
    proc.kill()
    sys.exit("vsftpd did not start")


MEASURE = None  # the measure.c launcher, built in main()


def measure(cmd):
    """Runs cmd on cpu 0 under measure.c: (wall secs, cpu secs, peak RSS
    KiB, ok). The launcher's own wait4 gives the command's peak RSS (a
    child forked from this Python process would count its pages)."""
    if shutil.which("taskset"):
        cmd = ["taskset", "-c", "0"] + cmd
    t0 = time.monotonic()
    proc = subprocess.run([MEASURE] + cmd, capture_output=True)
    wall = time.monotonic() - t0
    out = proc.stdout.decode(errors="replace")
    err = proc.stderr.decode(errors="replace")
    fields = dict(kv.split("=") for kv in err.strip().splitlines()[-1].split()[1:])
    ok = proc.returncode == 0 and "error" not in out
    if not ok:
        print(f"FAILED: {' '.join(cmd)}\n{out}{err}", file=sys.stderr)
    return wall, float(fields["cpu"]), int(fields["maxrss_kib"]), ok


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--size-mib", type=int, default=1024)
    ap.add_argument("--reps", type=int, default=5)
    args = ap.parse_args()
    for tool, pkg in (("vsftpd", "vsftpd"), ("curl", "curl")):
        if not shutil.which(tool) and not os.path.exists("/usr/sbin/" + tool):
            subprocess.run(["apt-get", "install", "-y", "-qq", pkg], check=True)
    os.environ["PATH"] += ":/usr/sbin"
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "openinet-capi"], cwd=ROOT, check=True)
    lib = os.path.join(ROOT, "target", "release")
    tmp = tempfile.mkdtemp(prefix="openinet-ftp-bench-")
    client = os.path.join(tmp, "openinet_ftp")
    subprocess.run(["cc", "-O2", "-Wall", "-I", os.path.join(ROOT, "crates/openinet-capi/include"),
                    os.path.join(HERE, "openinet_ftp.c"), "-o", client, "-L", lib, "-lwininet",
                    f"-Wl,-rpath,{lib}", "-lpthread"], check=True)
    global MEASURE
    MEASURE = os.path.join(tmp, "measure")
    subprocess.run(["cc", "-O2", os.path.join(HERE, "measure.c"), "-o", MEASURE], check=True)
    root = os.path.join(tmp, "root")
    os.makedirs(os.path.join(root, "pub"))
    os.makedirs(os.path.join(root, "up"))
    if os.getuid() == 0:
        shutil.chown(os.path.join(root, "up"), "ftp")
    size = args.size_mib << 20
    big = os.path.join(root, "pub", "big.bin")
    chunk = bytes(range(256)) * 4096
    with open(big, "wb") as f:
        for _ in range(size // len(chunk)):
            f.write(chunk)
    local = os.path.join(tmp, "upload.bin")
    shutil.copyfile(big, local)
    proc, port = start_vsftpd(tmp, root)
    url = f"ftp://127.0.0.1:{port}"
    clients = {
        ("download", "openinet"): [client, "get", str(port), "/pub/big.bin"],
        ("download", "curl"): ["curl", "-s", "-o", "/dev/null", f"{url}/pub/big.bin"],
        ("upload", "openinet"): [client, "put", str(port), local, "/up/from-openinet.bin"],
        ("upload", "curl"): ["curl", "-s", "-T", local, f"{url}/up/from-curl.bin"],
    }
    results = {k: [] for k in clients}
    try:
        for _ in range(args.reps):
            for key, cmd in clients.items():  # interleaved
                results[key].append(measure(cmd))
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)
    lines = [f"# FTP: {args.size_mib} MiB through vsftpd on 127.0.0.1, median of {args.reps}", "",
             "| transfer | client | MiB/s | CPU s | peak RSS MiB | ratio to curl (MiB/s) | failed runs |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
    medians = {}
    for key, runs in results.items():
        good = [r for r in runs if r[3]]
        if not good:
            medians[key] = None
            continue
        medians[key] = (args.size_mib / statistics.median(r[0] for r in good),
                        statistics.median(r[1] for r in good),
                        max(r[2] for r in good) / 1024, len(runs) - len(good))
    for (what, who), m in medians.items():
        if m is None:
            lines.append(f"| {what} | {who} | failed | | | | {args.reps} |")
            continue
        base = medians.get((what, "curl"))
        ratio = f"{m[0] / base[0]:.2f}x" if base else "-"
        lines.append(f"| {what} | {who} | {m[0]:.0f} | {m[1]:.2f} | {m[2]:.1f} | {ratio} | {m[3]} |")
    report = "\n".join(lines) + "\n"
    out = os.path.join(HERE, "..", "out")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "ftp.md"), "w") as f:
        f.write(report)
    print(report)


if __name__ == "__main__":
    main()
