package dev.kiln.bench;

import dev.kiln.dsl.*;
import static dev.kiln.dsl.Let.LET;

/** Keras Applications' MobileNetV2 (alpha 1, include_top, 224x224x3) with the block of keras/.../mobilenet_v2.py. */
@Model class MobileNetV2Blocks {
  @Input(shape = {224, 224, 3}) Tensor input;
  @Conv2D(filters = 32, kernelSize = 3, strides = 2, padding = Padding.SAME, useBias = false) Tensor Conv1;
  @BatchNormalization(epsilon = 1e-3, momentum = 0.999) Tensor bn_Conv1;
  @ReLU(maxValue = 6) Tensor Conv1_relu;
  @InvertedResidual(filters = 16, expansion = 1) Tensor expanded_conv;
  @InvertedResidual(filters = 24, stride = 2) @Repeat(value = 2, rest = "stride = 1") Tensor block_1;
  @InvertedResidual(filters = 32, stride = 2) @Repeat(value = 3, rest = "stride = 1") Tensor block_3;
  @InvertedResidual(filters = 64, stride = 2) @Repeat(value = 4, rest = "stride = 1") Tensor block_6;
  @InvertedResidual(filters = 96) @Repeat(3) Tensor block_10;
  @InvertedResidual(filters = 160, stride = 2) @Repeat(value = 3, rest = "stride = 1") Tensor block_13;
  @InvertedResidual(filters = 320) Tensor block_16;
  @Conv2D(filters = 1280, kernelSize = 1, useBias = false) Tensor Conv_1;
  @BatchNormalization(epsilon = 1e-3, momentum = 0.999) Tensor Conv_1_bn;
  @ReLU(maxValue = 6) Tensor out_relu;
  @GlobalAveragePooling2D Tensor global_average_pooling2d;
  @Dense(units = 1000, activation = Activations.SOFTMAX) Tensor predictions;
  /** _inverted_res_block: expand 1x1, depthwise 3x3, project 1x1; the residual add where the shape is kept. */
  @Block @interface InvertedResidual {
    int filters(); int stride() default 1; int expansion() default 6;
    class Layers {
      @If("expansion != 1") @Conv2D(filters = LET, kernelSize = 1, padding = Padding.SAME, useBias = false) @Let("filters = expansion * channels") Tensor _expand;
      @If("expansion != 1") @BatchNormalization(epsilon = 1e-3, momentum = 0.999) Tensor _expand_BN;
      @If("expansion != 1") @ReLU(maxValue = 6) Tensor _expand_relu;
      @If("stride == 2") @ZeroPadding2D(padding = {0, 1, 0, 1}) Tensor _pad; // correct_pad for an even input
      @DepthwiseConv2D(kernelSize = 3, useBias = false) @Let({"strides = stride", "padding = stride == 1 ? SAME : VALID"}) Tensor _depthwise;
      @BatchNormalization(epsilon = 1e-3, momentum = 0.999) Tensor _depthwise_BN;
      @ReLU(maxValue = 6) Tensor _depthwise_relu;
      @Conv2D(filters = LET, kernelSize = 1, padding = Padding.SAME, useBias = false) @Let("filters = filters") Tensor _project;
      @BatchNormalization(epsilon = 1e-3, momentum = 0.999) Tensor _project_BN;
      @If("stride == 1 && channels == filters") @Add(from = {"x", "_project_BN"}) Tensor _add;
    }
  }
}
