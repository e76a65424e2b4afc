package dev.kiln.examples.broken;

import static dev.kiln.dsl.Activations.RELU;

import dev.kiln.dsl.Conv2D;
import dev.kiln.dsl.Input;
import dev.kiln.dsl.Model;
import dev.kiln.dsl.Shape;
import dev.kiln.dsl.Tensor;

/** Seed 001: with the default VALID padding a 4x4 stride-2 convolution takes 256 to 127, not 128. */
@Model
class Downsampler127 {
  @Input(shape = {256, 256, 3}) Tensor image;
  @Conv2D(filters = 32, kernelSize = 4, strides = 2, activation = RELU) @Shape({128, 128, 32}) Tensor conv1;
}
