package dev.kiln.examples.broken;

import static dev.kiln.dsl.Activations.RELU;
import static dev.kiln.dsl.Padding.SAME;

import dev.kiln.dsl.Conv2D;
import dev.kiln.dsl.Input;
import dev.kiln.dsl.MaxPooling2D;
import dev.kiln.dsl.Model;
import dev.kiln.dsl.Shape;
import dev.kiln.dsl.Tensor;
import dev.kiln.dsl.UpSampling2D;

/** Seed 000 with a third pooling: Keras builds it, and it comes back 24x24 instead of 28x28. */
@Model
class Autoencoder24 {
  @Input(shape = {28, 28, 1}) Tensor image;
  @Conv2D(filters = 32, kernelSize = 3, padding = SAME, activation = RELU) Tensor conv1;
  @MaxPooling2D(poolSize = 2) Tensor pool1;
  @Conv2D(filters = 16, kernelSize = 3, padding = SAME, activation = RELU) Tensor conv2;
  @MaxPooling2D(poolSize = 2) Tensor pool2;
  @Conv2D(filters = 8, kernelSize = 3, padding = SAME, activation = RELU) Tensor conv3;
  @MaxPooling2D(poolSize = 2) Tensor pool3;
  @UpSampling2D(size = 2) Tensor up1;
  @Conv2D(filters = 16, kernelSize = 3, padding = SAME, activation = RELU) Tensor conv4;
  @UpSampling2D(size = 2) Tensor up2;
  @Conv2D(filters = 32, kernelSize = 3, padding = SAME, activation = RELU) Tensor conv5;
  @UpSampling2D(size = 2) Tensor up3;
  @Conv2D(filters = 1, kernelSize = 3, padding = SAME) @Shape({28, 28, 1}) Tensor restored;
}
