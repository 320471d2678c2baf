#!/usr/bin/env python3
"""SciPy's two-sample Kolmogorov-Smirnov p-values with its default method (method='auto': exact when both samples
have at most 10,000 values), on a grid of sample sizes 5..500, continuous and with many ties.

Run with Debian's python3 (python3-scipy 1.10), from this folder:
    /usr/bin/python3 make_ks_exact.py
Writes ks_exact.csv: case, n1, n2, method (exact, or asymp where SciPy's exact computation failed and it fell back),
statistic, p, reference values, target values (space-separated).
"""
import csv
import warnings

import numpy as np
from scipy import stats

rng = np.random.default_rng(20261206)
sizes = [(5, 5), (5, 8), (7, 12), (10, 10), (20, 25), (25, 20), (30, 45), (50, 50), (60, 17), (100, 99),
         (120, 80), (200, 200), (250, 149), (300, 301), (400, 250), (500, 500), (500, 123), (9, 500), (333, 480)]
rows = []
for n1, n2 in sizes:
    for kind in ("continuous", "ties"):
        for shift in (0.0, 0.3, 1.0):
            a = rng.normal(0, 1, n1)
            b = rng.normal(shift, 1, n2)
            if kind == "ties":
                a = np.round(a * 2) / 2
                b = np.round(b * 2) / 2
            else:
                a = np.round(a, 6)
                b = np.round(b, 6)
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                r = stats.ks_2samp(a, b)  # method='auto'
            # where SciPy's exact computation fails numerically it says so and answers asymptotically
            method = "asymp" if any("Switching to method=asymp" in str(w.message) for w in caught) else "exact"
            rows.append((f"{n1}x{n2} {kind} shift {shift}", n1, n2, method, repr(float(r.statistic)),
                         repr(float(r.pvalue)),
                         " ".join(repr(float(x)) for x in a), " ".join(repr(float(x)) for x in b)))
with open("ks_exact.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["case", "n1", "n2", "method", "statistic", "p", "reference", "target"])
    w.writerows(rows)
print(len(rows), "cases")
