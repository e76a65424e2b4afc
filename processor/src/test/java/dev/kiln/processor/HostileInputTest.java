package dev.kiln.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.kiln.processor.Sources.compile;
import static dev.kiln.processor.Sources.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The findings of issue 11's fuzz run, each on a minimal source: hostile values get a real
 * diagnostic on the attribute at fault (never {@code kiln.internal}), one per mistake, and what is
 * accepted generates a class that compiles under {@code -Xlint:all -Werror}. Source lines: the four
 * imports, then line 5 is {@code @Model} and line 7 the first field.
 */
class HostileInputTest {

  private static JavaFileObject model(String... fields) {
    String[] lines = new String[fields.length + 3];
    lines[0] = "@Model";
    lines[1] = "class M {";
    System.arraycopy(fields, 0, lines, 2, fields.length);
    lines[lines.length - 1] = "}";
    return source("M", lines);
  }

  private static void oneErrorAt(Compilation compilation, JavaFileObject file, String message, long line,
      long column) {
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(message).inFile(file).onLine(line).atColumn(column);
  }

  private static Compilation compileStrict(JavaFileObject... files) {
    return Compiler.javac().withProcessors(new KilnProcessor()).withOptions("-Xlint:all", "-Werror").compile(files);
  }

  @Test
  void tooManyFiltersIsTooLargeOnFilters() {
    JavaFileObject file = model("  @Input(shape = {1000, 1000, 1}) Tensor image;",
        "  @Conv2D(filters = 10000, kernelSize = 1) Tensor conv;");
    oneErrorAt(compile(file), file, "[kiln.too-large] `conv` (Conv2D): the output 1000x1000x10000 would need "
        + "10,000,000,000 elements, more than a Java array holds (2,147,483,647). Use at most 2,147 filters for its "
        + "1000x1000 output, or a smaller input.", 8, 21);
  }

  @Test
  void tooLargeDepthMultiplierIsOnDepthMultiplier() {
    JavaFileObject file = model("  @Input(shape = {1000, 1000, 2}) Tensor image;",
        "  @SeparableConv2D(filters = 4, kernelSize = 1, depthMultiplier = 5000) Tensor conv;");
    oneErrorAt(compile(file), file, "the output 1000x1000x10000 would need 10,000,000,000 elements, more than a "
        + "Java array holds (2,147,483,647). Use a depthMultiplier of at most 1,073 for its 1000x1000 output", 8, 67);
  }

  @Test
  void depthwiseOverflowIsOnDepthMultiplier() {
    JavaFileObject file = model("  @Input(shape = {1000, 1000, 1}) Tensor image;",
        "  @DepthwiseConv2D(kernelSize = 1, depthMultiplier = 10000) Tensor conv;");
    oneErrorAt(compile(file), file, "Use a depthMultiplier of at most 2,147 for its 1000x1000 output", 8, 54);
  }

  @Test
  void transposedOverflowIsOnStrides() {
    JavaFileObject file = model("  @Input(shape = {1000, 1000, 1}) Tensor image;",
        "  @Conv2DTranspose(filters = 4, kernelSize = 1, strides = 1000) Tensor up;");
    oneErrorAt(compile(file), file, "`up` (Conv2DTranspose): the output 1000000x1000000x4 would need "
        + "4,000,000,000,000 elements", 8, 59);
  }

  @Test
  void concatenateAndBroadcastOverflowAreOnFrom() {
    JavaFileObject file = model("  @Input(shape = {1000, 1000, 1000}) Tensor image;",
        "  @Input(shape = {1, 100000, 1}) Tensor row;", "  @Input(shape = {100000, 1, 1}) Tensor column;",
        "  @Concatenate(from = {\"image\", \"image\", \"image\"}) @Output Tensor joined;",
        "  @Add(from = {\"row\", \"column\"}) @Output Tensor sum;");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining("`joined` (Concatenate): the output (None, 1000, 1000, 3000) would "
        + "need 3,000,000,000 elements").inFile(file).onLine(10).atColumn(23);
    assertThat(compilation).hadErrorContaining("`sum` (Add): the output (None, 100000, 100000, 1) would need "
        + "10,000,000,000 elements").inFile(file).onLine(11).atColumn(15);
  }

