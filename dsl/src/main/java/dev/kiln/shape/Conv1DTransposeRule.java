package dev.kiln.shape;

import dev.kiln.dsl.Padding;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras 3 {@code Conv1DTranspose} (docs/SEMANTICS.md §3.4, one spatial axis): output length from
 * {@link Window#transposedOutputSize}; kernel {@code (k, filters, in_channels)} (output channels
 * before input), bias {@code (filters)}. {@code outputPadding} empty is Keras's {@code None}; it must
 * be smaller than the stride (Keras 3.14+).
 */
public record Conv1DTransposeRule(int filters, ConvWindow window, int[] outputPadding,
    ActivationFunction activation, boolean useBias) implements LayerRule {

  /** Reads the annotation's attributes ({@link LayerKind#read}); the window has one axis. */
  static <X extends Exception> Conv1DTransposeRule read(LayerKind kind, AttributeSource<X> a) throws X {
    return new Conv1DTransposeRule(a.integer("filters"), ConvWindow.read(a, 1), a.ints("outputPadding"),
        ActivationFunction.read(a), a.bool("useBias"));
  }

  @Override
  public void write(AttributeMap out) {
    out.put("filters", filters);
    window.write(out);
    out.put("outputPadding", outputPadding);
    activation.write(out);
    out.put("useBias", useBias);
  }

  public Conv1DTransposeRule {
    if (window.axes() != 1) {
      throw new IllegalArgumentException("Conv1DTranspose has a 1-D window");
    }
    outputPadding = outputPadding.clone();
  }

  @Override
  public LayerKind kind() {
    return LayerKind.CONV_1D_TRANSPOSE;
  }

  @Override
  public void validate(Problems problems) {
    Attributes.positive(problems, "filters", filters);
    boolean windowOk = window.validate(problems);
    boolean paddingOk = Attributes.tuple(problems, "outputPadding", outputPadding, 1, true, 0);
    if (!windowOk || !paddingOk || outputPadding.length == 0) {
      return;
    }
    int op = outputPadding[0];
    int s = window.strideSizes()[0];
    if (op >= s && s == 1) {
      problems.report(ProblemCode.OUTPUT_PADDING_STRIDE_ONE, "outputPadding", -1, "outputPadding", op, "length");
    } else if (op >= s) {
      problems.report(ProblemCode.OUTPUT_PADDING, "outputPadding", -1, "outputPadding", s, op, s - 1, "length");
    }
  }

  @Override
  public boolean needsSequence() {
    return true;
  }

  /** Output padding, {@code -1} for Keras's {@code None}. */
  public int outputPaddingSteps() {
    return outputPadding.length == 0 ? -1 : outputPadding[0];
  }

  /** Output length for input length {@code i}. */
  public long outputSize(long i) {
    return Window.transposedOutputSize(i, window.kernelSizes()[0], window.strideSizes()[0],
        window.dilationSizes()[0], window.padding(), outputPaddingSteps());
  }

  @Override
  public TensorShape output(LayerInput input, Problems problems) {
    int steps = input.shape().dim(0);
    long out = outputSize(steps);
    int s = window.strideSizes()[0];
    if (out < 1) {
      long dk = Window.dilated(window.kernelSizes()[0], window.dilationSizes()[0]);
      problems.report(ProblemCode.TRANSPOSED_EMPTY_STEPS, "outputPadding", -1, input.describe(), steps, s, dk,
          outputPaddingSteps(), out, (long) steps * s);
      return null;
    }
    if (out > Integer.MAX_VALUE) {
      return Shapes.sequence(problems, "strides", out, filters, "Use smaller strides or kernelSize, or a shorter input.");
    }
    TensorShape shape = Shapes.sequence(problems, "filters", out, filters,
        Shapes.fewerSequenceChannels(out, 1, "at most %s filters"));
    if (shape != null) {
      warnIfTensorFlowRejects(steps, out, problems);
    }
    return shape;
  }

  /** As {@code Conv2DTranspose}: TF checks that a SAME convolution of the output gives back the input. */
  private void warnIfTensorFlowRejects(int steps, long out, Problems problems) {
    if (window.padding() != Padding.SAME || outputPadding.length == 0) {
      return;
    }
    int k = window.kernelSizes()[0];
    int d = window.dilationSizes()[0];
    long back = Window.outputSize(out, k, window.strideSizes()[0], d, Padding.SAME);
    if (back != steps) {
      problems.report(ProblemCode.TF_TRANSPOSE, "outputPadding", -1, Window.dilated(k, d), out, "steps", steps,
          back, out + 1);
    }
  }

  @Override
  public List<WeightSpec> weights(TensorShape input) {
    List<WeightSpec> weights = new ArrayList<>();
    weights.add(new WeightSpec("kernel", new int[] {window.kernelSizes()[0], filters, input.channels()}, true));
    if (useBias) {
      weights.add(new WeightSpec("bias", new int[] {filters}, true));
    }
    return weights;
  }

  /** Each input step scatters a kernel-long patch into every output channel. */
  @Override
  public long macs(TensorShape input, TensorShape output) {
    return (long) input.size() * filters * window.kernelSizes()[0];
  }

  @Override
  public Padding paddingMode() {
    return window.padding();
  }

  @Override
  public LayerRule withPaddingMode(Padding padding) {
    return new Conv1DTransposeRule(filters, window.withPadding(padding), outputPadding, activation, useBias);
  }

  /**
   * The same layer over a plane one row high (kernel {@code (1, k)}, output padding 0 on the row axis,
   * whose output is then 1 high whatever the padding), for the 2-D kernels.
   */
  public Conv2DTransposeRule plane() {
    int[] op = outputPadding.length == 0 ? new int[0] : new int[] {0, outputPadding[0]};
    return new Conv2DTransposeRule(filters, window.asPlane(), op, activation, useBias);
  }

  @Override
  public String outputChannelsAttribute() {
    return "filters";
  }

  @Override
  public LayerRule withOutputChannels(int channels) {
    return channels == filters ? null
        : new Conv1DTransposeRule(channels, window, outputPadding, activation, useBias);
  }
}
