package dev.kiln.weights;

import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.LayerInfo;
import dev.kiln.shape.TensorShape;

/**
 * PyTorch to Keras layout conversions (SEMANTICS.md §6.4–6.5). All arrays are row-major.
 */
final class TorchLayouts {
  private TorchLayouts() {}

  /**
   * A 4-D torch kernel {@code (a, b, kh, kw)} to Keras {@code (kh, kw, b, a)}: Conv2d
   * {@code (out, in, kh, kw)} to {@code (kh, kw, in, out)}; ConvTranspose2d {@code (in, out, kh, kw)}
   * to {@code (kh, kw, out, in)}; a depthwise {@code (channels * multiplier, 1, kh, kw)} to
   * {@code (kh, kw, 1, channels * multiplier)}, which is Keras's {@code (kh, kw, channels, multiplier)}
   * in the same row-major order, since torch's output channel {@code c * multiplier + m} reads
   * input channel {@code c}.
   */
  static Assembly.Layout kernel(int a, int b, int kh, int kw) {
    return torch -> {
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
    };
  }

  /**
   * A Linear weight {@code (units, features)} to a Dense kernel {@code (features, units)}; when the
   * features come from flattening an image, Keras row {@code n} is torch column {@code order[n]}.
   */
  static Assembly.Layout dense(int units, int features, int[] order) {
    return torch -> {
      float[] keras = new float[torch.length];
      for (int n = 0; n < features; n++) {
        int column = order == null ? n : order[n];
        for (int u = 0; u < units; u++) {
          keras[n * units + u] = torch[u * features + column];
        }
      }
      return keras;
    };
  }

  /** A per-feature vector; after a flattened image, Keras feature {@code k} is torch feature {@code order[k]}. */
  static Assembly.Layout vector(int[] order) {
    if (order == null) {
      return Assembly.KERAS;
    }
    return torch -> {
      float[] keras = new float[torch.length];
      for (int k = 0; k < keras.length; k++) {
        keras[k] = torch[order[k]];
      }
      return keras;
    };
  }

  /**
   * If layer {@code index} reads a vector made by flattening an image (through Flatten, or Reshape
   * to one axis, and then only layers that keep each feature in its place: per-feature layers,
   * softmax, and a Flatten or Reshape of the vector itself), the torch index of each Keras feature:
   * Keras flattens {@code (height, width, channels)} in that order, PyTorch's NCHW tensor as
   * {@code (channels, height, width)}. Null when the order is the same in both.
   */
  static int[] flattenOrder(CheckedModel model, int index) {
    for (int j = index - 1; j >= 1; j--) {
      LayerInfo layer = model.layers().get(j);
      if (layer.output().rank() != 1) {
        return null;
      }
      switch (layer.rule().kind()) {
        case FLATTEN, RESHAPE -> {
          if (layer.input().isImage()) {
            return chwOrder(layer.input());
          }
          if (layer.input().rank() != 1) {
            return null;  // (steps, features) flatten in the same order in both
          }
          // a vector stays as it is: look further back
        }
        // softmax over a vector moves with its features, as the element-wise layers do
        case DROPOUT, ACTIVATION, RELU, LEAKY_RELU, ELU, SOFTMAX, BATCH_NORMALIZATION -> { }
        default -> {
          return null;
        }
      }
    }
    return null;
  }

  /** For each (h, w, c) position in HWC order, its index in CHW order. */
  static int[] chwOrder(TensorShape image) {
    int height = image.height();
    int width = image.width();
    int channels = image.channels();
    int[] order = new int[image.size()];
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
