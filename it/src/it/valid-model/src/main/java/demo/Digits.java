package demo;

import static dev.kiln.dsl.Activations.RELU;
import static dev.kiln.dsl.Activations.SOFTMAX;
import static dev.kiln.dsl.Padding.SAME;

import dev.kiln.dsl.Conv2D;
import dev.kiln.dsl.Dense;
import dev.kiln.dsl.Flatten;
import dev.kiln.dsl.Input;
import dev.kiln.dsl.Labels;
import dev.kiln.dsl.MaxPooling2D;
import dev.kiln.dsl.Model;
import dev.kiln.dsl.Tensor;

/** A small classifier as a user declares it. */
@Model
class Digits {
  @Input(shape = {28, 28, 1}) Tensor image;
  @Conv2D(filters = 8, kernelSize = 3, padding = SAME, activation = RELU) Tensor conv;
  @MaxPooling2D(poolSize = 2) Tensor pool;
  @Flatten Tensor flat;
  @Labels({"zero", "one", "two"})
  @Dense(units = 3, activation = SOFTMAX) Tensor classes;
}
