#!/usr/bin/env python3
"""Reference results for GaussianMixtureTest, DbscanTest and the Wilson intervals of SubpopulationsTest, from
scikit-learn 1.2 and scipy 1.10 (Debian packages). Run from this directory: /usr/bin/python3 make_clustering_fixtures.py

gmm_*.npy   : 600 points in 3 dimensions (3 blobs), the initial partition, and scikit-learn's GaussianMixture
              (full covariances) started from exactly that partition's parameters, run to tol 1e-10.
dbscan_*.npy: 400 points in 2 dimensions (3 blobs and uniform noise) and DBSCAN(eps=0.9, min_samples=6) labels.
wilson.csv  : 95 % Wilson score intervals for some (correct, labelled) counts.
"""
import numpy as np
from scipy.stats import binomtest
from sklearn.cluster import DBSCAN
from sklearn.datasets import make_blobs
from sklearn.mixture import GaussianMixture

X, _ = make_blobs(n_samples=[300, 200, 100], n_features=3, cluster_std=[1.0, 1.8, 0.6], random_state=3)
# an initial partition that is deliberately rough: split on the first coordinate's terciles
cuts = np.quantile(X[:, 0], [1 / 3, 2 / 3])
init = np.digitize(X[:, 0], cuts)
k, n, d = 3, X.shape[0], X.shape[1]
reg = 1e-6
weights = np.array([(init == c).sum() for c in range(k)], dtype=float) / n
means = np.array([X[init == c].mean(axis=0) for c in range(k)])
covs = np.array([np.cov(X[init == c].T, bias=True) + reg * np.eye(d) for c in range(k)])
gm = GaussianMixture(n_components=k, covariance_type="full", tol=1e-10, max_iter=1000, reg_covar=reg,
                     weights_init=weights, means_init=means, precisions_init=np.linalg.inv(covs))
labels = gm.fit_predict(X)
np.save("gmm_x.npy", X)
np.save("gmm_init.npy", init.astype(np.float64))
np.save("gmm_weights.npy", gm.weights_)
np.save("gmm_means.npy", gm.means_)
np.save("gmm_covariances.npy", gm.covariances_.reshape(k * d, d))
np.save("gmm_labels.npy", labels.astype(np.float64))
np.save("gmm_scores.npy", np.array([gm.lower_bound_, gm.bic(X), float(gm.n_iter_)]))

rng = np.random.RandomState(5)
B, _ = make_blobs(n_samples=[150, 120, 90], n_features=2, cluster_std=[0.5, 0.8, 0.3], centers=[[0, 0], [6, 1], [2, 6]],
                  random_state=5)
noise = rng.uniform(-4, 10, size=(40, 2))
Y = np.vstack([B, noise])
db = DBSCAN(eps=0.9, min_samples=6, algorithm="brute").fit(Y)
np.save("dbscan_x.npy", Y)
np.save("dbscan_labels.npy", db.labels_.astype(np.float64))
core = np.zeros(len(Y))
core[db.core_sample_indices_] = 1
np.save("dbscan_core.npy", core)

with open("wilson.csv", "w") as f:
    f.write("correct,labelled,low,high\n")
    for c, m in [(8, 10), (0, 7), (50, 50), (431, 1000)]:
        ci = binomtest(c, m).proportion_ci(method="wilson")
        f.write("%d,%d,%.17g,%.17g\n" % (c, m, ci.low, ci.high))
