#!/usr/bin/python3
"""Deterministic generator of graph (functional) architectures for the graph conformance suite.

Writes cases.json: the fixed models (U-Nets, ResNet-18, broken variants, several inputs/outputs,
merge corner cases) followed by random DAGs, each with the reference that must decide it
("tfjs-4.22.0" or "torch-1.13") and why. It predicts nothing that ends up in the fixture:
keras_graph.py only steers the random DAGs towards the intended verdict (about 58% valid, the
invalid ones spread over merge mismatch, Concatenate mismatch, merge rank, merge arity and window
misfit) and computes the U-Net crops. run_tfjs.js / run_torch.py produce the numbers.

usage: generate.py OUT_CASES_JSON
"""
import collections
import json
import random
import sys

import keras_graph as kg

seq = kg.shapes_module("generate")  # ../shapes/generate.py: samplers, invalid layers, routing
km = kg.km

SEED = 20250704
N_VALID = 116
# invalid intent -> number of random DAGs (84 of 200)
N_INVALID = {
    "merge_mismatch": 20,
    "concat_mismatch": 20,
    "window": 18,
    "merge_arity": 12,
    "merge_rank": 14,
}
REASONS = {
    "merge_mismatch": {"merge_mismatch"},
    "concat_mismatch": {"concat_mismatch"},
    "window": {"conv_nonpositive", "pool_nonpositive", "crop_nonpositive"},
    "merge_arity": {"merge_arity"},
    "merge_rank": {"merge_rank"},
}
MAX_CASE_MACS = 60_000_000  # tfjs runs on its pure-JS CPU backend
TFJS, TORCH = seq.TFJS, seq.TORCH
# fused activations tfjs has an identifier for (no LEAKY_RELU; SILU runs as swish)
FUSED_ACTIVATIONS = ["LINEAR", "LINEAR", "RELU", "RELU", "RELU", "RELU6", "ELU", "SELU", "GELU",
                     "SWISH", "SIGMOID", "TANH", "SOFTPLUS"]
PREFIX = {
    "Conv2D": "conv", "DepthwiseConv2D": "dw", "SeparableConv2D": "sep", "Conv2DTranspose": "upconv",
    "MaxPooling2D": "pool", "AveragePooling2D": "avgpool", "GlobalAveragePooling2D": "gap",
    "GlobalMaxPooling2D": "gmp", "UpSampling2D": "up", "ZeroPadding2D": "pad", "Cropping2D": "crop",
    "BatchNormalization": "bn", "Dropout": "drop", "Activation": "act", "ReLU": "relu",
    "LeakyReLU": "lrelu", "ELU": "elu", "Softmax": "softmax", "Flatten": "flatten",
    "Reshape": "reshape", "Dense": "dense", "Add": "add", "Subtract": "sub", "Multiply": "mul",
    "Average": "avg", "Maximum": "max", "Minimum": "min", "Concatenate": "concat",
}


class Retry(Exception):
    """The random choices cannot realise the intended case; start it again."""


# ---------------------------------------------------------------- layer constructors

def conv(f, k, s=1, pad="VALID", act="LINEAR", bias=True, d=1, kind="Conv2D", dm=1):
    k = k if isinstance(k, list) else [k, k]
    s = s if isinstance(s, list) else [s, s]
    d = d if isinstance(d, list) else [d, d]
    layer = {"type": kind, "filters": f, "kernelSize": k, "strides": s, "padding": pad,
             "depthMultiplier": dm, "dilationRate": d, "useBias": bias}
    layer = seq.order(layer)
    layer["activation"] = act
    return layer


def transpose(f, k, s, pad="VALID", op=(), act="LINEAR", bias=True):
    return {"type": "Conv2DTranspose", "filters": f, "kernelSize": [k, k], "strides": [s, s],
            "padding": pad, "outputPadding": list(op), "dilationRate": [1, 1], "useBias": bias,
            "activation": act}


def pool(k=2, s=None, pad="VALID", kind="MaxPooling2D"):
    k = k if isinstance(k, list) else [k, k]
    return {"type": kind, "poolSize": k, "strides": [] if s is None else [s, s], "padding": pad}


def bn():
    return {"type": "BatchNormalization", "center": True, "scale": True}


def act(value):
    return {"type": "Activation", "value": value}


def crop(top, bottom, left, right):
    return {"type": "Cropping2D", "cropping": [top, bottom, left, right]}


def zpad(top, bottom, left, right):
    return {"type": "ZeroPadding2D", "padding": [top, bottom, left, right]}


def dense(units, act="LINEAR", bias=True):
    return {"type": "Dense", "units": units, "useBias": bias, "activation": act}


def gap(keepdims=False):
    return {"type": "GlobalAveragePooling2D", "keepdims": keepdims}


def upsample(size=2, interpolation="NEAREST"):
    return {"type": "UpSampling2D", "size": [size, size], "interpolation": interpolation}


def merge(kind, axis=-1):
    return {"type": "Concatenate", "axis": axis} if kind == "Concatenate" else {"type": kind}


# ---------------------------------------------------------------- graph under construction

