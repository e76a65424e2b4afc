"""Trains the two Fashion-MNIST models of Kiln's demo and writes what the Java demo checks against.

Run from anywhere with Debian's PyTorch (python3-torch 1.13) and the dataset-fashion-mnist package:

    /usr/bin/python3 reference/training/train.py

It writes examples/src/main/resources/fashion/ (README.md next to this script lists the files): each model's weights as
a PyTorch state_dict and in Kiln's Keras layout, both safetensors; the first 1,000 test images and
labels; PyTorch's outputs for them. Everything is seeded and single-threaded, so a rerun on the
same machine reproduces the files byte for byte (checked: a second run wrote identical files).
"""
import argparse
import os
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

import fashion

DATA = "/usr/share/datasets/fashion-mnist"
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "examples", "src", "main", "resources", "fashion")
SAMPLE = 1000       # test images shipped with the demo
SIGMA = 0.3         # the denoiser's Gaussian noise, added to pixels in [0, 1], then clipped
SAMPLE_NOISE_SEED = 20240501  # SplitMix64 seed of the sample's noise (fashion.noisy; Java: FashionNoise)
DENOISED = 16       # sample images whose denoised outputs are shipped


class FlatDense(nn.Linear):
    """nn.Linear on a flattened (C, H, W) tensor, computed as a C x H x W convolution.

    The same maths and the same parameters (weight (out, C*H*W), C,H,W-flattened inputs) as
    nn.Linear, but Debian's torch runs matrix products on a generic BLAS, ~4x slower than its
    oneDNN convolution here. Only training uses it; the shipped outputs come from a plain nn.Linear.
    """

    def __init__(self, chw, out):
        super().__init__(chw[0] * chw[1] * chw[2], out)
        self.chw = chw

    def forward(self, x):
        return F.conv2d(x.view(-1, *self.chw), self.weight.view(-1, *self.chw), self.bias).flatten(1)


def tutorial_cnn(training):
    """examples/.../TutorialCnn.java in NCHW; softmax is left to the loss (training) or applied after."""
    dense = FlatDense((64, 7, 7), 1024) if training else nn.Linear(3136, 1024)
    return nn.Sequential(
        nn.Conv2d(1, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),     # 0 conv1, 2 pool1
        nn.Conv2d(32, 64, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),    # 3 conv2, 5 pool2
        nn.Flatten(), dense, nn.ReLU(),                                  # 6 flat (C,H,W), 7 dense
        nn.Linear(1024, 10))                                             # 9 classes (before softmax)


CNN_FIELDS = {"conv1": ("0", None), "conv2": ("3", None), "dense": ("7", (64, 7, 7)), "classes": ("9", None)}


def denoiser():
    """examples/.../Denoiser.java in NCHW: 3x3 SAME convolutions (padding 1), nearest upsampling."""
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),      # 0 conv1, 2 pool1
        nn.Conv2d(32, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),     # 3 conv2, 5 pool2
        nn.Conv2d(16, 8, 3, padding=1), nn.ReLU(),                       # 6 conv3
        nn.Conv2d(8, 8, 3, padding=1), nn.ReLU(),                        # 8 conv4
        nn.Upsample(scale_factor=2, mode="nearest"),                     # 10 up1
        nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(),                       # 11 conv5
        nn.Upsample(scale_factor=2, mode="nearest"),                     # 13 up2
        nn.Conv2d(16, 1, 3, padding=1))                                  # 14 restored (linear)


DENOISER_FIELDS = {"conv1": ("0", None), "conv2": ("3", None), "conv3": ("6", None), "conv4": ("8", None),
                   "conv5": ("11", None), "restored": ("14", None)}


def pixels(images):
    """uint8 (N, 28, 28) -> float32 (N, 1, 28, 28) in [0, 1]: pixel / 255 rounded once to float32."""
    return torch.from_numpy(images.astype(np.float32)).unsqueeze(1) / 255.0


