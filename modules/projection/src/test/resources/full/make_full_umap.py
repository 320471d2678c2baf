#!/usr/bin/env python3
"""Fixture for UMAP fitted on every point beyond the exact-neighbour limit (4,096): 6,000 points of 8 overlapping
Gaussian blobs in 10 dimensions (centres uniform in [-5, 5]^10, sd 1.5, NumPy seed 3), mapped by umap-learn 0.5.3
with its defaults (random_state=0: pynndescent neighbours, 200 epochs) and scored by scikit-learn's
trustworthiness (k = 10) on all the points. Writes points.npy and expected.csv. Run with Debian's python3-sklearn and
umap-learn: python3 make_full_umap.py"""
import numpy as np
import umap
from sklearn.manifold import trustworthiness

rng = np.random.default_rng(3)
n, d = 6000, 10
centres = rng.uniform(-5, 5, (8, d))
X = centres[rng.integers(0, 8, n)] + 1.5 * rng.standard_normal((n, d))
np.save("points.npy", X)
Y = umap.UMAP(random_state=0).fit_transform(X)
t = trustworthiness(X, Y, n_neighbors=10)
with open("expected.csv", "w") as f:
    f.write("quantity,value\n")
    f.write("trust_umap_learn,%.6f\n" % t)
print(t)
