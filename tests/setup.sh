#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian machine: gcc/g++ for
# the C tests, valgrind for the memory run, and wine + mingw-w64 for the
# differential tests against Wine's wininet; make, pkg-config, cmake and
# patchelf for the install test (crates/openinet-capi/tests/install.rs);
# tmux, nginx and openssl for inet's tests (nginx also for the engine's
# redirect/gzip test); vsftpd for the FTP tests; squid (and nginx, openssl)
# for the proxy and authentication tests; winbind (ntlm_auth) for Wine's
# NTLM. Idempotent: installs only
# what is missing.
set -euo pipefail
need=()
command -v gcc >/dev/null || need+=(gcc)
command -v g++ >/dev/null || need+=(g++)
command -v valgrind >/dev/null || need+=(valgrind)
command -v make >/dev/null || need+=(make)
command -v pkg-config >/dev/null || need+=(pkg-config)
command -v cmake >/dev/null || need+=(cmake)
command -v patchelf >/dev/null || need+=(patchelf)
command -v tmux >/dev/null || need+=(tmux)
# inet's tests run a real nginx (ranges, redirects, TLS with a certificate
# openssl makes), and so do crates/openinet/tests/nginx_redirect_gzip.rs and
# the upload test (its WebDAV module).
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v openssl >/dev/null || need+=(openssl)
command -v wine >/dev/null || need+=(wine)
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
[ -f /usr/share/mingw-w64/include/wininet.h ] || need+=(mingw-w64-common)
# The FTP tests run a real vsftpd on 127.0.0.1.
[ -x /usr/sbin/vsftpd ] || need+=(vsftpd)
# Proxy and authentication tests: a real squid (with its basic_ncsa_auth
# helper); nginx (auth_basic) and openssl (their password files) above.
[ -x /usr/sbin/squid ] || need+=(squid)
# Wine's wininet does NTLM through Samba's ntlm_auth (winbind's package):
# without it the differential run of tests/c/ntlm.c cannot compare.
command -v ntlm_auth >/dev/null || need+=(winbind)
if [ ${#need[@]} -gt 0 ]; then
    echo "tests/setup.sh: installing ${need[*]}"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
# cargo-nextest is optional; cargo test is the test command.
echo "tests/setup.sh: ready"
