"""Planted label shift for the user-model adaptation test (CliTest), made with PyTorch itself (python3-torch 1.13).

Inputs a, b, c, d ~ N(0, 1); each row's class is drawn from softmax(20 x logits) of the tiny model (tiny_mlp.pt,
logits output): its own answers are informative but 20 times under-confident (calibration has to find T = 1/20),
and p(x | y) is the same on both sides. The reference keeps
every row of 6,000; the target is 6,000 other rows resampled so that class 0 is kept with probability 1, class 1
with 0.4 and class 2 with 0.15, a pure label shift.

Run: /usr/bin/python3 make_label_shift_fixture.py   (writes label_shift_ref.csv, label_shift_tgt.csv here)
"""
import numpy as np
import torch

model = torch.jit.load("tiny_mlp.pt")
rng = np.random.default_rng(5)


def rows(n):
    x = rng.normal(size=(n, 4)).astype(np.float32)
    with torch.no_grad():
        _, logits = model(torch.from_numpy(x))
    p = torch.softmax(20 * logits, dim=1).numpy()
    y = np.array([rng.choice(3, p=row / row.sum()) for row in p])
    return x, y


def write(name, x, y):
    with open(name, "w") as f:
        f.write("a,b,c,d,y\n")
        for xi, yi in zip(x, y):
            f.write("%.7g,%.7g,%.7g,%.7g,c%d\n" % (xi[0], xi[1], xi[2], xi[3], yi))


x, y = rows(6000)
write("label_shift_ref.csv", x, y)
x, y = rows(6000)
keep = rng.random(len(y)) < np.array([1.0, 0.4, 0.15])[y]
write("label_shift_tgt.csv", x[keep], y[keep])
