package dev.kiln.shape;

import dev.kiln.dsl.Padding;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras 3 {@code SeparableConv2D} (docs/SEMANTICS.md §3.3): a depthwise stage with the window, then a
 * 1x1 pointwise stage to {@code filters}. Weights in creation order: {@code depthwise_kernel
 * (kh, kw, in_channels, dm)}, {@code pointwise_kernel (1, 1, in_channels * dm, filters)},
 * {@code bias (filters)}.
 */
public record SeparableConv2DRule(int filters, ConvWindow window, int depthMultiplier,
    ActivationFunction activation, boolean useBias) implements LayerRule {

  /** Reads the annotation's attributes ({@link LayerKind#read}). */
  static <X extends Exception> SeparableConv2DRule read(LayerKind kind, AttributeSource<X> a) throws X {
    return new SeparableConv2DRule(a.integer("filters"), ConvWindow.read(a), a.integer("depthMultiplier"),
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

  @Override
  public LayerKind kind() {
    return LayerKind.SEPARABLE_CONV_2D;
  }

  @Override
  public void validate(Problems problems) {
    Attributes.positive(problems, "filters", filters);
    window.validate(problems);
    Attributes.positive(problems, "depthMultiplier", depthMultiplier);
  }

  @Override
  public boolean needsImage() {
    return true;
  }

  @Override
  public TensorShape output(LayerInput input, Problems problems) {
    Size2 out = window.slide(problems, input, s -> TensorShape.image(s.height(), s.width(), filters));
    if (out == null) {
      return null;
    }
    // The depthwise stage's (h, w, in_channels * depthMultiplier) result is a tensor too.
    long depthwise = (long) input.shape().channels() * depthMultiplier;
    if (Shapes.image(problems, "depthMultiplier", out.height(), out.width(), depthwise, Shapes.fewerChannels(
        out.height(), out.width(), input.shape().channels(), "a depthMultiplier of at most %s")) == null) {
      return null;
    }
    return Shapes.image(problems, "filters", out.height(), out.width(), filters,
        Shapes.fewerChannels(out.height(), out.width(), 1, "at most %s filters"));
  }

  @Override
  public List<WeightSpec> weights(TensorShape input) {
    Size2 k = window.kernel();
    int c = input.channels();
    List<WeightSpec> weights = new ArrayList<>();
    weights.add(new WeightSpec("depthwise_kernel", new int[] {k.height(), k.width(), c, depthMultiplier}, true));
    weights.add(new WeightSpec("pointwise_kernel", new int[] {1, 1, c * depthMultiplier, filters}, true));
    if (useBias) {
      weights.add(new WeightSpec("bias", new int[] {filters}, true));
    }
    return weights;
  }

  @Override
  public long macs(TensorShape input, TensorShape output) {
    Size2 k = window.kernel();
    long pixels = (long) output.height() * output.width();
    long depthwiseChannels = (long) input.channels() * depthMultiplier;
    return Counts.product(pixels, depthwiseChannels, k.height() * (long) k.width() + filters);
  }

  @Override
  public Padding paddingMode() {
    return window.padding();
  }

  @Override
  public LayerRule withPaddingMode(Padding padding) {
    return new SeparableConv2DRule(filters, window.withPadding(padding), depthMultiplier, activation, useBias);
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
    return channels == filters ? null : new SeparableConv2DRule(channels, window, depthMultiplier, activation, useBias);
  }
}
