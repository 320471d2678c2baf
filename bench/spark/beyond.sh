#!/usr/bin/env bash
# The issue's "done means" on data the desktop analysis does not take (docs/benchmarks.md, issue 25): 15 million rows
# a side (30 million), generated as Parquet; `shiftscope spark detect --master local[2] --out summary.shiftscope.json`
# timed; the summary opened by the app (rendered headlessly); and the desktop `detect` on the same rows (one file a
# side), which at the launcher's default heap (half the machine's memory) either finishes or says it lacks memory.
# Usage: bash bench/spark/beyond.sh [ROWS_PER_SIDE] [OUT_DIR] [DESKTOP_SECONDS] (default 15000000, a temporary
# folder, 1800: the desktop command is stopped after that long).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rows="${1:-15000000}"
dir="$(mktemp -d)"
keep="${2:-$dir}"
limit="${3:-1800}"
trap 'rm -rf "$dir"' EXIT
cd "$here"
source bench/spark/common.sh
gen "$rows" "$dir"
du -sh "$dir"/ref "$dir"/tgt
./shiftscope spark --help >/dev/null 2>&1
start=$(date +%s.%N)
./shiftscope spark detect --master 'local[2]' --reference "$dir/ref/*.parquet" --target "$dir/tgt/*.parquet" \
    --out "$dir/summary.shiftscope.json" 2>"$dir/err.txt"
end=$(date +%s.%N)
echo "spark detect --out, local[2], $((2 * rows)) rows: $(python3 -c "print('%.1f' % ($end - $start))") s wall"
./shiftscope snapshot --project "$dir/summary.shiftscope.json" --view summary --height 1100 --out "$keep/beyond-full-data.png"
start=$(date +%s.%N)
set +e
/usr/bin/time -f "%e s wall, %M KB peak resident" timeout "$limit" ./shiftscope detect \
    --reference "$(ls "$dir"/ref-one/*.parquet)" --target "$(ls "$dir"/tgt-one/*.parquet)" --permutations 0 \
    --format json > "$dir/desktop.json" 2> "$dir/desktop.err"
code=$?
set -e
echo "desktop detect: exit $code; $(grep -v '^\s*$' "$dir/desktop.err" | tail -2 | tr '\n' ' ')"
