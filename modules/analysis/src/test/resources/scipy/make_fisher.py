#!/usr/bin/env python3
"""SciPy's tests of 2 x K tables of category counts (reference row, target row): Pearson's chi-square without
continuity correction (scipy.stats.chi2_contingency(correction=False)), its smallest expected count, and for 2 x 2
tables Fisher's exact two-sided p-value (scipy.stats.fisher_exact).

Run with Debian's python3 (python3-scipy 1.10), from this folder:
    /usr/bin/python3 make_fisher.py
Writes fisher.csv: case, reference counts, target counts (space-separated), chi2, chi2 p, smallest expected count,
Fisher p (empty unless 2 x 2).
"""
import csv

import numpy as np
from scipy import stats

rng = np.random.default_rng(24)
tables = [([3, 1], [1, 3]), ([8, 2], [1, 5]), ([0, 5], [5, 0]), ([1, 9], [11, 3]), ([12, 5], [9, 7]),
          ([100, 1], [90, 9]), ([2, 30], [9, 25]), ([1, 1], [1, 1]), ([40, 60], [55, 45]), ([0, 7], [3, 4]),
          ([6, 0], [6, 1]), ([250, 3], [240, 12]), ([10, 10], [10, 10]), ([5, 2, 1], [1, 4, 6]),
          ([30, 2, 8, 1], [25, 9, 7, 0]), ([50, 40, 10], [45, 42, 13])]
for _ in range(40):
    n1, n2 = rng.integers(4, 60, 2)
    p1, p2 = rng.uniform(0.05, 0.95, 2)
    a = rng.binomial(n1, p1)
    b = rng.binomial(n2, p2)
    if 0 < a + b < n1 + n2:
        tables.append(([int(a), int(n1 - a)], [int(b), int(n2 - b)]))
with open("fisher.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["case", "reference", "target", "chi2", "chi2_p", "min_expected", "fisher_p"])
    for i, (r, t) in enumerate(tables):
        table = np.array([r, t])
        chi2, p, _, expected = stats.chi2_contingency(table, correction=False)
        fisher = stats.fisher_exact(table)[1] if len(r) == 2 else ""
        w.writerow([i, " ".join(map(str, r)), " ".join(map(str, t)), repr(float(chi2)), repr(float(p)),
                    repr(float(expected.min())), repr(float(fisher)) if fisher != "" else ""])
