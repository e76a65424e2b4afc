package dev.kiln.shape;

/**
 * Each node's size along a free axis written as a formula of the input's size, for summaries and
 * messages: {@code H/2} where the accepted sizes make the layer's arithmetic exact, the layer's own
 * formula ({@code floor((H - 3) / 2) + 1}) where they do not.
 */
final class SizeFormulas {
  private SizeFormulas() {}

  /** The formula of every node, {@code variable} standing for the input's size. */
  static String[] of(AxisProgram program, SizeSet accepted, String variable) {
    String[] structural = new String[program.count];
    for (int v = 0; v < program.count; v++) {
      structural[v] = structural(program, v, structural, variable);
    }
    String[] result = structural.clone();
    long[] members = sample(accepted, program);
    if (members.length >= 2) {
      long[][] sizes = new long[members.length][program.count];
      for (int i = 0; i < members.length; i++) {
        program.evaluate(members[i], sizes[i], false);
      }
      for (int v = 0; v < program.count; v++) {
        String linear = linear(members, sizes, v, variable);
        if (linear != null) {
          result[v] = linear;
        }
      }
    }
    return result;
  }

  /** Members enough to decide linearity: the finite ones and two periods of the progression. */
  private static long[] sample(SizeSet accepted, AxisProgram program) {
    java.util.List<Long> members = new java.util.ArrayList<>();
    long n = accepted.smallest();
    long stop = accepted.startOfPeriodic() + 2L * accepted.period() + 1;
    while (n > 0 && n <= stop && members.size() < 4096) {
      members.add(n);
      n = accepted.atLeast(n + 1);
    }
    return members.stream().mapToLong(Long::longValue).toArray();
  }

  /** {@code size = (a n + b) / c} on every sample, written as a person would, or {@code null}. */
  private static String linear(long[] members, long[][] sizes, int v, String variable) {
    long n1 = members[0];
    long n2 = members[members.length - 1];
    long g1 = sizes[0][v];
    long g2 = sizes[members.length - 1][v];
    long num = g2 - g1;
    long den = n2 - n1;
    long gcd = AxisProgram.gcd(num, den);
    if (gcd != 0) {
      num /= gcd;
      den /= gcd;
    }
    if (num == 0) {
      for (long[] s : sizes) {
        if (s[v] != g1) {
          return null;
        }
      }
      return Long.toString(g1);
    }
    // g = num/den * n + b, with b = g1 - num/den * n1 = (den g1 - num n1) / den.
    long bNum = den * g1 - num * n1;
    for (int i = 0; i < members.length; i++) {
      if (sizes[i][v] * den != num * members[i] + bNum) {
        return null;
      }
    }
    String term = (num == 1 ? "" : num + "·") + variable + (den == 1 ? "" : "/" + den);
    if (bNum == 0) {
      return term;
    }
    if (bNum % den == 0) {
      long b = bNum / den;
      return term + (b > 0 ? " + " + b : " - " + -b);
    }
    return "(" + (num == 1 ? "" : num + "·") + variable + (bNum > 0 ? " + " + bNum : " - " + -bNum) + ")/" + den;
  }

  private static String structural(AxisProgram p, int v, String[] done, String variable) {
    long[] a = p.args[v];
    String x = p.sources[v].length > 0 ? done[p.sources[v][0]] : variable;
    String wrapped = x.matches("[A-Za-z0-9·/]+") ? x : "(" + x + ")";
    return switch (p.op[v]) {
      case INPUT -> variable;
      case CONSTANT, PIN -> Long.toString(p.op[v] == AxisProgram.Op.PIN ? a[1] : a[0]);
      case WINDOW -> a[2] == 1 ? (a[1] == 1 ? x : "ceil(" + x + " / " + a[1] + ")")
          : a[1] == 1 ? (a[0] == 1 ? x : x + " - " + (a[0] - 1))
          : "floor((" + x + " - " + a[0] + ") / " + a[1] + ") + 1";
      case TRANSPOSED -> transposed(a, wrapped);
      case SCALE -> a[0] == 1 ? x : a[0] + "·" + wrapped;
      case SHIFT -> a[0] == 0 ? x : x + (a[0] > 0 ? " + " + a[0] : " - " + -a[0]);
      case TRANSPOSED_FIT, SCALE_FIT -> done[p.target[v]];
      case IDENTITY, CONCAT_ACROSS -> x;
      case MERGE -> {
        for (int s : p.sources[v]) {
          if (!done[s].equals("1")) {
            yield done[s];
          }
        }
        yield "1";
      }
      case CONCAT_ALONG -> {
        StringBuilder sum = new StringBuilder();
        for (int s : p.sources[v]) {
          sum.append(sum.length() == 0 ? "" : " + ").append(done[s]);
        }
        yield sum.toString();
      }
    };
  }

  /** §3.4 with Keras's {@code None} output padding or a given one. */
  private static String transposed(long[] a, String x) {
    long k = a[0];
    long s = a[1];
    long dk = Window.dilated((int) k, (int) a[2]);
    boolean same = a[3] == 1;
    long op = a[4];
    if (same && op < 0) {
      return s == 1 ? x : s + "·" + x;
    }
    long c = same ? dk % 2 + op : op < 0 ? Math.max(dk, s) : dk + op;
    return "(" + x + " - 1)·" + s + " + " + c;
  }
}
