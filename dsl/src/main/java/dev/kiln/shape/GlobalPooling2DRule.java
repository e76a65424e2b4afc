package dev.kiln.shape;


/**
 * Keras 3 {@code GlobalAveragePooling2D} / {@code GlobalMaxPooling2D} (docs/SEMANTICS.md §3.6): output
 * {@code (channels)}, or {@code (1, 1, channels)} with {@code keepdims}; no weights.
 */
public record GlobalPooling2DRule(LayerKind kind, boolean keepdims) implements LayerRule {

  /** Reads the annotation's attributes ({@link LayerKind#read}). */
  static <X extends Exception> GlobalPooling2DRule read(LayerKind kind, AttributeSource<X> a) throws X {
    return new GlobalPooling2DRule(kind, a.bool("keepdims"));
  }

  @Override
  public void write(AttributeMap out) {
    out.put("keepdims", keepdims);
  }

  public GlobalPooling2DRule {
    if (kind != LayerKind.GLOBAL_AVERAGE_POOLING_2D && kind != LayerKind.GLOBAL_MAX_POOLING_2D) {
      throw new IllegalArgumentException("not a global pooling kind: " + kind);
    }
  }

  @Override
  public void validate(Problems problems) {}

  @Override
  public boolean needsImage() {
    return true;
  }

  @Override
  public TensorShape output(LayerInput input, Problems problems) {
    int channels = input.shape().channels();
    return keepdims ? TensorShape.image(1, 1, channels) : TensorShape.of(channels);
  }
}
