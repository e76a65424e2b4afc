package dev.kiln.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.kiln.dsl.Activations;
import dev.kiln.dsl.Padding;
import dev.kiln.shape.ActivationFunction;
import dev.kiln.shape.Conv2DRule;
import dev.kiln.shape.ConvWindow;
import dev.kiln.shape.TensorShape;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The narrow layers' GEMM path ({@code NarrowDot}: 16-pixel blocks, per-pixel dot products for taps
 * that are not whole vectors) against {@link ScalarGemm}, and whole one-layer convolutions against
 * {@link Naive}: 1 to 4 and 8 columns, channels that are and are not multiples of 16, SAME and VALID,
 * strides, dilation, pixel counts that are not whole blocks, the fused residual, linear, ReLU and
 * ReLU6. Any split of the pixels gives the same bits as the whole range, since each output's sum does
 * not depend on where its pixel falls in a block. Without the Vector API module both sides are scalar.
 */
class NarrowDotTest {

  /** (outHeight, outWidth, channels, kernel (0: Dense rows), stride, dilation, columns). */
  static Stream<Arguments> shapes() {
    return Stream.of(Arguments.of(28, 28, 16, 3, 1, 1, 1), // the denoiser's last layer
        Arguments.of(5, 7, 16, 3, 1, 1, 1), // 35 pixels: two blocks and 3
        Arguments.of(4, 4, 32, 3, 2, 1, 1), // 16 pixels, strided
        Arguments.of(6, 5, 16, 3, 1, 2, 2), // dilated
        Arguments.of(3, 11, 48, 2, 1, 1, 3), Arguments.of(9, 7, 16, 1, 1, 1, 4), Arguments.of(7, 7, 16, 3, 1, 1, 8),
        Arguments.of(1, 1, 64, 3, 1, 1, 1), // one pixel
        Arguments.of(5, 6, 24, 3, 1, 1, 1), // taps of a vector and a half
        Arguments.of(4, 3, 17, 3, 2, 1, 2), Arguments.of(3, 5, 40, 1, 1, 1, 3),
        Arguments.of(1, 21, 160, 0, 1, 1, 1), // Dense(1) on 21 rows
        Arguments.of(1, 5, 37, 0, 1, 1, 4), Arguments.of(2, 9, 8, 3, 1, 1, 1)); // channels under a vector
  }

  private static final float[][] CLAMPS = {{Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY},
      {0f, Float.POSITIVE_INFINITY}, {0f, 6f}};

