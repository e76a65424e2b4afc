#!/usr/bin/python3
"""Runs every case of cases.json through PyTorch and writes what torch did, layer by layer.

Tensors are kept in Keras's channels_last layout (batch, ..., channels) between layers, so that
Flatten, Reshape and Dense see the same element order as in Keras; each spatial layer permutes
to NCHW, runs the torch module and permutes back. Each Keras layer becomes the torch modules the
Keras torch backend would use (keras/src/backend/torch/nn.py):
  * Conv2D / DepthwiseConv2D / SeparableConv2D / pooling with padding SAME: F.pad with the
    TF/Keras split (extra pixel at the end, _compute_padding_length) and then padding=0.
  * Conv2DTranspose: conv_transpose2d with padding=0, output_padding=0, then the asymmetric
    crop (or zero pad) that Keras's torch backend derives from its JAX padding
    (compute_conv_transpose_output_crops_for_torch). With outputPadding given, torch's own
    ConvTranspose2d(output_padding=...) is also run, so torch's validation of it counts.
  * BatchNormalization: F.batch_norm over the last axis; a missing gamma/beta is a None weight.
A layer fails when torch raises, or when its output has a dimension <= 0. The one check torch
cannot make is the rank of spatial layers (torch reads a 3-D tensor as an unbatched image), so
spatial layers require a 4-D tensor here, as Keras's InputSpec(ndim=4) does.

usage: run_torch.py CASES_JSON OUT_JSON
"""
import json
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

SPATIAL = {
    "Conv2D", "DepthwiseConv2D", "SeparableConv2D", "Conv2DTranspose", "MaxPooling2D",
    "AveragePooling2D", "GlobalAveragePooling2D", "GlobalMaxPooling2D", "UpSampling2D",
    "ZeroPadding2D", "Cropping2D",
}


def same_padding(i, k, s, d=1):
    """keras/src/backend/torch/nn.py _compute_padding_length: (before, after)."""
    dk = (k - 1) * d + 1
    out = (i + s - 1) // s
    total = max(0, (out - 1) * s + dk - i)
    return total // 2, total - total // 2


def pad_same(x, kernel, strides, dilation=(1, 1)):
    (t, b) = same_padding(x.shape[2], kernel[0], strides[0], dilation[0])
    (l, r) = same_padding(x.shape[3], kernel[1], strides[1], dilation[1])
    return F.pad(x, (l, r, t, b))


