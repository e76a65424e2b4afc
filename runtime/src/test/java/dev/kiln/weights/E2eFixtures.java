package dev.kiln.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kiln.shape.TensorShape;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;

/**
 * The end-to-end fixtures that {@code reference/e2e/make_e2e.py} and {@code tfjs_e2e.js} wrote in one
 * classpath folder ({@code /e2e/random} here, {@code /e2e/seeds} in the examples module, which uses this
 * class through the test jar): the manifest, the weight files (gunzipped to a temporary folder when
 * committed as {@code .gz}), the generated inputs and the stored reference outputs.
 */
public final class E2eFixtures {
  /**
   * One line of {@code manifest.txt}: the batch the references ran, the stride of the stored output
   * (every {@code stride}-th float of the batch's output, NHWC, batch-major), the references with a
   * {@code .bin} file, and why a reference is missing (empty if none is).
   */
  public record Entry(String name, int batch, int stride, List<String> references, String missing) {}

  /** The Keras weight files every architecture has; then the PyTorch one. */
  public static final List<String> KERAS_FILES = List.of("keras.safetensors", "keras2.h5", "weights.h5");
  public static final String TORCH_FILE = "torch.safetensors";

  private final String folder;
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final Map<String, Path> files = new HashMap<>();
  private Path unpacked;

  private E2eFixtures(String folder) {
    this.folder = folder;
    for (String line : lines("manifest.txt")) {
      String[] parts = line.split("\\|");
      String name = parts[0].trim();
      String missing = parts.length > 4 ? parts[4].trim() : "";
      entries.put(name, new Entry(name, Integer.parseInt(parts[1].trim()), Integer.parseInt(parts[2].trim()),
          List.of(parts[3].trim().split("\\s+")), missing));
    }
  }

  /** The fixtures in classpath folder {@code folder}, e.g. {@code /e2e/random}. */
  public static E2eFixtures in(String folder) {
    return new E2eFixtures(folder);
  }

  public List<Entry> entries() {
    return List.copyOf(entries.values());
  }

  public Entry entry(String name) {
    return entries.get(name);
  }

  /** The non-comment lines of a text fixture. */
  public List<String> lines(String name) {
    List<String> lines = new ArrayList<>();
    for (String line : new String(bytes(name), StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        lines.add(line.trim());
      }
    }
    return lines;
  }

  /** A fixture file's path: the resource itself, or its {@code .gz} unpacked into a temporary folder. */
  public synchronized Path file(String name) {
    Path path = files.get(name);
    if (path != null) {
      return path;
    }
    URL plain = E2eFixtures.class.getResource(folder + "/" + name);
    try {
      if (plain != null && plain.getProtocol().equals("file")) {
        path = Path.of(plain.toURI());
      } else {
        if (unpacked == null) {
          unpacked = Files.createTempDirectory("kiln-e2e");
          unpacked.toFile().deleteOnExit();
        }
        path = unpacked.resolve(name);
        try (InputStream in = plain != null ? plain.openStream() : new GZIPInputStream(open(name + ".gz"))) {
          Files.copy(in, path);
        }
        path.toFile().deleteOnExit();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    files.put(name, path);
    return path;
  }

  public boolean exists(String name) {
    return E2eFixtures.class.getResource(folder + "/" + name) != null;
  }

  /** A {@code .bin} fixture: float32, little-endian. */
  public float[] floats(String name) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes(name)).order(ByteOrder.LITTLE_ENDIAN);
    float[] values = new float[buffer.remaining() / 4];
    buffer.asFloatBuffer().get(values);
    return values;
  }

  private InputStream open(String name) {
    InputStream in = E2eFixtures.class.getResourceAsStream(folder + "/" + name);
    if (in == null) {
      throw new IllegalStateException("no fixture " + folder + "/" + name);
    }
    return in;
  }

  private byte[] bytes(String name) {
    try (InputStream in = open(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The inputs the references ran, as {@code make_e2e.py inputs} makes them: {@code count} floats in
   * [-2, 2), element {@code i} from the top 24 bits {@code v} of splitmix64 of
   * {@code crc32(name) + (i + 1) * 0x9E3779B97F4A7C15} as {@code (v - 2^23) / 2^22}, exact in float32.
   */
  public static float[] inputs(String name, int count) {
    CRC32 crc = new CRC32();
    crc.update(name.getBytes(StandardCharsets.UTF_8));
    long seed = crc.getValue();
    float[] values = new float[count];
    for (int i = 0; i < count; i++) {
      long z = seed + (i + 1L) * 0x9E3779B97F4A7C15L;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      z ^= z >>> 31;
      values[i] = ((int) (z >>> 40) - (1 << 23)) / (float) (1 << 22);
    }
    return values;
  }

  /** The stored floats of a full batch output: every {@code stride}-th. */
  public static float[] sample(float[] output, int stride) {
    float[] stored = new float[(output.length + stride - 1) / stride];
    for (int i = 0; i < stored.length; i++) {
      stored[i] = output[i * stride];
    }
    return stored;
  }

  /**
   * Passes when every stored element has {@code |actual - expected| <= abs * max(1, max|expected|) +
   * rel * |expected|}; else fails naming the worst element (example and NHWC position) and the largest
   * difference. Returns the largest difference.
   */
  public static double assertClose(String what, float[] expected, float[] output, int stride, TensorShape shape,
      double abs, double rel) {
    float[] actual = sample(output, stride);
    assertEquals(expected.length, actual.length, what + ": stored output floats");
    double scale = 1;
    for (float e : expected) {
      scale = Math.max(scale, Math.abs(e));
    }
    return check(what, expected, actual, abs * scale, rel, i -> position(i, stride, shape));
  }

  /**
   * Fails when some element has {@code |actual - expected| > absolute + rel * |expected|}, naming the
   * worst one and the largest difference through {@code position}; returns the largest difference.
   */
  public static double check(String what, float[] expected, float[] actual, double absolute, double rel,
      IntFunction<String> position) {
    double largest = 0;
    int where = 0;
    int worst = -1;
    double worstExcess = 0;
    for (int i = 0; i < expected.length; i++) {
      double diff = Math.abs((double) actual[i] - expected[i]);
      if (Double.isNaN(diff)) {
        diff = Double.POSITIVE_INFINITY;
      }
      if (diff > largest) {
        largest = diff;
        where = i;
      }
      double excess = diff - (absolute + rel * Math.abs(expected[i]));
      if (excess > worstExcess) {
        worstExcess = excess;
        worst = i;
      }
    }
    if (worst >= 0) {
      fail(String.format("%s: tolerance %.1e + %.1e*|expected| exceeded at %s (expected %s, got %s); largest "
          + "difference %.3e at %s (expected %s, got %s)", what, absolute, rel, position.apply(worst),
          expected[worst], actual[worst], largest, position.apply(where), expected[where], actual[where]));
    }
    return largest;
  }

  /** Where stored element {@code i} is: example and position in the output shape. */
  static String position(int i, int stride, TensorShape shape) {
    long flat = (long) i * stride;
    int[] dims = shape.dims();
    int[] at = new int[dims.length];
    long rest = flat % shape.size();
    for (int d = dims.length - 1; d >= 0; d--) {
      at[d] = (int) (rest % dims[d]);
      rest /= dims[d];
    }
    return "example " + flat / shape.size() + " position " + Arrays.toString(at) + " of " + shape;
  }
}
