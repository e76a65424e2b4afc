package dev.kiln.runtime;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JVM's best {@link Gemm} against {@link ScalarGemm} called directly, on the shapes that pick its
 * paths: weights within L2 (tiles outer), beyond it (bands, column blocks outer), panels beyond the
 * depth-chunk budget (depth in chunks whose partial sums are kept in {@code out}, the depth not a
 * multiple of the chunk), partial last tiles, partial column blocks, a single row, the fused residual
 * (bit for bit the sums plus the residual after), column ranges, 1x1 / Dense geometries, and a pixel
 * alone in its tile (bit for bit what it gets in a full tile). Without
 * the Vector API module both sides are scalar.
 */
class GemmTest {

  /** (name, outHeight, outWidth, channels, kernel (0: Dense rows), filters). */
  static Stream<Arguments> shapes() {
    return Stream.of(Arguments.of("small 3x3", 4, 5, 7, 3, 20),
        Arguments.of("chunked 3x3, uneven chunks, partial tile", 5, 7, 801, 3, 100),
        Arguments.of("chunked 3x3, 1 pixel", 1, 1, 530, 3, 64),
        Arguments.of("chunked 3x3, 24 columns", 3, 3, 600, 3, 24),
        Arguments.of("chunked 3x3, one vector", 2, 3, 1000, 3, 16),
        Arguments.of("chunked dense, 8 columns", 1, 7, 17000, 0, 8),
        Arguments.of("beyond L2, unchunked", 6, 6, 96, 3, 192),
        Arguments.of("1x1 small depth", 7, 9, 16, 1, 96),
        Arguments.of("1x1 project", 5, 5, 144, 1, 24),
        Arguments.of("1x1 expand, whole tiles and blocks", 6, 6, 64, 1, 256),
        Arguments.of("1x1 deep, chunked", 2, 5, 4100, 1, 64),
        Arguments.of("dense 1 row", 1, 1, 1280, 0, 1000),
        Arguments.of("dense 1 row, partial block", 1, 1, 37, 0, 21),
        Arguments.of("dense 1 row, deep", 1, 1, 9000, 0, 70),
        Arguments.of("dense 3 rows", 1, 3, 300, 0, 130));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void matchesScalar(String name, int h, int w, int c, int kernel, int n) {
    Random random = new Random(31L * c + n);
    int pad = kernel == 3 ? 1 : 0;
    int pw = w + 2 * pad;
    int rows = kernel == 0 ? w : h * w;
    float[] in = new float[(kernel == 0 ? rows : (h + 2 * pad) * pw) * c];
    fill(in, random);
    int taps = kernel == 0 ? 1 : kernel * kernel;
    float[] matrix = new float[taps * c * n];
    fill(matrix, random);
    float[] bias = new float[n];
    fill(bias, random);
    float[] residual = new float[rows * n];
    fill(residual, random);
    Gemm.Geometry g;
    if (kernel == 0) {
      g = Gemm.Geometry.matrix(c);
    } else {
      int[] offsets = new int[taps];
      for (int t = 0; t < taps; t++) {
        offsets[t] = ((t / kernel) * pw + t % kernel) * c;
      }
      g = Gemm.Geometry.of(w, pw * c, c, offsets, c);
    }
    Gemm scalar = Simd.scalar();
    Gemm best = Simd.best();
    Gemm.Packed ws = scalar.pack(matrix, bias, taps * c, n);
    Gemm.Packed wb = best.pack(matrix, bias, taps * c, n);
    float[] local = new float[Math.max(1, best.localFloats(n))];
    double abs = 1e-5 * Math.sqrt(taps * c);
    // a slack of one pixel on either side: nothing is written outside [p0, p1)
    for (float[] clamp : new float[][] {{Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY}, {0f, 6f}}) {
      float[] expected = new float[rows * n];
      scalar.run(expected, 0, in, 0, g, ws, clamp[0], clamp[1], 0, rows, null);
      float[] actual = new float[rows * n + 2];
      actual[0] = 42;
      actual[rows * n + 1] = 42;
      best.run(actual, 1, in, 0, g, wb, clamp[0], clamp[1], 0, rows, local);
      check(name + " run " + clamp[1], expected, actual, 1, abs);
      // a range starting and ending inside tiles
      if (rows > 2) {
        float[] part = new float[rows * n];
        best.run(part, n, in, 0, g, wb, clamp[0], clamp[1], 1, rows - 1, local);
        float[] want = expected.clone();
        java.util.Arrays.fill(want, 0, n, 0f);
        java.util.Arrays.fill(want, (rows - 1) * n, rows * n, 0f);
        check(name + " rows 1.." + (rows - 1), want, part, 0, abs);
      }
      float[] expectedSum = new float[rows * n];
      scalar.runResidual(expectedSum, 0, in, 0, g, ws, residual, 0, clamp[0], clamp[1], 0, rows, null);
      float[] sum = new float[rows * n];
      best.runResidual(sum, 0, in, 0, g, wb, residual, 0, clamp[0], clamp[1], 0, rows, local);
      check(name + " residual", expectedSum, sum, 0, abs);
      // the residual path gives the bits of the plain sums with the residual added after
      float[] after = new float[rows * n];
      best.run(after, 0, in, 0, g, wb, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 0, rows, local);
      for (int i = 0; i < after.length; i++) {
        after[i] = Math.min(Math.max(after[i] + residual[i], clamp[0]), clamp[1]);
      }
      org.junit.jupiter.api.Assertions.assertArrayEquals(after, sum, name + " residual, bit for bit");
      int step = best.columnStep(n);
      if (step > 0) {
        float[] columns = new float[rows * n];
        for (int f0 = 0; f0 < n; f0 += step) {
          best.runColumns(columns, 0, in, 0, g, wb, residual, 0, clamp[0], clamp[1], 0, rows, f0,
              Math.min(n, f0 + step), local);
        }
        check(name + " columns of " + step, expectedSum, columns, 0, abs);
      }
    }
  }

  /**
   * A pixel alone in its tile (a 7x7 layer's 49th, a Dense layer's single row) runs a one-pixel kernel;
   * its outputs must be the bits the same pixel gets inside a full tile, unchunked and over depth chunks.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("lonePixels")
  void aLonePixelGetsTheBitsOfAFullTile(String name, int size, int c, int kernel, int n) {
    Random random = new Random(7L * c + n);
    int pad = kernel / 2;
    int padded = size + 2 * pad;
    int taps = kernel * kernel;
    float[] in = new float[padded * padded * c];
    fill(in, random);
    float[] matrix = new float[taps * c * n];
    fill(matrix, random);
    float[] bias = new float[n];
    fill(bias, random);
    int[] offsets = new int[taps];
    for (int t = 0; t < taps; t++) {
      offsets[t] = ((t / kernel) * padded + t % kernel) * c;
    }
    Gemm.Geometry g = Gemm.Geometry.of(size, padded * c, c, offsets, c);
    Gemm best = Simd.best();
    Gemm.Packed w = best.pack(matrix, bias, taps * c, n);
    float[] local = new float[Math.max(1, best.localFloats(n))];
    int pixels = size * size;
    int tile = best.tilePixels();
    float[] all = new float[pixels * n];
    best.run(all, 0, in, 0, g, w, 0f, 6f, 0, pixels, local);
    // the last pixel again, now the last row of a full tile
    int from = Math.max(0, pixels - tile);
    float[] full = new float[(pixels - from) * n];
    best.run(full, 0, in, 0, g, w, 0f, 6f, from, pixels, local);
    org.junit.jupiter.api.Assertions.assertArrayEquals(java.util.Arrays.copyOfRange(all, (pixels - 1) * n, pixels * n),
        java.util.Arrays.copyOfRange(full, (pixels - 1 - from) * n, (pixels - from) * n), name);
    // and alone: a run of just that pixel
    float[] alone = new float[n];
    best.run(alone, 0, in, 0, g, w, 0f, 6f, pixels - 1, pixels, local);
    org.junit.jupiter.api.Assertions.assertArrayEquals(java.util.Arrays.copyOfRange(all, (pixels - 1) * n, pixels * n),
        alone, name + ", alone");
  }

  /** (name, size, channels, kernel, filters): images of 6k + 1 pixels. */
  static Stream<Arguments> lonePixels() {
    return Stream.of(Arguments.of("7x7 3x3, chunked depth", 7, 600, 3, 128),
        Arguments.of("7x7 1x1, whole blocks and a partial one", 7, 96, 1, 200),
        Arguments.of("5x5 1x1, deep", 5, 2048, 1, 64), Arguments.of("1x1 image, 3x3", 1, 40, 3, 64));
  }

  private static void check(String what, float[] expected, float[] actual, int offset, double abs) {
    float[] inner = java.util.Arrays.copyOfRange(actual, offset, offset + expected.length);
    Compare.assertClose(what, expected, inner, abs, 1e-5);
    for (int i = 0; i < offset; i++) {
      if (actual[i] != 42 || actual[actual.length - 1 - i] != 42) {
        throw new AssertionError(what + ": wrote outside its rows");
      }
    }
  }

  private static void fill(float[] values, Random random) {
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextFloat() * 2 - 1;
    }
  }
}
