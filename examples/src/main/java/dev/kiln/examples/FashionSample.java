package dev.kiln.examples;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.zip.GZIPInputStream;

/**
 * What {@code reference/training/train.py} shipped in the class-path folder {@code fashion/}: the
 * first 1,000 Fashion-MNIST test images and labels, the weight files, and PyTorch's outputs for the
 * sample (described in {@code reference/training/README.md}).
 */
final class FashionSample {
  static final String FOLDER = "/fashion/";
  static final int SIDE = 28;
  static final int PIXELS = SIDE * SIDE;
  static final int CLASSES = 10;
  static final String[] CLASS_NAMES = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
      "Sneaker", "Bag", "Ankle boot"};

  /** (size, 28, 28), row-major, unsigned bytes as in the idx file. */
  final byte[] pixels;
  /** (size), the true classes 0 to 9. */
  final byte[] labels;
  final int size;
  /** The script's figures: accuracies, the noise's seed and sigma, mean squared errors. */
  final Properties reference;

  private FashionSample(byte[] pixels, byte[] labels, Properties reference) {
    this.pixels = pixels;
    this.labels = labels;
    this.size = labels.length;
    this.reference = reference;
  }

  static FashionSample load() {
    byte[] labels = idx(resource("sample-labels-idx1-ubyte.gz"), 1);
    byte[] pixels = idx(resource("sample-images-idx3-ubyte.gz"), 3);
    Properties reference = new Properties();
    try (InputStream in = open("reference.properties")) {
      reference.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (pixels.length != labels.length * PIXELS) {
      throw new IllegalStateException(pixels.length + " pixels for " + labels.length + " labels");
    }
    return new FashionSample(pixels, labels, reference);
  }

  /** Pixels scaled as in training, {@code pixel / 255f}: (size, 28, 28, 1), row-major. */
  float[] scaled() {
    float[] images = new float[pixels.length];
    for (int i = 0; i < images.length; i++) {
      images[i] = (pixels[i] & 0xff) / 255f;
    }
    return images;
  }

  /** The sample with the script's noise (its seed and sigma): (size, 28, 28, 1), row-major. */
  float[] noisy() {
    return FashionNoise.noisy(pixels, Long.parseLong(reference.getProperty("noise.seed")),
        Double.parseDouble(reference.getProperty("noise.sigma")));
  }

  int referenceInt(String key) {
    return Integer.parseInt(reference.getProperty(key));
  }

  double referenceDouble(String key) {
    return Double.parseDouble(reference.getProperty(key));
  }

  /** A little-endian float32 file of the folder. */
  static float[] floats(String name) {
    byte[] bytes = resource(name);
    float[] values = new float[bytes.length / Float.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
    return values;
  }

  /** A file of the folder, whole. */
  static byte[] resource(String name) {
    try (InputStream in = open(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A file of the folder as a path, which the weight readers need: the file itself when the class
   * path is a directory (as under Maven), else a temporary copy (the folder is inside a jar).
   */
  static Path path(String name) {
    URL url = url(name);
    try {
      if (url.getProtocol().equals("file")) {
        return Path.of(url.toURI());
      }
      Path copy = Files.createTempFile("kiln-", "-" + name);
      copy.toFile().deleteOnExit();
      try (InputStream in = url.openStream()) {
        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
      }
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static InputStream open(String name) throws IOException {
    return url(name).openStream();
  }

  private static URL url(String name) {
    URL url = FashionSample.class.getResource(FOLDER + name);
    if (url == null) {
      throw new IllegalStateException("missing class-path resource " + FOLDER + name
          + " (written by reference/training/train.py)");
    }
    return url;
  }

  /**
   * The values of an unsigned-byte idx file (big-endian magic {@code 0x0000080N}, N big-endian
   * dimensions, then the bytes), gunzipped; checks the magic, the rank and the length.
   */
  static byte[] idx(byte[] gzipped, int rank) {
    try (DataInputStream in = new DataInputStream(new GZIPInputStream(new java.io.ByteArrayInputStream(gzipped)))) {
      int magic = in.readInt();
      if (magic != (0x0800 | rank)) {
        throw new IllegalStateException(String.format("idx magic 0x%08x, expected 0x%08x", magic, 0x0800 | rank));
      }
      long count = 1;
      for (int d = 0; d < rank; d++) {
        count *= in.readInt() & 0xffffffffL;
      }
      if (count > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("idx file of " + count + " values is too large");
      }
      byte[] values = new byte[(int) count];
      in.readFully(values);
      if (in.read() != -1) {
        throw new IllegalStateException("idx file longer than its dimensions say");
      }
      return values;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
