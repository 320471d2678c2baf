#!/usr/bin/env python3
"""Reference values from POT (Python Optimal Transport) for the transport module's tests.

Run with Debian's python3 (apt-get install python3-pot python3-sklearn), from this folder:
    /usr/bin/python3 make_fixtures.py ../../../../../../../shared/data
Writes case_*_x.npy / case_*_y.npy (inputs) and expected.csv (one line per reference value).
Definitions follow Kulinski & Inouye, "Towards Explaining Distribution Shifts" (ICML 2023), as in issue 3:
  W2^2 = ot.emd2(uniform, uniform, squared Euclidean cost)
  PercentExplained(T) = 100 (W2^2(X,Y) - W2^2(T(X),Y)) / W2^2(X,Y)
  k-sparse mean shift: shift the k features with the largest |mean_Y - mean_X| by the mean difference
  k-sparse OT: copy the k columns of Z = diag(G1)^-1 G Y with the largest ||Z_j - X_j|| into X
  Gaussian (Bures) map: T(x) = mu_y + A (x - mu_x), A = Sx^-1/2 (Sx^1/2 Sy Sx^1/2)^1/2 Sx^-1/2
"""
import csv
import sys

import numpy as np
import ot
from scipy.linalg import sqrtm

rows = []


def w2(x, y):
    a = np.full(len(x), 1.0 / len(x))
    b = np.full(len(y), 1.0 / len(y))
    return ot.emd2(a, b, ot.dist(x, y), numItermax=10_000_000)


def plan(x, y):
    a = np.full(len(x), 1.0 / len(x))
    b = np.full(len(y), 1.0 / len(y))
    return ot.emd(a, b, ot.dist(x, y), numItermax=10_000_000)


def record(case, quantity, k, value):
    rows.append((case, quantity, k, repr(float(value))))


def curves(case, x, y, kmax, with_ot):
    base = w2(x, y)
    record(case, "w2sq", 0, base)
    diff = y.mean(0) - x.mean(0)
    order = np.argsort(-np.abs(diff), kind="stable")
    for k in range(1, kmax + 1):
        t = x.copy()
        t[:, order[:k]] += diff[order[:k]]
        record(case, "ksparse-mean", k, 100 * (base - w2(t, y)) / base)
    if with_ot:
        g = plan(x, y)
        z = (g @ y) / g.sum(1, keepdims=True)
        norms = np.linalg.norm(z - x, axis=0)
        order = np.argsort(-norms, kind="stable")
        for k in range(1, kmax + 1):
            t = x.copy()
            t[:, order[:k]] = z[:, order[:k]]
            record(case, "ksparse-ot", k, 100 * (base - w2(t, y)) / base)
    sx = np.cov(x, rowvar=False, bias=True)
    sy = np.cov(y, rowvar=False, bias=True)
    sx_half = np.real(sqrtm(sx))
    sx_inv_half = np.linalg.inv(sx_half)
    a = sx_inv_half @ np.real(sqrtm(sx_half @ sy @ sx_half)) @ sx_inv_half
    t = y.mean(0) + (x - x.mean(0)) @ a.T
    record(case, "gaussian", 0, 100 * (base - w2(t, y)) / base)


rng = np.random.default_rng(20261122)
for name, n, m, d in [("square", 60, 60, 2), ("rect", 70, 45, 3), ("wide", 200, 150, 5), ("d10", 300, 300, 10)]:
    x = rng.normal(size=(n, d))
    y = rng.normal(size=(m, d)) * rng.uniform(0.5, 2.0, size=d) + rng.normal(size=d)
    np.save(f"case_{name}_x.npy", x)
    np.save(f"case_{name}_y.npy", y)
    curves(name, x, y, min(d, 4), with_ot=True)

# Breast cancer Wisconsin: benign (class 2) -> malignant (class 4), 9 features, rows with '?' dropped, raw units.
data = sys.argv[1] if len(sys.argv) > 1 else "../../../../../../../shared/data"
with open(f"{data}/breast-cancer-wisconsin.csv") as f:
    table = [r for r in csv.DictReader(f) if "?" not in r.values()]
features = [c for c in table[0].keys() if c not in ("id", "class")]
bx = np.array([[float(r[c]) for c in features] for r in table if r["class"] == "2"])
by = np.array([[float(r[c]) for c in features] for r in table if r["class"] == "4"])
# the k-sparse OT curve depends on which optimal plan a solver returns (integer data has ties), so only the
# plan-independent quantities are compared here
curves("breast-cancer", bx, by, 9, with_ot=False)

# Integer grids with sides of unequal size: many exact ties and degenerate pivots for the n != m exact solver
grid = np.random.default_rng(11)
for name, n, m in [("grid-300x170", 300, 170), ("grid-240x160", 240, 160), ("grid-97x31", 97, 31),
                   ("grid-5x400", 5, 400)]:
    x = grid.integers(0, 6, size=(n, 2)).astype(float)
    y = grid.integers(0, 6, size=(m, 2)).astype(float)
    y[:, 0] += 0.5
    np.save(f"case_{name}_x.npy", x)
    np.save(f"case_{name}_y.npy", y)
    record(name, "w2sq", 0, w2(x, y))

with open("expected.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["case", "quantity", "k", "value"])
    w.writerows(rows)
print(f"{len(rows)} reference values; breast cancer: {len(bx)} benign, {len(by)} malignant")
