"""Peer of `shiftscope bench render`: matplotlib redrawing a scatter of the same points after each pan.

Usage: python3 render_peer.py xy.npy (columns x, y, cluster)  ->  one JSON line {"version", "events", "median_ms", "p95_ms"}
"""
import json
import sys
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

xy = np.load(sys.argv[1])
palette = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000"]
colours = np.array(palette)[xy[:, 2].astype(int)]
fig = plt.figure(figsize=(12.8, 8.0), dpi=100)
ax = fig.add_axes([0, 0, 1, 1])
ax.scatter(xy[:, 0], xy[:, 1], s=1, c=colours, linewidths=0, marker=".")
fig.canvas.draw()  # first draw: layout and caches
x0, x1 = ax.get_xlim()
y0, y1 = ax.get_ylim()
times = []
for f in range(10):
    shift = 0.005 * (f + 1) * (x1 - x0)
    ax.set_xlim(x0 + shift, x1 + shift)
    ax.set_ylim(y0 - shift, y1 - shift)
    t = time.perf_counter()
    fig.canvas.draw()
    times.append(1000 * (time.perf_counter() - t))
times.sort()
print(json.dumps({"version": matplotlib.__version__, "events": len(times), "median_ms": times[len(times) // 2],
                  "p95_ms": times[int(np.ceil(0.95 * len(times))) - 1]}))
