package dev.kiln.bench;

import dev.kiln.dsl.*;
import static dev.kiln.dsl.Activations.*;
import static dev.kiln.dsl.Let.LET;

/** Keras Applications' ResNet50 (include_top, 224x224x3) with the block and stacks of keras/.../resnet.py. */
@Model class ResNet50Blocks {
  @Input(shape = {224, 224, 3}) Tensor input;
  @ZeroPadding2D(padding = 3) Tensor conv1_pad;
  @Conv2D(filters = 64, kernelSize = 7, strides = 2) Tensor conv1_conv;
  @BatchNormalization(epsilon = 1.001e-5) Tensor conv1_bn;
  @Activation(RELU) Tensor conv1_relu;
  @ZeroPadding2D(padding = 1) Tensor pool1_pad;
  @MaxPooling2D(poolSize = 3, strides = 2) Tensor pool1_pool;
  @Bottleneck(filters = 64) @Repeat(3) Tensor conv2_block1;
  @Bottleneck(filters = 128, stride = 2) @Repeat(value = 4, rest = "stride = 1") Tensor conv3_block1;
  @Bottleneck(filters = 256, stride = 2) @Repeat(value = 6, rest = "stride = 1") Tensor conv4_block1;
  @Bottleneck(filters = 512, stride = 2) @Repeat(value = 3, rest = "stride = 1") Tensor conv5_block1;
  @GlobalAveragePooling2D Tensor avg_pool;
  @Dense(units = 1000, activation = SOFTMAX) Tensor predictions;
  /** residual_block_v1: 1x1, 3x3 and 1x1 convolutions, and a projection shortcut where the shape changes. */
  @Block @interface Bottleneck {
    int filters(); int stride() default 1;
    class Layers {
      @If("stride != 1 || channels != 4 * filters") @Conv2D(filters = LET, kernelSize = 1) @Let({"filters = 4 * filters", "strides = stride"}) Tensor _0_conv;
      @If("stride != 1 || channels != 4 * filters") @BatchNormalization(epsilon = 1.001e-5) Tensor _0_bn;
      @Conv2D(filters = LET, kernelSize = 1, from = "x") @Let({"filters = filters", "strides = stride"}) Tensor _1_conv;
      @BatchNormalization(epsilon = 1.001e-5) Tensor _1_bn;
      @Activation(RELU) Tensor _1_relu;
      @Conv2D(filters = LET, kernelSize = 3, padding = Padding.SAME) @Let("filters = filters") Tensor _2_conv;
      @BatchNormalization(epsilon = 1.001e-5) Tensor _2_bn;
      @Activation(RELU) Tensor _2_relu;
      @Conv2D(filters = LET, kernelSize = 1) @Let("filters = 4 * filters") Tensor _3_conv;
      @BatchNormalization(epsilon = 1.001e-5) Tensor _3_bn;
      @Add(from = {"_0_bn", "_3_bn"}) Tensor _add; // without the projection, `_0_bn` passes the input `x` on
      @Activation(RELU) Tensor _out;
    }
  }
}
