#!/usr/bin/python3
"""Writes random.txt: seeded random VALID sequential architectures for the end-to-end fixtures.

Layers are drawn with the shapes suite's sampler (../shapes/generate.py any_layer) and checked with its
Keras 3 arithmetic (../shapes/keras_model.py), with tighter size limits so that weights, inputs and
outputs stay small, then written in the layer vocabulary of ../weights/models.txt and ../runtime/cases.txt
(`field:kind key=value ...`), which make_e2e.py, tfjs_e2e.js and the Java tests read. Fused activations,
ReLU parameters and ELU alphas, which the shapes suite does not need, are added here.

From a large pool of candidates, a greedy cover picks architectures until every feature of FEATURES is
covered (first among architectures TensorFlow.js can run, then the rest), and random ones fill up to
N_TOTAL. Nothing here predicts an output: the references compute them.

usage: random_archs.py [OUT]   (default: random.txt next to this script)
"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "shapes"))
import generate as shapes_gen  # noqa: E402
import keras_model as km  # noqa: E402

SEED = 20250704
POOL = 4000
N_TOTAL = 24
MAX_LAYER_PARAMS = 600
MAX_SPATIAL = 24
MAX_ACTIVATION = 2048      # floats per example after any layer
MAX_OUTPUT = 600           # floats per example of the model's output
MAX_MACS = 300_000
shapes_gen.MAX_LAYER_PARAMS = MAX_LAYER_PARAMS  # steers any_layer's Dense units
ACTIVATIONS = ["linear", "relu", "relu6", "leaky_relu", "elu", "selu", "gelu", "silu", "swish", "sigmoid",
               "hard_sigmoid", "tanh", "softmax", "softplus", "softsign"]
CONV = ("conv2d", "depthwise", "separable", "transpose")


# ---------------------------------------------------------------- shapes-suite JSON -> models.txt vocabulary

def tup(v):
    return str(v[0]) if v[0] == v[1] else f"{v[0]},{v[1]}"


def to_line(layer, rng):
    """(kind, attrs) in the models.txt vocabulary for one shapes-suite layer, plus what that suite leaves out."""
    t = layer["type"]
    a = {}
    if t in ("Conv2D", "DepthwiseConv2D", "SeparableConv2D", "Conv2DTranspose"):
        kind = {"Conv2D": "conv2d", "DepthwiseConv2D": "depthwise", "SeparableConv2D": "separable",
                "Conv2DTranspose": "transpose"}[t]
        if "filters" in layer:
            a["filters"] = str(layer["filters"])
        a["kernel"] = tup(layer["kernelSize"])
        if layer["strides"] != [1, 1]:
            a["strides"] = tup(layer["strides"])
        if layer["dilationRate"] != [1, 1]:
            a["dilation"] = tup(layer["dilationRate"])
        if layer["padding"] == "SAME":
            a["padding"] = "same"
        if layer.get("depthMultiplier", 1) != 1:
            a["multiplier"] = str(layer["depthMultiplier"])
        if layer.get("outputPadding"):
            a["outpad"] = tup(layer["outputPadding"])
        if not layer["useBias"]:
            a["bias"] = "false"
    elif t in ("MaxPooling2D", "AveragePooling2D"):
        kind = "maxpool" if t == "MaxPooling2D" else "avgpool"
        a["pool"] = tup(layer["poolSize"])
        if layer["strides"]:
            a["strides"] = tup(layer["strides"])
        if layer["padding"] == "SAME":
            a["padding"] = "same"
    elif t in ("GlobalAveragePooling2D", "GlobalMaxPooling2D"):
        kind = "gap" if t == "GlobalAveragePooling2D" else "gmp"
        if layer["keepdims"]:
            a["keepdims"] = "true"
    elif t == "UpSampling2D":
        kind = "upsample"
        a["size"] = tup(layer["size"])
        if layer["interpolation"] == "BILINEAR":
            a["interp"] = "bilinear"
    elif t == "ZeroPadding2D":
        kind = "zeropad"
        a["padding"] = ",".join(map(str, layer["padding"]))
    elif t == "Cropping2D":
        kind = "crop"
        a["cropping"] = ",".join(map(str, layer["cropping"]))
    elif t == "BatchNormalization":
        kind = "bn"
        if not layer["center"]:
            a["center"] = "false"
        if not layer["scale"]:
            a["scale"] = "false"
    elif t == "Dropout":
        kind = "dropout"
        a["rate"] = str(float(layer["rate"]))
    elif t == "Activation":
        kind = "act"
        a["fn"] = layer["value"].lower()
    elif t == "ReLU":
        kind = "relu"
        if rng.random() < 0.5:
            a["max"] = str(rng.choice([1.5, 3.0, 6.0]))
        if rng.random() < 0.3:
            a["slope"] = str(rng.choice([0.1, 0.25]))
        if rng.random() < 0.3:
            a["threshold"] = str(rng.choice([0.25, 0.5]))
    elif t == "LeakyReLU":
        kind = "leakyrelu"
        a["slope"] = str(layer["negativeSlope"])
    elif t == "ELU":
        kind = "elu"
        if rng.random() < 0.3:
            a["alpha"] = str(rng.choice([0.5, 1.5]))
    elif t == "Softmax":
        kind = "softmax"
    elif t == "Flatten":
        kind = "flatten"
    elif t == "Reshape":
        kind = "reshape"
        a["target"] = ",".join(map(str, layer["targetShape"]))
    elif t == "Dense":
        kind = "dense"
        a["units"] = str(layer["units"])
        if not layer["useBias"]:
            a["bias"] = "false"
    else:
        raise ValueError(t)
    if kind in CONV + ("dense",) and rng.random() < 0.4:
        a["activation"] = rng.choice(ACTIVATIONS[1:])
    return kind, a


# ---------------------------------------------------------------- random architectures

def acceptable(layer, shape, out):
    if len(out) == 3 and max(out[0], out[1]) > MAX_SPATIAL:
        return False
    return sum(km.params(layer, shape)) <= MAX_LAYER_PARAMS and km.size(out) <= MAX_ACTIVATION


def next_layer(rng, shape):
    for _ in range(200):
        layer = shapes_gen.any_layer(rng, shape)
        try:
            out = km.output(layer, shape)
        except km.Invalid:
            continue
        if acceptable(layer, shape, out):
            return layer, out
    return None, None


def tail(rng, shape):
    """Layers after an image that exercise how flattened features are ordered (PyTorch: C,H,W; Keras: H,W,C)."""
    n = km.size(shape)
    units = rng.randint(2, max(2, min(12, MAX_LAYER_PARAMS // (n + 1))))
    dense = {"type": "Dense", "units": units, "useBias": True}
    options = [
        [{"type": "Flatten"}, {"type": "Softmax"}, dense],
        [{"type": "Flatten"}, {"type": "Reshape", "targetShape": [n]}, dense],
        [{"type": "Flatten"}, {"type": "BatchNormalization", "center": True, "scale": True},
         {"type": "Dropout", "rate": 0.5}, dense],
        [{"type": "Reshape", "targetShape": [-1]}, dense],
        [{"type": "Reshape", "targetShape": [shape[0] * shape[1], shape[2]]},
         {"type": "Dense", "units": rng.randint(2, 6), "useBias": True},
         {"type": "BatchNormalization", "center": rng.random() < 0.5, "scale": True}],
        [{"type": rng.choice(["GlobalAveragePooling2D", "GlobalMaxPooling2D"]), "keepdims": True},
         {"type": "Flatten"}, dense],
    ]
    return rng.choice(options)


def candidate(rng):
    """(input shape, [(kind, attrs, in_shape, out_shape)]) or None."""
    if rng.random() < 0.12:
        shape = (rng.randint(4, 24),)
    else:
        h = rng.randint(3, 12)
        w = h if rng.random() < 0.6 else rng.randint(3, 12)
        shape = (h, w, rng.randint(1, 4))
    inp = shape
    layers = []
    macs = 0
    use_tail = len(shape) == 3 and rng.random() < 0.3
    for _ in range(rng.randint(2, 8) if use_tail else rng.randint(3, 9)):
        layer, out = next_layer(rng, shape)
        if layer is None:
            return None
        macs += km.macs(layer, shape, out)
        layers.append((layer, shape, out))
        shape = out
    if use_tail and len(shape) == 3 and km.size(shape) * 12 <= MAX_LAYER_PARAMS * 4:
        for layer in tail(rng, shape):
            try:
                out = km.output(layer, shape)
            except km.Invalid:
                return None
            layers.append((layer, shape, out))
            shape = out
    if macs > MAX_MACS or km.size(shape) > MAX_OUTPUT or not any(sum(km.params(l, i)) for l, i, _ in layers):
        return None
    return list(inp), [to_line(layer, rng) + (list(i), list(o)) for layer, i, o in layers]


# ---------------------------------------------------------------- coverage

def pairs(a, key):
    v = [int(x) for x in a.get(key, "1").split(",")]
    return v * 2 if len(v) == 1 else v


def same_odd(a, kind, i):
    """SAME padding whose total is odd on some axis: the extra pixel goes at the end (not a torch argument)."""
    if a.get("padding") != "same":
        return False
    k = pairs(a, "kernel" if kind != "maxpool" and kind != "avgpool" else "pool")
    s = pairs(a, "strides") if "strides" in a else (k if kind in ("maxpool", "avgpool") else [1, 1])
    d = pairs(a, "dilation")
    for axis in (0, 1):
        o = -(-i[axis] // s[axis])
        total = max((o - 1) * s[axis] + (k[axis] - 1) * d[axis] + 1 - i[axis], 0)
        if total % 2:
            return True
    return False


FEATURES = {
    "conv2d valid": lambda k, a, i, o: k == "conv2d" and a.get("padding") != "same",
    "conv2d same": lambda k, a, i, o: k == "conv2d" and a.get("padding") == "same",
    "conv2d same, odd total padding": lambda k, a, i, o: k == "conv2d" and same_odd(a, k, i),
    "conv2d strides": lambda k, a, i, o: k == "conv2d" and "strides" in a,
    "conv2d dilation": lambda k, a, i, o: k == "conv2d" and "dilation" in a,
    "conv2d non-square kernel": lambda k, a, i, o: k == "conv2d" and "," in a["kernel"],
    "conv2d without bias": lambda k, a, i, o: k == "conv2d" and a.get("bias") == "false",
    "depthwise": lambda k, a, i, o: k == "depthwise",
    "depthwise multiplier": lambda k, a, i, o: k == "depthwise" and "multiplier" in a,
    "depthwise strides": lambda k, a, i, o: k == "depthwise" and "strides" in a,
    "depthwise dilation": lambda k, a, i, o: k == "depthwise" and "dilation" in a,
    "depthwise same": lambda k, a, i, o: k == "depthwise" and a.get("padding") == "same",
    "separable": lambda k, a, i, o: k == "separable",
    "separable multiplier": lambda k, a, i, o: k == "separable" and "multiplier" in a,
    "separable strides": lambda k, a, i, o: k == "separable" and "strides" in a,
    "separable dilation": lambda k, a, i, o: k == "separable" and "dilation" in a,
    "transpose valid": lambda k, a, i, o: k == "transpose" and a.get("padding") != "same",
    "transpose same": lambda k, a, i, o: k == "transpose" and a.get("padding") == "same",
    "transpose strides": lambda k, a, i, o: k == "transpose" and "strides" in a,
    "transpose outputPadding": lambda k, a, i, o: k == "transpose" and "outpad" in a,
    "transpose outputPadding > 0": lambda k, a, i, o: k == "transpose" and any(
        int(v) for v in a.get("outpad", "0").split(",")),
    "transpose stride > kernel": lambda k, a, i, o: k == "transpose" and any(
        s > kk for s, kk in zip(pairs(a, "strides"), pairs(a, "kernel"))),
    "transpose dilation": lambda k, a, i, o: k == "transpose" and "dilation" in a,
    "maxpool valid": lambda k, a, i, o: k == "maxpool" and a.get("padding") != "same",
    "maxpool same": lambda k, a, i, o: k == "maxpool" and a.get("padding") == "same",
    "maxpool strides != pool": lambda k, a, i, o: k == "maxpool" and "strides" in a and a["strides"] != a["pool"],
    "avgpool valid": lambda k, a, i, o: k == "avgpool" and a.get("padding") != "same",
    "avgpool same": lambda k, a, i, o: k == "avgpool" and a.get("padding") == "same",
    "avgpool same, odd total padding": lambda k, a, i, o: k == "avgpool" and same_odd(a, k, i),
    "global average pooling": lambda k, a, i, o: k == "gap",
    "global max pooling": lambda k, a, i, o: k == "gmp",
    "global pooling keepdims": lambda k, a, i, o: k in ("gap", "gmp") and "keepdims" in a,
    "upsample nearest": lambda k, a, i, o: k == "upsample" and "interp" not in a,
    "upsample bilinear": lambda k, a, i, o: k == "upsample" and "interp" in a,
    "upsample non-square size": lambda k, a, i, o: k == "upsample" and "," in a["size"],
    "zero padding": lambda k, a, i, o: k == "zeropad",
    "cropping": lambda k, a, i, o: k == "crop",
    "batch norm on an image": lambda k, a, i, o: k == "bn" and len(i) == 3,
    "batch norm on a vector": lambda k, a, i, o: k == "bn" and len(i) == 1,
    "batch norm on a sequence (rank 2)": lambda k, a, i, o: k == "bn" and len(i) == 2,
    "batch norm without center or scale": lambda k, a, i, o: k == "bn" and ("center" in a or "scale" in a),
    "dropout": lambda k, a, i, o: k == "dropout",
    "ReLU layer": lambda k, a, i, o: k == "relu",
    "ReLU layer max": lambda k, a, i, o: k == "relu" and "max" in a,
    "ReLU layer slope or threshold": lambda k, a, i, o: k == "relu" and ("slope" in a or "threshold" in a),
    "LeakyReLU layer": lambda k, a, i, o: k == "leakyrelu",
    "ELU layer": lambda k, a, i, o: k == "elu",
    "ELU layer alpha": lambda k, a, i, o: k == "elu" and "alpha" in a,
    "Softmax layer": lambda k, a, i, o: k == "softmax",
    "fused activation": lambda k, a, i, o: "activation" in a,
    "flatten of an image": lambda k, a, i, o: k == "flatten" and len(i) == 3,
    "reshape image to image": lambda k, a, i, o: k == "reshape" and len(i) == 3 and len(o) == 3,
    "reshape image to vector": lambda k, a, i, o: k == "reshape" and len(i) == 3 and len(o) == 1,
    "reshape to rank 2": lambda k, a, i, o: k == "reshape" and len(o) == 2,
    "reshape vector to vector": lambda k, a, i, o: k == "reshape" and len(i) == 1 and len(o) == 1,
    "dense on a vector": lambda k, a, i, o: k == "dense" and len(i) == 1,
    "dense on an image": lambda k, a, i, o: k == "dense" and len(i) == 3,
    "dense on a sequence (rank 2)": lambda k, a, i, o: k == "dense" and len(i) == 2,
}
for _fn in ACTIVATIONS:
    FEATURES["activation " + _fn] = (lambda fn: lambda k, a, i, o: (k == "act" and a["fn"] == fn)
                                     or a.get("activation") == fn)(_fn)

# Along the chain: what a Dense reading flattened image features sees in between (PyTorch's order differs).
PER_FEATURE = ("dropout", "act", "relu", "leakyrelu", "elu", "bn", "softmax")


def chain_features(layers):
    found = set()
    flat = None  # the layers since an image was flattened, while the features stay per-feature
    for kind, a, i, o in layers:
        if kind in ("flatten", "reshape") and len(i) == 3 and len(o) == 1:
            # only when the orders differ: more than one position and more than one channel
            flat = [] if i[0] * i[1] > 1 and i[2] > 1 else None
            continue
        if flat is not None and kind == "dense":
            found.add("dense after a flattened image")
            if any(k == "softmax" for k in flat):
                found.add("dense after flatten and a Softmax layer")
            if any(k in ("flatten", "reshape") for k in flat):
                found.add("dense after flatten and a rank-1 reshape")
            if any(k == "bn" for k in flat):
                found.add("dense after flatten and batch norm")
        if flat is not None and (kind in PER_FEATURE or (kind in ("flatten", "reshape") and len(o) == 1)):
            flat.append(kind)
        else:
            flat = None
    return found


CHAIN_FEATURES = ["dense after a flattened image", "dense after flatten and a Softmax layer",
                  "dense after flatten and a rank-1 reshape", "dense after flatten and batch norm"]


def features(layers):
    found = {name for kind, a, i, o in layers for name, test in FEATURES.items() if test(kind, a, i, o)}
    return found | chain_features(layers)


def tfjs_cannot(layers):
    """Why TensorFlow.js cannot run an architecture the Keras 3 way (docs/SEMANTICS.md §8, ../runtime/README.md)."""
    why = set()
    for kind, a, i, o in layers:
        if kind in ("depthwise", "transpose") and "dilation" in a:
            why.add(f"tfjs ignores {kind} dilation")
        if kind == "transpose" and "outpad" in a:
            why.add("tfjs has no outputPadding")
        if "hard_sigmoid" in (a.get("fn"), a.get("activation")):
            why.add("tfjs hard_sigmoid is Keras 2's")
        if a.get("activation") == "leaky_relu":
            why.add("tfjs has no leaky_relu activation")
        if kind == "relu" and ("slope" in a or "threshold" in a):
            why.add("tfjs ReLU has only maxValue")
        if kind == "elu" and "alpha" in a:
            why.add("tfjs ELU has only alpha 1")
        if kind == "flatten" and len(i) == 1:
            why.add("tfjs rejects Flatten of a rank-1 input")
    return sorted(why)


def cover(pool, wanted):
    """Greedy: repeatedly the candidate covering most uncovered features (fewest layers on ties)."""
    chosen = []
    left = set(wanted)
    while left:
        best = max(pool, key=lambda c: (len(c["features"] & left), -len(c["layers"])))
        if not best["features"] & left:
            break
        chosen.append(best)
        pool.remove(best)
        left -= best["features"]
    return chosen, left


def main():
    out_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "random.txt")
    rng = random.Random(SEED)
    pool = []
    while len(pool) < POOL:
        c = candidate(rng)
        if c is not None:
            inp, layers = c
            pool.append({"input": inp, "layers": layers, "features": features(layers), "tfjs": tfjs_cannot(layers)})
    every = set(FEATURES) | set(CHAIN_FEATURES)
    both = [c for c in pool if not c["tfjs"]]
    chosen, left = cover(both, every)
    rest = [c for c in pool if c["tfjs"]]
    more, left = cover(rest, left)
    chosen += more
    if left:
        raise SystemExit(f"no candidate covers {sorted(left)}")
    fill = [c for c in both if c not in chosen and len(c["layers"]) >= 5
            and sum(1 for kind, _, _, _ in c["layers"] if kind in CONV + ("dense", "bn")) >= 2]
    while len(chosen) < N_TOTAL:
        chosen.append(fill.pop(rng.randrange(len(fill))))
    lines = ["# Random valid sequential architectures for the end-to-end fixtures, written by random_archs.py "
             f"(SEED {SEED}).",
             "# One per line: name | input shape | field:kind key=value ...; ... (the vocabulary of",
             "# ../weights/models.txt and ../runtime/cases.txt). Do not edit: rerun random_archs.py."]
    for n, c in enumerate(chosen, start=1):
        name = "r%02d" % n
        specs = []
        for j, (kind, a, _, _) in enumerate(c["layers"], start=1):
            specs.append(" ".join([f"l{j}:{kind}"] + [f"{k}={v}" for k, v in a.items()]))
        lines.append(f"{name} | {','.join(map(str, c['input']))} | {'; '.join(specs)}")
        print(f"{name}: {len(c['layers'])} layers, {len(c['features'])} features"
              + (f", no tfjs ({'; '.join(c['tfjs'])})" if c["tfjs"] else ""))
    with open(out_path, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n| Feature | Architectures |\n|---|---|")
    for feature in list(FEATURES) + CHAIN_FEATURES:
        names = ["r%02d" % n + ("" if not c["tfjs"] else "*") for n, c in enumerate(chosen, start=1)
                 if feature in c["features"]]
        print(f"| {feature} | {', '.join(names)} |")


if __name__ == "__main__":
    main()
