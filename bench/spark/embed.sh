#!/usr/bin/env bash
# `shiftscope spark embed` throughput at local[1] and local[2] (docs/benchmarks.md, issue 25): the embedding
# module's tiny MLP (ONNX and TorchScript, 4 inputs, 8-dimensional hidden layer) over generated numeric rows, and the
# built-in MiniLM sentence encoder over generated sentences. Usage: bash bench/spark/embed.sh [ROWS] [TEXTS]
# (default 1000000 and 20000).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rows="${1:-1000000}"
texts="${2:-20000}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
cd "$here"
python3 - "$dir" "$rows" "$texts" <<'PY'
import random, sys
d, n, t = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(3)
with open(f"{d}/rows.csv", "w") as f:
    f.write("id,a,b,c,d\n")
    for i in range(n):
        f.write("%d,%.4f,%.4f,%.4f,%.4f\n" % (i, rnd.gauss(0, 1), rnd.gauss(0, 1), rnd.gauss(0, 1), rnd.gauss(0, 1)))
subjects = ["the model", "our pipeline", "the camera", "the clinic", "this review", "the new batch", "a sensor"]
verbs = ["drifts", "fails", "works well", "is slower", "improves", "breaks", "changes"]
tails = ["after the update", "in the north", "at night", "on new users", "since March", "for older patients",
         "under heavy load", "when it rains"]
with open(f"{d}/texts.csv", "w") as f:
    f.write("id,text\n")
    for i in range(t):
        f.write('%d,"%s %s %s"\n' % (i, rnd.choice(subjects), rnd.choice(verbs), rnd.choice(tails)))
PY
./shiftscope spark --help >/dev/null 2>&1
for model in tiny_mlp.onnx tiny_mlp.pt; do
for master in 'local[1]' 'local[2]'; do
    start=$(date +%s.%N)
    ./shiftscope spark embed --master "$master" --input "$dir/rows.csv" --model \
        "modules/embedding/src/test/resources/models/$model" --columns a,b,c,d --keep id --batch 1024 \
        --out "$dir/out-$model-${master//[^a-z0-9]/}" 2>/dev/null
    end=$(date +%s.%N)
    python3 -c "print('$model $master: %.1f s wall, %.0f rows/s over the whole process' % ($end - $start, $rows / ($end - $start)))"
done
done
for master in 'local[1]' 'local[2]'; do
    start=$(date +%s.%N)
    ./shiftscope spark embed --master "$master" --input "$dir/texts.csv" --text text --keep id --batch 64 \
        --out "$dir/text-${master//[^a-z0-9]/}" 2>/dev/null
    end=$(date +%s.%N)
    python3 -c "print('MiniLM $master: %.1f s wall, %.0f texts/s over the whole process' % ($end - $start, $texts / ($end - $start)))"
done
