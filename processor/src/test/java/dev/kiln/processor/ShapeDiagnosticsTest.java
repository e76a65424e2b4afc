package dev.kiln.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.kiln.processor.Sources.compile;
import static dev.kiln.processor.Sources.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Shape errors and warnings, each on its field or attribute, with the arithmetic and the fix. */
class ShapeDiagnosticsTest {

  /** Seed 000 with a third pooling: the output comes back 24x24. */
  private static JavaFileObject autoencoder24(String modelAnnotation, String poolAnnotations) {
    return source("Autoencoder",
        modelAnnotation,
        "class Autoencoder {",
        "  @Input(shape = {28, 28, 1}) Tensor image;",
        "  @Conv2D(filters = 32, kernelSize = 3, padding = SAME, activation = RELU) Tensor conv1;",
        "  @MaxPooling2D(poolSize = 2) Tensor pool1;",
        "  @Conv2D(filters = 16, kernelSize = 3, padding = SAME, activation = RELU) Tensor conv2;",
        "  @MaxPooling2D(poolSize = 2) Tensor pool2;",
        "  @Conv2D(filters = 8, kernelSize = 3, padding = SAME, activation = RELU) Tensor conv3;",
        "  " + poolAnnotations + "@MaxPooling2D(poolSize = 2) Tensor pool3;",
        "  @UpSampling2D(size = 2) Tensor up1;",
        "  @Conv2D(filters = 16, kernelSize = 3, padding = SAME, activation = RELU) Tensor conv4;",
        "  @UpSampling2D(size = 2) Tensor up2;",
        "  @Conv2D(filters = 32, kernelSize = 3, padding = SAME, activation = RELU) Tensor conv5;",
        "  @UpSampling2D(size = 2) Tensor up3;",
        "  @Conv2D(filters = 1, kernelSize = 3, padding = SAME) @Shape({28, 28, 1}) Tensor restored;",
        "}");
  }

