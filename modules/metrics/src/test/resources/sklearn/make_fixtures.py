#!/usr/bin/env python3
"""Reference values for MetricsTest from scikit-learn 1.2 (Debian python3-sklearn) and NumPy.

Run from this directory: /usr/bin/python3 make_fixtures.py
probs.npy: 500 x 3 class probabilities (softmax of seeded logits); labels.npy: 500 labels drawn from them with a
bias, so the classifier is neither perfect nor calibrated; groups.npy: a group 0/1/2 per point.
expected.csv: metric,value. ECE is computed here from its definition (Guo et al. 2017; bins (b/15, (b+1)/15]) since
scikit-learn has none; the Brier score is the multi-class one (sum over classes, mean over points).
"""
import numpy as np
from sklearn.metrics import accuracy_score, balanced_accuracy_score, f1_score, log_loss

rng = np.random.default_rng(4)
n, k = 500, 3
logits = rng.normal(size=(n, k)) * 2
probs = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
# labels: the most probable class 70 % of the time, else a random class (over-confident model)
labels = np.where(rng.random(n) < 0.7, probs.argmax(axis=1), rng.integers(0, k, size=n))
groups = rng.integers(0, 3, size=n)
pred = probs.argmax(axis=1)

rows = {
    "accuracy": accuracy_score(labels, pred),
    "balanced_accuracy": balanced_accuracy_score(labels, pred),
    "macro_f1": f1_score(labels, pred, average="macro"),
    "nll": log_loss(labels, probs, labels=list(range(k))),
    "brier": np.mean(np.sum((probs - np.eye(k)[labels]) ** 2, axis=1)),
}
conf = probs.max(axis=1)
edges = np.linspace(0, 1, 16)
ece = 0.0
for b in range(15):
    inside = (conf > edges[b]) & (conf <= edges[b + 1])
    if inside.any():
        ece += inside.mean() * abs((pred[inside] == labels[inside]).mean() - conf[inside].mean())
rows["ece"] = ece
for g in range(3):
    rows["group_%d_accuracy" % g] = accuracy_score(labels[groups == g], pred[groups == g])
rows["worst_group_accuracy"] = min(rows["group_%d_accuracy" % g] for g in range(3))

np.save("probs.npy", probs)
np.save("labels.npy", labels.astype(np.float64))
np.save("groups.npy", groups.astype(np.float64))
with open("expected.csv", "w") as f:
    f.write("metric,value\n")
    for name, v in rows.items():
        f.write("%s,%.17g\n" % (name, v))
