package dev.kiln.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kiln.runtime.Network;
import dev.kiln.weights.WeightFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link ResNetStack} with the weights of the same network written in PyTorch (an {@code nn.Sequential}
 * of residual blocks; BatchNormalization with random moving statistics, gamma and beta; SAME padding
 * with Keras's split on the stride-2 convolution), read by the generated {@code fromPyTorch}, gives
 * PyTorch's outputs (reference/graph-outputs/make_fixtures.py, computed in float64 from the same
 * float32 values). Tolerance per probability: {@code 1e-6 + 1e-5 * |expected|}, ten times tighter than
 * the other reference tests because the softmax compresses differences: Keras's BatchNormalization
 * epsilon 1e-3 taken for PyTorch's 1e-5 moves these probabilities by only 1.4e-4, and Kiln's float32
 * sums differ from the float64 reference by about 6e-8.
 */
class ResNetStackOutputsTest {
  private static final double ABS = 1e-6;
  private static final double REL = 1e-5;
  private static final int BATCH = 3;

  private static Path weights;
  private static float[] images;
  private static float[] expected;

  @BeforeAll
  static void load() throws Exception {
    URL url = ResNetStackOutputsTest.class.getResource("/graph-outputs/resnet_stack.torch.safetensors");
    assertNotNull(url);
    weights = Path.of(url.toURI());
    images = lcg(seed("resnet_stack/image"), BATCH * KilnResNetStack.Input.SIZE);
    expected = floats("/graph-outputs/resnet_stack.torch.bin");
    assertEquals(BATCH * KilnResNetStack.Output.SIZE, expected.length);
  }

  @Test
  void generatedClassFromPyTorchGivesPyTorchsProbabilities() throws Exception {
    KilnResNetStack model = KilnResNetStack.fromPyTorch(weights);
    double largest = compare("fromPyTorch, batch " + BATCH, expected, model.predict(images, BATCH), 0);
    for (int e = 0; e < BATCH; e++) {
      KilnResNetStack.Input image = KilnResNetStack.Input.of(
          Arrays.copyOfRange(images, e * KilnResNetStack.Input.SIZE, (e + 1) * KilnResNetStack.Input.SIZE));
      float[] one = model.forward(image).toArray();
      largest = Math.max(largest, compare("fromPyTorch, forward(example " + e + ")", slice(expected, e), one, e));
    }
    System.out.printf("ResNetStack vs PyTorch (generated class): largest difference %.2e%n", largest);
  }

  @Test
  void networkOnTwoThreadsGivesPyTorchsProbabilities() throws Exception {
    Network network = Network.create(KilnResNetStack.model(),
        WeightFiles.readPyTorch(weights, KilnResNetStack.model()), 2);
    double largest = compare("Network, batch " + BATCH, expected, network.predict(images, BATCH), 0);
    for (int e = 0; e < BATCH; e++) {
      float[] image = Arrays.copyOfRange(images, e * KilnResNetStack.Input.SIZE, (e + 1) * KilnResNetStack.Input.SIZE);
      largest = Math.max(largest, compare("Network, example " + e + " alone", slice(expected, e),
          network.predict(image, 1), e));
    }
    System.out.printf("ResNetStack vs PyTorch (Network, 2 threads): largest difference %.2e%n", largest);
  }

  private static float[] slice(float[] all, int example) {
    int size = KilnResNetStack.Output.SIZE;
    return Arrays.copyOfRange(all, example * size, (example + 1) * size);
  }

  /** Fails naming the example and class that exceed the tolerance, and the largest difference. */
  private static double compare(String what, float[] expected, float[] actual, int firstExample) {
    assertEquals(expected.length, actual.length, what + ": output length");
    int units = KilnResNetStack.Output.SIZE;
    double largest = -1;
    int where = 0;
    int worst = -1;
    double worstExcess = 0;
    for (int i = 0; i < expected.length; i++) {
      double diff = Math.abs((double) actual[i] - expected[i]);
      diff = Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff;
      if (diff > largest) {
        largest = diff;
        where = i;
      }
      double excess = diff - (ABS + REL * Math.abs(expected[i]));
      if (excess > worstExcess) {
        worstExcess = excess;
        worst = i;
      }
    }
    if (worst >= 0) {
      fail(String.format("%s: tolerance %.1e + %.1e*|expected| exceeded at example %d class %d (expected %s, got %s); "
          + "largest difference %.3e at example %d class %d", what, ABS, REL, firstExample + worst / units,
          worst % units, expected[worst], actual[worst], largest, firstExample + where / units, where % units));
    }
    return largest;
  }

  /** make_fixtures.py's input seed: the CRC-32 of {@code "<model>/<input>"}. */
  private static long seed(String text) {
    CRC32 crc = new CRC32();
    crc.update(text.getBytes(StandardCharsets.UTF_8));
    return crc.getValue();
  }

  /** make_fixtures.py's inputs: {@code x <- 1664525 x + 1013904223 (mod 2^32)}, each {@code (x >>> 8) / 2^23 - 1}. */
  private static float[] lcg(long seed, int count) {
    int x = (int) seed;
    float[] out = new float[count];
    for (int i = 0; i < count; i++) {
      x = 1664525 * x + 1013904223;
      out[i] = (float) ((x >>> 8) / 8388608.0 - 1.0);
    }
    return out;
  }

  private static float[] floats(String resource) throws IOException {
    try (InputStream in = ResNetStackOutputsTest.class.getResourceAsStream(resource)) {
      assertNotNull(in, resource);
      ByteBuffer bytes = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
      float[] values = new float[bytes.remaining() / 4];
      bytes.asFloatBuffer().get(values);
      return values;
    }
  }
}
