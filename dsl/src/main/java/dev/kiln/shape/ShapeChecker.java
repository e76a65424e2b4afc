package dev.kiln.shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a {@link ModelSpec}: every layer's attributes and wiring, then the shapes in
 * declaration order. Every attribute and wiring problem is reported; a layer whose inputs have no
 * valid shape is skipped silently, so one mistake gives one error, not a cascade, while independent
 * branches are still checked. Errors come with computed fixes.
 */
public final class ShapeChecker {
  private ShapeChecker() {}

  /**
   * Checks {@code spec}. A free input height or width ({@link FreeSizes#ANY}) is resolved first:
   * the model is checked at the smallest accepted size, or fails with why no size is accepted.
   */
  public static CheckedModel check(ModelSpec spec) {
    if (FreeSizes.hasFree(spec)) {
      List<Problem> problems = sizeFreeProblems(spec);
      FreeSizes.Resolved free = problems.isEmpty() ? FreeSizes.resolve(spec) : null;
      if (free != null && free.problem() != null) {
        problems.add(FreeSizes.problem(spec, free));
      }
      if (!problems.isEmpty()) {
        List<String> outputs = spec.outputs().isEmpty() ? List.of(spec.nodeName(spec.nodeCount() - 1)) : spec.outputs();
        return new CheckedModel(spec, List.of(), outputs, problems);
      }
      return check(free.concrete(), true);
    }
    return check(spec, true);
  }

  /**
   * What is wrong whatever the size: the wiring and each layer's attributes. A free-size model is
   * analysed only without these, so that a bad attribute is reported as itself.
   */
  private static List<Problem> sizeFreeProblems(ModelSpec spec) {
    List<Problem> problems = new ArrayList<>();
    Map<String, Integer> nodes = new HashMap<>();
    for (int node = 0; node < spec.nodeCount(); node++) {
      nodes.putIfAbsent(spec.nodeName(node), node);
    }
    Wiring.resolve(spec, nodes, problems);
    for (int node = spec.firstLayer(); node < spec.nodeCount(); node++) {
      Problems found = new Problems(node, label(spec, node));
      spec.layer(node).rule().validate(found);
      problems.addAll(found.list());
    }
    problems.removeIf(p -> p.severity() != Severity.ERROR);
    return problems;
  }

  /** @param explain compute fixes (off for the candidate models that fixes are searched among) */
  static CheckedModel check(ModelSpec spec, boolean explain) {
    List<Problem> problems = new ArrayList<>();
    int count = spec.nodeCount();
    LayerInfo[] infos = new LayerInfo[count];
    TensorShape[] shapes = new TensorShape[count];
    Map<String, Integer> nodes = new HashMap<>();
    for (int node = 0; node < count; node++) {
      nodes.putIfAbsent(spec.nodeName(node), node);
    }
    for (int i = 0; i < spec.firstLayer(); i++) {
      shapes[i] = inputShape(spec, i, problems);
      if (shapes[i] != null) {
        infos[i] = new LayerInfo(spec.nodeName(i), null, List.of(), List.of(), shapes[i], List.of(), 0);
      }
    }
    Wiring wiring = Wiring.resolve(spec, nodes, problems);
    Fixes fixes = explain ? new Fixes(spec, wiring, infos, Budget.forModel(spec)) : null;
    boolean[] attributesOk = new boolean[count];
    for (int node = spec.firstLayer(); node < count; node++) {
      Problems found = new Problems(node, label(spec, node));
      spec.layer(node).rule().validate(found);
      problems.addAll(found.list());
      attributesOk[node] = !found.hasErrors() && wiring.ok(node);
    }
    for (int node = spec.firstLayer(); node < count; node++) {
      int[] sources = wiring.sources(node);
      if (!attributesOk[node] || Arrays.stream(sources).anyMatch(s -> shapes[s] == null)) {
        continue;
      }
      Problems found = new Problems(node, label(spec, node));
      LayerInfo info = apply(spec, node, sources, shapes, infos, wiring, found);
      for (Problem p : found.list()) {
        problems.add(fixes != null ? fixes.extend(p) : p);
      }
      if (info == null) {
        continue;
      }
      infos[node] = info;
      int[] declared = spec.layer(node).declared();
      if (declared != null && !Arrays.equals(declared, info.output().dims())) {
        problems.add(mismatch(spec, pathTo(infos, wiring, node), node, declared, fixes));
      } else {
        shapes[node] = info.output();
      }
    }
    problems.addAll(wiring.unused(spec));
    List<LayerInfo> checked = new ArrayList<>();
    for (LayerInfo info : infos) {
      if (info != null) {
        checked.add(info);
      }
    }
    List<String> outputs = spec.outputs().isEmpty() ? List.of(spec.nodeName(count - 1)) : spec.outputs();
    return new CheckedModel(spec, checked, outputs, problems);
  }

