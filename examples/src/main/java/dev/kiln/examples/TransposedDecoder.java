package dev.kiln.examples;

import static dev.kiln.dsl.Activations.RELU;
import static dev.kiln.dsl.Activations.SIGMOID;
import static dev.kiln.dsl.Padding.SAME;

import dev.kiln.dsl.Conv2DTranspose;
import dev.kiln.dsl.Input;
import dev.kiln.dsl.Model;
import dev.kiln.dsl.Shape;
import dev.kiln.dsl.Tensor;

/**
 * Seed 002: a stride-2 SAME convolution maps both 13 and 14 to 7, so a transposed convolution from
 * 7 must be told which it should produce. Without {@code outputPadding} Keras gives {@code 7 * 2 =
 * 14}; {@code outputPadding} picks among the stride's possible sizes, here
 * {@code (7 - 1) * 2 + (3 mod 2) + outputPadding}: 0 gives 13, 1 gives 14.
 */
@Model
class TransposedDecoder {
  @Input(shape = {7, 7, 16}) Tensor code;
  @Conv2DTranspose(filters = 8, kernelSize = 3, strides = 2, padding = SAME, activation = RELU)
  @Shape({14, 14, 8}) Tensor inferred;
  @Conv2DTranspose(filters = 8, kernelSize = 3, strides = 2, padding = SAME, outputPadding = 0, activation = RELU)
  @Shape({27, 27, 8}) Tensor odd;
  @Conv2DTranspose(filters = 1, kernelSize = 3, strides = 2, padding = SAME, outputPadding = 1, activation = SIGMOID)
  @Shape({54, 54, 1}) Tensor even;
}
