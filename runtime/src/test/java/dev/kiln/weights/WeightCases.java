package dev.kiln.weights;

import dev.kiln.runtime.CaseModels;
import dev.kiln.runtime.Weights;
import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.LayerInfo;
import dev.kiln.shape.LayerRule;
import dev.kiln.shape.ModelSpec;
import dev.kiln.shape.ShapeChecker;
import dev.kiln.shape.WeightSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The models of {@code reference/weights/models.txt} (copied next to the fixtures) as checked
 * models, and the fixtures make_fixtures.py wrote for them. Lines in that format from other files
 * (the end-to-end architectures) parse the same way.
 */
final class WeightCases {
  private WeightCases() {}

  static final int BATCH = 2;

  /** Every model of models.txt, by name, in file order. */
  static Map<String, CheckedModel> models() {
    Map<String, CheckedModel> models = new LinkedHashMap<>();
    for (String line : new String(bytes("models.txt"), StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        CheckedModel model = parse(line);
        models.put(model.spec().name(), model);
      }
    }
    return models;
  }

  /** The model names, for parameterized tests. */
  static Stream<String> names() {
    return models().keySet().stream();
  }

  static CheckedModel model(String name) {
    return models().get(name);
  }

  /** {@code name | 8,8,3 | conv1:conv2d filters=4 kernel=3; ...}. */
  static CheckedModel parse(String line) {
    CheckedModel model = check(line);
    if (model.hasErrors()) {
      throw new IllegalArgumentException(line + ": " + model.problems());
    }
    return model;
  }

  /** As {@link #parse}, errors and all. */
  static CheckedModel check(String line) {
    String[] parts = line.split("\\|");
    List<ModelSpec.LayerSpec> layers = new ArrayList<>();
    for (String layer : parts[2].split(";")) {
      String[] words = layer.trim().split("\\s+");
      String[] head = words[0].split(":");
      Map<String, String> a = new HashMap<>();
      for (int i = 1; i < words.length; i++) {
        String[] kv = words[i].split("=", 2);
        a.put(kv[0], kv[1]);
      }
      layers.add(new ModelSpec.LayerSpec(head[0], rule(head[1], a), null));
    }
    return ShapeChecker.check(new ModelSpec(parts[0].trim(), "input", ints(parts[1].trim()), layers));
  }

  private static LayerRule rule(String kind, Map<String, String> a) {
    return CaseModels.rule(kind, a);
  }

  private static int[] ints(String text) {
    return Arrays.stream(text.split(",")).mapToInt(Integer::parseInt).toArray();
  }

  /** The weights every reader must produce: {@code <model>.weights.bin} split in Keras order. */
  static Weights expected(CheckedModel model) {
    float[] all = floats(model.spec().name() + ".weights.bin");
    Weights weights = new Weights();
    int offset = 0;
    for (LayerInfo layer : model.layers()) {
      for (WeightSpec spec : layer.weights()) {
        int n = (int) spec.elements();
        weights.put(layer.name(), spec.name(), Arrays.copyOfRange(all, offset, offset + n));
        offset += n;
      }
    }
    if (offset != all.length) {
      throw new IllegalStateException("weights.bin holds " + all.length + " floats, the model has " + offset);
    }
    return weights;
  }

  static Path path(String name) {
    try {
      return Path.of(WeightCases.class.getResource("/weights/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("no fixture " + name, e);
    }
  }

  static byte[] bytes(String name) {
    try (InputStream in = WeightCases.class.getResourceAsStream("/weights/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static float[] floats(String name) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes(name)).order(ByteOrder.LITTLE_ENDIAN);
    float[] values = new float[buffer.remaining() / 4];
    buffer.asFloatBuffer().get(values);
    return values;
  }
}
