package dev.kiln.shape;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kiln's verdict, shapes and parameter counts against random architectures run through real
 * references (TensorFlow.js 4.22, PyTorch 1.13): see reference/shapes/README.md for how the fixture
 * is made and which reference decides what. Agreement must be total.
 */
class ConformanceTest {
  private static final String FIXTURE = "/conformance/shapes.jsonl";

  @SuppressWarnings("unchecked")
  static Stream<Arguments> cases() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        Objects.requireNonNull(ConformanceTest.class.getResourceAsStream(FIXTURE)), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          Map<String, Object> c = (Map<String, Object>) Json.parse(line);
          cases.add(Arguments.of(c.get("id") + " (" + c.get("reference") + ")", c));
        }
      }
    }
    return cases.stream();
  }

  @Test
  void fixtureIsLargeAndMixed() throws IOException {
    List<Arguments> all = cases().toList();
    long invalid = all.stream().filter(a -> Boolean.FALSE.equals(((Map<?, ?>) a.get()[1]).get("valid"))).count();
    assertTrue(all.size() >= 300, "at least 300 architectures");
    assertTrue(invalid >= 100 && invalid <= all.size() - 100, "valid and invalid cases both well represented");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @SuppressWarnings("unchecked")
  void agreesWithTheReference(String id, Map<String, Object> c) {
    List<Map<String, Object>> layers = (List<Map<String, Object>>) c.get("layers");
    List<ModelSpec.LayerSpec> specs = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      specs.add(new ModelSpec.LayerSpec("layer" + i, rule(layers.get(i)), null));
    }
    CheckedModel model = ShapeChecker.check(new ModelSpec(id, "input", ints(c.get("input")), specs));
    List<Object> shapes = (List<Object>) c.get("shapes");
    List<Object> trainable = (List<Object>) c.get("trainable");
    List<Object> nonTrainable = (List<Object>) c.get("nonTrainable");
    String problems = model.problems().toString();
    if (Boolean.TRUE.equals(c.get("valid"))) {
      assertFalse(model.hasErrors(), () -> "reference accepts it, Kiln reports " + problems);
    } else {
      assertTrue(model.hasErrors(), "reference rejects layer " + c.get("failedAt") + ", Kiln accepts it");
      int firstError = model.problems().stream().filter(p -> p.severity() == Severity.ERROR)
          .mapToInt(Problem::node).min().orElseThrow();
      assertEquals(((Long) c.get("failedAt")).intValue() + 1, firstError,
          () -> "first invalid layer differs; Kiln: " + problems);
    }
    for (int i = 0; i < shapes.size(); i++) {
      LayerInfo info = model.layers().get(i + 1);
      int layer = i;
      assertAll("layer " + i + " " + layers.get(i),
          () -> assertArrayEquals(ints(shapes.get(layer)), info.output().dims(), "shape"),
          () -> assertEquals((Long) trainable.get(layer), info.trainableParams(), "trainable"),
          () -> assertEquals((Long) nonTrainable.get(layer), info.nonTrainableParams(), "non-trainable"));
    }
  }

  @SuppressWarnings("unchecked")
  private static LayerRule rule(Map<String, Object> l) {
    String type = (String) l.get("type");
    return switch (type) {
      case "Conv2D" -> new Conv2DRule(integer(l, "filters"), window(l), ActivationFunction.LINEAR, bool(l, "useBias"));
      case "DepthwiseConv2D" -> new DepthwiseConv2DRule(window(l), integer(l, "depthMultiplier"),
          ActivationFunction.LINEAR, bool(l, "useBias"));
      case "SeparableConv2D" -> new SeparableConv2DRule(integer(l, "filters"), window(l),
          integer(l, "depthMultiplier"), ActivationFunction.LINEAR, bool(l, "useBias"));
      case "Conv2DTranspose" -> new Conv2DTransposeRule(integer(l, "filters"), window(l),
          ints(l.get("outputPadding")), ActivationFunction.LINEAR, bool(l, "useBias"));
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
      case "Dense" -> new DenseRule(integer(l, "units"), ActivationFunction.LINEAR, bool(l, "useBias"));
      default -> throw new IllegalArgumentException("unknown layer type " + type);
    };
  }

  private static ConvWindow window(Map<String, Object> l) {
    return new ConvWindow(ints(l.get("kernelSize")), ints(l.get("strides")), padding(l), ints(l.get("dilationRate")));
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

  private static int[] ints(Object list) {
    return ((List<?>) list).stream().mapToInt(o -> ((Long) o).intValue()).toArray();
  }
}
