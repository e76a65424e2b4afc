package dev.kiln.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.FixtureLayers;
import dev.kiln.shape.FreeSizes;
import dev.kiln.shape.ModelSpec;
import dev.kiln.shape.LayerInfo;
import dev.kiln.shape.OneDCases;
import dev.kiln.shape.WeightSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every valid case of the 1-D fixture (reference/oned) run by Kiln with the reference's weights
 * (Keras layout) and input, against PyTorch 1.13's and TensorFlow.js 4.22's outputs: on the scalar
 * and the best (Vector API when enabled) GEMM paths, with the graph optimizer and with every layer as
 * declared. Tolerance as {@link ReferenceFixtureTest}'s.
 */
class OneDOutputsTest {
  private static final Map<String, double[]> LARGEST = new ConcurrentHashMap<>();

  static Stream<Arguments> cases() {
    List<Arguments> all = new ArrayList<>();
    for (Map<String, Object> c : OneDCases.all()) {
      for (String reference : new String[] {"torch", "tfjs"}) {
        Map<String, Object> r = OneDCases.reference(c, reference);
        if (r != null && r.get("output") != null) {
          for (String path : new String[] {"best", "scalar", "declared"}) {
            all.add(Arguments.of(c.get("id"), reference, path, c));
          }
        }
      }
    }
    return all.stream();
  }

  /** The case's weights, Keras layout, in the order of the layers that own any. */
  @SuppressWarnings("unchecked")
  static Weights weights(Map<String, Object> c, CheckedModel model) {
    List<Map<String, Object>> owned = (List<Map<String, Object>>) c.get("weights");
    Weights weights = new Weights();
    int next = 0;
    for (LayerInfo layer : model.layers().subList(1, model.layers().size())) {
      if (layer.weights().isEmpty()) {
        continue;
      }
      Map<String, Object> tensors = owned.get(next++);
      for (WeightSpec spec : layer.weights()) {
        Map<String, Object> tensor = (Map<String, Object>) tensors.get(spec.name());
        assertArrayEquals(FixtureLayers.ints(tensor.get("dims")), spec.dims(), layer.name() + " " + spec.name());
        weights.put(layer.name(), spec.name(), OneDCases.floats(tensor.get("values")));
      }
    }
    assertEquals(owned.size(), next, "layers with weights");
    return weights;
  }

  @ParameterizedTest(name = "{0} vs {1} ({2})")
  @MethodSource("cases")
  void matchesReference(String id, String reference, String path, Map<String, Object> c) {
    CheckedModel model = OneDCases.model(c);
    Gemm gemm = path.equals("scalar") ? Simd.scalar() : Simd.best();
    float[] input = OneDCases.floats(c.get("inputValues"));
    float[] actual = Network.create(model, weights(c, model), 1, gemm, !path.equals("declared"))
        .predict(input, 2);
    float[] expected = OneDCases.floats(OneDCases.reference(c, reference).get("output"));
    Compare.Result result = Compare.assertClose(id + " vs " + reference + " (" + path + ")", expected, actual,
        ReferenceFixtureTest.ABS * Compare.scale(expected), ReferenceFixtureTest.REL);
    LARGEST.merge(reference + " " + path, new double[] {result.largest()}, (a, b) -> a[0] >= b[0] ? a : b);
  }

  static Stream<Arguments> freeLengthCases() {
    return OneDCases.all().stream()
        .filter(c -> OneDCases.reference(c, "torch").get("output") != null)
        .filter(c -> !c.toString().contains("Flatten"))
        .map(c -> Arguments.of(c.get("id"), c));
  }

  /**
   * The same cases with the length left free ({@code Input.ANY}), run by {@link FreeSizeNetwork} at
   * the fixture's length: PyTorch's output again, from the same weights.
   */
  @ParameterizedTest(name = "{0} at a free length")
  @MethodSource("freeLengthCases")
  void matchesReferenceWithAFreeLength(String id, Map<String, Object> c) {
    CheckedModel fixed = OneDCases.model(c);
    ModelSpec spec = fixed.spec();
    int[] shape = spec.inputShape();
    ModelSpec free = new ModelSpec(spec.name(), List.of(new ModelSpec.InputSpec(spec.inputName(),
        new int[] {FreeSizes.ANY, shape[1]})), spec.layers(), spec.outputs());
    FreeSizeNetwork network = FreeSizeNetwork.create(free, weights(c, fixed), 1);
    assertEquals(true, network.accepted(0).contains(shape[0]), "accepts its own length");
    float[] actual = network.predict(OneDCases.floats(c.get("inputValues")), 2, shape[0], 1);
    float[] expected = OneDCases.floats(OneDCases.reference(c, "torch").get("output"));
    Compare.Result result = Compare.assertClose(id + " at a free length", expected, actual,
        ReferenceFixtureTest.ABS * Compare.scale(expected), ReferenceFixtureTest.REL);
    LARGEST.merge("torch free length", new double[] {result.largest()}, (a, b) -> a[0] >= b[0] ? a : b);
  }

  @AfterAll
  static void summary() {
    new TreeMap<>(LARGEST).forEach((k, v) -> System.out.printf("1-D largest difference vs %s: %.3e%n", k, v[0]));
  }
}
