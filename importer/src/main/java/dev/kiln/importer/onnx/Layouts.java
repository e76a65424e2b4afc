package dev.kiln.importer.onnx;

/**
 * ONNX (PyTorch) to Keras weight layouts, row-major both sides. The same conversions as
 * {@code dev.kiln.weights.TorchLayouts} (package-private there), for weights that come from an ONNX
 * graph rather than a {@code state_dict}.
 */
final class Layouts {
  private Layouts() {}

  /**
   * A 4-D kernel {@code (a, b, kh, kw)} to Keras {@code (kh, kw, b, a)}: Conv {@code (out, in, kh, kw)}
   * to {@code (kh, kw, in, out)}; ConvTranspose {@code (in, out, kh, kw)} to {@code (kh, kw, out, in)};
   * depthwise {@code (channels * multiplier, 1, kh, kw)} to {@code (kh, kw, 1, channels * multiplier)},
   * the same row-major order as Keras's {@code (kh, kw, channels, multiplier)}, because ONNX output
   * channel {@code c * multiplier + m} reads input channel {@code c}.
   */
  static Binding.Layout kernel(int a, int b, int kh, int kw) {
    return onnx -> {
      float[] keras = new float[onnx.length];
      for (int i = 0; i < a; i++) {
        for (int j = 0; j < b; j++) {
          for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
              keras[((y * kw + x) * b + j) * a + i] = onnx[((i * b + j) * kh + y) * kw + x];
            }
          }
        }
      }
      return keras;
    };
  }

  /**
   * A Dense kernel {@code (features, units)} from ONNX's {@code (units, features)} when
   * {@code transposed} (Gemm transB = 1, PyTorch's Linear) or {@code (features, units)} otherwise;
   * after a flattened image, Keras row {@code n} is ONNX feature {@code order[n]}.
   */
  static Binding.Layout dense(int features, int units, boolean transposed, int[] order) {
    return onnx -> {
      float[] keras = new float[onnx.length];
      for (int n = 0; n < features; n++) {
        int f = order == null ? n : order[n];
        for (int u = 0; u < units; u++) {
          keras[n * units + u] = transposed ? onnx[u * features + f] : onnx[f * units + u];
        }
      }
      return keras;
    };
  }

  /** A per-feature vector; after a flattened image, Keras feature {@code k} is ONNX feature {@code order[k]}. */
  static Binding.Layout vector(int[] order) {
    if (order == null) {
      return Binding.SAME;
    }
    return onnx -> {
      float[] keras = new float[onnx.length];
      for (int k = 0; k < keras.length; k++) {
        keras[k] = onnx[order[k]];
      }
      return keras;
    };
  }

  /** For each {@code (h, w, c)} position in HWC order, its index in CHW order; null when they agree. */
  static int[] chwOrder(int channels, int height, int width) {
    if (channels == 1 || height * width == 1) {
      return null;
    }
    int[] order = new int[channels * height * width];
    for (int h = 0; h < height; h++) {
      for (int w = 0; w < width; w++) {
        for (int c = 0; c < channels; c++) {
          order[(h * width + w) * channels + c] = (c * height + h) * width + w;
        }
      }
    }
    return order;
  }
}
