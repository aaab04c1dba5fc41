#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian machine: gcc/g++ for
# the C tests, valgrind for the memory run, wine + mingw-w64 for the
# differential tests against Wine's wininet, and nginx for the tests against
# a real server. Idempotent: installs only
# what is missing.
set -euo pipefail
need=()
command -v gcc >/dev/null || need+=(gcc)
command -v g++ >/dev/null || need+=(g++)
command -v valgrind >/dev/null || need+=(valgrind)
command -v wine >/dev/null || need+=(wine)
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
[ -f /usr/share/mingw-w64/include/wininet.h ] || need+=(mingw-w64-common)
# nginx (with its WebDAV module) for the upload test against a real server.
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx)
if [ ${#need[@]} -gt 0 ]; then
    echo "tests/setup.sh: installing ${need[*]}"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
# cargo-nextest is optional; cargo test is the test command.
echo "tests/setup.sh: ready"
