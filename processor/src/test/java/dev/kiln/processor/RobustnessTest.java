package dev.kiln.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.kiln.processor.Sources.compile;
import static dev.kiln.processor.Sources.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.kiln.shape.ShapeChecker;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The processor never crashes javac, stays quiet about what javac reports, and goes on after a failure. */
class RobustnessTest {

  @Test
  void unresolvedEnumConstantIsLeftToJavac() {
    JavaFileObject file = source("M", "@Model", "class M {",
        "  @Input(shape = {8, 8, 3}) Tensor image;",
        "  @Conv2D(filters = 4, kernelSize = 3, padding = SAMEE) Tensor conv;",
        "}");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    // javac 17 says "cannot find symbol", javac 25 "an enum annotation value must be an enum constant".
    assertThat(compilation).hadErrorContainingMatch("cannot find symbol|must be an enum constant").inFile(file)
        .onLineContaining("SAMEE");
  }

  @Test
  void unresolvedConstantInAnArrayIsLeftToJavac() {
    JavaFileObject file = source("M", "@Model", "class M {",
        "  @Input(shape = {8, 8, SIZE}) Tensor image;",
        "  @Flatten Tensor flat;",
        "}");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("cannot find symbol");
  }

  @Test
  void unresolvedFieldTypeIsLeftToJavac() {
    JavaFileObject file = source("M", "@Model", "class M {",
        "  @Input(shape = {8, 8, 3}) Tensor image;",
        "  @Flatten Tenser flat;",
        "}");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(file).onLineContaining("Tenser");
  }

  @Test
  void unresolvedAnnotationIsLeftToJavac() {
    JavaFileObject file = source("M", "@Model", "class M {",
        "  @Input(shape = {8, 8, 3}) Tensor image;",
        "  @Conv2d(filters = 4) Tensor conv;",
        "}");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(file).onLineContaining("@Conv2d");
  }

  @Test
  void unexpectedExceptionIsOneErrorPerModelAndProcessingGoesOn() {
    JavaFileObject first = source("A", "@Model", "class A {", "  @Input(shape = {4}) Tensor x;",
        "  @Dense(units = 2) Tensor fc;", "}");
    JavaFileObject second = source("B", "@Model", "class B {", "  @Input(shape = {4}) Tensor x;",
        "  @Dense(units = 3) Tensor fc;", "}");
    KilnProcessor failing = new KilnProcessor(spec -> {
      if (spec.name().equals("A")) {
        throw new IllegalStateException("boom");
      }
      return ShapeChecker.check(spec);
    });
    Compilation compilation = Compiler.javac().withProcessors(failing).withOptions("-Akiln.summary=true")
        .compile(first, second);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[kiln.internal] internal error in the Kiln processor while checking "
        + "A: java.lang.IllegalStateException: boom. This is a bug in Kiln").inFile(first).onLineContaining("class A");
    assertThat(compilation).hadNoteContaining("Kiln summary of test.B");
  }

  @Test
  void generatedNameTakenByTheUserIsAClearError() {
    JavaFileObject model = source("M", "@Model", "class M {", "  @Input(shape = {4}) Tensor x;",
        "  @Dense(units = 2) Tensor fc;", "}");
    JavaFileObject clash = source("KilnM", "class KilnM {}");
    Compilation compilation = compile(model, clash);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[kiln.write] could not write the generated files of model M")
        .inFile(model).onLineContaining("class M");
  }

  @Test
  void nestedModelsGetDistinctNames() {
    JavaFileObject file = source("Outer", "class Outer {",
        "  @Model static class Small { @Input(shape = {4}) Tensor x; @Dense(units = 2) Tensor fc; }",
        "  @Model private static class Other { @Input(shape = {4}) Tensor x; @Dense(units = 3) Tensor fc; }",
        "}");
    Compilation compilation = compile(file);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("test.KilnOuter_Small");
    assertThat(compilation).generatedSourceFile("test.KilnOuter_Other");
  }
}
