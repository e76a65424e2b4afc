package dev.kiln.runtime;

import dev.kiln.shape.ActivationRule;
import dev.kiln.shape.BatchNormalizationRule;
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
import dev.kiln.shape.Cropping2DRule;
import dev.kiln.shape.DenseRule;
import dev.kiln.shape.DepthwiseConv2DRule;
import dev.kiln.shape.GlobalPooling2DRule;
import dev.kiln.shape.LayerInfo;
import dev.kiln.shape.LayerKind;
import dev.kiln.shape.MergeRule;
import dev.kiln.shape.NormalizationRule;
import dev.kiln.shape.Pooling2DRule;
import dev.kiln.shape.RescalingRule;
import dev.kiln.shape.SeparableConv2DRule;
import dev.kiln.shape.UpSampling2DRule;
import dev.kiln.shape.ZeroPadding2DRule;
import java.util.Map;

/**
 * The runtime's side of the layer catalog: which kernel runs each {@link LayerKind}. The switch has
 * no default, so javac rejects a new kind without a kernel, and {@code KernelCatalogTest} checks the
 * naming and that every kind builds.
 */
final class Kernels {
  private Kernels() {}

  /** The kernel class for {@code kind}: the shape rule's stem plus {@code Kernel}. */
  static Class<? extends Step> kernelClass(LayerKind kind) {
    return switch (kind) {
      case CONV_2D -> Conv2DKernel.class;
      case DEPTHWISE_CONV_2D -> DepthwiseConv2DKernel.class;
      case SEPARABLE_CONV_2D -> SeparableConv2DKernel.class;
      case CONV_2D_TRANSPOSE -> Conv2DTransposeKernel.class;
      case MAX_POOLING_2D, AVERAGE_POOLING_2D -> Pooling2DKernel.class;
      case GLOBAL_AVERAGE_POOLING_2D, GLOBAL_MAX_POOLING_2D -> GlobalPooling2DKernel.class;
      case UP_SAMPLING_2D -> UpSampling2DKernel.class;
      case ZERO_PADDING_2D -> ZeroPadding2DKernel.class;
      case CROPPING_2D -> Cropping2DKernel.class;
      case CONV_1D -> Conv1DKernel.class;
      case DEPTHWISE_CONV_1D -> DepthwiseConv1DKernel.class;
      case SEPARABLE_CONV_1D -> SeparableConv1DKernel.class;
      case CONV_1D_TRANSPOSE -> Conv1DTransposeKernel.class;
      case MAX_POOLING_1D, AVERAGE_POOLING_1D -> Pooling1DKernel.class;
      case GLOBAL_AVERAGE_POOLING_1D, GLOBAL_MAX_POOLING_1D -> GlobalPooling1DKernel.class;
      case UP_SAMPLING_1D -> UpSampling1DKernel.class;
      case ZERO_PADDING_1D -> ZeroPadding1DKernel.class;
      case CROPPING_1D -> Cropping1DKernel.class;
      case BATCH_NORMALIZATION -> BatchNormalizationKernel.class;
      case DROPOUT -> DropoutKernel.class;
      case ACTIVATION, RELU, LEAKY_RELU, ELU, SOFTMAX -> ActivationKernel.class;
      case FLATTEN -> FlattenKernel.class;
      case RESHAPE -> ReshapeKernel.class;
      case DENSE -> DenseKernel.class;
      case RESCALING -> RescalingKernel.class;
      case NORMALIZATION -> NormalizationKernel.class;
      case ADD, SUBTRACT, MULTIPLY, AVERAGE, MAXIMUM, MINIMUM, CONCATENATE -> MergeKernel.class;
    };
  }

  /**
   * Builds the kernel of one checked layer.
   *
   * @param tensors the layer's weights by Keras name, already validated against {@code layer.weights()}
   */
  static Step create(LayerInfo layer, Map<String, float[]> tensors, Gemm gemm) {
    return declared(layer, tensors, gemm);
  }

  /**
   * Builds the kernel of one layer as the {@link GraphOptimizer} rewrote it: the weighted layers take
   * {@code fusion}'s activation (instead of their own), residual and folded padding; a
   * BatchNormalization or element-wise merge the optimizer left in place its activation; max pooling
   * the folded padding. The others ignore it (the optimizer fuses nothing into them).
   */
  static Step create(LayerInfo layer, Map<String, float[]> tensors, Gemm gemm, Fusion fusion) {
    var out = layer.output();
    return switch (layer.rule().kind()) {
      case CONV_2D -> new Conv2DKernel((Conv2DRule) layer.rule(), out, tensors, gemm, layer.macs(), fusion);
      case DEPTHWISE_CONV_2D -> {
        DepthwiseConv2DRule rule = (DepthwiseConv2DRule) layer.rule();
        yield new DepthwiseConv2DKernel(rule.window(), rule.depthMultiplier(), fusion.input(), out,
            tensors.get("kernel"), tensors.get("bias"), fusion.activation(), layer.macs(), fusion.padding());
      }
      case SEPARABLE_CONV_2D ->
          new SeparableConv2DKernel((SeparableConv2DRule) layer.rule(), out, tensors, gemm, layer.macs(), fusion);
      case DENSE -> new DenseKernel((DenseRule) layer.rule(), layer.input(), tensors, gemm, layer.macs(), fusion);
      case MAX_POOLING_2D -> new Pooling2DKernel((Pooling2DRule) layer.rule(), fusion.input(), out, fusion.padding());
      case BATCH_NORMALIZATION ->
          new BatchNormalizationKernel((BatchNormalizationRule) layer.rule(), layer.input(), tensors,
              fusion.activation());
      case ADD, SUBTRACT, MULTIPLY, AVERAGE, MAXIMUM, MINIMUM ->
          new MergeKernel((MergeRule) layer.rule(), layer, fusion.activation());
      // Nothing is fused into these: the kernel as declared.
      case CONV_2D_TRANSPOSE, AVERAGE_POOLING_2D, GLOBAL_AVERAGE_POOLING_2D, GLOBAL_MAX_POOLING_2D, UP_SAMPLING_2D,
          ZERO_PADDING_2D, CROPPING_2D, DROPOUT, ACTIVATION, RELU, LEAKY_RELU, ELU, SOFTMAX, FLATTEN, RESHAPE,
          RESCALING, NORMALIZATION, CONCATENATE, CONV_1D, DEPTHWISE_CONV_1D, SEPARABLE_CONV_1D, CONV_1D_TRANSPOSE,
          MAX_POOLING_1D, AVERAGE_POOLING_1D, GLOBAL_AVERAGE_POOLING_1D, GLOBAL_MAX_POOLING_1D, UP_SAMPLING_1D,
          ZERO_PADDING_1D, CROPPING_1D -> declared(layer, tensors, gemm);
    };
  }

