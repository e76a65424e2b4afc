package dev.kiln.importer.onnx;

import dev.kiln.importer.onnx.proto.Onnx.AttributeProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Flatten and Reshape, and the shape arithmetic torch.onnx emits around them
 * ({@code Shape -> Gather -> Unsqueeze -> Concat -> Reshape} for {@code x.view(x.size(0), -1)}),
 * folded to constants here because every size but the batch is fixed.
 */
final class ShapeOps {
  private ShapeOps() {}

  /** Folded integer tensors stay small: shapes and indices, not data. */
  private static final int MAX_FOLDED = 1 << 16;

  static void constant(Translation t, Node node) throws Refused {
    for (AttributeProto a : node.proto.getAttributeList()) {
      switch (a.getName()) {
        case "value" -> {
          t.define(node.output(), Const.of(a.getT(), node.output()));
          return;
        }
        case "value_int" -> {
          t.define(node.output(), Const.ofInts(node.output(), new long[0], new long[] {a.getI()}));
          return;
        }
        case "value_ints" -> {
          long[] v = a.getIntsList().stream().mapToLong(Long::longValue).toArray();
          t.define(node.output(), Const.ofInts(node.output(), new long[] {v.length}, v));
          return;
        }
        case "value_float" -> {
          t.define(node.output(), Const.ofFloats(node.output(), new long[0], new float[] {a.getF()}));
          return;
        }
        default -> { }
      }
    }
    throw new Refused("no value attribute Kiln reads (value, value_int, value_ints, value_float)");
  }

  /** Shape of a computed tensor: its dims, the batch {@link Const#UNKNOWN}. */
  static void shape(Translation t, Node node) throws Refused {
    long[] dims = t.isConst(node.input(0)) ? t.constant(node.input(0)).dims : t.act(node.input(0)).dims().clone();
    if (!t.isConst(node.input(0))) {
      dims[0] = Const.UNKNOWN;
    }
    long start = node.i("start", 0);
    long end = node.i("end", dims.length);
    start = Math.max(0, Math.min(dims.length, start < 0 ? start + dims.length : start));
    end = Math.max(start, Math.min(dims.length, end < 0 ? end + dims.length : end));
    long[] part = Arrays.copyOfRange(dims, (int) start, (int) end);
    t.define(node.output(), Const.ofInts(node.output(), new long[] {part.length}, part));
  }

  static void gather(Translation t, Node node) throws Refused {
    Const data = t.constant(node.input(0));
    Const indices = t.constant(node.input(1));
    if (data.dims.length != 1 || node.i("axis", 0) != 0) {
      throw new Refused("Kiln folds Gather on 1-D constants (shapes) only");
    }
    long[] values = data.ints();
    long[] picks = indices.ints();
    long[] out = new long[picks.length];
    for (int i = 0; i < picks.length; i++) {
      long p = picks[i] < 0 ? picks[i] + values.length : picks[i];
      if (p < 0 || p >= values.length) {
        throw new Refused("index " + picks[i] + " is outside " + values.length + " values");
      }
      out[i] = values[(int) p];
    }
    t.define(node.output(), Const.ofInts(node.output(), indices.dims, out));
  }

  /** Unsqueeze, Squeeze and Cast of a constant change its dims (or nothing), never its values. */
  static void reshapeConst(Translation t, Node node) throws Refused {
    Const in = t.constant(node.input(0));
    if (!in.isInt()) {
      throw new Refused("Kiln folds integer shape arithmetic only; this is a floating-point tensor");
    }
    long[] values = in.ints();
    if (node.op().equals("Cast")) {
      t.define(node.output(), Const.ofInts(node.output(), in.dims, values));
      return;
    }
    long[] dims = values.length == 1 ? (node.op().equals("Unsqueeze") ? new long[] {1} : new long[0])
        : null;
    if (dims == null) {
      throw new Refused("Kiln folds Unsqueeze and Squeeze of single values only");
    }
    t.define(node.output(), Const.ofInts(node.output(), dims, values));
  }

