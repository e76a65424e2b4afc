package dev.kiln.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.Conv2DTransposeRule;
import dev.kiln.shape.FixtureLayers;
import dev.kiln.shape.LayerInfo;
import dev.kiln.shape.ModelSpec;
import dev.kiln.shape.ShapeChecker;
import dev.kiln.shape.TensorShape;
import dev.kiln.weights.E2eFixtures;
import dev.kiln.shape.WeightSpec;
import dev.kiln.weights.WeightFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Graph models against PyTorch with the same weights (reference/graph-outputs): the original U-Net at
 * 188x188, the SAME U-Net with {@code sameShapeAs} (Kiln chooses each {@code outputPadding}; the test
 * checks it chose what the reference used), and random DAGs of the graph fixture with several inputs and
 * outputs. Each model is declared in code from {@code models.jsonl}, its weights are read from PyTorch's
 * {@code state_dict} (and, where there is one, from the Keras-layout file, which must give the same
 * floats), and {@link Network} runs a batch of 3 and each example alone on 2 threads.
 *
 * <p>The reference outputs are PyTorch's in float64 from the same float32 values, so the difference is
 * Kiln's float32 rounding. Tolerance per element: {@code 1e-5 * max(1, max|expected|) + 1e-4 *
 * |expected|}, with the maximum over that output's batch, as in the other reference tests.
 */
class GraphOutputsTest {
  static final double ABS = 1e-5;
  static final double REL = 1e-4;
  static final int THREADS = 2;
  private static final Map<String, String> LARGEST = new TreeMap<>();

  static Stream<Arguments> models() throws IOException {
    return FixtureLayers.cases("/graph-outputs/models.jsonl");
  }

