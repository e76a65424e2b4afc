package dev.kiln.runtime;

import dev.kiln.dsl.Activations;
import dev.kiln.dsl.Padding;
import dev.kiln.shape.ActivationFunction;
import dev.kiln.shape.ConvWindow;
import dev.kiln.shape.DepthwiseConv2DRule;
import dev.kiln.shape.TensorShape;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The depthwise loops on the layers real networks use (3x3 and 5x5, stride 1 and 2, channel counts
 * around the vector width, fused ReLU6) and with explicit asymmetric padding (a folded
 * {@code ZeroPadding2D}), against {@link Naive} on both paths. Tolerance as in {@link NaiveCheck}.
 */
class DepthwiseKernelTest {

  static Stream<Arguments> layers() {
    Stream.Builder<Arguments> all = Stream.builder();
    int seed = 0;
    for (int k : new int[] {3, 5}) {
      for (int s : new int[] {1, 2}) {
        for (int c : new int[] {16, 17, 40, 64}) {
          for (int size : new int[] {7, 8, 13}) {
            all.add(Arguments.of(k, s, c, size, seed++ % 2 == 0 ? Padding.SAME : Padding.VALID));
          }
        }
      }
    }
    return all.build();
  }

  /** ReLU with {@code maxValue = 6}: the clamp the kernel applies on its accumulators. */
  private static final ActivationFunction RELU6 = new ActivationFunction(Activations.RELU, 0, 6, 0);

  @ParameterizedTest(name = "{0}x{0} stride {1}, {2} channels, {3}x{3}, {4}")
  @MethodSource("layers")
  void matchesNaive(int k, int s, int c, int size, Padding padding) {
    ConvWindow win = new ConvWindow(new int[] {k}, new int[] {s}, padding, new int[] {1});
    DepthwiseConv2DRule rule = new DepthwiseConv2DRule(win, 1, RELU6, true);
    NaiveCheck.check("depthwise", new int[] {size, size, c}, rule, 31L * k + c + size, (x, wt) -> {
      TensorShape out = CaseModels.model("m", new int[] {size, size, c}, rule).outputShape();
      double[] y = Naive.depthwise(x, size, size, c, NaiveCheck.d(wt.get("layer1", "kernel")),
          NaiveCheck.d(wt.get("layer1", "bias")), k, k, 1, s, s, 1, 1, padding == Padding.SAME, out.height(),
          out.width());
      return Naive.activation(y, "relu", 0, 6, 0, c);
    });
  }

  static Stream<Arguments> pads() {
    return Stream.of(Arguments.of(3, 2, new int[] {0, 1, 0, 1}), Arguments.of(3, 2, new int[] {1, 0, 0, 1}),
        Arguments.of(3, 1, new int[] {2, 0, 1, 3}), Arguments.of(5, 2, new int[] {1, 2, 2, 1}),
        Arguments.of(5, 1, new int[] {0, 0, 4, 0}));
  }

  @ParameterizedTest(name = "{0}x{0} stride {1}, pads {2}")
  @MethodSource("pads")
  void explicitPaddingMatchesAZeroPaddedInput(int k, int s, int[] pads) {
    explicitPadding(k, s, pads, 9, 10, 33);
  }

  /**
   * Whole vectors of channels (the register-tiled 3x3 interior, {@code Depthwise3x3}) with widths
   * that leave every remainder of its 4-pixel blocks, interiors of 0 to 11 pixels, asymmetric pads and
   * stride 2 across with stride 1 down.
   */
  static Stream<Arguments> tiled() {
    Stream.Builder<Arguments> all = Stream.builder();
    int[][] pads = {{1, 1, 1, 1}, {0, 1, 0, 1}, {0, 0, 0, 0}, {2, 0, 0, 2}, {0, 2, 3, 0}};
    for (int[] p : pads) {
      for (int w : new int[] {3, 4, 5, 6, 7, 8, 9, 12, 13}) {
        for (int s : new int[] {1, 2, -2}) {
          all.add(Arguments.of(3, s, p, w, 32));
        }
      }
    }
    all.add(Arguments.of(3, 1, new int[] {1, 1, 1, 1}, 14, 96));
    all.add(Arguments.of(5, 2, new int[] {1, 2, 2, 1}, 11, 48));
    return all.build();
  }

  @ParameterizedTest(name = "{0}x{0} stride {1}, pads {2}, width {3}, {4} channels")
  @MethodSource("tiled")
  void wholeVectorsOfChannelsMatchAZeroPaddedInput(int k, int s, int[] pads, int w, int c) {
    explicitPadding(k, s, pads, 6, w, c);
  }