def train(model, inputs, targets, loss, epochs, batch, seed, noise=None):
    """Adam (lr 1e-3) over shuffled mini-batches; noise(x, generator) corrupts inputs if given."""
    generator = torch.Generator().manual_seed(seed)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    steps = (len(inputs) + batch - 1) // batch
    for epoch in range(epochs):
        order = torch.randperm(len(inputs), generator=generator)
        start, total = time.time(), 0.0
        for step in range(steps):
            index = order[step * batch:(step + 1) * batch]
            x = inputs[index]
            if noise is not None:
                x = noise(x, generator)
            optimizer.zero_grad()
            value = loss(model(x), targets[index])
            value.backward()
            optimizer.step()
            total += value.item()
            if (step + 1) % 100 == 0 or step + 1 == steps:
                print(f"  epoch {epoch + 1}/{epochs} step {step + 1}/{steps} loss {total / (step + 1):.4f} "
                      f"({time.time() - start:.0f} s)", flush=True)


def batched(model, inputs, batch=500):
    with torch.no_grad():
        return torch.cat([model(inputs[i:i + batch]) for i in range(0, len(inputs), batch)])


def gaussian(x, generator):
    return (x + SIGMA * torch.randn(x.shape, generator=generator)).clamp(0.0, 1.0)


def save_weights(name, state, fields, dtype, out, metadata):
    """<name>.torch.safetensors (the state_dict, nn.Sequential indices) and <name>.keras.safetensors."""
    torch_tensors = {key: value.detach().numpy() for key, value in state.items()}
    fashion.write_safetensors(os.path.join(out, name + ".torch.safetensors"), torch_tensors, dtype,
                              dict(metadata, format="pt", layout="PyTorch state_dict of an nn.Sequential"))
    keras = fashion.to_keras(state, fields)
    fashion.write_safetensors(os.path.join(out, name + ".keras.safetensors"), keras, dtype,
                              dict(metadata, layout="Keras: <field>/kernel (kh, kw, in, out) or (in, out), "
                                                    "<field>/bias"))
    return keras


