package dev.kiln.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of {@code @Model} sources for the fuzz run: valid sequential and graph models
 * whose shapes it tracks itself (so a Kiln error on one is a false alarm), and from each, one
 * hostile variant: an attribute given an extreme value, a wrong {@code @Shape}, structural abuse,
 * bad wiring, an unresolved reference or a syntax error, or a huge or wide model. Each case says
 * what a correct processor must do and on which line the mistake is.
 */
final class FuzzModels {
  private FuzzModels() {}

  /** What a correct processor does with a case. */
  enum Expect {
    /** No Kiln error; the generated class compiles under -Xlint:all. */
    VALID,
    /** Exactly one error, on {@code line}. */
    FAULT,
    /** An extreme value that may be legal: valid, or errors on any field (but never internal). */
    MAYBE,
    /** javac reports what it cannot resolve; Kiln says nothing. */
    UNRESOLVED,
    /** javac reports the syntax error; Kiln says nothing. */
    SYNTAX
  }

  /** One generated source; {@code line} is the faulty line (1-based) or 0. */
  record Case(String className, String source, Expect expect, int line, String kind, int layers) {}

  static final String[] IMPORTS = Sources.IMPORTS;

  private static final String[] INT_VALUES = {"0", "-1", "-2147483648", "2147483647", "65536", "1000000", "3"};
  private static final String[] ARRAY_VALUES = {"{}", "{0}", "{-1}", "{2147483647}", "{2147483647, 2147483647}",
      "{1, 2, 3}", "{1, 2, 3, 4, 5}", "{65536}", "{3, 0}", "{100000}", "{-2147483648, 1}"};
  private static final String[] REAL_VALUES = {"Double.NaN", "Double.POSITIVE_INFINITY", "Double.NEGATIVE_INFINITY",
      "-0.0", "1e308", "-1", "0.0 / 0", "Double.MIN_VALUE", "1"};
  private static final String[][] ATTRIBUTES = {
      {"Conv2D", "filters:i", "kernelSize:a", "strides:a", "dilationRate:a"},
      {"DepthwiseConv2D", "depthMultiplier:i", "kernelSize:a", "strides:a"},
      {"SeparableConv2D", "filters:i", "depthMultiplier:i", "kernelSize:a"},
      {"Conv2DTranspose", "filters:i", "kernelSize:a", "strides:a", "outputPadding:a"},
      {"MaxPooling2D", "poolSize:a", "strides:a"}, {"AveragePooling2D", "poolSize:a", "strides:a"},
      {"UpSampling2D", "size:a"}, {"ZeroPadding2D", "padding:a"}, {"Cropping2D", "cropping:a"},
      {"BatchNormalization", "epsilon:r", "momentum:r"}, {"Dropout", "rate:r"},
      {"ReLU", "maxValue:r", "negativeSlope:r", "threshold:r"}, {"LeakyReLU", "negativeSlope:r"},
      {"ELU", "alpha:r"}, {"Dense", "units:i"}, {"Reshape", "targetShape:a"}, {"Concatenate", "axis:i"}};

  static Case generate(long seed, int index) {
    Random random = new Random(seed * 1_000_003L + index);
    String name = "F" + index;
    int mode = random.nextInt(100);
    if (mode < 3) {
      return huge(random, name);
    }
    Builder model = new Builder(name, random, mode < 45);
    model.grow(1 + random.nextInt(random.nextInt(10) < 8 ? 20 : 120));
    if (mode < 20) {
      return model.done(Expect.VALID, 0, "valid");
    }
    return model.mutate();
  }

  /** A chain of 1,000 to 3,000 layers or a Concatenate of 100 to 400 inputs, valid or with a wrong @Shape last. */
  private static Case huge(Random random, String name) {
    Builder model = new Builder(name, random, false);
    boolean wide = model.shape(0).length == 3 && random.nextBoolean();
    if (wide) {
      int width = 100 + random.nextInt(300);
      List<String> names = new ArrayList<>();
      for (int i = 0; i < width; i++) {
        model.field("@Conv2D(filters = 1, kernelSize = 1, from = \"" + model.names.get(0) + "\")", "w" + i,
            model.shape(0)[0], model.shape(0)[1], 1);
        names.add("\"w" + i + "\"");
      }
      model.field("@Concatenate(from = {" + String.join(", ", names) + "})", "joined", model.shape(0)[0],
          model.shape(0)[1], width);
    } else {
      model.grow(1000 + random.nextInt(2000));
    }
    if (random.nextBoolean()) {
      return model.done(Expect.VALID, 0, wide ? "wide" : "huge");
    }
    int last = model.lines.size() - 1;
    int[] s = model.shape(model.names.size() - 1);
    model.lines.set(last, model.lines.get(last).replace(" Tensor ", " @Shape({" + (s[0] + 1) + "}) Tensor "));
    return model.done(Expect.FAULT, last, wide ? "wide-shape" : "huge-shape");
  }

