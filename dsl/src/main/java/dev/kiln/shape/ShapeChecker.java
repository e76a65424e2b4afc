package dev.kiln.shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Evaluates a {@link ModelSpec}: every layer's attributes, then its shape along the chain. Every
 * attribute problem is reported; along the chain the check stops at the first layer that has no
 * valid output, so one mistake gives one error, not a cascade. Errors come with computed fixes.
 */
public final class ShapeChecker {
  private ShapeChecker() {}

  public static CheckedModel check(ModelSpec spec) {
    return check(spec, true);
  }

  /** @param explain compute fixes (off for the candidate models that fixes are searched among) */
  static CheckedModel check(ModelSpec spec, boolean explain) {
    List<Problem> problems = new ArrayList<>();
    List<LayerInfo> infos = new ArrayList<>();
    TensorShape current = inputShape(spec, problems);

    boolean[] attributesOk = new boolean[spec.layers().size()];
    for (int i = 0; i < attributesOk.length; i++) {
      Problems found = new Problems(i + 1, label(spec, i + 1));
      spec.layers().get(i).rule().validate(found);
      problems.addAll(found.list());
      attributesOk[i] = !found.hasErrors();
    }
    if (current == null) {
      return new CheckedModel(spec, infos, problems);
    }
    infos.add(new LayerInfo(spec.inputName(), null, null, null, current, List.of(), 0));

    for (int node = 1; node <= spec.layers().size() && attributesOk[node - 1]; node++) {
      ModelSpec.LayerSpec layer = spec.layers().get(node - 1);
      LayerInput input = new LayerInput(current, source(spec, node - 1));
      Problems found = new Problems(node, label(spec, node));
      TensorShape out = apply(spec, infos, layer.rule(), input, found);
      List<WeightSpec> weights = out == null ? List.of() : layer.rule().weights(current);
      for (WeightSpec w : weights) {
        if (w.elements() > Integer.MAX_VALUE) {
          found.error(ProblemCode.TOO_LARGE, null, -1, "its " + w.name() + " " + w.dimsText(), w.elements(),
              "Use fewer filters or units, or a smaller input.");
          out = null;
        }
      }
      for (Problem p : found.list()) {
        problems.add(explain ? Fixes.extend(spec, p) : p);
      }
      if (out == null) {
        break;
      }
      infos.add(new LayerInfo(layer.name(), layer.rule(), spec.nodeName(node - 1), current, out, weights,
          layer.rule().macs(current, out)));
      if (layer.declared() != null && !Arrays.equals(layer.declared(), out.dims())) {
        problems.add(mismatch(spec, infos, node, layer.declared(), explain));
        break;
      }
      current = out;
    }
    return new CheckedModel(spec, infos, problems);
  }

  private static TensorShape inputShape(ModelSpec spec, List<Problem> problems) {
    int[] dims = spec.inputShape();
    long size = 1;
    boolean ok = dims.length > 0;
    for (int d : dims) {
      ok &= d >= 1;
      size = ok ? Math.min(size * d, Long.MAX_VALUE / Integer.MAX_VALUE) : size;
    }
    if (!ok) {
      problems.add(new Problem(Severity.ERROR, ProblemCode.INPUT_SHAPE, 0, "shape", -1,
          ProblemCode.INPUT_SHAPE.format(spec.inputName(), Attributes.java(dims))));
      return null;
    }
    if (size > Integer.MAX_VALUE) {
      problems.add(new Problem(Severity.ERROR, ProblemCode.TOO_LARGE, 0, "shape", -1,
          ProblemCode.TOO_LARGE.format("@Input `" + spec.inputName() + "`", "the input " + Attributes.java(dims),
              size, "Use a smaller input.")));
      return null;
    }
    return TensorShape.of(dims);
  }

  private static TensorShape apply(ModelSpec spec, List<LayerInfo> infos, LayerRule rule, LayerInput input,
      Problems found) {
    if (rule.needsImage() && !input.shape().isImage()) {
      found.error(ProblemCode.NEEDS_IMAGE, null, -1, input.source(), input.shape(), imageFix(infos));
      return null;
    }
    try {
      return rule.output(input, found);
    } catch (ArithmeticException e) {
      found.error(ProblemCode.TOO_LARGE, null, -1, "the output", Long.MAX_VALUE, "Use smaller attribute values.");
      return null;
    }
  }

  /** Names the layer that removed height and width, and how to get them back. */
  private static String imageFix(List<LayerInfo> infos) {
    LayerInfo previous = infos.get(infos.size() - 1);
    for (int i = infos.size() - 1; i > 0; i--) {
      LayerInfo info = infos.get(i);
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

  private static Problem mismatch(ModelSpec spec, List<LayerInfo> infos, int node, int[] declared,
      boolean explain) {
    TensorShape actual = infos.get(node).output();
    String declaredText = TensorShape.describe(declared);
    String detail = explain ? ShapeTrace.explain(infos, node, declared) + Fixes.forShape(spec, node, declared) : "";
    return new Problem(Severity.ERROR, ProblemCode.SHAPE_MISMATCH, node, null, -1,
        ProblemCode.SHAPE_MISMATCH.format(label(spec, node), actual, declaredText, detail).trim());
  }

  /** {@code `conv4` (Conv2D)}. */
  static String label(ModelSpec spec, int node) {
    return "`" + spec.nodeName(node) + "` (" + spec.layers().get(node - 1).rule().kind().kerasName() + ")";
  }

  /** Where layer {@code index} reads from, for messages. */
  private static String source(ModelSpec spec, int index) {
    return index == 0 ? "from the @Input `" + spec.inputName() + "`" : "from " + label(spec, index);
  }
}
