package dev.kiln.shape;

/**
 * What a layer receives: the shape and, for messages, where it came from.
 *
 * @param source e.g. {@code from `pool2` (MaxPooling2D)} or {@code from the @Input `image`}
 * @param field the field read, e.g. {@code pool2}
 * @param paddedEnd the rows at the bottom and columns at the right that are the zeros of an explicit
 *     {@code ZeroPadding2D} (the steps at the end of a {@code ZeroPadding1D}, as axis 0) which produced this input ({@code 0x0} otherwise): a window that floors
 *     them away drops nothing real
 */
public record LayerInput(TensorShape shape, String source, String field, Size2 paddedEnd) {

  private static final Size2 NONE = new Size2(0, 0);

  public LayerInput(TensorShape shape, String source, String field) {
    this(shape, source, field, NONE);
  }

  public LayerInput(TensorShape shape, String source) {
    this(shape, source, "input");
  }

  /**
   * The zeros {@code producer} (the rule of the layer that made the input, already validated, or
   * {@code null} for an @Input) adds at the end of each axis.
   */
  static Size2 paddedEnd(LayerRule producer) {
    if (producer instanceof ZeroPadding2DRule padding) {
      Edges edges = padding.edges();
      return new Size2(edges.bottom(), edges.right());
    }
    if (producer instanceof ZeroPadding1DRule padding) {
      return new Size2(padding.edges().right(), 0); // axis 0 is a sequence's steps
    }
    return NONE;
  }

  /** {@code 2x2x8 input from `up1` (UpSampling2D)}. */
  public String describe() {
    return shape.compact() + " input " + source;
  }
}
