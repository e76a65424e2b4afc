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

  public static CheckedModel check(ModelSpec spec) {
    return check(spec, true);
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
      LayerInfo info = apply(spec, node, sources, shapes, infos, wiring.target(node), found);
      for (Problem p : found.list()) {
        problems.add(explain ? Fixes.extend(spec, p) : p);
      }
      if (info == null) {
        continue;
      }
      infos[node] = info;
      int[] declared = spec.layer(node).declared();
      if (declared != null && !Arrays.equals(declared, info.output().dims())) {
        problems.add(mismatch(spec, pathTo(infos, node), node, declared, explain));
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
      int target, Problems found) {
    ModelSpec.LayerSpec layer = spec.layer(node);
    LayerRule rule = layer.rule();
    List<LayerInput> inputs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int s : sources) {
      inputs.add(new LayerInput(shapes[s], source(spec, s), spec.nodeName(s),
          LayerInput.paddedEnd(s < spec.firstLayer() ? null : spec.layer(s).rule())));
      names.add(spec.nodeName(s));
      if (rule.needsImage() && !shapes[s].isImage()) {
        found.error(ProblemCode.NEEDS_IMAGE, null, -1, source(spec, s), shapes[s],
            imageFix(pathTo(infos, s)));
        return null;
      }
    }
    TensorShape out;
    try {
      if (target >= 0) {
        if (shapes[target] == null) {
          return null;
        }
        rule = rule.fitTo(inputs.get(0), shapes[target], spec.nodeName(target), found);
        if (rule == null) {
          return null;
        }
      }
      out = rule.output(inputs, found);
    } catch (ArithmeticException e) {
      found.error(ProblemCode.TOO_LARGE, null, -1, "the output", Long.MAX_VALUE, "Use smaller attribute values.");
      return null;
    }
    if (out == null) {
      return null;
    }
    List<WeightSpec> weights = layer.withRule(rule).weights(shapes[sources[0]]);
    for (WeightSpec w : weights) {
      if (w.elements() > Integer.MAX_VALUE) {
        found.error(ProblemCode.TOO_LARGE, null, -1, "its " + w.name() + " " + w.dimsText(), w.elements(),
            "Use fewer filters or units, or a smaller input.");
        return null;
      }
    }
    List<TensorShape> inputShapes = new ArrayList<>();
    for (LayerInput in : inputs) {
      inputShapes.add(in.shape());
    }
    return new LayerInfo(layer.name(), rule, names, inputShapes, out, weights, rule.macs(shapes[sources[0]], out));
  }

  private static TensorShape inputShape(ModelSpec spec, int i, List<Problem> problems) {
    String name = spec.inputs().get(i).name();
    int[] dims = spec.inputs().get(i).shape();
    long size = 1;
    boolean ok = dims.length > 0;
    for (int d : dims) {
      ok &= d >= 1;
      size = ok ? Math.min(size * d, Long.MAX_VALUE / Integer.MAX_VALUE) : size;
    }
    if (!ok) {
      problems.add(new Problem(Severity.ERROR, ProblemCode.INPUT_SHAPE, i, "shape", -1,
          ProblemCode.INPUT_SHAPE.format(name, Attributes.java(dims))));
      return null;
    }
    if (size > Integer.MAX_VALUE) {
      problems.add(new Problem(Severity.ERROR, ProblemCode.TOO_LARGE, i, "shape", -1,
          ProblemCode.TOO_LARGE.format("@Input `" + name + "`", "the input " + Attributes.java(dims), size,
              "Use a smaller input.")));
      return null;
    }
    return TensorShape.of(dims);
  }

  /** The checked nodes from an input to {@code node}, following each layer's first source. */
  private static List<LayerInfo> pathTo(LayerInfo[] infos, int node) {
    List<LayerInfo> path = new ArrayList<>();
    Map<String, LayerInfo> byName = new HashMap<>();
    for (LayerInfo info : infos) {
      if (info != null) {
        byName.putIfAbsent(info.name(), info);
      }
    }
    for (LayerInfo at = infos[node]; at != null; at = at.source() == null ? null : byName.get(at.source())) {
      path.add(0, at);
    }
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

  private static Problem mismatch(ModelSpec spec, List<LayerInfo> path, int node, int[] declared, boolean explain) {
    TensorShape actual = path.get(path.size() - 1).output();
    String detail = explain
        ? ShapeTrace.explain(path, path.size() - 1, declared) + Fixes.forShape(spec, node, declared)
        : "";
    return new Problem(Severity.ERROR, ProblemCode.SHAPE_MISMATCH, node, null, -1,
        ProblemCode.SHAPE_MISMATCH.format(label(spec, node), actual, TensorShape.describe(declared), detail).trim());
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
