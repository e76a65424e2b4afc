#!/usr/bin/python3
"""Runs every case of cases.json through PyTorch 1.13 (Debian's python3-torch).

Tensors stay in Keras's (batch, steps, channels) layout between layers; each layer transposes to
PyTorch's NCL, runs the torch module Keras's torch backend would (Conv1d, ConvTranspose1d, groups for
depthwise, max/avg pooling), and transposes back. Weights are drawn in Keras layout and order and
converted to torch's (Conv1d (out, in/groups, k), ConvTranspose1d (in, out, k)); they, the input and
the output go into the result so that Kiln and TensorFlow.js can run the same numbers.

SAME and CAUSAL padding are explicit F.pad calls with Keras's split (SAME: total max((o-1)s + dk - i, 0),
the odd one at the end; CAUSAL: dk - 1 before). SAME average pooling divides by the steps inside the
input (TF/Keras). A transposed convolution runs with padding 0, then keeps Keras's output length:
crop max(floor((full - out) / 2), 0) at the start, zeros (then the bias) past the full result.
A layer fails when torch throws, when it gets no (batch, steps, channels) input, or when an output
dimension is <= 0.

usage: run_torch.py CASES_JSON OUT_JSON
"""
import json
import math
import sys
import zlib

import numpy as np
import torch
import torch.nn.functional as F

BATCH = 2


class Fail(Exception):
    pass


def dk(l):
    return l["dilationRate"][0] * (l["kernelSize"][0] - 1) + 1


def same_pad(i, k_ext, s):
    o = (i + s - 1) // s
    total = max((o - 1) * s + k_ext - i, 0)
    return total // 2, total - total // 2


def draw(rng, shape, fan_in):
    limit = 1.0 / math.sqrt(max(fan_in, 1))
    return rng.uniform(-limit, limit, size=shape).astype(np.float32)


def t(a):
    return torch.from_numpy(np.ascontiguousarray(a))


def need_seq(x):
    if x.dim() != 3:
        raise Fail("needs (batch, steps, channels), got rank %d" % (x.dim() - 1))


