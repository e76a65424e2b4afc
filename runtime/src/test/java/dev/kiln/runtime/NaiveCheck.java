package dev.kiln.runtime;

import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.LayerInfo;
import dev.kiln.shape.LayerRule;
import dev.kiln.shape.WeightSpec;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * Runs a one-layer model on both GEMM paths and compares each example with a naive loop.
 * Tolerance per element: {@code 1e-5 * max(1, max|expected|) + 1e-4 * |expected|}.
 */
final class NaiveCheck {
  private NaiveCheck() {}

  static final int BATCH = 2;

  /** Random weights in [-1, 1) (variances in [0.5, 1.5)), unlike Keras's zero biases, so biases are tested. */
  static Weights weights(CheckedModel model, Random random) {
    Weights weights = new Weights();
    for (LayerInfo layer : model.layers()) {
      for (WeightSpec spec : layer.weights()) {
        float[] v = new float[(int) spec.elements()];
        for (int i = 0; i < v.length; i++) {
          v[i] = spec.name().equals("moving_variance") ? 0.5f + random.nextFloat() : random.nextFloat() * 2 - 1;
        }
        weights.put(layer.name(), spec.name(), v);
      }
    }
    return weights;
  }

  /**
   * @param naive (one example's input as doubles, the layer's weights) to one example's output
   * @return the model, for messages
   */
  static CheckedModel check(String what, int[] input, LayerRule rule, long seed,
      BiFunction<double[], Weights, double[]> naive) {
    CheckedModel model = CaseModels.model(what, input, rule);
    Random random = new Random(seed);
    Weights weights = weights(model, random);
    int inSize = model.inputShape().size();
    int outSize = model.outputShape().size();
    float[] x = new float[BATCH * inSize];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextFloat() * 2 - 1;
    }
    float[] expected = new float[BATCH * outSize];
    for (int e = 0; e < BATCH; e++) {
      double[] one = new double[inSize];
      for (int i = 0; i < inSize; i++) {
        one[i] = x[e * inSize + i];
      }
      double[] y = naive.apply(one, weights);
      for (int i = 0; i < outSize; i++) {
        expected[e * outSize + i] = (float) y[i];
      }
    }
    double abs = 1e-5 * Compare.scale(expected);
    for (Gemm gemm : new Gemm[] {Simd.scalar(), Simd.best()}) {
      for (int threads = 1; threads <= 2; threads++) {
        float[] actual = Network.create(model, weights, threads, gemm).predict(x, BATCH);
        Compare.assertClose(what + " " + model.layers().get(1).output() + " " + gemm.getClass().getSimpleName()
            + " threads " + threads, expected, actual, abs, 1e-4);
      }
      // batch 1 exercises the row split across lanes
      float[] first = Network.create(model, weights, 2, gemm).predict(java.util.Arrays.copyOf(x, inSize), 1);
      Compare.assertClose(what + " batch 1", java.util.Arrays.copyOf(expected, outSize), first, abs, 1e-4);
    }
    return model;
  }

  static double[] d(float[] values) {
    double[] r = new double[values.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = values[i];
    }
    return r;
  }
}
