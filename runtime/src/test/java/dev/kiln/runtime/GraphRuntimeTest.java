package dev.kiln.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.FixtureLayers;
import dev.kiln.shape.LayerInfo;
import dev.kiln.shape.LayerKind;
import dev.kiln.shape.ModelSpec;
import dev.kiln.shape.ShapeChecker;
import dev.kiln.shape.TensorShape;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The graph program against a composition: every valid graph of the reference fixture (skip
 * connections, merges, several inputs and outputs) is run whole, and again node by node, each layer
 * as a one-layer network with the same weights and each merge by a naive loop. Equal results show
 * the wiring, the aliasing and the buffer reuse are right; the kernels themselves are checked
 * against the references elsewhere. Tolerance 1e-5 relative to the largest magnitude.
 */
class GraphRuntimeTest {
  private static final long MAX_MACS = 30_000_000;

  static Stream<Arguments> graphs() throws IOException {
    return FixtureLayers.cases("/conformance/graphs.jsonl")
        .filter(a -> Boolean.TRUE.equals(((Map<?, ?>) a.get()[1]).get("valid")));
  }

  @SuppressWarnings("unchecked")
  private static CheckedModel model(String id, Map<String, Object> c) {
    List<ModelSpec.InputSpec> inputs = new ArrayList<>();
    ((Map<String, Object>) c.get("inputs")).forEach((name, shape) ->
        inputs.add(new ModelSpec.InputSpec(name, FixtureLayers.ints(shape))));
    List<ModelSpec.LayerSpec> layers = new ArrayList<>();
    for (Map<String, Object> l : (List<Map<String, Object>>) c.get("layers")) {
      layers.add(new ModelSpec.LayerSpec((String) l.get("name"), FixtureLayers.rule(l),
          (List<String>) l.get("from"), "", null));
    }
    return ShapeChecker.check(new ModelSpec(id, inputs, layers, (List<String>) c.get("outputs")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("graphs")
  void wholeGraphEqualsNodeByNode(String id, Map<String, Object> c) {
    CheckedModel model = model(id, c);
    assumeTrue(model.macs() <= MAX_MACS, "too large for a unit test");
    Weights weights = Weights.random(model, 7);
    int batch = 3;
    Random random = new Random(id.hashCode());
    ModelSpec spec = model.spec();
    float[][] inputs = new float[spec.firstLayer()][];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = new float[batch * model.layers().get(i).output().size()];
      for (int k = 0; k < inputs[i].length; k++) {
        inputs[i][k] = (float) random.nextGaussian();
      }
    }
    float[][] whole = Network.create(model, weights, 2).predict(inputs, batch);

    Map<String, float[]> values = new HashMap<>();
    for (int i = 0; i < inputs.length; i++) {
      values.put(spec.nodeName(i), inputs[i]);
    }
    for (LayerInfo layer : model.layers().subList(spec.firstLayer(), model.layers().size())) {
      values.put(layer.name(), layer.rule().kind().isMerge()
          ? NaiveMerge.apply(layer, values, batch)
          : oneLayer(layer, weights, values.get(layer.source()), batch));
    }
    for (int k = 0; k < whole.length; k++) {
      String name = model.outputNames().get(k);
      assertClose(values.get(name), whole[k], id + " output " + name);
    }
  }

  /** The layer alone, as a sequential one-layer network over its input's shape. */
  private static float[] oneLayer(LayerInfo layer, Weights weights, float[] input, int batch) {
    CheckedModel single = ShapeChecker.check(new ModelSpec("single", "in", layer.input().dims(),
        List.of(new ModelSpec.LayerSpec(layer.name(), layer.rule(), null))));
    Weights own = new Weights();
    weights.layer(layer.name()).forEach((name, v) -> own.put(layer.name(), name, v));
    return Network.create(single, own, 1).predict(input, batch);
  }

  private static void assertClose(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what + " length");
    double largestValue = 1e-30;
    for (float v : expected) {
      largestValue = Math.max(largestValue, Math.abs(v));
    }
    double scale = largestValue;
    int worst = 0;
    double largest = 0;
    for (int i = 0; i < expected.length; i++) {
      double diff = Math.abs(expected[i] - actual[i]);
      if (diff > largest || Double.isNaN(diff)) {
        largest = Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff;
        worst = i;
      }
    }
    double found = largest;
    int at = worst;
    assertTrue(found <= 1e-5 * scale, () -> what + ": largest difference " + found + " at " + at + " (expected "
        + expected[at] + ", got " + actual[at] + ", scale " + scale + ")");
  }

  /** Merges by definition, one element at a time, with Keras broadcasting of size-1 axes. */
  static final class NaiveMerge {
    private NaiveMerge() {}

    static float[] apply(LayerInfo layer, Map<String, float[]> values, int batch) {
      TensorShape out = layer.output();
      float[] result = new float[batch * out.size()];
      int rank = out.rank();
      int[] coordinate = new int[rank];
      for (int n = 0; n < batch; n++) {
        for (int e = 0; e < out.size(); e++) {
          int rest = e;
          for (int d = rank - 1; d >= 0; d--) {
            coordinate[d] = rest % out.dim(d);
            rest /= out.dim(d);
          }
          result[n * out.size() + e] = element(layer, values, n, coordinate);
        }
      }
      return result;
    }

    private static float element(LayerInfo layer, Map<String, float[]> values, int n, int[] at) {
      LayerKind kind = layer.rule().kind();
      List<TensorShape> shapes = layer.inputs();
      if (kind == LayerKind.CONCATENATE) {
        int axis = ((dev.kiln.shape.MergeRule) layer.rule()).axisIndex(at.length);
        int position = at[axis];
        for (int i = 0; i < shapes.size(); i++) {
          if (position < shapes.get(i).dim(axis)) {
            int[] local = at.clone();
            local[axis] = position;
            return read(values.get(layer.sources().get(i)), shapes.get(i), n, local);
          }
          position -= shapes.get(i).dim(axis);
        }
        throw new IllegalStateException();
      }
      double acc = read(values.get(layer.sources().get(0)), shapes.get(0), n, at);
      for (int i = 1; i < shapes.size(); i++) {
        double v = read(values.get(layer.sources().get(i)), shapes.get(i), n, at);
        acc = switch (kind) {
          case ADD, AVERAGE -> acc + v;
          case SUBTRACT -> acc - v;
          case MULTIPLY -> acc * v;
          case MAXIMUM -> Math.max(acc, v);
          case MINIMUM -> Math.min(acc, v);
          default -> throw new IllegalStateException();
        };
      }
      return (float) (kind == LayerKind.AVERAGE ? acc / shapes.size() : acc);
    }

    /** Element {@code at} of example {@code n}, a size-1 axis broadcasting. */
    private static float read(float[] data, TensorShape shape, int n, int[] at) {
      int index = 0;
      for (int d = 0; d < at.length; d++) {
        index = index * shape.dim(d) + (shape.dim(d) == 1 ? 0 : at[d]);
      }
      return data[n * shape.size() + index];
    }
  }
}
