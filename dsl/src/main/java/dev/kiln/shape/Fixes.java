package dev.kiln.shape;

import dev.kiln.dsl.Padding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Computes model-level fixes by trying edits and re-checking: the smallest input a layer fits, and
 * the padding changes, removed layers, input sizes or inserted padding that give a declared shape.
 * Only edits that were checked to work are suggested. Each candidate is a {@link Trial}, which
 * re-runs only what the edit changes, and all of them are paid from one {@link Budget} per model,
 * so explaining any number of errors stays linear in the model's size.
 */
final class Fixes {
  /** Input sizes tried one by one before the search bisects (sizes grow monotonically with the input). */
  private static final int LINEAR_STEPS = 32;

  private final ModelSpec spec;
  private final Wiring wiring;
  private final LayerInfo[] infos;
  private final Trial trial;

  Fixes(ModelSpec spec, Wiring wiring, LayerInfo[] infos, Budget budget) {
    this.spec = spec;
    this.wiring = wiring;
    this.infos = infos;
    this.trial = new Trial(spec, wiring, infos, budget);
  }

  /** Adds the model-level fix to a layer's problem, where one exists. */
  Problem extend(Problem problem) {
    String sentence = switch (problem.code()) {
      case WINDOW_TOO_LARGE -> minimumInput(problem.node(), false, true);
      case MERGE_SHAPES -> minimumInput(problem.node(), false, false);
      case TRUNCATION -> minimumInput(problem.node(), true, false);
      default -> "";
    };
    return sentence.isEmpty() ? problem : problem.withMessage(problem.message() + " " + sentence);
  }

  /**
   * The smallest @Input, no smaller than the current one, for which the model is valid up to
   * {@code node} (and, for a truncation, that layer drops nothing).
   *
   * @param monotone whether validity only improves with a larger input (a window that must fit),
   *     which lets the search bisect; merges and truncation are tried size by size
   */
  private String minimumInput(int node, boolean truncation, boolean monotone) {
    int[] base = spec.inputShape();
    if (base.length != 3) {
      return "";
    }
    IntPredicateOf ok = dims -> trial.reset().input(dims).forbid(truncation ? ProblemCode.TRUNCATION : null)
        .run(node) != null;
    long limit = Math.min(Integer.MAX_VALUE - (long) Math.max(base[0], base[1]),
        Math.max(base[0], base[1]) * 8L + 64);
    int t = smallest(1, (int) limit, monotone, step -> ok.test(new int[] {base[0] + step, base[1] + step, base[2]}));
    if (t < 0) {
      return "";
    }
    int[] found = {base[0] + t, base[1] + t, base[2]};
    for (int a = 0; a < 2; a++) {
      int axis = a;
      int v = smallest(base[axis], found[axis] - 1, monotone, value -> {
        int[] candidate = found.clone();
        candidate[axis] = value;
        return ok.test(candidate);
      });
      if (v >= 0) {
        found[axis] = v;
      }
    }
    String input = "@Input `" + spec.inputName() + "`";
    String sizes = TensorShape.of(found).compact() + " (it is " + TensorShape.of(base).compact() + ")";
    return truncation
        ? "Or give the " + input + " " + sizes + ", which this layer divides evenly."
        : "Or make the " + input + " at least " + sizes + ".";
  }

  /** A test of a candidate input shape. */
  private interface IntPredicateOf {
    boolean test(int[] dims);
  }

