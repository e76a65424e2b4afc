package dev.kiln.examples;

import static dev.kiln.dsl.Activations.RELU;

import dev.kiln.dsl.Concatenate;
import dev.kiln.dsl.Conv2D;
import dev.kiln.dsl.Conv2DTranspose;
import dev.kiln.dsl.Cropping2D;
import dev.kiln.dsl.Input;
import dev.kiln.dsl.MaxPooling2D;
import dev.kiln.dsl.Model;
import dev.kiln.dsl.Shape;
import dev.kiln.dsl.Tensor;

/**
 * The original U-Net (Ronneberger et al., 2015): VALID 3x3 convolutions shrink every level, so each
 * encoder tensor is cropped to the decoder's size before the two are concatenated; 572x572 in,
 * 388x388x2 out.
 */
@Model
class UNet {
  @Input(shape = {572, 572, 1}) Tensor image;
  @Conv2D(filters = 64, kernelSize = 3, activation = RELU) Tensor c1a;
  @Conv2D(filters = 64, kernelSize = 3, activation = RELU) @Shape({568, 568, 64}) Tensor c1b;
  @MaxPooling2D Tensor p1;
  @Conv2D(filters = 128, kernelSize = 3, activation = RELU) Tensor c2a;
  @Conv2D(filters = 128, kernelSize = 3, activation = RELU) @Shape({280, 280, 128}) Tensor c2b;
  @MaxPooling2D Tensor p2;
  @Conv2D(filters = 256, kernelSize = 3, activation = RELU) Tensor c3a;
  @Conv2D(filters = 256, kernelSize = 3, activation = RELU) @Shape({136, 136, 256}) Tensor c3b;
  @MaxPooling2D Tensor p3;
  @Conv2D(filters = 512, kernelSize = 3, activation = RELU) Tensor c4a;
  @Conv2D(filters = 512, kernelSize = 3, activation = RELU) @Shape({64, 64, 512}) Tensor c4b;
  @MaxPooling2D Tensor p4;
  @Conv2D(filters = 1024, kernelSize = 3, activation = RELU) Tensor c5a;
  @Conv2D(filters = 1024, kernelSize = 3, activation = RELU) @Shape({28, 28, 1024}) Tensor c5b;

  @Conv2DTranspose(filters = 512, kernelSize = 2, strides = 2) @Shape({56, 56, 512}) Tensor u6;
  @Cropping2D(cropping = 4, from = "c4b") Tensor crop4;
  @Concatenate(from = {"crop4", "u6"}) Tensor m6;
  @Conv2D(filters = 512, kernelSize = 3, activation = RELU) Tensor c6a;
  @Conv2D(filters = 512, kernelSize = 3, activation = RELU) Tensor c6b;

  @Conv2DTranspose(filters = 256, kernelSize = 2, strides = 2) Tensor u7;
  @Cropping2D(cropping = 16, from = "c3b") Tensor crop3;
  @Concatenate(from = {"crop3", "u7"}) Tensor m7;
  @Conv2D(filters = 256, kernelSize = 3, activation = RELU) Tensor c7a;
  @Conv2D(filters = 256, kernelSize = 3, activation = RELU) Tensor c7b;

  @Conv2DTranspose(filters = 128, kernelSize = 2, strides = 2) Tensor u8;
  @Cropping2D(cropping = 40, from = "c2b") Tensor crop2;
  @Concatenate(from = {"crop2", "u8"}) Tensor m8;
  @Conv2D(filters = 128, kernelSize = 3, activation = RELU) Tensor c8a;
  @Conv2D(filters = 128, kernelSize = 3, activation = RELU) Tensor c8b;

  @Conv2DTranspose(filters = 64, kernelSize = 2, strides = 2) Tensor u9;
  @Cropping2D(cropping = 88, from = "c1b") Tensor crop1;
  @Concatenate(from = {"crop1", "u9"}) Tensor m9;
  @Conv2D(filters = 64, kernelSize = 3, activation = RELU) Tensor c9a;
  @Conv2D(filters = 64, kernelSize = 3, activation = RELU) Tensor c9b;
  @Conv2D(filters = 2, kernelSize = 1) @Shape({388, 388, 2}) Tensor segmentation;
}
