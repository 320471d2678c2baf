#!/usr/bin/env python3
"""The peer side of `shiftscope bench ot`: POT's exact solver on the same .npy inputs.
Usage: python3 pot_reference.py X.npy Y.npy  ->  one JSON line {"w2sq", "seconds", "pot_version"}.
Used only by the benchmark (never by the product); needs Debian's python3-pot."""
import json
import sys
import time

import numpy as np
import ot

x = np.load(sys.argv[1])
y = np.load(sys.argv[2])
a = np.full(len(x), 1.0 / len(x))
b = np.full(len(y), 1.0 / len(y))
start = time.perf_counter()
cost = ot.dist(x, y)
w2 = ot.emd2(a, b, cost, numItermax=10**9)
seconds = time.perf_counter() - start
print(json.dumps({"w2sq": float(w2), "seconds": seconds, "pot_version": ot.__version__}))
