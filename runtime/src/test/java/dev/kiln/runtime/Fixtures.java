package dev.kiln.runtime;

import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.LayerInfo;
import dev.kiln.shape.WeightSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the reference fixtures in {@code src/test/resources/runtime} (float32 little-endian). */
final class Fixtures {
  private Fixtures() {}

  static final int BATCH = 2;

  /** The case lines of {@code cases.txt}, comments removed. */
  static List<String> cases() {
    List<String> lines = new ArrayList<>();
    for (String line : new String(bytes("cases.txt"), StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        lines.add(line.trim());
      }
    }
    return lines;
  }

  static boolean exists(String name) {
    return Fixtures.class.getResource("/runtime/" + name) != null;
  }

  static float[] floats(String name) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes(name)).order(ByteOrder.LITTLE_ENDIAN);
    float[] values = new float[buffer.remaining() / 4];
    buffer.asFloatBuffer().get(values);
    return values;
  }

  /** Splits {@code <case>.in.bin} into the batch input and the weights, in Keras order. */
  static float[] input(CheckedModel model, float[] data, Weights weights) {
    int offset = BATCH * model.inputShape().size();
    for (LayerInfo layer : model.layers()) {
      for (WeightSpec spec : layer.weights()) {
        int n = (int) spec.elements();
        float[] values = new float[n];
        System.arraycopy(data, offset, values, 0, n);
        weights.put(layer.name(), spec.name(), values);
        offset += n;
      }
    }
    if (offset != data.length) {
      throw new IllegalStateException("fixture holds " + data.length + " floats, the model reads " + offset);
    }
    return java.util.Arrays.copyOf(data, BATCH * model.inputShape().size());
  }

  private static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/runtime/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
