package dev.kiln.importer.onnx;

import dev.kiln.dsl.Padding;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Places a 2-D window op (Conv, MaxPool, AveragePool) with ONNX's explicit pads on Kiln layers:
 * Kiln's SAME where it is exactly ONNX's padding, otherwise VALID behind a ZeroPadding2D (and a
 * Cropping2D of rows no window reads), or a refusal when zeros would change the result.
 */
final class Windows {
  private Windows() {}

  /** What the padding may be filled with. */
  enum Fill {
    /** Zeros are what the op pads with (Conv; AveragePool counting the padding). */
    ZEROS,
    /** The op pads with -inf (MaxPool): zeros are exact only for inputs >= 0. */
    MAX,
    /** The op leaves padding out of its average (AveragePool, count_include_pad = 0): only SAME is exact. */
    EXCLUDED
  }

  /** The field a VALID or SAME window reads, its padding mode, and the ONNX output height and width. */
  record Placed(String from, Padding padding, long height, long width) {}

  /** The window's geometry from the node's attributes, per axis (height, width). */
  record Geometry(long[] kernel, long[] strides, long[] dilations, long[] pads, boolean ceil) {}

  static Geometry geometry(Node node, long[] kernel, Act in) throws Refused {
    long[] strides = node.ints("strides", 2, new long[] {1, 1});
    long[] dilations = node.ints("dilations", 2, new long[] {1, 1});
    long[] pads = node.ints("pads", 4, new long[] {0, 0, 0, 0});
    for (int a = 0; a < 2; a++) {
      Node.small(kernel[a], 1, "kernel_shape[" + a + "]");
      Node.small(strides[a], 1, "strides[" + a + "]");
      Node.small(dilations[a], 1, "dilations[" + a + "]");
    }
    for (long p : pads) {
      Node.small(p, 0, "pads");
    }
    String auto = node.s("auto_pad", "NOTSET");
    long[] size = {in.height(), in.width()};
    switch (auto) {
      case "NOTSET" -> { }
      case "VALID" -> pads = new long[4];
      case "SAME_UPPER", "SAME_LOWER" -> {
        pads = new long[4];
        for (int a = 0; a < 2; a++) {
          long[] same = Pads.same(size[a], kernel[a], strides[a], dilations[a]);
          boolean lower = auto.equals("SAME_LOWER");
          pads[a] = lower ? same[1] : same[0];
          pads[a + 2] = lower ? same[0] : same[1];
        }
      }
      default -> throw new Refused("auto_pad `" + auto + "` is not an ONNX value");
    }
    boolean ceil = node.i("ceil_mode", 0) != 0;
    return new Geometry(kernel, strides, dilations, pads, ceil);
  }

  static Placed place(Translation t, Act in, Geometry g, Fill fill) throws Refused {
    long[] size = {in.height(), in.width()};
    long[] out = new long[2];
    boolean same = true;
    boolean none = true;
    for (int a = 0; a < 2; a++) {
      long begin = g.pads()[a];
      long end = g.pads()[a + 2];
      out[a] = Pads.output(size[a], g.kernel()[a], g.strides()[a], g.dilations()[a], begin, end, g.ceil());
      if (out[a] < 1) {
        throw new Refused("the " + (a == 0 ? "height" : "width") + " window " + g.kernel()[a] + " does not fit the input "
            + in.shape() + " with pads " + Arrays.toString(g.pads()));
      }
      long floor = Pads.output(size[a], g.kernel()[a], g.strides()[a], g.dilations()[a], begin, end, false);
      same &= floor == out[a] && Pads.isSame(size[a], g.kernel()[a], g.strides()[a], g.dilations()[a], begin, end);
    }
    long[][] valid = new long[2][];
    for (int a = 0; a < 2; a++) {
      valid[a] = Pads.valid(size[a], g.kernel()[a], g.strides()[a], g.dilations()[a], g.pads()[a], g.pads()[a + 2], out[a]);
      none &= valid[a][0] == 0 && valid[a][1] == 0;
    }
    boolean reads = valid[0][2] == 0 && valid[1][2] == 0;
    if (none && reads) {
      return new Placed(in.field(), Padding.VALID, out[0], out[1]); // no padding, every row read
    }
    if (same) {
      return new Placed(in.field(), Padding.SAME, out[0], out[1]);
    }
    if (!none && fill == Fill.EXCLUDED) {
      throw new Refused("pads " + Arrays.toString(g.pads()) + (g.ceil() ? " with ceil_mode" : "") + " on input "
          + in.shape() + " are left out of the average (count_include_pad = 0), which Kiln does only for Keras "
          + "SAME's padding here (" + sameText(size, g) + "); Kiln's ZeroPadding2D would count the zeros");
    }
    if (!none && fill == Fill.MAX) {
      boolean windowsRead = true;
      for (int a = 0; a < 2; a++) {
        windowsRead &= Pads.everyWindowReadsInput(size[a], g.kernel()[a], g.strides()[a], g.dilations()[a], g.pads()[a], out[a]);
      }
      if (!in.nonNegative() || !windowsRead) {
        throw new Refused("max pooling pads with -inf, and Kiln's ZeroPadding2D pads with zeros: exact only when "
            + "the input is provably non-negative (produced by Relu, Clip(0, ...), Sigmoid, ...), which `"
            + in.field() + "` is not, or when the pads " + Arrays.toString(g.pads()) + " are Keras SAME's ("
            + sameText(size, g) + ")");
      }
    }
    String from = in.field();
    if (valid[0][2] > 0 || valid[1][2] > 0) {
      // rows at the end that no window reads: cut them, so that the VALID window reads all it gets
      from = t.emit("crop", "Cropping2D", Map.of("cropping", new int[] {0, (int) valid[0][2], 0, (int) valid[1][2]}),
          List.of(from));
    }
    if (!none) {
      from = t.emit("pad", "ZeroPadding2D", Map.of("padding",
          new int[] {(int) valid[0][0], (int) valid[0][1], (int) valid[1][0], (int) valid[1][1]}), List.of(from));
    }
    return new Placed(from, Padding.VALID, out[0], out[1]);
  }

  private static String sameText(long[] size, Geometry g) {
    long[] h = Pads.same(size[0], g.kernel()[0], g.strides()[0], g.dilations()[0]);
    long[] w = Pads.same(size[1], g.kernel()[1], g.strides()[1], g.dilations()[1]);
    return "[" + h[0] + ", " + w[0] + ", " + h[1] + ", " + w[1] + "]";
  }

  /** {@code {a, b}} as Kiln's int[] attribute, one value when both agree. */
  static int[] pair(long[] values) {
    return values[0] == values[1] ? new int[] {(int) values[0]} : new int[] {(int) values[0], (int) values[1]};
  }
}
