package demo;

import static dev.kiln.dsl.Activations.RELU;
import static dev.kiln.dsl.Padding.SAME;

import dev.kiln.dsl.Conv2D;
import dev.kiln.dsl.Input;
import dev.kiln.dsl.MaxPooling2D;
import dev.kiln.dsl.Model;
import dev.kiln.dsl.Shape;
import dev.kiln.dsl.Tensor;
import dev.kiln.dsl.UpSampling2D;

/** Seed 000's mistake: a third pooling floors 7 to 3, so the decoder comes back 24 wide. */
@Model
class Autoencoder {
  @Input(shape = {28, 28, 1}) Tensor image;
  @Conv2D(filters = 16, kernelSize = 3, padding = SAME, activation = RELU) Tensor conv1;
  @MaxPooling2D(poolSize = 2) Tensor pool1;
  @MaxPooling2D(poolSize = 2) Tensor pool2;
  @SuppressWarnings("kiln.truncation") @MaxPooling2D(poolSize = 2) Tensor pool3;
  @UpSampling2D(size = 2) Tensor up1;
  @UpSampling2D(size = 2) Tensor up2;
  @UpSampling2D(size = 2) Tensor up3;
  @Conv2D(filters = 1, kernelSize = 3, padding = SAME) @Shape({28, 28, 1}) Tensor restored;
}
