#!/usr/bin/env python3
"""Fixtures for t-SNE on neighbour affinities (SparseTsne):
- sparse_p.npy: scikit-learn 1.2's joint probabilities for its Barnes-Hut mode on ../reference/blobs.npy (300 points,
  perplexity 30: the 91 exact nearest neighbours of each point, squared distances, conditional Gaussians calibrated
  by _binary_search_perplexity, P = (C + C') / sum), as a dense 300 x 300 float32 matrix;
- trust_sklearn_tsne in expected_tsne.csv: scikit-learn's Barnes-Hut t-SNE (init="pca", learning_rate="auto",
  random_state=0) on the same 300 points, scored by trustworthiness (k = 10).
Run with Debian's python3-sklearn: python3 make_full_tsne.py"""
import numpy as np
from sklearn.manifold import TSNE, trustworthiness
from sklearn.manifold._t_sne import _joint_probabilities_nn
from sklearn.neighbors import NearestNeighbors

X = np.load("../reference/blobs.npy")
k = min(len(X) - 1, int(3.0 * 30 + 1))
knn = NearestNeighbors(n_neighbors=k).fit(X).kneighbors_graph(mode="distance")
knn.data **= 2
P = _joint_probabilities_nn(knn, 30, 0)
np.save("sparse_p.npy", P.toarray().astype(np.float32))

emb = TSNE(2, init="pca", learning_rate="auto", random_state=0).fit_transform(X)
t = trustworthiness(X, emb, n_neighbors=10)
with open("expected_tsne.csv", "w") as f:
    f.write("quantity,value\n")
    f.write("trust_sklearn_tsne,%.6f\n" % t)
print(t)
