package dev.kiln.examples;

import static dev.kiln.dsl.Activations.RELU;
import static dev.kiln.dsl.Padding.SAME;

import dev.kiln.dsl.Conv2D;
import dev.kiln.dsl.Input;
import dev.kiln.dsl.MaxPooling2D;
import dev.kiln.dsl.Model;
import dev.kiln.dsl.Shape;
import dev.kiln.dsl.Tensor;

/**
 * Seed 001: a 4x4 convolution with stride 2 on 256x256 gives 127 with VALID padding but 128 with
 * SAME (one extra row and column of zeros at the bottom/right), so pooling halves it evenly.
 */
@Model
class Downsampler {
  @Input(shape = {256, 256, 3}) Tensor image;
  @Conv2D(filters = 32, kernelSize = 4, strides = 2, padding = SAME, activation = RELU) @Shape({128, 128, 32})
  Tensor conv1;
  @MaxPooling2D(poolSize = 2) @Shape({64, 64, 32}) Tensor pool1;
}
