"""Writes the weight-file fixtures of dev.kiln.weights: each model of models.txt with seeded weights,
saved in every format Kiln reads, and PyTorch's output for a fixed input.

Run with Debian's packages (python3-h5py, python3-torch, numpy):
    /usr/bin/python3 reference/weights/make_fixtures.py
then `node reference/weights/tfjs_outputs.js` (from reference/, after `npm install`) for TensorFlow.js's
outputs. There is no Keras here: the HDF5 layouts are written with h5py exactly as tf-keras's
hdf5_format.py and Keras 3's saving_lib.py write them (docs/SEMANTICS.md §6.2, §6.3), and safetensors files
as the reference writer (safetensors/src/tensor.rs `prepare`) lays them out.
"""
import json
import os
import shutil
import sys
import zipfile
import zlib

import h5py
import numpy as np
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "runtime"))
import torch_reference  # noqa: E402  (Keras 3 semantics in torch: activations, SAME pads, transposed crops)
OUT = os.path.join(HERE, "..", "..", "runtime", "src", "test", "resources", "weights")
BATCH = 2
# safetensors' Dtype enum order; the writer sorts by it, descending, then by name.
DTYPE_ORDER = ["BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16", "I32", "U32", "F32",
               "F64", "I64", "U64"]
KERAS_CLASS = {"conv2d": "Conv2D", "bn": "BatchNormalization", "maxpool": "MaxPooling2D",
               "separable": "SeparableConv2D", "depthwise": "DepthwiseConv2D", "transpose": "Conv2DTranspose",
               "flatten": "Flatten", "dropout": "Dropout", "dense": "Dense", "avgpool": "AveragePooling2D",
               "gap": "GlobalAveragePooling2D", "gmp": "GlobalMaxPooling2D", "upsample": "UpSampling2D",
               "zeropad": "ZeroPadding2D", "crop": "Cropping2D", "act": "Activation", "relu": "ReLU",
               "leakyrelu": "LeakyReLU", "elu": "ELU", "softmax": "Softmax", "reshape": "Reshape"}
# Keras 3 naming.to_snake_case of the class names (docs/SEMANTICS.md §6.3; dev.kiln.shape.LayerKind).
SNAKE = {"conv2d": "conv2d", "bn": "batch_normalization", "maxpool": "max_pooling2d",
         "separable": "separable_conv2d", "depthwise": "depthwise_conv2d", "transpose": "conv2d_transpose",
         "flatten": "flatten", "dropout": "dropout", "dense": "dense", "avgpool": "average_pooling2d",
         "gap": "global_average_pooling2d", "gmp": "global_max_pooling2d", "upsample": "up_sampling2d",
         "zeropad": "zero_padding2d", "crop": "cropping2d", "act": "activation", "relu": "re_lu",
         "leakyrelu": "leaky_re_lu", "elu": "elu", "softmax": "softmax", "reshape": "reshape"}
# Torch module names for the model that is not an nn.Sequential (its names do not sort in order).
NAMED_MODULES = {"mlp": {"fc1": "stem", "bn1": "norm", "drop": "drop", "fc2": "head"}}


def parse_value(text):
    if not (text[0].isdigit() or text[0] == "-"):
        return text
    parts = [float(p) if "." in p else int(p) for p in text.split(",")]
    return parts if len(parts) > 1 else parts[0]


def load_models(path=os.path.join(HERE, "models.txt")):
    """The models of a models.txt-style file (also ../e2e/seeds.txt and ../e2e/random.txt)."""
    models = []
    for line in open(path):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, shape, layers = [p.strip() for p in line.split("|")]
        parsed = []
        for layer in layers.split(";"):
            words = layer.split()
            field, kind = words[0].split(":")
            attrs = {k: parse_value(v) for k, v in (w.split("=", 1) for w in words[1:])}
            parsed.append((field, kind, attrs))
        models.append({"name": name, "shape": [int(d) for d in shape.split(",")], "layers": parsed})
    return models