  /**
   * Every path of the vector loops: kernels 1 to 7, strides 1 and 2, dilation 2, asymmetric pads
   * (SAME's for even kernels, a folded {@code ZeroPadding2D}'s), pads wider than the kernel reaches
   * (rows and columns with no tap inside), images smaller than the kernel, 1-pixel outputs, widths
   * with 8- and 4-pixel blocks and single pixels left, channels of 1, 2, 3 and 5 vectors plus a rest.
   */
  static Stream<Arguments> everyPath() {
    Stream.Builder<Arguments> all = Stream.builder();
    int[][] pads = {{0, 0, 0, 0}, {1, 1, 1, 1}, {0, 1, 0, 1}, {2, 1, 3, 0}, {3, 3, 3, 3}};
    int i = 0;
    for (int k = 1; k <= 7; k++) {
      for (int s : new int[] {1, 2, -2}) {
        for (int d : new int[] {1, 2}) {
          for (int[] p : pads) {
            int[][] sizes = {{9, 23}, {2, 3}, {1, 1}};
            int[] size = sizes[i % sizes.length];
            int c = new int[] {16, 33, 80, 48}[i % 4];
            i++;
            if (size[0] + p[0] + p[1] >= (k - 1) * d + 1 && size[1] + p[2] + p[3] >= (k - 1) * d + 1) {
              all.add(Arguments.of(k, s, d, p, size[0], size[1], c));
            }
          }
        }
      }
    }
    return all.build();
  }

  @ParameterizedTest(name = "{0}x{0} stride {1} dilation {2}, pads {3}, {4}x{5}x{6}")
  @MethodSource("everyPath")
  void everyKernelSizeStrideDilationAndPadMatchesAZeroPaddedInput(int k, int s, int d, int[] pads, int h, int w,
      int c) {
    explicitPadding(k, s, d, pads, h, w, c);
  }

  private static void explicitPadding(int k, int s, int[] pads, int h, int w, int c) {
    explicitPadding(k, s, 1, pads, h, w, c);
  }

  /** Strides {@code s} both ways unless {@code s} is negative: then {@code -s} across and 1 down. */
  private static void explicitPadding(int k, int s, int d, int[] pads, int h, int w, int c) {
    Random random = new Random(k * 7L + s + 131L * w + c);
    float[] x = new float[h * w * c];
    float[] kernel = new float[k * k * c];
    float[] bias = new float[c];
    for (float[] a : new float[][] {x, kernel, bias}) {
      for (int i = 0; i < a.length; i++) {
        a[i] = random.nextFloat() * 2 - 1;
      }
    }
    int ph = h + pads[0] + pads[1];
    int pw = w + pads[2] + pads[3];
    double[] padded = new double[ph * pw * c];
    for (int y = 0; y < h; y++) {
      for (int xx = 0; xx < w; xx++) {
        for (int i = 0; i < c; i++) {
          padded[((y + pads[0]) * pw + xx + pads[2]) * c + i] = x[(y * w + xx) * c + i];
        }
      }
    }
    int sh = s < 0 ? 1 : s;
    int sw = Math.abs(s);
    int dk = (k - 1) * d + 1;
    int oh = (ph - dk) / sh + 1;
    int ow = (pw - dk) / sw + 1;
    double[] y = Naive.depthwise(padded, ph, pw, c, NaiveCheck.d(kernel), NaiveCheck.d(bias), k, k, 1, sh, sw, d, d,
        false, oh, ow);
    float[] expected = new float[y.length];
    for (int i = 0; i < y.length; i++) {
      expected[i] = (float) y[i];
    }
    ConvWindow win = new ConvWindow(new int[] {k, k}, new int[] {sh, sw}, Padding.VALID, new int[] {d, d});
    Depthwise.Geometry g = new Depthwise.Geometry(h, w, c, 1, oh, ow, k, k, sh, sw, d, d, pads[0], pads[2]);
    for (Depthwise loops : new Depthwise[] {new ScalarDepthwise(), Simd.depthwise()}) {
      float[] actual = new float[expected.length];
      // two row bands, as a layer split over lanes runs them
      loops.rows(actual, 0, x, 0, g, kernel, bias, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 0, oh / 2);
      loops.rows(actual, (oh / 2) * ow * c, x, 0, g, kernel, bias, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY,
          oh / 2, oh);
      Compare.assertClose("pads " + java.util.Arrays.toString(pads) + " " + loops.getClass().getSimpleName(),
          expected, actual, 1e-5 * Compare.scale(expected), 1e-4);
    }
    DepthwiseConv2DKernel layer = new DepthwiseConv2DKernel(win, 1, TensorShape.image(h, w, c),
        TensorShape.image(oh, ow, c), kernel, bias, ActivationFunction.LINEAR, 0, pads);
    float[] whole = new float[expected.length];
    layer.run(whole, 0, x, 0, null, null, 0, oh);
    Compare.assertClose("kernel with pads", expected, whole, 1e-5 * Compare.scale(expected), 1e-4);
  }
}