  /** A model under construction, tracking every field's shape as Kiln should compute it. */
  private static final class Builder {
    final String name;
    final Random random;
    final boolean graph;
    final List<String> lines = new ArrayList<>();
    final List<String> names = new ArrayList<>();
    final List<int[]> shapes = new ArrayList<>();
    /** Index in {@code lines} of each field. */
    final List<Integer> fieldLines = new ArrayList<>();

    Builder(String name, Random random, boolean graph) {
      this.name = name;
      this.random = random;
      this.graph = graph;
      lines.addAll(List.of(IMPORTS));
      lines.add("@Model");
      lines.add("class " + name + " {");
      if (random.nextInt(6) == 0) {
        int units = 1 + random.nextInt(64);
        field("@Input(shape = {" + units + "})", "input", units);
      } else {
        int h = 1 + random.nextInt(48);
        int w = random.nextInt(3) == 0 ? 1 + random.nextInt(48) : h;
        int c = 1 + random.nextInt(8);
        field("@Input(shape = {" + h + ", " + w + ", " + c + "})", "image", h, w, c);
      }
    }

    int[] shape(int field) {
      return shapes.get(field);
    }

    void field(String annotation, String field, int... shape) {
      fieldLines.add(lines.size());
      lines.add("  " + annotation + " Tensor " + field + ";");
      names.add(field);
      shapes.add(shape);
    }

    void grow(int layers) {
      for (int i = 0; i < layers; i++) {
        addLayer("l" + names.size());
      }
    }

    /** Adds one layer valid for the last field's shape. */
    private void addLayer(String field) {
      int[] s = shapes.get(shapes.size() - 1);
      if (s.length == 1) {
        int units = 1 + random.nextInt(32);
        switch (random.nextInt(6)) {
          case 0 -> field("@Activation(" + activation() + ")", field, s);
          case 1 -> field("@Dropout(rate = 0.25)", field, s);
          case 2 -> field("@BatchNormalization", field, s);
          case 3 -> field("@Reshape(targetShape = {1, 1, " + s[0] + "})", field, 1, 1, s[0]);
          default -> field("@Dense(units = " + units + ", activation = " + activation() + ")", field, units);
        }
        return;
      }
      int h = s[0];
      int w = s[1];
      int c = s[2];
      long size = (long) h * w * c;
      int pick = random.nextInt(20);
      int f = 1 + random.nextInt(12);
      int k = 1 + random.nextInt(Math.min(5, Math.min(h, w)));
      boolean same = random.nextBoolean();
      int stride = random.nextInt(4) == 0 ? 2 : 1;
      int oh = same ? (h + stride - 1) / stride : (h - k) / stride + 1;
      int ow = same ? (w + stride - 1) / stride : (w - k) / stride + 1;
      String window = "kernelSize = " + k + (stride > 1 ? ", strides = 2" : "") + (same ? ", padding = SAME" : "");
      if (graph && pick < 3 && names.size() > 2) {
        merge(field, s);
        return;
      }
      switch (pick) {
        case 3, 4, 5 -> field("@Conv2D(filters = " + f + ", " + window + ", activation = " + activation() + ")", field,
            oh, ow, f);
        case 6 -> field("@DepthwiseConv2D(" + window + ", depthMultiplier = 2)", field, oh, ow, c * 2);
        case 7 -> field("@SeparableConv2D(filters = " + f + ", " + window + ")", field, oh, ow, f);
        case 8 -> {
          if (h >= 2 && w >= 2) {
            field("@" + (random.nextBoolean() ? "Max" : "Average") + "Pooling2D", field, h / 2, w / 2, c);
          } else {
            field("@BatchNormalization", field, s);
          }
        }
        case 9 -> {
          if (size * 4 < 2_000_000) {
            field("@UpSampling2D", field, h * 2, w * 2, c);
          } else {
            field("@Activation(" + activation() + ")", field, s);
          }
        }
        case 10 -> field("@ZeroPadding2D(padding = 1)", field, h + 2, w + 2, c);
        case 11 -> {
          if (h >= 3 && w >= 3) {
            field("@Cropping2D(cropping = 1)", field, h - 2, w - 2, c);
          } else {
            field("@Dropout(rate = 0.5)", field, s);
          }
        }
        case 12 -> field("@BatchNormalization(center = " + random.nextBoolean() + ")", field, s);
        case 13 -> field("@ReLU(maxValue = 6)", field, s);
        case 14 -> field(random.nextBoolean() ? "@LeakyReLU" : "@ELU(alpha = 0.5)", field, s);
        case 15 -> {
          if (size * 4 < 2_000_000) {
            field("@Conv2DTranspose(filters = " + f + ", kernelSize = 3, strides = 2, padding = SAME)", field,
                h * 2, w * 2, f);
          } else {
            field("@Softmax", field, s);
          }
        }
        case 16 -> field("@GlobalAveragePooling2D", field, c);
        case 17 -> field("@Flatten", field, (int) size);
        default -> {
          if (random.nextInt(5) == 0) {
            field("@Conv2D(filters = " + f + ", " + window + ") @Shape({" + oh + ", " + ow + ", " + f + "})", field,
                oh, ow, f);
          } else {
            field("@Activation(" + activation() + ")", field, s);
          }
        }
      }
    }