def apply(l, x, rng, weights):
    """x: (B, L, C) float32 tensor. Returns the output and the layer's parameter count."""
    kind = l["type"]
    if kind in ("Flatten",):
        return x.reshape(x.shape[0], -1), 0
    if kind == "Dense":
        c = x.shape[-1]
        k = draw(rng, (c, l["units"]), c)
        b = draw(rng, (l["units"],), 1)
        weights.append({"kernel": k, "bias": b})
        return x @ t(k) + t(b), k.size + b.size
    need_seq(x)
    steps, c = x.shape[1], x.shape[2]
    ncl = x.permute(0, 2, 1)
    if kind in ("Conv1D", "SeparableConv1D", "DepthwiseConv1D"):
        k, s, d = l["kernelSize"][0], l["strides"][0], l["dilationRate"][0]
        if l["padding"] == "SAME":
            ncl = F.pad(ncl, same_pad(steps, dk(l), s))
        elif l["padding"] == "CAUSAL":
            ncl = F.pad(ncl, (dk(l) - 1, 0))
        w = {}
        params = 0
        if kind == "Conv1D":
            f = l["filters"]
            kern = draw(rng, (k, c, f), k * c)
            w["kernel"] = kern
            bias = draw(rng, (f,), 1) if l["useBias"] else None
            y = F.conv1d(ncl, t(kern.transpose(2, 1, 0)), None if bias is None else t(bias), s, 0, d)
        else:
            dm = l["depthMultiplier"]
            kern = draw(rng, (k, c, dm), k)
            name = "kernel" if kind == "DepthwiseConv1D" else "depthwise_kernel"
            w[name] = kern
            torch_w = t(kern.reshape(k, c * dm).T.reshape(c * dm, 1, k))
            if kind == "DepthwiseConv1D":
                bias = draw(rng, (c * dm,), 1) if l["useBias"] else None
                y = F.conv1d(ncl, torch_w, None if bias is None else t(bias), s, 0, d, groups=c)
            else:
                y = F.conv1d(ncl, torch_w, None, s, 0, d, groups=c)
                f = l["filters"]
                point = draw(rng, (1, c * dm, f), c * dm)
                w["pointwise_kernel"] = point
                bias = draw(rng, (f,), 1) if l["useBias"] else None
                y = F.conv1d(y, t(point.transpose(2, 1, 0)), None if bias is None else t(bias))
        if bias is not None:
            w["bias"] = bias
        params = sum(v.size for v in w.values())
        weights.append(w)
        y = activation(l["activation"], y)
    elif kind == "Conv1DTranspose":
        k, s, f = l["kernelSize"][0], l["strides"][0], l["filters"]
        op = l["outputPadding"][0] if l["outputPadding"] else None
        kern = draw(rng, (k, f, c), k * c)
        bias = draw(rng, (f,), 1) if l["useBias"] else None
        w = {"kernel": kern}
        if bias is not None:
            w["bias"] = bias
        weights.append(w)
        if op is not None:
            # torch's own output_padding check (op < stride or op < dilation; the dilation is 1 here)
            torch.nn.ConvTranspose1d(c, f, k, s, output_padding=op)(ncl)
        full = F.conv_transpose1d(ncl, t(kern.transpose(2, 1, 0)), None, s)
        e = dk(l)
        if op is None:
            out = (steps - 1) * s + max(e, s) if l["padding"] == "VALID" else steps * s
        else:
            out = (steps - 1) * s + (e if l["padding"] == "VALID" else e % 2) + op
        if out <= 0:
            raise Fail("empty output")
        n = full.shape[2]
        start = max((n - out) // 2, 0)
        y = full[:, :, start:start + out]
        if y.shape[2] < out:
            y = F.pad(y, (0, out - y.shape[2]))
        if bias is not None:
            y = y + t(bias).view(1, -1, 1)
        params = sum(v.size for v in w.values())
        y = activation(l["activation"], y)
    elif kind in ("MaxPooling1D", "AveragePooling1D"):
        p = l["poolSize"][0]
        s = l["strides"][0] if l["strides"] else p
        if l["padding"] == "SAME":
            before, after = same_pad(steps, p, s)
            if kind == "MaxPooling1D":
                y = F.max_pool1d(F.pad(ncl, (before, after), value=-math.inf), p, s)
            else:
                total = F.avg_pool1d(F.pad(ncl, (before, after)), p, s) * p
                count = F.avg_pool1d(F.pad(torch.ones(1, 1, steps), (before, after)), p, s) * p
                y = total / count
        else:
            y = (F.max_pool1d if kind == "MaxPooling1D" else F.avg_pool1d)(ncl, p, s)
        params = 0
    elif kind in ("GlobalMaxPooling1D", "GlobalAveragePooling1D"):
        y = ncl.amax(dim=2) if kind == "GlobalMaxPooling1D" else ncl.mean(dim=2)
        return (y.unsqueeze(1) if l["keepdims"] else y), 0
    elif kind == "UpSampling1D":
        y = ncl.repeat_interleave(l["size"], dim=2)
        params = 0
    elif kind == "ZeroPadding1D":
        pad = l["padding"] * 2 if len(l["padding"]) == 1 else l["padding"]
        y = F.pad(ncl, tuple(pad))
        params = 0
    elif kind == "Cropping1D":
        crop = l["cropping"] * 2 if len(l["cropping"]) == 1 else l["cropping"]
        y = ncl[:, :, crop[0]:steps - crop[1]]
        params = 0
    else:
        raise ValueError(kind)
    return y.permute(0, 2, 1), params


def activation(name, y):
    return {"LINEAR": lambda v: v, "RELU": torch.relu, "TANH": torch.tanh, "SIGMOID": torch.sigmoid}[name](y)


def state_dict(layers, weights, shapes, input_shape):
    """The same weights as an equivalent PyTorch model's state_dict (modules net.0, net.1, ... in order;
    a SeparableConv1D is two, depthwise then pointwise). A Dense after a Flatten of a 1-D layer's
    output reads PyTorch's NCL flattening, (channels, steps)."""
    tensors = []
    it = iter(weights)
    module = 0
    prev = input_shape
    ncl = False
    flat_from = None
    for l, shape in zip(layers, shapes):
        kind = l["type"]
        if kind in ("Conv1D", "Conv1DTranspose", "DepthwiseConv1D", "SeparableConv1D", "Dense"):
            w = next(it)
            if kind == "Dense":
                k = w["kernel"]
                if flat_from is not None:
                    steps, ch = flat_from
                    k = k.reshape(steps, ch, -1).transpose(1, 0, 2).reshape(steps * ch, -1)
                mods = [{"weight": k.T, "bias": w["bias"]}]
            elif kind == "SeparableConv1D":
                dwk = w["depthwise_kernel"]
                kk, c, dm = dwk.shape
                mods = [{"weight": dwk.reshape(kk, c * dm).T.reshape(c * dm, 1, kk)},
                        {"weight": w["pointwise_kernel"].transpose(2, 1, 0)}]
                if "bias" in w:
                    mods[1]["bias"] = w["bias"]
            elif kind == "DepthwiseConv1D":
                kk, c, dm = w["kernel"].shape
                mods = [{"weight": w["kernel"].reshape(kk, c * dm).T.reshape(c * dm, 1, kk)}]
                if "bias" in w:
                    mods[0]["bias"] = w["bias"]
            else:
                mods = [{"weight": w["kernel"].transpose(2, 1, 0)}]
                if "bias" in w:
                    mods[0]["bias"] = w["bias"]
            for m in mods:
                for name, v in m.items():
                    tensors.append({"name": "net.%d.%s" % (module, name), "dims": list(v.shape),
                                    "values": np.ascontiguousarray(v).ravel().tolist()})
                module += 1
        if kind == "Flatten":
            flat_from = tuple(prev) if ncl and len(prev) == 2 else None
        elif kind != "Dense":
            flat_from = None
        ncl = len(shape) == 2 and kind not in ("Flatten", "Dense")
        prev = shape
    return tensors


def run(c):
    rng = np.random.default_rng(zlib.crc32(c["id"].encode()))
    x0 = rng.uniform(-2, 2, size=[BATCH] + c["input"]).astype(np.float32)
    x = t(x0)
    shapes, params, weights = [], [], []
    result = {"id": c["id"], "valid": True}
    for i, l in enumerate(c["layers"]):
        try:
            with torch.no_grad():
                y, n = apply(l, x, rng, weights)
            if any(d <= 0 for d in y.shape[1:]):
                raise Fail("dimension <= 0: %s" % list(y.shape[1:]))
        except (Fail, RuntimeError, ValueError) as e:
            result.update(valid=False, failedAt=i, error=str(e).split("\n")[0][:200])
            break
        shapes.append(list(y.shape[1:]))
        params.append(int(n))
        x = y
    result.update(shapes=shapes, trainable=params, nonTrainable=[0] * len(params))
    if result["valid"]:
        result["inputValues"] = x0.ravel().tolist()
        result["weights"] = [{k: {"dims": list(v.shape), "values": v.ravel().tolist()} for k, v in w.items()}
                             for w in weights]
        result["output"] = x.numpy().astype(np.float32).ravel().tolist()
        result["stateDict"] = state_dict(c["layers"], weights, shapes, c["input"])
    return result


def main(cases_path, out_path):
    torch.manual_seed(0)
    cases = json.load(open(cases_path))
    results = [run(c) for c in cases]
    json.dump(results, open(out_path, "w"))
    print("torch: %d cases, %d valid" % (len(results), sum(r["valid"] for r in results)))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
