#!/usr/bin/python3
"""Deterministic random 1-D architectures over (steps, channels) inputs, for oned conformance.

Writes cases.json: each case an input shape and a sequential list of layers with Kiln's attribute
names (camelCase, every int-or-tuple as a list), and `tfjs`: whether every layer exists in
TensorFlow.js 4.22 (conv1d, maxPooling1d, averagePooling1d, globalMax/AveragePooling1d, flatten,
dense) without a quirk (no keepdims, no CAUSAL), so that run_tfjs.js runs it too. Predicts nothing that reaches the fixture:
the intents only spread the cases over valid models and each way a 1-D layer can fail.

usage: generate.py OUT_CASES_JSON
"""
import json
import random
import sys

SEED = 20261201
N_VALID = 90
N_INVALID = {"conv_window": 14, "pool_window": 8, "crop": 8, "output_padding": 6, "rank": 8}
ACTIVATIONS = ["LINEAR", "RELU", "TANH", "SIGMOID"]
TFJS_TYPES = {"Conv1D", "MaxPooling1D", "AveragePooling1D", "GlobalMaxPooling1D", "GlobalAveragePooling1D",
              "Flatten", "Dense"}
KINDS = ["Conv1D", "Conv1DTranspose", "SeparableConv1D", "DepthwiseConv1D", "MaxPooling1D",
         "AveragePooling1D", "UpSampling1D", "ZeroPadding1D", "Cropping1D"]


def window(rng, conv=True, causal=False):
    k = rng.choice([1, 2, 3, 3, 4, 5])
    d = [1]
    s = [rng.choice([1, 1, 2, 3])]
    if conv and s == [1] and rng.random() < 0.3:
        d = [rng.choice([2, 3])]
    pads = ["VALID", "SAME"] + (["CAUSAL"] if causal else [])
    return {"kernelSize": [k], "strides": s, "padding": rng.choice(pads), "dilationRate": d}


def layer(rng, kind, channels):
    act = rng.choice(ACTIVATIONS)
    bias = rng.random() < 0.8
    if kind == "Conv1D":
        return {"type": kind, "filters": rng.randint(1, 4), **window(rng, causal=True), "activation": act,
                "useBias": bias}
    if kind == "Conv1DTranspose":
        w = window(rng)
        w["dilationRate"] = [1]
        op = [] if rng.random() < 0.6 else [rng.randrange(w["strides"][0])]
        return {"type": kind, "filters": rng.randint(1, 4), **w, "outputPadding": op, "activation": act,
                "useBias": bias}
    if kind == "SeparableConv1D":
        return {"type": kind, "filters": rng.randint(1, 4), **window(rng), "depthMultiplier": rng.randint(1, 2),
                "activation": act, "useBias": bias}
    if kind == "DepthwiseConv1D":
        return {"type": kind, **window(rng), "depthMultiplier": rng.randint(1, 2), "activation": act,
                "useBias": bias}
    if kind in ("MaxPooling1D", "AveragePooling1D"):
        p = rng.choice([1, 2, 2, 3])
        return {"type": kind, "poolSize": [p], "strides": [] if rng.random() < 0.5 else [rng.choice([1, 2, 3])],
                "padding": rng.choice(["VALID", "SAME"])}
    if kind == "UpSampling1D":
        return {"type": kind, "size": rng.choice([1, 2, 3])}
    if kind == "ZeroPadding1D":
        return {"type": kind, "padding": [rng.randint(0, 2)] if rng.random() < 0.5 else [rng.randint(0, 2),
                                                                                          rng.randint(0, 2)]}
    if kind == "Cropping1D":
        return {"type": kind, "cropping": [rng.randint(0, 1)] if rng.random() < 0.5 else [rng.randint(0, 2),
                                                                                           rng.randint(0, 1)]}
    raise ValueError(kind)


def tail(rng, layers):
    """An optional head: a global pooling, or Flatten and Dense (the flatten order PyTorch differs in)."""
    r = rng.random()
    if r < 0.25:
        layers.append({"type": rng.choice(["GlobalMaxPooling1D", "GlobalAveragePooling1D"]),
                       "keepdims": rng.random() < 0.2})
    elif r < 0.45:
        layers.append({"type": "Flatten"})
        layers.append({"type": "Dense", "units": rng.randint(1, 3), "activation": "LINEAR", "useBias": True})


def case(rng, intent, index):
    steps = rng.randint(6, 14)
    channels = rng.randint(1, 3)
    pool = KINDS if rng.random() < 0.5 else ["Conv1D", "MaxPooling1D", "AveragePooling1D"]
    layers = [layer(rng, rng.choice(pool), channels) for _ in range(rng.randint(1, 4))]
    if intent == "conv_window":
        kind = rng.choice(["Conv1D", "SeparableConv1D", "DepthwiseConv1D"])
        bad = layer(rng, kind, channels)
        bad.update(padding="VALID", kernelSize=[steps + rng.randint(1, 4)], strides=[1], dilationRate=[1])
        layers.insert(0, bad)
    elif intent == "pool_window":
        bad = layer(rng, rng.choice(["MaxPooling1D", "AveragePooling1D"]), channels)
        bad.update(padding="VALID", poolSize=[steps + rng.randint(1, 3)])
        layers.insert(0, bad)
    elif intent == "crop":
        layers.insert(0, {"type": "Cropping1D", "cropping": [steps // 2 + rng.randint(0, 2), steps // 2]})
    elif intent == "output_padding":
        bad = layer(rng, "Conv1DTranspose", channels)
        s = bad["strides"][0]
        bad.update(outputPadding=[s + rng.randint(0, 1)], dilationRate=[1])
        layers.insert(rng.randint(0, len(layers)), bad)
    elif intent == "rank":
        layers.insert(0, {"type": rng.choice(["GlobalMaxPooling1D", "GlobalAveragePooling1D"]), "keepdims": False})
        layers.insert(1, layer(rng, rng.choice(["Conv1D", "MaxPooling1D", "UpSampling1D"]), channels))
    if intent != "rank":
        tail(rng, layers)
    # tfjs quirks: GlobalPooling ignores keepdims; a CAUSAL conv1d is sized as VALID and then throws
    # "CAUSAL padding mode in conv1dWithBias is not implemented yet" when it runs.
    tfjs = all(l["type"] in TFJS_TYPES and not l.get("keepdims") and l.get("padding") != "CAUSAL" for l in layers)
    return {"id": "%s%03d" % ("v" if intent == "valid" else "x", index), "intent": intent,
            "input": [steps, channels], "layers": layers, "tfjs": tfjs}


def main(out):
    rng = random.Random(SEED)
    cases = []
    for i in range(N_VALID):
        cases.append(case(rng, "valid", i + 1))
    n = 0
    for intent, count in N_INVALID.items():
        for _ in range(count):
            n += 1
            cases.append(case(rng, intent, n))
    with open(out, "w") as f:
        json.dump(cases, f, indent=None)
    print("%d cases, %d also for tfjs" % (len(cases), sum(c["tfjs"] for c in cases)))


if __name__ == "__main__":
    main(sys.argv[1])
