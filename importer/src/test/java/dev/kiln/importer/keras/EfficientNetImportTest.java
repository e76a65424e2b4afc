package dev.kiln.importer.keras;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.importer.ImportedModel;
import dev.kiln.importer.ModelSourceWriter;
import dev.kiln.runtime.Network;
import dev.kiln.runtime.Weights;
import dev.kiln.shape.CheckedModel;
import dev.kiln.weights.WeightFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
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
  private static final ObjectMapper JSON = new ObjectMapper();

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
    JsonNode manifest = JSON.readTree(TfjsModelsTest.resource("applications/efficientnetb0.weights.json").toFile());
    Seeded draw = new Seeded(manifest.path("seed").asInt());
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    ObjectNode header = JSON.createObjectNode();
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    for (JsonNode w : manifest.path("weights")) {
      int n = 1;
      for (JsonNode d : w.path("shape")) {
        n *= d.asInt();
      }
      ByteBuffer bytes = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
      boolean integer = w.path("dtype").asText().equals("I32");
      for (int i = 0; i < n; i++) {
        if (integer) {
          bytes.putInt(0);
        } else {
          bytes.putFloat(draw.next(w.path("low").asDouble(), w.path("high").asDouble()));
        }
      }
      ObjectNode entry = header.putObject(w.path("name").asText());
      entry.put("dtype", w.path("dtype").asText());
      entry.set("shape", w.path("shape"));
      entry.putArray("data_offsets").add(data.size()).add(data.size() + 4L * n);
      digest.update(bytes.array());
      data.write(bytes.array());
    }
    JsonNode in = manifest.path("input");
    float[] input = new float[224 * 224 * 3];
    ByteBuffer inputBytes = ByteBuffer.allocate(4 * input.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < input.length; i++) {
      input[i] = draw.next(in.path("low").asDouble(), in.path("high").asDouble());
      inputBytes.putFloat(input[i]);
    }
    digest.update(inputBytes.array());
    // The same bytes TF.js drew and ran, or the comparison below would mean nothing.
    assertEquals(manifest.path("sha256").asText(), HexFormat.of().formatHex(digest.digest()));

    Weights weights = WeightFiles.readKeras(safetensors(header, data.toByteArray()), model);
    float[] expected = TfjsModelsTest.floats(TfjsModelsTest.resource("applications/efficientnetb0.out.bin"));
    float[] actual = Network.create(model, weights).predict(input, 1);
    assertEquals(expected.length, actual.length);
    double relative = 0;
    for (int i = 0; i < expected.length; i++) {
      relative = Math.max(relative, Math.abs(expected[i] - actual[i]) / Math.abs(expected[i]));
    }
    System.out.printf("efficientnetb0: largest relative difference from TF.js %.2e%n", relative);
    assertThat(relative).isLessThan(1e-4);
  }

  /** A safetensors file: 8-byte little-endian header length, the JSON header, then the tensors. */
  private static Path safetensors(ObjectNode header, byte[] data) throws IOException {
    byte[] json = JSON.writeValueAsBytes(header);
    ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length);
    Path file = dir.resolve("efficientnetb0.safetensors");
    try (var out = Files.newOutputStream(file)) {
      out.write(length.array());
      out.write(json);
      out.write(data);
    }
    return file;
  }

  /**
   * efficientnet.js's generator: a 32-bit LCG, each value {@code low + (high - low) * state / 2^32} in
   * double precision rounded to float32, as JavaScript computes it, so the values are TF.js's bit for bit.
   */
  private static final class Seeded {
    private int state;

    Seeded(int seed) {
      state = seed;
    }

    float next(double low, double high) {
      state = state * 1664525 + 1013904223;
      return (float) (low + (high - low) * (Integer.toUnsignedLong(state) / 4294967296.0));
    }
  }
}
