package dev.kiln.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Completeness of every {@link LayerKind} entry: names, merge flag, reader and writer over every
 * annotation attribute, PyTorch layout and feature order, and the free-size axis program. The
 * kernels' side is {@code dev.kiln.runtime.KernelCatalogTest}.
 */
class LayerCatalogTest {

  @ParameterizedTest
  @EnumSource(LayerKind.class)
  void namesFollowKeras(LayerKind kind) {
    assertEquals(kind.annotation().getSimpleName(), kind.kerasName());
    assertEquals(kind, LayerKind.forKerasName(kind.kerasName()));
    assertEquals(kind, LayerKind.forAnnotation(kind.annotation().getCanonicalName()));
    // keras.src.utils.naming.to_snake_case
    String snake = kind.kerasName().replaceAll("(.)([A-Z][a-z]+)", "$1_$2")
        .replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    assertEquals(snake, kind.snakeName());
  }

  /** A merge needs `from`: its annotation has no default for it; any other kind reads the field before. */
  @ParameterizedTest
  @EnumSource(LayerKind.class)
  void mergeFlagAgreesWithTheAnnotationAndTheFeatureOrder(LayerKind kind) throws NoSuchMethodException {
    Method from = kind.annotation().getDeclaredMethod("from");
    assertEquals(kind.isMerge(), from.getDefaultValue() == null, "merge flag vs a required `from`");
    assertEquals(kind.isMerge(), Set.of(FeatureOrder.MERGES, FeatureOrder.CONCATENATES).contains(kind.featureOrder()));
  }

  @ParameterizedTest
  @EnumSource(LayerKind.class)
  void readerReadsAndWriterWritesEveryAttribute(LayerKind kind) {
    AttributeMap attributes = CatalogSamples.defaults(kind);
    LayerRule rule = kind.read(attributes);
    assertEquals(kind, rule.kind());
    assertEquals(Set.of(), attributes.unread(), "attributes the reader ignores");
    AttributeMap written = new AttributeMap();
    rule.write(written);
    assertEquals(new TreeSet<>(attributes.texts().keySet()), new TreeSet<>(written.texts().keySet()));
    assertEquals(attributes.texts(), new TreeSet<>(attributes.texts().keySet()).stream()
        .collect(java.util.stream.Collectors.toMap(k -> k, k -> written.texts().get(k))), "defaults written back");
  }

  @ParameterizedTest
  @EnumSource(LayerKind.class)
  void everyAttributeReachesTheRule(LayerKind kind) {
    Random random = new Random(kind.ordinal());
    LayerRule base = kind.read(CatalogSamples.defaults(kind));
    for (Method attribute : CatalogSamples.attributes(kind)) {
      LayerRule changed = kind.read(CatalogSamples.changed(kind, attribute, random));
      assertNotNull(Same.difference(base, changed), attribute.getName() + " changes nothing in " + kind);
    }
  }

  @ParameterizedTest
  @EnumSource(LayerKind.class)
  void readWriteReadKeepsRandomAttributes(LayerKind kind) {
    for (int seed = 0; seed < 200; seed++) {
      AttributeMap attributes = CatalogSamples.random(kind, new Random(seed * 31L + kind.ordinal()));
      LayerRule rule = kind.read(attributes);
      AttributeMap written = new AttributeMap();
      rule.write(written);
      LayerRule again = kind.read(written);
      assertNull(Same.difference(rule, again), () -> kind + " from " + attributes);
    }
  }

  @ParameterizedTest
  @EnumSource(LayerKind.class)
  void torchLayoutAgreesWithTheWeights(LayerKind kind) {
    LayerRule rule = kind.read(CatalogSamples.defaults(kind));
    List<WeightSpec> weights = rule.weights(TensorShape.of(8, 8, 4));
    TorchLayout layout = kind.torchLayout();
    assertEquals(layout == TorchLayout.NONE, weights.isEmpty(), kind + " weights " + weights + " vs " + layout);
    assertEquals(layout == TorchLayout.NONE || layout == TorchLayout.NOT_IN_PYTORCH, layout.modules() == 0);
  }

  @ParameterizedTest
  @EnumSource(LayerKind.class)
  void axisProgramCoversEveryKind(LayerKind kind) {
    ModelSpec spec = oneLayer(kind.read(CatalogSamples.defaults(kind)));
    AxisProgram program = AxisProgram.compile(spec, 0, ShapeChecker.check(spec));
    assertNotNull(program, kind.toString());
  }

  /** An (8, 8, 4) input, and {@code rule} reading it (a merge reads it and a Dropout of it). */
  static ModelSpec oneLayer(LayerRule rule) {
    List<ModelSpec.InputSpec> inputs = List.of(new ModelSpec.InputSpec("image", new int[] {8, 8, 4}));
    if (!rule.kind().isMerge()) {
      return new ModelSpec("One", inputs, List.of(new ModelSpec.LayerSpec("layer", rule, null)), List.of());
    }
    return new ModelSpec("One", inputs, List.of(
        new ModelSpec.LayerSpec("dropout", new DropoutRule(0.5), null),
        new ModelSpec.LayerSpec("layer", rule, List.of("image", "dropout"), "", null)), List.of());
  }

  @ParameterizedTest
  @EnumSource(LayerKind.class)
  void kindsDiffer(LayerKind kind) {
    for (LayerKind other : LayerKind.values()) {
      if (other != kind) {
        assertNotEquals(kind.snakeName(), other.snakeName());
        assertTrue(kind.annotation() != other.annotation());
      }
    }
  }
}
