#!/usr/bin/python3
"""Writes the graph-model output fixtures: PyTorch models with seeded random weights, their
state_dicts as safetensors (and, for the smaller ones, the same weights in Keras layout), and
PyTorch's outputs for seeded inputs. Kiln's tests load the files through WeightFiles, run Network and
compare (dsl: GraphOutputsTest; examples: ResNetStackOutputsTest).

Run with Debian's packages (python3-torch 1.13, numpy, python3-h5py for ../weights):
    /usr/bin/python3 reference/graph-outputs/make_fixtures.py
Everything is seeded; a rerun rewrites the same bytes.

Models (see README.md):
  resnet_stack  examples/ResNetStack.java exactly, as an ordinary nn.Sequential of residual blocks
  unet188       the original U-Net (examples/UNet.java) on 188x188x1 with filters 4..64
  same_unet32   examples/SameUNet.java on 32x32x3 with filters 2..32, outputPadding from sameShapeAs
  same_unet_odd the same with SAME max pooling on 45x38x3, so the chosen outputPadding is 0 or 1 per axis
  gNNNN         valid random DAGs and small multi-input / multi-output models of ../graphs
The named architectures are written twice: as the PyTorch class a user would write (the reference),
and through torch_graph.GraphNet from the fixture-format description Kiln's test reads; the script
asserts the two agree, so the description is the architecture the reference ran.

Reference outputs are computed in float64 from the float32 (or float16 / bfloat16) weights and inputs,
so a difference in the test is Kiln's float32 rounding, not PyTorch's; the float32 PyTorch run's own
distance from them is recorded as `torchFloat32Difference`.
"""
import json
import math
import os
import sys
import zlib

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import torch_graph as tg  # noqa: E402  (puts ../graphs and ../shapes on the path)

gen = tg.load("generate", "graphs")  # ../graphs/generate.py: Graph and the layer constructors

sys.path.insert(0, os.path.join(HERE, "..", "weights"))
import make_fixtures as wf  # noqa: E402  ../weights: the safetensors writer

ROOT = os.path.join(HERE, "..", "..")
DSL_OUT = os.path.join(ROOT, "runtime", "src", "test", "resources", "graph-outputs")
EXAMPLES_OUT = os.path.join(ROOT, "examples", "src", "test", "resources", "graph-outputs")
GRAPHS = os.path.join(ROOT, "dsl", "src", "test", "resources", "conformance", "graphs.jsonl")
BATCH = 3

# Random DAGs and small fixed models of ../graphs (all valid), chosen to cover every layer kind the
# runtime runs in graphs while keeping the files small: several inputs (g0011, g0013, g0040, g0175,
# g0220), several outputs (g0013, g0081, g0112, g0120), Flatten before Dense (g0036, g0120, and g0040
# where the flattened image is concatenated with a vector), Dense on an image (g0036, g0112),
# Conv2DTranspose with outputPadding (g0109 VALID, g0112 SAME), broadcasting merges (g0036, g0145),
# Average, Minimum, Maximum, Subtract, a three-input Multiply, Concatenate on rows (g0022), bilinear
# UpSampling2D, depthwise and separable convolutions, ZeroPadding2D, Cropping2D, BatchNormalization
# without gamma (g0145).
DAGS = ["g0011", "g0013", "g0022", "g0036", "g0040", "g0067", "g0081", "g0109", "g0112", "g0120", "g0145",
        "g0148", "g0149", "g0175", "g0220", "g0221"]


# ---------------------------------------------------------------- inputs

def lcg_floats(seed, count):
    """The inputs, reproducible in Java without a file: x <- 1664525 x + 1013904223 (mod 2^32), each
    value (x >> 8) / 2^23 - 1, in [-1, 1) and exact in float32."""
    out = np.empty(count, np.float32)
    x = seed & 0xFFFFFFFF
    for i in range(count):
        x = (1664525 * x + 1013904223) & 0xFFFFFFFF
        out[i] = (x >> 8) / 8388608.0 - 1.0
    return out


# ---------------------------------------------------------------- weights

