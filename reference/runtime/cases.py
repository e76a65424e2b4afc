"""Parses cases.txt and creates each case's input and weights (shared by the reference scripts)."""
import math
import os
import zlib

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "..", "runtime", "src", "test", "resources", "runtime")
BATCH = 2


def parse_value(text):
    parts = [float(p) if ("." in p or "e" in p) else int(p) for p in text.split(",")] \
        if text[0].isdigit() or text[0] == "-" else [text]
    return parts if len(parts) > 1 else parts[0]


def load_cases():
    cases = []
    for line in open(os.path.join(HERE, "cases.txt")):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, shape, layers = [p.strip() for p in line.split("|")]
        parsed = []
        for layer in layers.split(";"):
            words = layer.split()
            attrs = dict(w.split("=", 1) for w in words[1:])
            parsed.append((words[0], {k: parse_value(v) for k, v in attrs.items()}))
        cases.append({"name": name, "shape": [int(d) for d in shape.split(",")], "layers": parsed})
    return cases


def pair(value):
    return tuple(value) if isinstance(value, list) else (value, value)


def same_padding(i, k, s, d):
    """TF's SAME split (Window.padding): the odd pixel goes after."""
    o = -(-i // s)
    total = max((o - 1) * s + (k - 1) * d + 1 - i, 0)
    return total // 2, total - total // 2


class Draw:
    """Inputs and weights for one case, drawn in a fixed order from a seed derived from its name."""

    def __init__(self, case):
        self.rng = np.random.RandomState(zlib.crc32(case["name"].encode()))
        self.weights = []

    def input(self, case):
        scale = 4.0 if case["name"].startswith(("act_", "layer_")) else 1.0
        x = (self.rng.uniform(-1, 1, size=[BATCH] + case["shape"]) * scale).astype(np.float32)
        if case["name"] == "nan_inf":
            x[0, 0, 0, 0] = np.nan
            x[0, 1, 1, 1] = np.inf
            x[1, 2, 2, 2] = -np.inf
        return x

    def tensor(self, shape, low=-0.5, high=0.5):
        t = self.rng.uniform(low, high, size=shape).astype(np.float32)
        self.weights.append(t)
        return t


def write(path, arrays):
    with open(path, "wb") as f:
        for a in arrays:
            f.write(np.ascontiguousarray(a, dtype="<f4").tobytes())


def read(path, count):
    data = np.fromfile(path, dtype="<f4")
    assert data.size == count, (path, data.size, count)
    return data


def ceil_div(a, b):
    return -(-a // b)


def dilated(k, d):
    return (k - 1) * d + 1


__all__ = ["load_cases", "pair", "same_padding", "Draw", "write", "FIXTURES", "BATCH", "math", "dilated",
           "ceil_div"]
