package dev.kiln.examples;

import static dev.kiln.dsl.Activations.RELU;

import dev.kiln.dsl.Conv2D;
import dev.kiln.dsl.Dense;
import dev.kiln.dsl.Flatten;
import dev.kiln.dsl.Input;
import dev.kiln.dsl.Model;
import dev.kiln.dsl.Shape;
import dev.kiln.dsl.Tensor;

/**
 * Seed 003's stack: three VALID 8x8 convolutions with stride 2 take 128 to 61, 27 and 10; the
 * channel axis is the 24 filters, not 24 x 3.
 */
@Model
@SuppressWarnings("kiln.truncation") // 61 - 8 is odd: the last row and column of conv_1's output are never read
class StridedStack {
  @Input(shape = {128, 128, 3}) Tensor image;
  @Conv2D(filters = 24, kernelSize = 8, strides = 2, activation = RELU) @Shape({61, 61, 24}) Tensor conv_1;
  @Conv2D(filters = 24, kernelSize = 8, strides = 2, activation = RELU) @Shape({27, 27, 24}) Tensor conv_2;
  @Conv2D(filters = 24, kernelSize = 8, strides = 2, activation = RELU) @Shape({10, 10, 24}) Tensor conv_3;
  @Flatten Tensor flatten;
  @Dense(units = 1, activation = RELU) Tensor output;
}
