package dev.kiln.runtime;

import dev.kiln.shape.DenseRule;
import dev.kiln.shape.TensorShape;
import java.util.Map;

/**
 * Keras {@code Dense} on the last axis of any input: each row of {@code in_features} becomes a row
 * of {@code units}; run as the shared {@link Gemm} with bias and activation fused.
 *
 * <p>What an item is: with several rows, one row. With a single row (batch 1 of a classifier) one
 * {@link Gemm#columnStep column block} of the units, so that lanes splitting the layer each stream
 * their own part of the weights (MobileNetV2's classifier reads 5 MB of them per image, memory-bound
 * on one core). A part of the row cannot be normalised on its own, so a column range computes only
 * the GEMM (bias, residual, and a plain ReLU in registers); the rest of the activation runs in
 * {@link #finish} over the whole row once every lane is done.
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
  /** Units per item when items are column blocks of the single row; 0 when items are rows. */
  private final int columnStep;
  /** The clamp a column range applies in registers: {@code (0, +inf)} for a plain ReLU, none otherwise. */
  private final float lo;

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
    int step = gemm.columnStep(units);
    columnStep = rows == 1 && step > 0 && step < units ? step : 0;
    lo = epilogue.relu() ? 0f : Float.NEGATIVE_INFINITY;
  }

  /**
   * @param out (rows, units) from {@code outOff}
   * @param in (rows, in_features) from {@code inOff}
   */
  @Override
  public void run(float[] out, int outOff, float[] in, int inOff, float[] shared, float[] local, int from, int to) {
    if (columnStep > 0) {
      columns(out, outOff, in, inOff, null, 0, local, from, to);
      return;
    }
    gemm.run(out, outOff + from * units, in, inOff, geometry, weights, epilogue.relu(), from, to, local);
    epilogue.apply(out, outOff + from * units, (to - from) * units);
  }

  /** @param residual (rows, units) from {@code residualOff}, added before the activation */
  @Override
  public void runWithResidual(float[] out, int outOff, float[] in, int inOff, float[] residual, int residualOff,
      float[] shared, float[] local, int from, int to) {
    if (columnStep > 0) {
      columns(out, outOff, in, inOff, residual, residualOff, local, from, to);
      return;
    }
    gemm.run(out, outOff + from * units, in, inOff, geometry, weights, epilogue.relu(), from, to, local);
    epilogue.apply(out, outOff + from * units, (to - from) * units, residual, residualOff + from * units);
  }

  /**
   * Column blocks {@code [from, to)} of the single row: the bias-added sums (plus {@code residual}, then
   * a plain ReLU, when there are any), the same tiles {@link Gemm#run} computes. All items at once (one
   * lane) finish the row here; a part leaves the activation to {@link #finish}.
   */
  private void columns(float[] out, int outOff, float[] in, int inOff, float[] residual, int residualOff,
      float[] local, int from, int to) {
    gemm.runColumns(out, outOff, in, inOff, geometry, weights, residual, residualOff, lo, Float.POSITIVE_INFINITY,
        0, 1, from * columnStep, Math.min(to * columnStep, units), local);
    if (from == 0 && to == items()) {
      finish(out, outOff);
    }
  }

  /** The activation over the whole row (softmax needs every unit), once all column blocks are stored. */
  @Override
  public void finish(float[] out, int outOff) {
    if (columnStep > 0) {
      epilogue.apply(out, outOff, units);
    }
  }

  @Override
  public boolean addsResidual() {
    return epilogue.residual();
  }

  @Override
  public int items() {
    return columnStep > 0 ? (units + columnStep - 1) / columnStep : rows;
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
