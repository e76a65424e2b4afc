package dev.kiln.examples;

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
import dev.kiln.dsl.Shape;
import dev.kiln.dsl.Tensor;

/**
 * The TensorFlow tutorial CNN of seed 001: SAME 5x5 convolutions keep 28x28, each pooling halves
 * it, so the dense layer sees 7x7x64. Trained on Fashion-MNIST, whose class names its output declares.
 */
@Model
class TutorialCnn {
  @Input(shape = {28, 28, 1}) Tensor image;
  @Conv2D(filters = 32, kernelSize = 5, padding = SAME, activation = RELU) Tensor conv1;
  @MaxPooling2D(poolSize = 2) Tensor pool1;
  @Conv2D(filters = 64, kernelSize = 5, padding = SAME, activation = RELU) Tensor conv2;
  @MaxPooling2D(poolSize = 2) @Shape({7, 7, 64}) Tensor pool2;
  @Flatten Tensor flat;
  @Dense(units = 1024, activation = RELU) Tensor dense;
  @Labels({"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"})
  @Dense(units = 10, activation = SOFTMAX) Tensor classes;
}
