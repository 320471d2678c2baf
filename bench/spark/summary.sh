#!/usr/bin/env bash
# The issue's "done means" on 10 million generated rows (docs/benchmarks.md, issue 25): `shiftscope spark detect
# --master local[2] ... --out summary.shiftscope.json`, timed, then the app renders the summary project headlessly
# (its Full data view and its Map view of the sample). Usage: bash bench/spark/summary.sh [ROWS_PER_SIDE] [OUT_DIR]
# (default 5000000 and a temporary folder; the PNGs are kept in OUT_DIR when given). Also times the per-column
# tests with and without the MMD test.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rows="${1:-5000000}"
dir="$(mktemp -d)"
keep="${2:-$dir}"
trap 'rm -rf "$dir"' EXIT
cd "$here"
source bench/spark/common.sh
gen "$rows" "$dir"
./shiftscope spark --help >/dev/null 2>&1
# the MMD test's cost: the per-column tests with and without it
for mmd in --no-mmd ''; do
    start=$(date +%s.%N)
    ./shiftscope spark detect --master 'local[2]' --reference "$dir/ref/*.parquet" --target "$dir/tgt/*.parquet" \
        --no-classifier $mmd --format json 2>/dev/null > "$dir/mmd.json"
    end=$(date +%s.%N)
    python3 -c "import json; d=json.load(open('$dir/mmd.json')); m=d.get('mmd'); print('spark detect --no-classifier $mmd, local[2]: %.1f s wall' % ($end - $start) + ('; MMD %.5f, p %.3g, %s' % (m['statistic'], m['p_value'], m['method']) if m else ''))"
done
start=$(date +%s.%N)
./shiftscope spark detect --master 'local[2]' --reference "$dir/ref/*.parquet" --target "$dir/tgt/*.parquet" \
    --out "$dir/summary.shiftscope.json" 2>"$dir/err.txt"
end=$(date +%s.%N)
echo "spark detect --out, local[2], $((2 * rows)) rows: $(python3 -c "print('%.1f' % ($end - $start))") s wall"
grep "^wrote" "$dir/err.txt"
ls -la "$dir"/summary.*
./shiftscope snapshot --project "$dir/summary.shiftscope.json" --view summary --height 1100 --out "$keep/summary-full-data.png"
./shiftscope snapshot --project "$dir/summary.shiftscope.json" --view map --out "$keep/summary-map.png"
