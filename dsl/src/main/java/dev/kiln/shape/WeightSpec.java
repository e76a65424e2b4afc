package dev.kiln.shape;

import java.util.Arrays;
import java.util.StringJoiner;

/**
 * One weight tensor of a layer, named and laid out as Keras saves it (docs/SEMANTICS.md §6.1), e.g.
 * {@code kernel (kh, kw, in_channels, filters)}.
 */
public record WeightSpec(String name, int[] dims, boolean trainable) {

  public WeightSpec {
    dims = dims.clone();
  }

  @Override
  public int[] dims() {
    return dims.clone();
  }

  /** The same tensor, non-trainable: what Keras's {@code layer.trainable = False} makes of it. */
  public WeightSpec frozen() {
    return new WeightSpec(name, dims, false);
  }

  /**
   * Element count, as a long that saturates at {@link Long#MAX_VALUE}: a layer's kernel can be
   * larger than an int (even than a long) before it is rejected.
   */
  public long elements() {
    long n = 1;
    for (int d : dims) {
      n = Counts.multiply(n, d);
    }
    return n;
  }

  /** {@code (3, 3, 1, 32)}. */
  public String dimsText() {
    StringJoiner joiner = new StringJoiner(", ", "(", dims.length == 1 ? ",)" : ")");
    for (int d : dims) {
      joiner.add(Integer.toString(d));
    }
    return joiner.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WeightSpec w
        && name.equals(w.name) && trainable == w.trainable && Arrays.equals(dims, w.dims);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(dims);
  }

  @Override
  public String toString() {
    return name + " " + dimsText();
  }
}
