#!/usr/bin/env python3
"""POT's exact W2^2 for unequal sides full of repeated points (integer grid values, as tabular data has), for the
exact solver's merging of repeats. Run from this folder: /usr/bin/python3 make_repeats.py
Writes repeats_x.csv, repeats_y.csv (points) and repeats.csv (n, m, W2^2 by ot.emd2 with uniform weights)."""
import numpy as np
import ot

rng = np.random.default_rng(7)
x = rng.integers(0, 4, size=(90, 3)).astype(float)
y = rng.integers(1, 5, size=(55, 3)).astype(float) * np.array([1.0, 0.5, 1.0])
np.savetxt("repeats_x.csv", x, delimiter=",")
np.savetxt("repeats_y.csv", y, delimiter=",")
w = ot.emd2(np.full(len(x), 1 / len(x)), np.full(len(y), 1 / len(y)), ot.dist(x, y), numItermax=10_000_000)
with open("repeats.csv", "w") as f:
    f.write("n,m,w2sq\n%d,%d,%r\n" % (len(x), len(y), float(w)))
