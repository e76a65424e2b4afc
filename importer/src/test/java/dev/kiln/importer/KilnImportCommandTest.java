package dev.kiln.importer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command end to end on a TF.js model.json: the source file written, or every problem and exit 1. */
class KilnImportCommandTest {
  @TempDir
  Path dir;

  @Test
  void writesTheSourceOfAKerasModel() throws Exception {
    Path model = Path.of(getClass().getResource("/keras/small_cnn.model.json").toURI());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = KilnImport.run(new String[] {model.toString(), "--package", "com.example", "--out", dir.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    Path written = dir.resolve("com/example/SmallCnn.java");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("wrote " + written + " (6 fields)");
    String source = Files.readString(written);
    assertThat(source).contains("@Input(shape = {8, 8, 1})\n  Tensor conv_input;");
    assertThat(source).contains("@Conv2D(filters = 4, kernelSize = 3, activation = Activations.TANH)\n  Tensor conv;");
    assertThat(source).contains("@Dense(units = 6, activation = Activations.ELU)\n  Tensor hidden;");
  }

  @Test
  void aModelWithUnsupportedLayersExitsWithEveryReason() throws Exception {
    String json = Files.readString(Path.of(getClass().getResource("/keras/small_cnn.model.json").toURI()))
        .replace("\"class_name\": \"AveragePooling2D\"", "\"class_name\": \"AveragePooling3D\"")
        .replace("\"class_name\": \"Flatten\"", "\"class_name\": \"Masking\"");
    Path model = Files.writeString(dir.resolve("bad.json"), json);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = KilnImport.run(new String[] {model.toString(), "--out", dir.toString()},
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(1, status);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Kiln cannot express 2 parts of bad.json:\n"
        + "  AveragePooling3D `avg`: Kiln has no such layer\n  Masking `flat`: Kiln has no such layer");
  }
}
