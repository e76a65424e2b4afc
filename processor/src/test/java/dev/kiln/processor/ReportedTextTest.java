package dev.kiln.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.kiln.processor.Sources.compile;
import static dev.kiln.processor.Sources.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * The one text of a problem: javac's message is the catalog's sentence with its tag (the runtime's
 * {@code BrokenModelTest} pins the same sentence for the same model), the JSON report carries it,
 * and an internal error names the exception and the Kiln frames a bug report needs.
 */
class ReportedTextTest {
  private static final String WINDOW = "[kiln.window] `conv` (Conv2D): kernel 3x3 does not fit its 2x2x1 input from "
      + "the @Input `image`: VALID gives height and width 2 - 3 + 1 = 0 (TensorFlow: \"Negative dimension size "
      + "caused by subtracting 3 from 2\"). Use padding = SAME (output 2x2x4), or a kernelSize of at most 2. Or make "
      + "the @Input `image` at least 3x3x1 (it is 2x2x1).";

  @Test
  void javacShowsTheCatalogSentenceExactlyOnTheAttribute() {
    JavaFileObject file = source("Broken",
        "@Model",
        "class Broken {",
        "  @Input(shape = {2, 2, 1}) Tensor image;",
        "  @Conv2D(filters = 4, kernelSize = 3, activation = RELU) Tensor conv;",
        "}");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    Diagnostic<? extends JavaFileObject> error = compilation.errors().get(0);
    assertThat(error.getMessage(Locale.ROOT)).isEqualTo(WINDOW);
    assertThat(compilation).hadErrorContaining(WINDOW).inFile(file).onLine(8).atColumn(37);
  }

  @Test
  void jsonReportListsTheWarningWithJavacsText() throws IOException {
    JavaFileObject file = source("Pooled",
        "@Model",
        "class Pooled {",
        "  @Input(shape = {5, 5, 1}) Tensor image;",
        "  @MaxPooling2D(poolSize = 2) Tensor pool;",
        "}");
    Compilation compilation = compile(file);
    assertThat(compilation).succeeded();
    String warning = compilation.warnings().get(0).getMessage(Locale.ROOT);
    String json = compilation.generatedFile(StandardLocation.CLASS_OUTPUT, "", "META-INF/kiln/test.Pooled.json")
        .orElseThrow().getCharContent(true).toString();
    String rendered = warning.substring(0, warning.indexOf(" Silence with @SuppressWarnings"));
    assertThat(json).contains("  \"problems\": [\n    {\"code\": \"kiln.truncation\", \"severity\": \"warning\", "
        + "\"layer\": \"pool\", \"attribute\": null, \"index\": -1, \"message\": \"" + rendered + "\"}\n  ]\n}\n");
    assertThat(rendered).startsWith("[kiln.truncation] `pool` (MaxPooling2D) drops 1 row at the bottom");
  }

  @Test
  void internalErrorNamesTheExceptionItsCauseAndTheKilnFrames() {
    JavaFileObject file = source("A", "@Model", "class A {", "  @Input(shape = {4}) Tensor x;",
        "  @Dense(units = 2) Tensor fc;", "}");
    KilnProcessor failing = new KilnProcessor(spec -> {
      throw new IllegalStateException("boom", new ArithmeticException("overflow"));
    });
    Compilation compilation = Compiler.javac().withProcessors(failing).compile(file);
    assertThat(compilation).hadErrorCount(1);
    // javac indents a message's continuation lines; compare them stripped.
    java.util.List<String> lines = compilation.errors().get(0).getMessage(Locale.ROOT).lines().map(String::strip)
        .toList();
    assertThat(lines.get(0)).isEqualTo("[kiln.internal] internal error in the Kiln processor while checking A: "
        + "java.lang.IllegalStateException: boom (caused by java.lang.ArithmeticException: overflow). This is a bug "
        + "in Kiln: please report it with the model source and these lines:");
    assertThat(lines.get(1)).startsWith("at dev.kiln.processor.ReportedTextTest.lambda$");
    assertThat(lines.stream().anyMatch(l -> l.startsWith("at dev.kiln.processor.KilnProcessor.process("))).isTrue();
    assertThat(lines.subList(1, lines.size()).stream().allMatch(l -> l.startsWith("at dev.kiln."))).isTrue();
    assertThat(lines.size() - 1).isAtMost(BugReport.KILN_FRAMES + 1);
    assertThat(compilation).hadErrorContaining("[kiln.internal]").inFile(file).onLineContaining("class A");
  }
}
