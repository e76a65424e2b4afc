package dev.kiln.shape;

import dev.kiln.dsl.Padding;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras 3 {@code SeparableConv1D} (docs/SEMANTICS.md §3.3, one spatial axis): a depthwise stage with
 * the window, then a pointwise (kernel 1) stage to {@code filters}. Weights in creation order:
 * {@code depthwise_kernel (k, in_channels, dm)}, {@code pointwise_kernel (1, in_channels * dm,
 * filters)}, {@code bias (filters)}.
 */
public record SeparableConv1DRule(int filters, ConvWindow window, int depthMultiplier,
    ActivationFunction activation, boolean useBias) implements LayerRule {

  /** Reads the annotation's attributes ({@link LayerKind#read}); the window has one axis. */
  static <X extends Exception> SeparableConv1DRule read(LayerKind kind, AttributeSource<X> a) throws X {
    return new SeparableConv1DRule(a.integer("filters"), ConvWindow.read(a, 1), a.integer("depthMultiplier"),
        ActivationFunction.read(a), a.bool("useBias"));
  }

  @Override
  public void write(AttributeMap out) {
    out.put("filters", filters);
    window.write(out);
    out.put("depthMultiplier", depthMultiplier);
    activation.write(out);
    out.put("useBias", useBias);
  }

  public SeparableConv1DRule {
    if (window.axes() != 1) {
      throw new IllegalArgumentException("SeparableConv1D has a 1-D window");
    }
  }

  @Override
  public LayerKind kind() {
    return LayerKind.SEPARABLE_CONV_1D;
  }

  @Override
  public void validate(Problems problems) {
    Attributes.positive(problems, "filters", filters);
    window.validate(problems);
    Attributes.positive(problems, "depthMultiplier", depthMultiplier);
  }

  @Override
  public boolean needsSequence() {
    return true;
  }

  @Override
  public TensorShape output(LayerInput input, Problems problems) {
    int[] out = window.slideAxes(problems, input, s -> TensorShape.of(s[0], filters));
    if (out == null) {
      return null;
    }
    // The depthwise stage's (steps, in_channels * depthMultiplier) result is a tensor too.
    long depthwise = (long) input.shape().channels() * depthMultiplier;
    if (Shapes.sequence(problems, "depthMultiplier", out[0], depthwise, Shapes.fewerSequenceChannels(out[0],
        input.shape().channels(), "a depthMultiplier of at most %s")) == null) {
      return null;
    }
    return Shapes.sequence(problems, "filters", out[0], filters,
        Shapes.fewerSequenceChannels(out[0], 1, "at most %s filters"));
  }

  @Override
  public List<WeightSpec> weights(TensorShape input) {
    int c = input.channels();
    List<WeightSpec> weights = new ArrayList<>();
    weights.add(new WeightSpec("depthwise_kernel", new int[] {window.kernelSizes()[0], c, depthMultiplier}, true));
    weights.add(new WeightSpec("pointwise_kernel", new int[] {1, c * depthMultiplier, filters}, true));
    if (useBias) {
      weights.add(new WeightSpec("bias", new int[] {filters}, true));
    }
    return weights;
  }

  @Override
  public long macs(TensorShape input, TensorShape output) {
    long depthwiseChannels = (long) input.channels() * depthMultiplier;
    return Counts.product(output.dim(0), depthwiseChannels, window.kernelSizes()[0] + (long) filters);
  }

  @Override
  public Padding paddingMode() {
    return window.padding();
  }

  @Override
  public LayerRule withPaddingMode(Padding padding) {
    return new SeparableConv1DRule(filters, window.withPadding(padding), depthMultiplier, activation, useBias);
  }

  /** The same layer over a plane one row high (kernels {@code (1, k)} and {@code (1, 1)}, same weights). */
  public SeparableConv2DRule plane() {
    return new SeparableConv2DRule(filters, window.asPlane(), depthMultiplier, activation, useBias);
  }

  @Override
  public ConvWindow slidingWindow() {
    return window;
  }

  @Override
  public String outputChannelsAttribute() {
    return "filters";
  }

  @Override
  public LayerRule withOutputChannels(int channels) {
    return channels == filters ? null : new SeparableConv1DRule(channels, window, depthMultiplier, activation, useBias);
  }
}
