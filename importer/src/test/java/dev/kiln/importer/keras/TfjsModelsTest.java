package dev.kiln.importer.keras;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.testing.compile.Compilation;
import dev.kiln.importer.ImportedModel;
import dev.kiln.importer.ModelSourceWriter;
import dev.kiln.runtime.Network;
import dev.kiln.runtime.Weights;
import dev.kiln.shape.CheckedModel;
import dev.kiln.weights.WeightFiles;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Models built by TensorFlow.js 4.22 (reference/importer/make_fixtures.js) and exported with
 * {@code model.toJSON()}: imported, compiled with the processor with no warning, their weights loaded
 * by Keras name, and their outputs equal to TF.js's for the same inputs within 1e-5.
 */
class TfjsModelsTest {

  static Path resource(String name) throws URISyntaxException {
    return Path.of(TfjsModelsTest.class.getResource("/keras/" + name).toURI());
  }

  static float[] floats(Path file) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[bytes.remaining() / 4];
    bytes.asFloatBuffer().get(out);
    return out;
  }

  /** Imports {@code model}, compiles it, loads {@code name}.safetensors and compares with TF.js. */
  static CheckedModel importAndRun(ImportedModel imported, String name) throws Exception {
    String source = ModelSourceWriter.write(imported);
    Compilation compilation = Compiled.compile("imported." + imported.className(), source);
    CheckedModel model = Compiled.model(compilation, "imported.Kiln" + imported.className());
    assertFalse(model.hasErrors(), () -> model.problems().toString());
    Weights weights = WeightFiles.readKeras(resource(name + ".safetensors"), model);
    float[] input = floats(resource(name + ".in.bin"));
    float[] expected = floats(resource(name + ".out.bin"));
    float[] actual = Network.create(model, weights).predict(input, 2);
    assertEquals(expected.length, actual.length);
    double largest = 0;
    for (int i = 0; i < expected.length; i++) {
      largest = Math.max(largest, Math.abs(expected[i] - actual[i]));
    }
    System.out.printf("%s: largest difference from TF.js %.2e%n", name, largest);
    assertThat(largest).isLessThan(1e-5);
    return model;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"residual, Residual, 573", "small_cnn, SmallCnn, 283", "sequence, Sequence, 445"})
  void importedModelMatchesTfjs(String name, String className, long params) throws Exception {
    ImportedModel imported = new KerasImporter().read(resource(name + ".model.json"), "imported", className);
    CheckedModel model = importAndRun(imported, name);
    assertEquals(params, model.totalParams());
  }
}
