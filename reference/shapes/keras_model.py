"""Keras 3 (>= 3.15) shape arithmetic, used ONLY to steer the generator and to cross-check the
reference runners. Nothing in the fixture is computed here: shapes, parameter counts and verdicts
come from tfjs or torch (see assemble.py). Formulas: docs/SEMANTICS.md sections 1, 3, 5.

A shape is a tuple without the batch axis; an image is (height, width, channels).
"""

SPATIAL = {
    "Conv2D", "DepthwiseConv2D", "SeparableConv2D", "Conv2DTranspose", "MaxPooling2D",
    "AveragePooling2D", "GlobalAveragePooling2D", "GlobalMaxPooling2D", "UpSampling2D",
    "ZeroPadding2D", "Cropping2D",
}
CONV_KINDS = {"Conv2D", "DepthwiseConv2D", "SeparableConv2D", "Conv2DTranspose"}


class Invalid(Exception):
    """Keras 3 would reject the layer; reason is a short tag (e.g. 'conv_nonpositive')."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def _window(i, k, s, d, padding):
    dk = d * (k - 1) + 1
    if padding == "SAME":
        return -(-i // s)
    return (i - dk) // s + 1


def _transpose(i, k, s, d, padding, op):
    # keras/src/backend/common/backend_utils.py _get_output_shape_given_tf_padding
    dk = d * (k - 1) + 1
    if padding == "VALID":
        if op is None:
            op = max(dk, s) - dk
        return (i - 1) * s + dk + op
    if op is None:
        return i * s
    return (i - 1) * s + dk % 2 + op


def config_violation(layer):
    """Keras-3/Kiln rules that depend on the layer's attributes alone, or None."""
    t = layer["type"]
    if t in CONV_KINDS:
        if max(layer["strides"]) > 1 and max(layer["dilationRate"]) > 1:
            return "strides_dilation"
    if t == "Conv2DTranspose" and layer["outputPadding"]:
        if any(p >= s for p, s in zip(layer["outputPadding"], layer["strides"])):
            return "output_padding_ge_stride"
    if t == "Dropout" and not (0 <= layer["rate"] < 1):
        return "dropout_rate"
    return None


def output(layer, shape):
    """Predicted Keras 3 output shape of layer on shape; raises Invalid."""
    t = layer["type"]
    v = config_violation(layer)
    if v:
        raise Invalid(v)
    if t in SPATIAL and len(shape) != 3:
        raise Invalid("rank")
    if t in ("Conv2D", "DepthwiseConv2D", "SeparableConv2D"):
        h, w, c = shape
        dims = [_window(i, k, s, d, layer["padding"]) for i, k, s, d in
                zip((h, w), layer["kernelSize"], layer["strides"], layer["dilationRate"])]
        if min(dims) <= 0:
            raise Invalid("conv_nonpositive")
        ch = layer["filters"] if t != "DepthwiseConv2D" else c * layer["depthMultiplier"]
        return (dims[0], dims[1], ch)
    if t == "Conv2DTranspose":
        h, w, c = shape
        ops = layer["outputPadding"] or [None, None]
        dims = [_transpose(i, k, s, d, layer["padding"], op) for i, k, s, d, op in
                zip((h, w), layer["kernelSize"], layer["strides"], layer["dilationRate"], ops)]
        if min(dims) <= 0:
            raise Invalid("transpose_nonpositive")
        return (dims[0], dims[1], layer["filters"])
    if t in ("MaxPooling2D", "AveragePooling2D"):
        h, w, c = shape
        strides = layer["strides"] or layer["poolSize"]
        dims = [_window(i, k, s, 1, layer["padding"]) for i, k, s in
                zip((h, w), layer["poolSize"], strides)]
        if min(dims) <= 0:
            raise Invalid("pool_nonpositive")
        return (dims[0], dims[1], c)
    if t in ("GlobalAveragePooling2D", "GlobalMaxPooling2D"):
        return (1, 1, shape[2]) if layer["keepdims"] else (shape[2],)
    if t == "UpSampling2D":
        return (shape[0] * layer["size"][0], shape[1] * layer["size"][1], shape[2])
    if t == "ZeroPadding2D":
        p = layer["padding"]
        return (shape[0] + p[0] + p[1], shape[1] + p[2] + p[3], shape[2])
    if t == "Cropping2D":
        p = layer["cropping"]
        h, w = shape[0] - p[0] - p[1], shape[1] - p[2] - p[3]
        if h <= 0 or w <= 0:
            raise Invalid("crop_nonpositive")
        return (h, w, shape[2])
    if t == "Flatten":
        return (size(shape),)
    if t == "Reshape":
        target = layer["targetShape"]
        if target.count(-1) > 1 or any(d == 0 or d < -1 for d in target):
            raise Invalid("reshape_target")
        n = size(shape)
        known = 1
        for d in target:
            if d != -1:
                known *= d
        if -1 in target:
            if n % known:
                raise Invalid("reshape_size")
            return tuple(n // known if d == -1 else d for d in target)
        if known != n:
            raise Invalid("reshape_size")
        return tuple(target)
    if t == "Dense":
        return tuple(shape[:-1]) + (layer["units"],)
    return tuple(shape)  # BatchNormalization, Dropout, activations


def params(layer, shape):
    """(trainable, nonTrainable) Keras parameter counts for layer on input shape."""
    t = layer["type"]
    c = shape[-1]
    if t in ("Conv2D", "DepthwiseConv2D", "SeparableConv2D", "Conv2DTranspose"):
        k = layer["kernelSize"][0] * layer["kernelSize"][1]
        b = 1 if layer["useBias"] else 0
        if t in ("Conv2D", "Conv2DTranspose"):
            return k * c * layer["filters"] + b * layer["filters"], 0
        dm = layer["depthMultiplier"]
        if t == "DepthwiseConv2D":
            return k * c * dm + b * c * dm, 0
        return k * c * dm + c * dm * layer["filters"] + b * layer["filters"], 0
    if t == "Dense":
        return c * layer["units"] + (layer["units"] if layer["useBias"] else 0), 0
    if t == "BatchNormalization":
        return (int(layer["center"]) + int(layer["scale"])) * c, 2 * c
    return 0, 0


def macs(layer, shape, out):
    """Rough multiply count, to keep the pure-JS tfjs execution fast."""
    t = layer["type"]
    if t in ("Conv2D", "Conv2DTranspose"):
        big = out if t == "Conv2D" else shape
        return big[0] * big[1] * layer["kernelSize"][0] * layer["kernelSize"][1] * shape[2] * layer["filters"]
    if t in ("DepthwiseConv2D", "SeparableConv2D"):
        n = out[0] * out[1] * layer["kernelSize"][0] * layer["kernelSize"][1] * shape[2] * layer["depthMultiplier"]
        if t == "SeparableConv2D":
            n += out[0] * out[1] * shape[2] * layer["depthMultiplier"] * layer["filters"]
        return n
    if t == "Dense":
        return size(out) * shape[-1]
    return size(out)


def size(shape):
    n = 1
    for d in shape:
        n *= d
    return n


def trace(input_shape, layers):
    """Predicted (shapes, trainable, nonTrainable, failedAt, reason) for a whole model."""
    shapes, tr, nt = [], [], []
    shape = tuple(input_shape)
    for i, layer in enumerate(layers):
        try:
            out = output(layer, shape)
        except Invalid as e:
            return shapes, tr, nt, i, e.reason
        a, b = params(layer, shape)
        shapes.append(list(out))
        tr.append(a)
        nt.append(b)
        shape = out
    return shapes, tr, nt, None, None
