#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian machine: gcc/g++ for
# the C tests, valgrind for the memory run, and wine + mingw-w64 for the
# differential tests against Wine's wininet, vsftpd for the FTP tests. Idempotent: installs only
# what is missing.
set -euo pipefail
need=()
command -v gcc >/dev/null || need+=(gcc)
command -v g++ >/dev/null || need+=(g++)
command -v valgrind >/dev/null || need+=(valgrind)
command -v wine >/dev/null || need+=(wine)
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
[ -f /usr/share/mingw-w64/include/wininet.h ] || need+=(mingw-w64-common)
# The FTP tests run a real vsftpd on 127.0.0.1.
[ -x /usr/sbin/vsftpd ] || need+=(vsftpd)
if [ ${#need[@]} -gt 0 ]; then
    echo "tests/setup.sh: installing ${need[*]}"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
# cargo-nextest is optional; cargo test is the test command.
echo "tests/setup.sh: ready"
