#!/usr/bin/env python3
"""The peer side of `shiftscope bench map`: scikit-learn's t-SNE (Barnes-Hut, init="pca", learning_rate="auto")
and umap-learn's UMAP (defaults) on the first N rows of X.npy, each timed alone, with the map written to
DIR/tsne.npy and DIR/umap.npy so that the Java side scores every map with the same trustworthiness sample.
Usage: python3 map_peers.py X.npy DIR N_TSNE N_UMAP -> one JSON line {"tsne_seconds", "umap_seconds", ...}.
Used only by the benchmark (never by the product)."""
import json
import sys
import time
import warnings

import numpy as np

warnings.filterwarnings("ignore")
x_file, out, n_tsne, n_umap = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
X = np.load(x_file)
result = {}
if n_tsne > 0:
    from sklearn import __version__ as skv
    from sklearn.manifold import TSNE
    t = time.perf_counter()
    Y = TSNE(2, init="pca", learning_rate="auto", random_state=0).fit_transform(X[:n_tsne])
    result["tsne_seconds"] = time.perf_counter() - t
    result["sklearn"] = skv
    np.save(out + "/tsne.npy", np.ascontiguousarray(Y, dtype=np.float64))
if n_umap > 0:
    import umap
    umap.UMAP(random_state=0).fit_transform(X[:2000])  # numba compiles its kernels on first use: not timed
    t = time.perf_counter()
    Y = umap.UMAP(random_state=0).fit_transform(X[:n_umap])
    result["umap_seconds"] = time.perf_counter() - t
    result["umap"] = umap.__version__
    np.save(out + "/umap.npy", np.ascontiguousarray(Y, dtype=np.float64))
print(json.dumps(result))