def write_f32(out, name, array):
    np.ascontiguousarray(array, dtype="<f4").tofile(os.path.join(out, name))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=OUT)
    parser.add_argument("--cnn-epochs", type=int, default=2)
    parser.add_argument("--denoiser-epochs", type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(1)  # a shared 2-core machine; also makes the run reproducible
    torch.manual_seed(0)
    os.makedirs(args.out, exist_ok=True)

    train_images = fashion.read_idx(f"{DATA}/train-images-idx3-ubyte.gz")
    train_labels = fashion.read_idx(f"{DATA}/train-labels-idx1-ubyte.gz")
    test_images = fashion.read_idx(f"{DATA}/t10k-images-idx3-ubyte.gz")
    test_labels = fashion.read_idx(f"{DATA}/t10k-labels-idx1-ubyte.gz")
    fashion.write_idx_gz(os.path.join(args.out, "sample-images-idx3-ubyte.gz"), test_images[:SAMPLE])
    fashion.write_idx_gz(os.path.join(args.out, "sample-labels-idx1-ubyte.gz"), test_labels[:SAMPLE])
    x_train, x_test = pixels(train_images), pixels(test_images)
    y_train, y_test = torch.from_numpy(train_labels.astype(np.int64)), torch.from_numpy(test_labels.astype(np.int64))
    sample = x_test[:SAMPLE]
    meta = {"torch": torch.__version__, "script": "reference/training/train.py"}
    properties = {}

    print(f"TutorialCnn: {args.cnn_epochs} epochs on {len(x_train)} images", flush=True)
    cnn = tutorial_cnn(training=True)
    train(cnn, x_train, y_train, F.cross_entropy, args.cnn_epochs, batch=64, seed=1)
    # Shipped as float16 (6.5 MB instead of 13 MB per file); every output below uses the rounded weights.
    state = {key: value.detach().half().float() for key, value in cnn.state_dict().items()}
    plain = tutorial_cnn(training=False)
    plain.load_state_dict(state)
    plain.eval()
    fast = tutorial_cnn(training=True)
    fast.load_state_dict(state)
    test_accuracy = (batched(fast, x_test).argmax(1) == y_test).double().mean().item()
    logits = batched(plain, sample)
    probabilities = torch.softmax(logits, dim=1)
    predictions = probabilities.argmax(1)
    accuracy = (predictions == y_test[:SAMPLE]).sum().item()
    top2 = probabilities.topk(2, dim=1).values
    keras = save_weights("tutorial-cnn", state, CNN_FIELDS, "F16", args.out, meta)
    check_flatten_order(plain, keras, sample, logits)
    np.ascontiguousarray(predictions.numpy(), dtype=np.uint8).tofile(os.path.join(args.out, "tutorial-cnn.predictions.u8"))
    write_f32(args.out, "tutorial-cnn.logits.f32", logits.numpy())
    write_f32(args.out, "tutorial-cnn.probabilities.f32", probabilities.numpy())
    properties.update({"cnn.epochs": args.cnn_epochs, "cnn.weights.dtype": "F16",
                       "cnn.sample.correct": accuracy, "cnn.test.accuracy": f"{test_accuracy:.4f}",
                       "cnn.sample.minTop2Gap": f"{(top2[:, 0] - top2[:, 1]).min().item():.6g}"})
    print(f"TutorialCnn: {accuracy}/{SAMPLE} of the sample, {100 * test_accuracy:.2f}% of the 10,000 test images "
          f"(float16 weights)", flush=True)

    print(f"Denoiser: {args.denoiser_epochs} epochs on {len(x_train)} noisy images (sigma {SIGMA})", flush=True)
    model = denoiser()
    train(model, x_train, x_train, F.mse_loss, args.denoiser_epochs, batch=128, seed=2, noise=gaussian)
    model.eval()
    state = {key: value.detach().clone() for key, value in model.state_dict().items()}
    save_weights("denoiser", state, DENOISER_FIELDS, "F32", args.out, meta)
    noisy = torch.from_numpy(fashion.noisy(test_images[:SAMPLE], SAMPLE_NOISE_SEED, SIGMA)).unsqueeze(1)
    restored = batched(model, noisy)
    write_f32(args.out, "denoiser.noisy16.f32", noisy[:DENOISED].numpy())
    write_f32(args.out, "denoiser.outputs16.f32", restored[:DENOISED].numpy())
    noisy_mse = F.mse_loss(noisy, sample).item()
    restored_mse = F.mse_loss(restored, sample).item()
    properties.update({"denoiser.epochs": args.denoiser_epochs, "denoiser.weights.dtype": "F32",
                       "noise.sigma": SIGMA, "noise.seed": SAMPLE_NOISE_SEED, "denoiser.outputs": DENOISED,
                       "denoiser.sample.noisyMse": f"{noisy_mse:.6f}",
                       "denoiser.sample.denoisedMse": f"{restored_mse:.6f}"})
    print(f"Denoiser: mean squared error to the clean sample {noisy_mse:.4f} noisy, {restored_mse:.4f} denoised",
          flush=True)

    with open(os.path.join(args.out, "reference.properties"), "w") as f:
        f.write(f"# Written by reference/training/train.py (torch {torch.__version__}); read by the Java demo.\n")
        f.write(f"sample.size={SAMPLE}\n")
        for key, value in properties.items():
            f.write(f"{key}={value}\n")


def check_flatten_order(plain, keras, sample, logits):
    """The Keras-layout dense kernel, fed an H,W,C flattening, must give PyTorch's logits."""
    with torch.no_grad():
        features = plain[:6](sample).permute(0, 2, 3, 1).reshape(len(sample), -1)   # (N, 7*7*64) H,W,C
        hidden = torch.relu(features @ torch.from_numpy(keras["dense/kernel"]) + torch.from_numpy(keras["dense/bias"]))
        again = hidden @ torch.from_numpy(keras["classes/kernel"]) + torch.from_numpy(keras["classes/bias"])
    difference = (again - logits).abs().max().item()
    assert difference < 1e-3, f"Keras-layout dense kernels give logits off by {difference}"
    print(f"  Keras layout checked: H,W,C-flattened features give the same logits (max difference {difference:.2g})")


if __name__ == "__main__":
    main()
