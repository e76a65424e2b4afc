package dev.kiln.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.kiln.dsl.Activations;
import dev.kiln.dsl.Interpolation;
import dev.kiln.dsl.Padding;
import dev.kiln.shape.ActivationFunction;
import dev.kiln.shape.ActivationRule;
import dev.kiln.shape.BatchNormalizationRule;
import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.Conv1DRule;
import dev.kiln.shape.Conv1DTransposeRule;
import dev.kiln.shape.Conv2DRule;
import dev.kiln.shape.Cropping1DRule;
import dev.kiln.shape.DepthwiseConv1DRule;
import dev.kiln.shape.GlobalPooling1DRule;
import dev.kiln.shape.Pooling1DRule;
import dev.kiln.shape.SeparableConv1DRule;
import dev.kiln.shape.UpSampling1DRule;
import dev.kiln.shape.ZeroPadding1DRule;
import dev.kiln.shape.Conv2DTransposeRule;
import dev.kiln.shape.ConvWindow;
import dev.kiln.shape.Cropping2DRule;
import dev.kiln.shape.DenseRule;
import dev.kiln.shape.DepthwiseConv2DRule;
import dev.kiln.shape.DropoutRule;
import dev.kiln.shape.FlattenRule;
import dev.kiln.shape.GlobalPooling2DRule;
import dev.kiln.shape.LayerInfo;
import dev.kiln.shape.LayerKind;
import dev.kiln.shape.LayerRule;
import dev.kiln.shape.MergeRule;
import dev.kiln.shape.NormalizationRule;
import dev.kiln.shape.Pooling2DRule;
import dev.kiln.shape.RescalingRule;
import dev.kiln.shape.ReshapeRule;
import dev.kiln.shape.SeparableConv2DRule;
import dev.kiln.shape.UpSampling2DRule;
import dev.kiln.shape.ZeroPadding2DRule;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Completeness: every {@link LayerKind} has a kernel named after its shape rule ({@code Conv2DRule} ->
 * {@code Conv2DKernel}), {@link Kernels#create} builds that class, and a one-layer network runs.
 */
class KernelCatalogTest {

  static LayerRule sample(LayerKind kind) {
    ConvWindow window = new ConvWindow(new int[] {3}, new int[] {1}, Padding.SAME, new int[] {1});
    ActivationFunction relu = ActivationFunction.of(Activations.RELU);
    return switch (kind) {
      case CONV_2D -> new Conv2DRule(4, window, relu, true);
      case DEPTHWISE_CONV_2D -> new DepthwiseConv2DRule(window, 2, relu, true);
      case SEPARABLE_CONV_2D -> new SeparableConv2DRule(4, window, 2, relu, true);
      case CONV_2D_TRANSPOSE -> new Conv2DTransposeRule(4, window, new int[0], relu, true);
      case MAX_POOLING_2D -> Pooling2DRule.max(new int[] {2}, new int[0], Padding.VALID);
      case AVERAGE_POOLING_2D -> Pooling2DRule.average(new int[] {2}, new int[0], Padding.SAME);
      case GLOBAL_AVERAGE_POOLING_2D, GLOBAL_MAX_POOLING_2D -> new GlobalPooling2DRule(kind, false);
      case UP_SAMPLING_2D -> new UpSampling2DRule(new int[] {2}, Interpolation.BILINEAR);
      case ZERO_PADDING_2D -> new ZeroPadding2DRule(new int[] {1});
      case CROPPING_2D -> new Cropping2DRule(new int[] {1});
      case BATCH_NORMALIZATION -> new BatchNormalizationRule(1e-3, 0.99, true, true);
      case DROPOUT -> new DropoutRule(0.5);
      case ACTIVATION -> ActivationRule.of(Activations.GELU);
      case RELU -> new ActivationRule(kind, new ActivationFunction(Activations.RELU, 0.1, 6, 0));
      case LEAKY_RELU -> new ActivationRule(kind, ActivationFunction.of(Activations.LEAKY_RELU));
      case ELU -> new ActivationRule(kind, ActivationFunction.of(Activations.ELU));
      case SOFTMAX -> new ActivationRule(kind, ActivationFunction.of(Activations.SOFTMAX));
      case FLATTEN -> new FlattenRule();
      case RESHAPE -> new ReshapeRule(new int[] {-1, 3});
      case DENSE -> new DenseRule(5, relu, true);
      case RESCALING -> new RescalingRule(new double[] {0.5, 1, 2}, new double[] {-1});
      case NORMALIZATION -> new NormalizationRule(new double[0], new double[0], false);
      case ADD, SUBTRACT, MULTIPLY, AVERAGE, MAXIMUM, MINIMUM, CONCATENATE -> MergeRule.of(kind);
      case CONV_1D -> new Conv1DRule(4, window1(Padding.CAUSAL), relu, true);
      case DEPTHWISE_CONV_1D -> new DepthwiseConv1DRule(window1(Padding.SAME), 2, relu, true);
      case SEPARABLE_CONV_1D -> new SeparableConv1DRule(4, window1(Padding.SAME), 2, relu, true);
      case CONV_1D_TRANSPOSE -> new Conv1DTransposeRule(4, window1(Padding.VALID), new int[0], relu, true);
      case MAX_POOLING_1D, AVERAGE_POOLING_1D -> new Pooling1DRule(kind, new int[] {2}, new int[0], Padding.SAME);
      case GLOBAL_AVERAGE_POOLING_1D, GLOBAL_MAX_POOLING_1D -> new GlobalPooling1DRule(kind, true);
      case UP_SAMPLING_1D -> new UpSampling1DRule(3);
      case ZERO_PADDING_1D -> new ZeroPadding1DRule(new int[] {1, 2});
      case CROPPING_1D -> new Cropping1DRule(new int[] {1, 2});
    };
  }

  private static ConvWindow window1(Padding padding) {
    return new ConvWindow(new int[] {3}, new int[] {1}, padding, new int[] {1}, 1);
  }

  @ParameterizedTest
  @EnumSource(LayerKind.class)
  void everyKindHasAKernel(LayerKind kind) {
    LayerRule rule = sample(kind);
    String stem = rule.getClass().getSimpleName().replace("Rule", "");
    assertEquals(stem + "Kernel", Kernels.kernelClass(kind).getSimpleName(), "kernel name for " + kind);
    // A merge reads several tensors, so it cannot be a one-layer network: GraphRuntimeTest runs merges.
    assumeFalse(kind.isMerge(), "merges are run by GraphRuntimeTest");
    // A 1-D layer reads (steps, channels): 16 steps of 3 channels, as many values as the 4x4x3 image.
    CheckedModel model = CaseModels.model("m", rule.needsSequence() ? new int[] {16, 3} : new int[] {4, 4, 3}, rule);
    Weights weights = Weights.random(model, 1);
    LayerInfo layer = model.layers().get(1);
    Map<String, float[]> tensors = new HashMap<>();
    layer.weights().forEach(w -> tensors.put(w.name(), weights.get(layer.name(), w.name())));
    assertInstanceOf(Kernels.kernelClass(kind), Kernels.create(layer, tensors, Simd.best()));
    float[] out = Network.create(model, weights).predict(new float[2 * 48], 2);
    assertEquals(2 * model.outputShape().size(), out.length);
  }
}
