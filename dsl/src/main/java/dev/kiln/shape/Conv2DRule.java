package dev.kiln.shape;

import dev.kiln.dsl.Padding;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras 3 {@code Conv2D} (docs/SEMANTICS.md §3.1): output {@code (o_h, o_w, filters)} with {@code o} from
 * {@link Window#outputSize}; kernel {@code (kh, kw, in_channels, filters)}, bias {@code (filters)}.
 */
public record Conv2DRule(int filters, ConvWindow window, ActivationFunction activation, boolean useBias)
    implements LayerRule {

  /** Reads the annotation's attributes ({@link LayerKind#read}). */
  static <X extends Exception> Conv2DRule read(LayerKind kind, AttributeSource<X> a) throws X {
    return new Conv2DRule(a.integer("filters"), ConvWindow.read(a), ActivationFunction.read(a), a.bool("useBias"));
  }

  @Override
  public void write(AttributeMap out) {
    out.put("filters", filters);
    window.write(out);
    activation.write(out);
    out.put("useBias", useBias);
  }

  public static Conv2DRule of(int filters, int[] kernelSize, int[] strides, Padding padding, int[] dilationRate,
      ActivationFunction activation, boolean useBias) {
    return new Conv2DRule(filters, new ConvWindow(kernelSize, strides, padding, dilationRate), activation, useBias);
  }

  @Override
  public LayerKind kind() {
    return LayerKind.CONV_2D;
  }

  @Override
  public void validate(Problems problems) {
    Attributes.positive(problems, "filters", filters);
    window.validate(problems);
  }

  @Override
  public boolean needsImage() {
    return true;
  }

  @Override
  public TensorShape output(LayerInput input, Problems problems) {
    Size2 out = window.slide(problems, input, this::shape);
    return out == null ? null : Shapes.image(problems, "filters", out.height(), out.width(), filters,
        Shapes.fewerChannels(out.height(), out.width(), 1, "at most %s filters"));
  }

  private TensorShape shape(Size2 spatial) {
    return TensorShape.image(spatial.height(), spatial.width(), filters);
  }

  @Override
  public List<WeightSpec> weights(TensorShape input) {
    Size2 k = window.kernel();
    List<WeightSpec> weights = new ArrayList<>();
    weights.add(new WeightSpec("kernel", new int[] {k.height(), k.width(), input.channels(), filters}, true));
    if (useBias) {
      weights.add(new WeightSpec("bias", new int[] {filters}, true));
    }
    return weights;
  }

  @Override
  public long macs(TensorShape input, TensorShape output) {
    Size2 k = window.kernel();
    return (long) output.size() * k.height() * k.width() * input.channels();
  }

  @Override
  public Padding paddingMode() {
    return window.padding();
  }

  @Override
  public LayerRule withPaddingMode(Padding padding) {
    return new Conv2DRule(filters, window.withPadding(padding), activation, useBias);
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
    return channels == filters ? null : new Conv2DRule(channels, window, activation, useBias);
  }
}
