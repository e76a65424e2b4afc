"""Writes the weight-file fixtures of dev.kiln.weights: each model of models.txt with seeded weights,
saved in every format Kiln reads, and PyTorch's output for a fixed input.

Run with Debian's packages (python3-h5py, python3-torch, numpy):
    /usr/bin/python3 reference/weights/make_fixtures.py
then `node reference/weights/tfjs_outputs.js` (from reference/, after `npm install`) for TensorFlow.js's
outputs. There is no Keras here: the HDF5 layouts are written with h5py exactly as tf-keras's
hdf5_format.py and Keras 3's saving_lib.py write them (SEMANTICS.md §6.2, §6.3), and safetensors files
as the reference writer (safetensors/src/tensor.rs `prepare`) lays them out.
"""
import json
import os
import shutil
import zipfile
import zlib

import h5py
import numpy as np
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "dsl", "src", "test", "resources", "weights")
BATCH = 2
# safetensors' Dtype enum order; the writer sorts by it, descending, then by name.
DTYPE_ORDER = ["BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16", "I32", "U32", "F32",
               "F64", "I64", "U64"]
KERAS_CLASS = {"conv2d": "Conv2D", "bn": "BatchNormalization", "maxpool": "MaxPooling2D",
               "separable": "SeparableConv2D", "depthwise": "DepthwiseConv2D", "transpose": "Conv2DTranspose",
               "flatten": "Flatten", "dropout": "Dropout", "dense": "Dense"}
SNAKE = {"conv2d": "conv2d", "bn": "batch_normalization", "maxpool": "max_pooling2d",
         "separable": "separable_conv2d", "depthwise": "depthwise_conv2d", "transpose": "conv2d_transpose",
         "flatten": "flatten", "dropout": "dropout", "dense": "dense"}
# Torch module names for the model that is not an nn.Sequential (its names do not sort in order).
NAMED_MODULES = {"mlp": {"fc1": "stem", "bn1": "norm", "drop": "drop", "fc2": "head"}}


def parse_value(text):
    if not (text[0].isdigit() or text[0] == "-"):
        return text
    parts = [float(p) if "." in p else int(p) for p in text.split(",")]
    return parts if len(parts) > 1 else parts[0]


def load_models():
    models = []
    for line in open(os.path.join(HERE, "models.txt")):
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


def torch_model(model, layers):
    """The PyTorch model with the same weights, converted as SEMANTICS.md §6.5 says."""
    modules = []
    order = None  # set after Flatten: Keras feature -> torch feature
    for field, kind, a, shape, w in layers:
        t = {n: torch.from_numpy(np.ascontiguousarray(v)) for n, v in w}
        same = a.get("padding", "valid") == "same"
        act = a.get("activation", "linear")
        if kind in ("conv2d", "depthwise"):
            k = a["kernel"]
            c = shape[-1]
            if kind == "conv2d":
                mod = nn.Conv2d(c, a["filters"], k, padding=k // 2 if same else 0)
                mod.weight.data = t["kernel"].permute(3, 2, 0, 1).contiguous()
            else:
                m = a.get("multiplier", 1)
                mod = nn.Conv2d(c, c * m, k, padding=k // 2 if same else 0, groups=c)
                mod.weight.data = t["kernel"].reshape(k, k, c * m).permute(2, 0, 1).unsqueeze(1).contiguous()
            mod.bias.data = t["bias"]
            modules.append((field, mod))
        elif kind == "separable":
            k, c, m = a["kernel"], shape[-1], a.get("multiplier", 1)
            dw = nn.Conv2d(c, c * m, k, padding=k // 2 if same else 0, groups=c, bias=False)
            dw.weight.data = t["depthwise_kernel"].reshape(k, k, c * m).permute(2, 0, 1).unsqueeze(1).contiguous()
            pw = nn.Conv2d(c * m, a["filters"], 1)
            pw.weight.data = t["pointwise_kernel"].permute(3, 2, 0, 1).contiguous()
            pw.bias.data = t["bias"]
            modules += [(field + "_dw", dw), (field + "_pw", pw)]
        elif kind == "transpose":
            k, s = a["kernel"], a.get("strides", 1)
            # Keras VALID with kernel >= stride is exactly torch's padding=0, output_padding=0; Keras SAME
            # is not expressible with padding/output_padding for every kernel (see ../runtime/README.md).
            mod = nn.ConvTranspose2d(shape[-1], a["filters"], k, stride=s)
            mod.weight.data = t["kernel"].permute(3, 2, 0, 1).contiguous()
            mod.bias.data = t["bias"]
            modules.append((field, mod))
        elif kind == "bn":
            c = shape[-1]
            mod = (nn.BatchNorm2d if len(shape) == 3 else nn.BatchNorm1d)(c, eps=1e-3)
            perm = order if order is not None else np.arange(c)
            for keras_name, buffer in (("gamma", mod.weight), ("beta", mod.bias), ("moving_mean", mod.running_mean),
                                       ("moving_variance", mod.running_var)):
                v = np.empty(c, np.float32)
                v[perm] = w[[n for n, _ in w].index(keras_name)][1]
                buffer.data = torch.from_numpy(v)
            modules.append((field, mod))
        elif kind == "dense":
            n, u = w[0][1].shape
            mod = nn.Linear(n, u)
            weight = np.empty((u, n), np.float32)
            weight[:, order if order is not None else np.arange(n)] = w[0][1].T
            mod.weight.data = torch.from_numpy(weight)
            mod.bias.data = t["bias"]
            modules.append((field, mod))
            order = None
        elif kind == "maxpool":
            modules.append((field, nn.MaxPool2d(a["pool"])))
        elif kind == "flatten":
            modules.append((field, nn.Flatten()))
            order = chw_order(*shape)
        elif kind == "dropout":
            modules.append((field, nn.Dropout(a["rate"])))
        if act == "relu":
            modules.append((field + "_relu", nn.ReLU()))
        elif act == "softmax":
            modules.append((field + "_softmax", nn.Softmax(dim=1)))
    names = NAMED_MODULES.get(model["name"])
    if names is None:
        net = nn.Sequential(*[m for _, m in modules])
    else:
        net = nn.Sequential()
        for field, mod in modules:
            net.add_module(names.get(field, field), mod)
    return net.eval()


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
        xt = torch.from_numpy(x)
        y = net(xt.permute(0, 3, 1, 2) if xt.dim() == 4 else xt)
        y = y.permute(0, 2, 3, 1) if y.dim() == 4 else y
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