  private static LayerInfo apply(ModelSpec spec, int node, int[] sources, TensorShape[] shapes, LayerInfo[] infos,
      Wiring wiring, Problems found) {
    ModelSpec.LayerSpec layer = spec.layer(node);
    List<LayerInput> inputs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int s : sources) {
      inputs.add(new LayerInput(shapes[s], source(spec, s), spec.nodeName(s),
          LayerInput.paddedEnd(s < spec.firstLayer() ? null : spec.layer(s).rule())));
      names.add(spec.nodeName(s));
    }
    int target = wiring.target(node);
    if (target >= 0 && shapes[target] == null) {
      return null;
    }
    Applied applied = applyRule(layer.rule(), inputs, target < 0 ? null : shapes[target],
        target < 0 ? null : spec.nodeName(target), found,
        i -> new String[] {source(spec, sources[i]), imageFix(pathTo(infos, wiring, sources[i]))});
    if (applied == null) {
      return null;
    }
    // A frozen layer (trainable = false) owns the same weights, all non-trainable.
    List<WeightSpec> weights = layer.withRule(applied.rule()).weights(shapes[sources[0]]);
    List<TensorShape> inputShapes = new ArrayList<>();
    for (LayerInput in : inputs) {
      inputShapes.add(in.shape());
    }
    TensorShape out = applied.output();
    return new LayerInfo(layer.name(), applied.rule(), names, inputShapes, out, weights,
        applied.rule().macs(shapes[sources[0]], out));
  }

  /** A rule applied to its inputs: the rule (with a {@code sameShapeAs} attribute chosen), its output and weights. */
  record Applied(LayerRule rule, TensorShape output, List<WeightSpec> weights) {}

  /**
   * Applies a layer's rule, shared by the check and the fix search: the input ranks, the fitting to
   * a {@code sameShapeAs} target, the output and the weights' sizes. {@code null} after reporting.
   *
   * @param target the {@code sameShapeAs} field's shape, or {@code null}
   * @param imageFix for input {@code i} that is not an image: where it comes from and the fix, for the message
   */
  static Applied applyRule(LayerRule rule, List<LayerInput> inputs, TensorShape target, String targetName,
      Problems found, java.util.function.IntFunction<String[]> imageFix) {
    for (int i = 0; i < inputs.size(); i++) {
      TensorShape shape = inputs.get(i).shape();
      if (rule.needsImage() && !shape.isImage()) {
        String[] text = imageFix.apply(i);
        found.report(ProblemCode.NEEDS_IMAGE, null, -1, text[0], shape,
            shape.rank() == 2 && oneD(rule.kind()) != null ? "It is a (steps, channels) sequence: use @"
                + oneD(rule.kind()).kerasName() + " for it." : text[1]);
        return null;
      }
      if (rule.needsSequence() && shape.rank() != 2) {
        found.report(ProblemCode.NEEDS_SEQUENCE, null, -1, imageFix.apply(i)[0], shape, sequenceFix(shape));
        return null;
      }
    }
    if (target != null && rule.fits()) {
      rule = rule.fitTo(inputs.get(0), target, targetName, found);
      if (rule == null) {
        return null;
      }
    }
    TensorShape out = rule.output(inputs, found);
    if (out == null) {
      return null;
    }
    if (target != null && !rule.fits() && !Shapes.sameHeightAndWidth(out, target, targetName, found)) {
      return null;
    }
    List<WeightSpec> weights = rule.weights(inputs.get(0).shape());
    for (WeightSpec w : weights) {
      if (w.elements() > Integer.MAX_VALUE) {
        String[] where = WeightOverflow.describe(rule, w);
        long[] dims = java.util.Arrays.stream(w.dims()).asLongStream().toArray();
        found.report(ProblemCode.TOO_LARGE, where[0], -1, "its " + w.name() + " " + w.dimsText(), Counts.exact(dims),
            where[1]);
        return null;
      }
    }
    return new Applied(rule, out, weights);
  }

  private static TensorShape inputShape(ModelSpec spec, int i, List<Problem> problems) {
    String name = spec.inputs().get(i).name();
    int[] dims = spec.inputs().get(i).shape();
    long size = 1;
    boolean ok = dims.length > 0;
    for (int d : dims) {
      ok &= d >= 1;
      size = ok ? Counts.multiply(size, d) : size;
    }
    if (!ok) {
      problems.add(Problem.of(ProblemCode.INPUT_SHAPE, i, "shape", -1, name, Attributes.java(dims)));
      return null;
    }
    if (size > Integer.MAX_VALUE) {
      problems.add(Problem.of(ProblemCode.TOO_LARGE, i, "shape", -1, "@Input `" + name + "`",
          "the input " + Attributes.java(dims), Counts.exact(java.util.Arrays.stream(dims).asLongStream().toArray()),
          "Use a smaller input."));
      return null;
    }
    return TensorShape.of(dims);
  }

  /** The checked nodes from an input to {@code node}, following each layer's first source. */
  private static List<LayerInfo> pathTo(LayerInfo[] infos, Wiring wiring, int node) {
    List<LayerInfo> path = new ArrayList<>();
    for (int at = node; at >= 0 && infos[at] != null; at = at < infos.length && wiring.hasSources(at)
        ? wiring.sources(at)[0] : -1) {
      path.add(infos[at]);
    }
    java.util.Collections.reverse(path);
    return path;
  }

  /** Names the layer that removed height and width, and how to get them back. */
  private static String imageFix(List<LayerInfo> path) {
    LayerInfo previous = path.get(path.size() - 1);
    for (int i = path.size() - 1; i > 0; i--) {
      LayerInfo info = path.get(i);
      if (info.input().isImage() && !info.output().isImage()) {
        TensorShape image = info.input();
        int size = previous.output().size();
        String restore = size == image.size() ? Attributes.java(image.dims()) : "{1, 1, " + size + "}";
        return "`" + info.name() + "` (" + info.typeName() + ") turned its " + image.compact() + " input into "
            + info.output() + ". Move this layer before `" + info.name() + "`, or insert "
            + "@Reshape(targetShape = " + restore + ") after `" + previous.name() + "`.";
      }
    }
    return "Give the model an image @Input {height, width, channels}, or remove this layer.";
  }

  /** The 1-D kind of a 2-D one ({@code Conv1D} for {@code Conv2D}), or {@code null}. */
  private static LayerKind oneD(LayerKind kind) {
    String name = kind.kerasName().replace("2D", "1D");
    for (LayerKind k : LayerKind.values()) {
      if (!name.equals(kind.kerasName()) && k.kerasName().equals(name)) {
        return k;
      }
    }
    return null;
  }

  /** How to give a 1-D layer its (steps, channels) input instead of {@code shape}. */
  private static String sequenceFix(TensorShape shape) {
    if (shape.rank() == 3) {
      return "Use the 2-D layer, or insert @Reshape(targetShape = {" + shape.dim(0) * (long) shape.dim(1) + ", "
          + shape.channels() + "}) before it to read the pixels as steps.";
    }
    return shape.rank() == 1
        ? "Insert @Reshape(targetShape = {" + shape.dim(0) + ", 1}) before it to read the features as steps."
        : "Give it a (steps, channels) input.";
  }

  private static Problem mismatch(ModelSpec spec, List<LayerInfo> path, int node, int[] declared, Fixes fixes) {
    TensorShape actual = path.get(path.size() - 1).output();
    String detail = fixes == null ? ""
        : declared.length == 0
            ? "@Shape lists the dimensions without the batch axis: here @Shape(" + Attributes.java(actual.dims()) + ")."
            : (ShapeTrace.explain(path, path.size() - 1, declared) + fixes.forShape(node, declared)).trim();
    return Problem.of(ProblemCode.SHAPE_MISMATCH, node, null, -1, label(spec, node), actual,
        TensorShape.describe(declared), detail);
  }

  /** {@code `conv4` (Conv2D)}. */
  static String label(ModelSpec spec, int node) {
    return "`" + spec.nodeName(node) + "` (" + spec.layer(node).rule().kind().kerasName() + ")";
  }

  /** Where a layer reads from, for messages. */
  static String source(ModelSpec spec, int node) {
    return node < spec.firstLayer() ? "from the @Input `" + spec.nodeName(node) + "`" : "from " + label(spec, node);
  }
}
