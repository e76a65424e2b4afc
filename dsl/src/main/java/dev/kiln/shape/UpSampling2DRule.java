package dev.kiln.shape;

import dev.kiln.dsl.Interpolation;
import java.util.List;

/**
 * Keras 3 {@code UpSampling2D} (docs/SEMANTICS.md §3.7): output {@code (h * size[0], w * size[1], c)};
 * no weights.
 */
public record UpSampling2DRule(int[] size, Interpolation interpolation) implements LayerRule {

  /** Reads the annotation's attributes ({@link LayerKind#read}). */
  static <X extends Exception> UpSampling2DRule read(LayerKind kind, AttributeSource<X> a) throws X {
    return new UpSampling2DRule(a.ints("size"), a.constant("interpolation", Interpolation.class));
  }

  @Override
  public void write(AttributeMap out) {
    out.put("size", size);
    out.put("interpolation", interpolation);
  }

  public UpSampling2DRule {
    size = size.clone();
  }

  public Size2 factor() {
    return Size2.expand(size);
  }

  @Override
  public LayerKind kind() {
    return LayerKind.UP_SAMPLING_2D;
  }

  @Override
  public void validate(Problems problems) {
    Attributes.pair(problems, "size", size, false, 1);
  }

  @Override
  public boolean needsImage() {
    return true;
  }

  @Override
  public TensorShape output(LayerInput input, Problems problems) {
    TensorShape in = input.shape();
    long h = (long) in.height() * factor().height();
    long w = (long) in.width() * factor().width();
    return Shapes.image(problems, "size", h, w, in.channels());
  }

  /** Chooses {@code size} per axis as {@code target / input}, which must divide exactly. */
  @Override
  public boolean fits() {
    return true;
  }

  @Override
  public LayerRule fitTo(LayerInput input, TensorShape target, String targetName, Problems problems) {
    if (!Shapes.imageTarget(problems, target, targetName)) {
      return null;
    }
    int[] chosen = new int[2];
    java.util.List<String> impossible = new java.util.ArrayList<>();
    for (int a = 0; a < 2; a++) {
      int i = input.shape().dim(a);
      int t = target.dim(a);
      if (t % i != 0) {
        impossible.add(t + " is not a multiple of the input's " + i + (a == 0 ? " rows" : " columns"));
      }
      chosen[a] = t / i;
    }
    if (!impossible.isEmpty()) {
      problems.error(ProblemCode.SAME_SHAPE, "sameShapeAs", -1, "height and width", targetName, target.compact(),
          String.join("; ", impossible) + ". A Conv2DTranspose with sameShapeAs can reach sizes in between, or "
              + "crop/pad the other tensor");
      return null;
    }
    return new UpSampling2DRule(chosen, interpolation);
  }
}
