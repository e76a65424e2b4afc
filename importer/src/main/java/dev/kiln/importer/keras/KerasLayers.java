package dev.kiln.importer.keras;

import static dev.kiln.importer.keras.KerasValues.activation;
import static dev.kiln.importer.keras.KerasValues.bool;
import static dev.kiln.importer.keras.KerasValues.edges;
import static dev.kiln.importer.keras.KerasValues.integer;
import static dev.kiln.importer.keras.KerasValues.ints;
import static dev.kiln.importer.keras.KerasValues.isLastAxis;
import static dev.kiln.importer.keras.KerasValues.padding;
import static dev.kiln.importer.keras.KerasValues.real;
import static dev.kiln.importer.keras.KerasValues.reals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.dsl.Activations;
import dev.kiln.dsl.Interpolation;
import dev.kiln.dsl.Padding;
import dev.kiln.importer.keras.KerasValues.Unsupported;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Each Keras layer class as a Kiln annotation: the attributes Keras's config sets, written only where
 * they differ from the annotation's default (which is Keras's default), so the source reads as a
 * person would write it. A setting Kiln cannot honour throws {@link Unsupported}.
 */
final class KerasLayers {
  private KerasLayers() {}

  /** The layers whose weights {@code trainable = false} freezes. */
  static final Set<String> WEIGHTED = Set.of("Conv2D", "DepthwiseConv2D", "SeparableConv2D", "Conv2DTranspose",
      "Conv1D", "DepthwiseConv1D", "SeparableConv1D", "Conv1DTranspose", "BatchNormalization", "Dense");

  /** A translated layer: the annotation's simple name, its attributes, and its output rank (with batch). */
  record Translation(String annotation, Map<String, Object> attributes, int rank) {}

