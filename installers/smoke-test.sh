#!/usr/bin/env bash
# Checks a .deb the way a user meets it (CI runs this after installers/package.sh deb):
#  1. its control fields and size (the goal: under 200 MiB);
#  2. extracted with dpkg-deb -x into a temporary folder: the launcher's --version and one headless analysis, run
#     from another folder;
#  3. the first window's cold start under Xvfb (when xvfb-run is installed), measured by the app itself;
#  4. as root with apt (CI): installed with apt, `shiftscope` from PATH in any folder, the menu entry and the project
#     file type, then `dpkg -r` leaves nothing behind.
#   installers/smoke-test.sh target/installer/shiftscope_*.deb
set -euo pipefail
deb="$(readlink -f "$1")"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fail() { echo "smoke test FAILED: $*" >&2; exit 1; }

version="$(dpkg-deb -f "$deb" Version)"
mib=$(( $(stat -c %s "$deb") / 1048576 ))
echo "package: $(basename "$deb"), version $version, $mib MiB, maintainer: $(dpkg-deb -f "$deb" Maintainer)"
[ "$mib" -lt 200 ] || fail "the package is $mib MiB (goal: under 200)"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "Version field '$version'"
[ -n "$(dpkg-deb -f "$deb" Maintainer)" ] || fail "no Maintainer"
scripts="$(dpkg-deb -I "$deb" | grep -E '^ *[0-9]+ bytes, +[0-9]+ lines +\*? *(pre|post)(inst|rm)' || true)"
[ -z "$scripts" ] || echo "maintainer scripts: $scripts"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
dpkg-deb -x "$deb" "$tmp/root"
bin="$tmp/root/opt/shiftscope/bin/ShiftScope"
work="$tmp/work" && mkdir -p "$work" && cd "$work"
got="$("$bin" --version)"
[ "$got" = "ShiftScope $version" ] || fail "--version printed '$got'"
export SHIFTSCOPE_DATA="$tmp/data" SHIFTSCOPE_CACHE="$tmp/cache" SHIFTSCOPE_STATE="$tmp/state" DJL_CACHE_DIR="$tmp/djl"
"$bin" detect --demo covariate-mean --format json > detect.json || fail "detect exited $?"
grep -q '"schema" : "shiftscope/detect/v1"' detect.json || fail "detect printed no result: $(head -c 300 detect.json)"
echo "extracted: --version and a headless detect work ($(grep -c . detect.json) lines of JSON)"
"$bin" gpu --device auto | tail -n1

if command -v xvfb-run >/dev/null; then
    for i in 1 2 3; do
        SHIFTSCOPE_STARTUP_REPORT=exit timeout 120 xvfb-run -a "$bin" 2>&1 \
            | grep "first window" || fail "the app did not open a window under Xvfb"
    done
fi

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    cd /
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >/dev/null || fail "apt install"
    [ "$(command -v shiftscope)" = /usr/bin/shiftscope ] || fail "shiftscope is not on PATH"
    [ "$(cd / && shiftscope --version)" = "ShiftScope $version" ] || fail "shiftscope --version from /"
    (cd "$work" && shiftscope detect --demo covariate-mean --format json > installed.json) || fail "installed detect"
    grep -q '^MimeType=application/x-shiftscope-project;' /usr/share/applications/shiftscope.desktop || fail "MimeType"
    grep -q '^StartupWMClass=' /usr/share/applications/shiftscope.desktop || fail "StartupWMClass"
    grep -q 'glob pattern="\*.shiftscope.json"' /usr/share/mime/packages/shiftscope.xml || fail "MIME glob"
    bash -c 'source /usr/share/bash-completion/completions/shiftscope && complete -p shiftscope' >/dev/null \
        || fail "bash completion"
    echo "installed: shiftscope on PATH, detect from $work, menu entry and project file type registered"
    dpkg -r shiftscope >/dev/null || fail "dpkg -r"
    left="$(dpkg -L shiftscope 2>/dev/null || true)"
    [ ! -e /opt/shiftscope ] && [ ! -e /usr/bin/shiftscope ] && [ ! -e /usr/share/applications/shiftscope.desktop ] \
        || fail "dpkg -r left files behind"
    echo "removed: nothing left of the package${left:+ (dpkg still lists: $left)}"
fi
echo "smoke test passed"