class Graph:
    def __init__(self):
        self.inputs = {}
        self.layers = []
        self.shape = {}       # name -> predicted (Keras 3 / Kiln) shape, None once unknown
        self.used = []
        self.count = collections.Counter()
        self.failed = None
        self.reason = None
        self.macs = 0
        self.bad_from = None  # index of the first layer of the intentionally broken block

    def input(self, name, shape):
        self.inputs[name] = list(shape)
        self.shape[name] = tuple(shape)
        return name

    def fresh(self, prefix):
        while True:
            self.count[prefix] += 1
            name = "%s%d" % (prefix, self.count[prefix])
            if name not in self.shape:
                return name

    def add(self, layer, frm, name=None):
        frm = [frm] if isinstance(frm, str) else list(frm)
        name = name or self.fresh(PREFIX[layer["type"]])
        assert name not in self.shape, name
        row = {"name": name}
        row.update(layer)
        if layer["type"] in kg.FUSED and "activation" not in row:
            row["activation"] = "LINEAR"
        row["from"] = frm
        self.layers.append(row)
        self.used += [n for n in frm if n not in self.used]
        ins = [self.shape[n] for n in frm]
        out = None
        if self.failed is None and all(s is not None for s in ins):
            try:
                out = kg.output(layer, ins)
                self.macs += kg.macs(layer, ins, out)
            except kg.Invalid as e:
                self.failed, self.reason = name, e.reason
        self.shape[name] = out
        return name

    def dims(self, name):
        s = self.shape[name]
        if s is None:
            raise Retry()
        return s

    def outputs(self):
        return [l["name"] for l in self.layers if l["name"] not in self.used]


def case(cid, what, g, outputs=None, totals=False):
    assert all(n in g.used for n in g.inputs), "unused input in " + cid
    return {"id": cid, "what": what, "inputs": g.inputs, "layers": g.layers,
            "outputs": outputs or g.outputs(), "totals": totals}


# ---------------------------------------------------------------- fixed models

def unet_original(crop_override=None):
    """Ronneberger et al. 2015: 572x572x1 -> 388x388x2, VALID 3x3 convs, crops before concat."""
    g = Graph()
    x = g.input("image", [572, 572, 1])
    skips = []
    for level, f in enumerate([64, 128, 256, 512], start=1):
        x = g.add(conv(f, 3, act="RELU"), x, "enc%da" % level)
        x = g.add(conv(f, 3, act="RELU"), x, "enc%db" % level)
        skips.append(x)
        x = g.add(pool(2), x, "pool%d" % level)
    x = g.add(conv(1024, 3, act="RELU"), x, "bottleneckA")
    x = g.add(conv(1024, 3, act="RELU"), x, "bottleneckB")
    for level in (4, 3, 2, 1):
        f = 64 << (level - 1)
        up = g.add(transpose(f, 2, 2), x, "up%d" % level)
        skip = skips[level - 1]
        if crop_override and level in crop_override:
            c = crop_override[level]
        elif crop_override:  # the sizes are unknown after a broken level: take the right crops
            c = next(l["cropping"] for l in unet_original().layers if l["name"] == "crop%d" % level)
        else:
            per_side = (g.dims(skip)[0] - g.dims(up)[0]) // 2  # 4, 16, 40, 88
            c = [per_side] * 4
        cropped = g.add(crop(*c), skip, "crop%d" % level)
        x = g.add(merge("Concatenate"), [up, cropped], "cat%d" % level)
        x = g.add(conv(f, 3, act="RELU"), x, "dec%da" % level)
        x = g.add(conv(f, 3, act="RELU"), x, "dec%db" % level)
    g.add(conv(2, 1), x, "out")
    return g


def unet_same(size, up_kind="same"):
    """SAME-padded U-Net, 4 poolings, 64..1024 filters, 2x2 stride-2 up-convs; 3 channels in."""
    g = Graph()
    x = g.input("image", [size, size, 3])
    skips = []
    for level, f in enumerate([64, 128, 256, 512], start=1):
        x = g.add(conv(f, 3, pad="SAME", act="RELU"), x, "enc%da" % level)
        x = g.add(conv(f, 3, pad="SAME", act="RELU"), x, "enc%db" % level)
        skips.append(x)
        x = g.add(pool(2), x, "pool%d" % level)
    x = g.add(conv(1024, 3, pad="SAME", act="RELU"), x, "bottleneckA")
    x = g.add(conv(1024, 3, pad="SAME", act="RELU"), x, "bottleneckB")
    for level in (4, 3, 2, 1):
        f = 64 << (level - 1)
        if up_kind == "same":
            up = g.add(transpose(f, 2, 2, pad="SAME"), x, "up%d" % level)
        elif up_kind == "valid_op1":   # odd encoder sizes: (i-1)*2 + 2 + 1 = 2i + 1
            up = g.add(transpose(f, 2, 2, pad="VALID", op=[1, 1]), x, "up%d" % level)
        else:                          # "same_op1": (i-1)*2 + 2 % 2 + 1 = 2i - 1, still short
            up = g.add(transpose(f, 2, 2, pad="SAME", op=[1, 1]), x, "up%d" % level)
        x = g.add(merge("Concatenate"), [up, skips[level - 1]], "cat%d" % level)
        x = g.add(conv(f, 3, pad="SAME", act="RELU"), x, "dec%da" % level)
        x = g.add(conv(f, 3, pad="SAME", act="RELU"), x, "dec%db" % level)
    g.add(conv(1, 1, act="SIGMOID"), x, "out")
    return g


def resnet18(broken=None):
    """ResNet-18 (He et al. 2015) on 224x224x3: convs without bias followed by BatchNormalization,
    identity shortcuts, 1x1 stride-2 projection + BatchNormalization on the first block of stages
    2-4, global average pooling and a 1000-way Dense."""
    g = Graph()
    x = g.input("image", [224, 224, 3])
    x = g.add(conv(64, 7, 2, "SAME", bias=False), x, "conv1")
    x = g.add(bn(), x, "bn1")
    x = g.add(act("RELU"), x, "relu1")
    x = g.add(pool(3, 2, "SAME"), x, "pool1")
    for stage, f in enumerate([64, 128, 256, 512], start=1):
        for block in (1, 2):
            p = "l%db%d" % (stage, block)
            s = 2 if stage > 1 and block == 1 else 1
            y = g.add(conv(f, 3, s, "SAME", bias=False), x, p + "conv1")
            y = g.add(bn(), y, p + "bn1")
            y = g.add(act("RELU"), y, p + "relu1")
            y = g.add(conv(f, 3, 1, "SAME", bias=False), y, p + "conv2")
            y = g.add(bn(), y, p + "bn2")
            shortcut = x
            if s == 2 and not (broken == "no_projection" and stage == 2):
                ps = 1 if broken == "projection_stride_1" and stage == 2 else 2
                shortcut = g.add(conv(f, 1, ps, "VALID", bias=False), x, p + "proj")
                shortcut = g.add(bn(), shortcut, p + "projBn")
            y = g.add(merge("Add"), [y, shortcut], p + "add")
            x = g.add(act("RELU"), y, p + "out")
    x = g.add(gap(), x, "avgpool")
    g.add(dense(1000, "SOFTMAX"), x, "fc")
    return g


