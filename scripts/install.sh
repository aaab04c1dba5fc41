#!/usr/bin/env bash
# Builds OpenINet in release mode and installs it into a prefix the way a C
# library is installed:
#
#   $prefix/lib/libwininet.so.X.Y.Z        soname libwininet.so.X
#   $prefix/lib/libwininet.so.X            -> libwininet.so.X.Y.Z
#   $prefix/lib/libwininet.so              -> libwininet.so.X (for -lwininet)
#   $prefix/lib/libwininet.a
#   $prefix/include/openinet/{wininet.h,windows.h}
#   $prefix/lib/pkgconfig/wininet.pc
#   $prefix/lib/cmake/wininet/wininetConfig.cmake, wininetConfigVersion.cmake
#   $prefix/bin/inet
#   $prefix/share/man/man3/wininet.3, $prefix/share/man/man1/inet.1
#   $prefix/share/bash-completion/completions/inet
#   $prefix/share/zsh/site-functions/_inet
#   $prefix/share/fish/vendor_completions.d/inet.fish
#   $prefix/share/doc/openinet/capi-reference.md, examples/
#
# On macOS the library is libwininet.X.Y.Z.dylib with install name
# $libdir/libwininet.X.dylib (set with install_name_tool), the links
# libwininet.X.dylib and libwininet.dylib beside it, and the same layout
# otherwise.
#
# Usage: scripts/install.sh [--prefix DIR] [--libdir DIR] [--profile P] [--no-build]
#   --prefix DIR   where it goes (default /usr/local); DESTDIR is prepended
#                  to every path written, never to the paths written inside
#                  files (pkg-config, CMake, install name), as packagers expect
#   --libdir DIR   the library directory (default PREFIX/lib)
#   --profile P    cargo profile to build and install (default release;
#                  dev installs target/debug)
#   --no-build     install what the profile's target directory holds (built
#                  by cargo build earlier); the soname is then set with
#                  patchelf (ELF) instead of at link time
# Environment: DESTDIR (staging root), CARGO (default cargo),
# CARGO_TARGET_DIR (default ./target).
set -euo pipefail

prefix=/usr/local
libdir=
profile=release
build=1
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) prefix="$2"; shift 2 ;;
        --prefix=*) prefix="${1#*=}"; shift ;;
        --libdir) libdir="$2"; shift 2 ;;
        --libdir=*) libdir="${1#*=}"; shift ;;
        --profile) profile="$2"; shift 2 ;;
        --profile=*) profile="${1#*=}"; shift ;;
        --no-build) build=0; shift ;;
        -h|--help) sed -n '2,35p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done
case "$prefix" in
    /*) ;;
    *) echo "install.sh: --prefix must be an absolute path" >&2; exit 2 ;;
esac
prefix="${prefix%/}"
[ -n "$prefix" ] || prefix=/
libdir="${libdir:-$prefix/lib}"
destdir="${DESTDIR:-}"

root="$(cd "$(dirname "$0")/.." && pwd)"
cargo="${CARGO:-cargo}"
target="${CARGO_TARGET_DIR:-$root/target}"
case "$profile" in
    dev|debug) profile=dev; built_dir="$target/debug" ;;
    *) built_dir="$target/$profile" ;;
esac

version="$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -n 1)"
major="${version%%.*}"
case "$(uname -s)" in
    Darwin) os=macos ;;
    *) os=elf ;;
esac

if [ "$os" = macos ]; then
    real="libwininet.$version.dylib"
    soname="libwininet.$major.dylib"
    devlink="libwininet.dylib"
    built="libwininet.dylib"
else
    real="libwininet.so.$version"
    soname="libwininet.so.$major"
    devlink="libwininet.so"
    built="libwininet.so"
fi

static_libs_file="$built_dir/openinet-native-static-libs.txt"
if [ "$build" = 1 ]; then
    cd "$root"
    # The library: the shared one gets its soname here (not in every build:
    # the in-tree C tests link target/*/libwininet.so, which has no
    # libwininet.so.X beside it). --print native-static-libs names the
    # system libraries the static one needs (for Libs.private).
    link_args=()
    if [ "$os" = elf ]; then
        link_args=(-C "link-arg=-Wl,-soname,$soname")
    fi
    log="$(mktemp)"
    if ! "$cargo" rustc --profile "$profile" -p openinet-capi --lib --crate-type cdylib,staticlib \
        -- "${link_args[@]}" --print native-static-libs >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        exit 1
    fi
    sed -n 's/.*native-static-libs: //p' "$log" | tail -n 1 >"$static_libs_file"
    rm -f "$log"
    "$cargo" build --profile "$profile" -p openinet-cli --bin inet
fi
for f in "$built" libwininet.a inet; do
    [ -f "$built_dir/$f" ] || { echo "install.sh: $built_dir/$f is missing (run without --no-build)" >&2; exit 1; }
done
# The shared library must export exactly the functions the headers declare
# (rustc's own version script keeps std's and the crates' symbols local;
# this refuses a build where that failed, e.g. a dependency's #[no_mangle]).
declared="$(
    {
        grep -h '^OPENINET_API ' "$root/crates/openinet-capi/include/wininet.h"
        grep -hE '^[A-Za-z_][A-Za-z0-9_ *]* WINAPI [A-Za-z0-9_]+\(' "$root/crates/openinet-capi/include/windows.h" |
            grep -vE '^(typedef|static)'
    } | sed -e 's/(.*//' -e 's/.*[ *]//' | sort -u
)"
if [ "$os" = elf ] && command -v nm >/dev/null; then
    exported="$(nm -D --defined-only "$built_dir/$built" | awk '{print $3}' | sort -u)"
