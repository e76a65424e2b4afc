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
    long[][] forms = new long[program.count][];
    for (int v = 0; v < program.count; v++) {
      structural[v] = structural(program, v, structural, forms, variable);
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

  /**
   * Members enough to decide linearity: the finite ones and two of the program's periods past the
   * progression's start (each node's size repeats with the program's period, not the set's).
   */
  private static long[] sample(SizeSet accepted, AxisProgram program) {
    long[] period = new long[program.count];
    long[] step = new long[program.count];
    long p = accepted.period();
    if (program.shifts(period, step, 1 << 20)) {
      for (long q : period) {
        p = AxisProgram.lcm(p, q);
      }
    }
    java.util.List<Long> members = new java.util.ArrayList<>();
    long n = accepted.smallest();
    long stop = accepted.startOfPeriodic() + 2L * p + 1;
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

  /**
   * The layer's own arithmetic, kept in the form {@code a·floor((H + b) / d) + c} as long as the
   * layers allow (nested floors merge: {@code floor((floor(x / d) + k) / s) = floor((x + k d) / (d s))}),
   * written out as text where they do not.
   */
  private static String structural(AxisProgram p, int v, String[] done, String variable) {
    return structural(p, v, done, new long[p.count][], variable);
  }

  private static String structural(AxisProgram p, int v, String[] done, long[][] forms, String variable) {
    long[] a = p.args[v];
    int in = p.sources[v].length > 0 ? p.sources[v][0] : -1;
    long[] f = in >= 0 ? forms[in] : null; // {a, b, d, c}
    long[] out = switch (p.op[v]) {
      case INPUT -> new long[] {1, 0, 1, 0};
      case CONSTANT -> new long[] {0, 0, 1, a[0]};
      case PIN -> new long[] {0, 0, 1, a[1]};
      case WINDOW -> f == null ? null : window(f, a[2] == 1 ? a[1] - 1 : a[1] - a[0], a[1]);
      case SCALE -> f == null ? null : new long[] {f[0] * a[0], f[1], f[2], f[3] * a[0]};
      case SHIFT -> f == null ? null : new long[] {f[0], f[1], f[2], f[3] + a[0]};
      case TRANSPOSED -> f == null ? null : transposedForm(f, a);
      case TRANSPOSED_FIT, SCALE_FIT -> forms[p.target[v]];
      case IDENTITY, CONCAT_ACROSS -> f;
      case MERGE -> {
        long[] chosen = null;
        for (int s : p.sources[v]) {
          if (forms[s] == null || forms[s][0] != 0 || forms[s][3] != 1) {
            chosen = forms[s];
            break;
          }
        }
        yield chosen == null && p.sources[v].length > 0 ? forms[p.sources[v][0]] : chosen;
      }
      case CONCAT_ALONG -> null;
    };
    forms[v] = out;
    if (out != null) {
      return render(out, variable);
    }
    String x = in >= 0 ? done[in] : variable;
    String wrapped = x.matches("[A-Za-z0-9·/]+") ? x : "(" + x + ")";
    return switch (p.op[v]) {
      case WINDOW -> a[2] == 1 ? "ceil(" + x + " / " + a[1] + ")" : "floor((" + x + " - " + a[0] + ") / " + a[1] + ") + 1";
      case TRANSPOSED -> transposed(a, wrapped);
      case SCALE -> a[0] + "·" + wrapped;
      case SHIFT -> x + (a[0] > 0 ? " + " + a[0] : " - " + -a[0]);
      case TRANSPOSED_FIT, SCALE_FIT -> done[p.target[v]];
      case CONCAT_ALONG -> {
        StringBuilder sum = new StringBuilder();
        for (int s : p.sources[v]) {
          sum.append(sum.length() == 0 ? "" : " + ").append(done[s]);
        }
        yield sum.toString();
      }
      default -> x;
    };
  }

  /** {@code floor((m + k) / s)} of {@code m = a·floor((H + b) / d) + c}, if it stays in the form. */
  private static long[] window(long[] f, long k, long s) {
    if (s == 1) {
      return new long[] {f[0], f[1], f[2], f[3] + k};
    }
    if (f[0] == 1) {
      return new long[] {1, f[1] + f[2] * (f[3] + k), f[2] * s, 0};
    }
    return null;
  }

  private static long[] transposedForm(long[] f, long[] a) {
    long s = a[1];
    long dk = Window.dilated((int) a[0], (int) a[2]);
    boolean same = a[3] == 1;
    long op = a[4];
    if (same && op < 0) {
      return new long[] {f[0] * s, f[1], f[2], f[3] * s};
    }
    long c = same ? dk % 2 + op : op < 0 ? Math.max(dk, s) : dk + op;
    return new long[] {f[0] * s, f[1], f[2], (f[3] - 1) * s + c};
  }

  private static String render(long[] f, String variable) {
    long a = f[0];
    long b = f[1];
    long d = f[2];
    long c = f[3];
    if (a == 0) {
      return Long.toString(c);
    }
    String term;
    if (d == 1) {
      c += a * b;
      term = (a == 1 ? "" : a + "·") + variable;
    } else if (b == d - 1) {
      term = (a == 1 ? "" : a + "·") + "ceil(" + variable + "/" + d + ")";
    } else {
      String inner = b == 0 ? variable + "/" + d : "(" + variable + (b > 0 ? " + " + b : " - " + -b) + ")/" + d;
      term = (a == 1 ? "" : a + "·") + "floor(" + inner + ")";
    }
    return c == 0 ? term : term + (c > 0 ? " + " + c : " - " + -c);
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
