package dev.kiln.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.kiln.processor.Sources.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Free input sizes (Input.ANY): the accepted set as a note, the summary's formulas, and the errors. */
class FreeSizeDiagnosticsTest {

  private static JavaFileObject model(String... body) {
    String[] lines = new String[body.length + 3];
    lines[0] = "@Model";
    lines[1] = "class F {";
    System.arraycopy(body, 0, lines, 2, body.length);
    lines[lines.length - 1] = "}";
    return source("F", lines);
  }

  /** A two-level SAME U-Net: its decoder fits each skip with sameShapeAs. */
  private static final String[] UNET = {
      "  @Input(shape = {Input.ANY, Input.ANY, 3}) Tensor image;",
      "  @Conv2D(filters = 8, kernelSize = 3, padding = SAME, activation = RELU) Tensor e1;",
      "  @MaxPooling2D(poolSize = 2) Tensor p1;",
      "  @Conv2D(filters = 8, kernelSize = 3, padding = SAME, activation = RELU) Tensor e2;",
      "  @MaxPooling2D(poolSize = 2) Tensor p2;",
      "  @Conv2D(filters = 8, kernelSize = 3, padding = SAME, activation = RELU) Tensor bottom;",
      "  @Conv2DTranspose(filters = 8, kernelSize = 3, strides = 2, padding = SAME, sameShapeAs = \"e2\") Tensor u2;",
      "  @Concatenate(from = {\"u2\", \"e2\"}) Tensor c2;",
      "  @Conv2DTranspose(filters = 8, kernelSize = 3, strides = 2, padding = SAME, sameShapeAs = \"e1\") Tensor u1;",
      "  @Concatenate(from = {\"u1\", \"e1\"}) Tensor c1;",
      "  @Conv2D(filters = 1, kernelSize = 1, activation = SIGMOID) Tensor mask;",
  };

