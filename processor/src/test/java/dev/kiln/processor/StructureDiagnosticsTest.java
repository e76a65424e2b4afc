package dev.kiln.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.kiln.processor.Sources.compile;
import static dev.kiln.processor.Sources.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Mistakes in how the model class is written: clear errors, each on the right element. */
class StructureDiagnosticsTest {

  private static Compilation compileModel(JavaFileObject file, int errors) {
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(errors);
    return compilation;
  }

  @Test
  void noInput() {
    JavaFileObject file = source("M", "@Model", "class M {", "  @Dense(units = 2) Tensor fc;", "}");
    // One error on the class, not one more per layer (issue 11, finding 10).
    Compilation compilation = compileModel(file, 1);
    assertThat(compilation).hadErrorContaining("[kiln.input] model M has no @Input field").inFile(file)
        .onLineContaining("@Model");
  }

  @Test
  void inputAfterALayer() {
    JavaFileObject file = source("M", "@Model", "class M {",
        "  @Input(shape = {4}) Tensor a;",
        "  @Dense(units = 2) Tensor fc;",
        "  @Input(shape = {4}) Tensor b;",
        "}");
    assertThat(compileModel(file, 1))
        .hadErrorContaining("[kiln.input] @Input `b` is declared after the layer `fc`; declare every @Input before "
            + "the layers.").inFile(file).onLineContaining("Tensor b;");
  }

  @Test
  void layerBeforeInput() {
    JavaFileObject file = source("M", "@Model", "class M {",
        "  @Dense(units = 2) Tensor early;",
        "  @Input(shape = {4}) Tensor a;",
        "  @Dense(units = 2) Tensor fc;",
        "}");
    assertThat(compileModel(file, 1))
        .hadErrorContaining("`early` is declared before the @Input `a`, so it has no input").inFile(file)
        .onLineContaining("Tensor early;");
  }

  @Test
  void inputWithoutLayers() {
    JavaFileObject file = source("M", "@Model", "class M {", "  @Input(shape = {4}) Tensor a;", "}");
    assertThat(compileModel(file, 1)).hadErrorContaining("model M has an @Input but no layer").inFile(file)
        .onLineContaining("@Model");
  }

  @Test
  void invalidInputShape() {
    JavaFileObject file = source("M", "@Model", "class M {",
        "  @Input(shape = {28, 0, 1}) Tensor a;",
        "  @Flatten Tensor flat;",
        "}");
    assertThat(compileModel(file, 1))
        .hadErrorContaining("[kiln.input] @Input `a`: every dimension must be at least 1 (or Input.ANY for a free height or width); received {28, 0, 1}.")
        .inFile(file).onLineContaining("shape = {28, 0, 1}");
  }

  @Test
  void layerOnAFieldOfAnotherType() {
    JavaFileObject file = source("M", "@Model", "class M {",
        "  @Input(shape = {4}) Tensor a;",
        "  @Dense(units = 2) float[] fc;",
        "}");
    assertThat(compileModel(file, 1))
        .hadErrorContaining("`fc` is annotated @Dense, so it must be declared as a dev.kiln.dsl.Tensor, not float[].")
        .inFile(file).onLineContaining("float[] fc;");
  }

  @Test
  void staticLayerField() {
    JavaFileObject file = source("M", "@Model", "class M {",
        "  @Input(shape = {4}) Tensor a;",
        "  @Dense(units = 2) static Tensor fc;",
        "}");
    assertThat(compileModel(file, 1)).hadErrorContaining("`fc` is annotated @Dense but is static").inFile(file)
        .onLineContaining("static Tensor fc;");
  }

  @Test
  void twoLayerAnnotations() {
    JavaFileObject file = source("M", "@Model", "class M {",
        "  @Input(shape = {4}) Tensor a;",
        "  @Dense(units = 2) @Dropout(rate = 0.5) Tensor fc;",
        "}");
    assertThat(compileModel(file, 1))
        .hadErrorContaining("`fc` has two layer annotations, @Dense and @Dropout").inFile(file)
        .onLineContaining("@Dropout(rate = 0.5)");
  }

  @Test
  void tensorFieldWithoutLayer() {
    JavaFileObject file = source("M", "@Model", "class M {",
        "  @Input(shape = {4}) Tensor a;",
        "  Tensor forgotten;",
        "  @Dense(units = 2) Tensor fc;",
        "}");
    assertThat(compileModel(file, 1))
        .hadErrorContaining("`forgotten` is a Tensor field of model M without a layer annotation").inFile(file)
        .onLineContaining("Tensor forgotten;");
  }

  @Test
  void layerOutsideAModel() {
    JavaFileObject file = source("M", "class M {", "  @Dense(units = 2) Tensor fc;", "}");
    assertThat(compileModel(file, 1))
        .hadErrorContaining("`fc` is annotated @Dense but its class M is not a @Model").inFile(file)
        .onLineContaining("Tensor fc;");
  }

  @ParameterizedTest
  @ValueSource(strings = {"interface M {}", "enum M { A }", "record M(int x) {}", "@interface M {}"})
  void modelOnSomethingOtherThanAClass(String declaration) {
    JavaFileObject file = source("M", "@Model", declaration);
    assertThat(compileModel(file, 1)).hadErrorContaining("[kiln.model] @Model goes on a class, but M is")
        .inFile(file).onLineContaining("@Model");
  }

  @Test
  void genericModel() {
    JavaFileObject file = source("M", "@Model", "class M<T> {",
        "  @Input(shape = {4}) Tensor a;",
        "  @Dense(units = 2) Tensor fc;",
        "}");
    assertThat(compileModel(file, 1)).hadErrorContaining("@Model class M must not have type parameters")
        .inFile(file).onLineContaining("@Model");
  }

  @Test
  void inputShapeAssertion() {
    JavaFileObject file = source("M", "@Model", "class M {",
        "  @Input(shape = {4}) @Shape({5}) Tensor a;",
        "  @Dense(units = 2) Tensor fc;",
        "}");
    assertThat(compileModel(file, 1)).hadErrorContaining("[kiln.shape] @Input `a` is (None, 4) but @Shape declares "
        + "(None, 5)").inFile(file).onLineContaining("@Shape({5})");
  }
}
