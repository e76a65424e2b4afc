package dev.kiln.runtime;

import dev.kiln.shape.ActivationFunction;
import dev.kiln.shape.ConvWindow;
import dev.kiln.shape.Size2;
import dev.kiln.shape.TensorShape;
import dev.kiln.shape.Window;
import java.util.Map;

/**
 * Keras {@code DepthwiseConv2D}: a direct kernel (no GEMM: each output channel reads one input
 * channel) over the unpadded input, padding skipped tap by tap ({@link Depthwise}); output channel
 * {@code c * dm + m} uses {@code kernel[ky][kx][c][m]}. Bias and a clamp activation (ReLU, ReLU6) are
 * applied on the accumulators; any other activation runs over the freshly written rows. Also the
 * first half of {@link SeparableConv2DKernel}.
 */
final class DepthwiseConv2DKernel implements Step {
  private final Depthwise loops = Simd.depthwise();
  private final Depthwise.Geometry geometry;
  /** (kh, kw, in_channels, depth_multiplier), the Keras layout, used as is. */
  private final float[] kernel;
  /** (in_channels * depth_multiplier); zeros when the layer has no bias. */
  private final float[] bias;
  private final ActivationFunction activation;
  /** The activation when it is a clamp, else {@link Clamp#NONE} (and {@link #activation} runs after). */
  private final Clamp clamp;
  private final boolean separateActivation;
  private final long macs;

  DepthwiseConv2DKernel(ConvWindow window, int multiplier, TensorShape input, TensorShape output, float[] kernel,
      float[] bias, ActivationFunction activation, long macs) {
    this(window, multiplier, input, output, kernel, bias, activation, macs, samePads(window, input));
  }

  /**
   * With explicit padding {@code pads = (top, bottom, left, right)}, e.g. a {@code ZeroPadding2D}
   * folded into a VALID convolution; the output shape must agree with it.
   */
  DepthwiseConv2DKernel(ConvWindow window, int multiplier, TensorShape input, TensorShape output, float[] kernel,
      float[] bias, ActivationFunction activation, long macs, int[] pads) {
    Size2 k = window.kernel();
    Size2 s = window.stride();
    Size2 d = window.dilation();
    checkPads(input.height(), pads[0], pads[1], k.height(), s.height(), d.height(), output.height(), "height");
    checkPads(input.width(), pads[2], pads[3], k.width(), s.width(), d.width(), output.width(), "width");
    geometry = new Depthwise.Geometry(input.height(), input.width(), input.channels(), multiplier,
        output.height(), output.width(), k.height(), k.width(), s.height(), s.width(), d.height(), d.width(),
        pads[0], pads[2]);
    this.kernel = kernel.clone();
    this.bias = bias == null ? new float[input.channels() * multiplier] : bias.clone();
    this.activation = activation;
    Clamp fused = Clamp.of(activation);
    clamp = fused == null ? Clamp.NONE : fused;
    separateActivation = fused == null;
    this.macs = macs;
  }

  /**
   * With the zeros of a folded {@code ZeroPadding2D} around {@code input} ({@code extra}), added
   * before the window's own padding, which is computed on the padded size ({@link Fusion#padding}).
   */
  DepthwiseConv2DKernel(ConvWindow window, int multiplier, TensorShape input, TensorShape output, float[] kernel,
      float[] bias, ActivationFunction activation, long macs, dev.kiln.shape.Edges extra) {
    this(window, multiplier, input, output, kernel, bias, activation, macs, foldedPads(window, input, extra));
  }

  private static int[] foldedPads(ConvWindow window, TensorShape input, dev.kiln.shape.Edges extra) {
    Size2 k = window.kernel();
    Size2 s = window.stride();
    Size2 d = window.dilation();
    Window.Pad rows = Fusion.padding(input.height(), extra.top(), extra.bottom(), k.height(), s.height(), d.height(),
        window.padding());
    Window.Pad cols = Fusion.padding(input.width(), extra.left(), extra.right(), k.width(), s.width(), d.width(),
        window.padding());
    return new int[] {rows.before(), rows.after(), cols.before(), cols.after()};
  }

  static DepthwiseConv2DKernel of(dev.kiln.shape.DepthwiseConv2DRule rule, TensorShape input, TensorShape output,
      Map<String, float[]> tensors, long macs) {
    return new DepthwiseConv2DKernel(rule.window(), rule.depthMultiplier(), input, output, tensors.get("kernel"),
        tensors.get("bias"), rule.activation(), macs);
  }

  /** (top, bottom, left, right) of Keras's SAME or VALID padding. */
  private static int[] samePads(ConvWindow window, TensorShape input) {
    Size2 k = window.kernel();
    Size2 s = window.stride();
    Size2 d = window.dilation();
    Window.Pad rows = Window.padding(input.height(), k.height(), s.height(), d.height(), window.padding());
    Window.Pad cols = Window.padding(input.width(), k.width(), s.width(), d.width(), window.padding());
    return new int[] {rows.before(), rows.after(), cols.before(), cols.after()};
  }

  /** {@code out = (in + before + after - dk) / s + 1}, the VALID rule over the padded extent. */
  private static void checkPads(int in, int before, int after, int k, int s, int d, int out, String axis) {
    long dk = (long) (k - 1) * d + 1;
    long expected = before < 0 || after < 0 || in + before + after < dk ? -1 : (in + before + after - dk) / s + 1;
    if (expected != out) {
      throw new IllegalArgumentException("depthwise " + axis + ": input " + in + " padded by (" + before + ", "
          + after + ") with kernel " + k + ", stride " + s + ", dilation " + d + " gives " + expected
          + " outputs, not " + out);
    }
  }

  @Override
  public void run(float[] out, int outOff, float[] in, int inOff, float[] shared, float[] local, int from, int to) {
    int cm = geometry.channels() * geometry.multiplier();
    int o = outOff + from * geometry.outWidth() * cm;
    loops.rows(out, o, in, inOff, geometry, kernel, bias, clamp.lo(), clamp.hi(), from, to);
    if (separateActivation) {
      ActivationKernel.apply(out, o, (to - from) * geometry.outWidth() * cm, activation, cm);
    }
  }

  /**
   * Output rows {@code [from, to)} without the activation (the bias included).
   *
   * @param out (to - from, out_width, channels * dm) from {@code outOff}
   * @param src the layer's input, (height, width, channels) from {@code srcOff}
   */
  void compute(float[] out, int outOff, float[] src, int srcOff, int from, int to) {
    loops.rows(out, outOff, src, srcOff, geometry, kernel, bias, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY,
        from, to);
  }

  @Override
  public int items() {
    return geometry.outHeight();
  }

  @Override
  public long cost() {
    return macs;
  }
}
