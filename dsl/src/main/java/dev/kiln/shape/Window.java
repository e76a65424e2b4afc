package dev.kiln.shape;

import dev.kiln.dsl.Padding;

/**
 * The windowed-axis arithmetic shared by convolution, pooling and transposed convolution: the only
 * place Kiln computes how a sliding window changes a size. Pure integer maths on {@code long} so that
 * absurd attribute values give absurd numbers, not overflowed ones.
 *
 * <p>Notation as in docs/SEMANTICS.md §1: {@code i} input size, {@code k} window, {@code s} stride,
 * {@code d} dilation, {@code dk = d*(k-1)+1} the dilated window.
 */
public final class Window {
  private Window() {}

  /** {@code dk = d*(k-1)+1}, the extent a dilated window covers. */
  public static long dilated(int k, int d) {
    return (long) d * (k - 1) + 1;
  }

  /**
   * Output size along one axis, Keras 3 {@code compute_conv_output_shape} /
   * {@code compute_pooling_output_shape}: VALID {@code floor((i - dk) / s) + 1}, SAME
   * {@code floor((i - 1) / s) + 1 = ceil(i / s)}, CAUSAL (Conv1D) the VALID formula over the input
   * with {@code dk - 1} zeros before it, which is SAME's. Zero or negative means the window does not
   * fit, which Keras 3.15 rejects.
   */
  public static long outputSize(long i, int k, int s, int d, Padding padding) {
    return switch (padding) {
      case VALID -> Math.floorDiv(i - dilated(k, d), (long) s) + 1;
      case SAME, CAUSAL -> Math.floorDiv(i - 1, (long) s) + 1;
    };
  }

  /**
   * Rows (or columns) at the bottom (right) of a VALID input that no window reads: {@code
   * (i - dk) mod s}. Zero for SAME padding and whenever the window does not fit at all.
   */
  public static long lost(long i, int k, int s, int d, Padding padding) {
    long dk = dilated(k, d);
    if (padding != Padding.VALID || i < dk) {
      return 0;
    }
    return (i - dk) % s;
  }

  /** Zeros added before and after an axis. */
  public record Pad(int before, int after) {
    public int total() {
      return before + after;
    }
  }

  /**
   * SAME padding split, TF {@code GetWindowedOutputSizeVerbose}: {@code total = max((o-1)*s + dk - i,
   * 0)}, {@code before = total / 2}, the odd extra pixel after (bottom/right). VALID pads nothing;
   * CAUSAL (Keras {@code Conv1D}, {@code _compute_causal_padding}) puts all {@code dk - 1} before.
   */
  public static Pad padding(int i, int k, int s, int d, Padding padding) {
    if (padding == Padding.VALID) {
      return new Pad(0, 0);
    }
    if (padding == Padding.CAUSAL) {
      return new Pad((int) (dilated(k, d) - 1), 0);
    }
    long o = outputSize(i, k, s, d, Padding.SAME);
    long total = Math.max((o - 1) * s + dilated(k, d) - i, 0);
    long before = total / 2;
    return new Pad((int) before, (int) (total - before));
  }

  /**
   * Transposed-convolution output size, Keras 3 {@code compute_conv_transpose_output_shape}
   * (docs/SEMANTICS.md §3.4). {@code outputPadding < 0} stands for Keras's {@code None}:
   * VALID {@code (i-1)*s + max(dk, s)}, SAME {@code i*s}; with an output padding {@code op}:
   * VALID {@code (i-1)*s + dk + op}, SAME {@code (i-1)*s + (dk mod 2) + op}. CAUSAL has no
   * transposed form (Keras rejects it; so does every transposed rule's validation).
   */
  public static long transposedOutputSize(long i, int k, int s, int d, Padding padding, int outputPadding) {
    long dk = dilated(k, d);
    if (outputPadding < 0) {
      return switch (padding) {
        case VALID -> (i - 1) * s + Math.max(dk, s);
        case SAME -> i * s;
        case CAUSAL -> throw new IllegalArgumentException("a transposed convolution has no causal padding");
      };
    }
    return switch (padding) {
      case VALID -> (i - 1) * s + dk + outputPadding;
      case SAME -> (i - 1) * s + (dk % 2) + outputPadding;
      case CAUSAL -> throw new IllegalArgumentException("a transposed convolution has no causal padding");
    };
  }

  /**
   * Rows a transposed convolution cuts from the start of its full {@code (i-1)*s + dk} result to
   * leave {@code out}: {@code max(floor((full - out) / 2), 0)}. This equals TF's SAME split of the
   * output size and Keras's JAX/torch mapping ({@code compute_conv_transpose_output_crops_for_torch});
   * VALID cuts nothing and an output padding adds rows at the end.
   */
  public static long transposedCrop(long i, int k, int s, int d, long out) {
    long full = transposedOutputSize(i, k, s, d, Padding.VALID, 0);
    return Math.max(Math.floorDiv(full - out, 2), 0);
  }
}