def small_models():
    """Several inputs / outputs and merge corner cases: (id suffix, description, graph, outputs)."""
    out = []

    g = Graph()
    img, mask = g.input("image", [64, 64, 3]), g.input("mask", [64, 64, 1])
    x = g.add(merge("Concatenate"), [img, mask], "stacked")
    x = g.add(conv(16, 3, pad="SAME", act="RELU"), x, "conv1")
    x = g.add(pool(2), x, "pool1")
    x = g.add(conv(32, 3, pad="SAME", act="RELU"), x, "conv2")
    x = g.add(gap(), x, "features")
    g.add(dense(1, "SIGMOID"), x, "score")
    out.append(("two inputs (image + mask) concatenated on channels, one output", g, None))

    g = Graph()
    img, meta = g.input("image", [32, 32, 3]), g.input("meta", [10])
    x = g.add(conv(16, 3, pad="SAME", act="RELU"), img, "conv1")
    x = g.add(pool(2), x, "pool1")
    x = g.add(conv(32, 3, pad="SAME", act="RELU"), x, "conv2")
    x = g.add(gap(), x, "features")
    m = g.add(dense(32, "RELU"), meta, "metaDense")
    x = g.add(merge("Concatenate"), [x, m], "joined")
    x = g.add(dense(16, "RELU"), x, "hidden")
    g.add(dense(1), x, "price")
    out.append(("two inputs: image features and a metadata vector joined by Concatenate", g, None))

    g = Graph()
    img = g.input("image", [128, 128, 3])
    x = g.add(conv(16, 3, pad="SAME", act="RELU"), img, "conv1")
    x = g.add(pool(2), x, "pool1")
    x = g.add(conv(32, 3, pad="SAME", act="RELU"), x, "conv2")
    x = g.add(pool(2), x, "pool2")
    y = g.add(upsample(4), x, "up")
    g.add(conv(1, 1, act="SIGMOID"), y, "seg")
    z = g.add(gap(), x, "gap")
    g.add(dense(5, "SOFTMAX"), z, "cls")
    out.append(("two outputs: segmentation map and class scores from one backbone", g, ["seg", "cls"]))

    g = Graph()
    left, right = g.input("left", [48, 48, 1]), g.input("right", [48, 48, 1])
    a = g.add(conv(8, 3, pad="SAME", act="RELU"), left, "leftConv")
    b = g.add(conv(8, 3, pad="SAME", act="RELU"), right, "rightConv")
    x = g.add(merge("Concatenate"), [a, b], "pair")
    x = g.add(conv(16, 3, pad="SAME", act="RELU"), x, "fused")
    diff = g.add(merge("Maximum"), [a, b], "strongest")
    g.add(conv(1, 1), x, "disparity")
    y = g.add(gap(), diff, "pooled")
    g.add(dense(1, "SIGMOID"), y, "match")
    out.append(("two inputs, two outputs (stereo pair: disparity map and match score)", g,
                ["disparity", "match"]))

    g = Graph()
    img, meta = g.input("image", [32, 32, 3]), g.input("meta", [16])
    x = g.add(conv(16, 3, pad="SAME", act="RELU"), img, "conv1")
    m = g.add(dense(16), meta, "metaDense")
    x = g.add(merge("Add"), [x, m], "biased")
    g.add(conv(4, 1), x, "out")
    out.append(("Add of an image (32x32x16) and a vector (16): Keras/tfjs broadcast across ranks, "
                "Kiln rejects", g, None))

    g = Graph()
    img, meta = g.input("image", [32, 32, 3]), g.input("meta", [16])
    x = g.add(conv(16, 3, pad="SAME", act="RELU"), img, "conv1")
    m = g.add(dense(16), meta, "metaDense")
    x = g.add(merge("Concatenate"), [x, m], "joined")
    g.add(conv(4, 1), x, "out")
    out.append(("Concatenate of an image and a vector: ranks differ", g, None))

    g = Graph()
    img, mask = g.input("image", [64, 64, 3]), g.input("mask", [32, 32, 1])
    x = g.add(conv(8, 3, pad="SAME", act="RELU"), img, "conv1")
    x = g.add(merge("Concatenate"), [x, mask], "stacked")
    g.add(conv(1, 1), x, "out")
    out.append(("two inputs of different sizes concatenated (64x64 vs 32x32)", g, None))

    g = Graph()
    img = g.input("image", [32, 32, 16])
    s = g.add(gap(keepdims=True), img, "squeeze")
    s = g.add(conv(4, 1, act="RELU"), s, "reduce")
    s = g.add(conv(16, 1, act="SIGMOID"), s, "expand")
    x = g.add(merge("Multiply"), [img, s], "scaled")
    g.add(conv(8, 3, pad="SAME"), x, "out")
    out.append(("squeeze-and-excitation: GlobalAveragePooling2D(keepdims) gate broadcast by Multiply",
                g, None))

    g = Graph()
    img = g.input("image", [16, 16, 4])
    x = g.add(conv(4, 3, pad="SAME"), img, "conv1")
    x = g.add(merge("Add"), [x], "lonely")
    g.add(conv(4, 1), x, "out")
    out.append(("Add of a single input", g, None))

    g = Graph()
    img = g.input("image", [16, 16, 4])
    x = g.add(conv(4, 3, pad="SAME"), img, "conv1")
    x = g.add(merge("Concatenate"), [x], "lonely")
    g.add(conv(4, 1), x, "out")
    out.append(("Concatenate of a single input", g, None))

    g = Graph()
    img = g.input("image", [16, 16, 4])
    a = g.add(conv(4, 3, pad="SAME"), img, "conv1")
    b = g.add(conv(4, 1), img, "conv2")
    x = g.add(merge("Subtract"), [img, a, b], "diff")
    g.add(conv(4, 1), x, "out")
    out.append(("Subtract of three inputs", g, None))

    g = Graph()
    img = g.input("image", [24, 24, 8])
    a = g.add(conv(1, 3, pad="SAME", act="SIGMOID"), img, "attention")
    x = g.add(merge("Subtract"), [img, a], "residual")
    g.add(conv(8, 3, pad="SAME"), x, "out")
    out.append(("Subtract of 24x24x8 and 24x24x1 (the 1 broadcasts)", g, None))

    g = Graph()
    img = g.input("image", [20, 20, 6])
    a = g.add(conv(6, 3, pad="SAME"), img, "a")
    b = g.add(conv(6, 5, pad="SAME"), img, "b")
    c = g.add(pool(3, 1, "SAME"), img, "c")
    x = g.add(merge("Average"), [a, b, c], "mean")
    y = g.add(merge("Minimum"), [a, b], "low")
    x = g.add(merge("Concatenate", axis=1), [x, y], "stackedRows")
    g.add(conv(2, 1), x, "out")
    out.append(("Average of three, Minimum of two, Concatenate on axis 1 (rows) -> 40x20x6", g, None))

    g = Graph()
    img = g.input("image", [20, 20, 6])
    a = g.add(conv(6, 3, pad="SAME"), img, "a")
    b = g.add(conv(8, 3, pad="SAME"), img, "b")
    x = g.add(merge("Concatenate", axis=1), [a, b], "stackedRows")
    g.add(conv(2, 1), x, "out")
    out.append(("Concatenate on axis 1 of 20x20x6 and 20x20x8: channels differ", g, None))

    g = Graph()
    img = g.input("image", [57, 57, 8])
    x = g.add(conv(16, 3, pad="SAME", act="RELU"), img, "conv3")
    d = g.add(pool(2), x, "pool")
    d = g.add(conv(16, 3, pad="SAME", act="RELU"), d, "bottom")
    u = g.add(upsample(2), d, "up1")
    x = g.add(merge("Concatenate"), [u, x], "cat")
    g.add(conv(2, 1), x, "out")
    out.append(("57x57 halved and doubled comes back 56x56: Concatenate mismatch (issue 6 example)",
                g, None))

    g = Graph()
    img = g.input("image", [57, 57, 8])
    x = g.add(conv(16, 3, pad="SAME", act="RELU"), img, "conv3")
    d = g.add(pool(2), x, "pool")
    d = g.add(conv(16, 3, pad="SAME", act="RELU"), d, "bottom")
    u = g.add(upsample(2), d, "up1")
    c = g.add(crop(0, 1, 0, 1), x, "conv3Cropped")
    x = g.add(merge("Concatenate"), [u, c], "cat")
    g.add(conv(2, 1), x, "out")
    out.append(("the same with conv3 cropped by 1 row and 1 column: valid", g, None))
    return out


