package dev.kiln.runtime;

/**
 * Plain-Java {@link Gemm}: blocks of {@value #BLOCK} output columns, weights packed as
 * {@code (column block, k, BLOCK)} so the inner loop is a contiguous axpy that HotSpot's
 * auto-vectoriser turns into SIMD.
 */
final class ScalarGemm extends Gemm {
  static final int BLOCK = 16;

  /** Packed layout: {@code (ceil(n / BLOCK), k, BLOCK)}, zero beyond column {@code n}. */
  @Override
  Packed pack(float[] matrix, int k, int n) {
    int blocks = (n + BLOCK - 1) / BLOCK;
    float[] data = new float[blocks * k * BLOCK];
    for (int b = 0; b < blocks; b++) {
      for (int r = 0; r < k; r++) {
        for (int j = 0; j < BLOCK && b * BLOCK + j < n; j++) {
          data[(b * k + r) * BLOCK + j] = matrix[r * n + b * BLOCK + j];
        }
      }
    }
    return new Packed(data, k, n);
  }

  @Override
  int localFloats(int n) {
    return BLOCK;
  }

  @Override
  void run(float[] out, int outOff, float[] in, int inOff, Geometry g, Packed w, float[] bias, boolean relu,
      int p0, int p1, float[] local) {
    int n = w.n();
    int k = w.k();
    int channels = g.channels();
    int[] taps = g.taps();
    float[] b = w.data();
    // local[0, BLOCK): the accumulators of one pixel and one column block
    for (int p = p0; p < p1; p++) {
      int base = inOff + (p / g.outWidth()) * g.rowStep() + (p % g.outWidth()) * g.colStep();
      int o = outOff + (p - p0) * n;
      for (int f0 = 0; f0 < n; f0 += BLOCK) {
        java.util.Arrays.fill(local, 0, BLOCK, 0f);
        int row = (f0 / BLOCK) * k * BLOCK;
        for (int tap : taps) {
          int a = base + tap;
          for (int c = 0; c < channels; c++, row += BLOCK) {
            float v = in[a + c];
            for (int j = 0; j < BLOCK; j++) {
              local[j] += v * b[row + j];
            }
          }
        }
        int width = Math.min(BLOCK, n - f0);
        for (int j = 0; j < width; j++) {
          float v = local[j] + (bias == null ? 0f : bias[f0 + j]);
          out[o + f0 + j] = relu ? Math.max(v, 0f) : v;
        }
      }
    }
  }
}
