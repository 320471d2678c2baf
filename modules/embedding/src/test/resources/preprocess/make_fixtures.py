#!/usr/bin/env python3
"""Images of mixed sizes and modes, torchvision's preprocessing of them, and a small BN CNN's embeddings of them:
the reference ShiftScope's ImagePreprocessing and image-model path must match (ImagePreprocessingTest).

Run with Debian's python3 (torch 1.13, torchvision 0.14, Pillow 9.4), from this folder: /usr/bin/python3 make_fixtures.py
Writes, beside this script:
  images/*.png|jpg     twelve images, seeded: sizes from 37x53 to 160x90; PNG in L, RGB, RGBA, P (palette), LA and
                       16-bit grey; JPEG baseline RGB, progressive RGB, grey and CMYK
  index.csv            file, label, group (the metadata-table shape)
  expected_small.npy   torchvision Resize(64) + CenterCrop(56) + ToTensor + Normalize(ImageNet) of each image after
                       PIL's convert('RGB'), float32, shape (12, 3, 56, 56)
  expected_exact.npy   Resize((40, 40)) + ToTensor, no normalisation, channels last, float32, shape (12, 40, 40, 3)
  cnn.onnx, cnn.pt     a small CNN (conv-BN-ReLU x 2, global average pooling, 16-d embedding, 3 logits), random
                       seeded weights, eval mode; two outputs: embedding, logits
  cnn_embeddings.npy   its embeddings of expected_small, float32 (12, 16)
"""
import os

import numpy as np
import torch
import torchvision.transforms as T
from PIL import Image

here = os.path.dirname(os.path.abspath(__file__))
os.makedirs(os.path.join(here, "images"), exist_ok=True)
rng = np.random.default_rng(19)


def picture(w, h):
    """A smooth colour pattern plus noise: edges and gradients a resize must get right."""
    y, x = np.mgrid[0:h, 0:w]
    r = 127 + 100 * np.sin(x / 7.0) * np.cos(y / 11.0)
    g = 127 + 100 * np.cos((x + y) / 9.0)
    b = (x * 255.0 / max(1, w - 1))
    img = np.stack([r, g, b], axis=-1) + rng.normal(0, 12, (h, w, 3))
    return np.clip(img, 0, 255).astype(np.uint8)


specs = [
    ("rgb_wide.png", 160, 90, "RGB", "PNG", {}),
    ("rgb_tall.png", 53, 97, "RGB", "PNG", {}),
    ("grey.png", 80, 80, "L", "PNG", {}),
    ("rgba.png", 71, 64, "RGBA", "PNG", {}),
    ("palette.png", 64, 100, "P", "PNG", {}),
    ("grey_alpha.png", 66, 70, "LA", "PNG", {}),
    ("grey16.png", 90, 72, "I;16", "PNG", {}),
    ("small.png", 37, 53, "RGB", "PNG", {}),
    ("baseline.jpg", 120, 96, "RGB", "JPEG", {"quality": 92}),
    ("progressive.jpg", 100, 130, "RGB", "JPEG", {"quality": 90, "progressive": True}),
    ("grey.jpg", 75, 64, "L", "JPEG", {"quality": 95}),
    ("cmyk.jpg", 88, 77, "CMYK", "JPEG", {"quality": 95}),
]
rows = ["file,label,group"]
for i, (name, w, h, mode, fmt, opts) in enumerate(specs):
    im = Image.fromarray(picture(w, h), "RGB")
    if mode == "RGBA":
        a = Image.fromarray((np.arange(w * h).reshape(h, w) % 256).astype(np.uint8), "L")
        im = im.copy()
        im.putalpha(a)
    elif mode == "P":
        im = im.quantize(colors=64, method=Image.Quantize.MEDIANCUT)
    elif mode == "LA":
        im = im.convert("LA")
    elif mode == "I;16":
        grey = np.asarray(im.convert("L")).astype(np.uint16) * 257
        im = Image.fromarray(grey, "I;16")
    elif mode != "RGB":
        im = im.convert(mode)
    im.save(os.path.join(here, "images", name), fmt, **opts)
    rows.append(f"images/{name},{'abc'[i % 3]},{'water' if i % 2 else 'land'}")
