package dev.kiln.runtime;

import dev.kiln.dsl.Activations;
import dev.kiln.dsl.Padding;
import dev.kiln.shape.ActivationFunction;
import dev.kiln.shape.Conv2DRule;
import dev.kiln.shape.ConvWindow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Convolutions whose weights exceed the vector GEMM's L2 budget (128 Ki floats), so they run column
 * blocks outer over bands of pixels: several bands with a partial last tile, partial column blocks,
 * strides 1 and 2, 1x1 and 3x3, against {@link Naive} on both GEMMs, 1 and 2 threads, batch 1 and 2.
 */
class LargeWeightsConvTest {

  /** (height, width, channels, filters, kernel, stride, padding). */
  static Stream<Arguments> layers() {
    return Stream.of(Arguments.of(9, 11, 1024, 192, 1, 1, Padding.VALID),
        Arguments.of(7, 7, 256, 100, 3, 1, Padding.SAME),
        Arguments.of(9, 9, 160, 136, 3, 2, Padding.SAME),
        Arguments.of(5, 13, 2048, 72, 1, 2, Padding.VALID));
  }

  @ParameterizedTest(name = "{0}x{1}x{2} -> {3}, {4}x{4} stride {5} {6}")
  @MethodSource("layers")
  void matchesNaive(int h, int w, int c, int f, int k, int s, Padding padding) {
    ConvWindow win = new ConvWindow(new int[] {k, k}, new int[] {s, s}, padding, new int[] {1, 1});
    Conv2DRule rule = new Conv2DRule(f, win, ActivationFunction.of(Activations.RELU), true);
    NaiveCheck.check("conv2d", new int[] {h, w, c}, rule, 7L * c + f, (x, wt) -> {
      var out = CaseModels.model("m", new int[] {h, w, c}, rule).outputShape();
      return Naive.activation(Naive.conv(x, h, w, c, NaiveCheck.d(wt.get("layer1", "kernel")),
          NaiveCheck.d(wt.get("layer1", "bias")), k, k, f, s, s, 1, 1, padding == Padding.SAME, out.height(),
          out.width()), "relu", 0, Double.POSITIVE_INFINITY, 0, f);
    });
  }
}
