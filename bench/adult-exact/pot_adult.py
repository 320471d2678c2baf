#!/usr/bin/env python3
"""POT on UCI Adult men vs women, five numeric columns z-scored with the pooled mean and sd (as `shiftscope ot
--standardize zscore`): exact W2^2 (a) on the distinct points with their counts as weights (the same measures, so
the same W2^2; the check of our value) and (b) on all rows with uniform weights (POT's own time and memory; the dense
21,790 x 10,771 cost matrix alone is 1.9 GB).

    /usr/bin/python3 bench/adult-exact/pot_adult.py ../shared/data/adult.csv [full]
"""
import csv
import resource
import sys
import time

import numpy as np
import ot

cols = ["age", "education-num", "capital-gain", "capital-loss", "hours-per-week"]
rows = list(csv.DictReader(open(sys.argv[1])))
men = np.array([[float(r[c]) for c in cols] for r in rows if r["sex"].strip() == "Male"])
women = np.array([[float(r[c]) for c in cols] for r in rows if r["sex"].strip() == "Female"])
both = np.vstack([men, women])
mean, sd = both.mean(0), both.std(0)
x, y = (men - mean) / sd, (women - mean) / sd
t = time.time()
ux, cx = np.unique(x, axis=0, return_counts=True)
uy, cy = np.unique(y, axis=0, return_counts=True)
w = ot.emd2(cx / cx.sum(), cy / cy.sum(), ot.dist(ux, uy), numItermax=100_000_000)
print("distinct %d x %d: W2^2 = %.12g (%.1f s)" % (len(ux), len(uy), w, time.time() - t))
if len(sys.argv) > 2:
    t = time.time()
    try:
        full = ot.emd2(np.full(len(x), 1 / len(x)), np.full(len(y), 1 / len(y)), ot.dist(x, y),
                       numItermax=100_000_000)
        print("all rows %d x %d: W2^2 = %.12g (%.1f s)" % (len(x), len(y), full, time.time() - t))
    except MemoryError as e:
        print("all rows: MemoryError after %.1f s" % (time.time() - t))
print("peak resident %.0f MB" % (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
