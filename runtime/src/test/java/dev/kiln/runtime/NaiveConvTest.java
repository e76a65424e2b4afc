package dev.kiln.runtime;

import dev.kiln.dsl.Activations;
import dev.kiln.dsl.Padding;
import dev.kiln.shape.ActivationFunction;
import dev.kiln.shape.Conv2DRule;
import dev.kiln.shape.Conv2DTransposeRule;
import dev.kiln.shape.ConvWindow;
import dev.kiln.shape.DenseRule;
import dev.kiln.shape.DepthwiseConv2DRule;
import dev.kiln.shape.SeparableConv2DRule;
import dev.kiln.shape.Size2;
import dev.kiln.shape.TensorShape;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The convolution-like kernels against {@link Naive} on random configurations (fixed seeds): odd and
 * even sizes, non-square kernels, strides, dilation, SAME and VALID, channel counts around the vector
 * widths. Tolerance as in {@link NaiveCheck}.
 */
class NaiveConvTest {

  static IntStream seeds() {
    return IntStream.range(0, 40);
  }

  /** A window that fits {@code h x w}, with strides or dilation (never both, as Keras 3 requires). */
  static ConvWindow window(Random r, int h, int w) {
    int[] k = {1 + r.nextInt(Math.min(4, h)), 1 + r.nextInt(Math.min(4, w))};
    boolean dilate = r.nextInt(3) == 0;
    int[] s = dilate ? new int[] {1, 1} : new int[] {1 + r.nextInt(3), 1 + r.nextInt(3)};
    int[] d = dilate ? new int[] {1 + r.nextInt(2), 1 + r.nextInt(2)} : new int[] {1, 1};
    if ((k[0] - 1) * d[0] + 1 > h || (k[1] - 1) * d[1] + 1 > w) {
      d = new int[] {1, 1};
    }
    return new ConvWindow(k, s, r.nextBoolean() ? Padding.SAME : Padding.VALID, d);
  }

  static final int[] CHANNELS = {1, 2, 3, 5, 8, 16, 17, 33};

