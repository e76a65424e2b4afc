package dev.kiln.shape;

import dev.kiln.dsl.Activations;
import dev.kiln.dsl.Interpolation;
import dev.kiln.dsl.Padding;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Reads the reference fixtures (reference/shapes, reference/graphs, reference/oned): cases, and layers as Kiln rules. */
public final class FixtureLayers {
  private FixtureLayers() {}

  /** One argument pair per line: {@code "id (reference)"} and the parsed case. */
  @SuppressWarnings("unchecked")
  public static Stream<Arguments> cases(String resource) throws IOException {
    List<Arguments> cases = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        Objects.requireNonNull(FixtureLayers.class.getResourceAsStream(resource)), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          Map<String, Object> c = (Map<String, Object>) Json.parse(line);
          cases.add(Arguments.of(c.get("id") + " (" + c.get("reference") + ")", c));
        }
      }
    }
    return cases.stream();
  }

  @SuppressWarnings("unchecked")
  public static LayerRule rule(Map<String, Object> l) {
    String type = (String) l.get("type");
    return switch (type) {
      case "Conv2D" -> new Conv2DRule(integer(l, "filters"), window(l), activation(l), bool(l, "useBias"));
      case "DepthwiseConv2D" -> new DepthwiseConv2DRule(window(l), integer(l, "depthMultiplier"),
          activation(l), bool(l, "useBias"));
      case "SeparableConv2D" -> new SeparableConv2DRule(integer(l, "filters"), window(l),
          integer(l, "depthMultiplier"), activation(l), bool(l, "useBias"));
      case "Conv2DTranspose" -> new Conv2DTransposeRule(integer(l, "filters"), window(l),
          ints(l.get("outputPadding")), activation(l), bool(l, "useBias"));
      case "MaxPooling2D" -> Pooling2DRule.max(ints(l.get("poolSize")), ints(l.get("strides")), padding(l));
      case "AveragePooling2D" -> Pooling2DRule.average(ints(l.get("poolSize")), ints(l.get("strides")), padding(l));
      case "GlobalAveragePooling2D" ->
          new GlobalPooling2DRule(LayerKind.GLOBAL_AVERAGE_POOLING_2D, bool(l, "keepdims"));
      case "GlobalMaxPooling2D" -> new GlobalPooling2DRule(LayerKind.GLOBAL_MAX_POOLING_2D, bool(l, "keepdims"));
      case "UpSampling2D" ->
          new UpSampling2DRule(ints(l.get("size")), Interpolation.valueOf((String) l.get("interpolation")));
      case "ZeroPadding2D" -> new ZeroPadding2DRule(ints(l.get("padding")));
      case "Cropping2D" -> new Cropping2DRule(ints(l.get("cropping")));
      case "BatchNormalization" -> new BatchNormalizationRule(1e-3, 0.99, bool(l, "center"), bool(l, "scale"));
      case "Dropout" -> new DropoutRule(((Number) l.get("rate")).doubleValue());
      case "Activation" -> ActivationRule.of(Activations.valueOf((String) l.get("value")));
      case "ReLU" -> new ActivationRule(LayerKind.RELU, ActivationFunction.of(Activations.RELU));
      case "LeakyReLU" -> new ActivationRule(LayerKind.LEAKY_RELU, new ActivationFunction(Activations.LEAKY_RELU,
          ((Number) l.getOrDefault("negativeSlope", 0.3)).doubleValue(), Double.POSITIVE_INFINITY, 0));
      case "ELU" -> new ActivationRule(LayerKind.ELU, ActivationFunction.of(Activations.ELU));
      case "Softmax" -> new ActivationRule(LayerKind.SOFTMAX, ActivationFunction.of(Activations.SOFTMAX));
      case "Flatten" -> new FlattenRule();
      case "Reshape" -> new ReshapeRule(ints(l.get("targetShape")));
      case "Dense" -> new DenseRule(integer(l, "units"), activation(l), bool(l, "useBias"));
      case "Add" -> MergeRule.of(LayerKind.ADD);
      case "Subtract" -> MergeRule.of(LayerKind.SUBTRACT);
      case "Multiply" -> MergeRule.of(LayerKind.MULTIPLY);
      case "Average" -> MergeRule.of(LayerKind.AVERAGE);
      case "Maximum" -> MergeRule.of(LayerKind.MAXIMUM);
      case "Minimum" -> MergeRule.of(LayerKind.MINIMUM);
      case "Concatenate" -> new MergeRule(LayerKind.CONCATENATE, integer(l, "axis"));
      case "Conv1D" -> new Conv1DRule(integer(l, "filters"), window1(l), activation(l), bool(l, "useBias"));
      case "DepthwiseConv1D" -> new DepthwiseConv1DRule(window1(l), integer(l, "depthMultiplier"), activation(l),
          bool(l, "useBias"));
      case "SeparableConv1D" -> new SeparableConv1DRule(integer(l, "filters"), window1(l),
          integer(l, "depthMultiplier"), activation(l), bool(l, "useBias"));
      case "Conv1DTranspose" -> new Conv1DTransposeRule(integer(l, "filters"), window1(l),
          ints(l.get("outputPadding")), activation(l), bool(l, "useBias"));
      case "MaxPooling1D" -> new Pooling1DRule(LayerKind.MAX_POOLING_1D, ints(l.get("poolSize")),
          ints(l.get("strides")), padding(l));
      case "AveragePooling1D" -> new Pooling1DRule(LayerKind.AVERAGE_POOLING_1D, ints(l.get("poolSize")),
          ints(l.get("strides")), padding(l));
      case "GlobalMaxPooling1D" -> new GlobalPooling1DRule(LayerKind.GLOBAL_MAX_POOLING_1D, bool(l, "keepdims"));
      case "GlobalAveragePooling1D" ->
          new GlobalPooling1DRule(LayerKind.GLOBAL_AVERAGE_POOLING_1D, bool(l, "keepdims"));
      case "UpSampling1D" -> new UpSampling1DRule(integer(l, "size"));
      case "ZeroPadding1D" -> new ZeroPadding1DRule(ints(l.get("padding")));
      case "Cropping1D" -> new Cropping1DRule(ints(l.get("cropping")));
      default -> throw new IllegalArgumentException("unknown layer type " + type);
    };
  }

  private static ActivationFunction activation(Map<String, Object> l) {
    return ActivationFunction.of(Activations.valueOf((String) l.getOrDefault("activation", "LINEAR")));
  }

  private static ConvWindow window(Map<String, Object> l) {
    return new ConvWindow(ints(l.get("kernelSize")), ints(l.get("strides")), padding(l), ints(l.get("dilationRate")));
  }

  private static ConvWindow window1(Map<String, Object> l) {
    return new ConvWindow(ints(l.get("kernelSize")), ints(l.get("strides")), padding(l), ints(l.get("dilationRate")),
        1);
  }

  private static Padding padding(Map<String, Object> l) {
    return Padding.valueOf((String) l.get("padding"));
  }

  private static int integer(Map<String, Object> l, String key) {
    return ((Long) l.get(key)).intValue();
  }

  private static boolean bool(Map<String, Object> l, String key) {
    return (Boolean) l.get(key);
  }

  public static int[] ints(Object list) {
    return ((List<?>) list).stream().mapToInt(o -> ((Long) o).intValue()).toArray();
  }
}
