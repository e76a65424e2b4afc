package dev.kiln.runtime;

import dev.kiln.shape.Conv2DTransposeRule;
import dev.kiln.shape.Size2;
import dev.kiln.shape.TensorShape;
import dev.kiln.shape.Window;
import java.util.Map;

/**
 * Keras {@code Conv2DTranspose} (TF backend, {@code conv2d_backprop_input}): output pixel
 * {@code o} receives input pixel {@code i} through tap {@code t} when {@code o = i*s + t*d - crop}.
 * Computed as a stride-1 dilated convolution (the shared {@link Gemm}) of the flipped kernel over a
 * zero-inserted copy of the input, so it reuses the fast loop at the price of multiplying the
 * inserted zeros.
 *
 * <p>{@code crop}, the rows cut from the start of the full output {@code (i-1)*s + dk}, is
 * {@link Window#transposedCrop}.
 */
final class Conv2DTransposeKernel implements Step {
  private final Gemm gemm;
  /** (kh * kw * in_channels, filters): Keras (kh, kw, filters, in_channels) flipped in space, packed. */
  private final Gemm.Packed weights;
  private final Epilogue epilogue;
  private final Gemm.Geometry geometry;
  private final int height;
  private final int width;
  private final int channels;
  private final int outHeight;
  private final int outWidth;
  private final int filters;
  private final Size2 s;
  /** Where input pixel (0, 0) lands in the zero-inserted image: {@code dk - 1 - crop} per axis. */
  private final int offsetRows;
  private final int offsetCols;
  /** The zero-inserted image: (out_height + dkh - 1, out_width + dkw - 1, in_channels). */
  private final int spreadHeight;
  private final int spreadWidth;
  private final long macs;

  Conv2DTransposeKernel(Conv2DTransposeRule rule, TensorShape input, TensorShape output,
      Map<String, float[]> tensors, Gemm gemm, long macs) {
    this.gemm = gemm;
    this.macs = macs;
    Size2 k = rule.window().kernel();
    Size2 d = rule.window().dilation();
    s = rule.window().stride();
    height = input.height();
    width = input.width();
    channels = input.channels();
    outHeight = output.height();
    outWidth = output.width();
    filters = output.channels();
    long dkh = Window.dilated(k.height(), d.height());
    long dkw = Window.dilated(k.width(), d.width());
    offsetRows = (int) (dkh - 1 - Window.transposedCrop(height, k.height(), s.height(), d.height(), outHeight));
    offsetCols = (int) (dkw - 1 - Window.transposedCrop(width, k.width(), s.width(), d.width(), outWidth));
    spreadHeight = (int) (outHeight + dkh - 1);
    spreadWidth = (int) (outWidth + dkw - 1);
    int[] taps = new int[k.height() * k.width()];
    for (int ky = 0; ky < k.height(); ky++) {
      for (int kx = 0; kx < k.width(); kx++) {
        taps[ky * k.width() + kx] = (ky * d.height() * spreadWidth + kx * d.width()) * channels;
      }
    }
    geometry = Gemm.Geometry.of(outWidth, spreadWidth * channels, channels, taps, channels);
    float[] kernel = tensors.get("kernel");
    float[] flipped = new float[kernel.length];
    for (int ky = 0; ky < k.height(); ky++) {
      for (int kx = 0; kx < k.width(); kx++) {
        int src = ((k.height() - 1 - ky) * k.width() + (k.width() - 1 - kx)) * filters * channels;
        int dst = (ky * k.width() + kx) * channels * filters;
        for (int f = 0; f < filters; f++) {
          for (int c = 0; c < channels; c++) {
            flipped[dst + c * filters + f] = kernel[src + f * channels + c];
          }
        }
      }
    }
    weights = gemm.pack(flipped, tensors.get("bias"), taps.length * channels, filters);
    epilogue = new Epilogue(rule.activation(), filters);
  }

  @Override
  public void prepare(float[] in, int inOff, float[] shared) {
    java.util.Arrays.fill(shared, 0, sharedFloats(), 0f);
    for (int y = 0; y < height; y++) {
      int sy = y * s.height() + offsetRows;
      if (sy < 0 || sy >= spreadHeight) {
        continue;
      }
      for (int x = 0; x < width; x++) {
        int sx = x * s.width() + offsetCols;
        if (sx >= 0 && sx < spreadWidth) {
          System.arraycopy(in, inOff + (y * width + x) * channels, shared, (sy * spreadWidth + sx) * channels,
              channels);
        }
      }
    }
  }

  @Override
  public void run(float[] out, int outOff, float[] in, int inOff, float[] shared, float[] local, int from, int to) {
    int o = outOff + from * outWidth * filters;
    gemm.run(out, o, shared, 0, geometry, weights, epilogue.relu(), from * outWidth, to * outWidth, local);
    epilogue.apply(out, o, (to - from) * outWidth * filters);
  }

  @Override
  public int sharedFloats() {
    return spreadHeight * spreadWidth * channels;
  }

  @Override
  public int localFloats() {
    return gemm.localFloats(filters);
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
