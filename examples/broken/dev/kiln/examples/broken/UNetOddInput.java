package dev.kiln.examples.broken;

import static dev.kiln.dsl.Activations.RELU;
import static dev.kiln.dsl.Padding.SAME;

import dev.kiln.dsl.Concatenate;
import dev.kiln.dsl.Conv2D;
import dev.kiln.dsl.Input;
import dev.kiln.dsl.MaxPooling2D;
import dev.kiln.dsl.Model;
import dev.kiln.dsl.Tensor;
import dev.kiln.dsl.UpSampling2D;

/** A SAME U-Net level on 57x57: pooling floors 57 to 28, upsampling doubles it to 56, one short. */
@Model
@SuppressWarnings("kiln.truncation")
class UNetOddInput {
  @Input(shape = {57, 57, 3}) Tensor image;
  @Conv2D(filters = 64, kernelSize = 3, padding = SAME, activation = RELU) Tensor conv3;
  @MaxPooling2D Tensor pool3;
  @Conv2D(filters = 128, kernelSize = 3, padding = SAME, activation = RELU) Tensor conv4;
  @UpSampling2D Tensor up1;
  @Concatenate(from = {"up1", "conv3"}) Tensor merged;
}