  @Test
  void kernelWhoseWeightCountOverflowsALongIsTooLarge() {
    JavaFileObject file = model("  @Input(shape = {8, 8, 3}) Tensor image;",
        "  @Conv2D(filters = 2, kernelSize = 2147483647, padding = SAME) Tensor conv;");
    oneErrorAt(compile(file), file, "[kiln.too-large] `conv` (Conv2D): its kernel (2147483647, 2147483647, 3, 2) "
        + "would need 27,670,116,084,794,523,654 elements, more than a Java array holds (2,147,483,647). Use a "
        + "kernelSize of at most 18918 with these channels.", 8, 37);
  }

  @Test
  void shapeTraceAfterAReshapeStartsAtTheReshape() {
    JavaFileObject file = model("  @Input(shape = {784}) Tensor image;",
        "  @Reshape(targetShape = {28, 28, 1}) Tensor grid;",
        "  @Conv2D(filters = 8, kernelSize = 3, padding = SAME) @Shape({14, 14, 8}) Tensor conv;");
    oneErrorAt(compile(file), file, "[kiln.shape] `conv` (Conv2D) is (None, 28, 28, 8) but @Shape declares "
        + "(None, 14, 14, 8). Height and width: no layer changes it from the 28 that `grid` (Reshape) made.", 9, 63);
  }

  @Test
  void emptyShapeSaysWhatToWrite() {
    JavaFileObject file = model("  @Input(shape = {8, 8, 3}) Tensor image;",
        "  @Conv2D(filters = 8, kernelSize = 3) @Shape({}) Tensor conv;");
    oneErrorAt(compile(file), file, "`conv` (Conv2D) is (None, 6, 6, 8) but @Shape declares (None). @Shape lists "
        + "the dimensions without the batch axis: here @Shape({6, 6, 8}).", 8, 47);
  }

  @Test
  void hugeDeclaredShapeEndsTheFixSearch() {
    JavaFileObject file = model("  @Input(shape = {8, 8, 3}) Tensor image;",
        "  @Conv2D(filters = 4, kernelSize = 3) @Shape({100000000, 6, 4}) Tensor conv;");
    oneErrorAt(compile(file), file, "is (None, 6, 6, 4) but @Shape declares (None, 100000000, 6, 4). Height: "
        + "`conv` (Conv2D) took 8 to 6 (VALID: floor((8 - 3) / 1) + 1). No single change", 8, 47);
  }

  @Test
  void nanAlphaIsRejectedOnTheAttribute() {
    JavaFileObject file = model("  @Input(shape = {8}) Tensor image;", "  @ELU(alpha = Double.NaN) Tensor elu;");
    oneErrorAt(compile(file), file, "[kiln.not-finite] `elu` (ELU): `alpha` must be a finite number; received NaN, "
        + "which would make every negative input NaN or infinite. Keras's default is alpha = 1.0.", 8, 22);
  }

  @Test
  void infiniteSlopeAndNanEpsilonAreRejected() {
    JavaFileObject file = model("  @Input(shape = {8}) Tensor image;",
        "  @LeakyReLU(negativeSlope = 1.0 / 0) Tensor leaky;", "  @BatchNormalization(epsilon = 0.0 / 0) Tensor bn;");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining("`negativeSlope` must be a finite number; received Infinity")
        .inFile(file).onLine(8).atColumn(34);
    assertThat(compilation).hadErrorContaining("`epsilon` must be a finite number; received NaN").inFile(file)
        .onLine(9).atColumn(37); // javac places a binary expression at its operator
  }

  @Test
  void nanMomentumIsTrainingOnlyAndGeneratesCleanCode() throws IOException {
    JavaFileObject file = model("  @Input(shape = {8}) Tensor image;",
        "  @BatchNormalization(momentum = 0.0 / 0) Tensor bn;",
        "  @BatchNormalization(momentum = Double.NEGATIVE_INFINITY) Tensor bn2;");
    Compilation compilation = compileStrict(file);
    assertThat(compilation).succeededWithoutWarnings();
    String code = compilation.generatedSourceFile("test.KilnM").orElseThrow().getCharContent(true).toString();
    assertThat(code).contains("layer bn BatchNormalization from=[] epsilon=0.001 momentum=NaN center=true");
    assertThat(code).contains("layer bn2 BatchNormalization from=[] epsilon=0.001 momentum=-Infinity center=true");
  }

