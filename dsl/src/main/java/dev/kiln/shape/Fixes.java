package dev.kiln.shape;

import dev.kiln.dsl.Padding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Computes model-level fixes by trying edits and re-checking: the smallest input a layer fits, and
 * the padding changes, removed layers, input sizes or inserted padding that give a declared shape.
 * Only edits that were checked to work are suggested.
 */
final class Fixes {
  private Fixes() {}

  /** Adds the model-level fix to a layer's problem, where one exists. */
  static Problem extend(ModelSpec spec, Problem problem) {
    String sentence = switch (problem.code()) {
      case WINDOW_TOO_LARGE, MERGE_SHAPES -> minimumInput(spec, problem.node(), false);
      case TRUNCATION -> minimumInput(spec, problem.node(), true);
      default -> "";
    };
    return sentence.isEmpty() ? problem : problem.withMessage(problem.message() + " " + sentence);
  }

  /**
   * The smallest @Input, no smaller than the current one, for which the model is valid up to
   * {@code node} (and, for a truncation, that layer drops nothing).
   */
  private static String minimumInput(ModelSpec spec, int node, boolean truncation) {
    int[] base = spec.inputShape();
    if (base.length != 3) {
      return "";
    }
    ModelSpec prefix = spec.prefix(node);
    Predicate<int[]> ok = dims -> {
      CheckedModel m = ShapeChecker.check(prefix.withInputShape(dims), false);
      return !m.hasErrors() && (!truncation || m.problems().stream().noneMatch(
          p -> p.node() == node && p.code() == ProblemCode.TRUNCATION));
    };
    int[] found = null;
    int limit = Math.max(base[0], base[1]) * 8 + 64;
    for (int t = 1; t <= limit && found == null; t++) {
      int[] candidate = {base[0] + t, base[1] + t, base[2]};
      if (ok.test(candidate)) {
        found = candidate;
      }
    }
    if (found == null) {
      return "";
    }
    for (int a = 0; a < 2; a++) {
      for (int v = base[a]; v < found[a]; v++) {
        int[] candidate = found.clone();
        candidate[a] = v;
        if (ok.test(candidate)) {
          found[a] = v;
          break;
        }
      }
    }
    String input = "@Input `" + spec.inputName() + "`";
    String sizes = TensorShape.of(found).compact() + " (it is " + TensorShape.of(base).compact() + ")";
    return truncation
        ? "Or give the " + input + " " + sizes + ", which this layer divides evenly."
        : "Or make the " + input + " at least " + sizes + ".";
  }

  /** The edits that make node {@code node} come out as {@code declared}, as one sentence. */
  static String forShape(ModelSpec spec, int node, int[] declared) {
    ModelSpec prefix = spec.prefix(node);
    Predicate<ModelSpec> matches = candidate -> {
      CheckedModel m = ShapeChecker.check(candidate, false);
      return !m.hasErrors() && m.layers().size() == candidate.nodeCount()
          && Arrays.equals(m.outputShape().dims(), declared);
    };
    List<String> fixes = new ArrayList<>();
    for (int n = spec.firstLayer(); n <= node; n++) {
      LayerRule rule = prefix.layer(n).rule();
      if (rule.paddingMode() != null) {
        Padding other = rule.paddingMode() == Padding.VALID ? Padding.SAME : Padding.VALID;
        if (matches.test(prefix.withLayer(n, prefix.layer(n).withRule(rule.withPaddingMode(other))))) {
          fixes.add("use padding = " + other + " in " + ShapeChecker.label(spec, n));
        }
      }
      LayerRule resized = withOutputChannels(rule, declared[declared.length - 1]);
      if (resized != null && matches.test(prefix.withLayer(n, prefix.layer(n).withRule(resized)))) {
        fixes.add("give " + ShapeChecker.label(spec, n) + " " + declared[declared.length - 1]
            + (rule instanceof DenseRule ? " units" : " filters"));
      }
    }
    for (int n = spec.firstLayer(); n < node; n++) {
      if (matches.test(prefix.withoutLayers(n))) {
        fixes.add("remove " + ShapeChecker.label(spec, n));
      }
    }
    if (fixes.isEmpty()) {
      fixes.addAll(pairRemovals(spec, prefix, node, matches));
    }
    String input = inputFor(spec, prefix, declared, matches);
    if (!input.isEmpty()) {
      fixes.add(input);
    }
    String border = borderLayer(spec, prefix, node, declared, matches);
    if (!border.isEmpty()) {
      fixes.add(border);
    }
    if (fixes.isEmpty()) {
      return " No single change of padding, filters, input size or one or two layers gives "
          + TensorShape.describe(declared) + "; check the layers named above.";
    }
    return " To get " + TensorShape.describe(declared) + ": " + String.join("; or ", fixes) + ".";
  }

