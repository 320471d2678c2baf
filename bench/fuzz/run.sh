#!/usr/bin/env bash
# Fuzzes every reader with Jazzer (JUnit @FuzzTest targets in modules/io and modules/workflow), each for the
# maxDuration its annotation sets, ROUNDS times (default 1), and prints the executions and findings per target.
# A finding is a crash-* file Jazzer writes into the target's ...FuzzTestInputs/<target>/ folder; once the reader is
# fixed it stays there as a regression input that every build replays. Not part of CI (it runs for minutes).
# Usage: bench/fuzz/run.sh [ROUNDS]    (from the repository root)
set -uo pipefail
rounds="${1:-1}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$here"
./mvnw -B -q -o install -DskipTests >/dev/null || exit 1
targets=(
    "modules/io ReaderFuzzTest#csv" "modules/io ReaderFuzzTest#gzipCsv" "modules/io ReaderFuzzTest#npy"
    "modules/io ReaderFuzzTest#npz" "modules/io ReaderFuzzTest#idx" "modules/io ReaderFuzzTest#image"
    "modules/workflow RecordFuzzTest#project" "modules/workflow RecordFuzzTest#runRecord"
)
total=0
findings=0
for round in $(seq "$rounds"); do
    for t in "${targets[@]}"; do
        module="${t%% *}"
        test="${t#* }"
        log="$(mktemp)"
        ./mvnw -B -o verify -Pfuzz -pl "$module" -Dtest="$test" >"$log" 2>&1
        rc=$?
        execs="$(grep -oE '^#[0-9]+' "$log" | tail -n 1 | tr -d '#')"
        execs="${execs:-0}"
        total=$((total + execs))
        found=0
        if [ "$rc" != 0 ]; then found=1; findings=$((findings + 1)); fi
        printf 'round %s  %-34s %12s executions  %s\n' "$round" "$test" "$execs" \
            "$([ $found = 1 ] && echo "FINDING (see $log)" || echo "no finding")"
        [ "$found" = 0 ] && rm -f "$log"
    done
done
echo "total: $total executions, $findings findings"
