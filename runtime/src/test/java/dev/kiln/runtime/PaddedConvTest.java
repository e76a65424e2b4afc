package dev.kiln.runtime;

import dev.kiln.dsl.Activations;
import dev.kiln.dsl.Padding;
import dev.kiln.shape.ActivationFunction;
import dev.kiln.shape.Conv2DRule;
import dev.kiln.shape.ConvWindow;
import dev.kiln.shape.Edges;
import dev.kiln.shape.TensorShape;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Padded {@link Conv2DKernel}s ({@link PaddedBand}: each lane pads the rows it reads) against
 * {@link Naive} on an explicitly zero-padded input: kernels 1 to 7 (square, 1x7, 7x1, even), strides
 * 1 and 2, dilation, SAME with its asymmetric pads, folded {@code ZeroPadding2D} pads, images smaller
 * than the kernel and 1-pixel outputs, a residual, on both GEMMs, with bands of one tile up to the
 * whole image and the items split in two ranges as two lanes run them.
 */
class PaddedConvTest {

  /** (kh, kw, stride, dilation, height, width, channels, filters, extra pads top/bottom/left/right, same). */
  static Stream<Arguments> layers() {
    Stream.Builder<Arguments> all = Stream.builder();
    all.add(Arguments.of(3, 3, 1, 1, 9, 11, 16, 24, new int[] {0, 0, 0, 0}, true));
    all.add(Arguments.of(3, 3, 2, 1, 10, 9, 5, 8, new int[] {0, 0, 0, 0}, true));
    all.add(Arguments.of(1, 7, 1, 1, 8, 8, 8, 16, new int[] {0, 0, 0, 0}, true));
    all.add(Arguments.of(7, 1, 1, 1, 8, 8, 8, 16, new int[] {0, 0, 0, 0}, true));
    all.add(Arguments.of(7, 7, 2, 1, 13, 12, 3, 16, new int[] {3, 3, 3, 3}, false));
    all.add(Arguments.of(5, 5, 1, 1, 7, 6, 17, 33, new int[] {0, 0, 0, 0}, true));
    all.add(Arguments.of(2, 2, 1, 1, 6, 7, 4, 8, new int[] {0, 0, 0, 0}, true));
    all.add(Arguments.of(4, 4, 2, 1, 9, 8, 4, 8, new int[] {0, 0, 0, 0}, true));
    all.add(Arguments.of(3, 3, 1, 2, 9, 9, 8, 16, new int[] {0, 0, 0, 0}, true));
    all.add(Arguments.of(3, 3, 2, 1, 8, 8, 16, 32, new int[] {0, 1, 0, 1}, false));
    all.add(Arguments.of(3, 3, 2, 1, 7, 9, 16, 32, new int[] {1, 0, 2, 1}, true));
    all.add(Arguments.of(6, 6, 1, 1, 3, 2, 4, 8, new int[] {0, 0, 0, 0}, true));
    all.add(Arguments.of(5, 5, 2, 1, 1, 1, 8, 16, new int[] {0, 0, 0, 0}, true));
    all.add(Arguments.of(3, 3, 1, 1, 1, 1, 3, 5, new int[] {1, 1, 1, 1}, false));
    all.add(Arguments.of(3, 3, 1, 1, 2, 40, 16, 64, new int[] {0, 0, 0, 0}, true));
    return all.build();
  }

  @ParameterizedTest(name = "{0}x{1} s{2} d{3} {4}x{5}x{6}->{7} pads {8} same {9}")
  @MethodSource("layers")
  void matchesNaiveOnAPaddedInput(int kh, int kw, int s, int d, int h, int w, int c, int f, int[] pads,
      boolean same) {
    Random random = new Random(kh * 1_000L + kw * 100 + s * 10 + d + h * 7 + w * 3 + c);
    float[] x = values(random, h * w * c);
    float[] kernel = values(random, kh * kw * c * f);
    float[] bias = values(random, f);
    float[] residual = null;
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
    int dkh = (kh - 1) * d + 1;
    int dkw = (kw - 1) * d + 1;
    int oh = same ? (ph + s - 1) / s : (ph - dkh) / s + 1;
    int ow = same ? (pw + s - 1) / s : (pw - dkw) / s + 1;
    double[] sums = Naive.conv(padded, ph, pw, c, NaiveCheck.d(kernel), NaiveCheck.d(bias), kh, kw, f, s, s, d, d,
        same, oh, ow);
    residual = values(random, sums.length);
    ConvWindow window = new ConvWindow(new int[] {kh, kw}, new int[] {s, s}, same ? Padding.SAME : Padding.VALID,
        new int[] {d, d});
    Map<String, float[]> tensors = new HashMap<>();
    tensors.put("kernel", kernel);
    tensors.put("bias", bias);
    TensorShape output = TensorShape.image(oh, ow, f);
    for (Activations act : new Activations[] {Activations.RELU, Activations.TANH}) {
      for (boolean add : new boolean[] {false, true}) {
        float[] expected = new float[sums.length];
        for (int i = 0; i < sums.length; i++) {
          double v = sums[i] + (add ? residual[i] : 0);
          expected[i] = (float) (act == Activations.RELU ? Math.max(v, 0) : Math.tanh(v));
        }
        ActivationFunction activation = ActivationFunction.of(act);
        Conv2DRule rule = new Conv2DRule(f, window, activation, true);
        Fusion fusion = new Fusion(activation, new Edges(pads[0], pads[1], pads[2], pads[3]),
            TensorShape.image(h, w, c), add);
        for (Gemm gemm : new Gemm[] {new ScalarGemm(), Simd.best()}) {
          for (int budget : new int[] {1, 600, PaddedBand.BUDGET_FLOATS}) {
            Conv2DKernel layer = new Conv2DKernel(rule, output, tensors, gemm, 0, fusion, budget);
            float[] shared = new float[layer.sharedFloats()];
            float[] local = new float[layer.localFloats()];
            float[] actual = new float[expected.length];
            layer.prepare(x, 0, shared);
            int items = layer.items();
            // two lanes' ranges, the first lane's ending mid-row
            for (int[] range : new int[][] {{0, items / 2}, {items / 2, items}}) {
              if (add) {
                layer.runWithResidual(actual, 0, x, 0, residual, 0, shared, local, range[0], range[1]);
              } else {
                layer.run(actual, 0, x, 0, shared, local, range[0], range[1]);
              }
            }
            Compare.assertClose(act + (add ? " + residual " : " ") + gemm.getClass().getSimpleName() + " band "
                + budget, expected, actual, 1e-5 * Compare.scale(expected), 1e-4);
          }
        }
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
}