def keras_jax_transpose_pads(k, s, d, padding, op):
    """keras/src/backend/common/backend_utils.py _convert_conv_transpose_padding_args_from_keras_to_jax."""
    k = (k - 1) * d + 1
    if padding == "VALID":
        op = max(k, s) - k if op is None else op
        return k - 1, k - 1 + op
    pad_len = s + k - 2 if op is None else k + k % 2 - 2 + op
    left = min(pad_len // 2 + pad_len % 2, k - 1)
    return left, pad_len - left


class Built:
    """A torch module (or function) for one Keras layer plus its parameter/buffer holders."""

    def __init__(self, fn, modules=()):
        self.fn = fn
        self.modules = list(modules)

    def counts(self):
        trainable = sum(p.numel() for m in self.modules for p in m.parameters() if p.requires_grad)
        # Keras's moving_mean/moving_variance; torch's int64 num_batches_tracked is no Keras weight
        non_trainable = sum(b.numel() for m in self.modules for n, b in m.named_buffers()
                            if b.is_floating_point())
        return trainable, non_trainable


def nchw(fn):
    def wrapped(x):
        if x.dim() != 4:
            raise ValueError("expected ndim=4 (batch, height, width, channels), found ndim=%d" % x.dim())
        return fn(x.permute(0, 3, 1, 2)).permute(0, 2, 3, 1)
    return wrapped


def build(layer, x):
    t = layer["type"]
    c = x.shape[-1]
    if t in SPATIAL and x.dim() != 4:
        raise ValueError("%s expected ndim=4 (batch, height, width, channels), found ndim=%d"
                         % (t, x.dim()))
    if t in ("Conv2D", "DepthwiseConv2D", "SeparableConv2D"):
        k, s, d = tuple(layer["kernelSize"]), tuple(layer["strides"]), tuple(layer["dilationRate"])
        bias = layer["useBias"]
        if t == "Conv2D":
            convs = [nn.Conv2d(c, layer["filters"], k, s, 0, d, bias=bias)]
        elif t == "DepthwiseConv2D":
            convs = [nn.Conv2d(c, c * layer["depthMultiplier"], k, s, 0, d, groups=c, bias=bias)]
        else:
            convs = [nn.Conv2d(c, c * layer["depthMultiplier"], k, s, 0, d, groups=c, bias=False),
                     nn.Conv2d(c * layer["depthMultiplier"], layer["filters"], 1, bias=bias)]

        def conv(y):
            if layer["padding"] == "SAME":
                y = pad_same(y, k, s, d)
            for m in convs:
                y = m(y)
            return y
        return Built(nchw(conv), convs)
    if t == "Conv2DTranspose":
        k, s, d = tuple(layer["kernelSize"]), tuple(layer["strides"]), tuple(layer["dilationRate"])
        op = layer["outputPadding"] or [None, None]
        m = nn.ConvTranspose2d(c, layer["filters"], k, s, 0, 0, bias=layer["useBias"], dilation=d)
        native = None
        if layer["outputPadding"]:
            native = nn.ConvTranspose2d(c, layer["filters"], k, s, 0, tuple(layer["outputPadding"]),
                                        bias=layer["useBias"], dilation=d)
        crops = []
        for i in range(2):
            left, right = keras_jax_transpose_pads(k[i], s[i], d[i], layer["padding"], op[i])
            dk = (k[i] - 1) * d[i] + 1
            crops.append(((dk - 1) - left, (dk - 1) - right))

        def transpose(y):
            if native is not None:
                native(y)  # torch's own output_padding validation
            y = m(y)
            # keras/src/backend/torch/nn.py conv_transpose: slice, then zero-pad negative crops
            y = y[:, :, max(0, crops[0][0]):(-crops[0][1] if crops[0][1] > 0 else None),
                  max(0, crops[1][0]):(-crops[1][1] if crops[1][1] > 0 else None)]
            if any(a < 0 or b < 0 for a, b in crops):
                pads = []
                for a, b in reversed(crops):
                    pads += [-a if a < 0 else 0, -b if b < 0 else 0]
                y = F.pad(y, pads)
            return y
        return Built(nchw(transpose), [m])
    if t in ("MaxPooling2D", "AveragePooling2D"):
        k = tuple(layer["poolSize"])
        s = tuple(layer["strides"]) if layer["strides"] else k
        m = nn.MaxPool2d(k, s) if t == "MaxPooling2D" else nn.AvgPool2d(k, s)

        def pool(y):
            if layer["padding"] == "SAME":
                y = pad_same(y, k, s)
            return m(y)
        return Built(nchw(pool))
    if t in ("GlobalAveragePooling2D", "GlobalMaxPooling2D"):
        m = nn.AdaptiveAvgPool2d(1) if t == "GlobalAveragePooling2D" else nn.AdaptiveMaxPool2d(1)
        if layer["keepdims"]:
            return Built(nchw(m))
        return Built(lambda y: nn.Flatten()(m(y.permute(0, 3, 1, 2))))
    if t == "UpSampling2D":
        mode = layer["interpolation"].lower()
        m = nn.Upsample(scale_factor=tuple(float(v) for v in layer["size"]), mode=mode,
                        align_corners=False if mode == "bilinear" else None)
        return Built(nchw(m))
    if t == "ZeroPadding2D":
        top, bottom, left, right = layer["padding"]
        return Built(nchw(nn.ZeroPad2d((left, right, top, bottom))))
    if t == "Cropping2D":
        top, bottom, left, right = layer["cropping"]
        return Built(nchw(lambda y: F.pad(y, (-left, -right, -top, -bottom))))
    if t == "BatchNormalization":
        m = nn.BatchNorm1d(c, eps=1e-3)
        if not layer["scale"]:
            m.register_parameter("weight", None)
        if not layer["center"]:
            m.register_parameter("bias", None)
        m.eval()
        # normalise the last (channel) axis: move it to dim 1 as torch expects
        return Built(lambda y: F.batch_norm(y.movedim(-1, 1), m.running_mean, m.running_var,
                                            m.weight, m.bias, False, 0.0, m.eps).movedim(1, -1), [m])
    if t == "Dropout":
        m = nn.Dropout(layer["rate"])
        m.eval()
        return Built(m)
    if t == "Activation":
        return Built(ACTIVATIONS[layer["value"]])
    if t == "ReLU":
        return Built(nn.ReLU())
    if t == "LeakyReLU":
        return Built(nn.LeakyReLU(layer["negativeSlope"]))
    if t == "ELU":
        return Built(nn.ELU())
    if t == "Softmax":
        return Built(nn.Softmax(dim=-1))
    if t == "Flatten":
        return Built(nn.Flatten())
    if t == "Reshape":
        target = layer["targetShape"]
        return Built(lambda y: y.reshape(y.shape[0], *target))
    if t == "Dense":
        m = nn.Linear(c, layer["units"], bias=layer["useBias"])
        return Built(m, [m])
    raise ValueError("UNSUPPORTED: layer type " + t)


ACTIVATIONS = {
    "LINEAR": lambda y: y, "RELU": F.relu, "RELU6": F.relu6,
    "LEAKY_RELU": lambda y: F.leaky_relu(y, 0.2), "ELU": F.elu, "SELU": F.selu, "GELU": F.gelu,
    "SILU": F.silu, "SWISH": F.silu, "SIGMOID": torch.sigmoid, "HARD_SIGMOID": F.hardsigmoid,
    "TANH": torch.tanh, "SOFTMAX": lambda y: F.softmax(y, dim=-1), "SOFTPLUS": F.softplus,
    "SOFTSIGN": F.softsign,
}


def run_case(case):
    x = torch.zeros(1, *case["input"])
    layers = []
    for i, layer in enumerate(case["layers"]):
        try:
            built = build(layer, x)
            y = built.fn(x)
        except Exception as e:  # torch's own errors are the verdict
            msg = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            return {"id": case["id"], "layers": layers,
                    "error": {"index": i, "stage": "execute", "message": msg}}
        shape = list(y.shape[1:])
        if any(d <= 0 for d in shape):
            layers.append({"shape": shape})
            return {"id": case["id"], "layers": layers,
                    "error": {"index": i, "stage": "shape",
                              "message": "non-positive dimension %s" % shape}}
        trainable, non_trainable = built.counts()
        layers.append({"shape": shape, "trainable": trainable, "nonTrainable": non_trainable})
        x = y
    return {"id": case["id"], "layers": layers, "error": None}


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
