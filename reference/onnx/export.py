"""Exports the ONNX fixtures of Kiln's ONNX importer (importer/, package dev.kiln.importer.onnx).

Run from the repository root with Debian's Python (torch 1.13, torchvision 0.14, onnx 1.12):

    /usr/bin/python3 reference/onnx/export.py            # the committed fixtures
    /usr/bin/python3 reference/onnx/export.py --full DIR # full-size models with weights and outputs

--full writes NAME.opsetN.onnx, NAME.input.f32, NAME.opsetN.output.f32 (PyTorch, float32) and
NAME.output.f64 (the same model run in float64) for importer/.../FullSizeOnnxTest.

Committed (importer/src/test/resources/dev/kiln/importer/onnx/):
  * NAME.opsetN.graph.onnx for torchvision resnet18, resnet50, mobilenet_v2, vgg11 at opsets 13
    and 17: the graph with every float initializer of more than 16 elements emptied (dims and type
    kept, data removed), for the import, compile and parameter-count tests.
  * NAME.opsetN.onnx for four small networks with their real (seeded random) weights, plus
    NAME.input.f32 and NAME.opsetN.output.f32: one input (N, C, H, W) and PyTorch's output, raw
    little-endian float32, row-major, for the output-equality tests.

Export settings: the model is in eval mode, but exported with TrainingMode.PRESERVE and constant
folding off, because TrainingMode.EVAL folds each BatchNormalization into the convolution before it
(torch.onnx's eval peephole), which changes the parameter count and loses the layer. BatchNorm
statistics and affine parameters, and all biases, are randomised (seeded) so that they are not the
identity (and torch.onnx does not merge equal initializers into one behind Identity nodes).
"""
import argparse
import os
import sys

import numpy as np
import onnx
import torch
import torch.nn as nn
import torchvision

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "importer", "src", "test", "resources",
                   "dev", "kiln", "importer", "onnx")
OPSETS = (13, 17)


class UNet(nn.Module):
    """Two levels down, two up through transposed convolutions, skip connections concatenated."""

    def __init__(self):
        super().__init__()
        def block(cin, cout):
            return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout),
                                 nn.ReLU(inplace=True))
        self.enc1 = block(3, 8)
        self.pool1 = nn.MaxPool2d(2)
        self.enc2 = block(8, 16)
        self.pool2 = nn.MaxPool2d(2)
        self.bottleneck = block(16, 32)
        self.up2 = nn.ConvTranspose2d(32, 16, kernel_size=2, stride=2)
        self.dec2 = block(32, 16)
        # padding 1 with output_padding 1: the crop and the extra row Kiln must reproduce
        self.up1 = nn.ConvTranspose2d(16, 8, kernel_size=3, stride=2, padding=1, output_padding=1)
        self.dec1 = block(16, 8)
        self.head = nn.Conv2d(8, 2, 1)

    def forward(self, x):
        e1 = self.enc1(x)
        e2 = self.enc2(self.pool1(e1))
        b = self.bottleneck(self.pool2(e2))
        d2 = self.dec2(torch.cat([self.up2(b), e2], dim=1))
        d1 = self.dec1(torch.cat([self.up1(d2), e1], dim=1))
        return torch.sigmoid(self.head(d1))


class TinyResNet(nn.Module):
    """ResNet's stem (7x7 stride 2 padding 3, max pool 3 stride 2 padding 1) and two basic blocks."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(8)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        self.layer1 = torchvision.models.resnet.BasicBlock(8, 8)
        down = nn.Sequential(nn.Conv2d(8, 16, 1, stride=2, bias=False), nn.BatchNorm2d(16))
        self.layer2 = torchvision.models.resnet.BasicBlock(8, 16, stride=2, downsample=down)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(16, 10)

    def forward(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        x = self.layer2(self.layer1(x))
        return self.fc(torch.flatten(self.avgpool(x), 1))


class OpsMix(nn.Module):
    """The ops the torchvision models do not use: LeakyReLU, HardSigmoid, bilinear and nearest
    upsampling, average pooling with count_include_pad and ceil_mode, a Linear layer after
    flattening a 4x4 image (the C,H,W order), Tanh and Softmax."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 3, stride=1, padding=2, dilation=2)
        self.act1 = nn.LeakyReLU(0.1)
        self.pool1 = nn.AvgPool2d(3, stride=2, padding=1, count_include_pad=True)
        self.up = nn.Upsample(scale_factor=2, mode="bilinear", align_corners=False)
        self.conv2 = nn.Conv2d(6, 8, 3, stride=2, padding=1)
        self.act2 = nn.Hardsigmoid()
        self.pool2 = nn.AvgPool2d(2, stride=2, ceil_mode=True, count_include_pad=False)
        self.near = nn.Upsample(scale_factor=2, mode="nearest")
        self.pool3 = nn.MaxPool2d(2)
        self.fc1 = nn.Linear(8 * 4 * 4, 12)
        self.fc2 = nn.Linear(12, 5)

    def forward(self, x):
        x = self.pool1(self.act1(self.conv1(x)))            # 3x15x15 -> 6x15x15 -> 6x8x8
        x = self.act2(self.conv2(self.up(x)))                # 6x16x16 -> 8x8x8
        x = self.pool3(self.near(self.pool2(x)))             # 8x4x4 -> 8x8x8 -> 8x4x4
        x = torch.tanh(self.fc1(x.reshape(x.shape[0], -1)))
        return torch.softmax(self.fc2(x), dim=1)


