package dev.kiln.examples;

import static dev.kiln.dsl.Activations.RELU;
import static dev.kiln.dsl.Activations.SOFTMAX;
import static dev.kiln.dsl.Padding.SAME;

import dev.kiln.dsl.Activation;
import dev.kiln.dsl.Add;
import dev.kiln.dsl.BatchNormalization;
import dev.kiln.dsl.Conv2D;
import dev.kiln.dsl.Dense;
import dev.kiln.dsl.GlobalAveragePooling2D;
import dev.kiln.dsl.Input;
import dev.kiln.dsl.Model;
import dev.kiln.dsl.Tensor;

/**
 * A ResNet-style stack on 32x32x3: an identity block (the shortcut adds the block's input), then a
 * downsampling block whose shortcut needs a 1x1 stride-2 projection to match 16x16x64.
 */
@Model
class ResNetStack {
  @Input(shape = {32, 32, 3}) Tensor image;
  @Conv2D(filters = 32, kernelSize = 3, padding = SAME, useBias = false) Tensor stem;
  @BatchNormalization Tensor stemNorm;
  @Activation(RELU) Tensor stemOut;

  @Conv2D(filters = 32, kernelSize = 3, padding = SAME, useBias = false) Tensor b1conv1;
  @BatchNormalization Tensor b1norm1;
  @Activation(RELU) Tensor b1relu;
  @Conv2D(filters = 32, kernelSize = 3, padding = SAME, useBias = false) Tensor b1conv2;
  @BatchNormalization Tensor b1norm2;
  @Add(from = {"b1norm2", "stemOut"}) Tensor b1sum;
  @Activation(RELU) Tensor b1out;

  @Conv2D(filters = 64, kernelSize = 3, strides = 2, padding = SAME, useBias = false) Tensor b2conv1;
  @BatchNormalization Tensor b2norm1;
  @Activation(RELU) Tensor b2relu;
  @Conv2D(filters = 64, kernelSize = 3, padding = SAME, useBias = false) Tensor b2conv2;
  @BatchNormalization Tensor b2norm2;
  @Conv2D(filters = 64, kernelSize = 1, strides = 2, useBias = false, from = "b1out") Tensor b2project;
  @BatchNormalization Tensor b2projectNorm;
  @Add(from = {"b2norm2", "b2projectNorm"}) Tensor b2sum;
  @Activation(RELU) Tensor b2out;

  @GlobalAveragePooling2D Tensor pooled;
  @Dense(units = 10, activation = SOFTMAX) Tensor classes;
}
