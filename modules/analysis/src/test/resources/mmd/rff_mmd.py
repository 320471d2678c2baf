"""Fixture for RandomFeatureMmdTest: the MMD estimate on random Fourier features and its Hotelling T^2 test, by NumPy
and SciPy, for given frequencies and phases.

Run: /usr/bin/python3 rff_mmd.py > rff_mmd.json
"""
import json

import numpy as np
from scipy import stats

rng = np.random.default_rng(5)
n, m, d, D = 300, 250, 2, 16
x = rng.normal(size=(n, d))
y = rng.normal(size=(m, d)) + np.array([0.3, 0.0])
sigma = 1.3
w = rng.normal(size=(D, d)) / sigma
b = rng.uniform(0, 2 * np.pi, size=D)


def phi(a):
    return np.sqrt(2.0 / D) * np.cos(a @ w.T + b)


px, py = phi(x), phi(y)
mx, my = px.mean(axis=0), py.mean(axis=0)
diff = mx - my
pooled = ((n - 1) * np.cov(px, rowvar=False) + (m - 1) * np.cov(py, rowvar=False)) / (n + m - 2)
t2 = float(diff @ np.linalg.solve(pooled * (1.0 / n + 1.0 / m), diff))
out = {
    "x": x.tolist(), "y": y.tolist(), "w": w.tolist(), "b": b.tolist(), "sigma": sigma,
    "statistic": float(diff @ diff), "t2": t2, "p_value": float(stats.chi2.sf(t2, D)),
}
# the same sides with no shift: a p-value far from 0
y0 = rng.normal(size=(m, d))
py0 = phi(y0)
diff0 = mx - py0.mean(axis=0)
pooled0 = ((n - 1) * np.cov(px, rowvar=False) + (m - 1) * np.cov(py0, rowvar=False)) / (n + m - 2)
t20 = float(diff0 @ np.linalg.solve(pooled0 * (1.0 / n + 1.0 / m), diff0))
out.update({"y_null": y0.tolist(), "t2_null": t20, "p_value_null": float(stats.chi2.sf(t20, D))})
print(json.dumps(out))
