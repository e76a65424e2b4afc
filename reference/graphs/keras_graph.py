"""Kiln's (Keras 3) rules for graph models, used ONLY to steer the generator and to cross-check the
reference runners. Nothing in the fixture is computed here: shapes, parameter counts and verdicts
come from tfjs or torch (see assemble.py). Single layers follow ../shapes/keras_model.py; merges
follow docs/SEMANTICS.md sections 3.14-3.15 with Kiln's stricter choices:

  * every merge needs at least 2 inputs (Keras 3 accepts 1), Subtract exactly 2;
  * element-wise merges (Add, Subtract, Multiply, Average, Maximum, Minimum) need inputs of equal
    rank (Keras right-aligns and broadcasts across ranks; Kiln does not), and per dimension equal
    sizes or a 1 that broadcasts;
  * Concatenate needs equal ranks and equal sizes on every axis but `axis`, which counts the batch
    axis as Keras does (-1 = channels; 0, the batch axis, is not accepted).

A shape is a tuple without the batch axis.
"""
import importlib.util
import os
import sys

SHAPES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "shapes")
sys.path.insert(0, SHAPES)

import keras_model as km  # noqa: E402


def shapes_module(name):
    """A module of ../shapes whose name clashes with one here (generate, run_torch, assemble)."""
    spec = importlib.util.spec_from_file_location("shapes_" + name, os.path.join(SHAPES, name + ".py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


Invalid = km.Invalid
ELEMENTWISE = ("Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum")
MERGES = set(ELEMENTWISE) | {"Concatenate"}
CONV_KINDS = km.CONV_KINDS
FUSED = CONV_KINDS | {"Dense"}  # layers carrying an `activation` attribute in this fixture


def concat_axis(layer, rank):
    """Index (into a shape without batch) of the Keras `axis` for inputs of `rank` (no batch)."""
    axis = layer["axis"]
    full = axis + rank + 1 if axis < 0 else axis
    if full < 1 or full > rank:
        raise Invalid("concat_axis")
    return full - 1


def arity_violation(layer, n):
    """Kiln's input-count rule for a merge with n inputs, or None."""
    if n < 2 or (layer["type"] == "Subtract" and n != 2):
        return "merge_arity"
    return None


def merge_output(layer, shapes):
    """Predicted output of a merge on the list of input shapes; raises Invalid."""
    if arity_violation(layer, len(shapes)):
        raise Invalid("merge_arity")
    if len({len(s) for s in shapes}) > 1:
        raise Invalid("merge_rank")
    if layer["type"] == "Concatenate":
        j = concat_axis(layer, len(shapes[0]))
        first = shapes[0]
        for s in shapes[1:]:
            if any(a != b for k, (a, b) in enumerate(zip(first, s)) if k != j):
                raise Invalid("concat_mismatch")
        out = list(first)
        out[j] = sum(s[j] for s in shapes)
        return tuple(out)
    out = list(shapes[0])
    for s in shapes[1:]:
        for k, (a, b) in enumerate(zip(out, s)):
            if a == 1:
                out[k] = b
            elif b != 1 and a != b:
                raise Invalid("merge_mismatch")
    return tuple(out)


def output(layer, shapes):
    """Predicted Keras 3 / Kiln output of any layer on its input shapes (a list); raises Invalid."""
    if layer["type"] in MERGES:
        return merge_output(layer, [tuple(s) for s in shapes])
    if len(shapes) != 1:
        raise Invalid("arity")
    return km.output(layer, tuple(shapes[0]))


def params(layer, shapes):
    if layer["type"] in MERGES:
        return 0, 0
    return km.params(layer, tuple(shapes[0]))


def macs(layer, shapes, out):
    if layer["type"] in MERGES:
        return km.size(out) * len(shapes)
    return km.macs(layer, tuple(shapes[0]), out)


def trace(inputs, layers):
    """Predicted (shapes, trainable, nonTrainable, failedAt, reason) of a graph; dicts by name."""
    known = {name: tuple(shape) for name, shape in inputs.items()}
    shapes, tr, nt = {}, {}, {}
    for layer in layers:
        ins = [known[n] for n in layer["from"]]
        try:
            out = output(layer, ins)
        except Invalid as e:
            return shapes, tr, nt, layer["name"], e.reason
        a, b = params(layer, ins)
        known[layer["name"]] = out
        shapes[layer["name"]] = list(out)
        tr[layer["name"]] = a
        nt[layer["name"]] = b
    return shapes, tr, nt, None, None
