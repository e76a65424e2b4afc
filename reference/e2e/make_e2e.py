#!/usr/bin/python3
"""Writes the end-to-end fixtures: for each architecture of seeds.txt and random.txt, seeded random weights
in every Keras layout and as a PyTorch state_dict, and PyTorch's outputs for generated inputs.

Run with Debian's packages (python3-torch 1.13, python3-h5py, numpy), then tfjs_e2e.js for TensorFlow.js's
outputs (see README.md; regenerate.sh runs both):
    /usr/bin/python3 reference/e2e/make_e2e.py

Per architecture NAME, next to the Java tests (seeds: examples/src/test/resources/e2e/seeds, random:
runtime/src/test/resources/e2e/random), a file being gzipped (`.gz`) when that makes it at least 40% smaller:
  NAME.keras.safetensors   Keras names (`conv1/kernel`) and layouts      (../weights/make_fixtures.py writers)
  NAME.keras2.h5           tf-keras save_weights layout
  NAME.weights.h5          Keras 3 saving_lib layout
  NAME.torch.safetensors   the state_dict of the equivalent PyTorch model (make_fixtures.torch_model: NCHW,
                           PyTorch's own layouts, Flatten in (channels, height, width) order)
  NAME.torch.bin           that model's output for the inputs, in Keras's layout (NHWC), float32 LE
  NAME.tfjs.bin            TensorFlow.js's output (tfjs_e2e.js), unless tfjs cannot run it the Keras way
  manifest.txt             NAME | batch | stride | references: outputs with more than MAX_STORED floats keep
                           every stride-th float (stride a prime, so every channel and position is sampled)
Inputs are not stored: inputs(name, count) below is a splitmix64 stream that the Java tests reproduce.

Weights: each layer's weights are drawn by ../runtime/torch_reference.py's `layer` (in Keras order and layout,
batch-norm statistics non-trivial), which also computes a second, functional PyTorch output in Keras's
layout; the state_dict model must agree with it to 1e-5 relative, or the script stops.
"""
import argparse
import gzip
import json
import math
import os
import shutil
import sys
import zlib

import h5py
import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
sys.path.insert(0, os.path.join(HERE, "..", "weights"))
sys.path.insert(0, os.path.join(HERE, "..", "runtime"))
import make_fixtures as mf  # noqa: E402
import random_archs  # noqa: E402
import torch_reference as tr  # noqa: E402
from cases import Draw  # noqa: E402

OUT = {"seeds": os.path.join(ROOT, "examples", "src", "test", "resources", "e2e", "seeds"),
       "random": os.path.join(ROOT, "runtime", "src", "test", "resources", "e2e", "random")}
BUILD = os.path.join(HERE, "build")  # inputs and the manifest for tfjs_e2e.js; not committed
BATCH = {"StridedStack": 4}  # its output is one float per example
DEFAULT_BATCH = 2
MAX_STORED = 4096
GOLDEN, MIX1, MIX2 = 0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB
KERAS_WEIGHTS = {"conv2d": ["kernel", "bias"], "depthwise": ["kernel", "bias"], "transpose": ["kernel", "bias"],
                 "separable": ["depthwise_kernel", "pointwise_kernel", "bias"], "dense": ["kernel", "bias"]}


def inputs(name, count):
    """count floats in [-2, 2), each exactly representable: splitmix64 of (crc32(name) + (i + 1) * golden);
    the top 24 bits v of each give (v - 2^23) / 2^22. dev.kiln.*.E2eFixtures.inputs is the same."""
    with np.errstate(over="ignore"):
        z = np.uint64(zlib.crc32(name.encode())) + np.arange(1, count + 1, dtype=np.uint64) * np.uint64(GOLDEN)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(MIX1)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(MIX2)
        z = z ^ (z >> np.uint64(31))
    v = (z >> np.uint64(40)).astype(np.int64)
    return ((v - (1 << 23)) / float(1 << 22)).astype(np.float32)


def weight_names(kind, a):
    """The layer's Keras weights in save order (docs/SEMANTICS.md §6.1), as torch_reference.layer draws them."""
    if kind == "bn":
        return ((["gamma"] if a.get("scale", "true") == "true" else [])
                + (["beta"] if a.get("center", "true") == "true" else []) + ["moving_mean", "moving_variance"])
    return [n for n in KERAS_WEIGHTS.get(kind, []) if n != "bias" or a.get("bias", "true") == "true"]


