#!/usr/bin/env bash
# `shiftscope spark detect` on generated rows at local[1] and local[2], and the single-machine `detect` on the same
# Parquet files (docs/benchmarks.md, issue 25). Usage: bash bench/spark/run.sh [ROWS_PER_SIDE] (default 5000000:
# 10 million rows in all). Needs about 1 GB of disk under $TMPDIR.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rows="${1:-5000000}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
cd "$here"
source bench/spark/common.sh
echo "generating $rows rows a side under $dir ..." >&2
gen "$rows" "$dir"
du -sh "$dir"/ref "$dir"/tgt >&2
./shiftscope spark --help >/dev/null 2>&1 # builds the launcher's copy before anything is timed
for tests in --no-classifier ''; do
for master in 'local[1]' 'local[2]'; do
    start=$(date +%s.%N)
    ./shiftscope spark detect --master "$master" --reference "$dir/ref/*.parquet" --target "$dir/tgt/*.parquet" \
        $tests --format json 2>/dev/null > "$dir/spark.json"
    end=$(date +%s.%N)
    python3 -c "import json,sys; d=json.load(open('$dir/spark.json')); e=d['engine']; n=e['rows_reference']+e['rows_target']; w=$end-$start; c=d.get('classifier'); print('spark %s %s: %d rows, %.1f s in the command (%.1f s wall with the JVM), %.0f rows/s; ' % ('$master', '$tests', n, e['seconds'], w, n/w) + ', '.join('%s %s=%.5f' % (c['column'], c['test'], c['statistic']) for c in d['univariate']) + ('; classifier AUC %.4f' % c['auc'] if c else ''))"
done
done
start=$(date +%s.%N)
/usr/bin/time -f "%e s wall, %M KB peak resident" ./shiftscope detect --reference "$(ls "$dir"/ref-one/*.parquet)" \
    --target "$(ls "$dir"/tgt-one/*.parquet)" --permutations 0 --format json > "$dir/desktop.json" 2> "$dir/desktop.err" || true
end=$(date +%s.%N)
tail -1 "$dir/desktop.err" >&2
python3 -c "import json; d=json.load(open('$dir/desktop.json')); n=d['univariate'][0]['n_reference']+d['univariate'][0]['n_target']; print('desktop detect: %.1f s wall; ' % ($end-$start) + ', '.join('%s %s=%.5f' % (c['column'], c['test'], c['statistic']) for c in d['univariate']))" 2>/dev/null \
    || { echo "desktop detect failed:" >&2; cat "$dir/desktop.err" >&2; }