  private static Step declared(LayerInfo layer, Map<String, float[]> tensors, Gemm gemm) {
    var in = layer.input();
    var out = layer.output();
    return switch (layer.rule().kind()) {
      case CONV_2D -> new Conv2DKernel((Conv2DRule) layer.rule(), in, out, tensors, gemm, layer.macs());
      case DEPTHWISE_CONV_2D -> DepthwiseConv2DKernel.of((DepthwiseConv2DRule) layer.rule(), in, out, tensors,
          layer.macs());
      case SEPARABLE_CONV_2D -> new SeparableConv2DKernel((SeparableConv2DRule) layer.rule(), in, out, tensors,
          gemm, layer.macs());
      case CONV_2D_TRANSPOSE -> new Conv2DTransposeKernel((Conv2DTransposeRule) layer.rule(), in, out, tensors,
          gemm, layer.macs());
      case MAX_POOLING_2D, AVERAGE_POOLING_2D -> new Pooling2DKernel((Pooling2DRule) layer.rule(), in, out);
      case GLOBAL_AVERAGE_POOLING_2D, GLOBAL_MAX_POOLING_2D ->
          new GlobalPooling2DKernel(((GlobalPooling2DRule) layer.rule()).kind(), in);
      case UP_SAMPLING_2D -> new UpSampling2DKernel((UpSampling2DRule) layer.rule(), in, out);
      case ZERO_PADDING_2D -> new ZeroPadding2DKernel((ZeroPadding2DRule) layer.rule(), in, out);
      case CROPPING_2D -> new Cropping2DKernel((Cropping2DRule) layer.rule(), in, out);
      case CONV_1D -> new Conv1DKernel((Conv1DRule) layer.rule(), in, out, tensors, gemm, layer.macs());
      case DEPTHWISE_CONV_1D ->
          new DepthwiseConv1DKernel((DepthwiseConv1DRule) layer.rule(), in, out, tensors, layer.macs());
      case SEPARABLE_CONV_1D -> new SeparableConv1DKernel((SeparableConv1DRule) layer.rule(), in, out, tensors,
          gemm, layer.macs());
      case CONV_1D_TRANSPOSE -> new Conv1DTransposeKernel((Conv1DTransposeRule) layer.rule(), in, out, tensors,
          gemm, layer.macs());
      case MAX_POOLING_1D, AVERAGE_POOLING_1D -> new Pooling1DKernel((Pooling1DRule) layer.rule(), in, out);
      case GLOBAL_AVERAGE_POOLING_1D, GLOBAL_MAX_POOLING_1D ->
          new GlobalPooling1DKernel((GlobalPooling1DRule) layer.rule(), in);
      case UP_SAMPLING_1D -> new UpSampling1DKernel((UpSampling1DRule) layer.rule(), in, out);
      case ZERO_PADDING_1D -> new ZeroPadding1DKernel((ZeroPadding1DRule) layer.rule(), in, out);
      case CROPPING_1D -> new Cropping1DKernel((Cropping1DRule) layer.rule(), in, out);
      case BATCH_NORMALIZATION -> new BatchNormalizationKernel((BatchNormalizationRule) layer.rule(), in, tensors);
      case DROPOUT -> new DropoutKernel(out.size());
      case ACTIVATION, RELU, LEAKY_RELU, ELU, SOFTMAX ->
          new ActivationKernel(((ActivationRule) layer.rule()).activation(), out);
      case FLATTEN -> new FlattenKernel(out.size());
      case RESHAPE -> new ReshapeKernel(out.size());
      case DENSE -> new DenseKernel((DenseRule) layer.rule(), in, tensors, gemm, layer.macs());
      case RESCALING -> new RescalingKernel((RescalingRule) layer.rule(), in);
      case NORMALIZATION -> new NormalizationKernel((NormalizationRule) layer.rule(), in, tensors);
      case ADD, SUBTRACT, MULTIPLY, AVERAGE, MAXIMUM, MINIMUM, CONCATENATE ->
          new MergeKernel((MergeRule) layer.rule(), layer);
    };
  }
}