def fixed_cases():
    cases = [
        case("g0001", "U-Net (Ronneberger 2015): 572x572x1 -> 388x388x2, crops 4/16/40/88 per side",
             unet_original(), totals=True),
        case("g0002", "U-Net with the level-3 crop one pixel short per side (15, not 16): "
                      "cat3 gets 106x106 and 104x104",
             unet_original({3: [15, 15, 15, 15]})),
        case("g0003", "SAME-padded U-Net, 256x256x3, 4 poolings, 64..1024 filters",
             unet_same(256), totals=True),
        case("g0004", "SAME-padded U-Net on 255x255x3: 31 halved and doubled is 30, cat4 mismatch",
             unet_same(255)),
        case("g0005", "SAME-padded U-Net on 255x255x3 repaired with VALID 2x2 stride-2 up-convs and "
                      "outputPadding 1 (2i+1)",
             unet_same(255, "valid_op1"), totals=True),
        case("g0006", "SAME-padded U-Net on 255x255x3 with SAME 2x2 stride-2 up-convs and "
                      "outputPadding 1: 29, not 31 (no outputPadding < 2 reaches 31)",
             unet_same(255, "same_op1")),
        case("g0007", "ResNet-18 on 224x224x3 (identity and 1x1 stride-2 projection shortcuts)",
             resnet18(), totals=True),
        case("g0008", "ResNet-18 whose first stage-2 block lacks the projection shortcut: "
                      "Add of 28x28x128 and 56x56x64",
             resnet18("no_projection")),
        case("g0009", "ResNet-18 whose first stage-2 projection has stride 1: Add of 28x28x128 "
                      "and 56x56x128",
             resnet18("projection_stride_1")),
    ]
    for number, (what, g, outputs) in enumerate(small_models(), start=10):
        cases.append(case("g%04d" % number, what, g, outputs))
    return cases


# ---------------------------------------------------------------- random DAG blocks

def rnd_act(rng):
    return rng.choice(FUSED_ACTIVATIONS)


def elementwise_kind(rng, n=2):
    kinds = ["Add"] * 5 + ["Multiply"] * 2 + ["Average", "Maximum", "Minimum"]
    if n == 2:
        kinds.append("Subtract")
    return rng.choice(kinds)


def filters(rng):
    return rng.choice([2, 4, 4, 6, 8, 8, 8, 12, 16, 16, 24])