def init_weights(net, seed, dtype):
    """Uniform weights scaled so activations stay near 1 (He-uniform on the fan-in), biases in +-0.2,
    BatchNormalization gamma in [0.5, 1.5], beta and moving mean in +-0.5, moving variance in [0.5, 1.5];
    rounded to `dtype` (the file's), so the file holds exactly the values the reference used."""
    rng = np.random.RandomState(seed)
    for name, module in sorted(net.named_modules(), key=lambda kv: kv[0]):
        if isinstance(module, (nn.BatchNorm1d, nn.BatchNorm2d)):
            c = module.num_features
            for tensor, (low, high) in ((module.weight, (0.5, 1.5)), (module.bias, (-0.5, 0.5)),
                                        (module.running_mean, (-0.5, 0.5)), (module.running_var, (0.5, 1.5))):
                if tensor is not None:
                    tensor.data = torch.from_numpy(rng.uniform(low, high, c).astype(np.float32))
        elif isinstance(module, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear)):
            w = module.weight
            if isinstance(module, nn.ConvTranspose2d):  # each output reads in * kh * kw / (sh * sw) inputs
                fan_in = w.shape[0] * w.shape[2] * w.shape[3] / (module.stride[0] * module.stride[1])
            else:
                fan_in = w[0].numel()
            bound = math.sqrt(6.0 / max(fan_in, 1.0))
            w.data = torch.from_numpy(rng.uniform(-bound, bound, tuple(w.shape)).astype(np.float32))
            if module.bias is not None:
                module.bias.data = torch.from_numpy(rng.uniform(-0.2, 0.2, tuple(module.bias.shape))
                                                    .astype(np.float32))
    for tensor in list(net.parameters()) + [b for b in net.buffers() if b.is_floating_point()]:
        tensor.data = round_to(tensor.data, dtype)


def round_to(t, dtype):
    return {"F32": t, "F16": t.half().float(), "BF16": t.bfloat16().float()}[dtype]


def entry(value, dtype):
    v = value.detach().numpy()
    if v.dtype != np.float32:
        return wf.array_entry(v)
    if dtype == "F16":
        return wf.array_entry(v.astype(np.float16))
    if dtype == "BF16":
        return "BF16", v.shape, wf.bf16_bits(v).astype("<u2").tobytes()
    return wf.array_entry(v)


def save_state_dict(path, state, dtype):
    """As safetensors.torch.save_file(model.state_dict()) writes it (float tensors in `dtype`)."""
    wf.write_safetensors(path, {k: entry(v, dtype) for k, v in state.items()}, metadata={"format": "pt"})


# ---------------------------------------------------------------- PyTorch models as a user writes them

