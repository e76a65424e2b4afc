"""Writes each case's input+weights (<name>.in.bin) and PyTorch's output (<name>.torch.bin).

Run with Debian's PyTorch: /usr/bin/python3 reference/runtime/torch_reference.py
Tensors are float32 little-endian, NHWC, batch 2; weights follow in Keras order and layout.
"""
import os
import shutil
import warnings

import numpy as np
import torch
import torch.nn.functional as F

from cases import BATCH, FIXTURES, Draw, dilated, load_cases, pair, same_padding, write

torch.set_num_threads(1)


def nchw(x):
    return x.permute(0, 3, 1, 2)


def nhwc(x):
    return x.permute(0, 2, 3, 1).contiguous()


def activation(x, name):
    return {
        "linear": lambda v: v,
        "relu": F.relu,
        "relu6": F.relu6,
        "leaky_relu": lambda v: F.leaky_relu(v, 0.2),
        "elu": F.elu,
        "selu": F.selu,
        "gelu": F.gelu,
        "silu": F.silu,
        "swish": F.silu,
        "sigmoid": torch.sigmoid,
        "hard_sigmoid": F.hardsigmoid,
        "tanh": torch.tanh,
        "softmax": lambda v: torch.softmax(v, dim=-1),
        "softplus": F.softplus,
        "softsign": F.softsign,
        # Keras 3: hard_silu = x * relu6(x + 3) / 6, which is torch's hardswish exactly
        "hard_silu": F.hardswish,
        "hard_swish": F.hardswish,
        "mish": F.mish,
        "exponential": torch.exp,
        "log_softmax": lambda v: torch.log_softmax(v, dim=-1),
    }[name](x)


def padded(x, kernel, strides, dilation, padding, value=0.0):
    """NCHW input padded as Keras SAME pads (odd pixel at the end)."""
    if padding != "same":
        return x
    top, bottom = same_padding(x.shape[2], kernel[0], strides[0], dilation[0])
    left, right = same_padding(x.shape[3], kernel[1], strides[1], dilation[1])
    return F.pad(x, (left, right, top, bottom), value=value)


