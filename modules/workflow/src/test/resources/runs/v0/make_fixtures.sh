#!/usr/bin/env bash
# Golden run records: what `adapt` stored in runs.db before run records carried a schema (ShiftScope at commit
# d744cca), one per method (and the user-model path of bbse, bbse-soft, mlls). Run from the repository root of
# that commit: bash modules/workflow/src/test/resources/runs/v0/make_fixtures.sh OUT_DIR
# Data: a planted tabular shift (python below, seeded) and the spurious-colour demo images (intensity 0.8).
set -euo pipefail
out=$(realpath -m "$1"); mkdir -p "$out"
export SHIFTSCOPE_DATA="$out/data"
python3 - "$out" <<'PY'
import random, sys
out = sys.argv[1]
r = random.Random(5)
for name, n, shift in (("ref", 1500, 0), ("tgt", 1000, 1)):
    with open(f"{out}/{name}.csv", "w") as f:
        f.write("group,x1,x2,x3,y\n")
        for i in range(n):
            b = r.random() < (0.1 if shift == 0 else 0.4)
            x1 = r.gauss(0.8 * shift, 1); x2 = r.gauss(0, 1); x3 = r.gauss(shift * 1.5, 1)
            y = (x2 > 0) if b else (x1 + 0.5 * x2 > 0.3)
            if r.random() < 0.05:
                y = not y
            f.write(f"{'B' if b else 'A'},{x1:.5f},{x2:.5f},{x3:.5f},{'yes' if y else 'no'}\n")
PY
S=./shiftscope
$S demo --scenario spurious-colour --intensity 0.8 --out "$out/img" >/dev/null
for m in bbse bbse-soft mlls iw kliep coral lame pseudo group-upweight group-dro dann wise-ft; do
  $S adapt --reference "$out/ref.csv" --target "$out/tgt.csv" --label y --group group --method $m --epochs 3 \
      --resamples 50 --clusters 3 --alpha 0.3 --format json > "$out/$m.out.json"
done
for m in bn alpha-bn tent; do
  $S adapt --reference "$out/img/reference" --target "$out/img/target" --label label --group label --method $m \
      --epochs 2 --resamples 50 --clusters 3 --format json > "$out/img-$m.out.json"
done
M=modules/embedding/src/test/resources/models
for m in bbse bbse-soft mlls; do
  $S adapt --reference $M/label_shift_ref.csv --target $M/label_shift_tgt.csv --label y --model $M/tiny_mlp.onnx \
      --model-output 1 --model-input a,b,c,d --method $m --resamples 50 --clusters 2 --format json \
      > "$out/model-$m.out.json"
done
# the stored results, one file per method
$S runs --format json | python3 -c '
import json, sys
out = sys.argv[1]
for r in json.load(sys.stdin)["runs"]:
    if r["status"] == "done" and r.get("result"):
        name = r["method"] + ("-user-model" if "onnx" in r["model_hash"] else "")
        json.dump(r["result"], open(f"{out}/{name}.json", "w"), indent=1)
' "$out"
