package dev.kiln.shape;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  static Stream<Arguments> cases() throws IOException {
    return FixtureLayers.cases("/conformance/shapes.jsonl");
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
      specs.add(new ModelSpec.LayerSpec("layer" + i, FixtureLayers.rule(layers.get(i)), null));
    }
    CheckedModel model = ShapeChecker.check(new ModelSpec(id, "input", FixtureLayers.ints(c.get("input")), specs));
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
          () -> assertArrayEquals(FixtureLayers.ints(shapes.get(layer)), info.output().dims(), "shape"),
          () -> assertEquals((Long) trainable.get(layer), info.trainableParams(), "trainable"),
          () -> assertEquals((Long) nonTrainable.get(layer), info.nonTrainableParams(), "non-trainable"));
    }
  }
}
