package dev.kiln.shape;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/**
 * The exact set of sizes that a model accepts along one spatial axis of its first input, the other
 * axes as declared: every size for which {@link ShapeChecker} would report no error.
 *
 * <p>Why the answer is finite to state (docs/SEMANTICS.md §10): along an axis every layer is a
 * non-decreasing integer map with a shift rule, so past the size {@code n0} where every window fits,
 * each node's size satisfies {@code size(n + P) = size(n) + Q} for one period {@code P}. An equality
 * between two nodes (a merge, a fitted {@code sameShapeAs}, an {@code @Shape}) then changes by a fixed
 * {@code Δ} per period: if {@code Δ = 0} it repeats with the period, otherwise it holds at most once
 * per residue class and never again past a computable size. So from some {@code n1} on, acceptance
 * repeats with period {@code P}; below it the program is evaluated size by size. The set is a
 * finite union of arithmetic progressions, described by {@link SizeSet}.
 */
public final class AcceptedSizes {
  /** Sizes beyond this are not examined (a tensor that large would not fit a Java array anyway). */
  static final long MAX_SIZE = Integer.MAX_VALUE;
  /** Work bound: (sizes scanned) x (nodes); past it the answer says it is too large to state. */
  private static final long MAX_WORK = 50_000_000L;
  private static final long MAX_PERIOD = 1 << 20;

  private AcceptedSizes() {}

  /**
   * @param sizes the accepted sizes, empty when none (or when {@code limitation} is set)
   * @param limitation why the set could not be computed, or {@code null}
   */
  public record Result(SizeSet sizes, String limitation) {}

  /** The accepted sizes along {@code axis} (0 height, 1 width) of {@code spec}'s first input. */
  public static Result of(ModelSpec spec, int axis) {
    if (spec.inputs().isEmpty() || spec.inputShape().length != 3 && !(spec.inputShape().length == 2 && axis == 0)) {
      return new Result(SizeSet.none(), "the first input is not an image (height, width, channels) or a sequence "
          + "(steps, channels)");
    }
    CheckedModel reference = ShapeChecker.check(spec, false);
    AxisProgram program = AxisProgram.compile(spec, axis, reference);
    if (program == null) {
      return new Result(SizeSet.none(), "the model's wiring has errors at every size");
    }
    Result result = of(program, reference, axis);
    return result.limitation() != null ? result : confirm(spec, axis, result.sizes());
  }

  /**
   * The sizes {@code program} accepts, before anything that does not depend on the axis is checked.
   *
   * @param reference shapes at some size, which bound the tensors' other axes; may have errors
   */
  static Result of(AxisProgram program, CheckedModel reference, int axis) {
    long[] size = new long[program.count];
    long n0 = firstFitting(program, size);
    if (n0 < 0) {
      return new Result(SizeSet.none(), null);
    }
    long[] period = new long[program.count];
    long[] step = new long[program.count];
    if (!program.shifts(period, step, MAX_PERIOD)) {
      return new Result(SizeSet.none(), "the strides multiply to a period over " + MAX_PERIOD);
    }
    long p = 1;
    for (long q : period) {
      p = AxisProgram.lcm(p, q);
    }
    List<AxisProgram.Atom> atoms = program.atoms();
    program.evaluate(n0, size, false);
    for (AxisProgram.Atom atom : atoms) {
      long q = scaled(step, period, atom.a(), p);
      if (atom.divisible() && scaled(step, period, atom.b(), p) == 0) {
        long m = size[atom.b()];
        p *= m / AxisProgram.gcd(q, m); // makes size[a] mod m repeat with the period
      }
    }
    if (p > MAX_PERIOD) {
      return new Result(SizeSet.none(), "the strides multiply to a period over " + MAX_PERIOD);
    }
    long n1 = n0;
    for (int round = 0; round <= program.count; round++) {
      long next = tails(program, atoms, step, period, p, n1);
      if (next < 0) {
        return new Result(SizeSet.none(), "the model needs more than " + MAX_WORK + " steps to describe");
      }
      if (next == n1) {
        break;
      }
      n1 = next;
    }
    long end = largestFitting(program, reference, axis, n0);
    long scan = n1 + p;
    if (scan > MAX_SIZE || scan * program.count > MAX_WORK) {
      return new Result(SizeSet.none(), "the model needs more than " + MAX_WORK + " steps to describe");
    }
    boolean[] member = new boolean[(int) scan];
    for (long n = 1; n < scan; n++) {
      member[(int) n] = n <= end && program.evaluate(n, size, true);
    }
    return new Result(SizeSet.of(member, n1, (int) p, end), null);
  }

  /**
   * The program decides what depends on the axis; whatever does not (channels, the other axis,
   * wiring) the checker decides once, at the smallest accepted size.
   */
  private static Result confirm(ModelSpec spec, int axis, SizeSet sizes) {
    if (sizes.isEmpty()) {
      return new Result(sizes, null);
    }
    int[] shape = spec.inputShape();
    shape[axis] = (int) sizes.smallest();
    CheckedModel at = ShapeChecker.check(spec.withInputShape(shape), false);
    if (at.hasErrors()) {
      return new Result(SizeSet.none(), "errors that no " + (axis == 0 ? "height" : "width") + " fixes: "
          + at.problems().stream().filter(pr -> pr.severity() == Severity.ERROR).findFirst().orElseThrow().message());
    }
    return new Result(sizes, null);
  }

