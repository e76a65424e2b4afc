package dev.kiln.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kiln.dsl.Activations;
import dev.kiln.dsl.Padding;
import dev.kiln.shape.ActivationFunction;
import dev.kiln.shape.Conv2DRule;
import dev.kiln.shape.ConvWindow;
import dev.kiln.shape.Edges;
import dev.kiln.shape.TensorShape;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Convolutions split by output channels ({@link Conv2DKernel} with weights beyond 128 Ki floats and a
 * clamp activation), whose column blocks are cut into runs of pixels so the items are a multiple of
 * the lanes: every item alone, in reverse, and every pair of ranges two lanes could take give bit
 * for bit what one call of all items gives, for 1 to 4 lanes, odd and even block counts, a narrow
 * last block, SAME padding (1x7 and 7x1, InceptionV3's 17x17 stage), a fused residual, and fewer
 * tiles than runs; the whole layer also matches {@link Naive}.
 */
class ColumnSplitConvTest {

  /** (height, width, channels, filters, kh, kw). */
  static Stream<Arguments> layers() {
    return Stream.of(Arguments.of(17, 17, 192, 192, 1, 7),
        Arguments.of(17, 17, 160, 160, 7, 1),
        Arguments.of(8, 8, 1280, 320, 1, 1),
        Arguments.of(7, 7, 512, 136, 3, 3),
        Arguments.of(1, 2, 2048, 192, 1, 1));
  }

  @ParameterizedTest(name = "{0}x{1}x{2} -> {3}, {4}x{5}")
  @MethodSource("layers")
  void everySplitEqualsTheWholeLayer(int h, int w, int c, int f, int kh, int kw) {
    assumeTrue(Simd.vectorAvailable(), "only the vector GEMM computes column ranges");
    Random random = new Random(31L * h + 7L * c + f + kh);
    float[] x = values(random, h * w * c);
    Map<String, float[]> tensors = new HashMap<>();
    tensors.put("kernel", values(random, kh * kw * c * f));
    tensors.put("bias", values(random, f));
    float[] residual = values(random, h * w * f);
    ConvWindow window = new ConvWindow(new int[] {kh, kw}, new int[] {1, 1}, Padding.SAME, new int[] {1, 1});
    ActivationFunction relu = ActivationFunction.of(Activations.RELU);
    Conv2DRule rule = new Conv2DRule(f, window, relu, true);
    TensorShape output = TensorShape.image(h, w, f);
    for (boolean add : new boolean[] {false, true}) {
      Fusion fusion = new Fusion(relu, new Edges(0, 0, 0, 0), TensorShape.image(h, w, c), add);
      float[] reference = null;
      for (int lanes = 1; lanes <= 4; lanes++) {
        Conv2DKernel layer = new Conv2DKernel(rule, output, tensors, Simd.best(), 0, fusion,
            PaddedBand.BUDGET_FLOATS, lanes);
        int items = layer.items();
        int blocks = (f + 63) / 64;
        int tiles = (h * w + Simd.best().tilePixels() - 1) / Simd.best().tilePixels();
        assertEquals(0, items % blocks, "items are whole blocks of runs: " + items);
        if (items / blocks < tiles) {
          assertEquals(0, items % lanes, "items a multiple of " + lanes + " lanes: " + items);
        }
        float[] shared = new float[layer.sharedFloats()];
        float[] local = new float[layer.localFloats()];
        layer.prepare(x, 0, shared);
        float[] whole = run(layer, h * w * f, x, add ? residual : null, shared, local, new int[] {0, items});
        if (reference == null) {
          reference = whole;
          double[] sums = Naive.conv(NaiveCheck.d(x), h, w, c, NaiveCheck.d(tensors.get("kernel")),
              NaiveCheck.d(tensors.get("bias")), kh, kw, f, 1, 1, 1, 1, true, h, w);
          float[] expected = new float[sums.length];
          for (int i = 0; i < sums.length; i++) {
            expected[i] = (float) Math.max(sums[i] + (add ? residual[i] : 0), 0);
          }
          Compare.assertClose("whole layer, residual " + add, expected, whole, 1e-5 * Compare.scale(expected), 1e-4);
        }
        assertArrayEquals(reference, whole, "all items at once, " + lanes + " lanes vs 1, residual " + add);
        int[] reversed = new int[2 * items];
        for (int i = 0; i < items; i++) {
          reversed[2 * i] = items - 1 - i;
          reversed[2 * i + 1] = items - i;
        }
        assertArrayEquals(reference, run(layer, h * w * f, x, add ? residual : null, shared, local, reversed),
            "each item alone, in reverse, " + lanes + " lanes");
        for (int cut = 1; cut < items; cut++) {
          assertArrayEquals(reference, run(layer, h * w * f, x, add ? residual : null, shared, local,
              new int[] {cut, items, 0, cut}), "items [0, " + cut + ") and [" + cut + ", " + items + ")");
        }
      }
    }
  }

  @Test
  void runsMakeTheItemsAMultipleOfTheLanes() {
    assertEquals(1, Conv2DKernel.pixelParts(3, 1, 49));
    assertEquals(2, Conv2DKernel.pixelParts(3, 2, 49));
    assertEquals(1, Conv2DKernel.pixelParts(4, 2, 49));
    assertEquals(4, Conv2DKernel.pixelParts(3, 4, 49));
    assertEquals(2, Conv2DKernel.pixelParts(6, 4, 49));
    assertEquals(3, Conv2DKernel.pixelParts(5, 3, 49));
    assertEquals(1, Conv2DKernel.pixelParts(5, 3, 1), "never more runs than tiles");
  }

  /** Runs the item ranges {@code {from, to, from, to, ...}} in order into a NaN-filled output. */
  private static float[] run(Conv2DKernel layer, int floats, float[] x, float[] residual, float[] shared,
      float[] local, int[] ranges) {
    float[] out = new float[floats];
    Arrays.fill(out, Float.NaN);
    for (int i = 0; i < ranges.length; i += 2) {
      if (residual == null) {
        layer.run(out, 0, x, 0, shared, local, ranges[i], ranges[i + 1]);
      } else {
        layer.runWithResidual(out, 0, x, 0, residual, 0, shared, local, ranges[i], ranges[i + 1]);
      }
    }
    return out;
  }

  private static float[] values(Random random, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = random.nextFloat() * 2 - 1;
    }
    return a;
  }
}
