package dev.kiln.shape;

import static dev.kiln.dsl.Padding.SAME;
import static dev.kiln.dsl.Padding.VALID;
import static dev.kiln.shape.Layers.conv;
import static dev.kiln.shape.Layers.dense;
import static dev.kiln.shape.Layers.in;
import static dev.kiln.shape.Layers.model;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.kiln.dsl.Activations;
import dev.kiln.dsl.Interpolation;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each rule's output shape and parameter counts, against docs/SEMANTICS.md §5 (checked in tfjs 4.22). */
class RulesTest {
  private static final ActivationFunction LINEAR = ActivationFunction.LINEAR;

  static Stream<Arguments> rules() {
    ConvWindow k3 = new ConvWindow(new int[] {3}, new int[] {1}, VALID, new int[] {1});
    return Stream.of(
        // rule, input, output, trainable, non-trainable
        Arguments.of(new Conv2DRule(8, k3, LINEAR, true), in(5, 5, 3), in(3, 3, 8), 224, 0),
        Arguments.of(new Conv2DRule(8, k3, LINEAR, false), in(5, 5, 3), in(3, 3, 8), 216, 0),
        Arguments.of(new DepthwiseConv2DRule(k3, 2, LINEAR, true), in(5, 5, 3), in(3, 3, 6), 60, 0),
        Arguments.of(new SeparableConv2DRule(8, k3, 2, LINEAR, true), in(5, 5, 3), in(3, 3, 8), 110, 0),
        Arguments.of(new Conv2DTransposeRule(8, k3, new int[0], LINEAR, true), in(5, 5, 3), in(7, 7, 8), 224, 0),
        Arguments.of(new BatchNormalizationRule(1e-3, 0.99, true, true), in(4, 4, 3), in(4, 4, 3), 6, 6),
        Arguments.of(new BatchNormalizationRule(1e-3, 0.99, false, true), in(4, 4, 3), in(4, 4, 3), 3, 6),
        Arguments.of(dense(4), in(3), in(4), 16, 0),
        Arguments.of(dense(4), in(5, 5, 3), in(5, 5, 4), 16, 0),
        Arguments.of(conv(32, 3, SAME), in(32, 32, 3), in(32, 32, 32), 896, 0),
        Arguments.of(new GlobalPooling2DRule(LayerKind.GLOBAL_AVERAGE_POOLING_2D, false), in(7, 7, 5), in(5), 0, 0),
        Arguments.of(new GlobalPooling2DRule(LayerKind.GLOBAL_MAX_POOLING_2D, true), in(7, 7, 5), in(1, 1, 5), 0, 0),
        Arguments.of(new UpSampling2DRule(new int[] {2, 3}, Interpolation.BILINEAR), in(5, 6, 7), in(10, 18, 7), 0, 0),
        Arguments.of(new ZeroPadding2DRule(new int[] {1, 2, 3, 4}), in(5, 5, 2), in(8, 12, 2), 0, 0),
        Arguments.of(new ZeroPadding2DRule(new int[] {1, 2}), in(5, 5, 2), in(7, 9, 2), 0, 0),
        Arguments.of(new Cropping2DRule(new int[] {1, 0, 2, 2}), in(5, 6, 2), in(4, 2, 2), 0, 0),
        Arguments.of(new FlattenRule(), in(7, 7, 64), in(3136), 0, 0),
        Arguments.of(new ReshapeRule(new int[] {-1, 7}), in(5, 6, 7), in(30, 7), 0, 0),
        Arguments.of(new DropoutRule(0.5), in(10), in(10), 0, 0),
        Arguments.of(ActivationRule.of(Activations.SOFTMAX), in(10), in(10), 0, 0),
        Arguments.of(ActivationRule.of(Activations.LOG_SOFTMAX), in(4, 4, 3), in(4, 4, 3), 0, 0),
        Arguments.of(new RescalingRule(new double[] {1 / 255.0}, new double[] {0}), in(4, 4, 3), in(4, 4, 3), 0, 0),
        Arguments.of(new RescalingRule(new double[] {1, 2, 3}, new double[] {-1}), in(4, 4, 3), in(4, 4, 3), 0, 0),
        // Keras keeps mean (3), variance (3) and count (): 7 non-trainable weights for 3 channels.
        Arguments.of(new NormalizationRule(new double[0], new double[0], false), in(4, 4, 3), in(4, 4, 3), 0, 7),
        Arguments.of(new NormalizationRule(new double[] {1, 2, 3}, new double[] {4, 5, 6}, false), in(4, 4, 3),
            in(4, 4, 3), 0, 0),
        Arguments.of(new NormalizationRule(new double[] {0.5}, new double[] {2}, true), in(6), in(6), 0, 0),
        Arguments.of(Pooling2DRule.average(new int[] {3}, new int[] {2}, SAME), in(7, 8, 4), in(4, 4, 4), 0, 0));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("rules")
  void outputAndParameters(LayerRule rule, int[] input, int[] output, long trainable, long nonTrainable) {
    Problems problems = new Problems(1, "`x`");
    rule.validate(problems);
    TensorShape out = rule.output(new LayerInput(TensorShape.of(input), "from `in`"), problems);
    assertFalse(problems.hasErrors(), () -> problems.list().toString());
    assertArrayEquals(output, out.dims());
    List<WeightSpec> weights = rule.weights(TensorShape.of(input));
    assertEquals(trainable, weights.stream().filter(WeightSpec::trainable).mapToLong(WeightSpec::elements).sum());
    assertEquals(nonTrainable, weights.stream().filter(w -> !w.trainable()).mapToLong(WeightSpec::elements).sum());
  }

  @Test
  void weightLayoutsFollowKeras() {
    TensorShape input = TensorShape.of(9, 9, 3);
    ConvWindow k = new ConvWindow(new int[] {3, 5}, new int[] {1}, VALID, new int[] {1});
    assertEquals("[kernel (3, 5, 3, 8), bias (8,)]", new Conv2DRule(8, k, LINEAR, true).weights(input).toString());
    assertEquals("[kernel (3, 5, 8, 3), bias (8,)]",
        new Conv2DTransposeRule(8, k, new int[0], LINEAR, true).weights(input).toString());
    assertEquals("[kernel (3, 5, 3, 2), bias (6,)]",
        new DepthwiseConv2DRule(k, 2, LINEAR, true).weights(input).toString());
    assertEquals("[depthwise_kernel (3, 5, 3, 2), pointwise_kernel (1, 1, 6, 8), bias (8,)]",
        new SeparableConv2DRule(8, k, 2, LINEAR, true).weights(input).toString());
    assertEquals("[gamma (3,), beta (3,), moving_mean (3,), moving_variance (3,)]",
        new BatchNormalizationRule(1e-3, 0.99, true, true).weights(input).toString());
    assertEquals("[kernel (3, 4), bias (4,)]", dense(4).weights(TensorShape.of(3)).toString());
    assertEquals("[mean (3,), variance (3,), count ()]",
        new NormalizationRule(new double[0], new double[0], false).weights(input).toString());
  }

  @Test
  void seedModelsHaveKerasParameterCounts() {
    assertEquals(8001, ShapeChecker.check(Layers.denoiser(false, SAME)).totalParams());
    assertEquals(12201, ShapeChecker.check(Layers.denoiser(true, SAME).prefix(12)).totalParams());
    CheckedModel tutorial = ShapeChecker.check(model(in(28, 28, 1),
        "conv1", conv(32, 5, SAME), "pool1", Layers.maxPool(2), "conv2", conv(64, 5, SAME),
        "pool2", Layers.maxPool(2), "flat", new FlattenRule(), "fc", dense(1024), "logits", dense(10)));
    assertEquals("(None, 7, 7, 64)", tutorial.layers().get(4).output().toString());
    assertEquals(832 + 51264 + 3212288 + 10250, tutorial.totalParams());
    CheckedModel strided = ShapeChecker.check(model(in(128, 128, 3),
        "conv_1", conv(24, in(8), in(2), VALID, in(1)), "conv_2", conv(24, in(8), in(2), VALID, in(1)),
        "conv_3", conv(24, in(8), in(2), VALID, in(1)), "flatten", new FlattenRule(), "output", dense(1)));
    assertEquals("(None, 10, 10, 24)", strided.layers().get(3).output().toString());
    assertEquals(4632 + 36888 + 36888 + 2401, strided.totalParams());
  }
}
