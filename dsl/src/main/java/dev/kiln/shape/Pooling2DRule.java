package dev.kiln.shape;

import dev.kiln.dsl.Padding;

/**
 * Keras 3 {@code MaxPooling2D} and {@code AveragePooling2D} (docs/SEMANTICS.md §3.5): {@code strides}
 * default to {@code poolSize} (an empty array is Keras's {@code None}); output from
 * {@link Window#outputSize} with dilation 1; channels unchanged; no weights.
 */
public record Pooling2DRule(LayerKind kind, int[] poolSize, int[] strides, Padding padding) implements LayerRule {

  /** Reads the annotation's attributes ({@link LayerKind#read}). */
  static <X extends Exception> Pooling2DRule read(LayerKind kind, AttributeSource<X> a) throws X {
    return new Pooling2DRule(kind, a.ints("poolSize"), a.ints("strides"), a.constant("padding", Padding.class));
  }

  @Override
  public void write(AttributeMap out) {
    out.put("poolSize", poolSize);
    out.put("strides", strides);
    out.put("padding", padding);
  }

  public Pooling2DRule {
    if (kind != LayerKind.MAX_POOLING_2D && kind != LayerKind.AVERAGE_POOLING_2D) {
      throw new IllegalArgumentException("not a pooling kind: " + kind);
    }
    poolSize = poolSize.clone();
    strides = strides.clone();
  }

  public static Pooling2DRule max(int[] poolSize, int[] strides, Padding padding) {
    return new Pooling2DRule(LayerKind.MAX_POOLING_2D, poolSize, strides, padding);
  }

  public static Pooling2DRule average(int[] poolSize, int[] strides, Padding padding) {
    return new Pooling2DRule(LayerKind.AVERAGE_POOLING_2D, poolSize, strides, padding);
  }

  public Size2 pool() {
    return Size2.expand(poolSize);
  }

  /** The strides, or the pool size when none were given. */
  public Size2 stride() {
    return strides.length == 0 ? pool() : Size2.expand(strides);
  }

  @Override
  public void validate(Problems problems) {
    Attributes.pair(problems, "poolSize", poolSize, false, 1);
    Attributes.pair(problems, "strides", strides, true, 1);
    if (padding == Padding.CAUSAL) {
      problems.report(ProblemCode.CAUSAL_PADDING, "padding", -1);
    }
  }

  @Override
  public boolean needsImage() {
    return true;
  }

  @Override
  public TensorShape output(LayerInput input, Problems problems) {
    int channels = input.shape().channels();
    Size2 out = Windowing.slide(problems, input, "pool window " + pool(), "poolSize", poolSize, pool(), stride(),
        new Size2(1, 1), padding, s -> TensorShape.image(s.height(), s.width(), channels));
    return out == null ? null : TensorShape.image(out.height(), out.width(), channels);
  }


  @Override
  public Padding paddingMode() {
    return padding;
  }

  @Override
  public LayerRule withPaddingMode(Padding newPadding) {
    return new Pooling2DRule(kind, poolSize, strides, newPadding);
  }

  /** The pool as a window: strides left out are the pool size, no dilation. */
  @Override
  public ConvWindow slidingWindow() {
    return new ConvWindow(poolSize, strides.length == 0 ? poolSize : strides, padding, new int[] {1});
  }

  @Override
  public boolean pools() {
    return true;
  }
}