    /** An Add of the last field and an earlier one of the same shape, or a Concatenate along channels. */
    private void merge(String field, int[] s) {
      int last = names.size() - 1;
      List<Integer> same = new ArrayList<>();
      for (int i = 0; i < last; i++) {
        int[] o = shapes.get(i);
        if (o.length == 3 && o[0] == s[0] && o[1] == s[1]) {
          same.add(i);
        }
      }
      if (same.isEmpty()) {
        field("@BatchNormalization", field, s);
        return;
      }
      int other = same.get(random.nextInt(same.size()));
      int[] o = shapes.get(other);
      String from = "from = {\"" + names.get(last) + "\", \"" + names.get(other) + "\"}";
      if (o[2] == s[2] && random.nextBoolean()) {
        String[] kinds = {"Add", "Multiply", "Average", "Maximum", "Minimum", "Subtract"};
        field("@" + kinds[random.nextInt(kinds.length)] + "(" + from + ")", field, s);
      } else {
        field("@Concatenate(" + from + ")", field, s[0], s[1], s[2] + o[2]);
      }
    }

    private String activation() {
      String[] names = {"RELU", "SIGMOID", "TANH", "SOFTMAX", "GELU", "SWISH", "LINEAR", "ELU", "SELU", "SOFTPLUS",
          "LEAKY_RELU", "RELU6", "HARD_SIGMOID"};
      return names[random.nextInt(names.length)];
    }

    Case done(Expect expect, int lineIndex, String kind) {
      lines.add("}");
      return new Case(name, String.join("\n", lines) + "\n", expect, lineIndex == 0 ? 0 : lineIndex + 1, kind,
          names.size() - 1);
    }

    /** One mistake (or extreme value) in an otherwise valid model. */
    Case mutate() {
      int field = 1 + random.nextInt(names.size() - 1);
      int at = fieldLines.get(field);
      String line = lines.get(at);
      int pick = random.nextInt(100);
      if (pick < 40) {
        return hostileValue(field, at, line);
      }
      if (pick < 52) {
        int[] s = shapes.get(field);
        String[] wrong = {"{}", "{0}", "{-1, 2, 3}", "{2147483647, 1, 1}", "{100000000, 6, 4}",
            "{" + (s[0] + 1) + (s.length == 3 ? ", " + s[1] + ", " + s[2] : "") + "}", "{1, 1, 1, 1}"};
        String declared = wrong[random.nextInt(wrong.length)];
        lines.set(at, line.replaceAll(" @Shape\\(\\{[^}]*}\\)", "").replace(" Tensor ", " @Shape(" + declared
            + ") Tensor "));
        return done(Expect.FAULT, at, "shape");
      }
      if (pick < 68) {
        return structural(field, at, line);
      }
      if (pick < 82) {
        return wiring(field, at, line);
      }
      if (pick < 93) {
        String[] unresolved = {"filters = Missing.N", "from = Missing.NAME", "padding = SAMEE", "units = N"};
        String[] edits = {line.replace(" Tensor ", " @Conv2d(filters = 2) Tensor "), line.replace(" Tensor ", " Tenser "),
            line.replaceFirst("\\(", "(" + unresolved[random.nextInt(unresolved.length)] + ", ")};
        String edit = edits[random.nextInt(edits.length)];
        lines.set(at, edit.equals(line) || !edit.contains("(") ? line.replace(" Tensor ", " Tenser ") : edit);
        return done(Expect.UNRESOLVED, at, "unresolved");
      }
      String[] broken = {line.replace(";", ""), line.replace("(", "(("), line + " }", "  @", line.replace("=", "= ="),
          line.replace("Tensor", "Tensor Tensor")};
      String edit = broken[random.nextInt(broken.length)];
      lines.set(at, edit.equals(line) ? line.replace(";", "") : edit);
      return done(Expect.SYNTAX, at, "syntax");
    }

