package dev.kiln.shape;

import dev.kiln.dsl.Interpolation;

/**
 * Keras 3 {@code UpSampling1D} (docs/SEMANTICS.md §3.7, one spatial axis): each step repeated
 * {@code size} times, output {@code (steps * size, channels)}; no weights.
 */
public record UpSampling1DRule(int size) implements LayerRule {

  /** Reads the annotation's attributes ({@link LayerKind#read}). */
  static <X extends Exception> UpSampling1DRule read(LayerKind kind, AttributeSource<X> a) throws X {
    return new UpSampling1DRule(a.integer("size"));
  }

  @Override
  public void write(AttributeMap out) {
    out.put("size", size);
  }

  @Override
  public LayerKind kind() {
    return LayerKind.UP_SAMPLING_1D;
  }

  @Override
  public void validate(Problems problems) {
    Attributes.positive(problems, "size", size);
  }

  @Override
  public boolean needsSequence() {
    return true;
  }

  @Override
  public TensorShape output(LayerInput input, Problems problems) {
    TensorShape in = input.shape();
    return Shapes.sequence(problems, "size", (long) in.dim(0) * size, in.channels(),
        "Use a smaller size or a shorter input.");
  }

  /** The same repetition over a plane one row high (factor {@code (1, size)}, nearest), for the 2-D kernels. */
  public UpSampling2DRule plane() {
    return new UpSampling2DRule(new int[] {1, size}, Interpolation.NEAREST);
  }
}
