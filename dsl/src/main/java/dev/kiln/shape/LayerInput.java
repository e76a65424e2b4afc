package dev.kiln.shape;

/**
 * What a layer receives: the shape and, for messages, where it came from.
 *
 * @param source e.g. {@code from `pool2` (MaxPooling2D)} or {@code from the @Input `image`}
 */
public record LayerInput(TensorShape shape, String source) {

  /** {@code 2x2x8 input from `up1` (UpSampling2D)}. */
  public String describe() {
    return shape.compact() + " input " + source;
  }
}
