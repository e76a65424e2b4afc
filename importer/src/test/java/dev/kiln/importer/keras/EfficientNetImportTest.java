package dev.kiln.importer.keras;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.importer.ImportedModel;
import dev.kiln.importer.ModelSourceWriter;
import dev.kiln.shape.CheckedModel;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EfficientNetB0 as keras/src/applications/efficientnet.py builds it, in the Keras 3 {@code .keras}
 * layout (reference/importer/efficientnet.js; its Normalization layer is constructed by hand there, as
 * TF.js has none): imported, compiled with no warning, counted as keras.io counts it, and run with
 * TF.js's seeded weights loaded by their Keras names, matching TF.js's output.
 */
class EfficientNetImportTest {
  @TempDir
  static Path dir;

  private static CheckedModel model;
  private static ImportedModel imported;

  @BeforeAll
  static void importAndCompile() throws Exception {
    String config;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(
        TfjsModelsTest.resource("applications/efficientnetb0.keras3.json.gz")))) {
      config = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path file = KerasFilesTest.kerasArchive(dir.resolve("efficientnetb0.keras"), config);
    imported = new KerasImporter().read(file, "imported", "EfficientNetB0");
    model = Compiled.model(Compiled.compile("imported.EfficientNetB0", ModelSourceWriter.write(imported)),
        "imported.KilnEfficientNetB0");
  }

  @Test
  void importsWithKerasTotals() {
    assertEquals(5_330_571, model.totalParams());
    // BatchNormalization's moving statistics (42,016) and Normalization's mean, variance and count (7)
    assertEquals(42_023, model.nonTrainableParams());
    assertThat(imported.dropped()).contains("`block2b_drop` noise_shape [null,1,1,1]");
  }

  @Test
  void outputEqualsTfjsWithItsWeightsLoadedByName() throws Exception {
    SeededWeights.Drawn drawn = SeededWeights.draw(
        TfjsModelsTest.resource("applications/efficientnetb0.weights.json"), dir);
    ApplicationsImportTest.assertOutput(model, drawn, "efficientnetb0");
  }
}
