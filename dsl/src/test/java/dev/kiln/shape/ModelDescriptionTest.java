package dev.kiln.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The model description round trip, rule to text to rule, over every kind with random attributes,
 * over the reference conformance models (sequential and graph), and its rejections.
 */
class ModelDescriptionTest {

  private static void assertRoundTrip(ModelSpec spec) {
    String text = ModelDescription.write(spec);
    ModelSpec parsed = ModelDescription.parse(text);
    assertNull(Same.difference(spec, parsed), () -> text);
    assertEquals(text, ModelDescription.write(parsed));
  }

  @ParameterizedTest
  @EnumSource(LayerKind.class)
  void everyKindWithRandomAttributes(LayerKind kind) {
    for (int seed = 0; seed < 100; seed++) {
      Random random = new Random(seed * 7919L + kind.ordinal());
      LayerRule rule = kind.read(CatalogSamples.random(kind, random));
      ModelSpec one = LayerCatalogTest.oneLayer(rule);
      List<ModelSpec.LayerSpec> layers = new ArrayList<>();
      for (ModelSpec.LayerSpec layer : one.layers()) {
        layers.add(new ModelSpec.LayerSpec(layer.name(), layer.rule(), layer.from(),
            random.nextBoolean() ? "image" : "", random.nextBoolean() ? new int[] {random.nextInt(), 3, -1} : null,
            random.nextBoolean()));
      }
      assertRoundTrip(new ModelSpec(one.name(), one.inputs(), layers, random.nextBoolean() ? List.of("layer")
          : List.of()));
    }
  }

  static Stream<Arguments> sequential() throws IOException {
    return FixtureLayers.cases("/conformance/shapes.jsonl");
  }

  static Stream<Arguments> graphs() throws IOException {
    return FixtureLayers.cases("/conformance/graphs.jsonl");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sequential")
  @SuppressWarnings("unchecked")
  void conformanceModels(String id, Map<String, Object> c) {
    List<Map<String, Object>> layers = (List<Map<String, Object>>) c.get("layers");
    List<ModelSpec.LayerSpec> specs = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      specs.add(new ModelSpec.LayerSpec("layer" + i, FixtureLayers.rule(layers.get(i)), null));
    }
    assertRoundTrip(new ModelSpec(id.split(" ")[0], "input", FixtureLayers.ints(c.get("input")), specs));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("graphs")
  @SuppressWarnings("unchecked")
  void conformanceGraphs(String id, Map<String, Object> c) {
    List<ModelSpec.InputSpec> inputs = new ArrayList<>();
    ((Map<String, Object>) c.get("inputs")).forEach((name, shape) ->
        inputs.add(new ModelSpec.InputSpec(name, FixtureLayers.ints(shape))));
    List<ModelSpec.LayerSpec> layers = new ArrayList<>();
    for (Map<String, Object> l : (List<Map<String, Object>>) c.get("layers")) {
      layers.add(new ModelSpec.LayerSpec((String) l.get("name"), FixtureLayers.rule(l),
          (List<String>) l.get("from"), "", null));
    }
    assertRoundTrip(new ModelSpec(id.split(" ")[0], inputs, layers, (List<String>) c.get("outputs")));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, -0.0, 1e-3, 0.99, 1.0 / 3, 2e23, 4.9e-324, 2.2250738585072014E-308,
      Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void doublesAreExact(double value) {
    String text = AttributeMap.real(value);
    assertEquals(Double.doubleToRawLongBits(value), Double.doubleToRawLongBits(Double.parseDouble(text)), text);
    assertEquals(Double.doubleToRawLongBits(value),
        Double.doubleToRawLongBits(new AttributeMap().put("x", value).real("x")));
  }

  private static final String VALID = "kiln-model-description 1\n"
      + "model M\n"
      + "input image [4,4,1]\n"
      + "layer drop Dropout from=[] rate=0.5 trainable=true\n";

  @Test
  void readsWhatItWrote() {
    ModelSpec spec = ModelDescription.parse(VALID);
    assertEquals("M", spec.name());
    assertNull(Same.difference(new DropoutRule(0.5), spec.layers().get(0).rule()));
  }

  private static String rejection(String text) {
    return assertThrows(IllegalArgumentException.class, () -> ModelDescription.parse(text)).getMessage();
  }

  @Test
  void rejectsAnotherFormatVersion() {
    assertEquals("the model description is format version 2; this Kiln reads version 1: compile the model "
        + "with the Kiln version it runs with", rejection(VALID.replace("description 1", "description 2")));
    assertEquals("not a Kiln model description: it must start with `kiln-model-description 1`",
        rejection("model M\n"));
  }

  @Test
  void rejectsUnknownClassesAndAttributes() {
    assertEquals("model description, line 4: layer `drop`: this Kiln has no layer class `Dropout1D`",
        rejection(VALID.replace("Dropout ", "Dropout1D ")));
    assertEquals("model description, line 4: layer `drop` (Dropout): no such attribute: noise",
        rejection(VALID.replace("rate=0.5", "rate=0.5 noise=1")));
    assertEquals("model description, line 4: layer `drop` (Dropout): attribute `rate` is missing",
        rejection(VALID.replace("rate=0.5 ", "")));
    assertEquals("model description, line 4: layer `drop` (Dropout): attribute `rate` is `0.5f`, not a double",
        rejection(VALID.replace("rate=0.5", "rate=0.5f")));
    assertEquals("model description, line 3: expected `input <name> [dims]` before the layers",
        rejection(VALID.replace("input image [4,4,1]", "input image")));
  }
}
