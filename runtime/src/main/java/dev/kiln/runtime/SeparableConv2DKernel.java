package dev.kiln.runtime;

import dev.kiln.shape.ActivationFunction;
import dev.kiln.shape.SeparableConv2DRule;
import dev.kiln.shape.TensorShape;
import java.util.Map;

/**
 * Keras {@code SeparableConv2D}: the depthwise stage ({@link DepthwiseConv2DKernel}, no bias, no
 * activation) writes a band of rows into lane-private scratch, then the 1x1 pointwise stage runs as a
 * {@link Gemm} over that band with the bias and activation fused.
 */
final class SeparableConv2DKernel implements Step {
  private final DepthwiseConv2DKernel depthwise;
  private final Gemm gemm;
  /** (in_channels * dm, filters) packed with the bias by {@link #gemm}. */
  private final Gemm.Packed pointwise;
  private final Epilogue epilogue;
  private final Gemm.Geometry geometry;
  private final int outHeight;
  private final int outWidth;
  private final int depthChannels;
  private final int filters;
  private final long macs;

  SeparableConv2DKernel(SeparableConv2DRule rule, TensorShape input, TensorShape output,
      Map<String, float[]> tensors, Gemm gemm, long macs) {
    this(rule, output, tensors, gemm, macs, Fusion.of(rule.activation(), input));
  }

  /** A separable convolution whose epilogue runs {@code fusion}'s activation instead of its own. */
  SeparableConv2DKernel(SeparableConv2DRule rule, TensorShape output, Map<String, float[]> tensors, Gemm gemm,
      long macs, Fusion fusion) {
    TensorShape input = fusion.input();
    depthChannels = input.channels() * rule.depthMultiplier();
    TensorShape middle = TensorShape.image(output.height(), output.width(), depthChannels);
    depthwise = new DepthwiseConv2DKernel(rule.window(), rule.depthMultiplier(), input, middle,
        tensors.get("depthwise_kernel"), null, ActivationFunction.LINEAR, 0);
    this.gemm = gemm;
    this.macs = macs;
    outHeight = output.height();
    outWidth = output.width();
    filters = output.channels();
    pointwise = gemm.pack(tensors.get("pointwise_kernel"), tensors.get("bias"), depthChannels, filters);
    epilogue = new Epilogue(fusion.activation(), filters);
    geometry = Gemm.Geometry.matrix(depthChannels);
  }

  @Override
  public void prepare(float[] in, int inOff, float[] shared) {
    depthwise.prepare(in, inOff, shared);
  }

  /**
   * {@code local}: the GEMM's scratch ({@code gemm.localFloats(filters)} floats), then the depthwise
   * band (to - from, out_width, in_channels * dm).
   */
  @Override
  public void run(float[] out, int outOff, float[] in, int inOff, float[] shared, float[] local, int from, int to) {
    boolean padded = depthwise.sharedFloats() > 0;
    int band = gemm.localFloats(filters);
    depthwise.compute(local, band, padded ? shared : in, padded ? 0 : inOff, from, to);
    int o = outOff + from * outWidth * filters;
    gemm.run(out, o, local, band, geometry, pointwise, epilogue.relu(), 0, (to - from) * outWidth, local);
    epilogue.apply(out, o, (to - from) * outWidth * filters);
  }

  @Override
  public int sharedFloats() {
    return depthwise.sharedFloats();
  }

  @Override
  public int localFloats() {
    return gemm.localFloats(filters) + outHeight * outWidth * depthChannels;
  }

  @Override
  public int items() {
    return outHeight;
  }

  @Override
  public long cost() {
    return macs;
  }
}