  static ActivationFunction activation(Random r) {
    Activations[] pick = {Activations.LINEAR, Activations.RELU, Activations.TANH, Activations.SOFTMAX};
    return ActivationFunction.of(pick[r.nextInt(pick.length)]);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void conv2d(int seed) {
    Random r = new Random(seed);
    int h = 1 + r.nextInt(12);
    int w = 1 + r.nextInt(12);
    int c = CHANNELS[r.nextInt(CHANNELS.length)];
    int f = CHANNELS[r.nextInt(CHANNELS.length)] + r.nextInt(40);
    ConvWindow win = window(r, h, w);
    ActivationFunction act = activation(r);
    boolean bias = r.nextBoolean();
    Conv2DRule rule = new Conv2DRule(f, win, act, bias);
    NaiveCheck.check("conv2d", new int[] {h, w, c}, rule, seed, (x, wt) -> {
      TensorShape out = CaseModels.model("m", new int[] {h, w, c}, rule).outputShape();
      Size2 k = win.kernel();
      double[] y = Naive.conv(x, h, w, c, NaiveCheck.d(wt.get("layer1", "kernel")),
          bias ? NaiveCheck.d(wt.get("layer1", "bias")) : null, k.height(), k.width(), f, win.stride().height(),
          win.stride().width(), win.dilation().height(), win.dilation().width(), win.padding() == Padding.SAME,
          out.height(), out.width());
      return Naive.activation(y, act.function().name().toLowerCase(), 0, Double.POSITIVE_INFINITY, 0, f);
    });
  }

  /** Column counts that pick each micro-kernel block width (8, 24, L, 2L and partial blocks). */
  @ParameterizedTest(name = "filters {0}")
  @org.junit.jupiter.params.provider.ValueSource(ints = {1, 3, 8, 16, 24, 32, 40, 48, 56, 64, 72, 100})
  void conv2dBlockWidths(int filters) {
    ConvWindow win = new ConvWindow(new int[] {3, 2}, new int[] {1}, Padding.SAME, new int[] {1});
    Conv2DRule rule = new Conv2DRule(filters, win, ActivationFunction.of(Activations.RELU), true);
    int[] input = {7, 5, 16};
    NaiveCheck.check("conv2d", input, rule, filters, (x, wt) -> Naive.activation(
        Naive.conv(x, 7, 5, 16, NaiveCheck.d(wt.get("layer1", "kernel")), NaiveCheck.d(wt.get("layer1", "bias")), 3,
            2, filters, 1, 1, 1, 1, true, 7, 5), "relu", 0, Double.POSITIVE_INFINITY, 0, filters));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void depthwiseAndSeparable(int seed) {
    Random r = new Random(seed);
    int h = 1 + r.nextInt(12);
    int w = 1 + r.nextInt(12);
    int c = CHANNELS[r.nextInt(CHANNELS.length)];
    int m = 1 + r.nextInt(3);
    ConvWindow win = window(r, h, w);
    boolean bias = r.nextBoolean();
    boolean relu = r.nextBoolean();
    ActivationFunction act = ActivationFunction.of(relu ? Activations.RELU : Activations.LINEAR);
    String a = relu ? "relu" : "linear";
    Size2 k = win.kernel();
    DepthwiseConv2DRule depthwise = new DepthwiseConv2DRule(win, m, act, bias);
    NaiveCheck.check("depthwise", new int[] {h, w, c}, depthwise, seed, (x, wt) -> {
      TensorShape out = CaseModels.model("m", new int[] {h, w, c}, depthwise).outputShape();
      double[] y = Naive.depthwise(x, h, w, c, NaiveCheck.d(wt.get("layer1", "kernel")),
          bias ? NaiveCheck.d(wt.get("layer1", "bias")) : null, k.height(), k.width(), m, win.stride().height(),
          win.stride().width(), win.dilation().height(), win.dilation().width(), win.padding() == Padding.SAME,
          out.height(), out.width());
      return Naive.activation(y, a, 0, Double.POSITIVE_INFINITY, 0, c * m);
    });
    int f = CHANNELS[r.nextInt(CHANNELS.length)];
    SeparableConv2DRule separable = new SeparableConv2DRule(f, win, m, act, bias);
    NaiveCheck.check("separable", new int[] {h, w, c}, separable, seed, (x, wt) -> {
      TensorShape out = CaseModels.model("m", new int[] {h, w, c}, separable).outputShape();
      double[] mid = Naive.depthwise(x, h, w, c, NaiveCheck.d(wt.get("layer1", "depthwise_kernel")), null,
          k.height(), k.width(), m, win.stride().height(), win.stride().width(), win.dilation().height(),
          win.dilation().width(), win.padding() == Padding.SAME, out.height(), out.width());
      double[] y = Naive.conv(mid, out.height(), out.width(), c * m, NaiveCheck.d(wt.get("layer1", "pointwise_kernel")),
          bias ? NaiveCheck.d(wt.get("layer1", "bias")) : null, 1, 1, f, 1, 1, 1, 1, false, out.height(), out.width());
      return Naive.activation(y, a, 0, Double.POSITIVE_INFINITY, 0, f);
    });
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void conv2dTranspose(int seed) {
    Random r = new Random(seed);
    int h = 1 + r.nextInt(7);
    int w = 1 + r.nextInt(7);
    int c = CHANNELS[r.nextInt(CHANNELS.length)];
    int f = CHANNELS[r.nextInt(CHANNELS.length)];
    ConvWindow win = window(r, 5, 5);
    Size2 s = win.stride();
    int[] op = r.nextBoolean() ? new int[0] : new int[] {r.nextInt(s.height()), r.nextInt(s.width())};
    boolean bias = r.nextBoolean();
    Conv2DTransposeRule rule = new Conv2DTransposeRule(f, win, op, ActivationFunction.LINEAR, bias);
    int[] input = {h, w, c};
    if (!valid(input, rule)) {
      return;
    }
    NaiveCheck.check("conv2dTranspose", input, rule, seed, (x, wt) -> {
      TensorShape out = CaseModels.model("m", input, rule).outputShape();
      Size2 k = win.kernel();
      return Naive.transpose(x, h, w, c, NaiveCheck.d(wt.get("layer1", "kernel")),
          bias ? NaiveCheck.d(wt.get("layer1", "bias")) : null, k.height(), k.width(), f, s.height(), s.width(),
          win.dilation().height(), win.dilation().width(), win.padding() == Padding.SAME, rule.outputPadding(0),
          rule.outputPadding(1), out.height(), out.width());
    });
  }

  private static boolean valid(int[] input, dev.kiln.shape.LayerRule rule) {
    try {
      CaseModels.model("m", input, rule);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void dense(int seed) {
    Random r = new Random(seed);
    int features = CHANNELS[r.nextInt(CHANNELS.length)] + r.nextInt(20);
    int units = 1 + r.nextInt(70);
    int[] input = r.nextBoolean() ? new int[] {features} : new int[] {1 + r.nextInt(4), 1 + r.nextInt(4), features};
    boolean bias = r.nextBoolean();
    ActivationFunction act = activation(r);
    DenseRule rule = new DenseRule(units, act, bias);
    int rows = TensorShape.of(input).size() / features;
    NaiveCheck.check("dense", input, rule, seed, (x, wt) -> {
      double[] y = Naive.conv(x, rows, 1, features, NaiveCheck.d(wt.get("layer1", "kernel")),
          bias ? NaiveCheck.d(wt.get("layer1", "bias")) : null, 1, 1, units, 1, 1, 1, 1, false, rows, 1);
      return Naive.activation(y, act.function().name().toLowerCase(), 0, Double.POSITIVE_INFINITY, 0, units);
    });
  }
}
