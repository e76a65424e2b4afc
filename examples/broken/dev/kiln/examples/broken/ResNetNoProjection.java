package dev.kiln.examples.broken;

import static dev.kiln.dsl.Padding.SAME;

import dev.kiln.dsl.Add;
import dev.kiln.dsl.Conv2D;
import dev.kiln.dsl.Input;
import dev.kiln.dsl.Model;
import dev.kiln.dsl.Tensor;

/** A downsampling residual block whose shortcut lacks the 1x1 stride-2 projection. */
@Model
class ResNetNoProjection {
  @Input(shape = {32, 32, 32}) Tensor block;
  @Conv2D(filters = 64, kernelSize = 3, strides = 2, padding = SAME) Tensor conv1;
  @Conv2D(filters = 64, kernelSize = 3, padding = SAME) Tensor conv2;
  @Add(from = {"conv2", "block"}) Tensor sum;
}
