#!/usr/bin/python3
"""Deterministic generator of random sequential architectures for the shape conformance suite.

Writes cases.json: the fixed seed models followed by random ones, each with the reference that
must decide it ("tfjs-4.22.0" or "torch-1.13") and why. It predicts nothing that ends up in the
fixture: keras_model.py is used only to steer towards ~60% valid / ~40% invalid architectures and
to spread the invalid ones over every reason. run_tfjs.js / run_torch.py produce the numbers.

usage: generate.py OUT_CASES_JSON
"""
import json
import random
import sys

import keras_model as km

SEED = 20250611
N_VALID = 264
# invalid intent -> number of random cases (sums to 176: 40% of 440)
N_INVALID = {
    "conv_nonpositive": 30,
    "pool_nonpositive": 18,
    "crop_nonpositive": 14,
    "transpose_nonpositive": 8,
    "strides_dilation": 26,
    "output_padding_ge_stride": 14,
    "rank": 36,
    "reshape_size": 16,
    "dropout_rate": 14,
}
MAX_SPATIAL = 320          # keep upsampling/transposed outputs bounded
MAX_LAYER_PARAMS = 60000
MAX_CASE_MACS = 40_000_000  # tfjs runs on its pure-JS CPU backend
TFJS, TORCH = "tfjs-4.22.0", "torch-1.13"
ACTIVATIONS = ["LINEAR", "RELU", "RELU6", "LEAKY_RELU", "ELU", "SELU", "GELU", "SILU", "SWISH",
               "SIGMOID", "HARD_SIGMOID", "TANH", "SOFTMAX", "SOFTPLUS", "SOFTSIGN"]
SPATIAL_KINDS = sorted(km.SPATIAL)


# ---------------------------------------------------------------- attribute samplers

def pair(rng, choices, square=0.7):
    if rng.random() < square:
        v = rng.choice(choices)
        return [v, v]
    return [rng.choice(choices), rng.choice(choices)]


def strides(rng, p_one=0.65):
    if rng.random() < p_one:
        return [1, 1]
    s = pair(rng, [1, 2, 2, 3], square=0.6)
    return s if s != [1, 1] else [2, 2]


def dilation(rng):
    d = pair(rng, [1, 2, 2, 3], square=0.6)
    return d if d != [1, 1] else [2, 2]


def conv_layer(rng, kind, allow_dilation=True):
    """A conv-family layer with random attributes (validity is checked by the caller)."""
    layer = {"type": kind}
    if kind != "DepthwiseConv2D":
        layer["filters"] = rng.randint(1, 16)
    ks = [1, 2, 3, 3, 3, 4, 5, 7] if kind != "Conv2DTranspose" else [1, 2, 3, 3, 4, 5]
    layer["kernelSize"] = pair(rng, ks)
    layer["strides"] = strides(rng)
    layer["padding"] = rng.choice(["VALID", "SAME"])
    if kind == "Conv2DTranspose":
        if rng.random() < 0.3:
            layer["outputPadding"] = [rng.randint(0, s - 1) for s in layer["strides"]]
        else:
            layer["outputPadding"] = []
    if kind in ("DepthwiseConv2D", "SeparableConv2D"):
        layer["depthMultiplier"] = rng.choice([1, 1, 1, 2, 3])
    use_dilation = allow_dilation and layer["strides"] == [1, 1] and rng.random() < 0.25
    layer["dilationRate"] = dilation(rng) if use_dilation else [1, 1]
    if kind == "Conv2DTranspose" and use_dilation and layer["outputPadding"]:
        layer["outputPadding"] = [0, 0]
    layer["useBias"] = rng.random() < 0.8
    return order(layer)


def pool_layer(rng, kind):
    layer = {"type": kind, "poolSize": pair(rng, [1, 2, 2, 2, 3, 3, 4])}
    layer["strides"] = [] if rng.random() < 0.55 else pair(rng, [1, 2, 2, 3], square=0.6)
    layer["padding"] = rng.choice(["VALID", "VALID", "SAME"])
    return layer


KEY_ORDER = {
    "Conv2D": ["filters", "kernelSize", "strides", "padding", "dilationRate", "useBias"],
    "DepthwiseConv2D": ["kernelSize", "strides", "padding", "depthMultiplier", "dilationRate", "useBias"],
    "SeparableConv2D": ["filters", "kernelSize", "strides", "padding", "depthMultiplier",
                        "dilationRate", "useBias"],
    "Conv2DTranspose": ["filters", "kernelSize", "strides", "padding", "outputPadding",
                        "dilationRate", "useBias"],
}


