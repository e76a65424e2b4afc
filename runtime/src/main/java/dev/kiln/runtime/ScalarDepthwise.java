package dev.kiln.runtime;

/**
 * Plain-Java {@link Depthwise}: per output pixel, the row starts as the bias and receives each valid
 * tap as an axpy over contiguous channels (which HotSpot's auto-vectoriser turns into SIMD).
 */
final class ScalarDepthwise extends Depthwise {

  @Override
  void rows(float[] out, int outOff, float[] in, int inOff, Geometry g, float[] kernel, float[] bias, float lo,
      float hi, int from, int to) {
    int channels = g.channels();
    int dm = g.multiplier();
    int cm = channels * dm;
    boolean clamp = lo != Float.NEGATIVE_INFINITY || hi != Float.POSITIVE_INFINITY;
    for (int oy = from; oy < to; oy++) {
      int ky0 = g.firstRow(oy);
      int ky1 = g.endRow(oy);
      int iy0 = oy * g.strideHeight() - g.padTop();
      for (int ox = 0; ox < g.outWidth(); ox++) {
        int kx0 = g.firstColumn(ox);
        int kx1 = g.endColumn(ox);
        int ix0 = ox * g.strideWidth() - g.padLeft();
        int o = outOff + ((oy - from) * g.outWidth() + ox) * cm;
        System.arraycopy(bias, 0, out, o, cm);
        for (int ky = ky0; ky < ky1; ky++) {
          int row = inOff + ((iy0 + ky * g.dilationHeight()) * g.width() + ix0) * channels;
          for (int kx = kx0; kx < kx1; kx++) {
            int a = row + kx * g.dilationWidth() * channels;
            int w = (ky * g.kernelWidth() + kx) * cm;
            if (dm == 1) {
              for (int c = 0; c < channels; c++) {
                out[o + c] += in[a + c] * kernel[w + c];
              }
            } else {
              for (int c = 0; c < channels; c++) {
                float v = in[a + c];
                for (int m = 0; m < dm; m++) {
                  out[o + c * dm + m] += v * kernel[w + c * dm + m];
                }
              }
            }
          }
        }
        if (clamp) {
          for (int c = 0; c < cm; c++) {
            out[o + c] = Math.min(Math.max(out[o + c], lo), hi);
          }
        }
      }
    }
  }
}