  /**
   * The smallest value in {@code [from, to]} that passes, or -1: tried one by one for the first
   * {@link #LINEAR_STEPS}, then, if {@code monotone}, bisected; a bisected answer is re-tested.
   */
  private int smallest(int from, int to, boolean monotone, IntPredicate passes) {
    int linearEnd = (int) Math.min(to, (long) from + LINEAR_STEPS - 1);
    for (int v = from; v <= linearEnd; v++) {
      if (passes.test(v)) {
        return v;
      }
      if (trial.budget().exhausted()) {
        return -1;
      }
    }
    if (!monotone || linearEnd >= to || !passes.test(to)) {
      return -1;
    }
    int low = linearEnd + 1;
    int high = to;
    while (low < high && !trial.budget().exhausted()) {
      int middle = (int) (((long) low + high) >>> 1);
      if (passes.test(middle)) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return passes.test(high) ? high : -1;
  }

  /** The edits that make node {@code node} come out as {@code declared}, as one sentence. */
  String forShape(int node, int[] declared) {
    IntPredicateOf same = dims -> Arrays.equals(dims, declared);
    List<String> fixes = new ArrayList<>();
    int channels = declared.length == 0 ? 0 : declared[declared.length - 1];
    for (int n = spec.firstLayer(); n <= node && !trial.budget().exhausted(); n++) {
      LayerRule rule = spec.layer(n).rule();
      if (rule.paddingMode() != null) {
        Padding other = rule.paddingMode() == Padding.VALID ? Padding.SAME : Padding.VALID;
        if (matches(trial.reset().replace(n, rule.withPaddingMode(other)).run(node), same)) {
          fixes.add("use padding = " + other + " in " + ShapeChecker.label(spec, n));
        }
      }
      LayerRule resized = channels >= 1 ? rule.withOutputChannels(channels) : null;
      if (resized != null && matches(trial.reset().replace(n, resized).run(node), same)) {
        fixes.add("give " + ShapeChecker.label(spec, n) + " " + channels
            + " " + rule.outputChannelsAttribute());
      }
    }
    List<Integer> reshaping = new ArrayList<>();
    for (int n = spec.firstLayer(); n < node && !trial.budget().exhausted(); n++) {
      if (!changesShape(n)) {
        continue;
      }
      reshaping.add(n);
      if (matches(trial.reset().remove(n).run(node), same)) {
        fixes.add("remove " + ShapeChecker.label(spec, n));
      }
    }
    if (fixes.isEmpty()) {
      fixes.addAll(pairRemovals(reshaping, node, same));
    }
    String input = inputFor(node, declared, same);
    if (!input.isEmpty()) {
      fixes.add(input);
    }
    String border = borderLayer(node, declared, same);
    if (!border.isEmpty()) {
      fixes.add(border);
    }
    if (fixes.isEmpty()) {
      return " No single change of padding, filters, input size or one or two layers gives "
          + TensorShape.describe(declared) + "; check the layers named above.";
    }
    return " To get " + TensorShape.describe(declared) + ": " + String.join("; or ", fixes) + ".";
  }

  private static boolean matches(TensorShape out, IntPredicateOf same) {
    return out != null && same.test(out.dims());
  }

  /**
   * Whether removing layer {@code n} could change anything: a layer that reads the field before it
   * and keeps its shape leaves every later shape as it was when removed.
   */
  private boolean changesShape(int n) {
    LayerInfo info = infos[n];
    return info == null || info.inputs().size() != 1 || wiring.sources(n)[0] != n - 1
        || !info.output().equals(info.input());
  }

  /**
   * {@code remove `pool3` (MaxPooling2D) and one of `up1`, `up2`, `up3`}, at most two groups. Only
   * layers that change a shape are paired: removing any other leaves the model as it was.
   */
  private List<String> pairRemovals(List<Integer> reshaping, int node, IntPredicateOf same) {
    Map<Integer, List<Integer>> pairs = new LinkedHashMap<>();
    for (int i = 0; i < reshaping.size() && !trial.budget().exhausted(); i++) {
      for (int j = i + 1; j < reshaping.size() && !trial.budget().exhausted(); j++) {
        int a = reshaping.get(i);
        int b = reshaping.get(j);
        if (matches(trial.reset().remove(a).remove(b).run(node), same)) {
          pairs.computeIfAbsent(a, k -> new ArrayList<>()).add(b);
        }
      }
    }
    List<String> fixes = new ArrayList<>();
    List<Integer> firsts = new ArrayList<>(pairs.keySet());
    firsts.sort((x, y) -> Integer.compare(y, x));
    for (int a : firsts.subList(0, Math.min(2, firsts.size()))) {
      List<Integer> partners = pairs.get(a);
      List<String> names = new ArrayList<>();
      for (int b : partners) {
        names.add("`" + spec.nodeName(b) + "`");
      }
      fixes.add("remove " + ShapeChecker.label(spec, a) + " and "
          + (names.size() == 1 ? names.get(0) : "one of " + String.join(", ", names)));
    }
    return fixes;
  }

  /**
   * An @Input size that gives the declared spatial size, searched axis by axis: each output size
   * grows with the input's, so the search finds the smallest input reaching the declared size.
   */
  private String inputFor(int node, int[] declared, IntPredicateOf same) {
    int[] base = spec.inputShape();
    if (base.length != 3 || declared.length != 3) {
      return "";
    }
    int[] found = base.clone();
    for (int a = 0; a < 2; a++) {
      int axis = a;
      long limit = Math.min(Integer.MAX_VALUE, Math.max(base[a], (long) declared[a]) * 8 + 64);
      int v = smallest(1, (int) limit, true, value -> {
        int[] candidate = base.clone();
        candidate[axis] = value;
        TensorShape out = trial.reset().input(candidate).run(node);
        return out != null && out.rank() == 3 && out.dim(axis) >= declared[axis];
      });
      if (v < 0) {
        return "";
      }
      int[] candidate = base.clone();
      candidate[axis] = v;
      TensorShape out = trial.reset().input(candidate).run(node);
      if (out == null || out.dim(axis) != declared[axis]) {
        return "";
      }
      found[a] = v;
    }
    if (Arrays.equals(found, base) || !matches(trial.reset().input(found).run(node), same)) {
      return "";
    }
    return "make the @Input `" + spec.inputName() + "` " + TensorShape.of(found).compact();
  }

  /** A ZeroPadding2D or Cropping2D inserted just before the layer, when that works. */
  private String borderLayer(int node, int[] declared, IntPredicateOf same) {
    if (node <= spec.firstLayer() || declared.length != 3 || infos[node - 1] == null || infos[node] == null) {
      return "";
    }
    TensorShape before = infos[node - 1].output();
    TensorShape after = infos[node].output();
    if (!before.isImage() || !after.isImage()) {
      return "";
    }
    long dh = (long) declared[0] - after.height();
    long dw = (long) declared[1] - after.width();
    if (dh == 0 && dw == 0 || (dh > 0 || dw > 0) && (dh < 0 || dw < 0)
        || Math.abs(dh) > Integer.MAX_VALUE || Math.abs(dw) > Integer.MAX_VALUE) {
      return "";
    }
    int h = (int) Math.abs(dh);
    int w = (int) Math.abs(dw);
    Edges edges = new Edges(h / 2, h - h / 2, w / 2, w - w / 2);
    int[] values = {edges.top(), edges.bottom(), edges.left(), edges.right()};
    boolean pad = dh >= 0 && dw >= 0;
    LayerRule rule = pad ? new ZeroPadding2DRule(values) : new Cropping2DRule(values);
    String field = pad ? "padded" : "cropped";
    if (!matches(trial.reset().insertBefore(rule).run(node), same)) {
      return "";
    }
    String annotation = pad ? "@ZeroPadding2D(padding = " : "@Cropping2D(cropping = ";
    return "insert `" + annotation + edges.toJava() + ") Tensor " + field + ";` before `" + spec.nodeName(node) + "`";
  }
}
