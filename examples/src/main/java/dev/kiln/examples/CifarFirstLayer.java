package dev.kiln.examples;

import static dev.kiln.dsl.Padding.SAME;

import dev.kiln.dsl.Conv2D;
import dev.kiln.dsl.Input;
import dev.kiln.dsl.Model;
import dev.kiln.dsl.Tensor;

/**
 * Seed 003's CIFAR question: 32 filters of 3x3 over 3 channels are 32 x (3 x 3 x 3 + 1) = 896
 * parameters, and the output is 32x32x32.
 */
@Model
class CifarFirstLayer {
  @Input(shape = {32, 32, 3}) Tensor image;
  @Conv2D(filters = 32, kernelSize = 3, padding = SAME) Tensor conv;
}