  private static long scaled(long[] step, long[] period, int node, long p) {
    return node < 0 ? 0 : step[node] * (p / period[node]);
  }

  /** The smallest size at which every window fits and every crop leaves a row; -1 if none. */
  private static long firstFitting(AxisProgram program, long[] size) {
    if (!program.evaluate(MAX_SIZE, size, false)) {
      return -1;
    }
    long lo = 1;
    long hi = MAX_SIZE;
    while (lo < hi) {
      long mid = lo + (hi - lo) / 2;
      if (program.evaluate(mid, size, false)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /**
   * The largest size at which every tensor still fits in a Java array, judging each node's other
   * axes and channels by the reference shapes.
   */
  private static long largestFitting(AxisProgram program, CheckedModel reference, int axis, long n0) {
    long[] factor = new long[program.count];
    Arrays.fill(factor, 1);
    Map<String, TensorShape> shapes = new HashMap<>();
    for (LayerInfo info : reference == null ? List.<LayerInfo>of() : reference.layers()) {
      shapes.putIfAbsent(info.name(), info.output());
    }
    for (int v = 0; v < program.count; v++) {
      TensorShape out = reference == null ? null : shapes.get(reference.spec().nodeName(v));
      if (out != null && program.image[v] && out.rank() == reference.spec().inputShape().length) {
        factor[v] = Math.max(1, out.size() / Math.max(1, out.dim(axis)));
      }
    }
    long[] size = new long[program.count];
    long lo = n0;
    long hi = MAX_SIZE;
    while (lo < hi) {
      long mid = lo + (hi - lo + 1) / 2;
      program.evaluate(mid, size, false);
      boolean fits = true;
      for (int v = 0; v < program.count && fits; v++) {
        fits = size[v] <= MAX_SIZE / factor[v];
      }
      if (fits) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /**
   * The size from which every atom's truth repeats with period {@code p}, judged from residues
   * starting at {@code base}; -1 if that needs too much work.
   */
  private static long tails(AxisProgram program, List<AxisProgram.Atom> atoms, long[] step, long[] period, long p,
      long base) {
    if (p * program.count > MAX_WORK) {
      return -1;
    }
    long tail = base;
    long[][] at = new long[(int) p][];
    for (int r = 0; r < p; r++) {
      at[r] = new long[program.count];
      program.evaluate(base + r, at[r], false);
    }
    for (AxisProgram.Atom atom : atoms) {
      long qa = scaled(step, period, atom.a(), p);
      long qb = scaled(step, period, atom.b(), p);
      if (atom.divisible()) {
        tail = Math.max(tail, divisibleTail(program, atom, qa, qb, at, p, base));
        continue;
      }
      long delta = qa - atom.kb() * qb;
      if (delta == 0) {
        continue;
      }
      for (int r = 0; r < p; r++) {
        long h = atom.h(at[r]);
        // h(base + r + t*p) = h + t*delta: true for t up to `last`, false after.
        long last = delta > 0 ? Math.floorDiv(atom.hi() - h, delta) : Math.floorDiv(h - atom.lo(), -delta);
        if (last >= 0) {
          tail = Math.max(tail, base + r + (last + 1) * p);
        }
      }
    }
    return tail;
  }

  /**
   * Where "{@code size[a]} is a multiple of {@code size[b]}" starts to repeat. With {@code b}
   * constant the period already covers it. Otherwise, if {@code qa = k qb}, {@code e = size[a] - k
   * size[b]} repeats, and once {@code size[b] > |e|} the atom holds exactly when {@code e = 0}; if
   * not, {@code size[a]} ends up strictly between two multiples of {@code size[b]}, and never holds.
   */
  private static long divisibleTail(AxisProgram program, AxisProgram.Atom atom, long qa, long qb, long[][] at, long p,
      long base) {
    if (qb == 0) {
      return base;
    }
    long k = qa / qb;
    long tail = base;
    if (qa % qb == 0) {
      long e = 0;
      for (long[] size : at) {
        e = Math.max(e, Math.abs(size[atom.a()] - k * size[atom.b()]));
      }
      long[] size = new long[program.count];
      long lo = base;
      long hi = MAX_SIZE;
      while (lo < hi) {
        long mid = lo + (hi - lo) / 2;
        program.evaluate(mid, size, false);
        if (size[atom.b()] > e) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      return Math.max(tail, lo + p);
    }
    long d1 = qa - k * qb;
    long d2 = qa - (k + 1) * qb;
    for (int r = 0; r < p; r++) {
      long e1 = at[r][atom.a()] - k * at[r][atom.b()];
      long e2 = at[r][atom.a()] - (k + 1) * at[r][atom.b()];
      long t1 = e1 >= 1 ? 0 : Math.floorDiv(1 - e1 + d1 - 1, d1);
      long t2 = e2 <= -1 ? 0 : Math.floorDiv(e2 + 1 - d2 - 1, -d2);
      tail = Math.max(tail, base + r + Math.max(t1, t2) * p);
    }
    return tail;
  }
}
