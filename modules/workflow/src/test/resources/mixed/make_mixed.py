#!/usr/bin/env python3
"""Independent reference for ShiftScope's mixed-data k-cluster explanation (issue 24), with POT and scikit-learn.

Kulinski & Inouye, "Towards Explaining Distribution Shifts" (ICML 2023), treat a table of continuous and discrete
features as follows, and so does this script:
  1. every column (a binary column as 0/1, a categorical one one-hot) is scaled by a StandardScaler fitted on the
     reference (source) side only;
  2. the exact OT plan P between the sides (uniform weights, squared Euclidean cost, ot.emd) gives the map
     T(x_i) = n_ref * sum_j P_ij y_j;
  3. for each k, k-means (k-means++, scikit-learn) on the paired points [x, T(x)] makes k clusters;
  4. a cluster's continuous features move by the cluster's mean displacement, and its discrete features are set to
     the cluster's target distribution (the mean of the transported values, read as a probability per category),
     sampled independently for every point;
  5. PercentExplained = 100 (W2^2(X, Y) - W2^2(T_k(X), Y)) / W2^2(X, Y), averaged over repeated samples.

Run from this folder with Debian's python3 (apt-get install python3-pot python3-sklearn):
    /usr/bin/python3 make_mixed.py
Writes mixed.csv (the table: side, a, b, g, colour) and expected.csv (case, quantity, k, cluster, value).
"""
import csv

import numpy as np
import ot
from sklearn.cluster import KMeans
from sklearn.preprocessing import StandardScaler

rng = np.random.default_rng(24)
COLOURS = ["blue", "green", "red"]  # one-hot columns in sorted order, as ShiftScope encodes them


def side(groups):
    rows = []
    for centre, p_g, p_colour, n in groups:
        ab = rng.normal(centre, 0.4, size=(n, 2))
        g = (rng.random(n) < p_g).astype(int)
        colour = rng.choice(COLOURS, size=n, p=p_colour)
        rows += [(a, b, gi, c) for (a, b), gi, c in zip(ab, g, colour)]
    return rows


ref = side([((0, 0), 0.2, (0.1, 0.1, 0.8), 100), ((6, 0), 0.5, (0.1, 0.8, 0.1), 90), ((0, 6), 0.5, (1 / 3, 1 / 3, 1 / 3), 110)])
tgt = side([((2, 0), 0.8, (0.8, 0.1, 0.1), 100), ((6, 2), 0.5, (0.1, 0.8, 0.1), 90), ((0, 6), 0.5, (1 / 3, 1 / 3, 1 / 3), 110)])

with open("mixed.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["side", "a", "b", "g", "colour"])
    for name, rows in (("reference", ref), ("target", tgt)):
        for a, b, g, c in rows:
            w.writerow([name, repr(float(a)), repr(float(b)), g, c])


def encode(rows):
    return np.array([[a, b, g] + [1.0 if c == k else 0.0 for k in COLOURS] for a, b, g, c in rows])


xr, yr = encode(ref), encode(tgt)
scaler = StandardScaler().fit(xr)
x, y = scaler.transform(xr), scaler.transform(yr)
lo, hi = scaler.transform(np.zeros((1, 6)))[0], scaler.transform(np.ones((1, 6)))[0]
n, m = len(x), len(y)
P = ot.emd(np.full(n, 1 / n), np.full(m, 1 / m), ot.dist(x, y), numItermax=10_000_000)
z = n * P @ y
base = ot.emd2(np.full(n, 1 / n), np.full(m, 1 / m), ot.dist(x, y), numItermax=10_000_000)

out = [("all", "w2sq", 0, -1, base)]
REPEATS = 400
for k in (1, 2, 3):
    labels = KMeans(n_clusters=k, init="k-means++", n_init=10, random_state=0).fit_predict(np.hstack([x, z]))
    # clusters in the order of their smallest reference row, so the test can match them
    order = sorted(range(k), key=lambda c: np.flatnonzero(labels == c)[0])
    delta, p_g, p_colour = {}, {}, {}
    for c in order:
        rows = labels == c
        delta[c] = (z[rows] - x[rows]).mean(axis=0)
        mean_t = z[rows].mean(axis=0)
        p_g[c] = np.clip((mean_t[2] - lo[2]) / (hi[2] - lo[2]), 0, 1)
        q = np.clip((mean_t[3:] - lo[3:]) / (hi[3:] - lo[3:]), 0, 1)
        p_colour[c] = q / q.sum()
        idx = order.index(c)
        out.append(("k%d" % k, "size", k, idx, rows.sum()))
        out.append(("k%d" % k, "delta_a", k, idx, delta[c][0]))
        out.append(("k%d" % k, "delta_b", k, idx, delta[c][1]))
        out.append(("k%d" % k, "p_g1", k, idx, p_g[c]))
        for j, name in enumerate(COLOURS):
            out.append(("k%d" % k, "p_colour_" + name, k, idx, p_colour[c][j]))
    pes = []
    sampler = np.random.default_rng(k)
    for _ in range(REPEATS):
        t = x.copy()
        for c in order:
            rows = np.flatnonzero(labels == c)
            t[rows, 0:2] += delta[c][0:2]
            g1 = sampler.random(len(rows)) < p_g[c]
            t[rows, 2] = np.where(g1, hi[2], lo[2])
            pick = sampler.choice(3, size=len(rows), p=p_colour[c])
            t[rows, 3:] = lo[3:]
            t[rows, 3 + pick] = hi[3 + pick]
        after = ot.emd2(np.full(n, 1 / n), np.full(m, 1 / m), ot.dist(t, y), numItermax=10_000_000)
        pes.append(100 * (base - after) / base)
    out.append(("k%d" % k, "pe_mean", k, -1, np.mean(pes)))
    out.append(("k%d" % k, "pe_sd", k, -1, np.std(pes, ddof=1)))
    out.append(("k%d" % k, "repeats", k, -1, REPEATS))

with open("expected.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["case", "quantity", "k", "cluster", "value"])
    for case, q, k, c, v in out:
        w.writerow([case, q, k, c, repr(float(v))])