def keras_to_jax_pads(k, s, d, padding, op):
    """keras/src/backend/common/backend_utils.py _convert_conv_transpose_padding_args_from_keras_to_jax."""
    k = dilated(k, d)
    if padding == "valid":
        op = max(k, s) - k if op is None else op
        return k - 1, k - 1 + op
    pad_len = s + k - 2 if op is None else k + k % 2 - 2 + op
    left = min(pad_len // 2 + pad_len % 2, k - 1)
    return left, pad_len - left


def keras_to_torch_pads(k, s, d, padding, op):
    """backend_utils._convert_conv_transpose_padding_args_from_keras_to_torch; None where torch cannot."""
    k = dilated(k, d)
    if padding == "valid":
        op = max(k, s) - k if op is None else op
        tp, top = 0, op
    else:
        op = s - k % 2 if op is None else op
        tp = max(-((k % 2 - k + op) // 2), 0)
        top = 2 * tp + k % 2 - k + op
    if (tp > 0 and top > 0) or top >= s:
        return None
    return tp, top


def transpose(x, draw, a):
    k, s, d = pair(a["kernel"]), pair(a.get("strides", 1)), pair(a.get("dilation", 1))
    padding = a.get("padding", "valid")
    op = pair(a["outpad"]) if "outpad" in a else (None, None)
    filters, cin = a["filters"], x.shape[3]
    kernel = torch.from_numpy(draw.tensor([k[0], k[1], filters, cin]))
    bias = torch.from_numpy(draw.tensor([filters])) if a.get("bias", "true") == "true" else None
    w = kernel.permute(3, 2, 0, 1)  # (cin, filters, kh, kw)
    full = F.conv_transpose2d(nchw(x), w, None, stride=s, padding=0, dilation=d)
    # Keras's torch backend (compute_conv_transpose_output_crops_for_torch): crop the full output by
    # (dk - 1) - pad on each side, zero-extending where that is negative; the bias is added after.
    out = full
    for axis in (0, 1):
        left, right = keras_to_jax_pads(k[axis], s[axis], d[axis], padding, op[axis])
        crop_l, crop_r = dilated(k[axis], d[axis]) - 1 - left, dilated(k[axis], d[axis]) - 1 - right
        dim = 2 + axis
        if crop_l < 0 or crop_r < 0:
            pads = [0, 0, 0, 0]
            pads[(1 - axis) * 2] = max(-crop_l, 0)
            pads[(1 - axis) * 2 + 1] = max(-crop_r, 0)
            out = F.pad(out, pads)
        n = out.shape[dim]
        out = out.narrow(dim, max(crop_l, 0), n - max(crop_l, 0) - max(crop_r, 0))
    if bias is not None:
        out = out + bias.view(1, -1, 1, 1)
    mapped = [keras_to_torch_pads(k[i], s[i], d[i], padding, op[i]) for i in (0, 1)]
    if None not in mapped:
        direct = F.conv_transpose2d(nchw(x), w, bias, stride=s, padding=(mapped[0][0], mapped[1][0]),
                                    output_padding=(mapped[0][1], mapped[1][1]), dilation=d)
        assert direct.shape == out.shape and torch.allclose(direct, out, atol=1e-5), "torch mapping disagrees"
    return activation(nhwc(out), a.get("activation", "linear"))  # softmax: over channels


def layer(x, kind, a, draw):
    if kind in ("conv2d", "depthwise", "separable"):
        k, s, d = pair(a["kernel"]), pair(a.get("strides", 1)), pair(a.get("dilation", 1))
        xc = padded(nchw(x), k, s, d, a.get("padding", "valid"))
        cin = x.shape[3]
        use_bias = a.get("bias", "true") == "true"
        if kind == "conv2d":
            w = torch.from_numpy(draw.tensor([k[0], k[1], cin, a["filters"]])).permute(3, 2, 0, 1)
            b = torch.from_numpy(draw.tensor([a["filters"]])) if use_bias else None
            y = F.conv2d(xc, w, b, stride=s, dilation=d)
        else:
            m = a.get("multiplier", 1)
            dw = torch.from_numpy(draw.tensor([k[0], k[1], cin, m])).reshape(k[0], k[1], cin * m).permute(2, 0, 1)
            dw = dw.unsqueeze(1)  # (cin * m, 1, kh, kw)
            if kind == "depthwise":
                b = torch.from_numpy(draw.tensor([cin * m])) if use_bias else None
                y = F.conv2d(xc, dw, b, stride=s, dilation=d, groups=cin)
            else:
                pw = torch.from_numpy(draw.tensor([1, 1, cin * m, a["filters"]])).permute(3, 2, 0, 1)
                b = torch.from_numpy(draw.tensor([a["filters"]])) if use_bias else None
                y = F.conv2d(F.conv2d(xc, dw, None, stride=s, dilation=d, groups=cin), pw, b)
        return activation(nhwc(y), a.get("activation", "linear"))  # softmax: over channels
    if kind == "transpose":
        return transpose(x, draw, a)
    if kind in ("maxpool", "avgpool"):
        p = pair(a["pool"])
        s = pair(a.get("strides", a["pool"]))
        same = a.get("padding", "valid")
        if kind == "maxpool":
            return nhwc(F.max_pool2d(padded(nchw(x), p, s, (1, 1), same, float("-inf")), p, s))
        sums = F.avg_pool2d(padded(nchw(x), p, s, (1, 1), same), p, s, divisor_override=1)
        ones = torch.ones_like(nchw(x)[:1, :1])
        counts = F.avg_pool2d(padded(ones, p, s, (1, 1), same), p, s, divisor_override=1)
        return nhwc(sums / counts)
    if kind in ("gap", "gmp"):
        keep = a.get("keepdims", "false") == "true"
        return x.mean(dim=(1, 2), keepdim=keep) if kind == "gap" else x.amax(dim=(1, 2), keepdim=keep)
    if kind == "upsample":
        size = pair(a.get("size", 2))
        mode = a.get("interp", "nearest")
        extra = {"align_corners": False} if mode == "bilinear" else {}
        return nhwc(F.interpolate(nchw(x), scale_factor=size, mode=mode, **extra))
    if kind == "zeropad":
        t, b, l, r = a["padding"]
        return nhwc(F.pad(nchw(x), (l, r, t, b)))
    if kind == "crop":
        t, b, l, r = a["cropping"]
        return x[:, t:x.shape[1] - b, l:x.shape[2] - r, :].contiguous()
    if kind == "bn":
        c = x.shape[-1]
        gamma = torch.from_numpy(draw.tensor([c], 0.5, 1.5)) if a.get("scale", "true") == "true" else None
        beta = torch.from_numpy(draw.tensor([c])) if a.get("center", "true") == "true" else None
        mean = torch.from_numpy(draw.tensor([c]))
        var = torch.from_numpy(draw.tensor([c], 0.5, 1.5))
        # over the last axis, whatever the rank (Keras's axis=-1): torch normalises dim 1
        y = F.batch_norm(x.movedim(-1, 1), mean, var, gamma, beta, training=False, eps=a.get("epsilon", 1e-3))
        return y.movedim(1, -1).contiguous()
    if kind == "act":
        return activation(x, a["fn"])
    if kind == "relu":
        # Keras 3 activations.relu: x > threshold ? min(x, max) : 0, minus slope * relu(threshold - x)
        thr, mx, slope = a.get("threshold", 0.0), a.get("max", float("inf")), a.get("slope", 0.0)
        y = torch.where(x > thr, torch.clamp(x, max=mx), torch.zeros_like(x))
        return y - slope * F.relu(thr - x) if slope else y
    if kind == "leakyrelu":
        return F.leaky_relu(x, a.get("slope", 0.3))
    if kind == "elu":
        return F.elu(x, a.get("alpha", 1.0))
    if kind == "softmax":
        return torch.softmax(x, dim=-1)
    if kind == "dense":
        w = torch.from_numpy(draw.tensor([x.shape[-1], a["units"]]))
        b = torch.from_numpy(draw.tensor([a["units"]])) if a.get("bias", "true") == "true" else 0
        return activation(x @ w + b, a.get("activation", "linear"))
    if kind == "flatten":
        return x.reshape(x.shape[0], -1)
    if kind == "reshape":
        target = a["target"] if isinstance(a["target"], list) else [a["target"]]
        return x.reshape([x.shape[0]] + target)
    if kind == "dropout":
        return x
    if kind == "rescale":
        scale = torch.tensor(a["scale"], dtype=torch.float32)
        offset = torch.tensor(a.get("offset", 0.0), dtype=torch.float32)
        return x * scale + offset
    if kind == "norm":
        # Keras 3 Normalization(axis=-1): (x - mean) / max(sqrt(variance), 1e-7); invert: mean + x * that
        c = x.shape[-1]
        if "mean" in a:
            mean = torch.tensor(a["mean"], dtype=torch.float32)
            var = torch.tensor(a["variance"], dtype=torch.float32)
        else:
            mean = torch.from_numpy(draw.tensor([c]))
            var = torch.from_numpy(draw.tensor([c], 0.0, 2.0))
            draw.weights.append(np.array(1000, dtype=np.float32))  # count (), which inference never reads
        dev = torch.clamp(torch.sqrt(var), min=1e-7)
        return mean + x * dev if a.get("invert") == "true" else (x - mean) / dev
    raise ValueError(kind)


def main():
    os.makedirs(FIXTURES, exist_ok=True)
    shutil.copyfile(os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases.txt"),
                    os.path.join(FIXTURES, "cases.txt"))
    warnings.simplefilter("ignore")
    for case in load_cases():
        draw = Draw(case)
        x0 = draw.input(case)
        x = torch.from_numpy(x0)
        for kind, attrs in case["layers"]:
            x = layer(x, kind, attrs, draw)
        write(os.path.join(FIXTURES, case["name"] + ".in.bin"), [x0] + draw.weights)
        write(os.path.join(FIXTURES, case["name"] + ".torch.bin"), [x.detach().numpy()])
        print(f"{case['name']}: output {list(x.shape)}")


if __name__ == "__main__":
    main()
