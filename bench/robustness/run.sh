#!/usr/bin/env bash
# The robustness run: every input of make_corpus.py through every command that reads it, each with a time limit.
# Prints one line per run (outcome, command, file) and a summary; outcomes:
#   clean    exit 2 with one "error:" line naming the file and no Java exception text
#   ok       exit 0 for an input meant to load (ok_*)
#   silent   exit 0 for an input meant to fail (bad_*; edge_* inputs may load or fail cleanly)
#   unclear  exit 2 without naming the file, or with exception text
#   crash    any other exit code, or a stack trace
#   hang     still running after the limit
# Usage: bench/robustness/run.sh [LIMIT_SECONDS]   (from the repository root; uses ./shiftscope)
set -uo pipefail
limit="${1:-60}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 "$here/bench/robustness/make_corpus.py" "$work/in" || exit 1
mkfifo "$work/in/bad_fifo.csv"
ln -s /etc/hostname "$work/in/ok_symlink.csv" 2>/dev/null || true
"$here/shiftscope" --version >/dev/null 2>&1 # build once, outside the timings
declare -A count
runs=0
classify() { # $1 file, $2 rc, $3 stderr file
    local f="$1" rc="$2" err="$3" name
    name="$(basename "$f")"
    if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then echo hang; return; fi
    if grep -qE '^\s+at |Exception in thread|OutOfMemoryError' "$err"; then echo crash; return; fi
    if [ "$rc" = 0 ]; then [[ "$name" == ok_* || "$name" == edge_* ]] && echo ok || echo silent; return; fi
    if [ "$rc" != 2 ]; then echo crash; return; fi
    if grep -qE 'unexpected [A-Za-z]+Exception|Exception:|/ by zero' "$err"; then echo unclear; return; fi
    if grep -q "^error: .*${name%%.*}" "$err" || grep -q "^error: .*${name}" "$err"; then echo clean; return; fi
    echo unclear
}
run() { # $1 file, rest: command
    local f="$1"; shift
    local err="$work/err" rc
    timeout -k 5 "$limit" "$here/shiftscope" "$@" >"$work/out" 2>"$err" </dev/null
    rc=$?
    local c
    c="$(classify "$f" "$rc" "$err")"
    count[$c]=$(( ${count[$c]:-0} + 1 ))
    runs=$((runs + 1))
    printf '%-8s %-40s %s\n' "$c" "$(basename "$f")" "$1: $(head -c 160 "$err" | head -n 1)"
}
for f in "$work"/in/*; do
    name="$(basename "$f")"
    case "$name" in
        *.shiftscope.json)
            run "$f" report --project "$f" --out "$work/r.html"
            run "$f" snapshot --project "$f" --out "$work/s.png"
            ;;
        *.png)
            run "$f" inspect "$f"
            ;;
        *.onnx)
            run "$f" embed --data "$work/in/ok_small.csv" --model "$f" --out "$work/e.npy"
            ;;
        *)
            run "$f" inspect "$f"
            run "$f" detect --reference "$f" --target "$f" --permutations 0
            run "$f" map --reference "$f" --target "$f" --no-tests
            ;;
    esac
done
# outputs never follow a link planted where they go
printf 'precious\n' > "$work/victim"
for cmd in "map --demo mixture-ring --no-tests --out" "embed --data $work/in/ok_npy.npy --model $here/modules/embedding/src/test/resources/models/tiny_mlp.onnx --out"; do
    ln -sf "$work/victim" "$work/planted"
    timeout -k 5 "$limit" "$here/shiftscope" $cmd "$work/planted" >/dev/null 2>&1
    if [ "$(cat "$work/victim")" = precious ]; then c=clean; else c=crash; fi
    count[$c]=$(( ${count[$c]:-0} + 1 )); runs=$((runs + 1))
    printf '%-8s %-40s %s\n' "$c" "planted link" "${cmd%% *} --out LINK: the link's target $( [ $c = clean ] && echo untouched || echo OVERWRITTEN)"
done
echo "runs: $runs"
for k in clean ok silent unclear crash hang; do printf '%-8s %d\n' "$k" "${count[$k]:-0}"; done