class E2eDraw(Draw):
    """torch_reference's weight draws, with kernels scaled to He-uniform limits (at most 0.5) so that deep
    random models keep activations near 1, and optionally thinned to a density."""

    def start(self, kind, a, shape, density):
        c = shape[-1]
        k = mf.pair(a.get("kernel", 1))
        s = mf.pair(a.get("strides", 1))
        fans = {"conv2d": [k[0] * k[1] * c], "depthwise": [k[0] * k[1]],
                "separable": [k[0] * k[1], c * a.get("multiplier", 1)],
                "transpose": [max(1, k[0] * k[1] * c // (s[0] * s[1]))], "dense": [c]}
        self.fans = list(fans.get(kind, []))
        self.density = density

    def tensor(self, shape, low=-0.5, high=0.5):
        t = self.rng.uniform(low, high, size=shape)
        if len(shape) >= 2:  # a kernel
            fan = self.fans.pop(0) * self.density
            t = t * (min(0.5, math.sqrt(6.0 / max(fan, 1.0))) / 0.5)
            if self.density < 1:
                t = np.where(self.rng.uniform(size=shape) < self.density, t, 0.0)  # +0.0: compresses
        t = t.astype(np.float32)
        self.weights.append(t)
        return t


def run(model, batch):
    """Weights, the state_dict model, the inputs and the model's output (Keras layout) for one architecture.
    If the output does not depend on the input (every example's the same, e.g. a ReLU that is zero for all),
    it would prove little: the weights are drawn again from a salted seed (`name#1`, ...)."""
    name = model["name"]
    size = int(np.prod(model["shape"]))
    x_keras = inputs(name, batch * size).reshape([batch] + model["shape"])
    for salt in range(20):
        draw = E2eDraw({"name": name if salt == 0 else f"{name}#{salt}"})
        layers, functional = draw_and_run(model, draw, x_keras)
        if not np.all(functional == functional[:1]):
            break
        print(f"{name}: every example gives the same output with seed #{salt}; drawing again")
    else:
        raise SystemExit(f"{name}: the output does not depend on the input")
    net = mf.torch_model(model, layers)
    with torch.no_grad():
        y = mf.keras_output(net, net(mf.keras_input(net, torch.from_numpy(x_keras)))).contiguous().numpy()
    scale = max(1.0, float(np.abs(functional).max()))
    diff = float(np.abs(y - functional).max()) if y.shape == functional.shape else math.inf
    if not diff <= 1e-5 * scale:
        raise SystemExit(f"{name}: the state_dict model differs from the functional reference by {diff}")
    return layers, net, x_keras, y, diff, salt


def draw_and_run(model, draw, x_keras):
    """[(field, kind, attrs, input shape, [(weight name, array)])] and the functional output for one draw."""
    x = torch.from_numpy(x_keras)
    layers = []
    for field, kind, a in model["layers"]:
        a = dict(a)
        density = a.pop("density", 1.0)
        shape = list(x.shape[1:])
        first = len(draw.weights)
        draw.start(kind, a, shape, density)
        x = tr.layer(x, kind, a, draw)
        names = weight_names(kind, a)
        assert len(names) == len(draw.weights) - first, (model["name"], field, names)
        layers.append((field, kind, a, shape, list(zip(names, draw.weights[first:]))))
    return layers, x.numpy()


def stride_for(total):
    """1, or the smallest prime at least total / MAX_STORED."""
    if total <= MAX_STORED:
        return 1
    p = -(-total // MAX_STORED)
    while any(p % q == 0 for q in range(2, int(p ** 0.5) + 1)):
        p += 1
    return p


def store(tmp, dest):
    """Moves the file tmp to dest, or gzipped to dest.gz when that saves at least 40%."""
    data = open(tmp, "rb").read()
    os.remove(tmp)
    packed = gzip.compress(data, 9, mtime=0)
    for stale in (dest, dest + ".gz"):
        if os.path.exists(stale):
            os.remove(stale)
    if len(data) > 4096 and len(packed) <= 0.6 * len(data):
        dest, data = dest + ".gz", packed
    with open(dest, "wb") as f:
        f.write(data)
    return os.path.basename(dest), len(data)


def write(model, out, batch):
    name = model["name"]
    layers, net, x, y, diff, salt = run(model, batch)
    base = os.path.join(out, name)
    tmp = os.path.join(BUILD, name + ".tmp")
    files = []
    keras = {f"{field}/{n}": mf.array_entry(v) for field, _, _, _, w in layers for n, v in w}
    mf.write_safetensors(tmp, keras)
    files.append(store(tmp, base + ".keras.safetensors"))
    with h5py.File(tmp, "w") as f:
        mf.write_keras2_weights(f, layers)
    files.append(store(tmp, base + ".keras2.h5"))
    with h5py.File(tmp, "w") as f:
        mf.write_keras3_weights(f, model, layers)
    files.append(store(tmp, base + ".weights.h5"))
    mf.write_safetensors(tmp, {k: mf.array_entry(v.numpy()) for k, v in net.state_dict().items()},
                         metadata={"format": "pt"})
    files.append(store(tmp, base + ".torch.safetensors"))
    stride = stride_for(y.size)
    y.reshape(-1)[::stride].astype("<f4").tofile(base + ".torch.bin")
    x.astype("<f4").tofile(os.path.join(BUILD, name + ".input.bin"))
    shapes = [(kind, a, shape, list(out_shape)) for (_, kind, a, shape, _), out_shape in
              zip(layers, [l[3] for l in layers[1:]] + [list(y.shape[1:])])]
    no_tfjs = random_archs.tfjs_cannot(shapes)
    keras_files = [f for f, _ in files if ".torch." not in f]
    print(f"{name}: {sum(v.size for *_, w in layers for _, v in w)} weights, output {list(y.shape)}, stored 1/{stride}, "
          f"state_dict vs functional {diff:.1e}, {sum(n for _, n in files) // 1024} KB of weights"
          + (f", weights seed #{salt}" if salt else "")
          + (f"; no tfjs: {'; '.join(no_tfjs)}" if no_tfjs else ""))
    return {"name": name, "dir": os.path.abspath(out), "batch": batch, "shape": model["shape"], "salt": salt,
            "stride": stride, "tfjs": not no_tfjs, "noTfjs": no_tfjs, "kerasFile": keras_files[0],
            "layers": [{"field": field, "kind": kind, "attrs": {k: text(v) for k, v in a.items()},
                        "weights": [n for n, _ in w]} for field, kind, a, _, w in layers]}


def text(value):
    return ",".join(map(str, value)) if isinstance(value, list) else str(value)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--random", default=os.path.join(HERE, "random.txt"), help="the random architectures")
    parser.add_argument("--out", help="write seeds/, random/ and build/ here instead (regenerate.sh --check)")
    args = parser.parse_args()
    global BUILD
    out_dirs = dict(OUT)
    if args.out:
        out_dirs = {group: os.path.join(args.out, group) for group in OUT}
        BUILD = os.path.join(args.out, "build")
    torch.manual_seed(0)
    os.makedirs(BUILD, exist_ok=True)
    manifest = []
    for group, source in (("seeds", os.path.join(HERE, "seeds.txt")), ("random", args.random)):
        out = out_dirs[group]
        os.makedirs(out, exist_ok=True)
        entries = [write(m, out, BATCH.get(m["name"], DEFAULT_BATCH)) for m in mf.load_models(source)]
        with open(os.path.join(out, "manifest.txt"), "w") as f:
            f.write("# Written by reference/e2e/make_e2e.py: name | batch | stride | references (.bin files);\n"
                    "# a reference left out says why after `no`.\n")
            for e in entries:
                refs = "torch tfjs" if e["tfjs"] else "torch | no tfjs: " + "; ".join(e["noTfjs"])
                f.write(f"{e['name']} | {e['batch']} | {e['stride']} | {refs}\n")
        if group == "random":
            shutil.copyfile(source, os.path.join(out, "random.txt"))
        manifest += entries
    with open(os.path.join(BUILD, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)


if __name__ == "__main__":
    main()
