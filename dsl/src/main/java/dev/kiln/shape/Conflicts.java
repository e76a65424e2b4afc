package dev.kiln.shape;

/**
 * Why a model accepts no size along a free axis: the first layer after which no size is left, and
 * what it asks of its inputs, in the formulas of the input's size.
 */
final class Conflicts {
  private Conflicts() {}

  /** The first node whose conditions, with all those before it, no size satisfies; -1 if none. */
  static int culprit(AxisProgram program) {
    int lo = 0;
    int hi = program.count - 1;
    if (!empty(program, hi)) {
      return -1;
    }
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (empty(program, mid)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  private static boolean empty(AxisProgram program, int last) {
    AcceptedSizes.Result r = AcceptedSizes.of(program.prefix(last), null, 0);
    return r.limitation() == null && r.sizes().isEmpty();
  }

  /** The error message for {@code culprit}, written against the sizes that reach it. */
  static String explain(ModelSpec spec, AxisProgram program, int culprit, String variable, String axis) {
    if (culprit < 0) {
      return "no " + axis + " is accepted";
    }
    String label = "`" + spec.nodeName(culprit) + "` (" + spec.layer(culprit).rule().kind().kerasName() + ")";
    SizeSet before = culprit == 0 ? SizeSet.none() : AcceptedSizes.of(program.prefix(culprit - 1), null, 0).sizes();
    if (before.isEmpty()) {
      return label + " never fits: no " + axis + " of `" + spec.inputName() + "` gives it a large enough input";
    }
    String[] f = SizeFormulas.of(program.prefix(culprit), before, variable);
    String accepted = "for every " + axis + " the layers before it accept (" + before.describe(variable) + ")";
    int[] in = program.sources[culprit];
    String name0 = "`" + spec.nodeName(in[0]) + "`";
    return switch (program.op[culprit]) {
      case MERGE, CONCAT_ACROSS -> {
        int other = in.length > 1 ? in[1] : in[0];
        long[] sizes = new long[culprit + 1];
        program.prefix(culprit).evaluate(before.smallest(), sizes, false);
        long gap = sizes[in[0]] - sizes[other];
        String fix = gap == 0 ? "" : " The gap is " + Math.abs(gap) + " at " + variable + " = " + before.smallest()
            + ": crop the larger input (Cropping2D) or pad the smaller (ZeroPadding2D), or use padding = SAME"
            + " on the layers that shrink it.";
        yield label + " needs " + name0 + " and `" + spec.nodeName(other) + "` equally " + (axis.equals("height")
            ? "high" : "wide") + ", but they are " + f[in[0]] + " and " + f[other] + " " + accepted + "." + fix;
      }
      case TRANSPOSED_FIT, SCALE_FIT -> label + " cannot reach the " + axis + " of `"
          + spec.nodeName(program.target[culprit]) + "` (" + f[program.target[culprit]] + ") from its input "
          + name0 + " (" + f[in[0]] + ") " + accepted + ".";
      default -> program.target[culprit] >= 0 && program.declared[culprit] < 0
          ? label + "'s " + axis + " is " + f[culprit] + ", never that of `" + spec.nodeName(program.target[culprit])
              + "` (" + f[program.target[culprit]] + ") as its @Shape(sameAs) asks, " + accepted + "."
          : program.declared[culprit] >= 0
          ? label + "'s " + axis + " is " + f[culprit] + ", never the " + program.declared[culprit]
              + " its @Shape declares, " + accepted + "."
          : label + " accepts no " + axis + " " + accepted + ".";
    };
  }
}
