#!/usr/bin/env python3
"""ResNet-18 (torchvision's architecture, random seeded weights: nothing can be downloaded here) as a user brings
it, images of mixed sizes beside a metadata table, and torch's own embeddings of them: the reference ShiftScope's
image path must match (embedding's ResNetParityTest), and the PyTorch side of the throughput benchmark.

Run with Debian's python3 (torch, torchvision, Pillow, numpy):
  /usr/bin/python3 bench/resnet/make_resnet.py --out DIR [--images N] [--expected K] [--benchmark]
Writes into DIR:
  resnet18.onnx, resnet18.pt  the network without its last layer (fc = Identity): 512-d embeddings, eval mode;
                              ONNX with a dynamic batch, TorchScript traced
  images/*.jpg|png            N images, seeded, 160..640 pixels a side (3 of 4 JPEG, 1 of 4 PNG; some grey)
  metadata.csv                file, group (the metadata-table shape)
  expected.npy                torch's embeddings of the first K images (default 16) under torchvision's ImageNet
                              preprocessing (Resize(256), CenterCrop(224), ToTensor, Normalize), float32 (K, 512)
With --benchmark, also times torch embedding all N images through a DataLoader (2 workers decoding and resizing in
parallel, batches of 64, torch on every core) and prints images/s.
"""
import argparse
import os
import time

import numpy as np
import torch
import torchvision
import torchvision.transforms as T
from PIL import Image

p = argparse.ArgumentParser()
p.add_argument("--out", required=True)
p.add_argument("--images", type=int, default=16)
p.add_argument("--expected", type=int, default=16)
p.add_argument("--benchmark", action="store_true")
a = p.parse_args()
out = os.path.abspath(a.out)
os.makedirs(os.path.join(out, "images"), exist_ok=True)
rng = np.random.default_rng(18)

rows = ["file,group"]
for i in range(a.images):
    w, h = int(rng.integers(160, 641)), int(rng.integers(160, 641))
    y, x = np.mgrid[0:h, 0:w]
    img = np.stack([127 + 90 * np.sin(x / rng.uniform(5, 40)), 127 + 90 * np.cos(y / rng.uniform(5, 40)),
                    (x + y) * 255.0 / (w + h)], axis=-1) + rng.normal(0, 10, (h, w, 3))
    im = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB")
    if i % 7 == 3:
        im = im.convert("L")
    name = f"img_{i:05d}.{'png' if i % 4 == 0 else 'jpg'}"
    im.save(os.path.join(out, "images", name), quality=90)
    rows.append(f"images/{name},{'abc'[i % 3]}")
open(os.path.join(out, "metadata.csv"), "w").write("\n".join(rows) + "\n")

torch.manual_seed(18)
net = torchvision.models.resnet18()
net.fc = torch.nn.Identity()
net.eval()
example = torch.zeros(2, 3, 224, 224)
torch.onnx.export(net, example, os.path.join(out, "resnet18.onnx"), input_names=["pixels"],
                  output_names=["embedding"], dynamic_axes={"pixels": {0: "n"}, "embedding": {0: "n"}},
                  opset_version=13)
with torch.no_grad():
    torch.jit.trace(net, example).save(os.path.join(out, "resnet18.pt"))

preprocess = T.Compose([T.Resize(256), T.CenterCrop(224), T.ToTensor(),
                        T.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])


class Files(torch.utils.data.Dataset):
    def __init__(self, names):
        self.names = names

    def __len__(self):
        return len(self.names)

    def __getitem__(self, i):
        return preprocess(Image.open(os.path.join(out, self.names[i])).convert("RGB"))


names = [r.split(",")[0] for r in rows[1:]]
with torch.no_grad():
    k = min(a.expected, len(names))
    xs = torch.stack([Files(names)[i] for i in range(k)])
    np.save(os.path.join(out, "expected.npy"), net(xs).numpy().astype("<f4"))
    if a.benchmark:
        torch.set_num_threads(os.cpu_count())  # the model on every core, as ShiftScope's engine does
        loader = torch.utils.data.DataLoader(Files(names), batch_size=64, num_workers=2)
        start = time.perf_counter()
        n = 0
        for batch in loader:
            net(batch)
            n += batch.shape[0]
        seconds = time.perf_counter() - start
        print(f"pytorch: {n} images in {seconds:.1f} s = {n / seconds:.1f} images/s "
              f"(torch {torch.__version__}, torchvision {torchvision.__version__}, {torch.get_num_threads()} threads)")
print("wrote", out)
