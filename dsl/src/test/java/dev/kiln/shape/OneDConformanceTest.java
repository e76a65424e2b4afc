package dev.kiln.shape;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kiln's verdict, shapes and parameter counts for random 1-D architectures over (steps, channels)
 * against PyTorch 1.13 (every case) and TensorFlow.js 4.22 (the cases it can express): see
 * reference/oned/README.md. Agreement must be total.
 */
class OneDConformanceTest {

  static Stream<Arguments> cases() {
    List<Arguments> all = new ArrayList<>();
    for (Map<String, Object> c : OneDCases.all()) {
      for (String reference : new String[] {"torch", "tfjs"}) {
        if (OneDCases.reference(c, reference) != null) {
          all.add(Arguments.of(c.get("id") + " (" + reference + ")", c, reference));
        }
      }
    }
    return all.stream();
  }

  @Test
  void fixtureCoversEveryOneDKindBothWays() {
    List<Map<String, Object>> all = OneDCases.all();
    long invalid = all.stream().filter(c -> !Boolean.TRUE.equals(OneDCases.reference(c, "torch").get("valid"))).count();
    long tfjs = all.stream().filter(c -> OneDCases.reference(c, "tfjs") != null).count();
    assertTrue(all.size() >= 100 && invalid >= 30 && invalid <= all.size() - 60, "valid and invalid cases");
    assertTrue(tfjs >= 30, "TensorFlow.js runs at least 30 cases");
    Set<LayerKind> kinds = EnumSet.noneOf(LayerKind.class);
    for (Map<String, Object> c : all) {
      if (Boolean.TRUE.equals(OneDCases.reference(c, "torch").get("valid"))) {
        OneDCases.model(c).layers().stream().skip(1).forEach(l -> kinds.add(l.rule().kind()));
      }
    }
    for (LayerKind kind : LayerKind.values()) {
      if (kind.kerasName().contains("1D")) {
        assertTrue(kinds.contains(kind), kind + " appears in a valid case");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @SuppressWarnings("unchecked")
  void agreesWithTheReference(String id, Map<String, Object> c, String reference) {
    Map<String, Object> r = OneDCases.reference(c, reference);
    CheckedModel model = OneDCases.model(c);
    String problems = model.problems().toString();
    if (Boolean.TRUE.equals(r.get("valid"))) {
      assertFalse(model.hasErrors(), () -> "reference accepts it, Kiln reports " + problems);
    } else {
      assertTrue(model.hasErrors(), "reference rejects layer " + r.get("failedAt") + ", Kiln accepts it");
      int firstError = model.problems().stream().filter(p -> p.severity() == Severity.ERROR)
          .mapToInt(Problem::node).min().orElseThrow();
      assertEquals(((Long) r.get("failedAt")).intValue() + 1, firstError,
          () -> "first invalid layer differs; Kiln: " + problems);
    }
    List<Object> shapes = (List<Object>) r.get("shapes");
    List<Object> trainable = (List<Object>) r.get("trainable");
    for (int i = 0; i < shapes.size(); i++) {
      LayerInfo info = model.layers().get(i + 1);
      int layer = i;
      assertAll("layer " + i + " " + ((List<Object>) c.get("layers")).get(i),
          () -> assertArrayEquals(FixtureLayers.ints(shapes.get(layer)), info.output().dims(), "shape"),
          () -> assertEquals((Long) trainable.get(layer), info.trainableParams(), "trainable"),
          () -> assertEquals(0, info.nonTrainableParams(), "non-trainable"));
    }
  }
}
