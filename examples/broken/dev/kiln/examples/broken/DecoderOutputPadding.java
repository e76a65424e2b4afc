package dev.kiln.examples.broken;

import static dev.kiln.dsl.Padding.SAME;

import dev.kiln.dsl.Conv2DTranspose;
import dev.kiln.dsl.Input;
import dev.kiln.dsl.Model;
import dev.kiln.dsl.Tensor;

/** Seed 002: an outputPadding as large as the stride does not pick any valid size. */
@Model
class DecoderOutputPadding {
  @Input(shape = {7, 7, 16}) Tensor code;
  @Conv2DTranspose(filters = 8, kernelSize = 3, strides = 2, padding = SAME, outputPadding = 2) Tensor up;
}
