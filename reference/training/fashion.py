"""File formats and the portable noise shared by train.py and Kiln's Java demo.

* idx (the MNIST format): big-endian magic 0x0000080N (N = number of dimensions), the dimensions as
  big-endian uint32, then the uint8 values row-major. Read from the Debian package
  dataset-fashion-mnist, written (gzip, mtime 0, so byte-identical across runs) for the sample.
* safetensors: 8-byte little-endian header length, a JSON header {name: {dtype, shape,
  data_offsets}} padded with spaces to a multiple of 8 bytes, then the tensors back to back.
* The noise: the Java demo must add exactly the noise PyTorch saw, and torch.randn cannot be
  reproduced in Java, so the sample's noise comes from SplitMix64 and Box-Muller in double precision,
  which both languages compute identically (dev.kiln.examples.FashionNoise is the Java twin).
"""
import gzip
import json
import math
import struct

import numpy as np

MASK = (1 << 64) - 1


def read_idx(path):
    """An idx file (gzip or raw) as a numpy uint8 array of its dimensions."""
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    zero, dtype, ndim = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype != 0x08:
        raise ValueError(f"{path}: not an unsigned-byte idx file")
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    values = np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim)
    if values.size != math.prod(dims):
        raise ValueError(f"{path}: {values.size} values for dimensions {dims}")
    return values.reshape(dims)


def write_idx_gz(path, array):
    """A uint8 array as a gzipped idx file; mtime 0 keeps the bytes identical across runs."""
    array = np.ascontiguousarray(array, dtype=np.uint8)
    header = struct.pack(">HBB", 0, 0x08, array.ndim) + struct.pack(">" + "I" * array.ndim, *array.shape)
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as f:
        f.write(header + array.tobytes())


def write_safetensors(path, tensors, dtype, metadata):
    """{name: float32 numpy array} as safetensors, every tensor stored as dtype "F32" or "F16".

    Names keep the dict's order in the header; the data follow in that order.
    """
    numpy_dtype = {"F32": "<f4", "F16": "<f2"}[dtype]
    header = {"__metadata__": metadata}
    blobs = []
    offset = 0
    for name, array in tensors.items():
        blob = np.ascontiguousarray(array, dtype=numpy_dtype).tobytes()
        header[name] = {"dtype": dtype, "shape": list(array.shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def to_keras(state, names):
    """A PyTorch state_dict in Kiln's Keras layout: {"<field>/kernel": ..., "<field>/bias": ...}.

    names maps each Kiln field (in declaration order) to its PyTorch module. Conv2d (out, in, kh, kw)
    becomes (kh, kw, in, out); Linear (out, in) becomes (in, out). A Linear after a Flatten of a
    (C, H, W) tensor -- flatten_chw maps its module to (C, H, W) -- has its input rows reordered
    from PyTorch's C,H,W flattening to Keras's H,W,C (docs/SEMANTICS.md 6.5).
    """
    keras = {}
    for field, (module, flatten_chw) in names.items():
        weight = state[module + ".weight"].detach().numpy().astype(np.float32)
        if weight.ndim == 4:
            kernel = weight.transpose(2, 3, 1, 0)
        else:
            kernel = weight.T
            if flatten_chw is not None:
                channels, height, width = flatten_chw
                kernel = (kernel.reshape(channels, height, width, -1).transpose(1, 2, 0, 3)
                          .reshape(channels * height * width, -1))
        keras[field + "/kernel"] = np.ascontiguousarray(kernel)
        keras[field + "/bias"] = state[module + ".bias"].detach().numpy().astype(np.float32)
    return keras


def splitmix64(seed, count):
    """count successive SplitMix64 outputs from seed (Java: the same constants, unsigned shifts)."""
    out = []
    state = seed & MASK
    for _ in range(count):
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        out.append(z ^ (z >> 31))
    return out


def noisy(images, seed, sigma):
    """images (N, 28, 28) uint8 -> float32 clip(pixel / 255 + sigma * z, 0, 1), computed in double.

    z is Box-Muller's cosine branch: u1 = 1 - (a >> 11) * 2^-53 (in (0, 1]), u2 = (b >> 11) * 2^-53,
    z = sqrt(-2 ln u1) * cos(2 pi u2), from consecutive SplitMix64 outputs a, b; pixels in row-major
    order, image after image. One draw pair per pixel.
    """
    flat = images.reshape(-1)
    draws = splitmix64(seed, 2 * flat.size)
    result = np.empty(flat.size, dtype=np.float32)
    for i, pixel in enumerate(flat.tolist()):
        u1 = 1.0 - (draws[2 * i] >> 11) * 2.0 ** -53
        u2 = (draws[2 * i + 1] >> 11) * 2.0 ** -53
        z = math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)
        result[i] = min(1.0, max(0.0, pixel / 255.0 + sigma * z))
    return result.reshape(images.shape)