def order(layer):
    keys = KEY_ORDER.get(layer["type"])
    if not keys:
        return layer
    return {"type": layer["type"], **{k: layer[k] for k in keys}}


def reshape_target(rng, n, rank):
    """A valid targetShape for n elements with the given rank (one entry may be -1)."""
    divisors = [d for d in range(1, min(n, 64) + 1) if n % d == 0]
    dims = []
    rest = n
    for _ in range(rank - 1):
        ds = [d for d in divisors if rest % d == 0]
        d = rng.choice(ds)
        dims.append(d)
        rest //= d
    dims.append(rest)
    rng.shuffle(dims)
    if rng.random() < 0.6:
        dims[rng.randrange(rank)] = -1
    return dims


def any_layer(rng, shape, image_only=False):
    """A random layer for the given input shape (may be invalid for it)."""
    rank = len(shape)
    if rank == 3:
        table = [("Conv2D", 14), ("DepthwiseConv2D", 6), ("SeparableConv2D", 6),
                 ("Conv2DTranspose", 6), ("MaxPooling2D", 8), ("AveragePooling2D", 6),
                 ("GlobalAveragePooling2D", 2), ("GlobalMaxPooling2D", 2), ("UpSampling2D", 4),
                 ("ZeroPadding2D", 4), ("Cropping2D", 4), ("BatchNormalization", 5),
                 ("Dropout", 3), ("Activation", 5), ("ReLU", 2), ("LeakyReLU", 2), ("ELU", 1),
                 ("Softmax", 1), ("Flatten", 3), ("Reshape", 1), ("Dense", 4)]
    elif rank == 1:
        table = [("Dense", 10), ("BatchNormalization", 3), ("Dropout", 3), ("Activation", 3),
                 ("ReLU", 1), ("LeakyReLU", 1), ("ELU", 1), ("Softmax", 1), ("Flatten", 1),
                 ("Reshape", 2)]
    else:
        table = [("Dense", 5), ("BatchNormalization", 2), ("Dropout", 2), ("Activation", 2),
                 ("Softmax", 1), ("Flatten", 3), ("Reshape", 3)]
    kinds = [k for k, w in table for _ in range(w)]
    kind = rng.choice(kinds)
    if kind in ("Conv2D", "DepthwiseConv2D", "SeparableConv2D", "Conv2DTranspose"):
        return conv_layer(rng, kind)
    if kind in ("MaxPooling2D", "AveragePooling2D"):
        return pool_layer(rng, kind)
    if kind in ("GlobalAveragePooling2D", "GlobalMaxPooling2D"):
        return {"type": kind, "keepdims": image_only or rng.random() < 0.3}
    if kind == "UpSampling2D":
        return {"type": kind, "size": pair(rng, [1, 2, 2, 3], square=0.6),
                "interpolation": rng.choice(["NEAREST", "NEAREST", "BILINEAR"])}
    if kind == "ZeroPadding2D":
        return {"type": kind, "padding": [rng.randint(0, 3) for _ in range(4)]}
    if kind == "Cropping2D":
        h, w = shape[0], shape[1]
        return {"type": kind, "cropping": [rng.randint(0, min(3, max(0, (h - 1) // 2))),
                                           rng.randint(0, min(3, max(0, (h - 1) // 2))),
                                           rng.randint(0, min(3, max(0, (w - 1) // 2))),
                                           rng.randint(0, min(3, max(0, (w - 1) // 2)))]}
    if kind == "BatchNormalization":
        return {"type": kind, "center": rng.random() < 0.8, "scale": rng.random() < 0.8}
    if kind == "Dropout":
        return {"type": kind, "rate": rng.choice([0.0, 0.1, 0.2, 0.25, 0.5, 0.75, 0.9])}
    if kind == "Activation":
        return {"type": kind, "value": rng.choice(ACTIVATIONS)}
    if kind == "LeakyReLU":
        return {"type": kind, "negativeSlope": rng.choice([0.01, 0.1, 0.2, 0.3])}
    if kind in ("ReLU", "ELU", "Softmax", "Flatten"):
        return {"type": kind}
    if kind == "Reshape":
        n = km.size(shape)
        rank_choices = [1, 2, 3, 3] if image_only is False else [3]
        return {"type": kind, "targetShape": reshape_target(rng, n, rng.choice(rank_choices))}
    if kind == "Dense":
        limit = max(1, min(32, MAX_LAYER_PARAMS // (shape[-1] + 1)))
        return {"type": kind, "units": rng.randint(1, limit), "useBias": rng.random() < 0.85}
    raise AssertionError(kind)


def acceptable(layer, shape, out, budget):
    if len(out) == 3 and max(out[0], out[1]) > MAX_SPATIAL:
        return False
    if sum(km.params(layer, shape)) > MAX_LAYER_PARAMS:
        return False
    return km.macs(layer, shape, out) <= budget


def valid_layer(rng, shape, budget, image_only=False):
    """A layer that Keras 3 accepts on shape (per keras_model), within the cost limits."""
    for _ in range(200):
        layer = any_layer(rng, shape, image_only)
        try:
            out = km.output(layer, shape)
        except km.Invalid:
            continue
        if image_only and len(out) != 3:
            continue
        if acceptable(layer, shape, out, budget):
            return layer, out
    return None, None


def valid_chain(rng, shape, n, budget, image_only=False):
    """n valid layers from shape; returns (layers, out_shape, budget_left) or None."""
    layers = []
    for _ in range(n):
        layer, out = valid_layer(rng, shape, budget, image_only)
        if layer is None:
            return None
        budget -= km.macs(layer, shape, out)
        layers.append(layer)
        shape = out
    return layers, shape, budget


# ---------------------------------------------------------------- invalid layers per reason

def invalid_layer(rng, reason, shape, sub):
    """A layer that fails for exactly `reason` on shape (per keras_model), or None to retry."""
    h, w = (shape[0], shape[1]) if len(shape) == 3 else (None, None)
    if reason == "conv_nonpositive":
        kind = ["Conv2D", "DepthwiseConv2D", "SeparableConv2D"][sub % 3]
        layer = conv_layer(rng, kind, allow_dilation=(sub % 2 == 0))
        layer["padding"] = "VALID"
        axis = rng.randrange(2)
        i = (h, w)[axis]
        k, s, d = layer["kernelSize"][axis], layer["strides"][axis], layer["dilationRate"][axis]
        exact_zero = rng.random() < 0.5
        # smallest kernel with d*(k-1)+1 > i, optionally pushed further to a negative output
        k = (i - 1) // d + 2 + (0 if exact_zero else rng.randint(1, 3))
        if k > 40:
            return None
        layer["kernelSize"][axis] = k
        return layer
    if reason == "pool_nonpositive":
        layer = pool_layer(rng, ["MaxPooling2D", "AveragePooling2D"][sub % 2])
        layer["padding"] = "VALID"
        axis = rng.randrange(2)
        i = (h, w)[axis]
        if i > 10:
            return None
        layer["poolSize"][axis] = i + rng.randint(1, 3)
        return layer
    if reason == "crop_nonpositive":
        axis = rng.randrange(2)
        i = (h, w)[axis]
        if i > 14:
            return None
        total = i + rng.choice([0, 0, 1, 3])
        a = rng.randint(0, total)
        crop = [rng.randint(0, 2) for _ in range(4)]
        crop[2 * axis], crop[2 * axis + 1] = a, total - a
        return {"type": "Cropping2D", "cropping": crop}
    if reason == "transpose_nonpositive":
        layer = conv_layer(rng, "Conv2DTranspose", allow_dilation=False)
        layer["padding"] = "SAME"
        layer["kernelSize"] = [rng.choice([2, 4]) if i == 1 else rng.randint(1, 4) for i in (h, w)]
        layer["outputPadding"] = [0 if i == 1 else rng.randint(0, s - 1)
                                  for i, s in zip((h, w), layer["strides"])]
        return layer
    if reason == "strides_dilation":
        kind = ["Conv2D", "SeparableConv2D", "DepthwiseConv2D", "Conv2DTranspose"][sub % 4]
        layer = conv_layer(rng, kind, allow_dilation=False)
        layer["padding"] = rng.choice(["VALID", "SAME"]) if min(h, w) > 12 else "SAME"
        layer["kernelSize"] = pair(rng, [2, 3, 3])
        layer["strides"] = rng.choice([[2, 2], [2, 1], [1, 2], [3, 2]])
        layer["dilationRate"] = rng.choice([[2, 2], [1, 2], [2, 1], [3, 3]])
        if kind == "Conv2DTranspose":
            layer["outputPadding"] = [] if rng.random() < 0.7 else [0, 0]
        return layer
    if reason == "output_padding_ge_stride":
        layer = conv_layer(rng, "Conv2DTranspose", allow_dilation=False)
        if sub % 4 == 3:  # stride 1 with dilation: torch accepts op < dilation
            layer["strides"] = [1, 1]
            layer["dilationRate"] = rng.choice([[2, 2], [3, 2], [2, 3]])
            layer["outputPadding"] = rng.choice([[1, 1], [1, 0], [0, 1]])
        else:
            layer["strides"] = rng.choice([[1, 1], [2, 2], [2, 1], [3, 2], [1, 3]])
            axis = rng.randrange(2)
            op = [rng.randint(0, s - 1) for s in layer["strides"]]
            op[axis] = layer["strides"][axis] + rng.choice([0, 0, 1])
            layer["outputPadding"] = op
        return layer
    if reason == "rank":
        kind = SPATIAL_KINDS[sub % len(SPATIAL_KINDS)]
        fake = (8, 8, shape[-1])
        return _spatial_layer(rng, kind, fake)
    if reason == "reshape_size":
        n = km.size(shape)
        if sub % 8 == 7:  # two unknown dimensions
            return {"type": "Reshape", "targetShape": rng.choice([[-1, -1], [-1, 2, -1], [1, -1, -1]])}
        target = reshape_target(rng, n, rng.choice([1, 2, 3, 3, 4]))
        if -1 in target:
            # make the known part not divide n
            known = [i for i, d in enumerate(target) if d != -1]
            if not known:
                target.append(rng.choice([d for d in (2, 3, 5, 7, 11) if n % d] or [n + 1]))
            else:
                j = rng.choice(known)
                target[j] = next(d for d in range(target[j] + 1, target[j] + 200)
                                 if n % (d * _prod(t for i, t in enumerate(target)
                                                   if i != j and t != -1)))
        else:
            j = rng.randrange(len(target))
            target[j] += rng.choice([-1, 1, 2]) if target[j] > 1 else rng.choice([1, 2])
        return {"type": "Reshape", "targetShape": target}
    if reason == "dropout_rate":
        rate = [-0.5, 1.5, 1.0, -0.1, 2.0, 1.25, 1.0][sub % 7]
        return {"type": "Dropout", "rate": rate}
    raise AssertionError(reason)


def _prod(it):
    n = 1
    for v in it:
        n *= v
    return n


def _spatial_layer(rng, kind, shape):
    for _ in range(50):
        layer = any_layer(rng, shape, image_only=True)
        if layer["type"] == kind:
            if "keepdims" in layer:
                layer["keepdims"] = rng.random() < 0.3
            return layer
    if kind in ("Conv2D", "DepthwiseConv2D", "SeparableConv2D", "Conv2DTranspose"):
        return conv_layer(rng, kind, allow_dilation=False)
    if kind in ("MaxPooling2D", "AveragePooling2D"):
        return pool_layer(rng, kind)
    return None


RANK_BREAKERS = ["Flatten", "GlobalAveragePooling2D", "Reshape-1", "GlobalMaxPooling2D",
                 "Dense-after-Flatten", "Reshape-2", "Flatten", "GlobalAveragePooling2D", "Reshape-4"]


def rank_breaker(rng, shape, sub):
    """Layers turning the image shape into a non-image one."""
    kind = RANK_BREAKERS[sub % len(RANK_BREAKERS)]
    n = km.size(shape)
    if kind == "Flatten":
        return [{"type": "Flatten"}]
    if kind.startswith("Global"):
        return [{"type": kind, "keepdims": False}]
    if kind == "Dense-after-Flatten":
        return [{"type": "Flatten"}, {"type": "Dense", "units": rng.randint(1, 16),
                                      "useBias": True}] if n <= 4000 else None
    rank = int(kind[-1])
    return [{"type": "Reshape", "targetShape": reshape_target(rng, n, rank)}]


# ---------------------------------------------------------------- cases

def random_input(rng, small=False):
    r = rng.random()
    if small:
        h = rng.randint(1, 12)
    elif r < 0.03:
        h = 1
    elif r < 0.38:
        h = rng.randint(2, 16)
    elif r < 0.73:
        h = rng.randint(17, 64)
    elif r < 0.92:
        h = rng.randint(65, 160)
    else:
        h = rng.randint(161, 300)
    w = h if rng.random() < 0.7 else max(1, min(300, h + rng.randint(-h // 2, h // 2 + 3)))
    c = rng.choice([1, 1, 3, 3, 3] + list(range(1, 17)))
    return [h, w, c]


def make_valid(rng):
    while True:
        n = rng.randint(2, 12)
        inp = random_input(rng)
        chain = valid_chain(rng, tuple(inp), n, MAX_CASE_MACS)
        if chain:
            return inp, chain[0], None


NEEDS_IMAGE = {"conv_nonpositive", "pool_nonpositive", "crop_nonpositive", "transpose_nonpositive",
               "strides_dilation", "output_padding_ge_stride"}


def make_invalid(rng, reason, sub):
    while True:
        n = rng.randint(2, 12)
        small = reason in ("conv_nonpositive", "pool_nonpositive", "crop_nonpositive") \
            and rng.random() < 0.7
        inp = random_input(rng, small)
        if reason == "transpose_nonpositive":
            inp[rng.randrange(2)] = 1
        fail_at = rng.randint(0, n - 1) if rng.random() < 0.6 else n - 1
        if reason == "rank":
            fail_at = max(fail_at, 1)
        prefix_len = fail_at
        pre = []
        shape = tuple(inp)
        budget = MAX_CASE_MACS
        if reason == "rank":
            chain = valid_chain(rng, shape, max(0, prefix_len - 1), budget, image_only=True)
            if not chain:
                continue
            pre, shape, budget = chain
            breaker = rank_breaker(rng, shape, sub)
            if breaker is None:
                continue
            for layer in breaker:
                shape = km.output(layer, shape)
            pre += breaker
            # sometimes a rank-preserving non-spatial layer in between
            if rng.random() < 0.3:
                extra = rng.choice([{"type": "Dense", "units": rng.randint(1, 16), "useBias": True},
                                    {"type": "BatchNormalization", "center": True, "scale": True},
                                    {"type": "Activation", "value": rng.choice(ACTIVATIONS)}])
                if not (extra["type"] == "Dense" and shape[-1] > 3000):
                    shape = km.output(extra, shape)
                    pre.append(extra)
        elif reason in NEEDS_IMAGE:
            chain = valid_chain(rng, shape, prefix_len, budget, image_only=True)
            if not chain:
                continue
            pre, shape, budget = chain
            if reason == "transpose_nonpositive" and 1 not in shape[:2]:
                continue
        else:
            chain = valid_chain(rng, shape, prefix_len, budget)
            if not chain:
                continue
            pre, shape, budget = chain
        bad = invalid_layer(rng, reason, shape, sub)
        if bad is None:
            continue
        _, _, _, failed, why = km.trace(inp, pre + [bad])
        if failed != len(pre) or why not in (reason, "reshape_target" if reason == "reshape_size" else None):
            continue
        post = []
        for _ in range(n - len(pre) - 1):
            post.append(any_layer(rng, (8, 8, 4)))
        return inp, pre + [bad] + post, len(pre)


def tfjs_gets_wrong(layer, shape):
    """Why tfjs cannot decide this layer on this input shape (docs/SEMANTICS.md §8), if it cannot."""
    t = layer["type"]
    reasons = []
    if t == "DepthwiseConv2D" and max(layer["dilationRate"]) > 1:
        reasons.append("tfjs ignores DepthwiseConv2D dilationRate")
    if t == "Conv2DTranspose" and layer["outputPadding"]:
        reasons.append("tfjs has no Conv2DTranspose outputPadding")
    if t == "Conv2DTranspose" and max(layer["dilationRate"]) > 1:
        reasons.append("tfjs ignores Conv2DTranspose dilationRate")
    if t.startswith("Global") and layer["keepdims"]:
        reasons.append("tfjs has no GlobalPooling keepdims")
    if t == "Reshape":
        reasons.append("tfjs does not validate Reshape symbolically")
    if t == "Dropout" and not (0 <= layer["rate"] < 1):
        reasons.append("tfjs clamps the Dropout rate")
    if t == "Flatten" and len(shape) == 1:
        reasons.append("tfjs rejects Flatten of a rank-1 input")
    return reasons


def route(inp, layers, upto):
    """Which reference decides the case, and why torch when it is torch (docs/SEMANTICS.md §8)."""
    shape = tuple(inp)
    reasons = []
    for layer in layers[:upto + 1]:
        reasons += tfjs_gets_wrong(layer, shape)
        try:
            shape = km.output(layer, shape)
        except km.Invalid:
            break
    reasons = sorted(set(reasons))
    return (TORCH if reasons else TFJS), reasons


def seed_cases():
    def conv(f, k, s=1, pad="VALID"):
        return {"type": "Conv2D", "filters": f, "kernelSize": [k, k], "strides": [s, s],
                "padding": pad, "dilationRate": [1, 1], "useBias": True}

    relu = {"type": "Activation", "value": "RELU"}
    pool = {"type": "MaxPooling2D", "poolSize": [2, 2], "strides": [], "padding": "VALID"}
    up = {"type": "UpSampling2D", "size": [2, 2], "interpolation": "NEAREST"}

    def dense(u):
        return {"type": "Dense", "units": u, "useBias": True}

    denoiser = [conv(32, 3, pad="SAME"), relu, pool, conv(16, 3, pad="SAME"), relu, pool,
                conv(8, 3, pad="SAME"), relu, conv(8, 3, pad="SAME"), relu, up,
                conv(16, 3, pad="SAME"), relu, up, conv(1, 3, pad="SAME")]

    def variant(pad):
        return [conv(32, 3, pad=pad), relu, pool, conv(16, 3, pad=pad), relu, pool,
                conv(8, 3, pad=pad), relu, pool, up, conv(16, 3, pad=pad), relu, up,
                conv(32, 3, pad=pad), relu, up, conv(1, 3, pad=pad)]

    return [
        ("s001", "seed 000: 28x28x1 denoiser, 8001 params", [28, 28, 1], denoiser),
        ("s002", "seed 000: denoiser with a third pooling, 24x24x1, 12201 params", [28, 28, 1],
         variant("SAME")),
        ("s003", "seed 000: third-pooling variant with all convs VALID", [28, 28, 1],
         variant("VALID")),
        ("s004", "seed 003: strided 8x8 stack + Flatten + Dense(1)", [128, 128, 3],
         [conv(24, 8, 2), conv(24, 8, 2), conv(24, 8, 2), {"type": "Flatten"}, dense(1)]),
        ("s005", "seed 003: CIFAR first layer, 896 params", [32, 32, 3], [conv(32, 3, pad="SAME")]),
        ("s006", "seed 001: 256x256 4x4 stride-2 VALID -> 127", [256, 256, 3], [conv(32, 4, 2)]),
        ("s007", "seed 001: 256x256 4x4 stride-2 SAME -> 128", [256, 256, 3],
         [conv(32, 4, 2, "SAME")]),
        ("s008", "seed 001: TF tutorial CNN", [28, 28, 1],
         [conv(32, 5, pad="SAME"), pool, conv(64, 5, pad="SAME"), pool, {"type": "Flatten"},
          dense(1024), dense(10)]),
    ]


def main():
    out_path = sys.argv[1]
    rng = random.Random(SEED)
    cases = []
    for cid, what, inp, layers in seed_cases():
        _, _, _, failed, _ = km.trace(inp, layers)
        upto = len(layers) - 1 if failed is None else failed
        ref, why = route(inp, layers, upto)
        cases.append({"id": cid, "intent": "seed", "what": what, "input": inp, "layers": layers,
                      "reference": ref, "torchBecause": why})
    intents = ["valid"] * N_VALID
    for reason, count in N_INVALID.items():
        intents += [reason] * count
    rng.shuffle(intents)
    subs = {}
    for number, intent in enumerate(intents, start=1):
        if intent == "valid":
            inp, layers, failed = make_valid(rng)
        else:
            sub = subs.get(intent, 0)
            subs[intent] = sub + 1
            inp, layers, failed = make_invalid(rng, intent, sub)
        upto = len(layers) - 1 if failed is None else failed
        ref, why = route(inp, layers, upto)
        cases.append({"id": "r%04d" % number, "intent": intent, "input": inp, "layers": layers,
                      "reference": ref, "torchBecause": why})
    with open(out_path, "w") as f:
        json.dump(cases, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
