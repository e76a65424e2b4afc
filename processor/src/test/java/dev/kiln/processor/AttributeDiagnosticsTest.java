package dev.kiln.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.kiln.processor.Sources.compile;
import static dev.kiln.processor.Sources.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Invalid attribute values: one error each, on the attribute (or the annotation for a combination). */
class AttributeDiagnosticsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "@Conv2D(filters = 0, kernelSize = 3) | filters = 0 | [kiln.not-positive] `layer` (Conv2D): `filters` must be at least 1; received 0.",
      "@Conv2D(filters = 4, kernelSize = {3, 3, 3}) | kernelSize = {3, 3, 3} | [kiln.array-length] `layer` (Conv2D): `kernelSize` takes one value for both axes or two (height, width); received 3 values {3, 3, 3}. Write kernelSize = 3 or kernelSize = {3, 3}.",
      "@Conv2D(filters = 4, kernelSize = {}) | kernelSize = {} | [kiln.array-length]",
      "@Conv2D(filters = 4, kernelSize = {3, 0}) | kernelSize = {3, 0} | `kernelSize[1]` must be at least 1; received 0.",
      "@Conv2D(filters = 4, kernelSize = 3, strides = -1) | strides = -1 | `strides` must be at least 1; received -1.",
      "@Conv2D(filters = 4, kernelSize = 3, strides = 2, dilationRate = 2) | @Conv2D | [kiln.strides-dilation] `layer` (Conv2D): strides greater than 1 cannot be combined with a dilationRate greater than 1",
      "@DepthwiseConv2D(kernelSize = 3, strides = {1, 2}, dilationRate = {2, 1}) | @DepthwiseConv2D | [kiln.strides-dilation]",
      "@DepthwiseConv2D(kernelSize = 3, depthMultiplier = 0) | depthMultiplier = 0 | `depthMultiplier` must be at least 1",
      "@SeparableConv2D(filters = -2, kernelSize = 3) | filters = -2 | [kiln.not-positive]",
      "@Conv2DTranspose(filters = 4, kernelSize = 3, strides = 2, outputPadding = 2) | outputPadding = 2 | [kiln.output-padding] `layer` (Conv2DTranspose): `outputPadding` must be smaller than the stride 2 along that axis; received 2. With stride 2, outputPadding 0 to 1 picks one of the 2 output heights",
      "@Conv2DTranspose(filters = 4, kernelSize = 3, outputPadding = 1) | outputPadding = 1 | With stride 1 there is one output height: use outputPadding = 0, or leave it out.",
      "@Conv2DTranspose(filters = 4, kernelSize = 3, outputPadding = {1, 2, 3}) | outputPadding = {1, 2, 3} | [kiln.array-length]",
      "@MaxPooling2D(poolSize = 0) | poolSize = 0 | `poolSize` must be at least 1",
      "@AveragePooling2D(strides = {2, 2, 2}) | strides = {2, 2, 2} | [kiln.array-length]",
      "@UpSampling2D(size = {2, 0}) | size = {2, 0} | `size[1]` must be at least 1",
      "@ZeroPadding2D(padding = {1, 2, 3}) | padding = {1, 2, 3} | takes one value (all sides), two (vertical, horizontal) or four (top, bottom, left, right)",
      "@ZeroPadding2D(padding = {1, -2}) | padding = {1, -2} | [kiln.negative] `layer` (ZeroPadding2D): `padding[1]` must not be negative; received -2.",
      "@Cropping2D(cropping = -1) | cropping = -1 | [kiln.negative]",
      "@Dropout(rate = 1.0) | rate = 1.0 | [kiln.dropout-rate] `layer` (Dropout): `rate` is the fraction of inputs dropped in training and must be in [0, 1); received 1.0.",
      "@Dropout(rate = -0.1) | rate = -0.1 | [kiln.dropout-rate]",
      "@Reshape(targetShape = {-1, -1}) | targetShape = {-1, -1} | [kiln.reshape-target] `layer` (Reshape): every `targetShape` entry must be at least 1, except a single -1 that is inferred; received {-1, -1}.",
      "@Dense(units = 0) | units = 0 | [kiln.not-positive] `layer` (Dense): `units` must be at least 1; received 0.",
      "@ReLU(maxValue = -1) | maxValue = -1 | [kiln.negative] `layer` (ReLU): `maxValue` must not be negative; received -1.0.",
      "@LeakyReLU(negativeSlope = -0.5) | negativeSlope = -0.5 | [kiln.negative]",
      "@BatchNormalization(epsilon = -1e-3) | epsilon = -1e-3 | [kiln.negative]",
      "@Rescaling(scale = {}) | scale = {} | [kiln.array-length] `layer` (Rescaling): `scale` takes one value, or one per channel; received 0 values {}. Write scale = 1.",
      "@Rescaling(scale = 1, offset = {0, 1}) | offset = {0, 1} | [kiln.per-channel] `layer` (Rescaling): `offset` takes one value, or one per channel (3) of its 8x8x3 input from the @Input `image`; received 2 values {0.0, 1.0}. Give 1 or 3 values.",
      "@Rescaling(scale = Double.NaN) | scale = Double.NaN | [kiln.not-finite] `layer` (Rescaling): `scale` must be a finite number; received NaN, which would make every output of that channel NaN. Use a finite value.",
      "@Normalization(mean = {1, 2, 3}) | mean = {1, 2, 3} | [kiln.normalization] `layer` (Normalization): `mean` and `variance` must have the same number of values; received 3 and 0. Give both (Keras requires them together), or leave both out to load them as weights.",
      "@Normalization(variance = 2) | variance = 2 | [kiln.normalization]",
      "@Normalization(mean = {1, 2}, variance = {1, 2, 3}) | mean = {1, 2} | Give one value per channel in each, or one value in each.",
      "@Normalization(mean = {1, 2, 3}, variance = {1, -2, 3}) | variance = {1, -2, 3} | [kiln.negative] `layer` (Normalization): `variance[1]` must not be negative; received -2.0.",
      "@Normalization(mean = {1, 2}, variance = {1, 2}) | mean = {1, 2} | [kiln.per-channel] `layer` (Normalization): `mean` takes one value, or one per channel (3)",
  })
  void attributeErrorOnItsAttribute(String annotation, String lineFragment, String message) {
    JavaFileObject file = source("M",
        "@Model",
        "class M {",
        "  @Input(shape = {8, 8, 3}) Tensor image;",
        "  " + annotation + " Tensor layer;",
        "}");
    Compilation compilation = compile(file);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(message).inFile(file).onLineContaining(lineFragment);
  }
}
