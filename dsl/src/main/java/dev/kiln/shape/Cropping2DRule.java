package dev.kiln.shape;


/**
 * Keras 3 {@code Cropping2D} (docs/SEMANTICS.md §3.8): removes {@code top + bottom} rows and
 * {@code left + right} columns; Keras 3 rejects a crop that leaves nothing.
 */
public record Cropping2DRule(int[] cropping) implements LayerRule {

  /** Reads the annotation's attributes ({@link LayerKind#read}). */
  static <X extends Exception> Cropping2DRule read(LayerKind kind, AttributeSource<X> a) throws X {
    return new Cropping2DRule(a.ints("cropping"));
  }

  @Override
  public void write(AttributeMap out) {
    out.put("cropping", cropping);
  }

  public Cropping2DRule {
    cropping = cropping.clone();
  }

  public Edges edges() {
    return Edges.expand(cropping);
  }

  @Override
  public LayerKind kind() {
    return LayerKind.CROPPING_2D;
  }

  @Override
  public void validate(Problems problems) {
    Attributes.edges(problems, "cropping", cropping);
  }

  @Override
  public boolean needsImage() {
    return true;
  }

  @Override
  public TensorShape output(LayerInput input, Problems problems) {
    TensorShape in = input.shape();
    Edges e = edges();
    long h = in.height() - e.vertical();
    long w = in.width() - e.horizontal();
    if (h >= 1 && w >= 1) {
      return TensorShape.image((int) h, (int) w, in.channels());
    }
    StringBuilder what = new StringBuilder();
    if (h < 1) {
      what.append("cropping ").append(e.top()).append(" + ").append(e.bottom()).append(" rows leaves ")
          .append(h).append(" of ").append(in.height());
    }
    if (w < 1) {
      what.append(h < 1 ? ", and " : "").append("cropping ").append(e.left()).append(" + ").append(e.right())
          .append(" columns leaves ").append(w).append(" of ").append(in.width());
    }
    Edges fit = new Edges(
        h < 1 ? Math.min(e.top(), (in.height() - 1) / 2) : e.top(),
        h < 1 ? Math.min(e.bottom(), in.height() - 1 - Math.min(e.top(), (in.height() - 1) / 2)) : e.bottom(),
        w < 1 ? Math.min(e.left(), (in.width() - 1) / 2) : e.left(),
        w < 1 ? Math.min(e.right(), in.width() - 1 - Math.min(e.left(), (in.width() - 1) / 2)) : e.right());
    String fix = "At most " + (in.height() - 1) + " rows and " + (in.width() - 1) + " columns can be cropped, e.g. "
        + "cropping = " + fit.toJava() + " (output " + (in.height() - fit.vertical()) + "x"
        + (in.width() - fit.horizontal()) + "x" + in.channels() + ").";
    problems.error(ProblemCode.CROP_TOO_MUCH, "cropping", -1, what, input.describe(), fix);
    return null;
  }
}