def keras_weights(model):
    """[(field, kind, attrs, input shape, [(keras weight name, array)])], weights drawn from a seeded RNG."""
    rng = np.random.RandomState(zlib.crc32(model["name"].encode()))

    def draw(shape, low=-0.5, high=0.5):
        return rng.uniform(low, high, size=shape).astype(np.float32)

    shape = list(model["shape"])
    out = []
    for field, kind, a in model["layers"]:
        c = shape[-1]
        k = a.get("kernel", 1)
        w = []
        if kind == "conv2d":
            w = [("kernel", draw([k, k, c, a["filters"]])), ("bias", draw([a["filters"]]))]
            new = shape[:2] + [a["filters"]]
        elif kind == "depthwise":
            m = a.get("multiplier", 1)
            w = [("kernel", draw([k, k, c, m])), ("bias", draw([c * m]))]
            new = shape[:2] + [c * m]
        elif kind == "separable":
            m = a.get("multiplier", 1)
            w = [("depthwise_kernel", draw([k, k, c, m])), ("pointwise_kernel", draw([1, 1, c * m, a["filters"]])),
                 ("bias", draw([a["filters"]]))]
            new = shape[:2] + [a["filters"]]
        elif kind == "transpose":
            s = a.get("strides", 1)
            assert a.get("padding", "valid") == "valid", "only VALID maps exactly to ConvTranspose2d(padding=0)"
            w = [("kernel", draw([k, k, a["filters"], c])), ("bias", draw([a["filters"]]))]
            new = [(shape[0] - 1) * s + max(k, s), (shape[1] - 1) * s + max(k, s), a["filters"]]
        elif kind == "bn":
            w = [("gamma", draw([c], 0.5, 1.5)), ("beta", draw([c])), ("moving_mean", draw([c])),
                 ("moving_variance", draw([c], 0.5, 1.5))]
            new = shape
        elif kind == "dense":
            w = [("kernel", draw([c, a["units"]])), ("bias", draw([a["units"]]))]
            new = shape[:-1] + [a["units"]]
        elif kind == "maxpool":
            new = [shape[0] // a["pool"], shape[1] // a["pool"], c]
        elif kind == "flatten":
            new = [int(np.prod(shape))]
        elif kind == "dropout":
            new = shape
        else:
            raise ValueError(kind)
        out.append((field, kind, a, shape, w))
        shape = new
    return out


def chw_order(h, w, c):
    """For each Keras (h, w, c) feature, its index in PyTorch's (c, h, w) flattening."""
    return np.arange(h * w * c).reshape(c, h, w).transpose(1, 2, 0).reshape(-1)


class Fn(nn.Module):
    """A weightless step written as code in forward(), as a PyTorch user would."""

    def __init__(self, fn, what):
        super().__init__()
        self.fn = fn
        self.what = what

    def forward(self, x):
        return self.fn(x)

    def extra_repr(self):
        return self.what


class OnChannels(nn.Module):
    """`inner` applied to the channel axis of an NCHW image (Keras's Dense on an image is an nn.Linear there)."""

    def __init__(self, inner):
        super().__init__()
        self.inner = inner

    def forward(self, x):
        return self.inner(x.movedim(1, -1)).movedim(-1, 1)


class OnLastAxis(nn.Module):
    """`inner` (a BatchNorm1d, which normalises dim 1) applied to the last axis of (N, L, C), as Keras's does."""

    def __init__(self, inner):
        super().__init__()
        self.inner = inner

    def forward(self, x):
        return self.inner(x.movedim(-1, 1)).movedim(1, -1)


class CroppedConvTranspose2d(nn.ConvTranspose2d):
    """Keras's transposed convolution where padding/output_padding cannot express it (e.g. SAME, kernel 3,
    stride 2: Keras crops the full output 0 rows before and 1 after, torch's padding is symmetric): the full
    output cropped per side (zero-extended where the crop is negative), then the bias, as Keras's torch
    backend does (backend_utils.compute_conv_transpose_output_crops_for_torch)."""

    def __init__(self, *args, crops, **kwargs):
        super().__init__(*args, **kwargs)
        self.crops = crops  # ((top, bottom), (left, right)); negative: zero rows added

    def forward(self, x):
        y = nn.functional.conv_transpose2d(x, self.weight, None, self.stride, 0, 0, 1, self.dilation)
        (t, b), (l, r) = self.crops
        y = nn.functional.pad(y, (-l, -r, -t, -b))  # negative pads crop
        return y if self.bias is None else y + self.bias.view(1, -1, 1, 1)


def pair(value):
    return tuple(value) if isinstance(value, list) else (value, value)


def same_pads(shape, k, s, d):
    """((top, bottom), (left, right)) of Keras SAME (odd pixel at the end) for a (h, w, c) input."""
    return tuple(torch_reference.same_padding(shape[i], k[i], s[i], d[i]) for i in (0, 1))


def transpose_crops(a, k, s, d):
    """Per axis, how much Keras crops from each end of the full transposed-convolution output."""
    op = pair(a["outpad"]) if "outpad" in a else (None, None)
    crops = []
    for i in (0, 1):
        before, after = torch_reference.keras_to_jax_pads(k[i], s[i], d[i], a.get("padding", "valid"), op[i])
        dk = (k[i] - 1) * d[i] + 1
        crops.append((dk - 1 - before, dk - 1 - after))
    return tuple(crops)


def activation_module(name, image):
    """Keras activation `name` as a module; softmax runs over the channels (dim 1 of NCHW, else the last)."""
    if name == "linear":
        return None
    if name == "relu":
        return nn.ReLU()
    if name == "softmax":
        return nn.Softmax(dim=1 if image else -1)
    return Fn(lambda x: torch_reference.activation(x, name), name)


def torch_model(model, layers):
    """The PyTorch model with the same weights, converted as docs/SEMANTICS.md §6.5 says: NCHW images, nn modules
    where PyTorch has them (SAME padding that is not symmetric is an explicit pad module, as Keras's torch
    backend pads), Flatten and a Reshape to one axis flatten (channels, height, width) as PyTorch does, so a
    Dense or BatchNormalization after them holds its features in that order. Call `keras_output` on its output
    for Keras's layout."""
    modules = []
    order = None  # set after flattening an image: Keras feature -> torch feature
    for field, kind, a, shape, w in layers:
        t = {n: torch.from_numpy(np.ascontiguousarray(v)) for n, v in w}
        same = a.get("padding", "valid") == "same"
        act = a.get("activation", "linear")
        bias = a.get("bias", "true") == "true"
        image = len(shape) == 3
        out_rank = len(shape)
        if kind in ("conv2d", "depthwise", "separable"):
            k, s, d = pair(a["kernel"]), pair(a.get("strides", 1)), pair(a.get("dilation", 1))
            c = shape[-1]
            (top, bottom), (left, right) = same_pads(shape, k, s, d) if same else ((0, 0), (0, 0))
            padding = (top, left)
            if (top, left) != (bottom, right):
                modules.append((field + "_pad", nn.ZeroPad2d((left, right, top, bottom))))
                padding = 0
            if kind == "conv2d":
                mod = nn.Conv2d(c, a["filters"], k, s, padding, d, bias=bias)
                mod.weight.data = t["kernel"].permute(3, 2, 0, 1).contiguous()
                modules.append((field, mod))
            elif kind == "depthwise":
                m = a.get("multiplier", 1)
                mod = nn.Conv2d(c, c * m, k, s, padding, d, groups=c, bias=bias)
                mod.weight.data = t["kernel"].reshape(k[0], k[1], c * m).permute(2, 0, 1).unsqueeze(1).contiguous()
                modules.append((field, mod))
            else:
                m = a.get("multiplier", 1)
                dw = nn.Conv2d(c, c * m, k, s, padding, d, groups=c, bias=False)
                dw.weight.data = t["depthwise_kernel"].reshape(k[0], k[1], c * m).permute(2, 0, 1).unsqueeze(1) \
                    .contiguous()
                pw = nn.Conv2d(c * m, a["filters"], 1, bias=bias)
                pw.weight.data = t["pointwise_kernel"].permute(3, 2, 0, 1).contiguous()
                mod = pw
                modules += [(field + "_dw", dw), (field + "_pw", pw)]
            if bias:
                mod.bias.data = t["bias"]
        elif kind == "transpose":
            k, s, d = pair(a["kernel"]), pair(a.get("strides", 1)), pair(a.get("dilation", 1))
            crops = transpose_crops(a, k, s, d)
            # torch keeps the full output from `padding` on, `output_padding` more than symmetric: exact when the
            # crop before is >= 0 and exceeds the crop after by less than the stride (or dilation).
            if all(before >= 0 and 0 <= before - after < max(s[i], d[i]) for i, (before, after) in enumerate(crops)):
                pad = tuple(before for before, _ in crops)
                out_pad = tuple(before - after for before, after in crops)
                mod = nn.ConvTranspose2d(shape[-1], a["filters"], k, s, pad, out_pad, bias=bias, dilation=d)
            else:
                mod = CroppedConvTranspose2d(shape[-1], a["filters"], k, s, bias=bias, dilation=d, crops=crops)
            mod.weight.data = t["kernel"].permute(3, 2, 0, 1).contiguous()
            if bias:
                mod.bias.data = t["bias"]
            modules.append((field, mod))
        elif kind == "bn":
            c = shape[-1]
            mod = (nn.BatchNorm2d if len(shape) == 3 else nn.BatchNorm1d)(c, eps=a.get("epsilon", 1e-3))
            perm = order if order is not None else np.arange(c)
            names = [n for n, _ in w]
            for keras_name, torch_name in (("gamma", "weight"), ("beta", "bias"), ("moving_mean", "running_mean"),
                                           ("moving_variance", "running_var")):
                if keras_name not in names:  # scale=False / center=False: torch's affine is all or nothing
                    mod.register_parameter(torch_name, None)
                    continue
                v = np.empty(c, np.float32)
                v[perm] = w[names.index(keras_name)][1]
                getattr(mod, torch_name).data = torch.from_numpy(v)
            modules.append((field, OnLastAxis(mod) if len(shape) == 2 else mod))
        elif kind == "dense":
            n, u = w[0][1].shape
            mod = nn.Linear(n, u, bias=bias)
            weight = np.empty((u, n), np.float32)
            weight[:, order if order is not None else np.arange(n)] = w[0][1].T
            mod.weight.data = torch.from_numpy(weight)
            if bias:
                mod.bias.data = t["bias"]
            modules.append((field, OnChannels(mod) if image else mod))
            order = None
        elif kind in ("maxpool", "avgpool"):
            p = pair(a["pool"])
            s = pair(a.get("strides", a["pool"]))
            (top, bottom), (left, right) = same_pads(shape, p, s, (1, 1)) if same else ((0, 0), (0, 0))
            if kind == "maxpool":
                if top + bottom + left + right:
                    modules.append((field + "_pad", nn.ConstantPad2d((left, right, top, bottom), float("-inf"))))
                modules.append((field, nn.MaxPool2d(p, s)))
            elif not same:
                modules.append((field, nn.AvgPool2d(p, s)))
            else:  # Keras divides by the count of real cells, which asymmetric pads cannot express
                modules.append((field, Fn(lambda x, a=a: torch_reference.layer(x.permute(0, 2, 3, 1), "avgpool", a,
                                                                               None).permute(0, 3, 1, 2),
                                          "Keras SAME average pooling")))
        elif kind in ("gap", "gmp"):
            modules.append((field, nn.AdaptiveAvgPool2d(1) if kind == "gap" else nn.AdaptiveMaxPool2d(1)))
            if a.get("keepdims", "false") != "true":
                modules.append((field + "_flat", nn.Flatten()))
                out_rank = 1
        elif kind == "upsample":
            mode = a.get("interp", "nearest")
            modules.append((field, nn.Upsample(scale_factor=tuple(float(v) for v in pair(a.get("size", 2))), mode=mode,
                                               align_corners=False if mode == "bilinear" else None)))
        elif kind == "zeropad":
            top, bottom, left, right = a["padding"]
            modules.append((field, nn.ZeroPad2d((left, right, top, bottom))))
        elif kind == "crop":
            top, bottom, left, right = a["cropping"]
            modules.append((field, nn.ZeroPad2d((-left, -right, -top, -bottom))))
        elif kind in ("flatten", "reshape"):
            target = [int(np.prod(shape))] if kind == "flatten" else \
                a["target"] if isinstance(a["target"], list) else [a["target"]]
            out_rank = len(target)
            if out_rank == 1 and image:  # PyTorch flattens (channels, height, width)
                modules.append((field, nn.Flatten()))
                order = chw_order(*shape)
            elif out_rank == 1 and len(shape) == 1:  # already flat: order unchanged
                modules.append((field, nn.Flatten()))
            else:  # Keras reshapes (..., channels)-last data: back to that order, reshape, NCHW again if an image
                keras_order = order
                modules.append((field, Fn(lambda x, shape=shape, target=target, keras_order=keras_order:
                                          reshape_keras(x, shape, target, keras_order), f"Keras Reshape {target}")))
                order = None
        elif kind == "dropout":
            modules.append((field, nn.Dropout(a["rate"])))
        elif kind == "act":
            modules.append((field, activation_module(a["fn"], image) or nn.Identity()))
        elif kind == "relu":
            modules.append((field, nn.ReLU() if not (set(a) & {"max", "slope", "threshold"}) else
                            Fn(lambda x, a=a: torch_reference.layer(x, "relu", a, None), "Keras ReLU " + str(a))))
        elif kind == "leakyrelu":
            modules.append((field, nn.LeakyReLU(a.get("slope", 0.3))))
        elif kind == "elu":
            modules.append((field, nn.ELU(a.get("alpha", 1.0))))
        elif kind == "softmax":
            modules.append((field, nn.Softmax(dim=1 if image else -1)))
        else:
            raise ValueError(kind)
        fused = activation_module(act, out_rank == 3)
        if fused is not None:
            modules.append((field + "_" + act, fused))
    names = NAMED_MODULES.get(model["name"])
    if names is None:
        net = nn.Sequential(*[m for _, m in modules])
    else:
        net = nn.Sequential()
        for field, mod in modules:
            net.add_module(names.get(field, field), mod)
    net.keras_order = order  # the output is a flattened image in torch's order
    return net.eval()


def reshape_keras(x, shape, target, keras_order):
    """Keras's Reshape of a torch tensor: NCHW images and torch-ordered flat features back to Keras order first."""
    if len(shape) == 3:
        x = x.permute(0, 2, 3, 1)
    elif keras_order is not None:
        x = x[:, keras_order]
    x = x.reshape([x.shape[0]] + list(target))
    return x.permute(0, 3, 1, 2) if len(target) == 3 else x


def keras_input(net, x):
    """A Keras-layout (NHWC) batch as the torch model's input."""
    return x.permute(0, 3, 1, 2) if x.dim() == 4 else x


def keras_output(net, y):
    """The torch model's output in Keras's layout: NHWC images, flattened images in (height, width, channels)."""
    if y.dim() == 4:
        return y.permute(0, 2, 3, 1)
    return y[:, net.keras_order] if net.keras_order is not None else y


def bf16_bits(x):
    """float32 -> bfloat16 bits, rounding to nearest even as torch does."""
    b = x.astype(np.float32).view(np.uint32).astype(np.uint64)
    return ((b + 0x7FFF + ((b >> 16) & 1)) >> 16).astype(np.uint16)


def write_safetensors(path, tensors, metadata=None):
    """tensors: {name: (dtype, shape, bytes)}, laid out as safetensors' writer does."""
    items = sorted(tensors.items(), key=lambda kv: (-DTYPE_ORDER.index(kv[1][0]), kv[0]))
    header, offset = {}, 0
    if metadata:
        header["__metadata__"] = metadata
    for name, (dtype, shape, data) in items:
        header[name] = {"dtype": dtype, "shape": list(shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(len(text).to_bytes(8, "little"))
        f.write(text)
        for _, (_, _, data) in items:
            f.write(data)


def array_entry(v):
    v = np.ascontiguousarray(v)
    dtype = {np.dtype("float32"): "F32", np.dtype("float16"): "F16", np.dtype("int64"): "I64"}[v.dtype]
    return dtype, v.shape, v.astype(v.dtype.newbyteorder("<")).tobytes()


def keras_config(model):
    layers = [{"class_name": "InputLayer", "config": {"batch_shape": [None] + model["shape"], "dtype": "float32",
                                                      "name": "input"}}]
    for field, kind, a, _ in model["layers_info"]:
        layers.append({"class_name": KERAS_CLASS[kind], "config": {"name": field, **a}})
    return {"class_name": "Sequential", "config": {"name": model["name"], "layers": layers}}


def write_keras2_weights(group, layers):
    """tf_keras/saving/legacy/hdf5_format.py save_weights_to_hdf5_group."""
    group.attrs["layer_names"] = [field.encode("utf8") for field, *_ in layers]
    group.attrs["backend"] = b"tensorflow"
    group.attrs["keras_version"] = b"2.15.0"
    for field, kind, _, _, w in sorted(layers, key=lambda l: l[0]):
        g = group.create_group(field)
        # tf-keras names the depthwise kernel `depthwise_kernel`; Keras 3 calls it `kernel`.
        names = [f"{field}/{'depthwise_kernel' if kind == 'depthwise' and n == 'kernel' else n}:0".encode("utf8")
                 for n, _ in w]
        g.attrs["weight_names"] = names
        for name, (_, value) in zip(names, w):
            d = g.create_dataset(name, value.shape, dtype=value.dtype)
            d[:] = value
    top = group.create_group("top_level_model_weights")
    top.attrs["weight_names"] = []


def write_keras3_weights(f, model, layers, legacy_seed_generator=False):
    """keras/src/saving/saving_lib.py _save_state + H5IOStore: /layers/<snake>[_N]/vars/<i>."""
    f.create_group("vars").attrs["name"] = model["name"]
    used = {}
    for field, kind, _, _, w in layers:
        base = SNAKE[kind]
        name = base if base not in used else f"{base}_{used[base] + 1}"
        used[base] = used.get(base, -1) + 1
        vars_group = f.create_group(f"layers/{name}").create_group("vars")
        vars_group.attrs["name"] = field
        for i, (_, value) in enumerate(w):
            vars_group[str(i)] = value
        if kind == "dropout" and legacy_seed_generator:  # Keras 3.0-3.3 saved the dropout's RNG state
            f.create_group(f"layers/{name}/seed_generator/vars")["0"] = np.array([1337, 0], np.uint32)
    f.create_group("optimizer/vars")["0"] = np.array(7, np.int64)  # a compiled model's optimizer: ignored


def zip_member(zf, name, data):
    info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_STORED  # saving_lib writes members stored
    zf.writestr(info, data)


def write_all(model):
    name = model["name"]
    layers = keras_weights(model)
    model["layers_info"] = [(f, k, a, s) for f, k, a, s, _ in layers]
    base = os.path.join(OUT, name)
    # Inputs and PyTorch's output.
    rng = np.random.RandomState(zlib.crc32((name + "/input").encode()))
    x = rng.uniform(-1, 1, size=[BATCH] + model["shape"]).astype(np.float32)
    net = torch_model(model, layers)
    with torch.no_grad():
        y = keras_output(net, net(keras_input(net, torch.from_numpy(x))))
    x.astype("<f4").tofile(base + ".input.bin")
    y.numpy().astype("<f4").tofile(base + ".torch.bin")
    # Every weight in Keras order and layout, raw: the values every reader must produce.
    np.concatenate([v.reshape(-1) for *_, w in layers for _, v in w]).astype("<f4").tofile(base + ".weights.bin")
    # safetensors with Keras names, in float32, float16 and bfloat16.
    keras_named = {f"{field}/{n}": v for field, _, _, _, w in layers for n, v in w}
    write_safetensors(base + ".keras.safetensors", {n: array_entry(v) for n, v in keras_named.items()})
    write_safetensors(base + ".keras.f16.safetensors",
                      {n: array_entry(v.astype(np.float16)) for n, v in keras_named.items()})
    write_safetensors(base + ".keras.bf16.safetensors",
                      {n: ("BF16", v.shape, bf16_bits(v).astype("<u2").tobytes()) for n, v in keras_named.items()})
    # tf-keras: save_weights, and a full-model save (weights under /model_weights).
    with h5py.File(base + ".keras2.h5", "w") as f:
        write_keras2_weights(f, layers)
    with h5py.File(base + ".keras2_full.h5", "w") as f:
        f.attrs["keras_version"] = "2.15.0"
        f.attrs["backend"] = "tensorflow"
        f.attrs["model_config"] = json.dumps(keras_config(model)).encode("utf8")
        write_keras2_weights(f.create_group("model_weights"), layers)
        opt = f.create_group("optimizer_weights")
        opt.attrs["weight_names"] = [b"Adam/iter:0"]
        opt.create_dataset("Adam/iter:0", data=np.array(12, np.int64))
    # Keras 3: .weights.h5, and a .keras archive holding it.
    with h5py.File(base + ".weights.h5", "w") as f:
        write_keras3_weights(f, model, layers, legacy_seed_generator=True)
    member = base + ".member.h5"
    with h5py.File(member, "w") as f:
        write_keras3_weights(f, model, layers)
    with zipfile.ZipFile(base + ".keras", "w") as zf:
        zip_member(zf, "metadata.json", json.dumps({"keras_version": "3.15.1", "date_saved": "2024-01-01@00:00:00"}))
        zip_member(zf, "config.json", json.dumps(keras_config(model)))
        zip_member(zf, "model.weights.h5", open(member, "rb").read())
    os.remove(member)
    # PyTorch: the state_dict as safetensors.torch.save_file writes it (metadata {"format": "pt"}).
    state = {k: array_entry(v.numpy()) for k, v in net.state_dict().items()}
    write_safetensors(base + ".torch.safetensors", state, metadata={"format": "pt"})
    print(f"{name}: {sum(v.size for *_, w in layers for _, v in w)} weights, output {list(y.shape)}, "
          f"torch modules {[k for k in net.state_dict() if k.endswith('weight')]}")
    return layers


def write_hostile(layers):
    """Small HDF5 files a reader must refuse, for the mlp model."""
    hostile = os.path.join(OUT, "hostile")
    os.makedirs(hostile, exist_ok=True)
    model = {"name": "mlp"}
    # Keras 3 layout whose first kernel is an external link to another file.
    with h5py.File(os.path.join(hostile, "external_link.weights.h5"), "w") as f:
        write_keras3_weights(f, model, layers)
        del f["layers/dense/vars/0"]
        f["layers/dense/vars/0"] = h5py.ExternalLink("/etc/passwd", "/data")
    # A gzip-compressed kernel: the reader refuses filters (a filter can expand without bound).
    with h5py.File(os.path.join(hostile, "compressed.weights.h5"), "w") as f:
        write_keras3_weights(f, model, layers)
        value = f["layers/dense/vars/0"][()]
        del f["layers/dense/vars/0"]
        f["layers/dense/vars"].create_dataset("0", data=value, compression="gzip")
    # tf-keras layout with an int32 kernel and a float32 bias of the wrong shape.
    with h5py.File(os.path.join(hostile, "wrong_types.h5"), "w") as f:
        write_keras2_weights(f, layers)
        del f["fc1/fc1/kernel:0"]
        f["fc1"].create_dataset("fc1/kernel:0", data=np.zeros((6, 16), np.int32))
        del f["fc2/fc2/bias:0"]
        f["fc2"].create_dataset("fc2/bias:0", data=np.zeros((4,), np.float32))


def main():
    os.makedirs(OUT, exist_ok=True)
    shutil.copyfile(os.path.join(HERE, "models.txt"), os.path.join(OUT, "models.txt"))
    torch.manual_seed(0)
    all_layers = {m["name"]: write_all(m) for m in load_models()}
    write_hostile(all_layers["mlp"])


if __name__ == "__main__":
    main()
