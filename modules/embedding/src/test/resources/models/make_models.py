"""Makes the tiny model fixtures of the embedding tests with PyTorch itself (Debian python3-torch 1.13).

A seeded MLP 4 -> 8 (ReLU) -> 3 that returns two outputs, (hidden, logits), exported as TorchScript (traced) and
ONNX (opset 13, dynamic batch). The reference outputs for a fixed input are computed by torch and saved as .npy, so
the Java tests compare DJL's outputs with torch's own, not with themselves.

Run: /usr/bin/python3 make_models.py   (writes tiny_mlp.pt, tiny_mlp.onnx, input.npy, hidden.npy, logits.npy here)
"""
import numpy as np
import torch


class TinyMlp(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = torch.nn.Linear(4, 8)
        self.out = torch.nn.Linear(8, 3)

    def forward(self, x):
        h = torch.relu(self.hidden(x))
        return h, self.out(h)


def main():
    torch.manual_seed(7)
    model = TinyMlp().eval()
    x = torch.from_numpy(np.random.default_rng(11).normal(size=(10, 4)).astype(np.float32))
    with torch.no_grad():
        h, logits = model(x)
        torch.jit.trace(model, x).save("tiny_mlp.pt")
        torch.onnx.export(model, x, "tiny_mlp.onnx", opset_version=13, input_names=["x"],
                          output_names=["hidden", "logits"],
                          dynamic_axes={"x": {0: "b"}, "hidden": {0: "b"}, "logits": {0: "b"}})
    np.save("input.npy", x.numpy())
    np.save("hidden.npy", h.numpy())
    np.save("logits.npy", logits.numpy())


if __name__ == "__main__":
    main()
