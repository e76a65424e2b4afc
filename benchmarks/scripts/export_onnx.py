"""Writes the benchmark networks for ONNX Runtime and their weights for Kiln.

Usage: /usr/bin/python3 benchmarks/scripts/export_onnx.py [output directory, default benchmarks/target/onnx]
       [network names, default all]

For each network it writes <name>.onnx (NCHW graph exported from PyTorch, dynamic batch) and the same
weights in Keras layout: <name>.weights.bin (every tensor in Kiln's order, float32 little-endian) for
the three synthetic networks, <name>.keras.safetensors (named "<layer>/<weight>", so Kiln matches
them by name and rejects any layer or shape that differs) for the Keras Applications networks of
applications.py. The files (about 230 MB) go to the git-ignored target directory.
"""
import json
import os
import struct
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "target", "onnx")
ONLY = sys.argv[2:]
sys.path.insert(0, HERE)
from applications import APPLICATIONS  # noqa: E402

# (kind, filters or units, kernel, stride, padding, relu); input (height, width, channels)
NETWORKS = {
    "denoiser": ((28, 28, 1), [("conv", 32, 3, 1, "same", True), ("maxpool",), ("conv", 16, 3, 1, "same", True),
                               ("maxpool",), ("conv", 8, 3, 1, "same", True), ("conv", 8, 3, 1, "same", True),
                               ("up",), ("conv", 16, 3, 1, "same", True), ("up",),
                               ("conv", 1, 3, 1, "same", False)]),
    "strided": ((128, 128, 3), [("conv", 24, 8, 2, "valid", True), ("conv", 24, 8, 2, "valid", True),
                                ("conv", 24, 8, 2, "valid", True), ("flatten",), ("dense", 1)]),
    "vggblock": ((224, 224, 3), [("conv", 64, 3, 1, "same", True), ("conv", 64, 3, 1, "same", True),
                                 ("maxpool",), ("conv", 128, 3, 1, "same", True),
                                 ("conv", 128, 3, 1, "same", True), ("maxpool",)]),
}


class Net(nn.Module):
    def __init__(self, shape, layers, rng, weights):
        super().__init__()
        self.ops = []
        channels = shape[2]
        height, width = shape[0], shape[1]
        mods = []
        for layer in layers:
            kind = layer[0]
            if kind == "conv":
                _, filters, k, s, padding, relu = layer
                limit = np.sqrt(6 / (k * k * channels + k * k * filters))
                kernel = rng.uniform(-limit, limit, (k, k, channels, filters)).astype(np.float32)
                bias = rng.uniform(-0.1, 0.1, filters).astype(np.float32)
                weights += [kernel, bias]
                # 3x3 stride-1 SAME pads (1, 1): symmetric, so ONNX Conv pads express it exactly
                conv = nn.Conv2d(channels, filters, k, s, padding=(k // 2 if padding == "same" else 0))
                conv.weight.data = torch.from_numpy(kernel.transpose(3, 2, 0, 1).copy())
                conv.bias.data = torch.from_numpy(bias)
                mods.append(conv)
                if relu:
                    mods.append(nn.ReLU())
                channels = filters
                if padding == "valid":
                    height, width = (height - k) // s + 1, (width - k) // s + 1
            elif kind == "maxpool":
                mods.append(nn.MaxPool2d(2))
                height, width = height // 2, width // 2
            elif kind == "up":
                mods.append(nn.Upsample(scale_factor=2, mode="nearest"))
                height, width = height * 2, width * 2
            elif kind == "flatten":
                mods.append(NhwcFlatten())
                channels = height * width * channels
            elif kind == "dense":
                kernel = rng.uniform(-0.05, 0.05, (channels, layer[1])).astype(np.float32)
                bias = rng.uniform(-0.1, 0.1, layer[1]).astype(np.float32)
                weights += [kernel, bias]
                linear = nn.Linear(channels, layer[1])
                linear.weight.data = torch.from_numpy(kernel.T.copy())
                linear.bias.data = torch.from_numpy(bias)
                mods.append(linear)
        self.body = nn.Sequential(*mods)

    def forward(self, x):
        return self.body(x)


class NhwcFlatten(nn.Module):
    """Keras flattens (h, w, c) row-major; the NCHW graph permutes first so Dense sees the same order."""

    def forward(self, x):
        return x.permute(0, 2, 3, 1).reshape(x.shape[0], -1)


def write_safetensors(path, tensors):
    """{name: array} as float32 safetensors: 8-byte little-endian header length, JSON header, data."""
    header = {}
    blobs = []
    offset = 0
    for name, array in tensors.items():
        blob = np.ascontiguousarray(array, dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def export_application(name):
    net = APPLICATIONS[name](np.random.RandomState(7)).eval()
    h, w, c = net.shapes["input"]
    x = torch.zeros(1, c, h, w)
    with torch.no_grad():
        torch.onnx.export(net, x, os.path.join(OUT, name + ".onnx"), input_names=["input"], output_names=["output"],
                          dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}}, opset_version=13)
        probe = net(torch.from_numpy(np.random.RandomState(1).uniform(0, 1, (1, c, h, w)).astype(np.float32)))
    write_safetensors(os.path.join(OUT, name + ".keras.safetensors"), net.keras)
    print(name, sum(v.size for v in net.keras.values()), "parameters; largest probability %.4f" % probe.max())


def main():
    os.makedirs(OUT, exist_ok=True)
    for name in APPLICATIONS:
        if not ONLY or name in ONLY:
            export_application(name)
    for name, (shape, layers) in NETWORKS.items():
        if ONLY and name not in ONLY:
            continue
        rng = np.random.RandomState(7)
        weights = []
        net = Net(shape, layers, rng, weights).eval()
        x = torch.zeros(1, shape[2], shape[0], shape[1])
        torch.onnx.export(net, x, os.path.join(OUT, name + ".onnx"), input_names=["input"], output_names=["output"],
                          dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}}, opset_version=13)
        with open(os.path.join(OUT, name + ".weights.bin"), "wb") as f:
            for w in weights:
                f.write(np.ascontiguousarray(w, dtype="<f4").tobytes())
        print(name, sum(w.size for w in weights), "weights")


if __name__ == "__main__":
    main()