def images(g, exclude=()):
    """Names (inputs and layers, declaration order) with a predicted image shape."""
    names = list(g.inputs) + [l["name"] for l in g.layers]
    return [n for n in names if n not in exclude and g.shape[n] is not None and len(g.shape[n]) == 3]


def window_layer(g, rng, x, subs):
    """A layer that Keras rejects on x's shape: conv / pooling / cropping output <= 0."""
    reason = rng.choice(["conv_nonpositive", "conv_nonpositive", "pool_nonpositive", "crop_nonpositive"])
    sub = subs[reason]
    subs[reason] += 1
    layer = seq.invalid_layer(rng, reason, g.dims(x), sub)
    if layer is None:
        raise Retry()
    if layer["type"] in kg.FUSED:
        layer["activation"] = rnd_act(rng)
    return layer


def same_chain(g, rng, x, c, n=None):
    """1-3 shape-preserving layers (SAME stride-1 convs with c filters, BN, activations)."""
    n = n or rng.randint(1, 3)
    for _ in range(n):
        r = rng.random()
        if r < 0.55:
            x = g.add(conv(c, rng.choice([1, 3, 3, 5]), pad="SAME", act=rnd_act(rng),
                           bias=rng.random() < 0.7), x)
        elif r < 0.7:
            kind = rng.choice(["DepthwiseConv2D", "SeparableConv2D"])
            x = g.add(conv(c, 3, pad="SAME", kind=kind, act=rnd_act(rng)), x)
        elif r < 0.85:
            x = g.add(bn(), x)
        else:
            x = g.add(rng.choice([act("RELU"), {"type": "ReLU"}, {"type": "LeakyReLU", "negativeSlope": 0.1},
                                  act(rng.choice(["TANH", "SIGMOID", "ELU"]))]), x)
    return x


def block_plain(g, rng, x, bad, subs):
    for _ in range(rng.randint(1, 3)):
        layer, _ = seq.valid_layer(rng, g.dims(x), MAX_CASE_MACS - g.macs, image_only=True)
        if layer is None:
            raise Retry()
        if layer["type"] in kg.FUSED:
            layer["activation"] = rnd_act(rng)
        x = g.add(layer, x)
    if bad == "window":
        g.bad_from = len(g.layers)
        x = g.add(window_layer(g, rng, x, subs), x)
    return x


def block_residual(g, rng, x, bad, subs):
    h, w, c = g.dims(x)
    kind = rng.choice(["identity", "identity", "projection", "projection", "valid_crop", "two_branch"])
    if bad == "merge_arity":
        kind = rng.choice(["identity", "two_branch"])
    if bad == "merge_mismatch" and kind == "two_branch":
        kind = "identity"
    if bad:
        g.bad_from = len(g.layers)
    if bad == "window":  # the branch's first layer does not fit
        return g.add(window_layer(g, rng, x, subs), x)
    shortcut = x
    if kind == "identity":
        if bad == "merge_mismatch":
            how = rng.choice(["filters", "stride", "valid"])
            if how == "filters":
                f = rng.choice([v for v in (2, 3, 4, 6, 8, 12, 16, 24) if v not in (c, 1)])
                y = g.add(conv(f, 3, pad="SAME", act=rnd_act(rng)), x)
            elif how == "stride":
                y = g.add(conv(c, 3, 2, "SAME", act=rnd_act(rng)), x)
            else:
                y = g.add(conv(c, rng.choice([3, 5]), act=rnd_act(rng)), x)
            y = same_chain(g, rng, y, g.dims(y)[2], rng.randint(0, 2) or None) if rng.random() < 0.5 else y
        else:
            y = same_chain(g, rng, x, c)
        branches = [y]
    elif kind == "projection":
        s = rng.choice([1, 2, 2])
        f = rng.choice([v for v in (4, 8, 12, 16, 24, 32) if s == 2 or v != c])
        y = g.add(conv(f, 3, s, "SAME", act="RELU", bias=False), x)
        y = g.add(bn(), y)
        y = same_chain(g, rng, y, f, 1)
        if bad == "merge_mismatch":
            how = rng.choice(["none", "stride", "filters"])
            if how == "none" or (how == "stride" and s == 1):
                shortcut = x
            elif how == "stride":
                shortcut = g.add(conv(f, 1, 1, bias=False), x)
            else:
                wrong = rng.choice([v for v in (2, 3, 5, 6, 10) if v != f])
                shortcut = g.add(conv(wrong, 1, s, bias=False), x)
        else:
            shortcut = g.add(conv(f, 1, s, rng.choice(["VALID", "SAME"]), bias=False), x)
            if rng.random() < 0.6:
                shortcut = g.add(bn(), shortcut)
        branches = [y]
    elif kind == "valid_crop":
        n = rng.randint(1, 2)
        if min(h, w) < 2 * n + 3:
            raise Retry()
        y = x
        for _ in range(n):
            y = g.add(conv(c, 3, act=rnd_act(rng)), y)
        cr = [n, n, n, n]
        if bad == "merge_mismatch":
            cr[rng.randrange(4)] -= 1
        shortcut = g.add(crop(*cr), x)
        branches = [y]
    else:  # two_branch
        branches = [same_chain(g, rng, x, c), same_chain(g, rng, x, c)]
    if bad == "merge_arity":
        r = rng.random()
        if r < 0.65:
            kind_m = "Subtract" if r < 0.1 else rng.choice(["Add", "Multiply", "Average", "Maximum", "Minimum"])
            ins = [branches[0]]
        else:
            kind_m = "Subtract"
            ins = [shortcut] + branches if len(branches) == 2 else [shortcut, branches[0],
                                                                     same_chain(g, rng, x, c, 1)]
        return g.add(merge(kind_m), ins)
    kind_m = elementwise_kind(rng, 1 + len(branches))
    ins = [shortcut] + branches
    if rng.random() < 0.3:
        ins = ins[::-1]
    y = g.add(merge(kind_m), ins)
    if rng.random() < 0.4:
        y = g.add(act("RELU"), y)
    return y


