package dev.kiln.shape;

import dev.kiln.dsl.Padding;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras 3 {@code Conv2DTranspose} (docs/SEMANTICS.md §3.4): output size from
 * {@link Window#transposedOutputSize}; kernel {@code (kh, kw, filters, in_channels)} (output
 * channels before input), bias {@code (filters)}. {@code outputPadding} empty is Keras's
 * {@code None}; each value must be smaller than its stride (Keras 3.14+).
 */
public record Conv2DTransposeRule(int filters, ConvWindow window, int[] outputPadding,
    ActivationFunction activation, boolean useBias) implements LayerRule {

  /** Reads the annotation's attributes ({@link LayerKind#read}). */
  static <X extends Exception> Conv2DTransposeRule read(LayerKind kind, AttributeSource<X> a) throws X {
    return new Conv2DTransposeRule(a.integer("filters"), ConvWindow.read(a), a.ints("outputPadding"),
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

  private static final String[] AXIS = {"height", "width"};

  public Conv2DTransposeRule {
    outputPadding = outputPadding.clone();
  }

  @Override
  public LayerKind kind() {
    return LayerKind.CONV_2D_TRANSPOSE;
  }

  @Override
  public void validate(Problems problems) {
    Attributes.positive(problems, "filters", filters);
    boolean windowOk = window.validate(problems);
    boolean paddingOk = Attributes.pair(problems, "outputPadding", outputPadding, true, 0);
    if (!windowOk || !paddingOk || outputPadding.length == 0) {
      return;
    }
    for (int a = 0; a < 2; a++) {
      int op = Size2.expand(outputPadding).get(a);
      int s = window.stride().get(a);
      if (op >= s) {
        String name = outputPadding.length == 1 ? "outputPadding" : "outputPadding[" + a + "]";
        String fix = s == 1
            ? "With stride 1 there is one output " + AXIS[a] + ": use outputPadding = 0, or leave it out."
            : "With stride " + s + ", outputPadding 0 to " + (s - 1) + " picks one of the " + s
                + " output " + AXIS[a] + "s that convolve back to the same input; leave it out to let Keras choose.";
        problems.error(ProblemCode.OUTPUT_PADDING, "outputPadding", outputPadding.length == 1 ? -1 : a, name, s,
            op, fix);
        if (outputPadding.length == 1) {
          return;
        }
      }
    }
  }

  @Override
  public boolean needsImage() {
    return true;
  }

  /** Output padding per axis, {@code -1} for Keras's {@code None}. */
  public int outputPadding(int axis) {
    return outputPadding.length == 0 ? -1 : Size2.expand(outputPadding).get(axis);
  }

  /** Output size along {@code axis} for input size {@code i}. */
  public long outputSize(int axis, long i) {
    return Window.transposedOutputSize(i, window.kernel().get(axis), window.stride().get(axis),
        window.dilation().get(axis), window.padding(), outputPadding(axis));
  }

  @Override
  public TensorShape output(LayerInput input, Problems problems) {
    long h = outputSize(0, input.shape().height());
    long w = outputSize(1, input.shape().width());
    if (h < 1 || w < 1) {
      int a = h < 1 ? 0 : 1;
      long dk = Window.dilated(window.kernel().get(a), window.dilation().get(a));
      int s = window.stride().get(a);
      String arithmetic = "SAME with outputPadding gives " + AXIS[a] + " (" + input.shape().dim(a) + " - 1) * " + s
          + " + (" + dk + " mod 2) + " + outputPadding(a) + " = " + (a == 0 ? h : w);
      problems.error(ProblemCode.TRANSPOSED_EMPTY, "outputPadding", -1, input.describe(), arithmetic,
          "Use an odd kernelSize, outputPadding = 1, or leave outputPadding out (output "
              + input.shape().height() * (long) window.stride().height() + " high)");
      return null;
    }
    if (Counts.product(h, w) > Integer.MAX_VALUE) {
      return Shapes.image(problems, "strides", h, w, filters,
          "Use smaller strides or kernelSize, or a smaller input.");
    }
    TensorShape out = Shapes.image(problems, "filters", h, w, filters, Shapes.fewerChannels(h, w, 1, "at most %s filters"));
    if (out != null) {
      warnIfTensorFlowRejects(input, problems, new long[] {h, w});
    }
    return out;
  }

  /**
   * TF runs a transposed convolution as the gradient of a forward one and checks that a forward SAME
   * convolution of the output gives back the input (docs/SEMANTICS.md §3.4); with an even dilated kernel
   * and outputPadding 0 it does not. Legal in Keras 3, so a warning.
   */
  private void warnIfTensorFlowRejects(LayerInput input, Problems problems, long[] out) {
    if (window.padding() != Padding.SAME || outputPadding.length == 0) {
      return;
    }
    for (int a = 0; a < 2; a++) {
      int i = input.shape().dim(a);
      int s = window.stride().get(a);
      long dk = Window.dilated(window.kernel().get(a), window.dilation().get(a));
      long back = Window.outputSize(out[a], window.kernel().get(a), s, window.dilation().get(a), Padding.SAME);
      if (back != i) {
        String rows = a == 0 ? "rows" : "columns";
        problems.warning(ProblemCode.TF_TRANSPOSE, "outputPadding", outputPadding.length == 2 ? a : -1, dk,
            out[a], rows, i, out[a], back, i, out[a] + 1, rows);
        return;
      }
    }
  }

  /**
   * Chooses {@code outputPadding} per axis so the output is {@code target}'s height and width: Keras
   * allows {@code 0 <= op < stride}, so the reachable sizes from input {@code i} are {@code base ..
   * base + stride - 1} with {@code base = (i-1)*s + dk} (VALID) or {@code (i-1)*s + dk mod 2} (SAME).
   */
  @Override
  public boolean fits() {
    return true;
  }

  @Override
  public LayerRule fitTo(LayerInput input, TensorShape target, String targetName, Problems problems) {
    if (!Shapes.imageTarget(problems, target, targetName)) {
      return null;
    }
    int[] chosen = new int[2];
    List<String> impossible = new ArrayList<>();
    for (int a = 0; a < 2; a++) {
      int i = input.shape().dim(a);
      int s = window.stride().get(a);
      long dk = Window.dilated(window.kernel().get(a), window.dilation().get(a));
      long base = (long) (i - 1) * s + (window.padding() == Padding.SAME ? dk % 2 : dk);
      long op = target.dim(a) - base;
      if (op < 0 || op >= s) {
        impossible.add("with strides " + s + ", kernel " + window.kernel().get(a) + " and " + window.padding()
            + " padding, an input " + i + (a == 0 ? " high" : " wide") + " gives " + (s == 1 ? base : base + " to "
            + (base + s - 1)) + (a == 0 ? " rows" : " columns") + " (outputPadding " + (s == 1 ? "0" : "0 to "
            + (s - 1)) + "), not " + target.dim(a));
      } else {
        chosen[a] = (int) op;
      }
    }
    if (!impossible.isEmpty()) {
      problems.error(ProblemCode.SAME_SHAPE, "sameShapeAs", -1, "height and width", targetName, target.compact(),
          String.join("; ", impossible));
      return null;
    }
    return new Conv2DTransposeRule(filters, window, chosen, activation, useBias);
  }

  @Override
  public List<WeightSpec> weights(TensorShape input) {
    Size2 k = window.kernel();
    List<WeightSpec> weights = new ArrayList<>();
    weights.add(new WeightSpec("kernel", new int[] {k.height(), k.width(), filters, input.channels()}, true));
    if (useBias) {
      weights.add(new WeightSpec("bias", new int[] {filters}, true));
    }
    return weights;
  }

  /** Each input pixel scatters a kernel-sized patch into every output channel. */
  @Override
  public long macs(TensorShape input, TensorShape output) {
    Size2 k = window.kernel();
    return (long) input.size() * filters * k.height() * k.width();
  }

  @Override
  public Padding paddingMode() {
    return window.padding();
  }

  @Override
  public LayerRule withPaddingMode(Padding padding) {
    return new Conv2DTransposeRule(filters, window.withPadding(padding), outputPadding, activation, useBias);
  }

  @Override
  public String outputChannelsAttribute() {
    return "filters";
  }

  @Override
  public LayerRule withOutputChannels(int channels) {
    return channels == filters ? null
        : new Conv2DTransposeRule(channels, window, outputPadding, activation, useBias);
  }
}
