package dev.kiln.shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * A model as stable, versioned text: what a generated {@code Kiln<Model>} class holds and reads at
 * run time instead of calling rule constructors, so that compiled user code depends on this format
 * and on each kind's attribute names, not on Kiln's internal records. One line per item:
 *
 * <pre>
 * kiln-model-description 1
 * model Denoiser
 * input image [28,28,1]
 * layer conv1 Conv2D from=[] filters=8 kernelSize=[3] strides=[1] padding=SAME dilationRate=[1] activation=RELU useBias=true trainable=true @Shape=[28,28,8]
 * outputs [conv1]
 * </pre>
 *
 * A layer line has the field name, the Keras class, {@code from}, every attribute by annotation
 * element name as {@link LayerRule#write} gives it ({@link AttributeMap} has the value syntax),
 * {@code trainable}, and when present {@code sameShapeAs} and the declared {@code @Shape}. Parsing
 * goes through the same per-kind readers as the processor ({@link LayerKind#read}).
 */
public final class ModelDescription {
  private ModelDescription() {}

  /** The format this Kiln writes and reads; any change to the syntax or to an attribute's meaning bumps it. */
  public static final int VERSION = 1;
  static final String HEADER = "kiln-model-description";
  /** Field names and Keras classes: Java identifiers, which hold none of the format's separators. */
  private static final Pattern NAME = Pattern.compile("[^\\s=,\\[\\]]+");

  public static String write(ModelSpec spec) {
    StringBuilder text = new StringBuilder(HEADER).append(' ').append(VERSION).append('\n');
    text.append("model ").append(name(spec.name())).append('\n');
    for (ModelSpec.InputSpec input : spec.inputs()) {
      text.append("input ").append(name(input.name())).append(' ')
          .append(new AttributeMap().put("shape", input.shape()).texts().get("shape")).append('\n');
    }
    for (ModelSpec.LayerSpec layer : spec.layers()) {
      AttributeMap attributes = new AttributeMap();
      layer.rule().write(attributes);
      text.append("layer ").append(name(layer.name())).append(' ').append(layer.rule().kind().kerasName())
          .append(" from=").append(names(layer.from()));
      for (Map.Entry<String, String> attribute : attributes.texts().entrySet()) {
        text.append(' ').append(attribute.getKey()).append('=').append(attribute.getValue());
      }
      text.append(" trainable=").append(layer.trainable());
      if (!layer.sameShapeAs().isEmpty()) {
        text.append(" sameShapeAs=").append(name(layer.sameShapeAs()));
      }
      if (layer.declared() != null) {
        text.append(" @Shape=").append(new AttributeMap().put("s", layer.declared()).texts().get("s"));
      }
      text.append('\n');
    }
    if (!spec.outputs().isEmpty()) {
      text.append("outputs ").append(names(spec.outputs())).append('\n');
    }
    return text.toString();
  }

  /**
   * The model {@code text} describes.
   *
   * @throws IllegalArgumentException naming the line and what is wrong, for text this Kiln did not
   *     write, including a description from another format version
   */
  public static ModelSpec parse(String text) {
    String[] lines = text.split("\n", -1);
    int count = lines.length > 0 && lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length;
    if (count == 0 || !lines[0].startsWith(HEADER + " ")) {
      throw new IllegalArgumentException("not a Kiln model description: it must start with `" + HEADER + " "
          + VERSION + "`");
    }
    String version = lines[0].substring(HEADER.length() + 1);
    if (!version.equals(Integer.toString(VERSION))) {
      throw new IllegalArgumentException("the model description is format version " + version + "; this Kiln "
          + "reads version " + VERSION + ": compile the model with the Kiln version it runs with");
    }
    String model = null;
    List<ModelSpec.InputSpec> inputs = new ArrayList<>();
    List<ModelSpec.LayerSpec> layers = new ArrayList<>();
    List<String> outputs = List.of();
    for (int n = 1; n < count; n++) {
      String line = lines[n];
      String[] words = line.split(" ", -1);
      try {
        switch (words[0]) {
          case "model" -> {
            expect(words.length == 2 && model == null, "one `model <name>` line");
            model = name(words[1]);
          }
          case "input" -> {
            expect(words.length == 3 && layers.isEmpty(), "`input <name> [dims]` before the layers");
            inputs.add(new ModelSpec.InputSpec(name(words[1]), ints("shape", words[2])));
          }
          case "layer" -> layers.add(layer(words));
          case "outputs" -> {
            expect(words.length == 2 && n == count - 1, "`outputs [names]` as the last line");
            outputs = names("outputs", words[1]);
          }
          default -> expect(false, "`model`, `input`, `layer` or `outputs`, not `" + words[0] + "`");
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("model description, line " + (n + 1) + ": " + e.getMessage(), e);
      }
    }
    if (model == null || inputs.isEmpty()) {
      throw new IllegalArgumentException("model description: no `model` line or no `input` line");
    }
    return new ModelSpec(model, inputs, layers, outputs);
  }

  private static ModelSpec.LayerSpec layer(String[] words) {
    expect(words.length >= 3, "`layer <name> <class> attribute=value ...`");
    String name = name(words[1]);
    LayerKind kind = LayerKind.forKerasName(words[2]);
    if (kind == null) {
      throw new IllegalArgumentException("layer `" + name + "`: this Kiln has no layer class `" + words[2] + "`");
    }
    AttributeMap attributes = new AttributeMap();
    for (int i = 3; i < words.length; i++) {
      int equals = words[i].indexOf('=');
      expect(equals > 0, "layer `" + name + "`: `" + words[i] + "` is not attribute=value");
      attributes.putText(words[i].substring(0, equals), words[i].substring(equals + 1));
    }
    String where = "layer `" + name + "` (" + kind.kerasName() + "): ";
    try {
      List<String> from = names("from", attributes.texts().getOrDefault("from", "[]"));
      boolean trainable = attributes.bool("trainable");
      String sameShapeAs = attributes.texts().containsKey("sameShapeAs")
          ? name(attributes.texts().get("sameShapeAs")) : "";
      int[] declared = attributes.texts().containsKey("@Shape") ? attributes.ints("@Shape") : null;
      attributes.structural("from", "sameShapeAs");
      LayerRule rule = kind.read(attributes);
      if (!attributes.unread().isEmpty()) {
        throw new IllegalArgumentException("no such attribute: " + String.join(", ", attributes.unread()));
      }
      return new ModelSpec.LayerSpec(name, rule, from, sameShapeAs, declared, trainable);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + e.getMessage(), e);
    }
  }

  private static int[] ints(String what, String text) {
    return new AttributeMap().putText(what, text).ints(what);
  }

  private static List<String> names(String what, String text) {
    expect(text.startsWith("[") && text.endsWith("]"), "`" + what + "` is `" + text + "`, not [names]");
    String inner = text.substring(1, text.length() - 1);
    List<String> names = new ArrayList<>();
    for (String item : inner.isEmpty() ? new String[0] : inner.split(",", -1)) {
      names.add(name(item));
    }
    return names;
  }

  private static String names(List<String> names) {
    StringJoiner joiner = new StringJoiner(",", "[", "]");
    names.forEach(n -> joiner.add(name(n)));
    return joiner.toString();
  }

  private static String name(String name) {
    expect(NAME.matcher(name).matches(), "`" + name + "` is not a name (no spaces, `=`, `,`, `[` or `]`)");
    return name;
  }

  private static void expect(boolean condition, String what) {
    if (!condition) {
      throw new IllegalArgumentException("expected " + what);
    }
  }
}
