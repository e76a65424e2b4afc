package dev.kiln.shape;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * A set of sizes along one axis, as a chain of convolutions, pools, upsamplings, paddings, crops and
 * merges accepts them: finitely many sizes below {@code start}, then, from {@code start} up to
 * {@code end}, every size whose remainder modulo {@code period} is one of {@code residues}. Such a
 * finite union of arithmetic progressions is exactly what those layers give (docs/SEMANTICS.md §10).
 *
 * <p>Built by {@link AcceptedSizes}; immutable; {@link #describe} words it for a person
 * ({@code H ≥ 28 with H ≡ 0 (mod 4)}, {@code H ∈ {32, 33} or H ≥ 40}).
 */
public final class SizeSet {
  /**
   * An upper end past this is left out of {@link #describe}: it is where some tensor would no longer
   * fit in a Java array, far beyond any image (still honoured by {@link #contains}).
   */
  private static final long WORDED_LIMIT = 1 << 20;

  /** Members below {@link #start}, ascending. */
  private final long[] below;
  private final long start;
  /** Inclusive; past it some tensor would not fit in a Java array. */
  private final long end;
  private final int period;
  /** {@code r} in {@code [0, period)}: a size {@code n} in {@code [start, end]} is a member iff {@code n mod period} is set. */
  private final BitSet residues;

  private SizeSet(long[] below, long start, long end, int period, BitSet residues) {
    this.below = below;
    this.start = start;
    this.end = end;
    this.period = period;
    this.residues = residues;
  }

  /** The empty set. */
  public static SizeSet none() {
    return new SizeSet(new long[0], 1, 0, 1, new BitSet());
  }

  /**
   * The set whose members in {@code [1, start + period)} are {@code member[n]} and which repeats
   * with {@code period} from {@code start} to {@code end}, in its simplest form: the shortest period
   * and the earliest start that describe the same set.
   *
   * @param member indexed by size, length at least {@code start + period}; index 0 unused
   */
  static SizeSet of(boolean[] member, long start, int period, long end) {
    BitSet tail = new BitSet(period);
    for (int r = 0; r < period; r++) {
      long n = start + r;
      if (member[(int) n]) {
        tail.set((int) (n % period));
      }
    }
    int p = shortestPeriod(tail, period);
    BitSet residues = new BitSet(p);
    for (int r = tail.nextSetBit(0); r >= 0; r = tail.nextSetBit(r + 1)) {
      residues.set(r % p);
    }
    long s = start;
    while (s > 1 && member[(int) (s - 1)] == residues.get((int) ((s - 1) % p))) {
      s--;
    }
    if (!residues.isEmpty()) {
      while (!residues.get((int) (s % p))) {
        s++; // start at the first member of the progression
      }
    } else {
      s = start;
      end = start - 1;
    }
    List<Long> finite = new ArrayList<>();
    for (long n = 1; n < s && n <= Math.min(end, member.length - 1); n++) {
      if (member[(int) n]) {
        finite.add(n);
      }
    }
    long[] below = finite.stream().mapToLong(Long::longValue).toArray();
    return new SizeSet(below, s, Math.max(end, s - 1), p, residues);
  }

  private static int shortestPeriod(BitSet tail, int period) {
    for (int p = 1; p < period; p++) {
      if (period % p != 0) {
        continue;
      }
      boolean repeats = true;
      for (int r = 0; r + p < period && repeats; r++) {
        repeats = tail.get(r) == tail.get(r + p);
      }
      if (repeats) {
        return p;
      }
    }
    return period;
  }

  public boolean contains(long n) {
    if (n < 1 || n > end && n >= start) {
      return false;
    }
    if (n < start) {
      return java.util.Arrays.binarySearch(below, n) >= 0;
    }
    return residues.get((int) (n % period));
  }

  public boolean isEmpty() {
    return below.length == 0 && (residues.isEmpty() || end < start);
  }

  /** The smallest member, or -1 if there is none. */
  public long smallest() {
    if (below.length > 0) {
      return below[0];
    }
    return isEmpty() ? -1 : start;
  }

  /** The largest member at most {@code n}, or -1. */
  public long atMost(long n) {
    for (long m = Math.min(n, end); m >= start && m > n - period - 1; m--) {
      if (contains(m)) {
        return m;
      }
    }
    for (int i = below.length - 1; i >= 0; i--) {
      if (below[i] <= n) {
        return below[i];
      }
    }
    return -1;
  }

  /** The smallest member at least {@code n}, or -1. */
  public long atLeast(long n) {
    for (long b : below) {
      if (b >= n) {
        return b;
      }
    }
    for (long m = Math.max(n, start); m <= end && m < Math.max(n, start) + period; m++) {
      if (contains(m)) {
        return m;
      }
    }
    return -1;
  }

  /** Where the progression part starts (every member from here on follows the period). */
  public long startOfPeriodic() {
    return start;
  }

  /** The period of the progression part (1 when every size from the start on is accepted). */
  public int period() {
    return period;
  }

  /** The set in words, with {@code axis} as the variable: {@code H ≥ 28 with H ≡ 0 (mod 4)}. */
  public String describe(String axis) {
    if (isEmpty()) {
      return "no " + axis;
    }
    List<String> parts = new ArrayList<>();
    if (below.length > 0) {
      parts.add(finite(axis));
    }
    if (!residues.isEmpty() && end >= start) {
      String from = end == start ? axis + " = " + number(start) : axis + " ≥ " + number(start);
      if (end > start && period > 1) {
        List<String> rs = new ArrayList<>();
        for (int r = residues.nextSetBit(0); r >= 0; r = residues.nextSetBit(r + 1)) {
          rs.add(Integer.toString(r));
        }
        from += " with " + axis + " ≡ " + String.join(", ", rs) + " (mod " + period + ")";
      }
      if (end < WORDED_LIMIT && end > start) {
        from += ", up to " + number(end);
      }
      parts.add(from);
    }
    return String.join(" or ", parts);
  }

  private String finite(String axis) {
    if (below.length == 1) {
      return axis + " = " + number(below[0]);
    }
    boolean run = below[below.length - 1] - below[0] == below.length - 1;
    if (run && below.length > 3) {
      return number(below[0]) + " ≤ " + axis + " ≤ " + number(below[below.length - 1]);
    }
    List<String> values = new ArrayList<>();
    for (long b : below) {
      values.add(number(b));
    }
    return axis + " ∈ {" + String.join(", ", values) + "}";
  }

  private static String number(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  @Override
  public String toString() {
    return describe("n");
  }
}
