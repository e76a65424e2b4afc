package dev.kiln.examples;

import static dev.kiln.dsl.Activations.RELU;
import static dev.kiln.dsl.Input.ANY;
import static dev.kiln.dsl.Padding.SAME;

import dev.kiln.dsl.Conv2D;
import dev.kiln.dsl.Input;
import dev.kiln.dsl.MaxPooling2D;
import dev.kiln.dsl.Model;
import dev.kiln.dsl.Shape;
import dev.kiln.dsl.Tensor;
import dev.kiln.dsl.UpSampling2D;

/**
 * Seed 000's denoiser for images of any size: the same layers (and so the same trained weights) as
 * {@link Denoiser}, with a free height and width and the promise that it gives back the size it was
 * given. javac notes the sizes for which that holds: {@code H ≥ 4 with H ≡ 0 (mod 4)}.
 */
@Model
class FreeDenoiser {
  @Input(shape = {ANY, ANY, 1}) Tensor image;
  @Conv2D(filters = 32, kernelSize = 3, padding = SAME, activation = RELU) Tensor conv1;
  @MaxPooling2D(poolSize = 2) Tensor pool1;
  @Conv2D(filters = 16, kernelSize = 3, padding = SAME, activation = RELU) Tensor conv2;
  @MaxPooling2D(poolSize = 2) Tensor pool2;
  @Conv2D(filters = 8, kernelSize = 3, padding = SAME, activation = RELU) Tensor conv3;
  @Conv2D(filters = 8, kernelSize = 3, padding = SAME, activation = RELU) Tensor conv4;
  @UpSampling2D(size = 2) Tensor up1;
  @Conv2D(filters = 16, kernelSize = 3, padding = SAME, activation = RELU) Tensor conv5;
  @UpSampling2D(size = 2) Tensor up2;
  @Conv2D(filters = 1, kernelSize = 3, padding = SAME) @Shape(sameAs = "image") Tensor restored;
}
