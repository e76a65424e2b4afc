package dev.kiln.runtime;

import dev.kiln.shape.ConvWindow;
import dev.kiln.shape.Size2;
import dev.kiln.shape.TensorShape;
import dev.kiln.shape.Window;
import java.util.Map;

/**
 * Keras {@code DepthwiseConv2D}: a direct kernel (no GEMM: each output channel reads one input
 * channel) over the zero-padded input; output channel {@code c * dm + m} uses
 * {@code kernel[ky][kx][c][m]}. The innermost loop runs over contiguous channels, which HotSpot
 * vectorises. Also the first half of {@link SeparableConv2DKernel}.
 */
final class DepthwiseConv2DKernel implements Step {
  /** (kh, kw, in_channels, depth_multiplier), the Keras layout, used as is. */
  private final float[] kernel;
  /** (in_channels * depth_multiplier), or {@code null}. */
  private final float[] bias;
  private final dev.kiln.shape.ActivationFunction activation;
  private final int height;
  private final int width;
  private final int channels;
  private final int multiplier;
  private final int outHeight;
  private final int outWidth;
  private final Size2 k;
  private final Size2 s;
  private final Size2 d;
  private final Window.Pad padRows;
  private final Window.Pad padCols;
  private final long macs;

  DepthwiseConv2DKernel(ConvWindow window, int multiplier, TensorShape input, TensorShape output, float[] kernel,
      float[] bias, dev.kiln.shape.ActivationFunction activation, long macs) {
    this(window, multiplier, input, output, kernel, bias, activation, macs, Fusion.NONE);
  }

  /**
   * @param extra zeros of a folded {@code ZeroPadding2D} around {@code input}, added before the
   *     window's own padding (computed on the padded size; see {@link Fusion#padding})
   */
  DepthwiseConv2DKernel(ConvWindow window, int multiplier, TensorShape input, TensorShape output, float[] kernel,
      float[] bias, dev.kiln.shape.ActivationFunction activation, long macs, dev.kiln.shape.Edges extra) {
    this.kernel = kernel.clone();
    this.bias = bias == null ? null : bias.clone();
    this.multiplier = multiplier;
    this.macs = macs;
    k = window.kernel();
    s = window.stride();
    d = window.dilation();
    height = input.height();
    width = input.width();
    channels = input.channels();
    outHeight = output.height();
    outWidth = output.width();
    padRows = Fusion.padding(height, extra.top(), extra.bottom(), k.height(), s.height(), d.height(),
        window.padding());
    padCols = Fusion.padding(width, extra.left(), extra.right(), k.width(), s.width(), d.width(), window.padding());
    this.activation = activation;
  }

  static DepthwiseConv2DKernel of(dev.kiln.shape.DepthwiseConv2DRule rule, TensorShape input, TensorShape output,
      Map<String, float[]> tensors, long macs) {
    return new DepthwiseConv2DKernel(rule.window(), rule.depthMultiplier(), input, output, tensors.get("kernel"),
        tensors.get("bias"), rule.activation(), macs);
  }

  private boolean padded() {
    return padRows.total() + padCols.total() > 0;
  }

  @Override
  public void prepare(float[] in, int inOff, float[] shared) {
    if (padded()) {
      Images.pad(shared, in, inOff, height, width, channels, padRows.before(), padCols.before(),
          height + padRows.total(), width + padCols.total());
    }
  }

  @Override
  public void run(float[] out, int outOff, float[] in, int inOff, float[] shared, float[] local, int from, int to) {
    compute(out, outOff + from * outWidth * channels * multiplier, padded() ? shared : in, padded() ? 0 : inOff,
        from, to);
    int cm = channels * multiplier;
    ActivationKernel.apply(out, outOff + from * outWidth * cm, (to - from) * outWidth * cm, activation, cm);
  }

  /**
   * Output rows {@code [from, to)} without the activation.
   *
   * @param out (to - from, out_width, channels * dm) from {@code outOff}
   * @param src the (padded) input, (padded_height, padded_width, channels) from {@code srcOff}
   */
  void compute(float[] out, int outOff, float[] src, int srcOff, int from, int to) {
    int paddedWidth = width + padCols.total();
    int cm = channels * multiplier;
    for (int oy = from; oy < to; oy++) {
      for (int ox = 0; ox < outWidth; ox++) {
        int o = outOff + ((oy - from) * outWidth + ox) * cm;
        if (bias == null) {
          java.util.Arrays.fill(out, o, o + cm, 0f);
        } else {
          System.arraycopy(bias, 0, out, o, cm);
        }
        for (int ky = 0; ky < k.height(); ky++) {
          int row = srcOff + ((oy * s.height() + ky * d.height()) * paddedWidth + ox * s.width()) * channels;
          for (int kx = 0; kx < k.width(); kx++) {
            int a = row + kx * d.width() * channels;
            int w = (ky * k.width() + kx) * cm;
            if (multiplier == 1) {
              for (int c = 0; c < channels; c++) {
                out[o + c] += src[a + c] * kernel[w + c];
              }
            } else {
              for (int c = 0; c < channels; c++) {
                float v = src[a + c];
                for (int m = 0; m < multiplier; m++) {
                  out[o + c * multiplier + m] += v * kernel[w + c * multiplier + m];
                }
              }
            }
          }
        }
      }
    }
  }

  /** Shared floats of the padded input. */
  @Override
  public int sharedFloats() {
    return padded() ? (height + padRows.total()) * (width + padCols.total()) * channels : 0;
  }

  @Override
  public int items() {
    return outHeight;
  }

  @Override
  public long cost() {
    return macs;
  }
}
