package dev.kiln.importer.keras;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.dsl.Activations;
import dev.kiln.dsl.Padding;
import java.util.Locale;

/**
 * Reads Keras config values as Kiln attributes. A value Kiln cannot express throws
 * {@link Unsupported} with the reason, which the importer collects for its one error.
 */
final class KerasValues {
  private KerasValues() {}

  static final class Unsupported extends Exception {
    private static final long serialVersionUID = 1L;

    Unsupported(String reason) {
      super(reason, null, false, false);
    }
  }

  static int integer(JsonNode config, String key) throws Unsupported {
    JsonNode v = config.path(key);
    if (!v.canConvertToInt() || !v.isIntegralNumber()) {
      throw new Unsupported("`" + key + "` is " + v + ", not an integer");
    }
    return v.asInt();
  }

  static double real(JsonNode config, String key, double absent) throws Unsupported {
    JsonNode v = config.path(key);
    if (v.isMissingNode() || v.isNull()) {
      return absent;
    }
    if (!v.isNumber()) {
      throw new Unsupported("`" + key + "` is " + v + ", not a number");
    }
    return v.asDouble();
  }

  static boolean bool(JsonNode config, String key, boolean absent) throws Unsupported {
    JsonNode v = config.path(key);
    if (v.isMissingNode() || v.isNull()) {
      return absent;
    }
    if (!v.isBoolean()) {
      throw new Unsupported("`" + key + "` is " + v + ", not a boolean");
    }
    return v.asBoolean();
  }

  /** An int or a list of ints ({@code kernel_size}, {@code strides}): Kiln's int-or-tuple {@code int[]}. */
  static int[] ints(JsonNode config, String key) throws Unsupported {
    JsonNode v = config.path(key);
    if (v.isIntegralNumber()) {
      return new int[] {v.asInt()};
    }
    if (!v.isArray()) {
      throw new Unsupported("`" + key + "` is " + v + ", not an integer or a list of integers");
    }
    int[] out = new int[v.size()];
    for (int i = 0; i < out.length; i++) {
      if (!v.get(i).isIntegralNumber()) {
        throw new Unsupported("`" + key + "` is " + v + ", not a list of integers");
      }
      out[i] = v.get(i).asInt();
    }
    return squareOrSelf(out);
  }

  /** {@link #ints}, or Keras's default {@code absent} when the config leaves the key out or null. */
  static int[] ints(JsonNode config, String key, int[] absent) throws Unsupported {
    JsonNode v = config.path(key);
    return v.isMissingNode() || v.isNull() ? absent : ints(config, key);
  }

  /** {@code {3, 3}} reads as Keras users write it, {@code 3}. */
  static int[] squareOrSelf(int[] values) {
    return values.length == 2 && values[0] == values[1] ? new int[] {values[0]} : values;
  }

  /** A number or a list of numbers ({@code Rescaling}'s scale, {@code Normalization}'s mean). */
  static double[] reals(JsonNode v, String key) throws Unsupported {
    if (v.isNumber()) {
      return new double[] {v.asDouble()};
    }
    if (!v.isArray()) {
      throw new Unsupported("`" + key + "` is " + v + ", not a number or a list of numbers");
    }
    double[] out = new double[v.size()];
    for (int i = 0; i < out.length; i++) {
      if (!v.get(i).isNumber()) {
        throw new Unsupported("`" + key + "` is " + v + ": Kiln takes one value or one per channel");
      }
      out[i] = v.get(i).asDouble();
    }
    return out;
  }

  /**
   * Keras's 2-D padding/cropping argument: an int, {@code (vertical, horizontal)} or
   * {@code ((top, bottom), (left, right))}, as Kiln's {top, bottom, left, right} (or shorter when symmetric).
   */
  static int[] edges(JsonNode config, String key) throws Unsupported {
    JsonNode v = config.path(key);
    if (v.isIntegralNumber()) {
      return new int[] {v.asInt()};
    }
    if (v.isArray() && v.size() == 2 && v.get(0).isIntegralNumber() && v.get(1).isIntegralNumber()) {
      return squareOrSelf(new int[] {v.get(0).asInt(), v.get(1).asInt()});
    }
    if (v.isArray() && v.size() == 2 && v.get(0).isArray() && v.get(1).isArray() && v.get(0).size() == 2
        && v.get(1).size() == 2) {
      int[] e = {v.get(0).get(0).asInt(), v.get(0).get(1).asInt(), v.get(1).get(0).asInt(), v.get(1).get(1).asInt()};
      if (e[0] == e[1] && e[2] == e[3]) {
        return squareOrSelf(new int[] {e[0], e[2]});
      }
      return e;
    }
    throw new Unsupported("`" + key + "` is " + v + ", not an int, a pair or a pair of pairs");
  }

  static Padding padding(JsonNode config) throws Unsupported {
    String p = config.path("padding").asText("valid");
    return switch (p) {
      case "valid" -> Padding.VALID;
      case "same" -> Padding.SAME;
      case "causal" -> Padding.CAUSAL; // Keras accepts it in Conv1D only; the processor says so elsewhere
      default -> throw new Unsupported("padding `" + p + "` (Kiln has valid, same and causal)");
    };
  }

  /**
   * A Keras activation name as {@link Activations}. TF.js and Keras 2 name some differently
   * ({@code logSoftmax}); their {@code hard_sigmoid} is Keras 2's {@code clip(0.2 x + 0.5, 0, 1)},
   * which is not Keras 3's (and Kiln's) {@code relu6(x + 3) / 6}.
   */
  static Activations activation(JsonNode value, boolean keras3) throws Unsupported {
    if (value.isMissingNode() || value.isNull()) {
      return Activations.LINEAR;
    }
    if (!value.isTextual()) {
      throw new Unsupported("activation " + value + " is not a built-in Keras activation");
    }
    String name = value.asText();
    if (name.equals("hard_sigmoid") || name.equals("hardSigmoid")) {
      if (!keras3) {
        throw new Unsupported("activation `" + name + "` is Keras 2's clip(0.2 * x + 0.5, 0, 1); Kiln has "
            + "Keras 3's relu6(x + 3) / 6");
      }
      return Activations.HARD_SIGMOID;
    }
    String key = switch (name) {
      case "logSoftmax" -> "log_softmax";
      case "hardSwish" -> "hard_swish";
      default -> name;
    };
    try {
      return Activations.valueOf(key.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new Unsupported("activation `" + name + "` has no Kiln counterpart");
    }
  }

  /** A channels-last axis: -1 or, for a tensor of {@code rank} including the batch axis, rank - 1. */
  static boolean isLastAxis(JsonNode axis, int rank) {
    JsonNode a = axis.isArray() && axis.size() == 1 ? axis.get(0) : axis;
    return a.isIntegralNumber() && (a.asInt() == -1 || a.asInt() == rank - 1);
  }
}