  @Test
  void constantNamesNeverCollide() {
    JavaFileObject file = model("  @Input(shape = {8}) Tensor output;", "  @Input(shape = {8}) Tensor x1;",
        "  @Input(shape = {8}) Tensor X1;", "  @Input(shape = {8}) Tensor \u00df;", "  @Input(shape = {8}) Tensor ss;",
        "  @Dense(units = 8, from = \"output\") Tensor skipConv;",
        "  @Dense(units = 8, from = \"x1\") @Output Tensor skip_conv;",
        "  @Add(from = {\"skipConv\", \"X1\", \"\u00df\", \"ss\"}) @Output Tensor a;",
        "  @Add(from = {\"a\", \"a\"}) @Output Tensor A;");
    Compilation compilation = compileStrict(file);
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void inputNamedOutputKeepsTheModelsOutputConstants() throws IOException {
    JavaFileObject file = model("  @Input(shape = {8}) Tensor output;", "  @Input(shape = {8}) Tensor other;",
        "  @Add(from = {\"output\", \"other\"}) Tensor sum;");
    Compilation compilation = compileStrict(file);
    assertThat(compilation).succeededWithoutWarnings();
    String code = compilation.generatedSourceFile("test.KilnM").orElseThrow().getCharContent(true).toString();
    assertThat(code).contains("public static final int OUTPUT_UNITS = 8;");
    assertThat(code).contains("public static final int OUTPUT_UNITS_2 = 8;");
  }

  @Test
  void userClassesNamedLikeJdkTypesDoNotShadowThem() {
    JavaFileObject file = model("  @Input(shape = {8}) Tensor image;",
        "  @BatchNormalization(momentum = java.lang.Double.POSITIVE_INFINITY) Tensor bn;");
    Compilation compilation = compileStrict(file, source("Double", "class Double {}"),
        source("String", "class String {}"), source("List", "class List {}"), source("Path", "class Path {}"));
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void unresolvedFromIsLeftToJavac() {
    JavaFileObject file = model("  @Input(shape = {8}) Tensor image;", "  @Dense(units = 2) Tensor ok;",
        "  @Dense(units = 2, from = Missing.NAME) Tensor bad;");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(file).onLine(9).atColumn(28);
    assertThat(compilation).hadWarningCount(0);
  }

  @Test
  void deferredModelReportsItsMistakeOnce() {
    JavaFileObject file = model("  @Input(shape = {8, 8, 3}) Tensor image;", "  @Dense(units = 2) static Tensor st;",
        "  @Conv2D(filters = Missing.N, kernelSize = 3) Tensor conv;");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining("[kiln.field] `st` is annotated @Dense but is static").inFile(file)
        .onLine(8).atColumn(35);
    assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(file).onLine(9).atColumn(21);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"@Dense(units = 2)", "@Flatten"})
  void syntaxErrorIsLeftToJavac(String layer) {
    JavaFileObject file = model("  @Input(shape = {4, 4, 2}) Tensor image;", "  " + layer + " Tensor Tensor b;",
        "  @Dense(units = 2, from = \"b\") Tensor c;");
    Compilation compilation = compile(file);
    assertThat(compilation).failed();
    for (javax.tools.Diagnostic<?> d : compilation.diagnostics()) {
      assertThat(d.getMessage(null)).doesNotContain("[kiln.");
    }
  }

  @Test
  void repeatedLayerAnnotationIsLeftToJavac() {
    JavaFileObject file = model("  @Input(shape = {8, 8, 3}) Tensor image;", "  @Flatten @Flatten Tensor flat;");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("not a repeatable annotation").inFile(file).onLine(8);
  }

  @Test
  void missingInputIsOneError() {
    JavaFileObject file = model("  @Dense(units = 2) Tensor a;", "  @Dense(units = 2) Tensor b;",
        "  @Dense(units = 2) Tensor c;");
    oneErrorAt(compile(file), file, "[kiln.input] model M has no @Input field", 5, 1);
  }

  @Test
  void singleInputLayerWithTwoNamesIsAnErrorOnTheSecond() {
    JavaFileObject file = model("  @Input(shape = {8}) Tensor a;", "  @Dense(units = 2) Tensor b;",
        "  @Dense(units = 2, from = {\"a\", \"b\"}) Tensor c;");
    oneErrorAt(compile(file), file, "[kiln.from] `c` (Dense) reads one input, but `from` names 2 fields (`a`, `b`). "
        + "Keep one name, or merge them first with a layer such as @Add or @Concatenate.", 9, 34);
  }
}
