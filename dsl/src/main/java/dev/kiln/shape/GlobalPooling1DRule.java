package dev.kiln.shape;

/**
 * Keras 3 {@code GlobalAveragePooling1D} / {@code GlobalMaxPooling1D} (docs/SEMANTICS.md §3.6, one
 * spatial axis): output {@code (channels)}, or {@code (1, channels)} with {@code keepdims}; no weights.
 */
public record GlobalPooling1DRule(LayerKind kind, boolean keepdims) implements LayerRule {

  /** Reads the annotation's attributes ({@link LayerKind#read}). */
  static <X extends Exception> GlobalPooling1DRule read(LayerKind kind, AttributeSource<X> a) throws X {
    return new GlobalPooling1DRule(kind, a.bool("keepdims"));
  }

  @Override
  public void write(AttributeMap out) {
    out.put("keepdims", keepdims);
  }

  public GlobalPooling1DRule {
    if (kind != LayerKind.GLOBAL_AVERAGE_POOLING_1D && kind != LayerKind.GLOBAL_MAX_POOLING_1D) {
      throw new IllegalArgumentException("not a 1-D global pooling kind: " + kind);
    }
  }

  @Override
  public void validate(Problems problems) {}

  @Override
  public boolean needsSequence() {
    return true;
  }

  @Override
  public TensorShape output(LayerInput input, Problems problems) {
    int channels = input.shape().channels();
    return keepdims ? TensorShape.of(1, channels) : TensorShape.of(channels);
  }

  /** The 2-D kind whose kernel pools a plane one row high the same way. */
  public LayerKind planeKind() {
    return kind == LayerKind.GLOBAL_MAX_POOLING_1D ? LayerKind.GLOBAL_MAX_POOLING_2D
        : LayerKind.GLOBAL_AVERAGE_POOLING_2D;
  }
}
