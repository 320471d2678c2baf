#!/usr/bin/env bash
# Loading speed and memory, side by side in one run (issue 24): `shiftscope inspect` against pandas' read_csv on
#   (1) 1,000,000 rows x 10 numeric columns (95 MB, made here with a seeded generator), and
#   (2) ../shared/data/adult.csv repeated 30 times (977,000 rows, mixed types, '?' for missing).
# Wall time and peak resident memory from /usr/bin/time; each measured three times, the best kept.
# Usage: bash bench/loading/run.sh [DATA_DIR]   (needs python3-pandas; run from the repository root)
set -euo pipefail
data=${1:-../shared/data}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
/usr/bin/python3 - "$dir" "$data" <<'PY'
import sys, numpy as np
d, data = sys.argv[1], sys.argv[2]
rng = np.random.default_rng(24)
x = rng.normal(size=(1_000_000, 10))
np.savetxt(d + "/numeric.csv", x, delimiter=",", fmt="%.6f", header=",".join("x%d" % i for i in range(10)),
           comments="")
lines = open(data + "/adult.csv").read().splitlines()
with open(d + "/adult30.csv", "w") as f:
    f.write(lines[0] + "\n")
    for _ in range(30):
        f.write("\n".join(lines[1:]) + "\n")
PY
ls -l "$dir"/*.csv | awk '{printf "%s %.1f MB\n", $NF, $5 / 1e6}'
measure() { # label, command...
    local best_t=999999 best_m=0
    for i in 1 2 3; do
        /usr/bin/time -f "%e %M" -o "$dir/t" "${@:2}" >/dev/null 2>&1
        read -r t m < "$dir/t"
        if (( $(echo "$t < $best_t" | bc) )); then best_t=$t; best_m=$m; fi
    done
    printf "%-34s %8.2f s %8.0f MB\n" "$1" "$best_t" "$(echo "$best_m / 1024" | bc)"
}
# BEFORE=path/to/an/older/checkout's/shiftscope adds its inspect to the table (the same files, the same run)
for f in numeric adult30; do
    measure "shiftscope inspect $f" ./shiftscope inspect "$dir/$f.csv"
    if [ -n "${BEFORE:-}" ]; then measure "before: inspect $f" "$BEFORE" inspect "$dir/$f.csv"; fi
    measure "pandas read_csv $f" /usr/bin/python3 -c "import pandas, sys; pandas.read_csv(sys.argv[1], na_values='?')" "$dir/$f.csv"
    /usr/bin/python3 -c "import pandas, sys, time; t = time.time(); pandas.read_csv(sys.argv[1], na_values='?'); print('  (pandas read_csv alone: %.2f s)' % (time.time() - t))" "$dir/$f.csv"
done
