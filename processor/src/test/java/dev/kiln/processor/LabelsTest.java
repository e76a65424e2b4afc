package dev.kiln.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.kiln.processor.Sources.compile;
import static dev.kiln.processor.Sources.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** {@code @Labels} on the output field: checked against the output's units, then carried by {@code Output}. */
class LabelsTest {

  private static JavaFileObject classifier(String labels) {
    return source("C",
        "@Model",
        "class C {",
        "  @Input(shape = {4, 4, 3}) Tensor image;",
        "  @Flatten Tensor flat;",
        "  " + labels + " @Dense(units = 3, activation = SOFTMAX) Tensor classes;",
        "}");
  }

  @Test
  void tooFewLabelsIsAnErrorOnTheAttribute() {
    JavaFileObject file = classifier("@Labels({\"cat\", \"dog\"})");
    Compilation compilation = compile(file);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[kiln.labels] @Labels on `classes` must name one class per unit of "
        + "the model's output (None, 3), 3 labels; received 2. Add the missing 1.")
        .inFile(file).onLineContaining("@Labels({\"cat\", \"dog\"})");
  }

  @Test
  void labelsOnAnImageOutputAreAnError() {
    JavaFileObject file = source("I",
        "@Model",
        "class I {",
        "  @Input(shape = {4, 4, 3}) Tensor image;",
        "  @Labels(\"x\") @Conv2D(filters = 2, kernelSize = 1) Tensor conv;",
        "}");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("this output is not a vector").inFile(file).onLineContaining("@Labels");
  }

  @Test
  void declaredLabelsReachTheGeneratedOutput() throws Exception {
    Compilation compilation = compile(classifier("@Labels({\"cat\", \"dog\", \"bird\"})"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("test.KilnC").contentsAsUtf8String()
        .contains("public static final List<String> LABELS = List.of(\"cat\", \"dog\", \"bird\");");
    assertThat(compilation).generatedSourceFile("test.KilnC").contentsAsUtf8String()
        .contains("return topK(k, LABELS);");
  }

  @Test
  void withoutLabelsTopKHasNone() {
    Compilation compilation = compile(classifier(""));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("test.KilnC").contentsAsUtf8String().contains("return topK(k, null);");
  }
}
