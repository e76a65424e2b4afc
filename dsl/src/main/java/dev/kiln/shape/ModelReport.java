package dev.kiln.shape;

import java.util.StringJoiner;

/**
 * A checked model as JSON, for tools: every layer's type, input, output shape, weights, parameter
 * and MAC counts, the totals, and (only when there are any) the problems the checker found, each
 * with the text javac shows ({@link Problem#render()}; warnings that {@code @SuppressWarnings}
 * hides from javac are listed too). Key order is fixed so the same model gives the same bytes.
 */
public final class ModelReport {
  private ModelReport() {}

  public static String json(CheckedModel model) {
    StringBuilder out = new StringBuilder();
    out.append("{\n  \"model\": ").append(quote(model.spec().name())).append(",\n");
    out.append("  \"input\": ").append(dims(model.inputShape().dims())).append(",\n");
    out.append("  \"output\": ").append(dims(model.outputShape().dims())).append(",\n");
    out.append("  \"outputs\": ").append(names(model.outputNames())).append(",\n");
    out.append("  \"totalParams\": ").append(model.totalParams()).append(",\n");
    out.append("  \"trainableParams\": ").append(model.trainableParams()).append(",\n");
    out.append("  \"nonTrainableParams\": ").append(model.nonTrainableParams()).append(",\n");
    out.append("  \"macs\": ").append(model.macs()).append(",\n");
    out.append("  \"activationFloats\": ").append(model.activationFloats()).append(",\n");
    out.append("  \"layers\": [\n");
    StringJoiner layers = new StringJoiner(",\n");
    for (int i = 0; i < model.layers().size(); i++) {
      LayerInfo layer = model.layers().get(i);
      StringJoiner weights = new StringJoiner(", ", "[", "]");
      for (WeightSpec w : layer.weights()) {
        weights.add("{\"name\": " + quote(w.name()) + ", \"shape\": " + dims(w.dims()) + ", \"trainable\": "
            + w.trainable() + "}");
      }
      layers.add("    {\"name\": " + quote(layer.name()) + ", \"type\": " + quote(layer.typeName())
          + ", \"reads\": " + names(layer.sources())
          + ", \"output\": " + dims(layer.output().dims()) + ", \"params\": " + layer.params()
          + ", \"macs\": " + layer.macs() + (model.isFrozen(i) ? ", \"trainable\": false" : "")
          + ", \"weights\": " + weights + "}");
    }
    out.append(layers).append("\n  ]");
    if (!model.problems().isEmpty()) {
      out.append(",\n  \"problems\": [\n").append(problems(model)).append("\n  ]");
    }
    out.append("\n}\n");
    return out.toString();
  }

  private static String problems(CheckedModel model) {
    StringJoiner problems = new StringJoiner(",\n");
    for (Problem p : model.problems()) {
      problems.add("    {\"code\": " + quote(p.code().tag()) + ", \"severity\": " + quote(p.severity().word())
          + ", \"layer\": " + (p.node() < 0 ? "null" : quote(model.spec().nodeName(p.node())))
          + ", \"attribute\": " + (p.attribute() == null ? "null" : quote(p.attribute()))
          + ", \"index\": " + p.index() + ", \"message\": " + quote(p.render()) + "}");
    }
    return problems.toString();
  }

  private static String names(java.util.List<String> names) {
    StringJoiner joiner = new StringJoiner(", ", "[", "]");
    for (String name : names) {
      joiner.add(quote(name));
    }
    return joiner.toString();
  }

  private static String dims(int[] dims) {
    StringJoiner joiner = new StringJoiner(", ", "[", "]");
    for (int d : dims) {
      joiner.add(Integer.toString(d));
    }
    return joiner.toString();
  }

  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
