package dev.kiln.shape;

import dev.kiln.dsl.Padding;
import java.util.function.Function;

/**
 * Applies {@link Window#outputSize} to every spatial axis of a convolution or pooling (one for
 * {@code (steps, channels)}, two for {@code (height, width, channels)}), and words the two problems
 * a sliding window can have: it does not fit (an error), or it leaves rows unread (a warning).
 * Arrays indexed by spatial axis hold one value per axis, in the input's order.
 */
final class Windowing {
  private Windowing() {}

  /** Axis names by spatial rank: what a message calls each axis, its unit, and where its end is. */
  private static final String[][] AXIS = {{"steps"}, {"height", "width"}};
  private static final String[][] ROWS = {{"step"}, {"row", "column"}};
  private static final String[][] END = {{" at the end"}, {" at the bottom", " at the right"}};

  /** The 2-D form, kept for the (height, width) rules: the same as the N-D one with two axes. */
  static Size2 slide(Problems problems, LayerInput input, String what, String attribute, int[] rawWindow,
      Size2 window, Size2 strides, Size2 dilation, Padding padding, Function<Size2, TensorShape> shapeFor) {
    int[] out = slide(problems, input, what, attribute, rawWindow, pair(window), pair(strides), pair(dilation),
        padding, s -> shapeFor.apply(new Size2(s[0], s[1])));
    return out == null ? null : new Size2(out[0], out[1]);
  }

  /**
   * @param what e.g. {@code kernel 3x3} or {@code pool window 2}, for messages
   * @param attribute the window attribute to point at when it does not fit
   * @param rawWindow the attribute's values as written, to choose the index to point at
   * @param window the window per spatial axis ({@code strides} and {@code dilation} likewise)
   * @param shapeFor builds this layer's output shape from the output's spatial sizes, for fixes
   * @return the output's spatial sizes, or {@code null} after reporting that the window does not fit
   */
  static int[] slide(Problems problems, LayerInput input, String what, String attribute, int[] rawWindow,
      int[] window, int[] strides, int[] dilation, Padding padding, Function<int[], TensorShape> shapeFor) {
    int n = window.length;
    long[] out = new long[n];
    boolean fits = true;
    for (int a = 0; a < n; a++) {
      out[a] = Window.outputSize(input.shape().dim(a), window[a], strides[a], dilation[a], padding);
      fits &= out[a] >= 1;
    }
    if (!fits) {
      reportTooLarge(problems, input, what, attribute, rawWindow, window, strides, dilation, out, shapeFor);
      return null;
    }
    int[] result = new int[n];
    for (int a = 0; a < n; a++) {
      if (out[a] > Integer.MAX_VALUE) {
        throw new ArithmeticException("window output overflows int");
      }
      result[a] = (int) out[a];
    }
    reportTruncation(problems, input, window, strides, dilation, padding, result, shapeFor);
    return result;
  }

  private static void reportTooLarge(Problems problems, LayerInput input, String what, String attribute,
      int[] rawWindow, int[] window, int[] strides, int[] dilation, long[] out,
      Function<int[], TensorShape> shapeFor) {
    int n = window.length;
    String[] names = AXIS[n - 1];
    StringBuilder arithmetic = new StringBuilder();
    int first = 0;
    while (out[first] >= 1) {
      first++;
    }
    boolean all = true;
    for (long o : out) {
      all &= o < 1;
    }
    if (n == 2 && all && sameAxis(input, window, strides, dilation)) {
      arithmetic.append("height and width ").append(validArithmetic(input, window, strides, dilation, 0, out));
    } else {
      String sep = "";
      for (int a = 0; a < n; a++) {
        if (out[a] < 1) {
          arithmetic.append(sep).append(names[a]).append(' ')
              .append(validArithmetic(input, window, strides, dilation, a, out));
          sep = " and ";
        }
      }
    }
    long dk = Window.dilated(window[first], dilation[first]);
    String same = compact(shapeFor, sameSizes(input, strides));
    boolean undilated = true;
    int[] largest = new int[n];
    for (int a = 0; a < n; a++) {
      undilated &= dilation[a] == 1;
      largest[a] = Math.min(window[a], input.shape().dim(a));
    }
    int index = n > 1 && rawWindow.length == n && !all ? first : -1;
    if (undilated) {
      problems.report(ProblemCode.WINDOW_TOO_LARGE, attribute, index, what, input.describe(), arithmetic, dk,
          input.shape().dim(first), same, attribute, Attributes.javaSizes(largest));
    } else {
      problems.report(ProblemCode.WINDOW_TOO_LARGE_DILATED, attribute, index, what, input.describe(), arithmetic,
          dk, input.shape().dim(first), same);
    }
  }

