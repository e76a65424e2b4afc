package dev.kiln.runtime;

import dev.kiln.shape.Conv2DRule;
import dev.kiln.shape.Size2;
import dev.kiln.shape.TensorShape;
import dev.kiln.shape.Window;
import java.util.Map;

/**
 * Keras {@code Conv2D}: an implicit GEMM ({@link Gemm}) over a zero-padded copy of the input (made
 * only when SAME padding adds rows or columns, split by {@link Window#padding}), with bias and
 * activation fused into the output loop. 1x1 convolutions and 1-channel inputs use the same loop:
 * the patch is read in place, so no im2col buffer exists.
 */
final class Conv2DKernel implements Step {
  private final Gemm gemm;
  /** (kh * kw * in_channels, filters) packed with the bias by {@link #gemm}. */
  private final Gemm.Packed weights;
  private final Epilogue epilogue;
  private final Gemm.Geometry geometry;
  private final int height;
  private final int width;
  private final int channels;
  private final int outWidth;
  private final int filters;
  private final int outHeight;
  private final Window.Pad padRows;
  private final Window.Pad padCols;
  private final long macs;

  Conv2DKernel(Conv2DRule rule, TensorShape input, TensorShape output, Map<String, float[]> tensors, Gemm gemm,
      long macs) {
    this.gemm = gemm;
    this.macs = macs;
    Size2 k = rule.window().kernel();
    Size2 s = rule.window().stride();
    Size2 d = rule.window().dilation();
    height = input.height();
    width = input.width();
    channels = input.channels();
    outHeight = output.height();
    outWidth = output.width();
    filters = output.channels();
    padRows = Window.padding(height, k.height(), s.height(), d.height(), rule.window().padding());
    padCols = Window.padding(width, k.width(), s.width(), d.width(), rule.window().padding());
    int paddedWidth = width + padCols.total();
    int[] taps = new int[k.height() * k.width()];
    for (int ky = 0; ky < k.height(); ky++) {
      for (int kx = 0; kx < k.width(); kx++) {
        taps[ky * k.width() + kx] = (ky * d.height() * paddedWidth + kx * d.width()) * channels;
      }
    }
    geometry = Gemm.Geometry.of(outWidth, s.height() * paddedWidth * channels, s.width() * channels, taps, channels);
    weights = gemm.pack(tensors.get("kernel"), tensors.get("bias"), taps.length * channels, filters);
    epilogue = new Epilogue(rule.activation(), filters);
  }

  private boolean padded() {
    return padRows.total() + padCols.total() > 0;
  }

  @Override
  public void prepare(float[] in, int inOff, float[] shared) {
    if (padded()) {
      Images.pad(shared, in, inOff, height, width, channels, padRows.before(), padCols.before(),
          height + padRows.total(), width + padCols.total());
    }
  }

  @Override
  public void run(float[] out, int outOff, float[] in, int inOff, float[] shared, float[] local, int from, int to) {
    int o = outOff + from * outWidth * filters;
    gemm.run(out, o, padded() ? shared : in, padded() ? 0 : inOff, geometry, weights, epilogue.relu(),
        from * outWidth, to * outWidth, local);
    epilogue.apply(out, o, (to - from) * outWidth * filters);
  }

  @Override
  public int items() {
    return outHeight;
  }

  @Override
  public long cost() {
    return macs;
  }

  @Override
  public int sharedFloats() {
    return padded() ? (height + padRows.total()) * (width + padCols.total()) * channels : 0;
  }

  @Override
  public int localFloats() {
    return gemm.localFloats(filters);
  }
}
