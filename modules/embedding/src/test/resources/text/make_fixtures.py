#!/usr/bin/env python3
"""A tiny transformer text model exported the way Hugging Face's optimum exports one (ONNX with inputs input_ids
and attention_mask, output last_hidden_state), and torch's own outputs for two token sequences, for
TextEncoderTest's user-model checks. Random seeded weights; the vocabulary is BERT's (30,522 ids), so the built-in
MiniLM's tokenizer.json tokenizes for it (the test puts that tokenizer beside the model).

Run with Debian's python3 (torch 1.13), from this folder: /usr/bin/python3 make_fixtures.py
Writes: tiny.onnx, hidden_0.npy, hidden_1.npy (float32, tokens x 8: the last hidden states of each sequence).
"""
import os

import numpy as np
import torch

here = os.path.dirname(os.path.abspath(__file__))
torch.manual_seed(5)
# the MiniLM / BERT WordPiece ids of "the river floods every spring" and "Quarterly revenue rose 4%."
SEQUENCES = [[101, 1996, 2314, 14295, 2296, 3500, 102], [101, 12174, 6599, 3123, 1018, 1003, 1012, 102]]


class Block(torch.nn.Module):
    """One self-attention layer and a feed-forward layer, each with a residual and layer norm (BERT's shape)."""

    def __init__(self, d):
        super().__init__()
        self.q, self.k, self.v = torch.nn.Linear(d, d), torch.nn.Linear(d, d), torch.nn.Linear(d, d)
        self.norm1, self.norm2 = torch.nn.LayerNorm(d), torch.nn.LayerNorm(d)
        self.ff = torch.nn.Sequential(torch.nn.Linear(d, 2 * d), torch.nn.GELU(), torch.nn.Linear(2 * d, d))

    def forward(self, x, bias):
        scores = self.q(x) @ self.k(x).transpose(1, 2) / x.shape[-1] ** 0.5 + bias
        x = self.norm1(x + torch.softmax(scores, dim=-1) @ self.v(x))
        return self.norm2(x + self.ff(x))


class Tiny(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = torch.nn.Embedding(30522, 8)
        self.position = torch.nn.Embedding(64, 8)
        self.blocks = torch.nn.ModuleList([Block(8), Block(8)])

    def forward(self, input_ids, attention_mask):
        positions = torch.arange(input_ids.shape[1]).unsqueeze(0)
        x = self.embed(input_ids) + self.position(positions)
        bias = (1.0 - attention_mask.unsqueeze(1).float()) * -10000.0  # padded tokens get no attention
        for b in self.blocks:
            x = b(x, bias)
        return x


net = Tiny().eval()
with torch.no_grad():
    for i, ids in enumerate(SEQUENCES):
        t = torch.tensor([ids])
        out = net(t, torch.ones_like(t))
        np.save(os.path.join(here, f"hidden_{i}.npy"), out[0].numpy().astype("<f4"))
    example = torch.tensor([SEQUENCES[0]])
    torch.onnx.export(net, (example, torch.ones_like(example)), os.path.join(here, "tiny.onnx"),
                      input_names=["input_ids", "attention_mask"], output_names=["last_hidden_state"],
                      dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
                                    "last_hidden_state": {0: "batch", 1: "tokens"}}, opset_version=13)
print("wrote tiny.onnx and hidden states to", here)