  @ParameterizedTest(name = "{0}x{1}x{2} k{3} s{4} d{5} -> {6}")
  @MethodSource("shapes")
  void matchesScalar(int h, int w, int c, int kernel, int stride, int dilation, int n) {
    Random random = new Random(7L * c + 13L * n + h);
    int rows = kernel == 0 ? w : h * w;
    int taps = kernel == 0 ? 1 : kernel * kernel;
    Gemm.Geometry g;
    int inFloats;
    if (kernel == 0) {
      g = Gemm.Geometry.matrix(c);
      inFloats = rows * c;
    } else {
      int inH = (h - 1) * stride + (kernel - 1) * dilation + 1;
      int inW = (w - 1) * stride + (kernel - 1) * dilation + 1;
      int[] offsets = new int[taps];
      for (int t = 0; t < taps; t++) {
        offsets[t] = ((t / kernel) * dilation * inW + t % kernel * dilation) * c;
      }
      g = Gemm.Geometry.of(w, stride * inW * c, stride * c, offsets, c);
      inFloats = inH * inW * c;
    }
    // the image starts at an offset, as a batch's second example does
    int inOff = 3 * c;
    float[] in = fill(new float[inOff + inFloats], random);
    float[] matrix = fill(new float[taps * c * n], random);
    float[] bias = fill(new float[n], random);
    float[] residual = fill(new float[rows * n], random);
    Gemm scalar = Simd.scalar();
    Gemm best = Simd.best();
    Gemm.Packed ws = scalar.pack(matrix, bias, taps * c, n);
    Gemm.Packed wb = best.pack(matrix, bias, taps * c, n);
    float[] local = new float[Math.max(1, best.localFloats(n))];
    double abs = 1e-5 * Math.sqrt(taps * c);
    for (float[] clamp : CLAMPS) {
      String what = "clamp " + clamp[0] + ".." + clamp[1];
      float[] expected = new float[rows * n];
      scalar.run(expected, 0, in, inOff, g, ws, clamp[0], clamp[1], 0, rows, null);
      // one lane, with a guard float on either side: nothing is written outside [p0, p1)
      float[] whole = new float[rows * n + 2];
      whole[0] = 42;
      whole[rows * n + 1] = 42;
      best.run(whole, 1, in, inOff, g, wb, clamp[0], clamp[1], 0, rows, local);
      if (whole[0] != 42 || whole[rows * n + 1] != 42) {
        throw new AssertionError(what + ": wrote outside its pixels");
      }
      float[] one = Arrays.copyOfRange(whole, 1, rows * n + 1);
      Compare.assertClose(what, expected, one, abs, 1e-5);
      // two lanes as Conv2DKernel splits them (whole tiles), and a split inside a block
      int tile = best.tilePixels();
      int half = ((rows + tile - 1) / tile + 1) / 2 * tile;
      for (int split : new int[] {Math.min(rows, half), rows / 3}) {
        float[] two = new float[rows * n];
        best.run(two, 0, in, inOff, g, wb, clamp[0], clamp[1], 0, split, local);
        best.run(two, split * n, in, inOff, g, wb, clamp[0], clamp[1], split, rows, local);
        assertArrayEquals(one, two, what + ": pixels split at " + split);
      }
      float[] expectedSum = new float[rows * n];
      scalar.runResidual(expectedSum, 0, in, inOff, g, ws, residual, 0, clamp[0], clamp[1], 0, rows, null);
      float[] sum = new float[rows * n];
      best.runResidual(sum, 0, in, inOff, g, wb, residual, 0, clamp[0], clamp[1], 0, rows, local);
      Compare.assertClose(what + " residual", expectedSum, sum, abs, 1e-5);
    }
  }

  /** (height, width, channels, kernel, stride, dilation, SAME, filters) as whole Conv2D layers. */
  static Stream<Arguments> layers() {
    return Stream.of(Arguments.of(28, 28, 16, 3, 1, 1, true, 1), Arguments.of(9, 7, 16, 3, 1, 1, false, 1),
        Arguments.of(11, 9, 32, 3, 2, 1, true, 2), Arguments.of(10, 10, 16, 3, 1, 2, true, 3),
        Arguments.of(8, 13, 24, 3, 1, 1, true, 4), Arguments.of(7, 7, 16, 3, 1, 1, true, 8),
        Arguments.of(6, 9, 48, 2, 2, 1, false, 1));
  }

  @ParameterizedTest(name = "{0}x{1}x{2} k{3} s{4} d{5} same {6} -> {7}")
  @MethodSource("layers")
  void conv2dMatchesNaive(int h, int w, int c, int kernel, int stride, int dilation, boolean same, int filters) {
    ConvWindow win = new ConvWindow(new int[] {kernel}, new int[] {stride}, same ? Padding.SAME : Padding.VALID,
        new int[] {dilation});
    Activations act = filters == 8 ? Activations.RELU6 : filters % 2 == 0 ? Activations.RELU : Activations.LINEAR;
    Conv2DRule rule = new Conv2DRule(filters, win, ActivationFunction.of(act), true);
    NaiveCheck.check("conv2d", new int[] {h, w, c}, rule, 31L * filters + c, (x, wt) -> {
      TensorShape out = CaseModels.model("m", new int[] {h, w, c}, rule).outputShape();
      double[] y = Naive.conv(x, h, w, c, NaiveCheck.d(wt.get("layer1", "kernel")),
          NaiveCheck.d(wt.get("layer1", "bias")), kernel, kernel, filters, stride, stride, dilation, dilation, same,
          out.height(), out.width());
      return Naive.activation(y, act.name().toLowerCase(), 0, Double.POSITIVE_INFINITY, 0, filters);
    });
  }

  private static float[] fill(float[] values, Random random) {
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextFloat() * 2 - 1;
    }
    return values;
  }
}
