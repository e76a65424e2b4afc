#!/usr/bin/python3
"""Runs every graph case of cases.json through PyTorch and writes what torch did, layer by layer.

Single layers are ../shapes/run_torch.py `build` (the modules the Keras torch backend uses, tensors
kept channels_last between layers), followed by the fused `activation` when there is one. Layers
run in declaration order on zero tensors of batch 1, each on the outputs of the layers it reads.
Merges are what Keras's Merge.call executes on the torch backend
(keras/src/layers/merging/base_merge.py, add.py, subtract.py, ...): inputs of lower rank are
expanded at axis 1 until all ranks are equal (right-aligned broadcasting), then torch.add / sub /
mul / maximum / minimum fold left over the list (Average divides the sum by the count);
Concatenate is torch.cat on the Keras axis (it counts the batch axis, as here). torch has no merge
arity rule: a list of one tensor gives that tensor, Subtract of three gives x0 - x1 - x2; Kiln's
rules for those are added by assemble.py with a note.
A layer fails when torch raises, or when its output has a dimension <= 0.

usage: run_torch.py CASES_JSON OUT_JSON
"""
import functools
import json
import sys

import torch

import keras_graph as kg

seq = kg.shapes_module("run_torch")  # ../shapes/run_torch.py

FOLD = {"Add": torch.add, "Subtract": torch.sub, "Multiply": torch.mul, "Average": torch.add,
        "Maximum": torch.maximum, "Minimum": torch.minimum}


def run_merge(layer, xs):
    if layer["type"] == "Concatenate":
        return torch.cat(xs, dim=layer["axis"])
    top = max(x.dim() for x in xs)
    expanded = []
    for x in xs:
        while x.dim() < top:
            x = x.unsqueeze(1)
        expanded.append(x)
    y = functools.reduce(FOLD[layer["type"]], expanded)
    return y / len(xs) if layer["type"] == "Average" else y


def run_layer(layer, xs):
    """(output, trainable, nonTrainable) of one layer on its input tensors."""
    if layer["type"] in kg.MERGES:
        return run_merge(layer, xs), 0, 0
    if len(xs) != 1:
        raise ValueError("UNSUPPORTED: %s reads %d tensors" % (layer["name"], len(xs)))
    built = seq.build(layer, xs[0])
    y = built.fn(xs[0])
    if layer.get("activation", "LINEAR") != "LINEAR":
        y = seq.ACTIVATIONS[layer["activation"]](y)
    trainable, non_trainable = built.counts()
    return y, trainable, non_trainable


def run_case(case):
    tensors = {name: torch.zeros(1, *shape) for name, shape in case["inputs"].items()}
    last_use = {}
    for i, layer in enumerate(case["layers"]):
        for n in layer["from"]:
            last_use[n] = i
    layers = []
    for i, layer in enumerate(case["layers"]):
        try:
            y, trainable, non_trainable = run_layer(layer, [tensors[n] for n in layer["from"]])
        except Exception as e:  # torch's own errors are the verdict
            msg = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            return {"id": case["id"], "layers": layers,
                    "error": {"name": layer["name"], "stage": "execute", "message": msg}}
        shape = list(y.shape[1:])
        if any(d <= 0 for d in shape):
            layers.append({"name": layer["name"], "shape": shape})
            return {"id": case["id"], "layers": layers,
                    "error": {"name": layer["name"], "stage": "shape",
                              "message": "non-positive dimension %s" % shape}}
        layers.append({"name": layer["name"], "shape": shape, "trainable": trainable,
                       "nonTrainable": non_trainable})
        tensors[layer["name"]] = y
        for n in layer["from"]:
            if last_use[n] == i and n not in case["outputs"]:
                del tensors[n]
    result = {"id": case["id"], "layers": layers, "error": None}
    result["model"] = {
        "outputs": [list(tensors[n].shape[1:]) for n in case["outputs"]],
        "trainable": sum(l["trainable"] for l in layers),
        "nonTrainable": sum(l["nonTrainable"] for l in layers),
    }
    result["model"]["total"] = result["model"]["trainable"] + result["model"]["nonTrainable"]
    return result


def main():
    torch.manual_seed(0)
    with open(sys.argv[1]) as f:
        cases = json.load(f)
    results = []
    with torch.no_grad():
        for case in cases:
            results.append(run_case(case))
    with open(sys.argv[2], "w") as f:
        json.dump(results, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
