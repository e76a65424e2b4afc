package dev.kiln.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The vector depthwise loops add each pixel's taps in one order on every path (the register-tiled
 * interiors, the edge columns computed from their registers, the rows cut by the top or bottom
 * padding, the single pixels): the bias, then one fused multiply-add per tap inside the image in the
 * order {@code ky * kw + kx}. So with whole vectors of channels they equal, bit for bit, a scalar loop
 * of {@link Math#fma} in that order; a path that reorders or drops a tap shows here even where the
 * tolerance of {@link DepthwiseKernelTest} would hide it.
 */
class DepthwiseOrderTest {

  /** (kernel, stride across, stride down, pads top/bottom/left/right, height, width, channels). */
  static Stream<Arguments> layers() {
    Stream.Builder<Arguments> all = Stream.builder();
    int[][] pads = {{1, 1, 1, 1}, {0, 1, 0, 1}, {1, 0, 1, 0}, {0, 0, 0, 0}, {2, 2, 2, 2}, {0, 2, 2, 0}};
    int i = 0;
    for (int k : new int[] {3, 5}) {
      for (int[] s : new int[][] {{1, 1}, {2, 2}, {2, 1}}) {
        for (int[] p : pads) {
          for (int w : new int[] {1, 2, 3, 4, 5, 6, 7, 9, 12, 14, 17}) {
            int h = new int[] {1, 2, 3, 5, 7, 8}[i % 6];
            int c = new int[] {32, 48, 96}[i % 3];
            i++;
            if (h + p[0] + p[1] >= k && w + p[2] + p[3] >= k) {
              all.add(Arguments.of(k, s[0], s[1], p, h, w, c));
            }
          }
        }
      }
    }
    return all.build();
  }

  @ParameterizedTest(name = "{0}x{0} stride {1} across {2} down, pads {3}, {4}x{5}x{6}")
  @MethodSource("layers")
  void everyPathAddsTheTapsInKernelOrder(int k, int sw, int sh, int[] pads, int h, int w, int c) {
    Depthwise loops = Simd.depthwise();
    assumeFalse(loops instanceof ScalarDepthwise, "the scalar loops multiply and add separately");
    Random random = new Random(k * 1_000_003L + sw * 101L + sh * 7L + h * 31L + w * 17L + c);
    float[] x = values(random, h * w * c);
    float[] kernel = values(random, k * k * c);
    float[] bias = values(random, c);
    int oh = (h + pads[0] + pads[1] - k) / sh + 1;
    int ow = (w + pads[2] + pads[3] - k) / sw + 1;
    Depthwise.Geometry g = new Depthwise.Geometry(h, w, c, 1, oh, ow, k, k, sh, sw, 1, 1, pads[0], pads[2]);
    for (float[] clamp : new float[][] {{Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY}, {0, 0.5f}}) {
      float[] expected = inOrder(x, g, kernel, bias, clamp[0], clamp[1]);
      float[] actual = new float[expected.length];
      // input and output at an offset, in two row bands as lanes run them
      float[] src = new float[x.length + 5];
      System.arraycopy(x, 0, src, 5, x.length);
      float[] dst = new float[actual.length + 3];
      int half = oh / 2;
      loops.rows(dst, 3, src, 5, g, kernel, bias, clamp[0], clamp[1], 0, half);
      loops.rows(dst, 3 + half * ow * c, src, 5, g, kernel, bias, clamp[0], clamp[1], half, oh);
      System.arraycopy(dst, 3, actual, 0, actual.length);
      for (int i = 0; i < expected.length; i++) {
        String at = "output (" + i / c / ow + ", " + i / c % ow + ") channel " + i % c;
        assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(actual[i]), at);
      }
    }
  }

  private static float[] values(Random random, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = random.nextFloat() * 2 - 1;
    }
    return a;
  }

  /** The bias, then {@code Math.fma} per tap inside the image in the order {@code ky * kw + kx}, then the clamp. */
  private static float[] inOrder(float[] x, Depthwise.Geometry g, float[] kernel, float[] bias, float lo, float hi) {
    int c = g.channels();
    float[] out = new float[g.outHeight() * g.outWidth() * c];
    for (int oy = 0; oy < g.outHeight(); oy++) {
      for (int ox = 0; ox < g.outWidth(); ox++) {
        for (int ch = 0; ch < c; ch++) {
          float v = bias[ch];
          for (int ky = 0; ky < g.kernelHeight(); ky++) {
            int iy = oy * g.strideHeight() - g.padTop() + ky;
            for (int kx = 0; kx < g.kernelWidth(); kx++) {
              int ix = ox * g.strideWidth() - g.padLeft() + kx;
              if (iy >= 0 && iy < g.height() && ix >= 0 && ix < g.width()) {
                v = Math.fma(x[(iy * g.width() + ix) * c + ch], kernel[(ky * g.kernelWidth() + kx) * c + ch], v);
              }
            }
          }
          out[(oy * g.outWidth() + ox) * c + ch] = Math.min(Math.max(v, lo), hi);
        }
      }
    }
    return out;
  }
}