  private static boolean sameAxis(LayerInput input, int[] window, int[] strides, int[] dilation) {
    return input.shape().dim(0) == input.shape().dim(1) && window[0] == window[1] && strides[0] == strides[1]
        && dilation[0] == dilation[1];
  }

  /** {@code 2 - 3 + 1 = 0}, or {@code floor((5 - 8) / 2) + 1 = -1} with a stride. */
  private static String validArithmetic(LayerInput input, int[] window, int[] strides, int[] dilation, int a,
      long[] out) {
    int i = input.shape().dim(a);
    long dk = Window.dilated(window[a], dilation[a]);
    String kernel = dilation[a] > 1 ? dk + " (dilated)" : Long.toString(dk);
    if (strides[a] == 1) {
      return i + " - " + kernel + " + 1 = " + out[a];
    }
    return "floor((" + i + " - " + kernel + ") / " + strides[a] + ") + 1 = " + out[a];
  }

  private static void reportTruncation(Problems problems, LayerInput input, int[] window, int[] strides,
      int[] dilation, Padding padding, int[] out, Function<int[], TensorShape> shapeFor) {
    int n = window.length;
    long[] lost = new long[n];
    boolean any = false;
    for (int a = 0; a < n; a++) {
      lost[a] = Window.lost(input.shape().dim(a), window[a], strides[a], dilation[a], padding);
      if (lost[a] <= planned(input, window[a], strides[a], dilation[a], a)) {
        lost[a] = 0;
      }
      any |= lost[a] > 0;
    }
    if (!any) {
      return;
    }
    StringBuilder dropped = new StringBuilder();
    StringBuilder arithmetic = new StringBuilder();
    String sep = "";
    for (int a = 0; a < n; a++) {
      if (lost[a] > 0) {
        int i = input.shape().dim(a);
        long dk = Window.dilated(window[a], dilation[a]);
        dropped.append(sep).append(lost[a]).append(' ').append(ROWS[n - 1][a]).append(lost[a] > 1 ? "s" : "")
            .append(END[n - 1][a]);
        arithmetic.append(sep).append(AXIS[n - 1][a]).append(" floor((").append(i).append(" - ").append(dk)
            .append(") / ").append(strides[a]).append(") + 1 = ").append(out[a])
            .append(", reading ").append(i - lost[a]).append(" of ").append(i);
        sep = " and ";
      }
    }
    problems.report(ProblemCode.TRUNCATION, null, -1, dropped, input.describe(), arithmetic,
        compact(shapeFor, sameSizes(input, strides)));
  }

  /** The spatial sizes SAME padding gives: {@code ceil(i / s)} per axis. */
  private static int[] sameSizes(LayerInput input, int[] strides) {
    int[] same = new int[strides.length];
    for (int a = 0; a < strides.length; a++) {
      same[a] = ceilDiv(input.shape().dim(a), strides[a]);
    }
    return same;
  }

  /** The shape a fix would give, or its spatial sizes when that shape is itself too large. */
  private static String compact(Function<int[], TensorShape> shapeFor, int[] spatial) {
    try {
      return shapeFor.apply(spatial).compact();
    } catch (IllegalArgumentException e) {
      StringBuilder text = new StringBuilder();
      for (int a = 0; a < spatial.length; a++) {
        text.append(a > 0 ? "x" : "").append(spatial[a]);
      }
      return text.append(" by too many channels").toString();
    }
  }

  /**
   * The trailing rows (columns for axis 1, steps for a sequence) a VALID window may floor away by
   * design (README, "When kiln.truncation fires"): the zeros an explicit ZeroPadding2D or ZeroPadding1D
   * put at the end of the input (ResNet's ZeroPadding2D(3) before its 7x7 stride-2 convolution drops
   * only padding), and, for a window shorter than its stride, the {@code stride - extent} rows it skips
   * between any two windows anyway (a 1x1 stride-2 shortcut samples every other row; the last row it
   * skips is one more such row).
   */
  static long planned(LayerInput input, int window, int stride, int dilation, int a) {
    long gap = Math.max(0, stride - Window.dilated(window, dilation));
    return Math.max(gap, input.paddedEnd().get(a));
  }

  static int ceilDiv(int a, int b) {
    return (int) Math.floorDiv(a + (long) b - 1, (long) b);
  }

  private static int[] pair(Size2 size) {
    return new int[] {size.height(), size.width()};
  }
}