  @SuppressWarnings("unchecked")
  static CheckedModel model(Map<String, Object> c) {
    List<ModelSpec.InputSpec> inputs = new ArrayList<>();
    ((Map<String, Object>) c.get("inputs")).forEach((name, shape) ->
        inputs.add(new ModelSpec.InputSpec(name, FixtureLayers.ints(shape))));
    List<ModelSpec.LayerSpec> layers = new ArrayList<>();
    for (Map<String, Object> l : (List<Map<String, Object>>) c.get("layers")) {
      layers.add(new ModelSpec.LayerSpec((String) l.get("name"), FixtureLayers.rule(l), (List<String>) l.get("from"),
          (String) l.get("sameShapeAs"), null));
    }
    return ShapeChecker.check(new ModelSpec((String) c.get("id"), inputs, layers, (List<String>) c.get("outputs")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  @SuppressWarnings("unchecked")
  void outputsEqualPyTorchs(String name, Map<String, Object> c) throws Exception {
    String id = (String) c.get("id");
    CheckedModel model = model(c);
    assertFalse(model.hasErrors(), () -> id + ": " + model.problems());
    for (Map<String, Object> l : (List<Map<String, Object>>) c.get("layers")) {
      Map<String, List<Long>> shapes = (Map<String, List<Long>>) c.get("shapes");
      LayerInfo layer = model.layer((String) l.get("name"));
      assertArrayEquals(FixtureLayers.ints(shapes.get(layer.name())), layer.output().dims(), id + " " + layer.name());
      if (l.containsKey("expectOutputPadding")) {
        int[] expected = FixtureLayers.ints(l.get("expectOutputPadding"));
        Conv2DTransposeRule rule = (Conv2DTransposeRule) layer.rule();
        assertArrayEquals(expected, new int[] {rule.outputPadding(0), rule.outputPadding(1)},
            id + " " + layer.name() + ": the outputPadding Kiln chose for sameShapeAs");
      }
    }

    Map<String, Object> files = (Map<String, Object>) c.get("weights");
    Weights weights = WeightFiles.readPyTorch(resource((String) files.get("torch")), model,
        (Map<String, String>) files.get("modules"));
    if (files.get("keras") != null) {
      assertSameWeights(model, weights, WeightFiles.readKeras(resource((String) files.get("keras")), model));
    }

    int batch = ((Long) c.get("batch")).intValue();
    List<TensorShape> inputShapes = new ArrayList<>();
    float[][] inputs = new float[model.spec().firstLayer()][];
    Map<String, Long> seeds = (Map<String, Long>) c.get("inputSeeds");
    for (int i = 0; i < inputs.length; i++) {
      String input = model.spec().nodeName(i);
      inputShapes.add(model.layer(input).output());
      assertEquals(seeds.get(input).longValue(), seed(id, input));
      inputs[i] = lcg(seed(id, input), batch * inputShapes.get(i).size());
    }
    List<String> outputs = model.outputNames();
    float[] all = floats(id + ".torch.bin");
    float[][] expected = new float[outputs.size()][];
    int at = 0;
    for (int k = 0; k < expected.length; k++) {
      int size = batch * model.layer(outputs.get(k)).output().size();
      expected[k] = Arrays.copyOfRange(all, at, at + size);
      at += size;
    }
    assertEquals(all.length, at, id + ": floats in the reference outputs");

    Network network = Network.create(model, weights, THREADS);
    double[] largest = new double[outputs.size()];
    float[][] whole = network.predict(inputs, batch);
    float[][] declared = Network.create(model, weights, THREADS, false).predict(inputs, batch);
    for (int k = 0; k < outputs.size(); k++) {
      largest[k] = compare(id + " output `" + outputs.get(k) + "` (batch " + batch + ")", expected[k], whole[k],
          model.layer(outputs.get(k)).output(), 0);
      compare(id + " output `" + outputs.get(k) + "` (batch " + batch + ", optimizer off)", expected[k],
          declared[k], model.layer(outputs.get(k)).output(), 0);
    }
    if (inputs.length == 1 && outputs.size() == 1) {
      float[] single = network.predict(inputs[0], batch);
      compare(id + " (predict(float[], " + batch + "))", expected[0], single, model.outputShape(), 0);
    }
    for (int e = 0; e < batch; e++) {
      float[][] one = new float[inputs.length][];
      for (int i = 0; i < inputs.length; i++) {
        int size = inputShapes.get(i).size();
        one[i] = Arrays.copyOfRange(inputs[i], e * size, (e + 1) * size);
      }
      float[][] result = network.predict(one, 1);
      for (int k = 0; k < outputs.size(); k++) {
        int size = model.layer(outputs.get(k)).output().size();
        largest[k] = Math.max(largest[k], compare(id + " output `" + outputs.get(k) + "` (example " + e + " alone)",
            Arrays.copyOfRange(expected[k], e * size, (e + 1) * size), result[k], model.layer(outputs.get(k)).output(),
            e));
      }
    }
    StringBuilder line = new StringBuilder();
    for (int k = 0; k < outputs.size(); k++) {
      line.append(k == 0 ? "" : ", ").append(outputs.get(k)).append(String.format(" %.2e", largest[k]));
    }
    synchronized (LARGEST) {
      LARGEST.put(id, line.toString());
    }
  }

  @AfterAll
  static void summary() {
    LARGEST.forEach((id, line) -> System.out.printf("largest difference from PyTorch, %s: %s%n", id, line));
  }

  /**
   * Fails naming the element (example and coordinates) that exceeds the tolerance and the largest
   * difference; returns the largest absolute difference.
   */
  static double compare(String what, float[] expected, float[] actual, TensorShape shape, int firstExample) {
    assertEquals(expected.length, actual.length, what + ": output length");
    double scale = Compare.scale(expected);
    return E2eFixtures.check(what, expected, actual, ABS * scale, REL, i -> at(i, shape, firstExample));
  }

  /** "example 1, (3, 7, 0)": the element's example and its coordinates without the batch axis. */
  static String at(int index, TensorShape shape, int firstExample) {
    int example = index / shape.size();
    int rest = index % shape.size();
    int[] coordinate = new int[shape.rank()];
    for (int d = shape.rank() - 1; d >= 0; d--) {
      coordinate[d] = rest % shape.dim(d);
      rest /= shape.dim(d);
    }
    StringBuilder text = new StringBuilder("example ").append(firstExample + example).append(", (");
    for (int d = 0; d < coordinate.length; d++) {
      text.append(d == 0 ? "" : ", ").append(coordinate[d]);
    }
    return text.append(')').toString();
  }

  /** The two files of one model hold the same floats, tensor by tensor. */
  static void assertSameWeights(CheckedModel model, Weights torch, Weights keras) {
    for (LayerInfo layer : model.layers()) {
      for (WeightSpec spec : layer.weights()) {
        float[] a = torch.get(layer.name(), spec.name());
        float[] b = keras.get(layer.name(), spec.name());
        assertNotNull(a, layer.name() + "/" + spec.name());
        assertArrayEquals(b, a, layer.name() + "/" + spec.name() + ": the PyTorch file, converted, differs from the "
            + "Keras-layout file");
      }
    }
  }

  /** make_fixtures.py's input seed: the CRC-32 of {@code "<model>/<input>"}. */
  static long seed(String model, String input) {
    CRC32 crc = new CRC32();
    crc.update((model + "/" + input).getBytes(StandardCharsets.UTF_8));
    return crc.getValue();
  }

  /**
   * make_fixtures.py's inputs: {@code x <- 1664525 x + 1013904223 (mod 2^32)}, each value
   * {@code (x >>> 8) / 2^23 - 1}, exact in float32.
   */
  static float[] lcg(long seed, int count) {
    int x = (int) seed;
    float[] out = new float[count];
    for (int i = 0; i < count; i++) {
      x = 1664525 * x + 1013904223;
      out[i] = (float) ((x >>> 8) / 8388608.0 - 1.0);
    }
    return out;
  }

  static Path resource(String name) throws URISyntaxException {
    URL url = GraphOutputsTest.class.getResource("/graph-outputs/" + name);
    assertNotNull(url, name);
    return Path.of(url.toURI());
  }

  static float[] floats(String name) throws IOException {
    try (InputStream in = GraphOutputsTest.class.getResourceAsStream("/graph-outputs/" + name)) {
      assertNotNull(in, name);
      ByteBuffer bytes = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
      float[] values = new float[bytes.remaining() / 4];
      bytes.asFloatBuffer().get(values);
      return values;
    }
  }
}
