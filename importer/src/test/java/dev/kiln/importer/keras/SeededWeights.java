package dev.kiln.importer.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The seeded weights and input of a TF.js output fixture (reference/importer/seeded.js), drawn again
 * from the manifest {@code NAME.weights.json}: the same generator, the same values bit for bit, checked
 * against TF.js's SHA-256 of them, the weights written as a safetensors file under their Keras names.
 */
final class SeededWeights {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The safetensors file of the weights, and the input (batch 1, NHWC, float32). */
  record Drawn(Path weights, float[] input) {}

  private SeededWeights() {}

  static Drawn draw(Path manifestFile, Path dir) throws IOException, GeneralSecurityException {
    JsonNode manifest = JSON.readTree(manifestFile.toFile());
    Generator draw = new Generator(manifest.path("seed").asInt());
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    ObjectNode header = JSON.createObjectNode();
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    for (JsonNode w : manifest.path("weights")) {
      int n = elements(w.path("shape"));
      ByteBuffer bytes = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
      boolean integer = w.path("dtype").asText().equals("I32"); // a Normalization's count, 0
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
    float[] input = new float[elements(in.path("shape"))];
    ByteBuffer inputBytes = ByteBuffer.allocate(4 * input.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < input.length; i++) {
      input[i] = draw.next(in.path("low").asDouble(), in.path("high").asDouble());
      inputBytes.putFloat(input[i]);
    }
    digest.update(inputBytes.array());
    // The same bytes TF.js drew and ran, or a comparison with its output would mean nothing.
    assertEquals(manifest.path("sha256").asText(), HexFormat.of().formatHex(digest.digest()), "seeded values");
    Path file = dir.resolve(manifestFile.getFileName().toString().replace(".weights.json", ".safetensors"));
    byte[] json = JSON.writeValueAsBytes(header);
    try (OutputStream out = Files.newOutputStream(file)) {
      // safetensors: 8-byte little-endian header length, the JSON header, then the tensors
      out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).array());
      out.write(json);
      data.writeTo(out);
    }
    return new Drawn(file, input);
  }

  private static int elements(JsonNode shape) {
    int n = 1;
    for (JsonNode d : shape) {
      n = Math.multiplyExact(n, d.asInt());
    }
    return n;
  }

  /**
   * seeded.js's generator: a 32-bit LCG, each value {@code low + (high - low) * state / 2^32} in double
   * precision rounded to float32, as JavaScript computes it.
   */
  private static final class Generator {
    private int state;

    Generator(int seed) {
      state = seed;
    }

    float next(double low, double high) {
      state = state * 1664525 + 1013904223;
      return (float) (low + (high - low) * (Integer.toUnsignedLong(state) / 4294967296.0));
    }
  }
}
