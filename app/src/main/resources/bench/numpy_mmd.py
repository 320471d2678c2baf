#!/usr/bin/env python3
"""The peer side of `shiftscope bench detect`: the same linear-time MMD permutation test in NumPy
(random Fourier features, D = 512, median-heuristic bandwidth on 1,000 points, P permutations).
Usage: python3 numpy_mmd.py POOLED.npy N_REFERENCE PERMUTATIONS -> one JSON line {"statistic", "p_value", "seconds"}.
Used only by the benchmark (never by the product)."""
import json
import sys
import time

import numpy as np

x = np.load(sys.argv[1])
n = int(sys.argv[2])
perms = int(sys.argv[3])
start = time.perf_counter()
rng = np.random.default_rng(0)
sample = x[rng.choice(len(x), size=min(1000, len(x)), replace=False)]
d = np.sqrt(((sample[:, None, :] - sample[None, :, :]) ** 2).sum(-1))
sigma = np.median(d[np.triu_indices(len(sample), 1)])
dim = 512
w = rng.normal(size=(x.shape[1], dim)) / sigma
b = rng.uniform(0, 2 * np.pi, size=dim)
phi = (np.sqrt(2.0 / dim) * np.cos(x @ w + b)).astype(np.float32)
total = phi.sum(0, dtype=np.float64)
m = len(x) - n


def stat(idx):
    sx = phi[idx[:n]].sum(0, dtype=np.float64)
    return float((((sx / n) - (total - sx) / m) ** 2).sum())


observed = stat(np.arange(len(x)))
count = sum(stat(rng.permutation(len(x))) >= observed for _ in range(perms))
seconds = time.perf_counter() - start
print(json.dumps({"statistic": observed, "p_value": (1 + count) / (1 + perms), "seconds": seconds}))
