package dev.kiln.shape;

/**
 * What a layer receives: the shape and, for messages, where it came from.
 *
 * @param source e.g. {@code from `pool2` (MaxPooling2D)} or {@code from the @Input `image`}
 * @param field the field read, e.g. {@code pool2}
 */
public record LayerInput(TensorShape shape, String source, String field) {

  public LayerInput(TensorShape shape, String source) {
    this(shape, source, "input");
  }

  /** {@code 2x2x8 input from `up1` (UpSampling2D)}. */
  public String describe() {
    return shape.compact() + " input " + source;
  }
}
