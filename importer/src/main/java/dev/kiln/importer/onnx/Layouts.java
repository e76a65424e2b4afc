package dev.kiln.importer.onnx;

import dev.kiln.weights.TorchToKeras;

/**
 * ONNX (PyTorch) to Keras weight layouts as {@link Binding.Layout}s: the conversions of
 * {@link TorchToKeras}, for weights that come from an ONNX graph rather than a {@code state_dict}.
 */
final class Layouts {
  private Layouts() {}

  /** A 4-D kernel {@code (a, b, kh, kw)} to Keras {@code (kh, kw, b, a)} ({@link TorchToKeras#kernel}). */
  static Binding.Layout kernel(int a, int b, int kh, int kw) {
    return onnx -> TorchToKeras.kernel(onnx, a, b, kh, kw);
  }

  /**
   * A Dense kernel {@code (features, units)} from ONNX's {@code (units, features)} when
   * {@code transposed} (Gemm transB = 1, PyTorch's Linear) or {@code (features, units)} otherwise;
   * after a flattened image, Keras row {@code n} is ONNX feature {@code order[n]}.
   */
  static Binding.Layout dense(int features, int units, boolean transposed, int[] order) {
    return onnx -> TorchToKeras.dense(onnx, features, units, transposed, order);
  }

  /** A per-feature vector; after a flattened image, Keras feature {@code k} is ONNX feature {@code order[k]}. */
  static Binding.Layout vector(int[] order) {
    return order == null ? Binding.SAME : onnx -> TorchToKeras.reorder(onnx, order);
  }

  /** For each {@code (h, w, c)} position in HWC order, its index in CHW order; null when they agree. */
  static int[] chwOrder(int channels, int height, int width) {
    return channels == 1 || height * width == 1 ? null : TorchToKeras.chwOrder(height, width, channels);
  }
}
