package dev.kiln.importer.keras;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import dev.kiln.importer.ImportedModel;
import dev.kiln.importer.ModelSourceWriter;
import dev.kiln.runtime.Network;
import dev.kiln.runtime.Weights;
import dev.kiln.shape.CheckedModel;
import dev.kiln.weights.WeightFiles;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Keras Applications built by TensorFlow.js exactly as {@code keras/src/applications} builds them
 * (reference/importer/applications.js), exported with {@code model.toJSON()} (gzipped for InceptionV3
 * and DenseNet121, 313 and 429 layers), imported, compiled by
 * the processor with zero warnings (no {@code kiln.truncation} either), and counted: keras.io's
 * published totals, and Keras's non-trainable BatchNormalization statistics.
 */
class ApplicationsImportTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "vgg16, Vgg16, 138357544, 0",
      "vgg19, Vgg19, 143667240, 0",
      "resnet50, ResNet50, 25636712, 53120",
      "resnet50v2, ResNet50V2, 25613800, 45440",
      "mobilenet, MobileNet, 4253864, 21888",
      "mobilenet_v2, MobileNetV2, 3538984, 34112",
      "xception, Xception, 22910480, 54528",
      "inception_v3, InceptionV3, 23851784, 34432",
      "densenet121, DenseNet121, 8062504, 83648",
  })
  void importsWithKerasTotals(String file, String className, long total, long nonTrainable, @TempDir Path temp)
      throws Exception {
    ImportedModel imported = new KerasImporter().read(config(file, temp), "imported", className);
    Compilation compilation = Compiled.compile("imported." + className, ModelSourceWriter.write(imported));
    CheckedModel model = Compiled.model(compilation, "imported.Kiln" + className);
    assertEquals(total, model.totalParams());
    assertEquals(nonTrainable, model.nonTrainableParams());
  }

  /**
   * InceptionV3 and DenseNet121 with TF.js's seeded weights (reference/importer/seeded.js) loaded by
   * their Keras names: the output on one seeded image equals TF.js's.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"inception_v3, InceptionV3Run", "densenet121, DenseNet121Run"})
  void outputEqualsTfjs(String file, String className, @TempDir Path temp) throws Exception {
    ImportedModel imported = new KerasImporter().read(config(file, temp), "imported", className);
    CheckedModel model = Compiled.model(Compiled.compile("imported." + className, ModelSourceWriter.write(imported)),
        "imported.Kiln" + className);
    assertOutput(model, SeededWeights.draw(TfjsModelsTest.resource("applications/" + file + ".weights.json"), temp),
        file);
  }

  /** Runs {@code model} on the drawn input with the drawn weights; the softmax equals TF.js's within 1e-4 relative. */
  static void assertOutput(CheckedModel model, SeededWeights.Drawn drawn, String file) throws Exception {
    Weights weights = WeightFiles.readKeras(drawn.weights(), model);
    float[] expected = TfjsModelsTest.floats(TfjsModelsTest.resource("applications/" + file + ".out.bin"));
    float[] actual = Network.create(model, weights).predict(drawn.input(), 1);
    assertEquals(expected.length, actual.length);
    double relative = 0;
    for (int i = 0; i < expected.length; i++) {
      relative = Math.max(relative, Math.abs(expected[i] - actual[i]) / Math.abs(expected[i]));
    }
    System.out.printf("%s: largest relative difference from TF.js %.2e%n", file, relative);
    assertThat(relative).isLessThan(1e-4);
  }

  /** {@code NAME.model.json}, or the largest configs' {@code NAME.model.json.gz} unpacked into {@code temp}. */
  static Path config(String file, Path temp) throws Exception {
    String name = "applications/" + file + ".model.json";
    if (ApplicationsImportTest.class.getResource("/keras/" + name) != null) {
      return TfjsModelsTest.resource(name);
    }
    Path json = temp.resolve(file + ".model.json");
    try (InputStream in = new GZIPInputStream(Files.newInputStream(TfjsModelsTest.resource(name + ".gz")))) {
      Files.copy(in, json);
    }
    return json;
  }
}
