package dev.kiln.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.kiln.processor.Sources.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.util.Locale;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * {@code trainable}: a layer's own value wins, otherwise {@code @Model(trainable)} applies; the
 * summary gets Keras's Trainable column, the generated class rebuilds the same split, and the JSON
 * report marks the frozen layers.
 */
class TrainableTest {

  private static Compilation compile() {
    return Compiler.javac().withProcessors(new KilnProcessor())
        .withOptions("-Xlint:all", "-Werror", "-Akiln.summary=true")
        .compile(source("Frozen",
            "@Model(trainable = false)",
            "class Frozen {",
            "  @Input(shape = {6, 6, 3}) Tensor image;",
            "  @Conv2D(filters = 8, kernelSize = 3) Tensor conv;",     // 224, frozen by the model
            "  @BatchNormalization Tensor bn;",                         // 32, all frozen
            "  @Flatten Tensor flat;",
            "  @Dense(units = 2, trainable = true) Tensor fc;",         // 16 * 8 + 2 = 258, fine-tuned
            "}"));
  }

  @Test
  void theModelDefaultFreezesAndALayerOptsBackIn() throws IOException {
    Compilation compilation = compile();
    assertThat(compilation).succeededWithoutWarnings();
    String note = compilation.notes().get(0).getMessage(Locale.ROOT);
    assertThat(note).containsMatch("Trainable +Reads");
    assertThat(note).containsMatch("conv \\(Conv2D\\) +\\(None, 4, 4, 8\\) +224 +[0-9,]+ +N +image");
    assertThat(note).containsMatch("flat \\(Flatten\\) .* - +bn");
    assertThat(note).containsMatch("fc \\(Dense\\) .* Y +flat");
    assertThat(note).containsMatch("Trainable params: 258\\s+Non-trainable params: 256\\s");
    String generated = compilation.generatedSourceFile("test.KilnFrozen").orElseThrow().getCharContent(true)
        .toString();
    assertThat(generated).containsMatch("TRAINABLE_PARAMS = 258L?;");
    assertThat(generated).containsMatch("NON_TRAINABLE_PARAMS = 256L?;");
    assertThat(generated).containsMatch("layer conv Conv2D [^\\n]* trainable=false\\\\n");
    String json = compilation.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/kiln/test.Frozen.json")
        .orElseThrow().getCharContent(true).toString();
    assertThat(json).contains("\"name\": \"bn\", \"type\": \"BatchNormalization\"");
    assertThat(json).containsMatch("\"name\": \"bn\"[^\\n]*\"trainable\": false, \"weights\": \\[\\{\"name\": "
        + "\"gamma\", \"shape\": \\[8\\], \"trainable\": false\\}");
    assertThat(json).doesNotContainMatch("\"name\": \"fc\"[^\\n]*\"params\": 258, \"macs\": [0-9]+, \"trainable\"");
  }
}