def keras_same(x, kernel, stride):
    """F.pad with Keras's SAME split: the odd pixel at the bottom and right."""
    pads = []
    for size, k, s in ((x.shape[3], kernel[1], stride[1]), (x.shape[2], kernel[0], stride[0])):
        total = max((-(-size // s) - 1) * s + k - size, 0)
        pads += [total // 2, total - total // 2]
    return F.pad(x, pads)


class Conv2dSame(nn.Conv2d):
    """nn.Conv2d with TensorFlow's SAME padding (as timm's Conv2dSame)."""

    def forward(self, x):
        return super().forward(keras_same(x, self.kernel_size, self.stride))


class ConvTranspose2dTo(nn.ConvTranspose2d):
    """TensorFlow's conv2d_transpose to a given size: the gradient of a SAME (or VALID) conv2d whose
    input has that size. The full transposed convolution is cropped from the conv's top/left padding."""

    def __init__(self, *args, same=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.same = same

    def forward(self, x, size):
        y = F.conv_transpose2d(x, self.weight, None, self.stride)
        for axis, length in enumerate(size):
            k, s = self.kernel_size[axis], self.stride[axis]
            before = max((-(-length // s) - 1) * s + k - length, 0) // 2 if self.same else 0
            dim = 2 + axis
            if y.shape[dim] < before + length:  # zero-extend (VALID with output padding)
                pads = [0, 0, 0, 0]
                pads[(1 - axis) * 2 + 1] = before + length - y.shape[dim]
                y = F.pad(y, pads)
            y = y.narrow(dim, before, length)
        return y + self.bias.view(1, -1, 1, 1)


class ResidualBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.body = nn.Sequential(Conv2dSame(cin, cout, 3, stride, bias=False), nn.BatchNorm2d(cout, eps=1e-3),
                                  nn.ReLU(), Conv2dSame(cout, cout, 3, bias=False), nn.BatchNorm2d(cout, eps=1e-3))
        self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout, eps=1e-3)) \
            if stride != 1 or cin != cout else nn.Identity()

    def forward(self, x):
        return F.relu(self.body(x) + self.shortcut(x))


def resnet_stack_torch():
    """examples/ResNetStack.java. Modules numbered so that their names sort in declaration order, which
    is what KilnResNetStack.fromPyTorch (no module map) relies on."""
    return nn.Sequential(
        nn.Sequential(Conv2dSame(3, 32, 3, bias=False), nn.BatchNorm2d(32, eps=1e-3), nn.ReLU()),
        ResidualBlock(32, 32, 1),
        ResidualBlock(32, 64, 2),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(),
        nn.Linear(64, 10), nn.Softmax(dim=1))


RESNET_MODULES = {"stem": "0.0", "stemNorm": "0.1", "b1conv1": "1.body.0", "b1norm1": "1.body.1",
                  "b1conv2": "1.body.3", "b1norm2": "1.body.4", "b2conv1": "2.body.0", "b2norm1": "2.body.1",
                  "b2conv2": "2.body.3", "b2norm2": "2.body.4", "b2project": "2.shortcut.0",
                  "b2projectNorm": "2.shortcut.1", "classes": "5"}


class UNetTorch(nn.Module):
    """The original U-Net as in the paper and examples/UNet.java (same field names): VALID 3x3 convs,
    2x2 max pooling, 2x2 stride-2 up-convolutions, the encoder tensor center-cropped and concatenated
    before the up-convolution's output."""

    def __init__(self, f):
        super().__init__()
        cin = 1
        for level in range(1, 6):
            setattr(self, "c%da" % level, nn.Conv2d(cin, f[level - 1], 3))
            setattr(self, "c%db" % level, nn.Conv2d(f[level - 1], f[level - 1], 3))
            cin = f[level - 1]
        for level in range(6, 10):
            out = f[9 - level]
            setattr(self, "u%d" % level, nn.ConvTranspose2d(cin, out, 2, 2))
            setattr(self, "c%da" % level, nn.Conv2d(2 * out, out, 3))
            setattr(self, "c%db" % level, nn.Conv2d(out, out, 3))
            cin = out
        self.segmentation = nn.Conv2d(cin, 2, 1)

    def forward(self, x):
        skips = []
        for level in range(1, 6):
            x = F.relu(getattr(self, "c%db" % level)(F.relu(getattr(self, "c%da" % level)(x))))
            if level < 5:
                skips.append(x)
                x = F.max_pool2d(x, 2)
        for level in range(6, 10):
            up = getattr(self, "u%d" % level)(x)
            skip = skips[9 - level]
            c = (skip.shape[2] - up.shape[2]) // 2
            x = torch.cat([skip[:, :, c:c + up.shape[2], c:c + up.shape[3]], up], dim=1)
            x = F.relu(getattr(self, "c%db" % level)(F.relu(getattr(self, "c%da" % level)(x))))
        return self.segmentation(x)


class SameUNetTorch(nn.Module):
    """examples/SameUNet.java (same field names): SAME 3x3 convs, 2x2 max pooling (VALID as in the
    example, or SAME = ceil_mode), SAME 3x3 stride-2 up-convolutions that come out with the encoder
    tensor's size, as TensorFlow's conv2d_transpose with that output shape does."""

    def __init__(self, f, pool_same):
        super().__init__()
        self.pool = nn.MaxPool2d(2, ceil_mode=pool_same)
        cin = 3
        for level, name in enumerate(["e1", "e2", "e3", "e4", "bottom"]):
            setattr(self, name, nn.Conv2d(cin, f[level], 3, padding=1))
            cin = f[level]
        for level in (4, 3, 2, 1):
            out = f[level - 1]
            setattr(self, "u%d" % level, ConvTranspose2dTo(cin, out, 3, 2))
            setattr(self, "d%d" % level, nn.Conv2d(2 * out, out, 3, padding=1))
            cin = out
        self.mask = nn.Conv2d(cin, 1, 1)

    def forward(self, x):
        skips = []
        for name in ["e1", "e2", "e3", "e4"]:
            x = F.relu(getattr(self, name)(x))
            skips.append(x)
            x = self.pool(x)
        x = F.relu(self.bottom(x))
        for level in (4, 3, 2, 1):
            skip = skips[level - 1]
            up = getattr(self, "u%d" % level)(x, skip.shape[2:])
            x = F.relu(getattr(self, "d%d" % level)(torch.cat([up, skip], dim=1)))
        return torch.sigmoid(self.mask(x))


# ---------------------------------------------------------------- the same models in the fixture format

def described(g, outputs=None):
    case = {"inputs": g.inputs, "layers": g.layers, "outputs": outputs or g.outputs()}
    case["shapes"] = {l["name"]: list(g.shape[l["name"]]) for l in g.layers}
    return case


def resnet_stack_case():
    g = gen.Graph()
    x = g.input("image", [32, 32, 3])
    x = g.add(gen.conv(32, 3, 1, "SAME", bias=False), x, "stem")
    x = g.add(gen.bn(), x, "stemNorm")
    stem = g.add(gen.act("RELU"), x, "stemOut")
    y = g.add(gen.conv(32, 3, 1, "SAME", bias=False), stem, "b1conv1")
    y = g.add(gen.bn(), y, "b1norm1")
    y = g.add(gen.act("RELU"), y, "b1relu")
    y = g.add(gen.conv(32, 3, 1, "SAME", bias=False), y, "b1conv2")
    y = g.add(gen.bn(), y, "b1norm2")
    y = g.add(gen.merge("Add"), [y, stem], "b1sum")
    b1 = g.add(gen.act("RELU"), y, "b1out")
    y = g.add(gen.conv(64, 3, 2, "SAME", bias=False), b1, "b2conv1")
    y = g.add(gen.bn(), y, "b2norm1")
    y = g.add(gen.act("RELU"), y, "b2relu")
    y = g.add(gen.conv(64, 3, 1, "SAME", bias=False), y, "b2conv2")
    y = g.add(gen.bn(), y, "b2norm2")
    p = g.add(gen.conv(64, 1, 2, "VALID", bias=False), b1, "b2project")
    p = g.add(gen.bn(), p, "b2projectNorm")
    y = g.add(gen.merge("Add"), [y, p], "b2sum")
    y = g.add(gen.act("RELU"), y, "b2out")
    y = g.add(gen.gap(), y, "pooled")
    g.add(gen.dense(10, "SOFTMAX"), y, "classes")
    return described(g)


def unet_case(size, f):
    g = gen.Graph()
    x = g.input("image", [size, size, 1])
    skips = []
    for level in range(1, 6):
        x = g.add(gen.conv(f[level - 1], 3, act="RELU"), x, "c%da" % level)
        x = g.add(gen.conv(f[level - 1], 3, act="RELU"), x, "c%db" % level)
        if level < 5:
            skips.append(x)
            x = g.add(gen.pool(2), x, "p%d" % level)
    for level in range(6, 10):
        out = f[9 - level]
        up = g.add(gen.transpose(out, 2, 2), x, "u%d" % level)
        skip = skips[9 - level]
        c = (g.dims(skip)[0] - g.dims(up)[0]) // 2
        assert g.dims(skip)[0] - g.dims(up)[0] == 2 * c, "the crop must be integral"
        crop = g.add(gen.crop(c, c, c, c), skip, "crop%d" % (10 - level))
        x = g.add(gen.merge("Concatenate"), [crop, up], "m%d" % level)
        x = g.add(gen.conv(out, 3, act="RELU"), x, "c%da" % level)
        x = g.add(gen.conv(out, 3, act="RELU"), x, "c%db" % level)
    g.add(gen.conv(2, 1), x, "segmentation")
    return described(g)


def fit_output_padding(i, target, k, s, same):
    """Keras 3's output size with an explicit outputPadding is (i-1)*s + (k mod 2 if SAME else k) + op,
    0 <= op < s: the op that reaches `target` (what Kiln must choose for sameShapeAs)."""
    op = target - ((i - 1) * s + (k % 2 if same else k))
    assert 0 <= op < s, (i, target, k, s, same)
    return op


def same_unet_case(height, width, f, pool_same):
    g = gen.Graph()
    x = g.input("image", [height, width, 3])
    skips = []
    for level, name in enumerate(["e1", "e2", "e3", "e4"], start=1):
        x = g.add(gen.conv(f[level - 1], 3, pad="SAME", act="RELU"), x, name)
        skips.append(x)
        x = g.add(gen.pool(2, pad="SAME" if pool_same else "VALID"), x, "p%d" % level)
    x = g.add(gen.conv(f[4], 3, pad="SAME", act="RELU"), x, "bottom")
    chosen = {}
    for level in (4, 3, 2, 1):
        skip = "e%d" % level
        i, target = g.dims(x), g.dims(skip)
        op = [fit_output_padding(i[a], target[a], 3, 2, True) for a in (0, 1)]
        up = g.add(gen.transpose(f[level - 1], 3, 2, pad="SAME", op=op), x, "u%d" % level)
        chosen[up] = op
        x = g.add(gen.merge("Concatenate"), [up, skip], "m%d" % level)
        x = g.add(gen.conv(f[level - 1], 3, pad="SAME", act="RELU"), x, "d%d" % level)
    g.add(gen.conv(1, 1, act="SIGMOID"), x, "mask")
    case = described(g)
    # Kiln's test declares these with sameShapeAs and no outputPadding, and checks it chooses `op`.
    for layer in case["layers"]:
        if layer["name"] in chosen:
            layer["sameShapeAs"] = "e" + layer["name"][1:]
            layer["expectOutputPadding"] = chosen[layer["name"]]
    return case


# ---------------------------------------------------------------- running and writing

def inputs_for(case, model_id):
    seeds = {name: zlib.crc32(("%s/%s" % (model_id, name)).encode()) for name in case["inputs"]}
    arrays = {name: lcg_floats(seeds[name], BATCH * int(np.prod(shape)))
              .reshape([BATCH] + list(shape)) for name, shape in case["inputs"].items()}
    return seeds, arrays


def run_graph(net, arrays, dtype=torch.float64):
    net = net.to(dtype)
    with torch.no_grad():
        outs = net(*[torch.from_numpy(a).to(dtype) for a in arrays.values()])
    net.float()
    return [o.detach() for o in outs]


def run_explicit(net, x, dtype=torch.float64):
    """A user's model: NCHW in, NCHW (or vector) out; returned channels_last."""
    net = net.to(dtype)
    with torch.no_grad():
        y = net(torch.from_numpy(x).to(dtype).permute(0, 3, 1, 2))
    net.float()
    return (y.permute(0, 2, 3, 1) if y.dim() == 4 else y).detach()


def largest(a, b):
    return float((a.double() - b.double()).abs().max())


def write_outputs(path, outputs, case, order):
    """Every output in Keras order (vectors made from images put back from PyTorch's order), one after
    another, each batch-major; float32 little-endian."""
    with open(path, "wb") as f:
        for name, y in zip(case["outputs"], outputs):
            y = y.numpy()
            if order.get(name) is not None:
                y = y[:, order[name]]
            f.write(np.ascontiguousarray(y, dtype="<f4").tobytes())


def fixture(model_id, what, case, net, dtype, keras, with_map, reference=None, out_dir=DSL_OUT):
    """Writes <id>.torch.safetensors (+ <id>.keras.safetensors), <id>.torch.bin; returns the manifest line.
    `reference(arrays, dtype)` is the user-written model's outputs (when there is one); GraphNet must agree."""
    seeds, arrays = inputs_for(case, model_id)
    order = tg.keras_order(case)
    graph64 = run_graph(net, arrays)
    expected = graph64
    cross = None
    if reference is not None:
        expected = reference(arrays, torch.float64)
        cross = max(largest(a, b) for a, b in zip(expected, graph64))
        assert cross < 1e-9, "%s: the user-written model and the graph description differ by %g" % (model_id, cross)
    float32 = reference(arrays, torch.float32) if reference is not None else run_graph(net, arrays, torch.float32)
    torch32 = max(largest(a, b) for a, b in zip(expected, float32))
    for name, y in zip(case["outputs"], expected):
        assert list(y.shape[1:]) == case["shapes"][name], (model_id, name, list(y.shape), case["shapes"][name])
    base = os.path.join(out_dir, model_id)
    save_state_dict(base + ".torch.safetensors", net.state_dict(), dtype)
    if keras:
        kw = tg.keras_weights(net, order)
        wf.write_safetensors(base + ".keras.safetensors", {n: wf.array_entry(v) for n, v in kw.items()})
    write_outputs(base + ".torch.bin", [y.float() for y in expected], case, order)
    params = sum(p.numel() for p in net.parameters()) + sum(b.numel() for b in net.buffers() if b.is_floating_point())
    scale = max(float(y.abs().max()) for y in expected)
    print("%-14s %7d weights %-4s  outputs %-28s max|y| %.3g  torch float32 differs by %.2e%s"
          % (model_id, params, dtype, [list(y.shape[1:]) for y in expected], scale, torch32,
             "" if cross is None else "  (user model vs description: %.1e)" % cross))
    line = {"id": model_id, "reference": "torch-" + torch.__version__.split("a")[0], "what": what,
            "inputs": case["inputs"], "layers": case["layers"],
            "outputs": case["outputs"], "shapes": case["shapes"],
            "weights": {"torch": model_id + ".torch.safetensors", "dtype": dtype,
                        "keras": model_id + ".keras.safetensors" if keras else None,
                        "modules": dict(net.paths) if with_map else None},
            "batch": BATCH, "inputSeeds": seeds, "torchFloat32Difference": torch32}
    return line


def named_model(model_id, what, case, user, module_names, dtype, keras, out_dir=DSL_OUT, map_modules=True):
    """A model written by hand in PyTorch and described in the fixture format: both get the same weights."""
    net = tg.GraphNet(case, module_names)
    init_weights(user, zlib.crc32(model_id.encode()), dtype)
    missing = net.load_state_dict(user.state_dict(), strict=True)
    assert not missing.missing_keys and not missing.unexpected_keys
    user.eval()
    name = next(iter(case["inputs"]))  # the named models have one input
    return fixture(model_id, what, case, net, dtype, keras, map_modules,
                   reference=lambda arrays, dt: [run_explicit(user, arrays[name], dt)], out_dir=out_dir)


def main():
    torch.manual_seed(0)
    torch.set_num_threads(1)
    os.makedirs(DSL_OUT, exist_ok=True)
    os.makedirs(EXAMPLES_OUT, exist_ok=True)
    lines = []

    # examples/ResNetStack.java, for KilnResNetStack.fromPyTorch: modules in declaration order, no map.
    named_model("resnet_stack", "examples/ResNetStack.java: 32x32x3, BatchNormalization with random moving "
                "statistics, SAME stride-2 convolution (Keras's split), projection shortcut, softmax",
                resnet_stack_case(), resnet_stack_torch(), RESNET_MODULES, "F32", False, out_dir=EXAMPLES_OUT,
                map_modules=False)

    f = [4, 8, 16, 32, 64]
    case = unet_case(188, f)
    names = {l["name"]: l["name"] for l in case["layers"]}
    lines.append(named_model("unet188", "the original U-Net (examples/UNet.java) on 188x188x1 (the smallest input "
                             "whose crops are all integral and whose output is not empty), filters 4..64; "
                             "weights float16", case, UNetTorch(f), names, "F16", False))
    f = [2, 4, 8, 16, 32]
    case = same_unet_case(32, 32, f, pool_same=False)
    lines.append(named_model("same_unet32", "examples/SameUNet.java on 32x32x3, filters 2..32; every "
                             "Conv2DTranspose has sameShapeAs (Kiln chooses outputPadding 1); weights bfloat16",
                             case, SameUNetTorch(f, False), {l["name"]: l["name"] for l in case["layers"]}, "BF16",
                             False))
    case = same_unet_case(45, 38, f, pool_same=True)
    lines.append(named_model("same_unet_odd", "SameUNet with SAME max pooling on 45x38x3, filters 2..32: "
                             "sameShapeAs makes Kiln choose outputPadding 0 or 1 per axis", case,
                             SameUNetTorch(f, True), {l["name"]: l["name"] for l in case["layers"]}, "F32", True))

    graphs = {c["id"]: c for c in (json.loads(l) for l in open(GRAPHS)) if c["valid"]}
    for gid in DAGS:
        c = graphs[gid]
        case = {k: c[k] for k in ("inputs", "layers", "outputs", "shapes")}
        tg.keras_order(case)  # raises for a graph PyTorch cannot express with the same weights
        net = tg.GraphNet(case)
        init_weights(net, zlib.crc32(gid.encode()), "F32")
        lines.append(fixture(gid, "../graphs %s (%s)" % (gid, c["reference"]), case, net, "F32", True, True))

    with open(os.path.join(DSL_OUT, "models.jsonl"), "w") as out:
        for line in lines:
            out.write(json.dumps(line, separators=(",", ":")) + "\n")
    total = sum(os.path.getsize(os.path.join(d, n)) for d in (DSL_OUT, EXAMPLES_OUT) for n in os.listdir(d))
    print("total %d bytes" % total)


if __name__ == "__main__":
    main()
