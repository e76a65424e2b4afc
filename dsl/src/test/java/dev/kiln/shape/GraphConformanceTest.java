package dev.kiln.shape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Graph models (skip connections, merges, several inputs and outputs) against functional models
 * run through TensorFlow.js 4.22 and PyTorch 1.13: see reference/graphs/README.md. Includes the
 * original U-Net, a SAME U-Net, ResNet-18 and their broken variants.
 */
class GraphConformanceTest {

  static Stream<Arguments> cases() throws IOException {
    return FixtureLayers.cases("/conformance/graphs.jsonl");
  }

  @Test
  void fixtureHoldsTheNamedArchitectures() throws IOException {
    List<Arguments> all = cases().toList();
    assertTrue(all.size() >= 150);
    Map<?, ?> unet = (Map<?, ?>) all.get(0).get()[1];
    assertEquals("g0001", unet.get("id"));
    assertEquals(31_030_658L, ((Map<?, ?>) unet.get("totals")).get("total"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @SuppressWarnings("unchecked")
  void agreesWithTheReference(String id, Map<String, Object> c) {
    List<ModelSpec.InputSpec> inputs = new ArrayList<>();
    ((Map<String, Object>) c.get("inputs")).forEach((name, shape) ->
        inputs.add(new ModelSpec.InputSpec(name, FixtureLayers.ints(shape))));
    List<ModelSpec.LayerSpec> layers = new ArrayList<>();
    for (Map<String, Object> l : (List<Map<String, Object>>) c.get("layers")) {
      layers.add(new ModelSpec.LayerSpec((String) l.get("name"), FixtureLayers.rule(l),
          (List<String>) l.get("from"), "", null));
    }
    CheckedModel model = ShapeChecker.check(new ModelSpec(id, inputs, layers, (List<String>) c.get("outputs")));
    String problems = model.problems().toString();
    if (Boolean.TRUE.equals(c.get("valid"))) {
      assertFalse(model.hasErrors(), () -> "reference accepts it, Kiln reports " + problems);
    } else {
      assertTrue(model.hasErrors(), "reference rejects " + c.get("failedAt") + ", Kiln accepts it");
      int first = model.problems().stream().filter(p -> p.severity() == Severity.ERROR)
          .mapToInt(Problem::node).min().orElseThrow();
      assertEquals(c.get("failedAt"), model.spec().nodeName(first), () -> "first invalid layer; Kiln: " + problems);
    }
    Map<String, Object> shapes = (Map<String, Object>) c.get("shapes");
    Map<String, Object> trainable = (Map<String, Object>) c.get("trainable");
    Map<String, Object> nonTrainable = (Map<String, Object>) c.get("nonTrainable");
    for (String name : shapes.keySet()) {
      LayerInfo info = model.layer(name);
      assertArrayEquals(FixtureLayers.ints(shapes.get(name)), info.output().dims(), name + " shape");
      assertEquals((Long) trainable.get(name), info.trainableParams(), name + " trainable");
      assertEquals((Long) nonTrainable.get(name), info.nonTrainableParams(), name + " non-trainable");
    }
  }
}
