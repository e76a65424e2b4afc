package dev.kiln.weights;

/**
 * PyTorch (and ONNX, which PyTorch exports) to Keras weight layouts, row-major on both sides
 * (docs/SEMANTICS.md §6.4–6.5): the one place these index formulas live, for {@link WeightFiles}'
 * {@code state_dict} reader and for the ONNX importer.
 */
public final class TorchToKeras {
  private TorchToKeras() {}

  /**
   * A 4-D kernel {@code (a, b, kh, kw)} as Keras {@code (kh, kw, b, a)}: Conv2d {@code (out, in, kh, kw)}
   * to {@code (kh, kw, in, out)}; ConvTranspose2d {@code (in, out, kh, kw)} to {@code (kh, kw, out, in)};
   * a depthwise {@code (channels * multiplier, 1, kh, kw)} to {@code (kh, kw, 1, channels * multiplier)},
   * which is Keras's {@code (kh, kw, channels, multiplier)} in the same row-major order, since torch's
   * output channel {@code c * multiplier + m} reads input channel {@code c}. A 1-D kernel is
   * {@code kh = 1}.
   */
  public static float[] kernel(float[] torch, int a, int b, int kh, int kw) {
    float[] keras = new float[torch.length];
    for (int i = 0; i < a; i++) {
      for (int j = 0; j < b; j++) {
        for (int y = 0; y < kh; y++) {
          for (int x = 0; x < kw; x++) {
            keras[((y * kw + x) * b + j) * a + i] = torch[((i * b + j) * kh + y) * kw + x];
          }
        }
      }
    }
    return keras;
  }

  /**
   * A Dense kernel {@code (features, units)} from a weight stored {@code (units, features)} when
   * {@code transposed} (PyTorch's Linear, ONNX Gemm with {@code transB = 1}) or {@code (features, units)}
   * otherwise; after a flattened image, Keras row {@code n} is the stored feature {@code order[n]}
   * ({@code null}: the same order).
   */
  public static float[] dense(float[] torch, int features, int units, boolean transposed, int[] order) {
    float[] keras = new float[torch.length];
    for (int n = 0; n < features; n++) {
      int f = order == null ? n : order[n];
      for (int u = 0; u < units; u++) {
        keras[n * units + u] = transposed ? torch[u * features + f] : torch[f * units + u];
      }
    }
    return keras;
  }

  /** A per-feature vector in Keras's order: Keras feature {@code k} is stored feature {@code order[k]}. */
  public static float[] reorder(float[] torch, int[] order) {
    float[] keras = new float[torch.length];
    for (int k = 0; k < keras.length; k++) {
      keras[k] = torch[order[k]];
    }
    return keras;
  }

  /**
   * For each {@code (h, w, c)} position in Keras's HWC flattening order, its index in PyTorch's CHW
   * order.
   */
  public static int[] chwOrder(int height, int width, int channels) {
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
