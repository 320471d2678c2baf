#!/usr/bin/env bash
# Remakes summary.shiftscope.json and summary.sample.csv (SummaryViewTest's fixture): a Spark run on generated data.
# Three customer segments (age, income, hours) whose shares change and one of which grows older; a group column,
# a label and a model's prediction that errs more on the target side.
# Run from the repository root: bash modules/ui/src/test/resources/summary/make_fixture.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
/usr/bin/python3 - "$work" <<'PY'
import sys
import numpy as np
rng = np.random.default_rng(11)
centres = np.array([[30, 35, 40], [45, 70, 45], [60, 50, 30]], float)
spread = np.array([5, 8, 5], float)
for side, n, shares in (("ref", 120_000, (0.5, 0.3, 0.2)), ("tgt", 90_000, (0.3, 0.3, 0.4))):
    seg = rng.choice(3, size=n, p=shares)
    x = centres[seg] + spread * rng.normal(size=(n, 3))
    if side == "tgt":
        x[seg == 2, 0] += 4  # the oldest segment grows older
    region = rng.choice(["north", "south"], size=n, p=(0.6, 0.4))
    label = (rng.random(n) < 0.25 + 0.3 * (seg == 1)).astype(int)
    err = 0.12 if side == "ref" else 0.2
    pred = np.where(rng.random(n) < err, 1 - label, label)
    with open(f"{sys.argv[1]}/{side}.csv", "w") as f:
        f.write("age,income,hours,region,label,pred\n")
        for i in range(n):
            f.write(f"{x[i,0]:.1f},{x[i,1]:.2f},{x[i,2]:.1f},{region[i]},{label[i]},{pred[i]}\n")
PY
./shiftscope spark detect --master 'local[2]' --reference "$work/ref.csv" --target "$work/tgt.csv" \
    --columns age,income,hours,region --clusters 4 --sample 3000 --audit-label label --audit-prediction pred \
    --audit-group region --out "$here/summary.shiftscope.json"
rm -rf "$work"