  /** Concat of constants along axis 0 (shape vectors; also the float scales torch builds for Resize). */
  static void concat(Translation t, Node node) throws Refused {
    List<Const> parts = new ArrayList<>();
    boolean ints = true;
    int total = 0;
    for (String input : node.proto.getInputList()) {
      Const c = t.constant(input);
      if (c.dims.length > 1) {
        throw new Refused("Kiln folds Concat of 1-D constants only");
      }
      ints &= c.isInt();
      total += c.size();
      if (total > MAX_FOLDED) {
        throw new Refused("folded constant too large");
      }
      parts.add(c);
    }
    if (ints) {
      long[] out = new long[total];
      int at = 0;
      for (Const c : parts) {
        long[] v = c.ints();
        System.arraycopy(v, 0, out, at, v.length);
        at += v.length;
      }
      t.define(node.output(), Const.ofInts(node.output(), new long[] {total}, out));
    } else {
      float[] out = new float[total];
      int at = 0;
      for (Const c : parts) {
        float[] v = c.floats();
        System.arraycopy(v, 0, out, at, v.length);
        at += v.length;
      }
      t.define(node.output(), Const.ofFloats(node.output(), new long[] {total}, out));
    }
  }

  /** Add, Sub, Mul, Div of integer constants of one shape (or a scalar); a run-time size stays unknown. */
  static void arithmetic(Translation t, Node node) throws Refused {
    Const a = t.constant(node.input(0));
    Const b = t.constant(node.input(1));
    if (!a.isInt() || !b.isInt() || (a.size() != b.size() && b.size() != 1)) {
      throw new Refused("Kiln folds arithmetic on integer shape values only");
    }
    long[] x = a.ints();
    long[] y = b.ints();
    long[] out = new long[x.length];
    for (int i = 0; i < x.length; i++) {
      long p = x[i];
      long q = y[y.length == 1 ? 0 : i];
      out[i] = p == Const.UNKNOWN || q == Const.UNKNOWN ? Const.UNKNOWN : switch (node.op()) {
        case "Add" -> Math.addExact(p, q);
        case "Sub" -> Math.subtractExact(p, q);
        case "Mul" -> Math.multiplyExact(p, q);
        default -> {
          if (q == 0) {
            throw new Refused("division by zero in shape arithmetic");
          }
          yield Math.floorDiv(p, q);
        }
      };
    }
    t.define(node.output(), Const.ofInts(node.output(), a.dims, out));
  }

  static void sub(Translation t, Node node) throws Refused {
    arithmetic(t, node);
  }

  /** Flatten(axis = 1) of an image is Kiln's Flatten; the feature order becomes (H, W, C) instead of (C, H, W). */
  static void flatten(Translation t, Node node) throws Refused {
    Act in = t.act(node.input(0));
    long axis = node.i("axis", 1);
    if (axis != 1 && axis != 1 - in.dims().length) {
      throw new Refused("axis " + axis + "; Kiln flattens everything but the batch (axis 1)");
    }
    flattenTo(t, node, in);
  }

  private static void flattenTo(Translation t, Node node, Act in) throws Refused {
    if (!in.isImage()) {
      t.define(node.output(), in); // (N, F) stays (N, F)
      return;
    }
    String field = t.emit("", "Flatten", Map.of(), List.of(in.field()));
    long features = (long) in.channels() * in.height() * in.width();
    t.define(node.output(), new Act(field, new long[] {in.dims()[0], features}, in.nonNegative(),
        Layouts.chwOrder(in.channels(), in.height(), in.width())));
  }

  /**
   * Reshape to {@code (N, -1)} or {@code (N, C*H*W)} is a Flatten; a reshape to the same shape is
   * nothing. Any other reshape depends on the memory layout (NCHW in ONNX, NHWC in Kiln) and is refused.
   */
  static void reshape(Translation t, Node node) throws Refused {
    Act in = t.act(node.input(0));
    long[] target = node.opset < 5 ? node.ints("shape", -1, null) : t.constant(node.input(1)).ints().clone();
    if (target == null) {
      throw new Refused("no target shape");
    }
    long[] dims = in.dims();
    long rest = 1;
    for (int i = 1; i < dims.length; i++) {
      rest = Math.multiplyExact(rest, dims[i]);
    }
    boolean batchKept = target.length > 0 && (target[0] == Const.UNKNOWN || target[0] == 0 || target[0] == 1
        || (target[0] == -1 && target.length == 2 && target[1] == rest));
    if (batchKept && target.length == 2 && (target[1] == -1 || target[1] == rest)) {
      flattenTo(t, node, in);
      return;
    }
    if (batchKept && target.length == dims.length) {
      boolean same = true;
      for (int i = 1; i < dims.length; i++) {
        same &= target[i] == dims[i] || (target[i] == 0 && node.i("allowzero", 0) == 0);
      }
      if (same) {
        t.define(node.output(), in);
        return;
      }
    }
    throw new Refused("reshape of " + in.shape() + " to " + Arrays.toString(target).replace(String.valueOf(Const.UNKNOWN), "N")
        + ": only flattening (N, -1) means the same in ONNX's (C, H, W) layout and Kiln's (H, W, C)");
  }
}
