#!/usr/bin/env bash
# The issue's "done means" on 10 million generated rows (docs/benchmarks.md, issue 25): `shiftscope spark detect
# --master local[2] ... --out summary.shiftscope.json`, timed, then the app renders the summary project headlessly
# (its Full data view and its Map view of the sample). Usage: bash bench/spark/summary.sh [ROWS_PER_SIDE] [OUT_DIR]
# (default 5000000 and a temporary folder; the PNGs are kept in OUT_DIR when given).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rows="${1:-5000000}"
dir="$(mktemp -d)"
keep="${2:-$dir}"
trap 'rm -rf "$dir"' EXIT
cd "$here"
./mvnw -B -q -o -DskipTests -pl modules/spark -am install >/dev/null
./mvnw -B -q -o -pl modules/spark test-compile >/dev/null
jdk="$(./shiftscope --print-jdk)"
opens=()
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.util.calendar; do
    opens+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
"$jdk/bin/java" "${opens[@]}" -cp "modules/spark/target/test-classes:modules/spark/target/shiftscope-spark.jar:modules/spark/target/lib/*" \
    org.shiftscope.spark.SparkBenchData "$rows" "$dir" 2>/dev/null
./shiftscope spark --help >/dev/null 2>&1
start=$(date +%s.%N)
./shiftscope spark detect --master 'local[2]' --reference "$dir/ref/*.parquet" --target "$dir/tgt/*.parquet" \
    --out "$dir/summary.shiftscope.json" 2>"$dir/err.txt"
end=$(date +%s.%N)
echo "spark detect --out, local[2], $((2 * rows)) rows: $(python3 -c "print('%.1f' % ($end - $start))") s wall"
grep "^wrote" "$dir/err.txt"
ls -la "$dir"/summary.*
./shiftscope snapshot --project "$dir/summary.shiftscope.json" --view summary --height 1100 --out "$keep/summary-full-data.png"
./shiftscope snapshot --project "$dir/summary.shiftscope.json" --view map --out "$keep/summary-map.png"
