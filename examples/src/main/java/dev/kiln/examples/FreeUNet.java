package dev.kiln.examples;

import static dev.kiln.dsl.Activations.RELU;
import static dev.kiln.dsl.Activations.SIGMOID;
import static dev.kiln.dsl.Input.ANY;
import static dev.kiln.dsl.Padding.SAME;

import dev.kiln.dsl.Concatenate;
import dev.kiln.dsl.Conv2D;
import dev.kiln.dsl.Conv2DTranspose;
import dev.kiln.dsl.Input;
import dev.kiln.dsl.MaxPooling2D;
import dev.kiln.dsl.Model;
import dev.kiln.dsl.Shape;
import dev.kiln.dsl.Tensor;

/**
 * {@link SameUNet} for images of any size: the same layers, a free height and width. javac notes the
 * sizes its four poolings and four fitted up-convolutions line up for: {@code H ≥ 16 with H ≡ 0
 * (mod 16)}, and the summary shows each tensor's size as a formula of the input's ({@code H/16} at
 * the bottom).
 */
@Model
class FreeUNet {
  @Input(shape = {ANY, ANY, 3}) Tensor image;
  @Conv2D(filters = 32, kernelSize = 3, padding = SAME, activation = RELU) Tensor e1;
  @MaxPooling2D Tensor p1;
  @Conv2D(filters = 64, kernelSize = 3, padding = SAME, activation = RELU) Tensor e2;
  @MaxPooling2D Tensor p2;
  @Conv2D(filters = 128, kernelSize = 3, padding = SAME, activation = RELU) Tensor e3;
  @MaxPooling2D Tensor p3;
  @Conv2D(filters = 256, kernelSize = 3, padding = SAME, activation = RELU) Tensor e4;
  @MaxPooling2D Tensor p4;
  @Conv2D(filters = 512, kernelSize = 3, padding = SAME, activation = RELU) Tensor bottom;

  @Conv2DTranspose(filters = 256, kernelSize = 3, strides = 2, padding = SAME, sameShapeAs = "e4") Tensor u4;
  @Concatenate(from = {"u4", "e4"}) Tensor m4;
  @Conv2D(filters = 256, kernelSize = 3, padding = SAME, activation = RELU) Tensor d4;
  @Conv2DTranspose(filters = 128, kernelSize = 3, strides = 2, padding = SAME, sameShapeAs = "e3") Tensor u3;
  @Concatenate(from = {"u3", "e3"}) Tensor m3;
  @Conv2D(filters = 128, kernelSize = 3, padding = SAME, activation = RELU) Tensor d3;
  @Conv2DTranspose(filters = 64, kernelSize = 3, strides = 2, padding = SAME, sameShapeAs = "e2") Tensor u2;
  @Concatenate(from = {"u2", "e2"}) Tensor m2;
  @Conv2D(filters = 64, kernelSize = 3, padding = SAME, activation = RELU) Tensor d2;
  @Conv2DTranspose(filters = 32, kernelSize = 3, strides = 2, padding = SAME, sameShapeAs = "e1") Tensor u1;
  @Concatenate(from = {"u1", "e1"}) Tensor m1;
  @Conv2D(filters = 32, kernelSize = 3, padding = SAME, activation = RELU) Tensor d1;
  @Conv2D(filters = 1, kernelSize = 1, activation = SIGMOID) @Shape(sameAs = "image") Tensor mask;
}