    private Case hostileValue(int field, int at, String line) {
      for (String[] entry : ATTRIBUTES) {
        if (line.contains("@" + entry[0] + "(") || line.matches(".*@" + entry[0] + " .*")) {
          String[] attribute = entry[1 + random.nextInt(entry.length - 1)].split(":");
          String[] values = attribute[1].equals("i") ? INT_VALUES : attribute[1].equals("a") ? ARRAY_VALUES
              : REAL_VALUES;
          String value = values[random.nextInt(values.length)];
          String annotation = "@" + entry[0];
          String edited = line.contains(attribute[0] + " = ")
              ? line.replaceFirst(attribute[0] + " = (\\{[^}]*}|[^,)]+)", attribute[0] + " = " + value.replace("$",
                  "\\$"))
              : line.contains(annotation + "(")
                  ? line.replace(annotation + "(", annotation + "(" + attribute[0] + " = " + value + ", ")
                  : line.replace(annotation + " ", annotation + "(" + attribute[0] + " = " + value + ") ");
          lines.set(at, edited);
          return done(Expect.MAYBE, at, "value:" + entry[0] + "." + attribute[0]);
        }
      }
      String input = lines.get(fieldLines.get(0));
      lines.set(fieldLines.get(0), input.replaceAll("shape = \\{[^}]*}", "shape = "
          + ARRAY_VALUES[random.nextInt(ARRAY_VALUES.length)]));
      return done(Expect.MAYBE, fieldLines.get(0), "value:Input.shape");
    }

    private Case structural(int field, int at, String line) {
      switch (random.nextInt(8)) {
        case 0 -> lines.set(at, line.replace(" Tensor ", " static Tensor "));
        case 1 -> lines.set(at, line.replace(" Tensor ", " float[] "));
        case 2 -> lines.set(at, line.replace(" Tensor ", " @Flatten Tensor "));
        case 3 -> lines.add(at, "  Tensor loose" + field + ";");
        case 4 -> {
          String input = lines.remove((int) fieldLines.get(0));
          lines.add(fieldLines.get(0) + 1, input);
          return done(Expect.FAULT, fieldLines.get(0), "layer-before-input");
        }
        case 5 -> {
          for (int i = fieldLines.size() - 1; i >= 1; i--) {
            lines.remove((int) fieldLines.get(i));
          }
          return done(Expect.FAULT, IMPORTS.length, "no-layers");
        }
        case 6 -> {
          lines.remove((int) fieldLines.get(0));
          return done(Expect.FAULT, IMPORTS.length, "no-input");
        }
        default -> {
          lines.set(IMPORTS.length + 1, "class " + name + "<T> {");
          return done(Expect.FAULT, IMPORTS.length, "model-generic");
        }
      }
      return done(Expect.FAULT, at, "structure");
    }

    private Case wiring(int field, int at, String line) {
      line = line.replaceFirst("@Activation\\((\\w+)\\)", "@Activation(value = $1)");
      String self = names.get(field);
      String target = switch (random.nextInt(5)) {
        case 0 -> "nosuch";
        case 1 -> self;
        case 2 -> field + 1 < names.size() ? names.get(field + 1) : self;
        case 3 -> self + "x";
        default -> "{\"" + names.get(0) + "\", \"" + names.get(field - 1) + "\"}";
      };
      String from = target.startsWith("{") ? "from = " + target : "from = \"" + target + "\"";
      if (line.contains("from = ")) {
        lines.set(at, line.replaceFirst("from = (\\{[^}]*}|\"[^\"]*\")", from.replace("$", "\\$")));
        if (target.startsWith("{") && line.matches(".*@(Add|Multiply|Average|Maximum|Minimum|Subtract|Concatenate).*")) {
          return done(Expect.MAYBE, at, "wiring-merge");
        }
      } else if (line.contains("(")) {
        lines.set(at, line.replaceFirst("\\(", "(" + from + ", "));
      } else {
        lines.set(at, line.replaceFirst("(@\\w+)", "$1(" + from + ")"));
      }
      return done(target.startsWith("{") && line.contains("@Input") ? Expect.MAYBE : Expect.FAULT, at, "wiring");
    }
  }
}
