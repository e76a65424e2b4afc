package dev.kiln.importer.keras;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.importer.ImportException;
import dev.kiln.importer.ImportedModel;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same TF.js-built model in the two other files Keras writes, laid out as Keras lays them out:
 * a Keras 3 {@code .keras} archive (saving_lib: {@code metadata.json}, {@code config.json} in Keras 3's
 * serialization format, stored uncompressed) and a Keras 2 full-model {@code .h5} ({@code model_config}
 * root attribute). Both import to the model TF.js computes.
 */
class KerasFilesTest {
  @TempDir
  Path dir;

  private Path keras(String config) throws IOException {
    return kerasArchive(dir.resolve("model.keras"), config);
  }

  /** A Keras 3 {@code .keras} archive at {@code file} holding {@code config} as its config.json. */
  static Path kerasArchive(Path file, String config) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      stored(zip, "metadata.json", "{\"keras_version\": \"3.5.0\", \"date_saved\": \"2026-01-01@00:00:00\"}");
      stored(zip, "config.json", config);
    }
    return file;
  }

  private static void stored(ZipOutputStream zip, String name, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    ZipEntry entry = new ZipEntry(name);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(bytes.length);
    CRC32 crc = new CRC32();
    crc.update(bytes);
    entry.setCrc(crc.getValue());
    zip.putNextEntry(entry);
    zip.write(bytes);
    zip.closeEntry();
  }

  @ParameterizedTest
  @ValueSource(strings = {"residual", "sequence"})
  void keras3ArchiveImportsToTheModelTfjsRuns(String name) throws Exception {
    Path file = keras(Files.readString(TfjsModelsTest.resource(name + ".keras3.json")));
    ImportedModel imported = new KerasImporter().read(file, "imported", "Keras3Model");
    assertThat(imported.source()).isEqualTo("model.keras (Keras 3 .keras, model `" + name + "`)");
    assertThat(imported.dropped()).contains("compile_config: optimizer Adam, loss \"categorical_crossentropy\"");
    TfjsModelsTest.importAndRun(imported, name);
  }

  @Test
  void keras2FullModelH5ImportsToTheModelTfjsRuns() throws Exception {
    String config = Files.readString(TfjsModelsTest.resource("residual.model.json"))
        .replace("\"tfjs-layers 4.22.0\"", "\"2.15.0\"").replace("\"tensor_flow.js\"", "\"tensorflow\"");
    Path file = dir.resolve("model.h5");
    try (WritableHdfFile h5 = HdfFile.write(file)) {
      h5.putAttribute("keras_version", "2.15.0");
      h5.putAttribute("backend", "tensorflow");
      h5.putAttribute("model_config", config);
      h5.putGroup("model_weights");
    }
    ImportedModel imported = new KerasImporter().read(file, "imported", "Residual2");
    TfjsModelsTest.importAndRun(imported, "residual");
  }

  @Test
  void aWeightsOnlyH5SaysSo() throws Exception {
    Path file = dir.resolve("weights.h5");
    try (WritableHdfFile h5 = HdfFile.write(file)) {
      h5.putAttribute("keras_version", "2.15.0");
    }
    ImportException e = assertThrows(ImportException.class, () -> new KerasImporter().read(file, "", "M"));
    assertThat(e.getMessage()).contains("has no `model_config` attribute: it holds weights only");
  }

  @Test
  void everyLayerKilnCannotExpressIsListedOnce() throws Exception {
    String config = """
        {"module": "keras", "class_name": "Functional", "config": {"name": "m", "layers": [
          {"module": "keras.layers", "class_name": "InputLayer", "name": "in",
           "config": {"batch_shape": [null, 8, 8, 3], "name": "in"}, "inbound_nodes": []},
          %s,
          %s,
          %s,
          {"module": "keras.layers", "class_name": "Conv2D", "name": "ok",
           "config": {"name": "ok", "filters": 2, "kernel_size": [3, 3], "trainable": false},
           "inbound_nodes": [{"args": [%s], "kwargs": {}}]}],
          "input_layers": ["in", 0, 0], "output_layers": ["ok", 0, 0]}}
        """.formatted(
            layer("LSTM", "lstm", "\"units\": 4", "in"),
            layer("Conv2D", "nchw", "\"filters\": 2, \"kernel_size\": 3, \"data_format\": \"channels_first\"", "lstm"),
            layer("Conv2D", "groups", "\"filters\": 2, \"kernel_size\": 3, \"groups\": 3", "nchw"),
            tensor("groups"));
    ImportException e = assertThrows(ImportException.class,
        () -> new KerasImporter().read(keras(config), "", "M"));
    assertEquals(List.of(
        "LSTM `lstm`: Kiln has no such layer",
        "Conv2D `nchw`: data_format `channels_first` (Kiln is channels-last)",
        "Conv2D `groups`: groups = 3 (Kiln has ungrouped convolutions)"), e.problems());
    assertThat(e.getMessage()).startsWith("Kiln cannot express 3 parts of model.keras:\n  LSTM `lstm`");
  }

  @Test
  void keras2HardSigmoidIsNotKeras3s() throws Exception {
    String config = Files.readString(TfjsModelsTest.resource("small_cnn.model.json"))
        .replace("\"activation\": \"tanh\"", "\"activation\": \"hard_sigmoid\"");
    Path file = Files.writeString(dir.resolve("model.json"), config);
    ImportException e = assertThrows(ImportException.class, () -> new KerasImporter().read(file, "", "M"));
    assertEquals(List.of("Conv2D `conv`: activation `hard_sigmoid` is Keras 2's clip(0.2 * x + 0.5, 0, 1); Kiln "
        + "has Keras 3's relu6(x + 3) / 6"), e.problems());
  }

  @Test
  void frozenLayersStayFrozen() throws Exception {
    String config = Files.readString(TfjsModelsTest.resource("small_cnn.model.json"))
        .replaceFirst("\"name\": \"conv\",\\s*\"trainable\": true", "\"name\": \"conv\", \"trainable\": false");
    ImportedModel imported = new KerasImporter().read(Files.writeString(dir.resolve("m.json"), config), "", "M");
    assertEquals(false, imported.layers().get(1).attributes().get("trainable"));
  }

  /**
   * The 1-D layers TF.js cannot build, in a Keras 3 config as Keras writes them (tuples as lists):
   * each becomes its Kiln annotation with Keras's attributes, and the model compiles with the shapes
   * and parameter counts Keras gives (worked out by hand in the comments).
   */
  @Test
  void oneDLayersTfjsLacksImportFromAKeras3Config() throws Exception {
    String config = """
        {"module": "keras", "class_name": "Functional", "config": {"name": "m", "layers": [
          {"module": "keras.layers", "class_name": "InputLayer", "name": "in",
           "config": {"batch_shape": [null, 20, 3], "name": "in"}, "inbound_nodes": []},
          %s, %s, %s, %s, %s, %s, %s],
          "input_layers": ["in", 0, 0], "output_layers": ["up_conv", 0, 0]}}
        """.formatted(
            // (20, 4): 3 * 3 * 4 + 4 = 40
            layer("Conv1D", "causal", "\"filters\": 4, \"kernel_size\": [3], \"padding\": \"causal\"", "in"),
            // (20, 4): depthwise 3 * 4 * 2 = 24, pointwise 8 * 4 + 4 = 36
            layer("SeparableConv1D", "sep", "\"filters\": 4, \"kernel_size\": [3], \"padding\": \"same\", "
                + "\"depth_multiplier\": 2", "causal"),
            // (18, 4): 3 * 4 = 12
            layer("DepthwiseConv1D", "dw", "\"kernel_size\": [3], \"use_bias\": false", "sep"),
            layer("ZeroPadding1D", "pad", "\"padding\": [1, 2]", "dw"), // (21, 4)
            layer("Cropping1D", "crop", "\"cropping\": [2, 1]", "pad"), // (18, 4)
            layer("UpSampling1D", "up", "\"size\": 3", "crop"), // (54, 4)
            // ((54 - 1) * 2 + 3, 2) = (109, 2): 3 * 2 * 4 + 2 = 26
            layer("Conv1DTranspose", "up_conv", "\"filters\": 2, \"kernel_size\": [3], \"strides\": [2]", "up"));
    ImportedModel imported = new KerasImporter().read(keras(config), "imported", "Sequence3");
    List<String> annotations = imported.layers().stream().map(l -> l.annotation()).toList();
    assertEquals(List.of("Input", "Conv1D", "SeparableConv1D", "DepthwiseConv1D", "ZeroPadding1D", "Cropping1D",
        "UpSampling1D", "Conv1DTranspose"), annotations);
    assertEquals(dev.kiln.dsl.Padding.CAUSAL, imported.layers().get(1).attributes().get("padding"));
    String source = dev.kiln.importer.ModelSourceWriter.write(imported);
    assertThat(source).contains("@ZeroPadding1D(padding = {1, 2})");
    assertThat(source).contains("@Cropping1D(cropping = {2, 1})");
    dev.kiln.shape.CheckedModel model = Compiled.model(Compiled.compile("imported.Sequence3", source),
        "imported.KilnSequence3");
    assertEquals(40 + 60 + 12 + 26, model.totalParams());
    assertEquals("(None, 109, 2)", model.outputShape().toString());
  }

  private static String layer(String className, String name, String config, String from) {
    return "{\"module\": \"keras.layers\", \"class_name\": \"" + className + "\", \"name\": \"" + name + "\", "
        + "\"config\": {\"name\": \"" + name + "\", " + config + "}, \"inbound_nodes\": [{\"args\": [" + tensor(from)
        + "], \"kwargs\": {}}]}";
  }

  private static String tensor(String from) {
    return "{\"class_name\": \"__keras_tensor__\", \"config\": {\"shape\": [null, 8, 8, 3], \"dtype\": \"float32\", "
        + "\"keras_history\": [\"" + from + "\", 0, 0]}}";
  }

}
