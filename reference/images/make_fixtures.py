"""Writes the image-preprocessing fixtures of dev.kiln.runtime.ImagePreprocessingTest.

Run from the repository root with Debian's Python (Pillow 9.4, PyTorch 1.13, torchvision 0.14):
    /usr/bin/python3 reference/images/make_fixtures.py
It draws two small PNG files (seeded), then preprocesses them as PyTorch/torchvision and Keras's
preprocess_input define it, and as Pillow resizes them, and writes each result as little-endian
float32, (height, width, channels) row-major, with cases.txt listing what each file holds.
"""
import os

import numpy as np
import torch
import torch.nn.functional as F
import torchvision.transforms.functional as TF
from PIL import Image
from torchvision.transforms import InterpolationMode

OUT = "runtime/src/test/resources/images"
IMAGENET_MEAN = [0.485, 0.456, 0.406]
IMAGENET_STD = [0.229, 0.224, 0.225]
CAFFE_MEAN_BGR = [103.939, 116.779, 123.68]


def draw():
    rng = np.random.default_rng(20261201)
    y, x = np.mgrid[0:23, 0:37]
    # smooth gradients plus noise, so resizing differences show and nothing saturates by accident
    rgb = np.stack([x * 6 + y * 2, 255 - x * 5, y * 10 + 20], axis=-1) + rng.integers(-40, 41, (23, 37, 3))
    Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8), "RGB").save(f"{OUT}/rgb-23x37.png")
    gray = rng.integers(0, 256, (13, 19)).astype(np.uint8)
    Image.fromarray(gray, "L").save(f"{OUT}/gray-13x19.png")


def torch_resize(chw, height, width, resize):
    if resize == "BILINEAR":
        return TF.resize(chw, [height, width], InterpolationMode.BILINEAR, antialias=False)
    return F.interpolate(chw[None], size=(height, width), mode="nearest-exact")[0]


def scale(chw, scaling, order):
    if scaling == "UNIT":
        out = chw / 255
    elif scaling == "TF":
        out = chw / 127.5 - 1
    elif scaling == "TORCH":
        out = TF.normalize(chw / 255, IMAGENET_MEAN, IMAGENET_STD)
    else:  # CAFFE: Keras flips RGB to BGR, then subtracts the BGR mean
        out = chw.flip(0) - torch.tensor(CAFFE_MEAN_BGR).view(3, 1, 1)
        return out if order == "BGR" else out.flip(0)
    return out.flip(0) if order == "BGR" else out


def write(name, hwc, lines, line):
    np.ascontiguousarray(hwc, dtype="<f4").tofile(f"{OUT}/{name}.f32")
    lines.append(f"{name} {line}")


def main():
    os.makedirs(OUT, exist_ok=True)
    draw()
    lines = []
    rgb = Image.open(f"{OUT}/rgb-23x37.png")
    gray = Image.open(f"{OUT}/gray-13x19.png")
    rgb_chw = TF.pil_to_tensor(rgb).float()
    gray_chw = TF.pil_to_tensor(gray).float()
    # torch: (image, height, width, channels, resize, scaling, order)
    cases = [
        ("rgb-23x37.png", 16, 16, 3, "BILINEAR", "UNIT", "RGB"),
        ("rgb-23x37.png", 50, 40, 3, "BILINEAR", "UNIT", "RGB"),
        ("rgb-23x37.png", 50, 40, 3, "BILINEAR", "TF", "RGB"),
        ("rgb-23x37.png", 16, 16, 3, "BILINEAR", "CAFFE", "BGR"),
        ("rgb-23x37.png", 50, 40, 3, "BILINEAR", "TORCH", "RGB"),
        ("rgb-23x37.png", 23, 37, 3, "BILINEAR", "TORCH", "BGR"),
        ("rgb-23x37.png", 16, 16, 3, "NEAREST", "UNIT", "RGB"),
        ("rgb-23x37.png", 50, 40, 3, "NEAREST", "TF", "RGB"),
        ("gray-13x19.png", 28, 28, 1, "BILINEAR", "UNIT", "RGB"),
        ("gray-13x19.png", 7, 9, 1, "BILINEAR", "TF", "RGB"),
        ("gray-13x19.png", 28, 28, 1, "NEAREST", "UNIT", "RGB"),
    ]
    for i, (image, height, width, channels, resize, scaling, order) in enumerate(cases):
        chw = rgb_chw if image.startswith("rgb") else gray_chw
        out = scale(torch_resize(chw, height, width, resize), scaling, order)
        write(f"torch-{i}", out.permute(1, 2, 0).numpy(), lines,
              f"torch {image} {height} {width} {channels} {resize} {scaling} {order}")
    # Pillow: resized uint8 values as floats in [0, 255] (no scaling), RGB; and convert("L")
    for i, (image, height, width, resample) in enumerate([
        ("rgb-23x37.png", 50, 40, "BILINEAR"), ("rgb-23x37.png", 16, 16, "BILINEAR"),
        ("rgb-23x37.png", 50, 40, "NEAREST"), ("rgb-23x37.png", 16, 16, "NEAREST"),
        ("gray-13x19.png", 28, 28, "BILINEAR"),
    ]):
        source = rgb if image.startswith("rgb") else gray
        resized = source.resize((width, height), getattr(Image, resample))
        hwc = np.asarray(resized, dtype=np.float32).reshape(height, width, -1)
        write(f"pillow-{i}", hwc, lines, f"pillow {image} {height} {width} {hwc.shape[2]} {resample} RAW RGB")
    luma = np.asarray(rgb.convert("L"), dtype=np.float32).reshape(23, 37, 1)
    write("pillow-luma", luma, lines, "pillow rgb-23x37.png 23 37 1 NONE RAW RGB")
    with open(f"{OUT}/cases.txt", "w") as f:
        f.write("# name reference image height width channels resize scaling order (make_fixtures.py)\n")
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
