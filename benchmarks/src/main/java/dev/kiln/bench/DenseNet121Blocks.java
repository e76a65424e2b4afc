package dev.kiln.bench;

import dev.kiln.dsl.*;
import static dev.kiln.dsl.Activations.*;
import static dev.kiln.dsl.Let.LET;

/** Keras Applications' DenseNet121 (include_top, 224x224x3) with the blocks of keras/.../densenet.py. */
@Model class DenseNet121Blocks {
  @Input(shape = {224, 224, 3}) Tensor input;
  @ZeroPadding2D(padding = 3) Tensor zero_padding2d;
  @Conv2D(filters = 64, kernelSize = 7, strides = 2, useBias = false) Tensor conv1_conv;
  @BatchNormalization(epsilon = 1.001e-5) Tensor conv1_bn;
  @Activation(RELU) Tensor conv1_relu;
  @ZeroPadding2D(padding = 1) Tensor zero_padding2d_1;
  @MaxPooling2D(poolSize = 3, strides = 2) Tensor pool1;
  @DenseLayer @Repeat(6) Tensor conv2_block1;
  @Transition Tensor pool2;
  @DenseLayer @Repeat(12) Tensor conv3_block1;
  @Transition Tensor pool3;
  @DenseLayer @Repeat(24) Tensor conv4_block1;
  @Transition Tensor pool4;
  @DenseLayer @Repeat(16) Tensor conv5_block1;
  @BatchNormalization(epsilon = 1.001e-5) Tensor bn;
  @Activation(RELU) Tensor relu;
  @GlobalAveragePooling2D Tensor avg_pool;
  @Dense(units = 1000, activation = SOFTMAX) Tensor predictions;
  /** conv_block: BN, ReLU, 1x1 convolution, BN, ReLU, 3x3 convolution, concatenated to the block's input. */
  @Block @interface DenseLayer {
    int growth() default 32;
    class Layers {
      @BatchNormalization(epsilon = 1.001e-5) Tensor _0_bn;
      @Activation(RELU) Tensor _0_relu;
      @Conv2D(filters = LET, kernelSize = 1, useBias = false) @Let("filters = 4 * growth") Tensor _1_conv;
      @BatchNormalization(epsilon = 1.001e-5) Tensor _1_bn;
      @Activation(RELU) Tensor _1_relu;
      @Conv2D(filters = LET, kernelSize = 3, padding = Padding.SAME, useBias = false) @Let("filters = growth") Tensor _2_conv;
      @Concatenate(from = {"x", "_2_conv"}) Tensor _concat;
    }
  }
  /** transition_block (reduction 0.5): BN, ReLU, a 1x1 convolution to half the channels, 2x2 average pooling. */
  @Block @interface Transition {
    class Layers {
      @BatchNormalization(epsilon = 1.001e-5) Tensor _bn;
      @Activation(RELU) Tensor _relu;
      @Conv2D(filters = LET, kernelSize = 1, useBias = false) @Let("filters = channels / 2") Tensor _conv;
      @AveragePooling2D(poolSize = 2, strides = 2) Tensor _pool;
    }
  }
}
