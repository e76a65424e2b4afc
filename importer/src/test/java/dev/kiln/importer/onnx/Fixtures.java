package dev.kiln.importer.onnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** The committed fixtures of reference/onnx/export.py, and layout helpers for comparing outputs. */
final class Fixtures {
  private Fixtures() {}

  static Path path(String name) {
    try {
      return Path.of(Fixtures.class.getResource(name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing fixture " + name + " (reference/onnx/export.py writes it)", e);
    }
  }

  /** A raw little-endian float32 file. */
  static float[] floats(Path file) {
    try {
      ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
      float[] values = new float[bytes.remaining() / 4];
      bytes.asFloatBuffer().get(values);
      return values;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A raw little-endian float64 file, rounded to float32. */
  static float[] doubles(Path file) {
    try {
      ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
      float[] values = new float[bytes.remaining() / 8];
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) bytes.getDouble(i * 8);
      }
      return values;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** (N, C, H, W) to (N, H, W, C), both row-major. */
  static float[] nhwc(float[] nchw, int n, int c, int h, int w) {
    float[] out = new float[nchw.length];
    for (int b = 0; b < n; b++) {
      for (int ch = 0; ch < c; ch++) {
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            out[((b * h + y) * w + x) * c + ch] = nchw[((b * c + ch) * h + y) * w + x];
          }
        }
      }
    }
    return out;
  }

  /**
   * {@code null} when every value is within {@code tolerance} of PyTorch's {@code expected}
   * relatively (absolutely below magnitude 1), otherwise the largest difference and where.
   */
  static String compare(float[] actual, float[] expected, double tolerance) {
    if (actual.length != expected.length) {
      return "length " + actual.length + ", expected " + expected.length;
    }
    return worst(actual, expected)[0] <= tolerance ? null : report(actual, expected);
  }

  /** {largest relative difference, its index}. */
  static double[] worst(float[] actual, float[] expected) {
    double worst = 0;
    int at = -1;
    for (int i = 0; i < actual.length; i++) {
      double error = Math.abs(actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), 1.0);
      if (!(error <= worst)) {
        worst = error;
        at = i;
      }
    }
    return new double[] {worst, at};
  }

  /** {@code largest relative difference 3.1e-06 at 17 (Kiln …, PyTorch …)}. */
  static String report(float[] actual, float[] expected) {
    double[] w = worst(actual, expected);
    int at = (int) w[1];
    return String.format("largest relative difference %.2g at %d (Kiln %s, PyTorch %s)", w[0], at,
        at < 0 ? "-" : actual[at], at < 0 ? "-" : expected[at]);
  }
}
