"""A PyTorch model for a graph in the fixture format of ../graphs (README "Line format"), with the
values Keras 3 computes: what a PyTorch user would write for the same network, so that its
state_dict is an ordinary PyTorch one (OIHW kernels, ConvTranspose2d (in, out, kh, kw), BatchNorm
buffers, Linear (out, in) whose columns follow NCHW flattening).

Tensors stay channels_last (batch, ..., channels) between layers, as in ../graphs/run_torch.py, so
its Keras merge semantics (`run_merge`: Concatenate on the Keras axis, size-1 broadcasting) apply
unchanged; each spatial layer permutes to NCHW around its torch module. The one place where the
layout changes a value is flattening an image: a PyTorch model flattens (channels, height, width),
Keras (height, width, channels). `Flatten` here flattens NCHW as PyTorch does, so every vector made
from an image is in PyTorch's order and every layer after it (Dense, BatchNorm1d) has PyTorch's
weights; `keras_order` follows that permutation through the graph for the Keras-layout file and to
put the outputs back into Keras's order.

Values (as the runtime fixtures in ../runtime/torch_reference.py do, not the zero-tensor shape runs
of ../shapes): SAME convolutions and pooling pad with F.pad and Keras's split (the odd pixel at the
end, ../shapes/run_torch.py `same_padding`), max pooling with -inf, SAME average pooling divides by
the count of real cells; Conv2DTranspose is conv_transpose2d without padding, cropped (or zero
extended) per side as Keras's torch backend does (`keras_jax_transpose_pads`), the bias added after,
since Keras adds it to the backend op's result.
"""
import importlib.util
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "graphs"))
import keras_graph as kg  # noqa: E402  (puts ../shapes on the path)



