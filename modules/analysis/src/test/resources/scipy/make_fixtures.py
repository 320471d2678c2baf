#!/usr/bin/env python3
"""Reference values from SciPy for the analysis module's univariate drift tests.

Run with Debian's python3 (python3-scipy), from this folder:
    /usr/bin/python3 make_fixtures.py ../../../../../../../shared/data
Writes expected.csv: case, column, quantity, value. Cases: adult.csv split sex=Male (reference) vs sex=Female
(target), and the two halves (even / odd data rows) of adult.csv. Rows with '?' in a column are left out of
that column's test (the missing-value policy drops them).
  ks_statistic  scipy.stats.ks_2samp(...).statistic
  ks_p          scipy.stats.kstwobign.sf(sqrt(n m / (n + m)) D)   (asymptotic Kolmogorov distribution)
  chi2_*        scipy.stats.chi2_contingency(table, correction=False) on the 2 x K table of category counts
  w1            scipy.stats.wasserstein_distance
  js            scipy.spatial.distance.jensenshannon(p, q, base=2) ** 2 on category (or 10 reference-decile bin) shares
  psi           sum (q - p) ln(q / p) over the same bins, shares floored at 1e-4
"""
import csv
import math
import sys

import numpy as np
from scipy import stats
from scipy.spatial.distance import jensenshannon

data = sys.argv[1] if len(sys.argv) > 1 else "../../../../../../../shared/data"
rows = list(csv.DictReader(open(f"{data}/adult.csv")))
numeric = ["age", "hours-per-week", "education-num", "capital-gain"]
categorical = ["race", "workclass", "income-per-year", "relationship"]
out = []


def shares(values, cats):
    counts = np.array([sum(1 for v in values if v == c) for c in cats], dtype=float)
    return counts / counts.sum()


def decile_bins(ref, tgt):
    edges = np.quantile(ref, np.linspace(0, 1, 11))[1:-1]
    edges = np.unique(edges)
    p = np.bincount(np.searchsorted(edges, ref, side="right"), minlength=len(edges) + 1) / len(ref)
    q = np.bincount(np.searchsorted(edges, tgt, side="right"), minlength=len(edges) + 1) / len(tgt)
    return p, q


def psi(p, q):
    p = np.maximum(p, 1e-4)
    q = np.maximum(q, 1e-4)
    return float(np.sum((q - p) * np.log(q / p)))


def run(case, ref_rows, tgt_rows):
    for col in numeric:
        a = np.array([float(r[col]) for r in ref_rows if r[col] != "?"])
        b = np.array([float(r[col]) for r in tgt_rows if r[col] != "?"])
        d = stats.ks_2samp(a, b).statistic
        en = len(a) * len(b) / (len(a) + len(b))
        out.append((case, col, "ks_statistic", d))
        out.append((case, col, "ks_p", stats.kstwobign.sf(math.sqrt(en) * d)))
        out.append((case, col, "w1", stats.wasserstein_distance(a, b)))
        p, q = decile_bins(a, b)
        out.append((case, col, "psi", psi(p, q)))
        out.append((case, col, "js", jensenshannon(p, q, base=2) ** 2))
    for col in categorical:
        a = [r[col] for r in ref_rows if r[col] != "?"]
        b = [r[col] for r in tgt_rows if r[col] != "?"]
        cats = sorted(set(a) | set(b))
        table = np.array([[a.count(c) for c in cats], [b.count(c) for c in cats]])
        chi2, p_value, dof, _ = stats.chi2_contingency(table, correction=False)
        out.append((case, col, "chi2_statistic", chi2))
        out.append((case, col, "chi2_p", p_value))
        out.append((case, col, "chi2_dof", dof))
        p, q = shares(a, cats), shares(b, cats)
        out.append((case, col, "psi", psi(p, q)))
        out.append((case, col, "js", jensenshannon(p, q, base=2) ** 2))


run("sex", [r for r in rows if r["sex"] == "Male"], [r for r in rows if r["sex"] == "Female"])
run("halves", rows[0::2], rows[1::2])
with open("expected.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["case", "column", "quantity", "value"])
    for case, col, q, v in out:
        w.writerow([case, col, q, repr(float(v))])
print(len(out), "reference values")