def branch_for_concat(g, rng, x, s, f):
    """A branch from x giving (ceil(h/s), ceil(w/s), f) with SAME padding."""
    r = rng.random()
    if r < 0.45:
        return g.add(conv(f, rng.choice([1, 3, 5]), s, "SAME", act=rnd_act(rng)), x)
    if r < 0.65:
        y = g.add(conv(f, 1, act="RELU"), x)
        return g.add(conv(f, 3, s, "SAME", act=rnd_act(rng)), y)
    if r < 0.85:
        y = g.add(pool(3, s, "SAME", rng.choice(["MaxPooling2D", "AveragePooling2D"])), x)
        return g.add(conv(f, 1, act=rnd_act(rng)), y)
    return g.add(conv(f, 3, s, "SAME", kind="SeparableConv2D", dm=rng.choice([1, 2]),
                      act=rnd_act(rng)), x)


def block_inception(g, rng, x, bad, subs):
    h, w, c = g.dims(x)
    s = 2 if rng.random() < 0.25 and min(h, w) >= 4 else 1
    n = rng.choice([2, 2, 3])
    spatial_axis = rng.random() < 0.2
    axis = rng.choice([1, 2, -3, -2]) if spatial_axis else rng.choice([-1, -1, -1, 3])
    f_common = filters(rng)
    if bad:
        g.bad_from = len(g.layers)
    if bad == "window":
        return g.add(window_layer(g, rng, x, subs), x)
    outs = []
    broken = rng.randrange(n)
    for i in range(n):
        f = f_common if spatial_axis else filters(rng)
        if bad == "concat_mismatch" and i == broken:
            how = rng.choice(["valid", "stride", "channels"] if spatial_axis else ["valid", "stride"])
            if how == "valid":
                outs.append(g.add(conv(f, rng.choice([2, 3, 5]), s, "VALID", act=rnd_act(rng)), x))
            elif how == "stride":
                outs.append(g.add(conv(f, 3, 1 if s == 2 else 2, "SAME", act=rnd_act(rng)), x))
            else:
                outs.append(branch_for_concat(g, rng, x, s, f + rng.choice([1, 2, 4])))
            continue
        if bad == "merge_rank" and i == broken:
            y = g.add(gap(), x) if rng.random() < 0.7 else g.add({"type": "Flatten"}, x)
            outs.append(g.add(dense(f, rnd_act(rng)), y))
            continue
        outs.append(branch_for_concat(g, rng, x, s, f))
    if bad == "merge_arity":
        outs = outs[:1]
    return g.add(merge("Concatenate", axis), outs)


