package dev.kiln.runtime;

import dev.kiln.dsl.Interpolation;
import dev.kiln.shape.TensorShape;
import dev.kiln.shape.UpSampling2DRule;

/**
 * Keras {@code UpSampling2D}. Nearest repeats each pixel; bilinear resizes with half-pixel centres
 * (TF {@code resize_bilinear(half_pixel_centers=True)}, PyTorch {@code align_corners=False}): output
 * {@code o} samples input coordinate {@code (o + 0.5) * in / out - 0.5}, clamped at the borders.
 */
final class UpSampling2DKernel implements Step {
  private final boolean bilinear;
  private final int height;
  private final int width;
  private final int channels;
  private final int outHeight;
  private final int outWidth;

  UpSampling2DKernel(UpSampling2DRule rule, TensorShape input, TensorShape output) {
    bilinear = rule.interpolation() == Interpolation.BILINEAR;
    height = input.height();
    width = input.width();
    channels = input.channels();
    outHeight = output.height();
    outWidth = output.width();
  }

  /**
   * @param out (out_height, out_width, channels) from {@code outOff}; rows {@code [from, to)}
   * @param in (height, width, channels) from {@code inOff}
   */
  @Override
  public void run(float[] out, int outOff, float[] in, int inOff, float[] shared, float[] local, int from, int to) {
    float scaleY = (float) height / outHeight;
    float scaleX = (float) width / outWidth;
    for (int oy = from; oy < to; oy++) {
      if (!bilinear) {
        int y = oy * height / outHeight;
        int rowFloats = outWidth * channels;
        if (oy > from && (oy - 1) * height / outHeight == y) {
          // the same input row as the row above: one copy of that output row
          System.arraycopy(out, outOff + (oy - 1) * rowFloats, out, outOff + oy * rowFloats, rowFloats);
          continue;
        }
        for (int ox = 0; ox < outWidth; ox++) {
          System.arraycopy(in, inOff + (y * width + ox * width / outWidth) * channels, out,
              outOff + (oy * outWidth + ox) * channels, channels);
        }
        continue;
      }
      float sy = Math.max((oy + 0.5f) * scaleY - 0.5f, 0f);
      int y0 = Math.min((int) sy, height - 1);
      int y1 = Math.min(y0 + 1, height - 1);
      float fy = sy - y0;
      for (int ox = 0; ox < outWidth; ox++) {
        float sx = Math.max((ox + 0.5f) * scaleX - 0.5f, 0f);
        int x0 = Math.min((int) sx, width - 1);
        int x1 = Math.min(x0 + 1, width - 1);
        float fx = sx - x0;
        int a = inOff + (y0 * width + x0) * channels;
        int b = inOff + (y0 * width + x1) * channels;
        int c = inOff + (y1 * width + x0) * channels;
        int d = inOff + (y1 * width + x1) * channels;
        int o = outOff + (oy * outWidth + ox) * channels;
        for (int ch = 0; ch < channels; ch++) {
          float topRow = in[a + ch] + (in[b + ch] - in[a + ch]) * fx;
          float bottomRow = in[c + ch] + (in[d + ch] - in[c + ch]) * fx;
          out[o + ch] = topRow + (bottomRow - topRow) * fy;
        }
      }
    }
  }

  @Override
  public int items() {
    return outHeight;
  }

  @Override
  public long cost() {
    return (long) outHeight * outWidth * channels * (bilinear ? 4 : 1);
  }
}
