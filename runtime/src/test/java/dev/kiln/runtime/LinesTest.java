package dev.kiln.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pooling loops this JVM runs ({@link Simd#lines}: {@code VectorLines} in the vector test run)
 * agree bit for bit with the plain ones, tails, NaN and signed zeros included.
 */
class LinesTest {
  private static final Lines PLAIN = new Lines();

  private static float[] values(Random random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      int kind = random.nextInt(20);
      v[i] = kind == 0 ? Float.NaN : kind == 1 ? -0f : kind == 2 ? 0f : kind == 3 ? Float.NEGATIVE_INFINITY
          : (float) random.nextGaussian();
    }
    return v;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 15, 16, 17, 33, 64, 100, 257})
  void elementWiseLoopsMatchThePlainOnes(int n) {
    Random random = new Random(n);
    float[] x = values(random, n + 5);
    float[] acc = values(random, n + 3);
    float[] a = acc.clone();
    float[] b = acc.clone();
    Simd.lines().max(a, 3, x, 5, n);
    PLAIN.max(b, 3, x, 5, n);
    assertArrayEquals(b, a);
    Simd.lines().add(a, 1, x, 2, n);
    PLAIN.add(b, 1, x, 2, n);
    assertArrayEquals(b, a);
    Simd.lines().scale(a, 2, n, 1f / 9);
    PLAIN.scale(b, 2, n, 1f / 9);
    assertArrayEquals(b, a);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 16, 24, 40, 96})
  void windowsAndRowSweepsMatchCopyThenReduce(int n) {
    Random random = new Random(100 + n);
    for (int count = 1; count <= 4; count++) {
      int step = n + random.nextInt(3);
      float[] src = values(random, 2 + count * step + n);
      for (boolean average : new boolean[] {false, true}) {
        float[] a = new float[n + 4];
        float[] b = new float[n + 4];
        Simd.lines().window(a, 4, src, 2, count, step, n, average, 1f / (3 * count));
        // the definition: a copy of the first run, each further run reduced into it, then the scale
        System.arraycopy(src, 2, b, 4, n);
        for (int k = 1; k < count; k++) {
          for (int i = 0; i < n; i++) {
            float v = src[2 + k * step + i];
            b[4 + i] = average ? b[4 + i] + v : Math.max(b[4 + i], v);
          }
        }
        // the row sweep is the same reduction, unscaled
        float[] swept = new float[n];
        Simd.lines().rows(swept, src, 2, step, count, n, average);
        assertArrayEquals(java.util.Arrays.copyOfRange(b, 4, 4 + n), swept, "rows, count " + count + " " + average);
        if (average) {
          for (int i = 0; i < n; i++) {
            b[4 + i] *= 1f / (3 * count);
          }
        }
        assertArrayEquals(b, a, "count " + count + (average ? " average" : " max"));
      }
    }
  }

  /** Whole output rows: windows clipped at both edges (SAME-like {@code left}) and whole ones. */
  @ParameterizedTest
  @ValueSource(ints = {1, 5, 16, 24, 40, 96})
  void outputRowsMatchOneWindowPerPixel(int n) {
    Random random = new Random(300 + n);
    for (int pool = 1; pool <= 4; pool++) {
      for (int step = 1; step <= 3; step++) {
        for (int left = 0; left < pool; left++) {
          int width = 7 + random.nextInt(5);
          int outWidth = (width + left + step - 1) / step;
          float[] src = values(random, width * n);
          for (boolean average : new boolean[] {false, true}) {
            float[] a = new float[outWidth * n + 2];
            float[] b = new float[outWidth * n + 2];
            Simd.lines().windows(a, 2, src, outWidth, step, left, pool, width, n, average, 3);
            for (int ox = 0; ox < outWidth; ox++) {
              int x0 = Math.max(ox * step - left, 0);
              int x1 = Math.min(ox * step - left + pool, width);
              PLAIN.window(b, 2 + ox * n, src, x0 * n, x1 - x0, n, n, average, 1f / (3 * (x1 - x0)));
            }
            assertArrayEquals(b, a, "pool " + pool + " step " + step + " left " + left + (average ? " avg" : " max"));
          }
        }
      }
    }
  }
}