def block_unet(g, rng, x, bad, subs):
    h, w, c = g.dims(x)
    depth = 1 if min(h, w) < 16 or rng.random() < 0.6 else 2
    pad = "VALID" if rng.random() < 0.3 else "SAME"
    f0 = rng.choice([4, 8, 8, 12, 16])
    skips = []
    for level in range(depth):
        f = f0 * (level + 1)
        x = g.add(conv(f, 3, pad=pad, act="RELU"), x)
        if rng.random() < 0.4:
            x = g.add(conv(f, 3, pad=pad, act="RELU"), x)
        skips.append(x)
        if rng.random() < 0.75:
            x = g.add(pool(2, None, rng.choice(["VALID", "VALID", "SAME"]),
                           rng.choice(["MaxPooling2D", "MaxPooling2D", "AveragePooling2D"])), x)
        else:
            x = g.add(conv(f, rng.choice([2, 3]), 2, rng.choice(["VALID", "SAME"]), act="RELU"), x)
        g.dims(x)
    x = g.add(conv(f0 * (depth + 1), 3, pad="SAME", act="RELU"), x)
    if bad:
        g.bad_from = len(g.layers)
    if bad == "window":
        return g.add(window_layer(g, rng, x, subs), x)
    bad_level = rng.randrange(depth)
    for level in reversed(range(depth)):
        skip = skips[level]
        sh, sw, sc = g.dims(skip)
        f = f0 * (level + 1)
        r = rng.random()
        if r < 0.35:
            up = g.add(upsample(2, rng.choice(["NEAREST", "NEAREST", "BILINEAR"])), x)
            up = g.add(conv(f, rng.choice([1, 3]), pad="SAME", act="RELU"), up)
        elif r < 0.7:
            up = g.add(transpose(f, 2, 2, rng.choice(["VALID", "SAME"]), act="RELU"), x)
        else:
            up = g.add(transpose(f, 3, 2, "SAME", act="RELU"), x)
        uh, uw, _ = g.dims(up)
        broken_here = bad in ("concat_mismatch", "merge_mismatch") and level == bad_level
        if broken_here:
            if (uh, uw) == (sh, sw):
                # a wrong crop of the encoder tensor
                cr = [0, 0, 0, 0]
                cr[rng.randrange(4)] = rng.randint(1, 2)
                if min(sh, sw) <= 3:
                    raise Retry()
                skip = g.add(crop(*cr), skip)
        elif (uh, uw) != (sh, sw):
            dh, dw = sh - uh, sw - uw
            fix = rng.random()
            last = g.layers[-1]
            if dh >= 0 and dw >= 0:
                if fix < 0.35 and last["type"] == "Conv2DTranspose" and last["padding"] == "VALID" \
                        and last["kernelSize"] == [2, 2] and dh <= 1 and dw <= 1:
                    # the up-conv itself fixes it: outputPadding (torch decides the case)
                    last["outputPadding"] = [dh, dw]
                    g.shape[up] = (sh, sw, last["filters"])
                elif fix < 0.7:
                    skip = g.add(crop(dh // 2, dh - dh // 2, dw // 2, dw - dw // 2), skip)
                else:
                    up = g.add(zpad(dh // 2, dh - dh // 2, dw // 2, dw - dw // 2), up)
            elif dh <= 0 and dw <= 0:
                up = g.add(crop(-dh // 2, -dh - (-dh // 2), -dw // 2, -dw - (-dw // 2)), up)
            else:
                raise Retry()
        if bad == "merge_mismatch" and level == bad_level or (bad is None and f == sc and rng.random() < 0.3):
            up = g.add(conv(sc, 1, act=rnd_act(rng)), up) if bad is None else up
            x = g.add(merge(elementwise_kind(rng)), [up, skip])
        else:
            x = g.add(merge("Concatenate", rng.choice([-1, -1, 3])), [up, skip] if rng.random() < 0.7
                      else [skip, up])
        x = g.add(conv(f, 3, pad="SAME", act="RELU"), x)
    return x


def block_gate(g, rng, x, bad, subs):
    h, w, c = g.dims(x)
    if bad:
        g.bad_from = len(g.layers)
    if bad == "window":
        return g.add(window_layer(g, rng, x, subs), x)
    r = rng.random()
    kind_m = rng.choice(["Multiply", "Multiply", "Multiply", "Add"])
    if bad == "merge_rank":
        v = g.add(gap() if rng.random() < 0.6 else {"type": "GlobalMaxPooling2D", "keepdims": False}, x)
        v = g.add(dense(c, "SIGMOID"), v)
        return g.add(merge(kind_m), [x, v] if rng.random() < 0.7 else [v, x])
    target = c
    if bad == "merge_mismatch":
        target = rng.choice([v for v in (2, 3, 4, 6, 8, 12, 16) if v not in (c, 1)])
    if r < 0.3:
        s = g.add(pool([h, w], None, "VALID", "AveragePooling2D"), x)
        s = g.add(conv(max(1, c // 2), 1, act="RELU"), s)
        s = g.add(conv(target, 1, act="SIGMOID"), s)
    elif r < 0.5:
        s = g.add(gap(keepdims=True), x)
        s = g.add(conv(max(1, c // 4), 1, act="RELU"), s)
        s = g.add(conv(target, 1, act="SIGMOID"), s)
    elif r < 0.8:
        s = g.add(conv(1 if target == c else target, rng.choice([1, 3, 7]), pad="SAME", act="SIGMOID"), x)
    else:
        s = g.add(dense(1 if target == c else target, "SIGMOID"), x)
    return g.add(merge(kind_m), [x, s] if rng.random() < 0.7 else [s, x])


def block_skip(g, rng, x, bad, subs):
    h, w, c = g.dims(x)
    earlier = images(g, exclude=(x,))
    same = [n for n in earlier if g.shape[n][:2] == (h, w)]
    other = [n for n in earlier if g.shape[n][:2] != (h, w)]
    if bad:
        g.bad_from = len(g.layers)
    if bad == "window":
        return g.add(window_layer(g, rng, x, subs), x)
    concat = bad == "concat_mismatch" or (bad is None and rng.random() < 0.6)
    if bad in ("concat_mismatch", "merge_mismatch"):
        if not other:
            other = [g.add(pool(2), x)]
        y = rng.choice(other)
        if not concat and g.shape[y][2] not in (c, 1):
            y = g.add(conv(c, 1), y)
    else:
        if same:
            y = rng.choice(same)
        else:
            bigger = [n for n in other if g.shape[n][0] >= h and g.shape[n][1] >= w]
            if not bigger:
                raise Retry()
            y = rng.choice(bigger)
            yh, yw, _ = g.shape[y]
            if yh % h == 0 and yw % w == 0 and yh // h == yw // w:
                y = g.add(pool(yh // h, None, "VALID", rng.choice(["MaxPooling2D", "AveragePooling2D"])), y)
            else:
                y = g.add(crop((yh - h) // 2, yh - h - (yh - h) // 2, (yw - w) // 2, yw - w - (yw - w) // 2), y)
        if not concat and g.shape[y][2] != c:
            y = g.add(conv(c, 1, act=rnd_act(rng)), y)
    ins = [x, y] if rng.random() < 0.6 else [y, x]
    return g.add(merge("Concatenate" if concat else elementwise_kind(rng)), ins)


BLOCKS = {
    "plain": block_plain, "residual": block_residual, "inception": block_inception,
    "unet": block_unet, "gate": block_gate, "skip": block_skip,
}
BLOCK_WEIGHTS = [("plain", 3), ("residual", 4), ("inception", 3), ("unet", 3), ("gate", 2), ("skip", 2)]
BAD_BLOCKS = {
    "merge_mismatch": ["residual", "residual", "gate", "unet", "skip"],
    "concat_mismatch": ["inception", "inception", "unet", "unet", "skip"],
    "window": ["plain", "residual", "inception", "unet", "gate"],
    "merge_arity": ["residual", "residual", "inception"],
    "merge_rank": ["gate", "gate", "inception"],
}


def random_image(rng, intent):
    if intent == "window" and rng.random() < 0.7:
        h = rng.randint(2, 12)
    else:
        r = rng.random()
        h = rng.randint(6, 24) if r < 0.35 else rng.randint(25, 64) if r < 0.85 else rng.randint(65, 96)
    w = h if rng.random() < 0.75 else max(2, h + rng.randint(-h // 3, h // 3 + 2))
    return [h, w, rng.choice([1, 1, 2, 3, 3, 3, 4, 8])]


def head(g, rng, x, extra_vector=None):
    h, w, c = g.dims(x)
    if rng.random() < 0.6:
        v = g.add(gap() if rng.random() < 0.7 else {"type": "GlobalMaxPooling2D", "keepdims": False}, x)
    elif h * w * c <= 4096:
        v = g.add({"type": "Flatten"}, x)
    else:
        return x
    if extra_vector:
        e = g.add(dense(rng.choice([4, 8, 16]), "RELU"), extra_vector)
        v = g.add(merge("Concatenate"), [v, e] if rng.random() < 0.7 else [e, v])
    if rng.random() < 0.5:
        v = g.add(dense(rng.choice([8, 16, 32]), rnd_act(rng)), v)
    return g.add(dense(rng.choice([1, 2, 5, 10]), rng.choice(["LINEAR", "SOFTMAX", "SIGMOID"])), v)


def random_graph(rng, intent, subs):
    g = Graph()
    x = g.input("image", random_image(rng, intent))
    second = rng.random()
    extra_image = second < 0.12
    extra_vector = 0.12 <= second < 0.2 and intent == "valid"
    if extra_vector:
        g.input("meta", [rng.choice([3, 8, 10, 16])])
    n_blocks = rng.randint(1, 5)
    bad_at = rng.randrange(n_blocks) if intent != "valid" else None
    fuse_at = None
    if extra_image:
        fuse_at = rng.randrange(n_blocks) if bad_at is None else rng.randint(0, bad_at)
    kinds = [k for k, wgt in BLOCK_WEIGHTS for _ in range(wgt)]
    for b in range(n_blocks):
        if b == fuse_at:
            h, w, _ = g.dims(x)
            e = g.input("extra", [h, w, rng.choice([1, 2, 3])])
            if rng.random() < 0.5:
                e = g.add(conv(g.dims(x)[2], 3, pad="SAME", act=rnd_act(rng)), e)
                x = g.add(merge(elementwise_kind(rng)), [x, e])
            else:
                x = g.add(merge("Concatenate"), [x, e] if rng.random() < 0.6 else [e, x])
        bad = intent if b == bad_at else None
        kind = rng.choice(BAD_BLOCKS[intent]) if bad else rng.choice(kinds)
        x = BLOCKS[kind](g, rng, x, bad, subs)
        if g.failed:
            break
        if g.macs > MAX_CASE_MACS or max(g.dims(x)[:2]) > 256:
            raise Retry()
    if fuse_at is not None and "extra" not in g.inputs:
        raise Retry()
    if g.failed is None:
        if rng.random() < 0.15 and len(g.layers) > 4:   # auxiliary output from a middle tensor
            mids = images(g, exclude=(x,) + tuple(g.inputs))
            if mids:
                m = g.add(gap(), rng.choice(mids))
                g.add(dense(rng.choice([1, 3]), "SIGMOID"), m)
        if extra_vector or rng.random() < 0.35:
            x = head(g, rng, x, "meta" if extra_vector else None)
        elif rng.random() < 0.5:
            x = g.add(conv(rng.choice([1, 2, 3]), 1, act=rng.choice(["LINEAR", "SIGMOID"])), x)
    else:
        for _ in range(rng.choice([0, 0, 1, 1, 2])):   # layers after the failing one
            x = g.add(rng.choice([act("RELU"), bn(), conv(4, 1), {"type": "Dropout", "rate": 0.1}]), x)
        if extra_vector and "meta" not in g.used:
            raise Retry()
    if any(n not in g.used for n in g.inputs):
        raise Retry()
    if g.macs > MAX_CASE_MACS:
        raise Retry()
    return g


def make_random(rng, intent, subs):
    for _ in range(1000):
        try:
            g = random_graph(rng, intent, subs)
        except Retry:
            continue
        if not any(l["type"] in kg.MERGES for l in g.layers):
            continue  # a graph, not a chain
        _, _, _, failed, reason = kg.trace(g.inputs, g.layers)
        if intent == "valid":
            if failed is None:
                return g
            continue
        if failed is None or reason not in REASONS[intent]:
            continue
        names = [l["name"] for l in g.layers]
        if names.index(failed) < g.bad_from:
            continue
        return g
    raise SystemExit("cannot generate a %s case" % intent)


# ---------------------------------------------------------------- routing

def route(c):
    """Which reference decides the case, and why torch when it is torch."""
    known = {n: tuple(s) for n, s in c["inputs"].items()}
    reasons = []
    for layer in c["layers"]:
        ins = [known[n] for n in layer["from"]]
        if layer["type"] == "Subtract":
            reasons.append("tfjs has no Subtract layer")
        elif layer["type"] == "Concatenate" and layer["axis"] < -1:
            reasons.append("tfjs executes a negative Concatenate axis other than -1 on the last axis")
        elif layer["type"] not in kg.MERGES:
            reasons += seq.tfjs_gets_wrong(layer, ins[0])
        try:
            known[layer["name"]] = kg.output(layer, ins)
        except kg.Invalid:
            break
    reasons = sorted(set(reasons))
    return (TORCH if reasons else TFJS), reasons


def macs(c):
    """Rough multiply count of the layers Keras would evaluate (run_tfjs.js skips executing big ones)."""
    known = {n: tuple(s) for n, s in c["inputs"].items()}
    total = 0
    for layer in c["layers"]:
        ins = [known[n] for n in layer["from"]]
        try:
            known[layer["name"]] = out = kg.output(layer, ins)
        except kg.Invalid:
            break
        total += kg.macs(layer, ins, out)
    return total


def main():
    out_path = sys.argv[1]
    rng = random.Random(SEED)
    cases = []
    for c in fixed_cases():
        c["intent"] = "fixed"
        cases.append(c)
    intents = ["valid"] * N_VALID
    for reason, count in N_INVALID.items():
        intents += [reason] * count
    rng.shuffle(intents)
    subs = collections.Counter()
    first = len(cases) + 1
    for number, intent in enumerate(intents, start=first):
        g = make_random(rng, intent, subs)
        c = case("g%04d" % number, "random DAG", g)
        c["intent"] = intent
        cases.append(c)
    for c in cases:
        c["reference"], c["torchBecause"] = route(c)
        c["macs"] = macs(c)
    with open(out_path, "w") as f:
        json.dump(cases, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
