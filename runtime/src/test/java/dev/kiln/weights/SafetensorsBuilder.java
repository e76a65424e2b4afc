package dev.kiln.weights;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/** Writes safetensors files for tests, valid or deliberately not: the header text can be replaced whole. */
final class SafetensorsBuilder {
  private final List<String> entries = new ArrayList<>();
  private final ByteArrayOutputStream data = new ByteArrayOutputStream();

  /** A float32 tensor with the given values, laid out after the previous one. */
  SafetensorsBuilder f32(String name, long[] shape, float... values) {
    ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      bytes.putFloat(v);
    }
    return raw(name, "F32", shape, bytes.array());
  }

  /** A float32 tensor of {@code shape} filled with {@code 0.5}. */
  SafetensorsBuilder f32(String name, long... shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    float[] values = new float[(int) n];
    java.util.Arrays.fill(values, 0.5f);
    return f32(name, shape, values);
  }

  SafetensorsBuilder raw(String name, String dtype, long[] shape, byte[] bytes) {
    int begin = data.size();
    data.writeBytes(bytes);
    return entry(name, dtype, shape, begin, data.size());
  }

  /** A header entry only, with any offsets. */
  SafetensorsBuilder entry(String name, String dtype, long[] shape, long begin, long end) {
    StringJoiner dims = new StringJoiner(",", "[", "]");
    for (long d : shape) {
      dims.add(Long.toString(d));
    }
    entries.add("\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + dims + ",\"data_offsets\":[" + begin
        + "," + end + "]}");
    return this;
  }

  SafetensorsBuilder data(byte[] bytes) {
    data.writeBytes(bytes);
    return this;
  }

  String header() {
    return "{" + String.join(",", entries) + "}";
  }

  byte[] build() {
    return build(header());
  }

  /** A file whose header is {@code header}, padded with spaces to 8 bytes as the reference writer does. */
  byte[] build(String header) {
    byte[] text = header.getBytes(StandardCharsets.UTF_8);
    int padded = (text.length + 7) / 8 * 8;
    ByteBuffer out = ByteBuffer.allocate(8 + padded + data.size()).order(ByteOrder.LITTLE_ENDIAN);
    out.putLong(padded).put(text);
    for (int i = text.length; i < padded; i++) {
      out.put((byte) ' ');
    }
    out.put(data.toByteArray());
    return out.array();
  }
}
