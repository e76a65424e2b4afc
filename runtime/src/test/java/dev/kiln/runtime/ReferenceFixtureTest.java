package dev.kiln.runtime;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kiln.shape.CheckedModel;
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
 * Every case of {@code reference/runtime/cases.txt} against the outputs PyTorch 1.13 and
 * TensorFlow.js 4.22 computed for the same input and weights (see reference/runtime/README.md),
 * on both GEMM paths with the graph optimizer, and on the best path with every layer as declared. Tolerance per element: {@code 1e-5 * max(1, max|expected|) + 1e-4 * |expected|}
 * (float32 sums in a different order than the references; the first term scales with the case's
 * magnitude because cancellation leaves absolute, not relative, error); NaN and infinities must match
 * exactly.
 */
class ReferenceFixtureTest {
  static final double ABS = 1e-5;
  static final double REL = 1e-4;
  private static final Map<String, double[]> LARGEST = new ConcurrentHashMap<>();

  static Stream<Arguments> cases() {
    List<Arguments> all = new ArrayList<>();
    for (String line : Fixtures.cases()) {
      for (String reference : new String[] {"torch", "tfjs"}) {
        for (String path : new String[] {"best", "scalar", "declared"}) {
          all.add(Arguments.of(line.split("\\|")[0].trim(), reference, path, line));
        }
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} vs {1} ({2})")
  @MethodSource("cases")
  void matchesReference(String name, String reference, String path, String line) {
    String file = name + "." + reference + ".bin";
    assumeTrue(Fixtures.exists(file), reference + " cannot express " + name + " (see reference/runtime/README.md)");
    CheckedModel model = CaseModels.parse(line);
    Weights weights = new Weights();
    float[] input = Fixtures.input(model, Fixtures.floats(name + ".in.bin"), weights);
    Gemm gemm = path.equals("scalar") ? Simd.scalar() : Simd.best();
    float[] actual = Network.create(model, weights, 2, gemm, !path.equals("declared")).predict(input, Fixtures.BATCH);
    float[] expected = Fixtures.floats(file);
    Compare.Result result = Compare.assertClose(name + " vs " + reference + " (" + path + ")", expected, actual,
        ABS * Compare.scale(expected), REL);
    LARGEST.merge(reference + " " + path, new double[] {result.largest()},
        (a, b) -> a[0] >= b[0] ? a : b);
  }

  @AfterAll
  static void summary() {
    Map<String, double[]> sorted = new TreeMap<>(LARGEST);
    sorted.forEach((k, v) -> System.out.printf("largest difference vs %s: %.3e%n", k, v[0]));
  }
}
