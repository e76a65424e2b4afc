package dev.kiln.importer;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.kiln.dsl.Activations;
import dev.kiln.dsl.Padding;
import dev.kiln.processor.KilnProcessor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one writer of imported sources: its output compiles with the processor, unchanged. */
class ModelSourceWriterTest {

  private static Map<String, Object> attrs(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  private static ImportedModel residual() {
    return new ImportedModel("com.example", "Residual", "residual.onnx (opset 17)", List.of(
        new ImportedLayer("image", "Input", attrs("shape", new int[] {8, 8, 3}), List.of(), false, "ONNX input image"),
        new ImportedLayer("stem", "Conv2D", attrs("filters", 4, "kernelSize", new int[] {3}, "padding", Padding.SAME,
            "activation", Activations.RELU), List.of("image"), false, "ONNX Conv /stem/Conv"),
        new ImportedLayer("branch", "Conv2D", attrs("filters", 4, "kernelSize", new int[] {1, 1}), List.of(), false, ""),
        new ImportedLayer("sum", "Add", attrs(), List.of("stem", "branch"), false, "ONNX Add /Add"),
        new ImportedLayer("act", "ReLU", attrs("maxValue", 6.0), List.of(), true, "")),
        List.of("training: dropout seed <none>"));
  }

  @Test
  void writesAnnotatedFieldsWithFromOnlyWhereNeeded() {
    String source = ModelSourceWriter.write(residual());
    assertThat(source).contains("package com.example;");
    assertThat(source).contains("@Conv2D(filters = 4, kernelSize = 3, padding = Padding.SAME, activation = Activations.RELU)");
    assertThat(source).contains("@Conv2D(filters = 4, kernelSize = {1, 1})\n  Tensor branch;");
    assertThat(source).contains("@Add(from = {\"stem\", \"branch\"})");
    assertThat(source).contains("@ReLU(maxValue = 6.0)\n  @Output\n  Tensor act;");
    assertThat(source).contains("ONNX Conv /stem/Conv");
    assertThat(source).contains("<li>training: dropout seed &lt;none&gt;");
    assertThat(source).doesNotContain("from = \"image\"");
  }

  @Test
  void theWrittenSourceCompilesWithTheProcessorWithoutWarnings() {
    String source = ModelSourceWriter.write(residual());
    Compilation compilation = Compiler.javac()
        .withProcessors(new KilnProcessor())
        .withOptions("-Xlint:all", "-Werror")
        .compile(JavaFileObjects.forSourceString("com.example.Residual", source));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.example.KilnResidual");
  }

  @Test
  void refusesWhatJavaCannotSay() {
    ImportedLayer nan = new ImportedLayer("elu", "ELU", attrs("alpha", Double.NaN), List.of(), false, "");
    ImportedModel model = new ImportedModel("", "M", "", List.of(nan), List.of());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelSourceWriter.write(model));
    assertThat(e).hasMessageThat().contains("`alpha` is NaN");
    assertThrows(IllegalArgumentException.class,
        () -> ModelSourceWriter.write(new ImportedModel("", "Not.AName", "", List.of(), List.of())));
  }
}
