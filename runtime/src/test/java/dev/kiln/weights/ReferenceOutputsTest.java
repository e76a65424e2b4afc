package dev.kiln.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kiln.runtime.Network;
import dev.kiln.runtime.Weights;
import dev.kiln.shape.CheckedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Weights read from each file, run by Kiln's runtime, give the outputs PyTorch 1.13 (the same weights
 * in an equivalent torch model, reading NCHW) and TensorFlow.js 4.22 (the Keras-named safetensors file
 * loaded into tf.layers) computed for the same input. Tolerance per element:
 * {@code 1e-5 * max(1, max|expected|) + 1e-4 * |expected|}, as in the runtime's fixture test: float32
 * sums in another order.
 */
class ReferenceOutputsTest {
  static final double ABS = 1e-5;
  static final double REL = 1e-4;
  private static final Map<String, Double> LARGEST = new TreeMap<>();

  static Stream<Arguments> cases() {
    List<Arguments> all = new ArrayList<>();
    for (String model : WeightCases.models().keySet()) {
      for (String format : FormatsTest.KERAS_FORMATS) {
        for (String reference : new String[] {"torch", "tfjs"}) {
          all.add(Arguments.of(model, model + "." + format, reference));
        }
      }
      all.add(Arguments.of(model, model + ".torch.safetensors", "torch"));
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{1} vs {2}")
  @MethodSource("cases")
  void outputsMatchTheReference(String name, String file, String reference) throws WeightFileException {
    CheckedModel model = WeightCases.model(name);
    Weights weights = file.endsWith(".torch.safetensors")
        ? WeightFiles.readPyTorch(WeightCases.path(file), model, name.equals("mlp") ? FormatsTest.MLP_MODULES : null)
        : WeightFiles.readKeras(WeightCases.path(file), model);
    float[] input = WeightCases.floats(name + ".input.bin");
    float[] actual = Network.create(model, weights, 1).predict(input, WeightCases.BATCH);
    float[] expected = WeightCases.floats(name + "." + reference + ".bin");
    double largest = assertClose(file + " vs " + reference, expected, actual);
    synchronized (LARGEST) {
      LARGEST.merge(name + " vs " + reference, largest, Math::max);
    }
  }

  @AfterAll
  static void summary() {
    LARGEST.forEach((what, largest) -> System.out.printf("largest difference, %s: %.3e%n", what, largest));
  }

  /** Fails naming the worst element; returns the largest absolute difference. */
  static double assertClose(String what, float[] expected, float[] actual) {
    assertEquals(expected.length, actual.length, what + ": output length");
    double scale = 1;
    for (float e : expected) {
      scale = Math.max(scale, Math.abs(e));
    }
    double largest = 0;
    int where = 0;
    for (int i = 0; i < expected.length; i++) {
      double diff = Math.abs((double) actual[i] - expected[i]);
      if (!(diff <= ABS * scale + REL * Math.abs(expected[i]))) {
        fail(String.format("%s: at index %d expected %s, got %s (difference %.3e, tolerance %.1e + %.1e*|expected|)",
            what, i, expected[i], actual[i], diff, ABS * scale, REL));
      }
      if (diff > largest) {
        largest = diff;
        where = i;
      }
    }
    System.out.printf("%s: largest difference %.3e at index %d%n", what, largest, where);
    return largest;
  }
}
