package dev.kiln.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.kiln.processor.Sources.compile;
import static dev.kiln.processor.Sources.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Graph wiring: names, merges and sameShapeAs, each mistake on its attribute with a fix. */
class GraphDiagnosticsTest {

  private static JavaFileObject model(String... body) {
    String[] lines = new String[body.length + 3];
    lines[0] = "@Model";
    lines[1] = "class G {";
    System.arraycopy(body, 0, lines, 2, body.length);
    lines[lines.length - 1] = "}";
    return source("G", lines);
  }

  @Test
  void unknownNameSuggestsTheClosestField() {
    JavaFileObject file = model(
        "  @Input(shape = {8, 8, 3}) Tensor image;",
        "  @Conv2D(filters = 4, kernelSize = 3, padding = SAME) Tensor conv3;",
        "  @Conv2D(filters = 4, kernelSize = 3, padding = SAME) Tensor conv4;",
        "  @Add(from = {\"conv4\", \"cnv3\"}) Tensor sum;");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[kiln.from] `sum` (Add) reads `cnv3`, but the model has no field of "
        + "that name. Did you mean `conv3`?").inFile(file).onLine(10).atColumn(25);
  }

  @Test
  void laterFieldsCannotBeRead() {
    JavaFileObject file = model(
        "  @Input(shape = {8, 8, 3}) Tensor image;",
        "  @Conv2D(filters = 4, kernelSize = 3, from = \"later\") Tensor early;",
        "  @Conv2D(filters = 4, kernelSize = 3) Tensor later;",
        "  @Dense(units = 2, from = \"self\") Tensor self;");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining("`early` (Conv2D) reads `later`, which is declared after it; a layer "
        + "reads only fields declared before it, so the model stays acyclic.").inFile(file)
        .onLineContaining("from = \"later\"");
    assertThat(compilation).hadErrorContaining("`self` (Dense) reads `self`, which is declared by this very field")
        .inFile(file).onLineContaining("from = \"self\"");
  }

  @Test
  void unusedFieldIsAWarning() {
    JavaFileObject file = model(
        "  @Input(shape = {8, 8, 3}) Tensor image;",
        "  @Conv2D(filters = 4, kernelSize = 3, padding = SAME) Tensor branch;",
        "  @Conv2D(filters = 4, kernelSize = 3, padding = SAME, from = \"image\") Tensor main;");
    Compilation compilation = compile(file);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation).hadWarningContaining("[kiln.unused] `branch` is computed but no layer reads it")
        .inFile(file).onLineContaining("Tensor branch;");
  }

  @Test
  void concatenateOfAnOddSizeHalvedAndDoubled() {
    JavaFileObject file = model(
        "  @Input(shape = {57, 57, 3}) Tensor image;",
        "  @Conv2D(filters = 64, kernelSize = 3, padding = SAME) Tensor conv3;",
        "  @SuppressWarnings(\"kiln.truncation\") @MaxPooling2D Tensor pool3;",
        "  @UpSampling2D Tensor up1;",
        "  @Concatenate(from = {\"up1\", \"conv3\"}) Tensor merged;");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[kiln.merge] `merged` (Concatenate): Concatenate along channels needs "
        + "every other size to agree, but `up1` is 56x56x64 and `conv3` is 57x57x64. Crop `conv3` by 1 row and 1 "
        + "column (`@Cropping2D(cropping = {0, 1, 0, 1}, from = \"conv3\")`). Or make the @Input `image` at least "
        + "58x58x3 (it is 57x57x3).").inFile(file).onLineContaining("@Concatenate");
  }

  @Test
  void residualShortcutWithoutProjection() {
    JavaFileObject file = model(
        "  @Input(shape = {32, 32, 32}) Tensor block;",
        "  @Conv2D(filters = 64, kernelSize = 3, strides = 2, padding = SAME) Tensor conv1;",
        "  @Add(from = {\"conv1\", \"block\"}) Tensor sum;");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("Project `block` to 16x16x64 with a strided 1x1 convolution "
        + "(`@Conv2D(filters = 64, kernelSize = 1, strides = 2, from = \"block\")`)").inFile(file)
        .onLineContaining("@Add");
  }

  @Test
  void mergeArityRankAndAxis() {
    JavaFileObject file = model(
        "  @Input(shape = {4, 4, 2}) Tensor image;",
        "  @Flatten Tensor flat;",
        "  @Subtract(from = {\"image\", \"image\", \"image\"}) Tensor three;",
        "  @Add(from = \"image\") Tensor one;",
        "  @Multiply(from = {\"image\", \"flat\"}) Tensor ranks;",
        "  @Concatenate(from = {\"image\", \"image\"}, axis = 0) Tensor batch;",
        "  @Concatenate(from = {\"image\", \"image\"}, axis = 4) Tensor outside;",
        "  @Concatenate(from = {\"three\", \"one\", \"ranks\", \"batch\", \"outside\"}) Tensor all;");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(5);
    assertThat(compilation).hadErrorContaining("Subtract takes exactly two inputs (from[0] - from[1]); received 3")
        .inFile(file).onLineContaining("Tensor three;");
    assertThat(compilation).hadErrorContaining("a merge needs at least two inputs; received 1").inFile(file)
        .onLineContaining("Tensor one;");
    assertThat(compilation).hadErrorContaining("every input must have the same rank, but `image` is 4x4x2 and "
        + "`flat` is 32").inFile(file).onLineContaining("Tensor ranks;");
    assertThat(compilation).hadErrorContaining("`axis` 0 is the batch axis").inFile(file)
        .onLineContaining("axis = 0");
    assertThat(compilation).hadErrorContaining("`axis` 4 is outside the inputs' axes (1 to 3, or -1 to -3)")
        .inFile(file).onLineContaining("axis = 4");
  }

  @Test
  void sameShapeAsChoosesTheOutputPadding() throws IOException {
    JavaFileObject file = model(
        "  @Input(shape = {57, 57, 3}) Tensor image;",
        "  @Conv2D(filters = 8, kernelSize = 3, padding = SAME) Tensor conv2;",
        "  @Conv2D(filters = 16, kernelSize = 3, strides = 2, padding = SAME) Tensor down;",
        "  @Conv2DTranspose(filters = 8, kernelSize = 3, strides = 2, padding = SAME, sameShapeAs = \"conv2\")"
            + " @Shape({57, 57, 8}) Tensor up;",
        "  @Concatenate(from = {\"up\", \"conv2\"}) Tensor merged;");
    Compilation compilation = Compiler.javac().withProcessors(new KilnProcessor())
        .withOptions("-Xlint:all", "-Werror", "-Akiln.summary=true").compile(file);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadNoteContaining("merged (Concatenate)   (None, 57, 57, 16)   0         0         up, conv2");
    assertThat(compilation).generatedSourceFile("test.KilnG").contentsAsUtf8String()
        .contains("outputPadding=[] activation=LINEAR useBias=true trainable=true sameShapeAs=conv2 @Shape=[57,57,8]\\n");
  }

  @Test
  void sameShapeAsExplainsWhenNoOutputPaddingCan() {
    JavaFileObject file = model(
        "  @Input(shape = {60, 60, 3}) Tensor image;",
        "  @Conv2D(filters = 16, kernelSize = 3, strides = 4, padding = SAME) Tensor down;",
        "  @Conv2DTranspose(filters = 8, kernelSize = 3, strides = 2, padding = SAME, sameShapeAs = \"image\")"
            + " Tensor up;",
        "  @UpSampling2D(sameShapeAs = \"image\", from = \"down\") Tensor up2;",
        "  @Concatenate(from = {\"up\", \"up2\"}) Tensor merged;");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[kiln.same-shape] `up` (Conv2DTranspose) cannot come out with the "
        + "height and width of `image` (60x60x3): with strides 2, kernel 3 and SAME padding, an input 15 high "
        + "gives 29 to 30 rows (outputPadding 0 to 1), not 60").inFile(file).onLineContaining("Tensor up;");
  }

  @Test
  void twoInputsAndTwoOutputs() throws IOException {
    JavaFileObject file = model(
        "  @Input(shape = {16, 16, 3}) Tensor image;",
        "  @Input(shape = {16, 16, 1}) Tensor mask;",
        "  @Concatenate(from = {\"image\", \"mask\"}) Tensor both;",
        "  @Conv2D(filters = 8, kernelSize = 3, padding = SAME) Tensor features;",
        "  @Conv2D(filters = 1, kernelSize = 1) @Output Tensor refinedMask;",
        "  @GlobalAveragePooling2D(from = \"features\") Tensor pooled;",
        "  @Dense(units = 5) @Output Tensor label;");
    Compilation compilation = Compiler.javac().withProcessors(new KilnProcessor())
        .withOptions("-Xlint:all", "-Werror").compile(file);
    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("test.KilnG").contentsAsUtf8String()
        .contains("public static final int REFINED_MASK_HEIGHT = 16;");
    assertThat(compilation).generatedSourceFile("test.KilnG").contentsAsUtf8String()
        .contains("public static final int LABEL_UNITS = 5;");
  }
}
