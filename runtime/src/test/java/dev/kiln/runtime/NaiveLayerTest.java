package dev.kiln.runtime;

import dev.kiln.dsl.Activations;
import dev.kiln.dsl.Interpolation;
import dev.kiln.dsl.Padding;
import dev.kiln.shape.ActivationFunction;
import dev.kiln.shape.ActivationRule;
import dev.kiln.shape.BatchNormalizationRule;
import dev.kiln.shape.Cropping2DRule;
import dev.kiln.shape.DropoutRule;
import dev.kiln.shape.FlattenRule;
import dev.kiln.shape.GlobalPooling2DRule;
import dev.kiln.shape.LayerKind;
import dev.kiln.shape.Pooling2DRule;
import dev.kiln.shape.ReshapeRule;
import dev.kiln.shape.TensorShape;
import dev.kiln.shape.UpSampling2DRule;
import dev.kiln.shape.ZeroPadding2DRule;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The layers without GEMMs against {@link Naive} on random shapes (fixed seeds); tolerance as in {@link NaiveCheck}. */
class NaiveLayerTest {

  static IntStream seeds() {
    return IntStream.range(0, 30);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void pooling(int seed) {
    Random r = new Random(seed);
    int h = 1 + r.nextInt(11);
    int w = 1 + r.nextInt(11);
    int c = 1 + r.nextInt(20);
    int[] pool = {1 + r.nextInt(Math.min(3, h)), 1 + r.nextInt(Math.min(3, w))};
    int[] strides = r.nextBoolean() ? new int[0] : new int[] {1 + r.nextInt(3), 1 + r.nextInt(3)};
    boolean same = r.nextBoolean();
    boolean max = r.nextBoolean();
    Pooling2DRule rule = max ? Pooling2DRule.max(pool, strides, same ? Padding.SAME : Padding.VALID)
        : Pooling2DRule.average(pool, strides, same ? Padding.SAME : Padding.VALID);
    NaiveCheck.check(max ? "max" : "average", new int[] {h, w, c}, rule, seed, (x, wt) -> {
      TensorShape out = CaseModels.model("m", new int[] {h, w, c}, rule).outputShape();
      return Naive.pool(x, h, w, c, rule.pool().height(), rule.pool().width(), rule.stride().height(),
          rule.stride().width(), same, max, out.height(), out.width());
    });
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void globalPoolingAndUpsampling(int seed) {
    Random r = new Random(seed);
    int h = 1 + r.nextInt(9);
    int w = 1 + r.nextInt(9);
    int c = 1 + r.nextInt(20);
    boolean max = r.nextBoolean();
    GlobalPooling2DRule global = new GlobalPooling2DRule(
        max ? LayerKind.GLOBAL_MAX_POOLING_2D : LayerKind.GLOBAL_AVERAGE_POOLING_2D, r.nextBoolean());
    NaiveCheck.check("global", new int[] {h, w, c}, global, seed,
        (x, wt) -> Naive.pool(x, h, w, c, h, w, h, w, false, max, 1, 1));
    int fh = 1 + r.nextInt(3);
    int fw = 1 + r.nextInt(3);
    boolean bilinear = r.nextBoolean();
    UpSampling2DRule up = new UpSampling2DRule(new int[] {fh, fw},
        bilinear ? Interpolation.BILINEAR : Interpolation.NEAREST);
    NaiveCheck.check("upsampling", new int[] {h, w, c}, up, seed,
        (x, wt) -> Naive.upsample(x, h, w, c, fh, fw, bilinear));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void paddingCroppingAndBatchNorm(int seed) {
    Random r = new Random(seed);
    int h = 3 + r.nextInt(8);
    int w = 3 + r.nextInt(8);
    int c = 1 + r.nextInt(9);
    int[] e = {r.nextInt(3), r.nextInt(3), r.nextInt(3), r.nextInt(3)};
    NaiveCheck.check("zeropad", new int[] {h, w, c}, new ZeroPadding2DRule(e), seed, (x, wt) -> {
      int oh = h + e[0] + e[1];
      int ow = w + e[2] + e[3];
      double[] y = new double[oh * ow * c];
      for (int p = 0; p < h * w * c; p++) {
        int yy = p / (w * c);
        int xx = p / c % w;
        y[((yy + e[0]) * ow + xx + e[2]) * c + p % c] = x[p];
      }
      return y;
    });
    int[] crop = {r.nextInt(2), r.nextInt(2), r.nextInt(2), r.nextInt(2)};
    NaiveCheck.check("crop", new int[] {h, w, c}, new Cropping2DRule(crop), seed, (x, wt) -> {
      int oh = h - crop[0] - crop[1];
      int ow = w - crop[2] - crop[3];
      double[] y = new double[oh * ow * c];
      for (int p = 0; p < y.length; p++) {
        int yy = p / (ow * c);
        int xx = p / c % ow;
        y[p] = x[((yy + crop[0]) * w + xx + crop[2]) * c + p % c];
      }
      return y;
    });
    boolean center = r.nextBoolean();
    boolean scale = r.nextBoolean();
    double eps = r.nextBoolean() ? 1e-3 : 0.1;
    NaiveCheck.check("batchnorm", new int[] {h, w, c}, new BatchNormalizationRule(eps, 0.99, center, scale), seed,
        (x, wt) -> {
          double[] y = new double[x.length];
          for (int p = 0; p < x.length; p++) {
            int ch = p % c;
            double g = scale ? wt.get("layer1", "gamma")[ch] : 1;
            double b = center ? wt.get("layer1", "beta")[ch] : 0;
            y[p] = (x[p] - wt.get("layer1", "moving_mean")[ch]) / Math.sqrt(wt.get("layer1", "moving_variance")[ch] + eps)
                * g + b;
          }
          return y;
        });
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Activations.class)
  void activations(Activations function) {
    ActivationFunction f = ActivationFunction.of(function);
    String name = function.name().toLowerCase(Locale.ROOT);
    int[] shape = {3, 4, 7};
    NaiveCheck.check(name, shape, new ActivationRule(LayerKind.ACTIVATION, f), function.ordinal(),
        (x, wt) -> Naive.activation(x, name, f.alpha(), f.maxValue(), f.threshold(), 7));
  }

  /** The ReLU, LeakyReLU and ELU layers with non-default parameters. */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void parameterisedActivationLayers(int seed) {
    Random r = new Random(seed);
    double max = r.nextBoolean() ? Double.POSITIVE_INFINITY : 0.5 + r.nextDouble();
    double slope = r.nextBoolean() ? 0 : r.nextDouble();
    double threshold = r.nextBoolean() ? 0 : r.nextDouble() * 0.4;
    int[] shape = {2, 3, 5};
    NaiveCheck.check("relu", shape, new ActivationRule(LayerKind.RELU,
        new ActivationFunction(Activations.RELU, slope, max, threshold)), seed,
        (x, wt) -> Naive.activation(x, "relu", slope, max, threshold, 5));
    NaiveCheck.check("leaky_relu", shape, new ActivationRule(LayerKind.LEAKY_RELU,
        new ActivationFunction(Activations.LEAKY_RELU, slope, Double.POSITIVE_INFINITY, 0)), seed,
        (x, wt) -> Naive.activation(x, "leaky_relu", slope, 0, 0, 5));
    NaiveCheck.check("elu", shape, new ActivationRule(LayerKind.ELU,
        new ActivationFunction(Activations.ELU, slope + 0.1, Double.POSITIVE_INFINITY, 0)), seed,
        (x, wt) -> Naive.activation(x, "elu", slope + 0.1, 0, 0, 5));
  }


  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void identities(int seed) {
    Random r = new Random(seed);
    int[] shape = {1 + r.nextInt(4), 1 + r.nextInt(4), 1 + r.nextInt(4)};
    NaiveCheck.check("flatten", shape, new FlattenRule(), seed, (x, wt) -> x);
    NaiveCheck.check("dropout", shape, new DropoutRule(0.5), seed, (x, wt) -> x);
    NaiveCheck.check("reshape", shape, new ReshapeRule(new int[] {-1, shape[2]}), seed, (x, wt) -> x);
  }
}
