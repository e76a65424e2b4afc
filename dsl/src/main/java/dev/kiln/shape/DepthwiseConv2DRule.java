package dev.kiln.shape;

import dev.kiln.dsl.Padding;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras 3 {@code DepthwiseConv2D} (docs/SEMANTICS.md §3.2): each input channel {@code c} is convolved
 * with its own {@code depthMultiplier} kernels, giving output channel {@code c * dm + m}; kernel
 * {@code (kh, kw, in_channels, dm)} (Keras 3 calls it {@code kernel}), bias {@code (in_channels * dm)}.
 * Kiln rejects strides > 1 with dilation > 1 here too: tf-keras does, and TF cannot run it.
 */
public record DepthwiseConv2DRule(ConvWindow window, int depthMultiplier, ActivationFunction activation,
    boolean useBias) implements LayerRule {

  /** Reads the annotation's attributes ({@link LayerKind#read}). */
  static <X extends Exception> DepthwiseConv2DRule read(LayerKind kind, AttributeSource<X> a) throws X {
    return new DepthwiseConv2DRule(ConvWindow.read(a), a.integer("depthMultiplier"), ActivationFunction.read(a),
        a.bool("useBias"));
  }

  @Override
  public void write(AttributeMap out) {
    window.write(out);
    out.put("depthMultiplier", depthMultiplier);
    activation.write(out);
    out.put("useBias", useBias);
  }

  @Override
  public LayerKind kind() {
    return LayerKind.DEPTHWISE_CONV_2D;
  }

  @Override
  public void validate(Problems problems) {
    window.validate(problems);
    Attributes.positive(problems, "depthMultiplier", depthMultiplier);
  }

  @Override
  public boolean needsImage() {
    return true;
  }

  @Override
  public TensorShape output(LayerInput input, Problems problems) {
    long channels = (long) input.shape().channels() * depthMultiplier;
    Size2 out = window.slide(problems, input, s -> TensorShape.image(s.height(), s.width(), (int) channels));
    return out == null ? null : Shapes.image(problems, "depthMultiplier", out.height(), out.width(), channels,
        Shapes.fewerChannels(out.height(), out.width(), input.shape().channels(),
            "a depthMultiplier of at most %s"));
  }

  @Override
  public List<WeightSpec> weights(TensorShape input) {
    Size2 k = window.kernel();
    List<WeightSpec> weights = new ArrayList<>();
    weights.add(new WeightSpec("kernel", new int[] {k.height(), k.width(), input.channels(), depthMultiplier}, true));
    if (useBias) {
      weights.add(new WeightSpec("bias", new int[] {input.channels() * depthMultiplier}, true));
    }
    return weights;
  }

  @Override
  public long macs(TensorShape input, TensorShape output) {
    Size2 k = window.kernel();
    return (long) output.size() * k.height() * k.width();
  }

  @Override
  public Padding paddingMode() {
    return window.padding();
  }

  @Override
  public LayerRule withPaddingMode(Padding padding) {
    return new DepthwiseConv2DRule(window.withPadding(padding), depthMultiplier, activation, useBias);
  }

  @Override
  public ConvWindow slidingWindow() {
    return window;
  }
}
