#!/usr/bin/env python3
"""Reference AUC from scikit-learn for ClassifierTest.auc: 300 scores rounded to one decimal (many ties) with
random 0/1 labels. Run: /usr/bin/python3 make_auc_fixture.py  ->  auc_scores.csv (label,score) and auc_expected.txt"""
import numpy as np
from sklearn.metrics import roc_auc_score

rng = np.random.default_rng(11)
labels = rng.integers(0, 2, size=300)
scores = np.round(rng.normal(size=300) + 0.4 * labels, 1)
np.savetxt("auc_scores.csv", np.column_stack([labels, scores]), delimiter=",", fmt=["%d", "%.1f"], header="label,score",
           comments="")
with open("auc_expected.txt", "w") as f:
    f.write(repr(float(roc_auc_score(labels, scores))) + "\n")
