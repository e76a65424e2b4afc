"""MobileNetV2, ResNet50 and InceptionV3 as Keras 3 Applications builds them, in PyTorch (NCHW).

Not torchvision's networks: the layers, their order, their names, biases and paddings follow
keras/src/applications/{mobilenet_v2,resnet,inception_v3}.py (include_top=True), as
benchmarks/src/main/java/dev/kiln/bench/Applications.java declares them for Kiln. Where Keras pads
asymmetrically (SAME with stride 2, correct_pad's ZeroPadding2D) the graph pads explicitly with
F.pad; symmetric SAME padding is the convolution's own. Every weight is random (seeded), including
the BatchNormalization statistics, and is also returned in Keras layout under Keras's names
("<layer>/<weight>") for Kiln.
"""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def same_pads(size, k, s):
    """TF SAME split: total = max((ceil(size / s) - 1) * s + k - size, 0), the odd pixel after."""
    out = -(-size // s)
    total = max((out - 1) * s + k - size, 0)
    return total // 2, total - total // 2


class Tape(nn.Module):
    """A Keras functional graph recorded layer by layer; forward replays it on NCHW tensors."""

    def __init__(self, shape, rng):
        super().__init__()
        self.rng = rng
        self.ops = []  # (name, callable, input names)
        self.mods = nn.ModuleDict()
        self.keras = {}  # "<layer>/<weight>" -> Keras-layout array
        self.shapes = {"input": shape}  # name -> (height, width, channels)
        self.last = "input"

    def _op(self, name, fn, inputs, shape, module=None):
        if module is not None:
            self.mods[name] = module
        self.ops.append((name, fn, inputs))
        self.shapes[name] = shape
        self.last = name
        return name

    def conv(self, name, x, filters, kh, kw, stride=1, padding="valid", bias=True):
        h, w, c = self.shapes[x]
        limit = np.sqrt(6.0 / (kh * kw * (c + filters)))
        kernel = self.rng.uniform(-limit, limit, (kh, kw, c, filters)).astype(np.float32)
        self.keras[name + "/kernel"] = kernel
        pads = (0, 0, 0, 0)
        if padding == "same":
            top, bottom = same_pads(h, kh, stride)
            left, right = same_pads(w, kw, stride)
            pads = (left, right, top, bottom)
        symmetric = pads[0] == pads[1] and pads[2] == pads[3]
        mod = nn.Conv2d(c, filters, (kh, kw), stride, padding=(pads[2], pads[0]) if symmetric else 0, bias=bias)
        mod.weight.data = torch.from_numpy(kernel.transpose(3, 2, 0, 1).copy())
        if bias:
            b = self.rng.uniform(-0.1, 0.1, filters).astype(np.float32)
            self.keras[name + "/bias"] = b
            mod.bias.data = torch.from_numpy(b)
        ph, pw = h + pads[2] + pads[3], w + pads[0] + pads[1]
        shape = ((ph - kh) // stride + 1, (pw - kw) // stride + 1, filters)
        fn = (lambda m: lambda t: m(t))(mod) if symmetric else (lambda m, p: lambda t: m(F.pad(t, p)))(mod, pads)
        return self._op(name, fn, [x], shape, mod)

    def depthwise(self, name, x, stride, padding):
        h, w, c = self.shapes[x]
        limit = np.sqrt(6.0 / (9 * c + 9))  # Keras glorot fans of a (3, 3, c, 1) kernel
        kernel = self.rng.uniform(-limit, limit, (3, 3, c, 1)).astype(np.float32)
        self.keras[name + "/kernel"] = kernel
        mod = nn.Conv2d(c, c, 3, stride, padding=1 if padding == "same" else 0, groups=c, bias=False)
        mod.weight.data = torch.from_numpy(kernel.transpose(2, 3, 0, 1).copy())
        shape = (h, w, c) if padding == "same" else ((h - 3) // stride + 1, (w - 3) // stride + 1, c)
        return self._op(name, (lambda m: lambda t: m(t))(mod), [x], shape, mod)

    def bn(self, name, x, epsilon, scale=True):
        c = self.shapes[x][2]
        mod = nn.BatchNorm2d(c, eps=epsilon)
        gamma = self.rng.uniform(0.5, 1.5, c).astype(np.float32) if scale else np.ones(c, np.float32)
        beta = self.rng.uniform(-0.2, 0.2, c).astype(np.float32)
        mean = self.rng.uniform(-0.2, 0.2, c).astype(np.float32)
        var = self.rng.uniform(0.5, 1.5, c).astype(np.float32)
        if scale:
            self.keras[name + "/gamma"] = gamma
        self.keras[name + "/beta"] = beta
        self.keras[name + "/moving_mean"] = mean
        self.keras[name + "/moving_variance"] = var
        mod.weight.data = torch.from_numpy(gamma)
        mod.bias.data = torch.from_numpy(beta)
        mod.running_mean.data = torch.from_numpy(mean)
        mod.running_var.data = torch.from_numpy(var)
        return self._op(name, (lambda m: lambda t: m(t))(mod), [x], self.shapes[x], mod)

    def relu(self, name, x, max_value=None):
        fn = (lambda t: F.relu6(t)) if max_value == 6 else (lambda t: F.relu(t))
        return self._op(name, fn, [x], self.shapes[x])

    def zero_pad(self, name, x, top, bottom, left, right):
        h, w, c = self.shapes[x]
        return self._op(name, lambda t: F.pad(t, (left, right, top, bottom)), [x],
                        (h + top + bottom, w + left + right, c))

    def max_pool(self, name, x):
        h, w, c = self.shapes[x]
        return self._op(name, lambda t: F.max_pool2d(t, 3, 2), [x], ((h - 3) // 2 + 1, (w - 3) // 2 + 1, c))

    def average_pool_same(self, name, x):
        """AveragePooling2D 3x3/1 SAME: TF divides each window by its real cells."""
        return self._op(name, lambda t: F.avg_pool2d(t, 3, 1, 1, count_include_pad=False), [x], self.shapes[x])

    def add(self, name, a, b):
        return self._op(name, lambda s, t: s + t, [a, b], self.shapes[a])

    def concat(self, name, *xs):
        h, w, _ = self.shapes[xs[0]]
        return self._op(name, lambda *ts: torch.cat(ts, 1), list(xs), (h, w, sum(self.shapes[x][2] for x in xs)))

    def top(self, x):
        """GlobalAveragePooling2D, then Dense(1000, softmax) named predictions."""
        c = self.shapes[x][2]
        limit = np.sqrt(6.0 / (c + 1000))
        kernel = self.rng.uniform(-limit, limit, (c, 1000)).astype(np.float32)
        bias = self.rng.uniform(-0.1, 0.1, 1000).astype(np.float32)
        self.keras["predictions/kernel"] = kernel
        self.keras["predictions/bias"] = bias
        linear = nn.Linear(c, 1000)
        linear.weight.data = torch.from_numpy(kernel.T.copy())
        linear.bias.data = torch.from_numpy(bias)
        pooled = self._op("avg_pool", lambda t: t.mean((2, 3)), [x], (1, 1, c))
        return self._op("predictions", (lambda m: lambda t: F.softmax(m(t), 1))(linear), [pooled], (1, 1, 1000),
                        linear)

    def forward(self, x):
        values = {"input": x}
        for name, fn, inputs in self.ops:
            values[name] = fn(*[values[i] for i in inputs])
        return values[self.last]


def mobilenet_v2(rng):
    g = Tape((224, 224, 3), rng)
    x = g.conv("Conv1", "input", 32, 3, 3, 2, "same", bias=False)
    x = g.relu("Conv1_relu", g.bn("bn_Conv1", x, 1e-3), 6)
    channels = 32
    blocks = [(16, 1, 1), (24, 2, 6), (24, 1, 6), (32, 2, 6), (32, 1, 6), (32, 1, 6), (64, 2, 6), (64, 1, 6),
              (64, 1, 6), (64, 1, 6), (96, 1, 6), (96, 1, 6), (96, 1, 6), (160, 2, 6), (160, 1, 6), (160, 1, 6),
              (320, 1, 6)]
    for block_id, (filters, stride, expansion) in enumerate(blocks):
        inputs = x
        prefix = "block_%d_" % block_id if block_id else "expanded_conv_"
        if block_id:
            x = g.conv(prefix + "expand", x, expansion * channels, 1, 1, 1, "same", bias=False)
            x = g.relu(prefix + "expand_relu", g.bn(prefix + "expand_BN", x, 1e-3), 6)
        if stride == 2:
            x = g.zero_pad(prefix + "pad", x, 0, 1, 0, 1)  # correct_pad, even input, 3x3 kernel
        x = g.depthwise(prefix + "depthwise", x, stride, "same" if stride == 1 else "valid")
        x = g.relu(prefix + "depthwise_relu", g.bn(prefix + "depthwise_BN", x, 1e-3), 6)
        x = g.conv(prefix + "project", x, filters, 1, 1, 1, "same", bias=False)
        x = g.bn(prefix + "project_BN", x, 1e-3)
        if channels == filters and stride == 1:
            x = g.add(prefix + "add", inputs, x)
        channels = filters
    x = g.conv("Conv_1", x, 1280, 1, 1, bias=False)
    x = g.relu("out_relu", g.bn("Conv_1_bn", x, 1e-3), 6)
    g.top(x)
    return g


def resnet50(rng):
    g = Tape((224, 224, 3), rng)
    x = g.zero_pad("conv1_pad", "input", 3, 3, 3, 3)
    x = g.conv("conv1_conv", x, 64, 7, 7, 2)
    x = g.relu("conv1_relu", g.bn("conv1_bn", x, 1.001e-5))
    x = g.max_pool("pool1_pool", g.zero_pad("pool1_pad", x, 1, 1, 1, 1))
    for stage, (filters, blocks, stride) in enumerate([(64, 3, 1), (128, 4, 2), (256, 6, 2), (512, 3, 2)]):
        for b in range(1, blocks + 1):
            name = "conv%d_block%d" % (stage + 2, b)
            s = stride if b == 1 else 1
            shortcut = x
            if b == 1:
                shortcut = g.bn(name + "_0_bn", g.conv(name + "_0_conv", x, 4 * filters, 1, 1, s), 1.001e-5)
            y = g.conv(name + "_1_conv", x, filters, 1, 1, s)
            y = g.relu(name + "_1_relu", g.bn(name + "_1_bn", y, 1.001e-5))
            y = g.conv(name + "_2_conv", y, filters, 3, 3, 1, "same")
            y = g.relu(name + "_2_relu", g.bn(name + "_2_bn", y, 1.001e-5))
            y = g.bn(name + "_3_bn", g.conv(name + "_3_conv", y, 4 * filters, 1, 1), 1.001e-5)
            x = g.relu(name + "_out", g.add(name + "_add", shortcut, y))
    g.top(x)
    return g


def inception_v3(rng):
    g = Tape((299, 299, 3), rng)
    n = {"conv": 0, "pool": 0}

    def conv(x, filters, kh, kw, stride=1, padding="same"):
        suffix = "_%d" % n["conv"] if n["conv"] else ""
        n["conv"] += 1
        x = g.conv("conv2d" + suffix, x, filters, kh, kw, stride, padding, bias=False)
        return g.relu("activation" + suffix, g.bn("batch_normalization" + suffix, x, 1e-3, scale=False))

    def max_pool(x):
        n["pool"] += 1
        return g.max_pool("max_pooling2d_%d" % (n["pool"] - 1), x)

    def avg_pool(x):
        n["pool"] += 1
        return g.average_pool_same("average_pooling2d_%d" % (n["pool"] - 1), x)

    x = conv("input", 32, 3, 3, 2, "valid")
    x = conv(x, 32, 3, 3, 1, "valid")
    x = conv(x, 64, 3, 3)
    x = max_pool(x)
    x = conv(x, 80, 1, 1, 1, "valid")
    x = conv(x, 192, 3, 3, 1, "valid")
    x = max_pool(x)
    for i in range(3):
        b1 = conv(x, 64, 1, 1)
        b5 = conv(conv(x, 48, 1, 1), 64, 5, 5)
        b3 = conv(conv(conv(x, 64, 1, 1), 96, 3, 3), 96, 3, 3)
        bp = conv(avg_pool(x), 32 if i == 0 else 64, 1, 1)
        x = g.concat("mixed%d" % i, b1, b5, b3, bp)
    b3 = conv(x, 384, 3, 3, 2, "valid")
    bd = conv(conv(conv(x, 64, 1, 1), 96, 3, 3), 96, 3, 3, 2, "valid")
    x = g.concat("mixed3", b3, bd, max_pool(x))
    for i, c in enumerate([128, 160, 160, 192]):
        b1 = conv(x, 192, 1, 1)
        b7 = conv(conv(conv(x, c, 1, 1), c, 1, 7), 192, 7, 1)
        d = conv(conv(conv(x, c, 1, 1), c, 7, 1), c, 1, 7)
        d = conv(conv(d, c, 7, 1), 192, 1, 7)
        bp = conv(avg_pool(x), 192, 1, 1)
        x = g.concat("mixed%d" % (4 + i), b1, b7, d, bp)
    m3 = conv(conv(x, 192, 1, 1), 320, 3, 3, 2, "valid")
    m7 = conv(conv(conv(x, 192, 1, 1), 192, 1, 7), 192, 7, 1)
    m7 = conv(m7, 192, 3, 3, 2, "valid")
    x = g.concat("mixed8", m3, m7, max_pool(x))
    for i in range(2):
        b1 = conv(x, 320, 1, 1)
        t = conv(x, 384, 1, 1)
        b3 = g.concat("mixed9_%d" % i, conv(t, 384, 1, 3), conv(t, 384, 3, 1))
        d = conv(conv(x, 448, 1, 1), 384, 3, 3)
        dbl = g.concat("concatenate_%d" % i, conv(d, 384, 1, 3), conv(d, 384, 3, 1))
        bp = conv(avg_pool(x), 192, 1, 1)
        x = g.concat("mixed%d" % (9 + i), b1, b3, dbl, bp)
    g.top(x)
    return g


APPLICATIONS = {"mobilenetv2": mobilenet_v2, "resnet50": resnet50, "inceptionv3": inception_v3}
