package dev.kiln.shape;

import dev.kiln.dsl.Padding;

/**
 * The attributes every convolution shares (kernel, strides, padding, dilation) and their checks,
 * over {@code axes} spatial axes: 1 for {@code (steps, channels)}, 2 for {@code (height, width,
 * channels)}. Arrays are as written in the annotation; {@link #validate} must pass before the sizes
 * are read.
 */
public record ConvWindow(int[] kernelSize, int[] strides, Padding padding, int[] dilationRate, int axes) {

  public ConvWindow {
    if (axes != 1 && axes != 2) {
      throw new IllegalArgumentException("a window has 1 or 2 spatial axes, not " + axes);
    }
    kernelSize = kernelSize.clone();
    strides = strides.clone();
    dilationRate = dilationRate.clone();
  }

  /** A (height, width) window. */
  public ConvWindow(int[] kernelSize, int[] strides, Padding padding, int[] dilationRate) {
    this(kernelSize, strides, padding, dilationRate, 2);
  }

  /** The four attributes every convolution annotation has, for a (height, width) window. */
  static <X extends Exception> ConvWindow read(AttributeSource<X> a) throws X {
    return read(a, 2);
  }

  /** The same over {@code axes} spatial axes (1 for the 1-D family); the kind implies the count. */
  static <X extends Exception> ConvWindow read(AttributeSource<X> a, int axes) throws X {
    return new ConvWindow(a.ints("kernelSize"), a.ints("strides"), a.constant("padding", Padding.class),
        a.ints("dilationRate"), axes);
  }

  void write(AttributeMap out) {
    out.put("kernelSize", kernelSize);
    out.put("strides", strides);
    out.put("padding", padding);
    out.put("dilationRate", dilationRate);
  }

  boolean validate(Problems problems) {
    return validate(problems, false);
  }

  /** @param causal whether {@link Padding#CAUSAL} is allowed (Keras: only in Conv1D) */
  boolean validate(Problems problems, boolean causal) {
    boolean ok = Attributes.tuple(problems, "kernelSize", kernelSize, axes, false, 1);
    boolean stridesOk = Attributes.tuple(problems, "strides", strides, axes, false, 1);
    boolean dilationOk = Attributes.tuple(problems, "dilationRate", dilationRate, axes, false, 1);
    if (padding == Padding.CAUSAL && !causal) {
      problems.report(ProblemCode.CAUSAL_PADDING, "padding", -1);
      ok = false;
    }
    if (stridesOk && dilationOk) {
      int[] s = strideSizes();
      int[] d = dilationSizes();
      if (max(s) > 1 && max(d) > 1) {
        problems.report(ProblemCode.STRIDES_WITH_DILATION, null, -1, Attributes.javaSizes(s),
            Attributes.javaSizes(d));
        return false;
      }
    }
    return ok && stridesOk && dilationOk;
  }

  /** The kernel's size along each spatial axis. */
  public int[] kernelSizes() {
    return expand(kernelSize, axes);
  }

  public int[] strideSizes() {
    return expand(strides, axes);
  }

  public int[] dilationSizes() {
    return expand(dilationRate, axes);
  }

  /**
   * The (height, width) window; a 1-D window is the same window over a plane one row high,
   * {@code (1, k)}, which is how the 2-D kernels run it.
   */
  public Size2 kernel() {
    return plane(kernelSizes());
  }

  public Size2 stride() {
    return plane(strideSizes());
  }

  public Size2 dilation() {
    return plane(dilationSizes());
  }

  ConvWindow withPadding(Padding newPadding) {
    return new ConvWindow(kernelSize, strides, newPadding, dilationRate, axes);
  }

  /**
   * This window over a plane: a 1-D window as {@code (1, k)} with {@code VALID} or {@code SAME} as
   * given ({@code CAUSAL} becomes VALID; its leading zeros are the caller's to add); a 2-D window itself.
   */
  public ConvWindow asPlane() {
    if (axes == 2) {
      return this;
    }
    Size2 k = kernel();
    Size2 s = stride();
    Size2 d = dilation();
    return new ConvWindow(new int[] {k.height(), k.width()}, new int[] {s.height(), s.width()},
        padding == Padding.CAUSAL ? Padding.VALID : padding, new int[] {d.height(), d.width()}, 2);
  }

  /** Slides the dilated kernel over an image input; {@code null} after reporting a misfit. */
  Size2 slide(Problems problems, LayerInput input, java.util.function.Function<Size2, TensorShape> shapeFor) {
    return Windowing.slide(problems, input, "kernel " + kernel(), "kernelSize", kernelSize, kernel(),
        stride(), dilation(), padding, shapeFor);
  }

  /** Slides the dilated kernel over each spatial axis of the input; {@code null} after reporting a misfit. */
  int[] slideAxes(Problems problems, LayerInput input, java.util.function.Function<int[], TensorShape> shapeFor) {
    return Windowing.slide(problems, input, "kernel " + text(kernelSizes()), "kernelSize", kernelSize,
        kernelSizes(), strideSizes(), dilationSizes(), padding, shapeFor);
  }

  /** {@code {v}} means {@code v} on every axis; otherwise one value per axis. The caller validated the length. */
  static int[] expand(int[] values, int axes) {
    if (values.length == axes) {
      return values.clone();
    }
    int[] all = new int[axes];
    java.util.Arrays.fill(all, values[0]);
    return all;
  }

  /** {@code 3x5}, or {@code 3} for one axis. */
  static String text(int[] sizes) {
    StringBuilder text = new StringBuilder();
    for (int a = 0; a < sizes.length; a++) {
      text.append(a > 0 ? "x" : "").append(sizes[a]);
    }
    return text.toString();
  }

  private static Size2 plane(int[] sizes) {
    return sizes.length == 1 ? new Size2(1, sizes[0]) : new Size2(sizes[0], sizes[1]);
  }

  private static int max(int[] values) {
    int m = values[0];
    for (int v : values) {
      m = Math.max(m, v);
    }
    return m;
  }
}