def load(name, directory):
    """../<directory>/<name>.py; ../shapes and ../graphs have modules of the same names."""
    spec = importlib.util.spec_from_file_location(directory + "_" + name, os.path.join(HERE, "..", directory,
                                                                                       name + ".py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


shapes_torch = load("run_torch", "shapes")
graphs_torch = load("run_torch", "graphs")

same_padding = shapes_torch.same_padding
keras_jax_transpose_pads = shapes_torch.keras_jax_transpose_pads
ACTIVATIONS = shapes_torch.ACTIVATIONS
run_merge = graphs_torch.run_merge


def nchw(x):
    return x.permute(0, 3, 1, 2)


def nhwc(x):
    return x.permute(0, 2, 3, 1)


def pad_same(x, kernel, strides, dilation=(1, 1), value=0.0):
    """NCHW x padded as Keras SAME pads it."""
    top, bottom = same_padding(x.shape[2], kernel[0], strides[0], dilation[0])
    left, right = same_padding(x.shape[3], kernel[1], strides[1], dilation[1])
    return F.pad(x, (left, right, top, bottom), value=value)


class Separable(nn.Module):
    """Keras's SeparableConv2D: a depthwise conv without bias, then a 1x1 conv."""

    def __init__(self, channels, multiplier, filters, kernel, strides, dilation, bias):
        super().__init__()
        self.depthwise = nn.Conv2d(channels, channels * multiplier, kernel, strides, 0, dilation, groups=channels,
                                   bias=False)
        self.pointwise = nn.Conv2d(channels * multiplier, filters, 1, bias=bias)

    def forward(self, x):
        return self.pointwise(self.depthwise(x))


def activation(name):
    if name == "SOFTMAX":
        return lambda y: torch.softmax(y, dim=-1)
    return ACTIVATIONS[name]


def chw_order(h, w, c):
    """For each Keras (h, w, c) feature, its index in PyTorch's (c, h, w) flattening."""
    return np.arange(h * w * c).reshape(c, h, w).transpose(1, 2, 0).reshape(-1)


class Unsupported(Exception):
    """The layer has no PyTorch equivalent with the same weights."""


class Layer:
    """One Keras layer: its torch module (or None) and how it maps channels_last tensors."""

    def __init__(self, spec, shapes):
        self.spec = spec
        self.module = None
        t = spec["type"]
        x = shapes[0]
        self.image = len(x) == 3
        c = x[-1]
        if t in ("Conv2D", "DepthwiseConv2D", "SeparableConv2D", "Conv2DTranspose"):
            k, s, d = tuple(spec["kernelSize"]), tuple(spec["strides"]), tuple(spec["dilationRate"])
            bias = spec["useBias"]
            if t == "Conv2D":
                self.module = nn.Conv2d(c, spec["filters"], k, s, 0, d, bias=bias)
            elif t == "DepthwiseConv2D":
                self.module = nn.Conv2d(c, c * spec["depthMultiplier"], k, s, 0, d, groups=c, bias=bias)
            elif t == "SeparableConv2D":
                self.module = Separable(c, spec["depthMultiplier"], spec["filters"], k, s, d, bias)
            else:
                self.module = nn.ConvTranspose2d(c, spec["filters"], k, s, 0, 0, bias=bias, dilation=d)
        elif t == "BatchNormalization":
            self.module = (nn.BatchNorm2d if self.image else nn.BatchNorm1d)(c, eps=1e-3)
            if not spec["scale"]:
                self.module.register_parameter("weight", None)
            if not spec["center"]:
                self.module.register_parameter("bias", None)
        elif t == "Dense":
            self.module = nn.Linear(c, spec["units"], bias=spec["useBias"])
        elif t == "Reshape":
            if len(spec["targetShape"]) != 1 or not self.image:
                raise Unsupported("Reshape other than an image to a vector")
        if self.module is not None:
            self.module.eval()

    def __call__(self, xs):
        spec, t, m = self.spec, self.spec["type"], self.module
        if t in kg.MERGES:
            return run_merge(spec, xs)
        x = xs[0]
        act = activation(spec.get("activation", "LINEAR"))
        if t in ("Conv2D", "DepthwiseConv2D", "SeparableConv2D"):
            y = nchw(x)
            if spec["padding"] == "SAME":
                y = pad_same(y, spec["kernelSize"], spec["strides"], spec["dilationRate"])
            return act(nhwc(m(y)))
        if t == "Conv2DTranspose":
            k, s, d = spec["kernelSize"], spec["strides"], spec["dilationRate"]
            op = spec["outputPadding"] or [None, None]
            y = F.conv_transpose2d(nchw(x), m.weight, None, stride=tuple(s), dilation=tuple(d))
            for axis in (0, 1):
                left, right = keras_jax_transpose_pads(k[axis], s[axis], d[axis], spec["padding"], op[axis])
                dk = (k[axis] - 1) * d[axis] + 1
                crop_l, crop_r = dk - 1 - left, dk - 1 - right
                dim = 2 + axis
                if crop_l < 0 or crop_r < 0:
                    pads = [0, 0, 0, 0]
                    pads[(1 - axis) * 2] = max(-crop_l, 0)
                    pads[(1 - axis) * 2 + 1] = max(-crop_r, 0)
                    y = F.pad(y, pads)
                n = y.shape[dim]
                y = y.narrow(dim, max(crop_l, 0), n - max(crop_l, 0) - max(crop_r, 0))
            if m.bias is not None:
                y = y + m.bias.view(1, -1, 1, 1)
            return act(nhwc(y))
        if t in ("MaxPooling2D", "AveragePooling2D"):
            p = tuple(spec["poolSize"])
            s = tuple(spec["strides"]) if spec["strides"] else p
            y = nchw(x)
            same = spec["padding"] == "SAME"
            if t == "MaxPooling2D":
                return nhwc(F.max_pool2d(pad_same(y, p, s, value=float("-inf")) if same else y, p, s))
            if not same:
                return nhwc(F.avg_pool2d(y, p, s))
            sums = F.avg_pool2d(pad_same(y, p, s), p, s, divisor_override=1)
            counts = F.avg_pool2d(pad_same(torch.ones_like(y[:1, :1]), p, s), p, s, divisor_override=1)
            return nhwc(sums / counts)
        if t in ("GlobalAveragePooling2D", "GlobalMaxPooling2D"):
            keep = spec["keepdims"]
            return x.mean(dim=(1, 2), keepdim=keep) if t == "GlobalAveragePooling2D" \
                else x.amax(dim=(1, 2), keepdim=keep)
        if t == "UpSampling2D":
            mode = spec["interpolation"].lower()
            extra = {"align_corners": False} if mode == "bilinear" else {}
            return nhwc(F.interpolate(nchw(x), scale_factor=tuple(float(v) for v in spec["size"]), mode=mode,
                                      **extra))
        if t == "ZeroPadding2D":
            top, bottom, left, right = spec["padding"]
            return F.pad(x, (0, 0, left, right, top, bottom))
        if t == "Cropping2D":
            top, bottom, left, right = spec["cropping"]
            return x[:, top:x.shape[1] - bottom, left:x.shape[2] - right, :]
        if t == "BatchNormalization":
            return F.batch_norm(x.movedim(-1, 1), m.running_mean, m.running_var, m.weight, m.bias, False, 0.0,
                                m.eps).movedim(1, -1)
        if t == "Dropout":
            return x
        if t == "Activation":
            return activation(spec["value"])(x)
        if t == "ReLU":
            return F.relu(x)
        if t == "LeakyReLU":
            return F.leaky_relu(x, spec.get("negativeSlope", 0.3))
        if t == "ELU":
            return F.elu(x)
        if t == "Softmax":
            return torch.softmax(x, dim=-1)
        if t in ("Flatten", "Reshape"):
            return nchw(x).flatten(1) if x.dim() == 4 else x  # PyTorch's order: channels, height, width
        if t == "Dense":
            return act(m(x))
        raise Unsupported("layer type " + t)


class GraphNet(nn.Module):
    """The graph as a torch module; its state_dict names each layer's module by `module_names`
    (the layer's name by default)."""

    def __init__(self, case, module_names=None):
        super().__init__()
        self.case = case
        shapes = {n: list(s) for n, s in case["inputs"].items()}
        self.steps = []
        self.paths = {}
        for spec in case["layers"]:
            layer = Layer(spec, [shapes[n] for n in spec["from"]])
            shapes[spec["name"]] = list(case["shapes"][spec["name"]])
            if layer.module is not None:
                path = (module_names or {}).get(spec["name"], spec["name"])
                self._register(path, layer.module)
                self.paths[spec["name"]] = path
            self.steps.append(layer)
        self.shapes = shapes

    def _register(self, path, module):
        parent = self
        parts = path.split(".")
        for part in parts[:-1]:
            if not hasattr(parent, part):
                parent.add_module(part, nn.Module())
            parent = getattr(parent, part)
        assert not hasattr(parent, parts[-1]), "module name clashes: " + path
        parent.add_module(parts[-1], module)

    def forward(self, *inputs):
        """inputs channels_last in declaration order; returns the outputs, vectors in PyTorch's order."""
        tensors = dict(zip(self.case["inputs"], inputs))
        for layer in self.steps:
            tensors[layer.spec["name"]] = layer([tensors[n] for n in layer.spec["from"]])
        return [tensors[n] for n in self.case["outputs"]]


def keras_order(case):
    """For every vector of the graph that holds flattened image features, the PyTorch index of each Keras
    feature (None where both orders agree). Raises Unsupported where the two models cannot agree: an
    element-wise merge of vectors in different orders."""
    order = {n: None for n in case["inputs"]}
    per_feature = ("BatchNormalization", "Dropout", "Activation", "ReLU", "LeakyReLU", "ELU", "Softmax")
    for spec in case["layers"]:
        t, name = spec["type"], spec["name"]
        ins = [order[n] for n in spec["from"]]
        shape_in = [case["shapes"].get(n) or case["inputs"][n] for n in spec["from"]]
        if t in ("Flatten", "Reshape") and len(shape_in[0]) == 3:
            order[name] = chw_order(*shape_in[0])
        elif t in ("Flatten", "Reshape") or t in per_feature:
            order[name] = ins[0]
        elif t == "Concatenate" and len(shape_in[0]) == 1:
            if all(o is None for o in ins):
                order[name] = None
            else:
                parts, offset = [], 0
                for o, s in zip(ins, shape_in):
                    parts.append((np.arange(s[0]) if o is None else o) + offset)
                    offset += s[0]
                order[name] = np.concatenate(parts)
        elif t in kg.MERGES:
            if any(o is not None for o in ins) and not all(o is not None and np.array_equal(o, ins[0]) for o in ins):
                raise Unsupported("%s merges vectors flattened in different orders" % name)
            order[name] = ins[0]
        else:
            order[name] = None
    return order


def keras_weights(net, order):
    """{"layer/weight": float32 array} in Keras layout, converted from the torch modules (docs/SEMANTICS.md §6.5)."""
    out = {}
    for layer in net.steps:
        spec, m = layer.spec, layer.module
        if m is None:
            continue
        name, t = spec["name"], spec["type"]
        perm = order[spec["from"][0]]

        def put(weight, value):
            out[name + "/" + weight] = np.ascontiguousarray(value.detach().numpy().astype(np.float32))

        if t == "Conv2D":
            put("kernel", m.weight.permute(2, 3, 1, 0))
        elif t == "Conv2DTranspose":
            put("kernel", m.weight.permute(2, 3, 1, 0))  # (in, out, kh, kw) -> (kh, kw, out, in)
        elif t == "DepthwiseConv2D":
            c = m.weight.shape[0] // spec["depthMultiplier"]
            put("kernel", m.weight.reshape(c, spec["depthMultiplier"], *m.weight.shape[2:]).permute(2, 3, 0, 1))
        elif t == "SeparableConv2D":
            dw = m.depthwise.weight
            c = dw.shape[0] // spec["depthMultiplier"]
            put("depthwise_kernel", dw.reshape(c, spec["depthMultiplier"], *dw.shape[2:]).permute(2, 3, 0, 1))
            put("pointwise_kernel", m.pointwise.weight.permute(2, 3, 1, 0))
            if m.pointwise.bias is not None:
                put("bias", m.pointwise.bias)
            continue
        elif t == "Dense":
            w = m.weight.detach().numpy().T  # (features, units), rows in torch order
            put("kernel", torch.from_numpy(w if perm is None else w[perm]))
        elif t == "BatchNormalization":
            for keras, value in (("gamma", m.weight), ("beta", m.bias), ("moving_mean", m.running_mean),
                                 ("moving_variance", m.running_var)):
                if value is not None:
                    put(keras, value if perm is None else value[torch.from_numpy(perm)])
            continue
        if getattr(m, "bias", None) is not None:
            put("bias", m.bias)
    return out