open(os.path.join(here, "index.csv"), "w").write("\n".join(rows) + "\n")

MEAN, STD = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]
small = T.Compose([T.Resize(64), T.CenterCrop(56), T.ToTensor(), T.Normalize(MEAN, STD)])
exact = T.Compose([T.Resize((40, 40)), T.ToTensor()])


def load(name):
    im = Image.open(os.path.join(here, "images", name))
    if im.mode in ("I;16", "I"):  # Pillow opens 16-bit grey PNG as I, and convert('RGB') clips it; scale to 8 bits
        im = Image.fromarray((np.asarray(im).astype(np.uint32) // 257).astype(np.uint8), "L")
    return im.convert("RGB")


xs = torch.stack([small(load(s[0])) for s in specs])
np.save(os.path.join(here, "expected_small.npy"), xs.numpy().astype("<f4"))
ex = torch.stack([exact(load(s[0])) for s in specs]).permute(0, 2, 3, 1).contiguous()
np.save(os.path.join(here, "expected_exact.npy"), ex.numpy().astype("<f4"))

torch.manual_seed(19)


class Cnn(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.features = torch.nn.Sequential(
            torch.nn.Conv2d(3, 8, 3, padding=1), torch.nn.BatchNorm2d(8), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
            torch.nn.Conv2d(8, 16, 3, padding=1), torch.nn.BatchNorm2d(16), torch.nn.ReLU(),
            torch.nn.AdaptiveAvgPool2d(1), torch.nn.Flatten())
        self.head = torch.nn.Linear(16, 3)

    def forward(self, x):
        e = self.features(x)
        return e, self.head(e)


net = Cnn()
with torch.no_grad():  # non-trivial batch-norm statistics, as a trained network has
    for m in net.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            m.running_mean.uniform_(-0.2, 0.2)
            m.running_var.uniform_(0.5, 1.5)
net.eval()
with torch.no_grad():
    emb, _ = net(xs)
np.save(os.path.join(here, "cnn_embeddings.npy"), emb.numpy().astype("<f4"))
torch.onnx.export(net, xs[:2], os.path.join(here, "cnn.onnx"), input_names=["pixels"],
                  output_names=["embedding", "logits"], dynamic_axes={"pixels": {0: "n"}, "embedding": {0: "n"},
                                                                      "logits": {0: "n"}}, opset_version=13)
torch.jit.trace(net, xs[:2]).save(os.path.join(here, "cnn.pt"))
print("wrote", len(specs), "images and fixtures to", here)

# a torch.save state dict (weights only, a pickle inside a zip): ShiftScope refuses it unread
torch.save(net.state_dict(), os.path.join(here, "state_dict.pt"))
# the same CNN exported with a fixed batch of one image (no dynamic axes), as many exported models are
torch.onnx.export(net, xs[:1], os.path.join(here, "cnn_batch1.onnx"), input_names=["pixels"],
                  output_names=["embedding", "logits"], opset_version=13)

# BN-adapt on the TorchScript CNN, as ShiftScope runs it through DJL: the target images (here the last six, shifted
# darker) through the network in train mode, in order, in batches of 3, four passes, so each batch-norm layer's
# running statistics move toward the target's (momentum 0.1); then eval mode and the embeddings of all twelve.
# The network is saved with torch.jit.script: a traced one has batch norm fixed in evaluation mode.
torch.jit.script(net).save(os.path.join(here, "cnn_scripted.pt"))
darker = xs.clone()
darker[6:] = darker[6:] * 0.5 - 0.8
adapted = torch.jit.load(os.path.join(here, "cnn_scripted.pt"))
adapted.train()
with torch.no_grad():
    for _ in range(4):
        for start in range(6, 12, 3):
            adapted(darker[start:start + 3])
    adapted.eval()
    emb_adapted, _ = adapted(darker)
np.save(os.path.join(here, "darker.npy"), darker.numpy().astype("<f4"))
np.save(os.path.join(here, "cnn_bn_adapted.npy"), emb_adapted.numpy().astype("<f4"))
