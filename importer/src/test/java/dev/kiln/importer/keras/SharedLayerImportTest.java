package dev.kiln.importer.keras;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.importer.ImportException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shared layer (one Dense called on two inputs, reference/importer/make_fixtures.js `shared()`) has
 * no Kiln counterpart: the import fails with one error that names the layer, its Keras class and how
 * many calls, and says what to do, in both the TF.js and the Keras 3 layout of the same model.
 */
class SharedLayerImportTest {
  private static final String PROBLEM = "Dense `encoder`: called 2 times (a shared layer: one set of weights used "
      + "at 2 places); a Kiln field is one call with its own weights. Rebuild the model in Keras with a separate "
      + "layer for each call (copying the shared weights into each with set_weights) and import that";

  @TempDir
  Path dir;

  @Test
  void tfjsConfigNamesTheSharedLayer() throws Exception {
    ImportException e = assertThrows(ImportException.class,
        () -> new KerasImporter().read(TfjsModelsTest.resource("shared.model.json"), "imported", "Siamese"));
    assertThat(e.problems()).isEqualTo(List.of(PROBLEM));
    assertThat(e.getMessage()).isEqualTo("Kiln cannot express 1 part of shared.model.json:\n  " + PROBLEM);
  }

  @Test
  void keras3ArchiveNamesTheSharedLayer() throws Exception {
    Path file = KerasFilesTest.kerasArchive(dir.resolve("siamese.keras"),
        Files.readString(TfjsModelsTest.resource("shared.keras3.json")));
    ImportException e = assertThrows(ImportException.class,
        () -> new KerasImporter().read(file, "imported", "Siamese"));
    assertThat(e.problems()).isEqualTo(List.of(PROBLEM));
  }
}