  @Test
  void shapeMismatchExplainsTheFloorAndTheUpsamplings() {
    JavaFileObject file = autoencoder24("@Model", "");
    Compilation compilation = compile(file);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[kiln.shape] `restored` (Conv2D) is (None, 24, 24, 1) but @Shape declares "
            + "(None, 28, 28, 1). Height and width: `pool1` and `pool2` (MaxPooling2D) divided 28 by 4 to 7, "
            + "then `pool3` (MaxPooling2D) floored 7 / 2 to 3, dropping 1 row and column, then `up1`, `up2` and "
            + "`up3` (UpSampling2D) multiplied 3 by 8 to 24.")
        .inFile(file).onLineContaining("@Shape({28, 28, 1}) Tensor restored");
    assertThat(compilation).hadErrorContaining("remove `pool3` (MaxPooling2D) and one of `up1`, `up2`, `up3`");
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation)
        .hadWarningContaining("[kiln.truncation] `pool3` (MaxPooling2D) drops 1 row at the bottom and 1 column")
        .inFile(file).onLineContaining("Tensor pool3");
  }

  @Test
  void truncationIsAWarningThatSuppressWarningsSilences() {
    Compilation compilation = compile(source("Pool",
        "@Model",
        "class Pool {",
        "  @Input(shape = {7, 7, 8}) Tensor image;",
        "  @SuppressWarnings(\"kiln.truncation\") @MaxPooling2D(poolSize = 2) Tensor pool;",
        "}"));
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void truncationCanBeSilencedOnTheModel() {
    Compilation compilation = compile(source("Pool",
        "@Model @SuppressWarnings(\"kiln\")",
        "class Pool {",
        "  @Input(shape = {7, 7, 8}) Tensor image;",
        "  @MaxPooling2D(poolSize = 2) Tensor pool;",
        "}"));
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void truncationIsAnErrorInAStrictModel() {
    JavaFileObject file = source("Pool",
        "@Model(strict = true)",
        "class Pool {",
        "  @Input(shape = {7, 7, 8}) Tensor image;",
        "  @MaxPooling2D(poolSize = 2) Tensor pool;",
        "}");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[kiln.truncation]").inFile(file).onLineContaining("Tensor pool");
    assertThat(compilation).hadErrorContaining("This is an error because the model is @Model(strict = true).");
  }

  @Test
  void validConvOnA2x2InputIsTheNegativeDimensionError() {
    JavaFileObject file = source("Negative",
        "@Model @SuppressWarnings(\"kiln.truncation\")",
        "class Negative {",
        "  @Input(shape = {28, 28, 1}) Tensor image;",
        "  @Conv2D(filters = 32, kernelSize = 3, activation = RELU) Tensor conv1;",
        "  @MaxPooling2D(poolSize = 2) Tensor pool1;",
        "  @Conv2D(filters = 16, kernelSize = 3, activation = RELU) Tensor conv2;",
        "  @MaxPooling2D(poolSize = 2) Tensor pool2;",
        "  @Conv2D(filters = 8, kernelSize = 3, activation = RELU) Tensor conv3;",
        "  @MaxPooling2D(poolSize = 2) Tensor pool3;",
        "  @UpSampling2D(size = 2) Tensor up1;",
        "  @Conv2D(filters = 16, kernelSize = 3, activation = RELU) Tensor conv4;",
        "  @UpSampling2D(size = 2) Tensor up2;",
        "  @Conv2D(filters = 32, kernelSize = 3, activation = RELU) Tensor conv5;",
        "}");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[kiln.window] `conv4` (Conv2D): kernel 3x3 does not fit its 2x2x8 input from `up1` "
            + "(UpSampling2D): VALID gives height and width 2 - 3 + 1 = 0 (TensorFlow: \"Negative dimension size "
            + "caused by subtracting 3 from 2\"). Use padding = SAME (output 2x2x16), or a kernelSize of at most 2. "
            + "Or make the @Input `image` at least 30x30x1 (it is 28x28x1).")
        .inFile(file).onLineContaining("filters = 16, kernelSize = 3, activation = RELU) Tensor conv4");
  }

  @Test
  void windowErrorPointsAtTheAxisThatDoesNotFit() {
    JavaFileObject file = source("Tall",
        "@Model",
        "class Tall {",
        "  @Input(shape = {40, 4, 1}) Tensor image;",
        "  @Conv2D(filters = 8, kernelSize = {3, 5}) Tensor conv;",
        "}");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("width 4 - 5 + 1 = 0").inFile(file)
        .onLine(8).atColumn(41);
  }

  @Test
  void poolingToZeroIsAnError() {
    JavaFileObject file = source("Pool",
        "@Model",
        "class Pool {",
        "  @Input(shape = {2, 2, 8}) Tensor image;",
        "  @MaxPooling2D(poolSize = 3) Tensor pool;",
        "}");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("pool window 3x3 does not fit its 2x2x8 input")
        .inFile(file).onLineContaining("poolSize = 3");
  }

  @Test
  void spatialLayerAfterFlattenOrDense() {
    JavaFileObject file = source("Flat",
        "@Model",
        "class Flat {",
        "  @Input(shape = {8, 8, 3}) Tensor image;",
        "  @Flatten Tensor flat;",
        "  @Dense(units = 10) Tensor fc;",
        "  @Conv2D(filters = 4, kernelSize = 3) Tensor conv;",
        "}");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[kiln.rank] `conv` (Conv2D) needs a (height, width, channels) "
        + "input, but its input from `fc` (Dense) is (None, 10). `flat` (Flatten) turned its 8x8x3 input into "
        + "(None, 192).").inFile(file).onLineContaining("Tensor conv");
  }

  @Test
  void croppingTooMuch() {
    JavaFileObject file = source("Crop",
        "@Model",
        "class Crop {",
        "  @Input(shape = {5, 6, 3}) Tensor image;",
        "  @Cropping2D(cropping = {3, 3, 0, 0}) Tensor crop;",
        "}");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[kiln.crop] `crop` (Cropping2D): cropping must leave at least one "
        + "row and one column, but cropping 3 + 3 rows leaves -1 of 5").inFile(file)
        .onLineContaining("cropping = {3, 3, 0, 0}");
  }

  @Test
  void reshapeOfTheWrongSize() {
    JavaFileObject file = source("Re",
        "@Model",
        "class Re {",
        "  @Input(shape = {5, 6, 7}) Tensor image;",
        "  @Reshape(targetShape = {4, 7}) Tensor reshaped;",
        "}");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[kiln.reshape-size]").inFile(file)
        .onLineContaining("targetShape = {4, 7}");
    assertThat(compilation).hadErrorContaining("Use targetShape = {-1, 7} (30x7).");
  }

  @Test
  void transposedOutputThatWouldBeEmpty() {
    JavaFileObject file = source("Empty",
        "@Model",
        "class Empty {",
        "  @Input(shape = {1, 1, 4}) Tensor image;",
        "  @Conv2DTranspose(filters = 2, kernelSize = 4, strides = 2, padding = SAME, outputPadding = 0) Tensor up;",
        "}");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[kiln.window] `up` (Conv2DTranspose): the output would be empty")
        .inFile(file).onLineContaining("outputPadding = 0");
  }

  @Test
  void tensorLargerThanAnArray() {
    JavaFileObject file = source("Huge",
        "@Model",
        "class Huge {",
        "  @Input(shape = {1000, 1000, 3}) Tensor image;",
        "  @UpSampling2D(size = 1000) Tensor up;",
        "}");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[kiln.too-large] `up` (UpSampling2D): the output "
        + "1000000x1000000x3 would need 3,000,000,000,000 elements").inFile(file).onLineContaining("size = 1000");
  }

  @Test
  void inputLargerThanAnArray() {
    JavaFileObject file = source("Huge",
        "@Model",
        "class Huge {",
        "  @Input(shape = {100000, 100000, 3}) Tensor image;",
        "  @Flatten Tensor flat;",
        "}");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[kiln.too-large]").inFile(file).onLineContaining("100000");
  }

  @Test
  void oneErrorPerChainButEveryIndependentOne() {
    JavaFileObject file = source("Two",
        "@Model",
        "class First {",
        "  @Input(shape = {2, 2, 1}) Tensor image;",
        "  @Conv2D(filters = 4, kernelSize = 3) Tensor a;",
        "  @Conv2D(filters = 4, kernelSize = 3) Tensor b;",
        "  @Dense(units = 0) Tensor c;",
        "}",
        "@Model",
        "class Second {",
        "  @Input(shape = {4, 4, 1}) Tensor image;",
        "  @Cropping2D(cropping = 2) Tensor crop;",
        "}");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation).hadErrorContaining("`a` (Conv2D): kernel 3x3 does not fit").inFile(file)
        .onLineContaining("Tensor a;");
    assertThat(compilation).hadErrorContaining("`c` (Dense): `units` must be at least 1").inFile(file)
        .onLineContaining("units = 0");
    assertThat(compilation).hadErrorContaining("[kiln.crop]").inFile(file).onLineContaining("cropping = 2");
  }

  @Test
  void transposedShapeThatTheTensorFlowBackendRejectsIsAWarning() {
    JavaFileObject file = source("Up",
        "@Model",
        "class Up {",
        "  @Input(shape = {4, 4, 8}) Tensor image;",
        "  @Conv2DTranspose(filters = 2, kernelSize = 4, strides = 2, padding = SAME, outputPadding = 0) Tensor up;",
        "  @SuppressWarnings(\"kiln.tf-transpose\")",
        "  @Conv2DTranspose(filters = 2, kernelSize = 4, strides = 2, padding = SAME, outputPadding = 0) Tensor up2;",
        "}");
    Compilation compilation = compile(file);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation).hadWarningContaining("[kiln.tf-transpose] `up` (Conv2DTranspose): SAME padding with a "
        + "kernel of even extent 4 and outputPadding 0 makes 6 rows from 4, which Keras's TensorFlow backend rejects "
        + "when the model runs").inFile(file).onLineContaining("Tensor up;");
    assertThat(compilation).hadWarningContaining("Use outputPadding = 1 (7 rows) to run on every backend.");
  }
}
