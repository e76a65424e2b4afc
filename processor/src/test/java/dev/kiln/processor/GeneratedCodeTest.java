package dev.kiln.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.kiln.processor.Sources.denoiser;
import static dev.kiln.processor.Sources.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated class against a reviewed golden file. Run with {@code -Dkiln.updateGolden=true} to
 * rewrite the golden files, then review the diff like code.
 */
class GeneratedCodeTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  private static Compilation compileStrict(JavaFileObject... files) {
    return Compiler.javac().withProcessors(new KilnProcessor())
        .withOptions("-Xlint:all", "-Werror", "-Akiln.summary=true").compile(files);
  }

  private static String generated(Compilation compilation, String name) throws IOException {
    return compilation.generatedSourceFile(name).orElseThrow().getCharContent(true).toString();
  }

  private static void assertGolden(String fileName, String actual) throws IOException {
    Path golden = GOLDEN.resolve(fileName);
    if (Boolean.getBoolean("kiln.updateGolden")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }

  @Test
  void denoiserClassMatchesItsGoldenFileAndCompilesUnderWerror() throws IOException {
    Compilation compilation = compileStrict(denoiser());
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(0);
    assertGolden("KilnDenoiser.java", generated(compilation, "test.KilnDenoiser"));
  }

  /**
   * One model per shape of generated API, beyond the denoiser's image-to-image one: a vector output
   * (a classifier: {@code predict} returns the units), a graph (a skip connection), several inputs
   * and several outputs.
   */
  static java.util.stream.Stream<JavaFileObject> apiShapes() {
    return java.util.stream.Stream.of(
        source("Classifier",
            "@Model",
            "class Classifier {",
            "  @Input(shape = {28, 28, 1}) Tensor image;",
            "  @Conv2D(filters = 8, kernelSize = 3, activation = RELU) Tensor conv;",
            "  @MaxPooling2D(poolSize = 2) Tensor pool;",
            "  @Flatten Tensor flat;",
            "  @Dense(units = 10, activation = SOFTMAX) Tensor classes;",
            "}"),
        source("Residual",
            "@Model",
            "class Residual {",
            "  @Input(shape = {16, 16, 8}) Tensor image;",
            "  @Conv2D(filters = 8, kernelSize = 3, padding = SAME, activation = RELU) Tensor conv1;",
            "  @Conv2D(filters = 8, kernelSize = 3, padding = SAME) Tensor conv2;",
            "  @Add(from = {\"conv2\", \"image\"}) Tensor sum;",
            "  @ReLU Tensor out;",
            "}"),
        source("TwoInputs",
            "@Model",
            "class TwoInputs {",
            "  @Input(shape = {8, 8, 3}) Tensor image;",
            "  @Input(shape = {8, 8, 1}) Tensor mask;",
            "  @Concatenate(from = {\"image\", \"mask\"}) Tensor both;",
            "  @Conv2D(filters = 4, kernelSize = 3, padding = SAME) Tensor conv;",
            "}"),
        source("TwoOutputs",
            "@Model",
            "class TwoOutputs {",
            "  @Input(shape = {8, 8, 3}) Tensor image;",
            "  @Conv2D(filters = 4, kernelSize = 3, padding = SAME, activation = RELU) Tensor features;",
            "  @Conv2D(filters = 1, kernelSize = 1, from = \"features\") @Output Tensor mask;",
            "  @GlobalAveragePooling2D(from = \"features\") Tensor pooled;",
            "  @Dense(units = 2, activation = SOFTMAX) @Output Tensor classes;",
            "}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("apiShapes")
  void generatedClassMatchesItsGoldenFileAndCompilesUnderWerror(JavaFileObject model) throws IOException {
    String name = model.getName().replaceAll(".*/|\\.java$", "");
    Compilation compilation = compileStrict(model);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(0);
    assertGolden("Kiln" + name + ".java", generated(compilation, "test.Kiln" + name));
  }

  @Test
  void outputIsByteIdenticalAcrossBuilds() throws IOException {
    String first = generated(compileStrict(denoiser()), "test.KilnDenoiser");
    String second = generated(compileStrict(denoiser()), "test.KilnDenoiser");
    assertThat(second).isEqualTo(first);
  }

  @Test
  void summaryNoteOnRequest() {
    Compilation compilation = compileStrict(denoiser());
    assertThat(compilation).hadNoteContaining("Kiln summary of test.Denoiser:");
    assertThat(compilation).hadNoteContaining(" restored (Conv2D)      (None, 28, 28, 1)    145       112,896   up2");
    assertThat(compilation).hadNoteContaining("Total params: 8,001 (31.25 KB)");
  }

  @Test
  void noSummaryNoteByDefault() {
    Compilation compilation = Compiler.javac().withProcessors(new KilnProcessor()).compile(denoiser());
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation.notes()).isEmpty();
  }

  @Test
  void jsonReportIsAClassPathResource() throws IOException {
    Compilation compilation = compileStrict(denoiser());
    String json = compilation.generatedFile(StandardLocation.CLASS_OUTPUT, "", "META-INF/kiln/test.Denoiser.json")
        .orElseThrow().getCharContent(true).toString();
    assertGolden("Denoiser.json", json);
    assertThat(json).contains("\"totalParams\": 8001");
  }
}