elif [ "$os" = macos ]; then
    exported="$(nm -gU "$built_dir/$built" | awk '{print $3}' | sed 's/^_//' | sort -u)"
else
    exported="$declared"
fi
if [ "$exported" != "$declared" ]; then
    echo "install.sh: $built exports other symbols than the headers declare:" >&2
    diff <(echo "$declared") <(echo "$exported") >&2 || true
    exit 1
fi

static_libs="$(cat "$static_libs_file" 2>/dev/null || true)"
if [ -z "$static_libs" ]; then
    if [ "$os" = macos ]; then
        static_libs="-framework Security -framework CoreFoundation -liconv -lSystem -lc -lm"
    else
        static_libs="-lgcc_s -lutil -lrt -lpthread -lm -ldl -lc"
    fi
fi

includedir="$prefix/include/openinet"
bindir="$prefix/bin"
mandir="$prefix/share/man"
datadir="$prefix/share"

d() { printf '%s%s' "$destdir" "$1"; }
install -d "$(d "$libdir")" "$(d "$includedir")" "$(d "$libdir/pkgconfig")" \
    "$(d "$libdir/cmake/wininet")" "$(d "$bindir")" "$(d "$mandir/man1")" "$(d "$mandir/man3")" \
    "$(d "$datadir/bash-completion/completions")" "$(d "$datadir/zsh/site-functions")" \
    "$(d "$datadir/fish/vendor_completions.d")" "$(d "$datadir/doc/openinet/examples")"

# The libraries.
install -m 0755 "$built_dir/$built" "$(d "$libdir/$real")"
ln -sfn "$real" "$(d "$libdir/$soname")"
ln -sfn "$soname" "$(d "$libdir/$devlink")"
install -m 0644 "$built_dir/libwininet.a" "$(d "$libdir/libwininet.a")"
if [ "$os" = elf ] && [ "$build" = 0 ]; then
    # Built by a plain cargo build: no soname yet.
    if ! readelf -d "$(d "$libdir/$real")" 2>/dev/null | grep -q "SONAME.*\[$soname\]"; then
        command -v patchelf >/dev/null || {
            echo "install.sh: --no-build needs patchelf to set the soname $soname (or run without --no-build)" >&2
            exit 1
        }
        patchelf --set-soname "$soname" "$(d "$libdir/$real")"
    fi
fi
if [ "$os" = macos ]; then
    # The install name is the path programs linked against it will load:
    # the major-version name in the final libdir (without DESTDIR).
    install_name_tool -id "$libdir/$soname" "$(d "$libdir/$real")"
fi

# The headers: -I$prefix/include/openinet makes <windows.h> and <wininet.h> work.
install -m 0644 "$root/crates/openinet-capi/include/wininet.h" "$(d "$includedir/wininet.h")"
install -m 0644 "$root/crates/openinet-capi/include/windows.h" "$(d "$includedir/windows.h")"

# pkg-config.
sed -e "s|@prefix@|$prefix|g" -e "s|@libdir@|$libdir|g" \
    -e "s|@version@|$version|g" -e "s|@static_libs@|$static_libs|g" \
    "$root/scripts/wininet.pc.in" >"$(d "$libdir/pkgconfig/wininet.pc")"

# CMake package: paths relative to the config file when libdir is inside the
# prefix (so a relocated tree still works), absolute otherwise.
cmake_dir="$libdir/cmake/wininet"
case "$libdir/" in
    "$prefix"/*)
        rel="${cmake_dir#"$prefix"}"
        up=""
        IFS=/ read -r -a parts <<<"${rel#/}"
        for _ in "${parts[@]}"; do up="$up/.."; done
        prefix_expr="\${CMAKE_CURRENT_LIST_DIR}$up"
        libdir_expr="\${_wininet_prefix}${libdir#"$prefix"}"
        ;;
    *)
        prefix_expr="$prefix"
        libdir_expr="$libdir"
        ;;
esac
# IMPORTED_SONAME: the soname on ELF, the install name (a path) on macOS.
soname_expr="$soname"
[ "$os" = macos ] && soname_expr="\${_wininet_libdir}/$soname"
sed -e "s|@prefix_expr@|$prefix_expr|g" -e "s|@libdir_expr@|$libdir_expr|g" \
    -e "s|@real@|$real|g" -e "s|@soname_expr@|$soname_expr|g" -e "s|@static_libs@|$static_libs|g" \
    "$root/scripts/wininetConfig.cmake.in" >"$(d "$cmake_dir/wininetConfig.cmake")"
sed -e "s|@version@|$version|g" \
    "$root/scripts/wininetConfigVersion.cmake.in" >"$(d "$cmake_dir/wininetConfigVersion.cmake")"

# inet, its man page and completions (generated from its clap definition).
install -m 0755 "$built_dir/inet" "$(d "$bindir/inet")"
"$built_dir/inet" generate man >"$(d "$mandir/man1/inet.1")"
"$built_dir/inet" generate bash >"$(d "$datadir/bash-completion/completions/inet")"
"$built_dir/inet" generate zsh >"$(d "$datadir/zsh/site-functions/_inet")"
"$built_dir/inet" generate fish >"$(d "$datadir/fish/vendor_completions.d/inet.fish")"
install -m 0644 "$root/docs/man/wininet.3" "$(d "$mandir/man3/wininet.3")"

# The C API reference and the examples.
install -m 0644 "$root/docs/capi-reference.md" "$(d "$datadir/doc/openinet/capi-reference.md")"
for f in "$root"/examples/c/*; do
    install -m 0644 "$f" "$(d "$datadir/doc/openinet/examples/$(basename "$f")")"
done

echo "install.sh: OpenINet $version installed into ${destdir}${prefix}"
