package dev.kiln.importer.keras;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.importer.ImportException;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The model config inside each file Keras writes: a Keras 3 {@code .keras} archive's
 * {@code config.json} ({@code keras/src/saving/saving_lib.py}), a Keras 2 full-model {@code .h5}
 * file's {@code model_config} root attribute, a TF.js {@code model.json}'s {@code modelTopology}
 * (or {@code model.toJSON()} itself). Sizes are bounded before anything is read, as the weight
 * readers bound them: a config member at most {@link #MAX_CONFIG} bytes and compressed at most
 * {@link #MAX_RATIO} times.
 */
final class KerasFiles {
  private KerasFiles() {}

  static final long MAX_CONFIG = 64L << 20;
  static final long MAX_RATIO = 100;
  private static final long RATIO_FLOOR = 1 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The model config ({@code class_name}, {@code config}) and whether it is Keras 3's. */
  record Config(JsonNode model, boolean keras3, String format) {}

  static Config read(Path file) throws ImportException, IOException {
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    if (name.endsWith(".keras")) {
      return new Config(parse(archiveConfig(file), "config.json"), true, "Keras 3 .keras");
    }
    if (name.endsWith(".h5") || name.endsWith(".hdf5")) {
      JsonNode model = parse(h5Config(file), "the `model_config` attribute");
      return new Config(model, model.path("keras_version").asText("").startsWith("3"), "Keras .h5");
    }
    if (Files.size(file) > MAX_CONFIG) {
      throw new ImportException(file.getFileName() + " holds " + Files.size(file) + " bytes; a model.json config "
          + "is at most " + MAX_CONFIG);
    }
    JsonNode json = parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
    JsonNode topology = json.has("modelTopology") ? json.path("modelTopology") : json;
    if (topology.has("model_config")) {
      topology = topology.path("model_config"); // tfjs-converter's output from a Keras .h5 file
    }
    if (!topology.has("class_name")) {
      throw new ImportException(file.getFileName() + " is not a TF.js layers model: no `modelTopology` with a "
          + "`class_name` (a graph model from tfjs-converter has no Keras config to read)");
    }
    return new Config(topology, false, "TF.js layers model.json");
  }

  private static JsonNode parse(String text, String what) throws ImportException {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ImportException(what + " is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** {@code config.json}, read by its exact name; members with escaping paths refuse the archive. */
  private static String archiveConfig(Path file) throws ImportException, IOException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      ZipEntry config = null;
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        String n = entry.getName();
        if (n.startsWith("/") || n.contains("\\") || ("/" + n + "/").contains("/../")) {
          throw new ImportException(file.getFileName() + ": member `" + n + "` escapes the archive; refused");
        }
        if (n.equals("config.json")) {
          config = entry;
        }
      }
      if (config == null) {
        throw new ImportException(file.getFileName() + " is not a Keras 3 archive: no `config.json` member");
      }
      long size = config.getSize();
      long stored = config.getCompressedSize();
      if (size < 0 || size > MAX_CONFIG) {
        throw new ImportException(file.getFileName() + ": `config.json` declares " + size + " bytes; at most "
            + MAX_CONFIG + " are read");
      }
      if (size > RATIO_FLOOR && (stored <= 0 || size / MAX_RATIO > stored)) {
        throw new ImportException(file.getFileName() + ": `config.json` expands " + stored + " bytes to " + size
            + ", a ratio above " + MAX_RATIO + ": refused as a zip bomb");
      }
      byte[] bytes = new byte[(int) size];
      try (InputStream in = zip.getInputStream(config)) {
        int filled = in.readNBytes(bytes, 0, bytes.length);
        if (filled != bytes.length || in.read() >= 0) {
          throw new ImportException(file.getFileName() + ": `config.json` does not hold its declared " + size
              + " bytes");
        }
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (ZipException e) {
      throw new ImportException(file.getFileName() + " is not a valid zip archive: " + e.getMessage());
    }
  }

  /** Keras 2's {@code model.save("m.h5")}: the config is the root's {@code model_config} string attribute. */
  private static String h5Config(Path file) throws ImportException {
    try (HdfFile h5 = new HdfFile(file)) {
      Attribute attribute = h5.getAttribute("model_config");
      if (attribute == null) {
        throw new ImportException(file.getFileName() + " has no `model_config` attribute: it holds weights only "
            + "(save_weights); import the model's .keras, full-model .h5 or model.json instead");
      }
      if (attribute.getSize() > MAX_CONFIG) {
        throw new ImportException(file.getFileName() + ": `model_config` is too large");
      }
      Object data = attribute.getData();
      if (data instanceof String s) {
        return s;
      }
      if (data instanceof String[] array && array.length == 1) {
        return array[0];
      }
      throw new ImportException(file.getFileName() + ": `model_config` is not a string");
    } catch (RuntimeException e) {
      throw new ImportException(file.getFileName() + " is not a readable HDF5 file: " + e.getMessage());
    }
  }
}
