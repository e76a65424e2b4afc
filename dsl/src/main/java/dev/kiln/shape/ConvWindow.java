package dev.kiln.shape;

import dev.kiln.dsl.Padding;

/**
 * The attributes every convolution shares (kernel, strides, padding, dilation) and their checks.
 * Arrays are as written in the annotation; {@link #validate} must pass before {@link #kernel()},
 * {@link #stride()} and {@link #dilation()} are read.
 */
public record ConvWindow(int[] kernelSize, int[] strides, Padding padding, int[] dilationRate) {

  public ConvWindow {
    kernelSize = kernelSize.clone();
    strides = strides.clone();
    dilationRate = dilationRate.clone();
  }

  /** The four attributes every convolution annotation has. */
  static <X extends Exception> ConvWindow read(AttributeSource<X> a) throws X {
    return new ConvWindow(a.ints("kernelSize"), a.ints("strides"), a.constant("padding", Padding.class),
        a.ints("dilationRate"));
  }

  void write(AttributeMap out) {
    out.put("kernelSize", kernelSize);
    out.put("strides", strides);
    out.put("padding", padding);
    out.put("dilationRate", dilationRate);
  }

  boolean validate(Problems problems) {
    boolean ok = Attributes.pair(problems, "kernelSize", kernelSize, false, 1);
    boolean stridesOk = Attributes.pair(problems, "strides", strides, false, 1);
    boolean dilationOk = Attributes.pair(problems, "dilationRate", dilationRate, false, 1);
    if (stridesOk && dilationOk) {
      Size2 s = stride();
      Size2 d = dilation();
      if (Math.max(s.height(), s.width()) > 1 && Math.max(d.height(), d.width()) > 1) {
        problems.report(ProblemCode.STRIDES_WITH_DILATION, null, -1, Attributes.java(s), Attributes.java(d));
        return false;
      }
    }
    return ok && stridesOk && dilationOk;
  }

  public Size2 kernel() {
    return Size2.expand(kernelSize);
  }

  public Size2 stride() {
    return Size2.expand(strides);
  }

  public Size2 dilation() {
    return Size2.expand(dilationRate);
  }

  ConvWindow withPadding(Padding newPadding) {
    return new ConvWindow(kernelSize, strides, newPadding, dilationRate);
  }

  /** Slides the dilated kernel over an image input; {@code null} after reporting a misfit. */
  Size2 slide(Problems problems, LayerInput input, java.util.function.Function<Size2, TensorShape> shapeFor) {
    return Windowing.slide(problems, input, "kernel " + kernel(), "kernelSize", kernelSize, kernel(),
        stride(), dilation(), padding, shapeFor);
  }
}
