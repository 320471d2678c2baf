#!/usr/bin/env python3
"""The peer side of `shiftscope bench embed`: a seeded small CNN for 28x28 grayscale images (two conv + batch-norm
blocks, a 128-unit embedding layer), traced to TorchScript in DIR/cnn.pt, and PyTorch's own inference time on N
random images in batches of B (after one warm-up pass). Writes the images to DIR/x.npy and torch's embeddings to
DIR/z.npy so that the Java side runs the same model on the same input and checks its output.
Usage: python3 torch_embed.py DIR N B -> one JSON line {"seconds", "rows", "threads", "torch"}.
Used only by the benchmark (never by the product)."""
import json
import os
import sys
import time

import numpy as np
import torch

out, n, batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
# a fair peer: as many threads as DJL's engine uses (Debian's torch starts with 1)
torch.set_num_threads(os.cpu_count())
torch.manual_seed(0)
model = torch.nn.Sequential(
    torch.nn.Conv2d(1, 16, 3, padding=1), torch.nn.BatchNorm2d(16), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
    torch.nn.Conv2d(16, 32, 3, padding=1), torch.nn.BatchNorm2d(32), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
    torch.nn.Flatten(), torch.nn.Linear(32 * 7 * 7, 128), torch.nn.ReLU()).eval()
x = torch.from_numpy(np.random.default_rng(0).random((n, 1, 28, 28), dtype=np.float32))
with torch.no_grad():
    traced = torch.jit.trace(model, x[:batch])
    traced.save(out + "/cnn.pt")
    np.save(out + "/x.npy", x.reshape(n, -1).numpy())

    def run():
        return torch.cat([traced(x[i:i + batch]) for i in range(0, n, batch)])

    run()
    start = time.perf_counter()
    z = run()
    seconds = time.perf_counter() - start
np.save(out + "/z.npy", z.numpy())
print(json.dumps({"seconds": seconds, "rows": n, "threads": torch.get_num_threads(), "torch": torch.__version__}))
