package dev.kiln.shape;

import dev.kiln.dsl.Padding;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras 3 {@code DepthwiseConv1D} (docs/SEMANTICS.md §3.2, one spatial axis): input channel {@code c}
 * convolved with its own {@code depthMultiplier} kernels gives output channel {@code c * dm + m};
 * kernel {@code (k, in_channels, dm)}, bias {@code (in_channels * dm)}.
 */
public record DepthwiseConv1DRule(ConvWindow window, int depthMultiplier, ActivationFunction activation,
    boolean useBias) implements LayerRule {

  /** Reads the annotation's attributes ({@link LayerKind#read}); the window has one axis. */
  static <X extends Exception> DepthwiseConv1DRule read(LayerKind kind, AttributeSource<X> a) throws X {
    return new DepthwiseConv1DRule(ConvWindow.read(a, 1), a.integer("depthMultiplier"), ActivationFunction.read(a),
        a.bool("useBias"));
  }

  @Override
  public void write(AttributeMap out) {
    window.write(out);
    out.put("depthMultiplier", depthMultiplier);
    activation.write(out);
    out.put("useBias", useBias);
  }

  public DepthwiseConv1DRule {
    if (window.axes() != 1) {
      throw new IllegalArgumentException("DepthwiseConv1D has a 1-D window");
    }
  }

  @Override
  public LayerKind kind() {
    return LayerKind.DEPTHWISE_CONV_1D;
  }

  @Override
  public void validate(Problems problems) {
    window.validate(problems);
    Attributes.positive(problems, "depthMultiplier", depthMultiplier);
  }

  @Override
  public boolean needsSequence() {
    return true;
  }

  @Override
  public TensorShape output(LayerInput input, Problems problems) {
    long channels = (long) input.shape().channels() * depthMultiplier;
    int[] out = window.slideAxes(problems, input, s -> TensorShape.of(s[0], (int) channels));
    return out == null ? null : Shapes.sequence(problems, "depthMultiplier", out[0], channels,
        Shapes.fewerSequenceChannels(out[0], input.shape().channels(), "a depthMultiplier of at most %s"));
  }

  @Override
  public List<WeightSpec> weights(TensorShape input) {
    List<WeightSpec> weights = new ArrayList<>();
    weights.add(new WeightSpec("kernel", new int[] {window.kernelSizes()[0], input.channels(), depthMultiplier},
        true));
    if (useBias) {
      weights.add(new WeightSpec("bias", new int[] {input.channels() * depthMultiplier}, true));
    }
    return weights;
  }

  @Override
  public long macs(TensorShape input, TensorShape output) {
    return (long) output.size() * window.kernelSizes()[0];
  }

  @Override
  public Padding paddingMode() {
    return window.padding();
  }

  @Override
  public LayerRule withPaddingMode(Padding padding) {
    return new DepthwiseConv1DRule(window.withPadding(padding), depthMultiplier, activation, useBias);
  }

  /** The same convolution over a plane one row high (kernel {@code (1, k)}, same weights), for the 2-D kernels. */
  public DepthwiseConv2DRule plane() {
    return new DepthwiseConv2DRule(window.asPlane(), depthMultiplier, activation, useBias);
  }

  @Override
  public ConvWindow slidingWindow() {
    return window;
  }
}
