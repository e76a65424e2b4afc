package dev.kiln.shape;

import dev.kiln.dsl.Padding;

/**
 * Keras 3 {@code MaxPooling1D} and {@code AveragePooling1D} (docs/SEMANTICS.md §3.5, one spatial
 * axis): {@code strides} default to {@code poolSize} (an empty array is Keras's {@code None}); output
 * from {@link Window#outputSize} with dilation 1; channels unchanged; no weights.
 */
public record Pooling1DRule(LayerKind kind, int[] poolSize, int[] strides, Padding padding) implements LayerRule {

  /** Reads the annotation's attributes ({@link LayerKind#read}). */
  static <X extends Exception> Pooling1DRule read(LayerKind kind, AttributeSource<X> a) throws X {
    return new Pooling1DRule(kind, a.ints("poolSize"), a.ints("strides"), a.constant("padding", Padding.class));
  }

  @Override
  public void write(AttributeMap out) {
    out.put("poolSize", poolSize);
    out.put("strides", strides);
    out.put("padding", padding);
  }

  public Pooling1DRule {
    if (kind != LayerKind.MAX_POOLING_1D && kind != LayerKind.AVERAGE_POOLING_1D) {
      throw new IllegalArgumentException("not a 1-D pooling kind: " + kind);
    }
    poolSize = poolSize.clone();
    strides = strides.clone();
  }

  /** The window along the steps. */
  public int pool() {
    return poolSize[0];
  }

  /** The stride, or the pool size when none was given. */
  public int stride() {
    return strides.length == 0 ? pool() : strides[0];
  }

  @Override
  public void validate(Problems problems) {
    Attributes.tuple(problems, "poolSize", poolSize, 1, false, 1);
    Attributes.tuple(problems, "strides", strides, 1, true, 1);
    if (padding == Padding.CAUSAL) {
      problems.report(ProblemCode.CAUSAL_PADDING, "padding", -1);
    }
  }

  @Override
  public boolean needsSequence() {
    return true;
  }

  @Override
  public TensorShape output(LayerInput input, Problems problems) {
    int channels = input.shape().channels();
    int[] out = Windowing.slide(problems, input, "pool window " + pool(), "poolSize", poolSize,
        new int[] {pool()}, new int[] {stride()}, new int[] {1}, padding, s -> TensorShape.of(s[0], channels));
    return out == null ? null : TensorShape.of(out[0], channels);
  }

  @Override
  public Padding paddingMode() {
    return padding;
  }

  @Override
  public LayerRule withPaddingMode(Padding newPadding) {
    return new Pooling1DRule(kind, poolSize, strides, newPadding);
  }

  /** The same pooling over a plane one row high (window {@code (1, p)}), for the 2-D kernels. */
  public Pooling2DRule plane() {
    int[] window = {1, pool()};
    int[] step = {1, stride()};
    return kind == LayerKind.MAX_POOLING_1D ? Pooling2DRule.max(window, step, padding)
        : Pooling2DRule.average(window, step, padding);
  }

  @Override
  public ConvWindow slidingWindow() {
    return new ConvWindow(poolSize, strides.length == 0 ? poolSize : strides, padding, new int[] {1}, 1);
  }

  @Override
  public boolean pools() {
    return true;
  }
}
