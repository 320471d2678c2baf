#!/usr/bin/env python3
"""Entropic OT references from POT for SinkhornTest (the multiscale, truncated path: 700 x 600 > 2^18 pairs).

A second case has many repeated points (integer coordinates: 3,000 x 2,500 rows, 749 x 1,042 distinct), which the
solver merges into weighted points; sinkhorn_repeated.csv holds its values and case_rep_z.npy the barycentric
projection Z = diag(1 / a) P Y of its plan at eps = 0.5. Plain Sinkhorn oscillates on the symmetric problems of
that case (it did not reach 1e-7 in hours), so OT_eps(X, X) and OT_eps(Y, Y) there come from the averaged
log-domain fixed point f = (f + T f) / 2 on the full, unmerged cost matrix, with OT_eps = 2 <a, f> (Feydy et al.
2019), iterated to 1e-12.

Run with Debian's python3 (apt-get install python3-pot), from this folder:
    /usr/bin/python3 make_sinkhorn_fixtures.py [sk|rep]     (both cases when no argument is given)
Writes case_sk_x.npy / case_sk_y.npy and sinkhorn.csv with, per epsilon, the entropic objective
    OT_eps(a, b) = <P, C> + eps KL(P | a b^T)
of POT's log-domain Sinkhorn plan (ot.sinkhorn, method="sinkhorn_log"), C = squared Euclidean cost, for (X, Y),
(X, X) and (Y, Y), and the debiased divergence S_eps = OT_eps(X, Y) - (OT_eps(X, X) + OT_eps(Y, Y)) / 2.
"""
import csv
import sys

import numpy as np
import ot
from scipy.special import logsumexp

cases = sys.argv[1:] or ["sk", "rep"]


def entropic(p, q, eps, plans=None):
    a = np.full(len(p), 1.0 / len(p))
    b = np.full(len(q), 1.0 / len(q))
    m = ot.dist(p, q)
    plan = ot.sinkhorn(a, b, m, eps, method="sinkhorn_log", numItermax=50_000, stopThr=1e-10)
    if plans is not None:
        plans.append(plan)
    err = np.abs(plan.sum(1) - a).sum() + np.abs(plan.sum(0) - b).sum()
    print(f"eps={eps} n={len(p)} m={len(q)} marginal L1 error {err:.2e}", flush=True)
    assert err < 1e-7  # plain Sinkhorn oscillates on symmetric problems; 1e-7 moves the value by < 1e-5
    nz = plan > 0
    kl = np.sum(plan[nz] * (np.log(plan[nz]) - np.log(np.outer(a, b)[nz])))
    return float(np.sum(plan * m) + eps * kl)


def symmetric(p, eps):
    """OT_eps(a, a) by the averaged fixed point of the symmetric log-domain update."""
    loga = np.full(len(p), -np.log(len(p)))
    m = ot.dist(p, p)
    f = np.zeros(len(p))
    for it in range(100_000):
        t = -eps * logsumexp(loga[None, :] + (f[None, :] - m) / eps, axis=1)
        nf = 0.5 * (f + t)
        if np.max(np.abs(nf - f)) < 1e-12:
            break
        f = nf
    print(f"symmetric eps={eps} n={len(p)}: {it} iterations", flush=True)
    return float(2 * np.exp(loga) @ nf)


if "sk" in cases:
    rng = np.random.default_rng(7)
    x = rng.normal(size=(700, 4))
    y = rng.normal(loc=0.4, scale=1.3, size=(600, 4)) + np.array([0.5, 0.0, -0.3, 0.2])
    np.save("case_sk_x.npy", x)
    np.save("case_sk_y.npy", y)

    rows = [("eps", "quantity", "value")]
    a = np.full(700, 1 / 700)
    b = np.full(600, 1 / 600)
    rows.append((0, "w2sq", repr(float(ot.emd2(a, b, ot.dist(x, y), numItermax=10_000_000)))))
    for eps in (1.0, 0.25):
        xy = entropic(x, y, eps)
        xx = entropic(x, x, eps)
        yy = entropic(y, y, eps)
        rows += [(eps, "xy", repr(xy)), (eps, "xx", repr(xx)), (eps, "yy", repr(yy)),
                 (eps, "divergence", repr(xy - (xx + yy) / 2))]
    with open("sinkhorn.csv", "w", newline="") as out:
        csv.writer(out).writerows(rows)

if "rep" in cases:
    rng = np.random.default_rng(11)
    x = np.round(rng.normal(0.0, 2.0, size=(3000, 3)))
    y = np.round(rng.normal(0.5, 2.6, size=(2500, 3)))
    np.save("case_rep_x.npy", x)
    np.save("case_rep_y.npy", y)
    rows = [("eps", "quantity", "value")]
    eps = 0.5
    plans = []
    xy = entropic(x, y, eps, plans)
    xx = symmetric(x, eps)
    yy = symmetric(y, eps)
    rows += [(eps, "xy", repr(xy)), (eps, "xx", repr(xx)), (eps, "yy", repr(yy)),
             (eps, "divergence", repr(xy - (xx + yy) / 2))]
    np.save("case_rep_z.npy", plans[0] @ y * len(x))
    with open("sinkhorn_repeated.csv", "w", newline="") as out:
        csv.writer(out).writerows(rows)
