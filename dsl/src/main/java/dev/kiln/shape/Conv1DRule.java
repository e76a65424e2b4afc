package dev.kiln.shape;

import dev.kiln.dsl.Padding;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras 3 {@code Conv1D} (docs/SEMANTICS.md §3.1, one spatial axis): output {@code (o, filters)} with
 * {@code o} from {@link Window#outputSize}; kernel {@code (k, in_channels, filters)}, bias
 * {@code (filters)}. CAUSAL padding (Keras's {@code "causal"}) is allowed here only, as in Keras.
 */
public record Conv1DRule(int filters, ConvWindow window, ActivationFunction activation, boolean useBias)
    implements LayerRule {

  /** Reads the annotation's attributes ({@link LayerKind#read}); the window has one axis. */
  static <X extends Exception> Conv1DRule read(LayerKind kind, AttributeSource<X> a) throws X {
    return new Conv1DRule(a.integer("filters"), ConvWindow.read(a, 1), ActivationFunction.read(a), a.bool("useBias"));
  }

  @Override
  public void write(AttributeMap out) {
    out.put("filters", filters);
    window.write(out);
    activation.write(out);
    out.put("useBias", useBias);
  }

  public Conv1DRule {
    if (window.axes() != 1) {
      throw new IllegalArgumentException("Conv1D has a 1-D window");
    }
  }

  @Override
  public LayerKind kind() {
    return LayerKind.CONV_1D;
  }

  @Override
  public void validate(Problems problems) {
    Attributes.positive(problems, "filters", filters);
    window.validate(problems, true);
  }

  @Override
  public boolean needsSequence() {
    return true;
  }

  @Override
  public TensorShape output(LayerInput input, Problems problems) {
    int[] out = window.slideAxes(problems, input, s -> TensorShape.of(s[0], filters));
    return out == null ? null : Shapes.sequence(problems, "filters", out[0], filters,
        Shapes.fewerSequenceChannels(out[0], 1, "at most %s filters"));
  }

  @Override
  public List<WeightSpec> weights(TensorShape input) {
    List<WeightSpec> weights = new ArrayList<>();
    weights.add(new WeightSpec("kernel", new int[] {window.kernelSizes()[0], input.channels(), filters}, true));
    if (useBias) {
      weights.add(new WeightSpec("bias", new int[] {filters}, true));
    }
    return weights;
  }

  @Override
  public long macs(TensorShape input, TensorShape output) {
    return (long) output.size() * window.kernelSizes()[0] * input.channels();
  }

  @Override
  public Padding paddingMode() {
    return window.padding();
  }

  @Override
  public LayerRule withPaddingMode(Padding padding) {
    return new Conv1DRule(filters, window.withPadding(padding), activation, useBias);
  }

  /**
   * The same convolution over a plane one row high, as the 2-D kernels run it: kernel {@code (1, k)},
   * the same weights in the same order. CAUSAL becomes VALID; its {@code dk - 1} leading zeros
   * ({@link Window#padding}) are the caller's.
   */
  public Conv2DRule plane() {
    return new Conv2DRule(filters, window.asPlane(), activation, useBias);
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
    return channels == filters ? null : new Conv1DRule(channels, window, activation, useBias);
  }
}