  @Test
  void aFreeUNetCompilesAndSaysWhichSizesItTakes() {
    JavaFileObject file = model(UNET);
    Compilation compilation = Compiler.javac().withProcessors(new KilnProcessor())
        .withOptions("-Akiln.summary=true", "-Xlint:all", "-Werror").compile(file);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).hadNoteContaining(
        "Kiln: `image` takes H ≥ 4 with H ≡ 0 (mod 4) and W ≥ 4 with W ≡ 0 (mod 4) (checked at the smallest, 4x4)");
    String summary = compilation.diagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.NOTE)
        .map(d -> d.getMessage(null)).filter(m -> m.startsWith("Kiln summary")).findFirst().orElseThrow();
    assertThat(summary).containsMatch("p1 \\(MaxPooling2D\\) +\\(None, H/2, W/2, 8\\)");
    assertThat(summary).containsMatch("bottom \\(Conv2D\\) +\\(None, H/4, W/4, 8\\)");
    assertThat(summary).containsMatch("u2 \\(Conv2DTranspose\\) +\\(None, H/2, W/2, 8\\)");
    assertThat(summary).containsMatch("mask \\(Conv2D\\) +\\(None, H, W, 1\\)");
    assertThat(summary).contains("Multiply-accumulates: 11,776 per example at 4x4, the smallest input");
    assertThat(summary).contains("Input sizes: `image` takes H ≥ 4 with H ≡ 0 (mod 4)");
    assertThat(compilation).generatedSourceFile("test.KilnF").contentsAsUtf8String()
        .contains("public static FreeSizeNetwork atAnySize(Weights weights, int threads)");
  }

  @Test
  void aSkipThatNeverLinesUpIsAnErrorOnTheMergeWithBothFormulas() {
    JavaFileObject file = model(
        "  @Input(shape = {Input.ANY, 32, 1}) Tensor image;",
        "  @Conv2D(filters = 1, kernelSize = 3) Tensor conv;",
        "  @Concatenate(from = {\"conv\", \"image\"}) Tensor both;");
    Compilation compilation = Sources.compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[kiln.size] no height of `image` is accepted: `both` (Concatenate) "
        + "needs `conv` and `image` equally high, but they are H - 2 and H for every height the layers before it "
        + "accept (H ≥ 3). The gap is 2 at H = 3").inFile(file).onLine(9).atColumn(3);
  }

  @Test
  void aFreeSizeCannotReachAFlatten() {
    JavaFileObject file = model(
        "  @Input(shape = {Input.ANY, Input.ANY, 1}) Tensor image;",
        "  @Conv2D(filters = 4, kernelSize = 3, padding = SAME) Tensor conv;",
        "  @Flatten Tensor flat;",
        "  @Dense(units = 10) Tensor classes;");
    Compilation compilation = Sources.compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[kiln.size] no height of `image` is accepted: a free height cannot "
        + "pass `flat` (Flatten)").inFile(file).onLine(9).atColumn(3);
  }

  @Test
  void theChannelsCannotBeFree() {
    JavaFileObject file = model(
        "  @Input(shape = {Input.ANY, Input.ANY, Input.ANY}) Tensor image;",
        "  @Conv2D(filters = 4, kernelSize = 3, padding = SAME) Tensor conv;");
    Compilation compilation = Sources.compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[kiln.size] @Input `image`: only the height and width can be "
        + "Input.ANY").inFile(file).onLine(7).atColumn(46);
  }

  @Test
  void aBadAttributeInAFreeModelIsReportedAsItself() {
    JavaFileObject file = model(
        "  @Input(shape = {Input.ANY, Input.ANY, 1}) Tensor image;",
        "  @Conv2D(filters = 0, kernelSize = 3, padding = SAME) Tensor conv;");
    Compilation compilation = Sources.compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("filters").inFile(file).onLine(8);
  }

  /** Seed 000's denoiser with a free size, asserting that it gives back its input's size. */
  private static final String[] DENOISER = {
      "  @Input(shape = {Input.ANY, Input.ANY, 1}) Tensor image;",
      "  @Conv2D(filters = 32, kernelSize = 3, padding = SAME, activation = RELU) Tensor conv1;",
      "  @MaxPooling2D(poolSize = 2) Tensor pool1;",
      "  @Conv2D(filters = 16, kernelSize = 3, padding = SAME, activation = RELU) Tensor conv2;",
      "  @MaxPooling2D(poolSize = 2) Tensor pool2;",
      "  @Conv2D(filters = 8, kernelSize = 3, padding = SAME, activation = RELU) Tensor conv3;",
      "  @UpSampling2D(size = 2) Tensor up1;",
      "  @Conv2D(filters = 16, kernelSize = 3, padding = SAME, activation = RELU) Tensor conv4;",
      "  @UpSampling2D(size = 2) Tensor up2;",
      "  @Conv2D(filters = 1, kernelSize = 3, padding = SAME) @Shape(sameAs = \"image\") Tensor restored;",
  };

  @Test
  void aFreeDenoiserThatGivesBackItsSizeTakesMultiplesOfFour() {
    Compilation compilation = Compiler.javac().withProcessors(new KilnProcessor())
        .withOptions("-Xlint:all", "-Werror").compile(model(DENOISER));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).hadNoteContaining(
        "Kiln: `image` takes H ≥ 4 with H ≡ 0 (mod 4) and W ≥ 4 with W ≡ 0 (mod 4) (checked at the smallest, 4x4)");
  }

  @Test
  void sameAsOnAFixedSizeIsCheckedOnTheAttribute() {
    String[] lines = DENOISER.clone();
    lines[0] = "  @Input(shape = {30, 28, 1}) Tensor image;";
    JavaFileObject file = model(lines);
    Compilation compilation = Sources.compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[kiln.shape] `restored` (Conv2D) is 28x28x1, but "
        + "@Shape(sameAs = \"image\") asks for the height and width of `image`, 30x28x1.")
        .inFile(file).onLine(16).atColumn(72);
  }

  @Test
  void aFreeSizeThatCanNeverComeBackIsAnErrorOnTheAssertingField() {
    String[] lines = DENOISER.clone();
    lines[9] = "  @Conv2D(filters = 1, kernelSize = 3) @Shape(sameAs = \"image\") Tensor restored;";
    JavaFileObject file = model(lines);
    Compilation compilation = Sources.compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[kiln.size] no height of `image` is accepted: `restored` (Conv2D)'s "
        + "height is 4·floor(H/4) - 2, never that of `image` (H) as its @Shape(sameAs) asks")
        .inFile(file).onLine(16).atColumn(3);
  }
}