def mobilenet_small():
    """torchvision's MobileNetV2 blocks at a quarter width: ReLU6 (Clip), depthwise convolutions."""
    return torchvision.models.mobilenet_v2(width_mult=0.25, num_classes=10)


SMALL = {"unet": (UNet, (1, 3, 32, 32)), "tiny_resnet": (TinyResNet, (1, 3, 64, 64)),
         "mobilenet_small": (mobilenet_small, (1, 3, 64, 64)), "ops_mix": (OpsMix, (1, 3, 15, 15))}
TORCHVISION = {"resnet18": torchvision.models.resnet18, "resnet50": torchvision.models.resnet50,
               "mobilenet_v2": torchvision.models.mobilenet_v2, "vgg11": torchvision.models.vgg11}


def seeded(make, seed):
    torch.manual_seed(seed)
    model = make()
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            if name.endswith("bias"):  # torchvision initialises biases to zero; a test should see them
                parameter.uniform_(-0.1, 0.1)
        for module in model.modules():
            if isinstance(module, nn.BatchNorm2d):
                module.weight.uniform_(0.5, 1.5)
                module.bias.uniform_(-0.2, 0.2)
                module.running_mean.uniform_(-0.2, 0.2)
                module.running_var.uniform_(0.5, 1.5)
    return model.eval()


def export(model, shape, path, opset):
    torch.onnx.export(model, torch.zeros(shape), path, opset_version=opset,
                      training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=False,
                      input_names=["image"], output_names=["output"])
    onnx.checker.check_model(onnx.load(path))


def strip(path, target):
    """Empties every float initializer of more than 16 elements: the graph and shapes stay."""
    model = onnx.load(path)
    for tensor in model.graph.initializer:
        if tensor.data_type == onnx.TensorProto.FLOAT and int(np.prod(tensor.dims)) > 16:
            tensor.ClearField("raw_data")
            del tensor.float_data[:]
    onnx.save(model, target)


def write_f32(array, path):
    np.ascontiguousarray(array, dtype="<f4").tofile(path)


def small_fixtures():
    for index, (name, (make, shape)) in enumerate(sorted(SMALL.items())):
        model = seeded(make, 1300 + index)
        torch.manual_seed(2600 + index)
        x = torch.rand(shape) * 2 - 1
        write_f32(x.numpy(), os.path.join(OUT, name + ".input.f32"))
        with torch.no_grad():
            y = model(x)
        for opset in OPSETS:
            path = os.path.join(OUT, "%s.opset%d.onnx" % (name, opset))
            export(model, shape, path, opset)
            write_f32(y.numpy(), os.path.join(OUT, "%s.opset%d.output.f32" % (name, opset)))
        params = sum(p.numel() for p in model.parameters())
        print("%s: %d parameters, output %s" % (name, params, tuple(y.shape)))


def calibrate(model, shape, seed):
    """BatchNorm statistics as training leaves them: the mean and variance of what each layer sees.
    Random statistics would let activations grow through ResNet-50's 16 residual blocks until the
    float32 rounding of any two implementations (PyTorch's own against float64 included) differ by
    more than 1e-4; a trained network normalises them, and so does this."""
    torch.manual_seed(seed)
    for module in model.modules():
        if isinstance(module, nn.BatchNorm2d):
            module.reset_running_stats()
            module.momentum = None  # a cumulative average over the batches below
    model.train()
    with torch.no_grad():
        for _ in range(4):
            model(torch.rand((8,) + shape[1:]) * 2 - 1)
    for module in model.modules():
        if isinstance(module, nn.BatchNorm2d):
            module.momentum = 0.1  # PyTorch's default again, exported as ONNX momentum 0.9
    return model.eval()


def graph_fixtures(directory, keep_weights):
    for index, (name, make) in enumerate(sorted(TORCHVISION.items())):
        shape = (1, 3, 224, 224)
        model = calibrate(seeded(make, 1400 + index), shape, 2800 + index)
        params = sum(p.numel() for p in model.parameters())
        torch.manual_seed(2700 + index)
        x = torch.rand(shape) * 2 - 1
        for opset in OPSETS:
            full = os.path.join(directory, "%s.opset%d.onnx" % (name, opset))
            export(model, shape, full, opset)
            if keep_weights:
                with torch.no_grad():
                    write_f32(model(x).numpy(), os.path.join(directory, "%s.opset%d.output.f32" % (name, opset)))
                write_f32(x.numpy(), os.path.join(directory, "%s.input.f32" % name))
            else:
                strip(full, os.path.join(directory, "%s.opset%d.graph.onnx" % (name, opset)))
                os.remove(full)
        if keep_weights:
            exact(model, x, os.path.join(directory, "%s.output.f64" % name))
        print("%s: %d parameters (torchvision)" % (name, params))


def exact(model, x, path):
    """The same model in float64: how far each float32 result (PyTorch's, Kiln's) is from exact."""
    with torch.no_grad():
        y = model.double()(x.double()).numpy()
    model.float()
    np.ascontiguousarray(y, dtype="<f8").tofile(path)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--full", metavar="DIR", help="export the full-size models with weights to DIR")
    args = parser.parse_args()
    if args.full:
        os.makedirs(args.full, exist_ok=True)
        graph_fixtures(args.full, True)
        return
    os.makedirs(OUT, exist_ok=True)
    small_fixtures()
    graph_fixtures(OUT, False)


if __name__ == "__main__":
    sys.exit(main())