  private static LayerRule withOutputChannels(LayerRule rule, int channels) {
    if (rule instanceof Conv2DRule c && c.filters() != channels) {
      return new Conv2DRule(channels, c.window(), c.activation(), c.useBias());
    } else if (rule instanceof SeparableConv2DRule s && s.filters() != channels) {
      return new SeparableConv2DRule(channels, s.window(), s.depthMultiplier(), s.activation(), s.useBias());
    } else if (rule instanceof Conv2DTransposeRule t && t.filters() != channels) {
      return new Conv2DTransposeRule(channels, t.window(), t.outputPadding(), t.activation(), t.useBias());
    } else if (rule instanceof DenseRule d && d.units() != channels) {
      return new DenseRule(channels, d.activation(), d.useBias());
    }
    return null;
  }

  /** {@code remove `pool3` (MaxPooling2D) and one of `up1`, `up2`, `up3`}, at most two groups. */
  private static List<String> pairRemovals(ModelSpec spec, ModelSpec prefix, int node, Predicate<ModelSpec> matches) {
    Map<Integer, List<Integer>> pairs = new LinkedHashMap<>();
    for (int a = spec.firstLayer(); a < node; a++) {
      for (int b = a + 1; b < node; b++) {
        if (matches.test(prefix.withoutLayers(a, b))) {
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

  /** An @Input size that gives the declared spatial size, searched axis by axis. */
  private static String inputFor(ModelSpec spec, ModelSpec prefix, int[] declared, Predicate<ModelSpec> matches) {
    int[] base = spec.inputShape();
    if (base.length != 3 || declared.length != 3) {
      return "";
    }
    int[] found = base.clone();
    for (int a = 0; a < 2; a++) {
      int limit = Math.max(base[a], declared[a]) * 8 + 64;
      boolean hit = false;
      for (int v = 1; v <= limit && !hit; v++) {
        int[] candidate = base.clone();
        candidate[a] = v;
        CheckedModel m = ShapeChecker.check(prefix.withInputShape(candidate), false);
        if (!m.hasErrors() && m.outputShape().rank() == 3 && m.outputShape().dim(a) == declared[a]) {
          found[a] = v;
          hit = true;
        }
      }
      if (!hit) {
        return "";
      }
    }
    if (Arrays.equals(found, base) || !matches.test(prefix.withInputShape(found))) {
      return "";
    }
    return "make the @Input `" + spec.inputName() + "` " + TensorShape.of(found).compact();
  }

  /** A ZeroPadding2D or Cropping2D inserted just before the layer, when that works. */
  private static String borderLayer(ModelSpec spec, ModelSpec prefix, int node, int[] declared,
      Predicate<ModelSpec> matches) {
    if (node <= spec.firstLayer() || declared.length != 3) {
      return "";
    }
    ModelSpec upToPrevious = prefix.prefix(node - 1);
    CheckedModel before = ShapeChecker.check(upToPrevious, false);
    CheckedModel after = ShapeChecker.check(prefix, false);
    if (before.hasErrors() || !before.outputShape().isImage() || !after.outputShape().isImage()) {
      return "";
    }
    int dh = declared[0] - after.outputShape().height();
    int dw = declared[1] - after.outputShape().width();
    if (dh == 0 && dw == 0 || (dh > 0 || dw > 0) && (dh < 0 || dw < 0)) {
      return "";
    }
    int h = Math.abs(dh);
    int w = Math.abs(dw);
    Edges edges = new Edges(h / 2, h - h / 2, w / 2, w - w / 2);
    int[] values = {edges.top(), edges.bottom(), edges.left(), edges.right()};
    boolean pad = dh >= 0 && dw >= 0;
    LayerRule rule = pad ? new ZeroPadding2DRule(values) : new Cropping2DRule(values);
    String field = pad ? "padded" : "cropped";
    if (!matches.test(prefix.withLayerBefore(node, new ModelSpec.LayerSpec(field, rule, null)))) {
      return "";
    }
    String annotation = pad ? "@ZeroPadding2D(padding = " : "@Cropping2D(cropping = ";
    return "insert `" + annotation + edges.toJava() + ") Tensor " + field + ";` before `" + spec.nodeName(node) + "`";
  }
}
