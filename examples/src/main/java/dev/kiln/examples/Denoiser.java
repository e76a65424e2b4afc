package dev.kiln.examples;

import static dev.kiln.dsl.Activations.RELU;
import static dev.kiln.dsl.Padding.SAME;

import dev.kiln.dsl.Conv2D;
import dev.kiln.dsl.Input;
import dev.kiln.dsl.MaxPooling2D;
import dev.kiln.dsl.Model;
import dev.kiln.dsl.Shape;
import dev.kiln.dsl.Tensor;
import dev.kiln.dsl.UpSampling2D;

/** The denoising autoencoder of seed 000: 28x28x1 in, 28x28x1 out, 8,001 parameters. */
@Model
class Denoiser {
  @Input(shape = {28, 28, 1}) Tensor image;
  @Conv2D(filters = 32, kernelSize = 3, padding = SAME, activation = RELU) Tensor conv1;
  @MaxPooling2D(poolSize = 2) Tensor pool1;
  @Conv2D(filters = 16, kernelSize = 3, padding = SAME, activation = RELU) Tensor conv2;
  @MaxPooling2D(poolSize = 2) Tensor pool2;
  @Conv2D(filters = 8, kernelSize = 3, padding = SAME, activation = RELU) Tensor conv3;
  @Conv2D(filters = 8, kernelSize = 3, padding = SAME, activation = RELU) Tensor conv4;
  @UpSampling2D(size = 2) Tensor up1;
  @Conv2D(filters = 16, kernelSize = 3, padding = SAME, activation = RELU) Tensor conv5;
  @UpSampling2D(size = 2) Tensor up2;
  @Conv2D(filters = 1, kernelSize = 3, padding = SAME) @Shape({28, 28, 1}) Tensor restored;
}