  /**
   * @param rank the rank (batch axis included) of the layer's first input, or 0 for an InputLayer
   * @param keras3 whether the file is Keras 3 (whose hard_sigmoid Kiln has)
   */
  static Translation translate(String className, JsonNode c, int rank, boolean keras3) throws Unsupported {
    Map<String, Object> a = new LinkedHashMap<>();
    String dataFormat = c.path("data_format").asText("channels_last");
    if (!dataFormat.equals("channels_last") && !c.path("data_format").isNull()) {
      throw new Unsupported("data_format `" + dataFormat + "` (Kiln is channels-last)");
    }
    int out = rank;
    String annotation = className;
    switch (className) {
      case "InputLayer" -> {
        JsonNode shape = c.has("batch_shape") ? c.path("batch_shape") : c.path("batch_input_shape");
        if (!shape.isArray() || shape.size() < 2) {
          throw new Unsupported("input shape " + shape + " has no dimension besides the batch");
        }
        int[] dims = new int[shape.size() - 1];
        for (int i = 1; i < shape.size(); i++) {
          if (!shape.get(i).isIntegralNumber()) {
            throw new Unsupported("input shape " + shape + " has an unknown dimension (Kiln checks fixed sizes)");
          }
          dims[i - 1] = shape.get(i).asInt();
        }
        annotation = "Input";
        a.put("shape", dims);
        out = dims.length + 1;
      }
      case "Conv2D", "DepthwiseConv2D", "SeparableConv2D", "Conv2DTranspose", "Conv1D", "DepthwiseConv1D",
          "SeparableConv1D", "Conv1DTranspose" -> {
        if (c.has("groups") && c.path("groups").asInt(1) != 1) {
          throw new Unsupported("groups = " + c.path("groups") + " (Kiln has ungrouped convolutions)");
        }
        if (!className.startsWith("DepthwiseConv")) {
          a.put("filters", integer(c, "filters"));
        }
        a.put("kernelSize", ints(c, "kernel_size"));
        nonDefault(a, "strides", ints(c, "strides", new int[] {1}), new int[] {1});
        nonDefault(a, "padding", padding(c), Padding.VALID);
        if (className.endsWith("Transpose") && c.has("output_padding") && !c.path("output_padding").isNull()) {
          a.put("outputPadding", ints(c, "output_padding"));
        }
        if (className.startsWith("Depthwise") || className.startsWith("Separable")) {
          nonDefault(a, "depthMultiplier", c.has("depth_multiplier") ? integer(c, "depth_multiplier") : 1, 1);
        }
        nonDefault(a, "dilationRate", ints(c, "dilation_rate", new int[] {1}), new int[] {1});
        nonDefault(a, "activation", activation(c.path("activation"), keras3), Activations.LINEAR);
        nonDefault(a, "useBias", bool(c, "use_bias", true), true);
      }
      case "MaxPooling2D", "AveragePooling2D", "MaxPooling1D", "AveragePooling1D" -> {
        nonDefault(a, "poolSize", ints(c, "pool_size", new int[] {2}), new int[] {2});
        if (c.has("strides") && !c.path("strides").isNull()) {
          int[] strides = ints(c, "strides");
          if (!Arrays.equals(strides, (int[]) a.getOrDefault("poolSize", new int[] {2}))) {
            a.put("strides", strides);
          }
        }
        nonDefault(a, "padding", padding(c), Padding.VALID);
      }
      case "GlobalAveragePooling2D", "GlobalMaxPooling2D", "GlobalAveragePooling1D", "GlobalMaxPooling1D" -> {
        boolean keep = bool(c, "keepdims", false);
        nonDefault(a, "keepdims", keep, false);
        out = keep ? rank : 2;
      }
      case "UpSampling2D" -> {
        nonDefault(a, "size", ints(c, "size", new int[] {2}), new int[] {2});
        String mode = c.path("interpolation").asText("nearest");
        switch (mode) {
          case "nearest" -> { }
          case "bilinear" -> a.put("interpolation", Interpolation.BILINEAR);
          default -> throw new Unsupported("interpolation `" + mode + "` (Kiln has nearest and bilinear)");
        }
      }
      case "UpSampling1D" -> nonDefault(a, "size", c.has("size") ? integer(c, "size") : 2, 2);
      case "ZeroPadding1D" -> nonDefault(a, "padding", c.has("padding") ? ints(c, "padding") : new int[] {1},
          new int[] {1});
      case "Cropping1D" -> {
        // ints() writes an equal pair as one value, which Kiln's Cropping1D reads as both ends
        int[] cropping = c.has("cropping") ? ints(c, "cropping") : new int[] {1};
        nonDefault(a, "cropping", cropping, new int[] {1});
      }
      case "ZeroPadding2D" -> nonDefault(a, "padding", c.has("padding") ? edges(c, "padding") : new int[] {1},
          new int[] {1});
      case "Cropping2D" -> nonDefault(a, "cropping", c.has("cropping") ? edges(c, "cropping") : new int[] {0},
          new int[] {0});
      case "BatchNormalization" -> {
        lastAxis(c, rank);
        nonDefault(a, "epsilon", real(c, "epsilon", 1e-3), 1e-3);
        nonDefault(a, "momentum", real(c, "momentum", 0.99), 0.99);
        nonDefault(a, "center", bool(c, "center", true), true);
        nonDefault(a, "scale", bool(c, "scale", true), true);
      }
      case "Dropout", "SpatialDropout1D", "SpatialDropout2D", "GaussianDropout", "GaussianNoise", "AlphaDropout" -> {
        annotation = "Dropout";
        // All of them are the identity at inference; Kiln's Dropout stands for each.
        double rate = c.has("rate") ? real(c, "rate", 0) : 0;
        a.put("rate", rate);
      }
      case "Activation" -> a.put("value", activation(c.path("activation"), keras3));
      case "ReLU" -> {
        double max = real(c, "max_value", Double.POSITIVE_INFINITY);
        if (max != Double.POSITIVE_INFINITY) {
          a.put("maxValue", max);
        }
        nonDefault(a, "negativeSlope", real(c, "negative_slope", 0), 0.0);
        nonDefault(a, "threshold", real(c, "threshold", 0), 0.0);
      }
      case "LeakyReLU" -> nonDefault(a, "negativeSlope",
          c.has("negative_slope") ? real(c, "negative_slope", 0.3) : real(c, "alpha", 0.3), 0.3);
      case "ELU" -> nonDefault(a, "alpha", real(c, "alpha", 1.0), 1.0);
      case "Softmax" -> {
        if (c.has("axis") && !isLastAxis(c.path("axis"), rank)) {
          throw new Unsupported("axis " + c.path("axis") + " (Kiln's Softmax is over the last axis)");
        }
      }
      case "Flatten" -> out = 2;
      case "Reshape" -> {
        int[] target = ints(c, "target_shape");
        if (target.length == 1 && c.path("target_shape").size() == 2) {
          target = new int[] {target[0], target[0]}; // ints() folded a square pair
        }
        a.put("targetShape", target);
        out = target.length + 1;
      }
      case "Dense" -> {
        a.put("units", integer(c, "units"));
        nonDefault(a, "activation", activation(c.path("activation"), keras3), Activations.LINEAR);
        nonDefault(a, "useBias", bool(c, "use_bias", true), true);
      }
      case "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum" -> { }
      case "Concatenate" -> nonDefault(a, "axis", c.has("axis") ? integer(c, "axis") : -1, -1);
      case "Rescaling" -> {
        a.put("scale", reals(c.path("scale"), "scale"));
        double[] offset = c.has("offset") ? reals(c.path("offset"), "offset") : new double[] {0};
        if (!(offset.length == 1 && offset[0] == 0)) {
          a.put("offset", offset);
        }
      }
      case "Normalization" -> {
        if (c.has("axis") && !isLastAxis(c.path("axis"), rank)) {
          throw new Unsupported("axis " + c.path("axis") + " (Kiln normalises the last axis, Keras's axis=-1)");
        }
        JsonNode mean = c.path("mean");
        JsonNode variance = c.path("variance");
        if (!mean.isMissingNode() && !mean.isNull()) {
          a.put("mean", reals(mean, "mean"));
          a.put("variance", reals(variance, "variance"));
        }
        nonDefault(a, "invert", bool(c, "invert", false), false);
      }
      default -> throw new Unsupported("Kiln has no such layer");
    }
    if (WEIGHTED.contains(className) && !bool(c, "trainable", true)) {
      a.put("trainable", false);
    }
    return new Translation(annotation, a, out);
  }

  private static void lastAxis(JsonNode c, int rank) throws Unsupported {
    if (c.has("axis") && !isLastAxis(c.path("axis"), rank)) {
      throw new Unsupported("axis " + c.path("axis") + " (Kiln normalises the last axis)");
    }
  }

  private static void nonDefault(Map<String, Object> a, String key, Object value, Object keras) {
    boolean same = value instanceof int[] v ? Arrays.equals(v, (int[]) keras) : value.equals(keras);
    if (!same) {
      a.put(key, value);
    }
  }
}
