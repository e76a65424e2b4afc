"""Writes the free-size fixture (issue 14): examples/SameUNet.java with the weights of the
`same_unet32` fixture, run by PyTorch at several input sizes. Kiln declares the same model with a free
height and width (Input.ANY) and must give these outputs at each size from one set of weights
(dsl: FreeSizeNetworkTest).

Run after make_fixtures.py, with Debian's python3-torch:
    /usr/bin/python3 reference/graph-outputs/free_sizes.py
Seeded: a rerun writes the same bytes.
"""
import json
import os
import sys
import zlib

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_fixtures as mf  # noqa: E402  the SAME U-Net, the weight initialisation, the writers

# Sizes SameUNet's four VALID poolings accept (multiples of 16), square and not.
SIZES = [(16, 16), (48, 32), (32, 64), (80, 16)]
F = [2, 4, 8, 16, 32]


def main():
    torch.set_num_threads(1)
    net = mf.SameUNetTorch(F, False)
    mf.init_weights(net, zlib.crc32(b"same_unet32"), "BF16")  # exactly the same_unet32 fixture's weights
    net.eval()
    cases = []
    with open(os.path.join(mf.DSL_OUT, "same_unet_free.bin"), "wb") as out:
        for height, width in SIZES:
            seed = zlib.crc32(("same_unet_free/%dx%d" % (height, width)).encode())
            x = mf.lcg_floats(seed, mf.BATCH * height * width * 3).reshape([mf.BATCH, height, width, 3])
            y = mf.run_explicit(net, x)
            assert list(y.shape) == [mf.BATCH, height, width, 1], y.shape
            out.write(np.ascontiguousarray(y.float().numpy(), dtype="<f4").tobytes())
            cases.append({"height": height, "width": width, "inputSeed": seed})
            print("%dx%d: max|y| %.3g" % (height, width, float(y.abs().max())))
    with open(os.path.join(mf.DSL_OUT, "same_unet_free.jsonl"), "w") as f:
        json.dump({"id": "same_unet_free", "reference": "torch-" + torch.__version__.split("a")[0],
                   "weights": "same_unet32.torch.safetensors", "batch": mf.BATCH, "sizes": cases}, f)
        f.write("\n")


if __name__ == "__main__":
    main()
