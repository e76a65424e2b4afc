package dev.kiln.runtime;

/**
 * Plain-Java {@link Gemm}: for each pixel, the output row starts as the bias and receives one axpy of
 * a weight row per patch element. The axpy runs over contiguous columns, which HotSpot's
 * auto-vectoriser turns into SIMD, and the output row stays in L1 while it accumulates.
 */
final class ScalarGemm extends Gemm {

  /** Packed layout: the (k, n) matrix as is, row-major. */
  @Override
  Packed pack(float[] matrix, float[] bias, int k, int n) {
    return new Packed(matrix.clone(), bias == null ? new float[n] : bias.clone(), k, n);
  }

  @Override
  int localFloats(int n) {
    return 0;
  }

  @Override
  void run(float[] out, int outOff, float[] in, int inOff, Geometry g, Packed w, float lo, float hi, int p0, int p1,
      float[] local) {
    int n = w.n();
    float[] bias = w.bias();
    float[] b = w.data();
    int[] offsets = g.offsets();
    for (int p = p0; p < p1; p++) {
      int base = inOff + (p / g.outWidth()) * g.rowStep() + (p % g.outWidth()) * g.colStep();
      int o = outOff + (p - p0) * n;
      System.arraycopy(bias, 0, out, o, n);
      for (int kk = 0, row = 0; kk < offsets.length; kk++, row += n) {
        float v = in[base + offsets[kk]];
        for (int f = 0; f < n; f++) {
          out[o + f] += v * b[row + f];
        }
      }
      if (lo != Float.NEGATIVE_INFINITY || hi != Float.POSITIVE_INFINITY) {
        for (int f = 0; f < n; f++) {
          out[o + f] = Math.min(Math.max(out[o + f], lo), hi);
        }
      }
    }
  }
}
