"""Reference values for the projection tests, from scikit-learn 1.2 and umap-learn 0.5.3 (Debian packages).

Run with Debian's interpreter from this directory:  /usr/bin/python3 make_fixtures.py
"""
import numpy as np
from scipy.spatial.distance import squareform
from sklearn.datasets import make_blobs
from sklearn.decomposition import PCA
from sklearn.manifold import TSNE, trustworthiness
from sklearn.manifold._t_sne import _joint_probabilities, _kl_divergence
from sklearn.metrics import pairwise_distances
from sklearn.neighbors import NearestNeighbors
import umap
from umap.umap_ import find_ab_params, fuzzy_simplicial_set

# 300 points in 10 dimensions: 3 blobs of unequal size and spread
X, labels = make_blobs(n_samples=[150, 100, 50], n_features=10, cluster_std=[1.0, 2.0, 0.5], random_state=0)
np.save("blobs.npy", X)
np.save("blobs_labels.npy", labels.astype(np.float64))
n = X.shape[0]

# t-SNE joint probabilities (exact method) at perplexity 30, and the KL objective with its gradient at random positions
P = _joint_probabilities(pairwise_distances(X, squared=True), 30.0, 0)
np.save("tsne_p.npy", squareform(P))
rng = np.random.RandomState(1)
Y = rng.normal(size=(n, 2))
np.save("tsne_y.npy", Y)
kl, grad = _kl_divergence(Y.ravel(), P, 1, n, 2)
np.save("tsne_grad.npy", grad.reshape(n, 2))

# UMAP fuzzy graph from the exact 15-nearest-neighbour graph (the point itself included)
nn = NearestNeighbors(n_neighbors=15).fit(X)
dist, ind = nn.kneighbors(X)
G, sigmas, rhos = fuzzy_simplicial_set(X, 15, np.random.RandomState(0), "euclidean", knn_indices=ind, knn_dists=dist)
np.save("umap_graph.npy", G.toarray())
np.save("umap_sigma_rho.npy", np.stack([sigmas, rhos], axis=1))
a, b = find_ab_params(1.0, 0.1)
a2, b2 = find_ab_params(1.0, 0.5)

# PCA scores (for the plane test; signs compared up to a flip)
np.save("pca2.npy", PCA(2).fit_transform(X))

# trustworthiness of a fixed map, and of the peers' own maps (baselines for our maps' quality)
Ymap = PCA(2).fit_transform(X) + rng.normal(scale=2.0, size=(n, 2))
np.save("noisy_map.npy", Ymap)
t_fixed = trustworthiness(X, Ymap, n_neighbors=10)
t_tsne = trustworthiness(X, TSNE(2, init="pca", learning_rate="auto", random_state=0).fit_transform(X), n_neighbors=10)
t_umap = trustworthiness(X, umap.UMAP(random_state=0).fit_transform(X), n_neighbors=10)
with open("expected.csv", "w") as f:
    f.write("quantity,value\n")
    f.write("tsne_kl,%.12g\n" % kl)
    f.write("umap_a,%.12g\numap_b,%.12g\n" % (a, b))
    f.write("umap_a_05,%.12g\numap_b_05,%.12g\n" % (a2, b2))
    f.write("trust_noisy_map,%.12g\n" % t_fixed)
    f.write("trust_sklearn_tsne,%.12g\n" % t_tsne)
    f.write("trust_umap_learn,%.12g\n" % t_umap)
print(open("expected.csv").read())
