package dev.kiln.runtime;

import dev.kiln.shape.DenseRule;
import dev.kiln.shape.TensorShape;
import java.util.Map;

/**
 * Keras {@code Dense} on the last axis of any input: each row of {@code in_features} becomes a row
 * of {@code units}; run as the shared {@link Gemm} with bias and activation fused.
 */
final class DenseKernel implements Step {
  private final Gemm gemm;
  /** (in_features, units) packed with the bias by {@link #gemm}. */
  private final Gemm.Packed weights;
  private final Epilogue epilogue;
  private final Gemm.Geometry geometry;
  private final int rows;
  private final int units;
  private final long macs;

  DenseKernel(DenseRule rule, TensorShape input, Map<String, float[]> tensors, Gemm gemm, long macs) {
    this(rule, input, tensors, gemm, macs, Fusion.of(rule.activation(), input));
  }

  /** A dense layer whose epilogue runs {@code fusion}'s activation (and residual) instead of its own. */
  DenseKernel(DenseRule rule, TensorShape input, Map<String, float[]> tensors, Gemm gemm, long macs,
      Fusion fusion) {
    this.gemm = gemm;
    this.macs = macs;
    int features = input.channels();
    rows = input.size() / features;
    units = rule.units();
    geometry = Gemm.Geometry.matrix(features);
    weights = gemm.pack(tensors.get("kernel"), tensors.get("bias"), features, units);
    epilogue = new Epilogue(fusion.activation(), units, fusion.residual());
  }

  /**
   * @param out (rows, units) from {@code outOff}
   * @param in (rows, in_features) from {@code inOff}
   */
  @Override
  public void run(float[] out, int outOff, float[] in, int inOff, float[] shared, float[] local, int from, int to) {
    gemm.run(out, outOff + from * units, in, inOff, geometry, weights, epilogue.relu(), from, to, local);
    epilogue.apply(out, outOff + from * units, (to - from) * units);
  }

  /** @param residual (rows, units) from {@code residualOff}, added before the activation */
  @Override
  public void runWithResidual(float[] out, int outOff, float[] in, int inOff, float[] residual, int residualOff,
      float[] shared, float[] local, int from, int to) {
    gemm.run(out, outOff + from * units, in, inOff, geometry, weights, epilogue.relu(), from, to, local);
    epilogue.apply(out, outOff + from * units, (to - from) * units, residual, residualOff + from * units);
  }

  @Override
  public boolean addsResidual() {
    return epilogue.residual();
  }

  @Override
  public int items() {
    return rows;
  }

  @Override
  public long cost() {
    return macs;
  }

  @Override
  public int localFloats() {
    return gemm.localFloats(units);
  }
}
