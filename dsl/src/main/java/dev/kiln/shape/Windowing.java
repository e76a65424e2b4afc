package dev.kiln.shape;

import dev.kiln.dsl.Padding;
import java.util.function.Function;

/**
 * Applies {@link Window#outputSize} to both spatial axes for convolutions and pooling, and words
 * the two problems a sliding window can have: it does not fit (an error), or it leaves rows unread
 * (a warning).
 */
final class Windowing {
  private Windowing() {}

  private static final String[] AXIS = {"height", "width"};
  private static final String[] ROWS = {"row", "column"};

  /**
   * @param what e.g. {@code kernel 3x3} or {@code pool window 2x2}, for messages
   * @param attribute the window attribute to point at when it does not fit
   * @param rawWindow the attribute's values as written, to choose the index to point at
   * @param shapeFor builds this layer's output shape from an output (height, width), for fixes
   * @return the output (height, width), or {@code null} after reporting that the window does not fit
   */
  static Size2 slide(Problems problems, LayerInput input, String what, String attribute, int[] rawWindow,
      Size2 window, Size2 strides, Size2 dilation, Padding padding, Function<Size2, TensorShape> shapeFor) {
    long[] out = new long[2];
    for (int a = 0; a < 2; a++) {
      out[a] = Window.outputSize(input.shape().dim(a), window.get(a), strides.get(a), dilation.get(a), padding);
    }
    if (out[0] < 1 || out[1] < 1) {
      reportTooLarge(problems, input, what, attribute, rawWindow, window, strides, dilation, out, shapeFor);
      return null;
    }
    if (out[0] > Integer.MAX_VALUE || out[1] > Integer.MAX_VALUE) {
      throw new ArithmeticException("window output overflows int");
    }
    Size2 result = new Size2((int) out[0], (int) out[1]);
    reportTruncation(problems, input, window, strides, dilation, padding, result, shapeFor);
    return result;
  }

  private static void reportTooLarge(Problems problems, LayerInput input, String what, String attribute,
      int[] rawWindow, Size2 window, Size2 strides, Size2 dilation, long[] out,
      Function<Size2, TensorShape> shapeFor) {
    StringBuilder arithmetic = new StringBuilder();
    int first = out[0] < 1 ? 0 : 1;
    boolean both = out[0] < 1 && out[1] < 1;
    if (both && sameAxis(input, window, strides, dilation)) {
      arithmetic.append("height and width ").append(validArithmetic(input, window, strides, dilation, 0, out));
    } else {
      String sep = "";
      for (int a = 0; a < 2; a++) {
        if (out[a] < 1) {
          arithmetic.append(sep).append(AXIS[a]).append(' ')
              .append(validArithmetic(input, window, strides, dilation, a, out));
          sep = " and ";
        }
      }
    }
    long dk = Window.dilated(window.get(first), dilation.get(first));
    Size2 same = new Size2(ceilDiv(input.shape().dim(0), strides.height()), ceilDiv(input.shape().dim(1), strides.width()));
    int index = rawWindow.length == 2 && !both ? first : -1;
    if (dilation.height() == 1 && dilation.width() == 1) {
      Size2 largest = new Size2(Math.min(window.height(), input.shape().dim(0)),
          Math.min(window.width(), input.shape().dim(1)));
      problems.report(ProblemCode.WINDOW_TOO_LARGE, attribute, index, what, input.describe(), arithmetic, dk,
          input.shape().dim(first), compact(shapeFor, same), attribute, Attributes.java(largest));
    } else {
      problems.report(ProblemCode.WINDOW_TOO_LARGE_DILATED, attribute, index, what, input.describe(), arithmetic,
          dk, input.shape().dim(first), compact(shapeFor, same));
    }
  }

  private static boolean sameAxis(LayerInput input, Size2 window, Size2 strides, Size2 dilation) {
    return input.shape().dim(0) == input.shape().dim(1) && window.isSquare() && strides.isSquare()
        && dilation.isSquare();
  }

  /** {@code 2 - 3 + 1 = 0}, or {@code floor((5 - 8) / 2) + 1 = -1} with a stride. */
  private static String validArithmetic(LayerInput input, Size2 window, Size2 strides, Size2 dilation, int a,
      long[] out) {
    int i = input.shape().dim(a);
    long dk = Window.dilated(window.get(a), dilation.get(a));
    String kernel = dilation.get(a) > 1 ? dk + " (dilated)" : Long.toString(dk);
    if (strides.get(a) == 1) {
      return i + " - " + kernel + " + 1 = " + out[a];
    }
    return "floor((" + i + " - " + kernel + ") / " + strides.get(a) + ") + 1 = " + out[a];
  }

  private static void reportTruncation(Problems problems, LayerInput input, Size2 window, Size2 strides,
      Size2 dilation, Padding padding, Size2 out, Function<Size2, TensorShape> shapeFor) {
    long[] lost = new long[2];
    for (int a = 0; a < 2; a++) {
      lost[a] = Window.lost(input.shape().dim(a), window.get(a), strides.get(a), dilation.get(a), padding);
      if (lost[a] <= planned(input, window, strides, dilation, a)) {
        lost[a] = 0;
      }
    }
    if (lost[0] == 0 && lost[1] == 0) {
      return;
    }
    StringBuilder dropped = new StringBuilder();
    StringBuilder arithmetic = new StringBuilder();
    String sep = "";
    for (int a = 0; a < 2; a++) {
      if (lost[a] > 0) {
        int i = input.shape().dim(a);
        long dk = Window.dilated(window.get(a), dilation.get(a));
        dropped.append(sep).append(lost[a]).append(' ').append(ROWS[a]).append(lost[a] > 1 ? "s" : "")
            .append(a == 0 ? " at the bottom" : " at the right");
        arithmetic.append(sep).append(AXIS[a]).append(" floor((").append(i).append(" - ").append(dk)
            .append(") / ").append(strides.get(a)).append(") + 1 = ").append(out.get(a))
            .append(", reading ").append(i - lost[a]).append(" of ").append(i);
        sep = " and ";
      }
    }
    Size2 same = new Size2(ceilDiv(input.shape().dim(0), strides.height()), ceilDiv(input.shape().dim(1), strides.width()));
    problems.report(ProblemCode.TRUNCATION, null, -1, dropped, input.describe(), arithmetic, compact(shapeFor, same));
  }

  /** The shape a fix would give, or its height and width when that shape is itself too large. */
  private static String compact(Function<Size2, TensorShape> shapeFor, Size2 spatial) {
    try {
      return shapeFor.apply(spatial).compact();
    } catch (IllegalArgumentException e) {
      return spatial.height() + "x" + spatial.width() + " by too many channels";
    }
  }

  /**
   * The trailing rows (columns for axis 1) a VALID window may floor away by design (README, "When
   * kiln.truncation fires"): the zeros an explicit ZeroPadding2D put at the end of the input (ResNet's
   * ZeroPadding2D(3) before its 7x7 stride-2 convolution drops only padding), and, for a window
   * shorter than its stride, the {@code stride - extent} rows it skips between any two windows anyway
   * (a 1x1 stride-2 shortcut samples every other row; the last row it skips is one more such row).
   */
  static long planned(LayerInput input, Size2 window, Size2 strides, Size2 dilation, int a) {
    long gap = Math.max(0, strides.get(a) - Window.dilated(window.get(a), dilation.get(a)));
    return Math.max(gap, input.paddedEnd().get(a));
  }

  static int ceilDiv(int a, int b) {
    return (int) Math.floorDiv(a + (long) b - 1, (long) b);
  }
}
