package dev.kiln.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kiln.dsl.Activations;
import dev.kiln.shape.ActivationFunction;
import dev.kiln.shape.DenseRule;
import dev.kiln.shape.TensorShape;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A batch-1 Dense split by output columns ({@link DenseKernel}'s items are column blocks when there is
 * one row): the column blocks run one at a time in reverse order (as two lanes would take them, each
 * a part of the row) and then {@link Step#finish} give bit for bit the row that one call of all items
 * gives, and the row the row-split path gives for the same input inside a batch of two; all of them
 * match a double-precision loop. Units that are not a multiple of the column step, softmax (which
 * needs the whole row), an element-wise activation, ReLU in registers, and a fused residual.
 */
class DenseSplitTest {

  /** (features, units, activation, residual). */
  static Stream<Arguments> layers() {
    return Stream.of(Arguments.of(1280, 1000, Activations.SOFTMAX, false),
        Arguments.of(1280, 1000, Activations.LINEAR, false),
        Arguments.of(96, 203, Activations.RELU, false),
        Arguments.of(96, 203, Activations.RELU, true),
        Arguments.of(37, 130, Activations.TANH, true),
        Arguments.of(64, 72 + 64, Activations.SOFTMAX, true),
        Arguments.of(17, 77, Activations.RELU6, false));
  }

  @ParameterizedTest(name = "{0} -> {1} {2} residual {3}")
  @MethodSource("layers")
  void columnBlocksEqualTheWholeRow(int features, int units, Activations activation, boolean residual) {
    assumeTrue(Simd.vectorAvailable(), "only the vector GEMM computes column ranges");
    Gemm gemm = Simd.best();
    Random random = new Random(31L * features + units);
    float[] kernel = values(random, features * units);
    float[] bias = values(random, units);
    float[] x = values(random, features);
    float[] r = values(random, units);
    Map<String, float[]> tensors = Map.of("kernel", kernel, "bias", bias);
    DenseRule rule = new DenseRule(units, ActivationFunction.of(activation), true);
    ActivationFunction act = ActivationFunction.of(activation);
    TensorShape one = TensorShape.of(features);
    DenseKernel dense = new DenseKernel(rule, one, tensors, gemm, (long) features * units,
        new Fusion(act, Fusion.NONE, one, residual));
    int items = dense.items();
    assertTrue(items > 1 && items < units, "items are column blocks: " + items);
    float[] local = new float[dense.localFloats()];

    float[] parts = new float[units];
    Arrays.fill(parts, Float.NaN);
    for (int item = items - 1; item >= 0; item--) {
      run(dense, parts, x, residual ? r : null, local, item, item + 1);
    }
    dense.finish(parts, 0);

    float[] whole = new float[units];
    run(dense, whole, x, residual ? r : null, local, 0, items);
    assertArrayEquals(whole, parts, "column blocks then finish vs all items at once");

    TensorShape two = TensorShape.of(2, features);
    DenseKernel byRows = new DenseKernel(rule, two, tensors, gemm, 2L * features * units,
        new Fusion(act, Fusion.NONE, two, residual));
    float[] pair = Arrays.copyOf(x, 2 * features);
    System.arraycopy(x, 0, pair, features, features);
    float[] pairResidual = Arrays.copyOf(r, 2 * units);
    System.arraycopy(r, 0, pairResidual, units, units);
    float[] rows = new float[2 * units];
    run(byRows, rows, pair, residual ? pairResidual : null, new float[byRows.localFloats()], 0, byRows.items());
    assertArrayEquals(Arrays.copyOf(rows, units), parts, "column split vs row split");

    double[] sums = new double[units];
    for (int u = 0; u < units; u++) {
      double v = bias[u] + (residual ? r[u] : 0);
      for (int k = 0; k < features; k++) {
        v += (double) x[k] * kernel[k * units + u];
      }
      sums[u] = v;
    }
    double[] y = Naive.activation(sums, activation.name().toLowerCase(java.util.Locale.ROOT), 0,
        Double.POSITIVE_INFINITY, 0, units);
    float[] expected = new float[units];
    for (int u = 0; u < units; u++) {
      expected[u] = (float) y[u];
    }
    Compare.assertClose("dense " + features + " -> " + units, expected, parts, 1e-5 * Compare.scale(expected), 1e-4);
  }

  /** A classifier in a network at 1 and 2 threads, batch 1 and 2, both GEMMs, against a double loop. */
  @org.junit.jupiter.api.Test
  void softmaxClassifierInANetwork() {
    int features = 1280;
    int units = 1000;
    NaiveCheck.check("dense", new int[] {features}, new DenseRule(units, ActivationFunction.of(Activations.SOFTMAX),
        true), 5, (x, wt) -> {
          float[] kernel = wt.get("layer1", "kernel");
          float[] bias = wt.get("layer1", "bias");
          double[] sums = new double[units];
          for (int u = 0; u < units; u++) {
            double v = bias[u];
            for (int k = 0; k < features; k++) {
              v += x[k] * kernel[k * units + u];
            }
            sums[u] = v;
          }
          return Naive.activation(sums, "softmax", 0, Double.POSITIVE_INFINITY, 0, units);
        });
  }

  private static void run(DenseKernel dense, float[] out, float[] in, float[] residual, float[] local, int from,
      int to) {
    if (residual != null) {
      dense.runWithResidual(out, 0, in, 0, residual, 0, null, local, from, to);
    } else {
      dense.run(out, 0, in, 0, null, local, from, to);
    }
  }

  private static float[] values(Random random, int count) {
    float[] v = new float[count];
    for (int i = 0; i < count; i++) {
      v[i] = random.nextFloat() * 2 - 1;
    }
    return v;
  }
}
