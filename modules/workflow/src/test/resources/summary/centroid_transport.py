"""Fixture for CentroidTransportTest: the k-cluster map between clusters' weighted centroids, by POT.

Run: /usr/bin/python3 centroid_transport.py > centroid_transport.json
"""
import json

import numpy as np
import ot

rng = np.random.default_rng(7)
k, d = 5, 3
features = ["a", "b", "c"]
mean = np.array([1.0, -2.0, 10.0])
scale = np.array([2.0, 0.5, 4.0])
ref_counts = np.array([4000, 2500, 0, 1200, 300])
tgt_counts = np.array([1000, 3000, 700, 0, 2300])
ref_c = mean + scale * rng.normal(size=(k, d))
tgt_c = ref_c + scale * rng.normal(scale=0.7, size=(k, d))

a = ref_counts / ref_counts.sum()
b = tgt_counts / tgt_counts.sum()
xs = (ref_c - mean) / scale
ys = (tgt_c - mean) / scale
M = ot.dist(xs, ys)  # squared Euclidean
G = ot.emd(a, b, M)
w2 = float((G * M).sum())
moved = xs.copy()
disp = np.zeros((k, d))
for c in range(k):
    if a[c] > 0:
        disp[c] = (G[c] @ ys) / a[c] - xs[c]
        moved[c] = xs[c] + disp[c]
after = float(ot.emd2(a, b, ot.dist(moved, ys)))
mean_shift = float((((b @ ys) - (a @ xs)) ** 2).sum())
print(json.dumps({
    "features": features,
    "mean": mean.tolist(),
    "scale": scale.tolist(),
    "reference_counts": ref_counts.tolist(),
    "target_counts": tgt_counts.tolist(),
    "reference_centroids": ref_c.tolist(),
    "target_centroids": tgt_c.tolist(),
    "w2sq": w2,
    "after": after,
    "mean_shift_sq": mean_shift,
    "displacement": (disp * scale).tolist(),
}, indent=1))
