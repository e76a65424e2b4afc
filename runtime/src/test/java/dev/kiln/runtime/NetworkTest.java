package dev.kiln.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.shape.CheckedModel;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/** Network's contract: weight validation, input checks, initial weights, threads and allocation. */
class NetworkTest {
  static final String DENOISER = Fixtures.cases().stream().filter(l -> l.startsWith("denoiser")).findFirst()
      .orElseThrow();

  static float[] random(int n, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextFloat();
    }
    return x;
  }

  @Test
  void wrongInputSizeNamesBothShapes() {
    CheckedModel model = CaseModels.parse(DENOISER);
    Network network = Network.create(model, Weights.random(model, 0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> network.predict(new float[2 * 784], 1));
    assertEquals("input: expected shape (1, 28, 28, 1) = 784 floats (NHWC, batch-major), received shape "
        + "(2, 28, 28, 1) = 1568 floats", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> network.predict(new float[100], 1));
    assertTrue(e.getMessage().contains("received 100 floats, not a whole number of 28x28x1 examples"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> network.predict(new float[784], new float[3], 1));
  }

  @Test
  void reportsEveryWeightProblemAtOnce() {
    CheckedModel model = CaseModels.parse("m | 6,6,2 | conv2d filters=4 kernel=3; bn; dense units=3");
    Weights weights = Weights.random(model, 0);
    weights.put("layer1", "bias", new float[3]);
    weights.put("layer2", "extra", new float[1]);
    weights.put("nope", "kernel", new float[1]);
    Weights missing = new Weights();
    weights.layerNames().forEach(l -> weights.layer(l).forEach((n, v) -> {
      if (!(l.equals("layer3") && n.equals("kernel"))) {
        missing.put(l, n, v);
      }
    }));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Network.create(model, missing));
    assertEquals("4 weight problems for model `m`:\n"
        + "  layer `layer1` tensor `bias`: expected (4,) = 4 floats, found 3 floats\n"
        + "  layer `layer2` tensor `extra`: not a weight of this BatchNormalization (expected gamma, beta, "
        + "moving_mean, moving_variance)\n"
        + "  layer `layer3` tensor `kernel`: expected (4, 3) = 12 floats, found none\n"
        + "  layer `nope`: no such layer in model `m`", e.getMessage());
  }

  @Test
  void randomWeightsFollowKerasInitializers() {
    CheckedModel model = CaseModels.parse("m | 8,8,1 | conv2d filters=32 kernel=3; bn; "
        + "transpose filters=2 kernel=3 strides=2; depthwise kernel=3 multiplier=2");
    Weights w = Weights.random(model, 42);
    double convLimit = Math.sqrt(6.0 / (9 * 1 + 9 * 32));
    double max = 0;
    for (float v : w.get("layer1", "kernel")) {
      max = Math.max(max, Math.abs(v));
    }
    assertTrue(max <= convLimit && max > 0.9 * convLimit, "conv kernel within glorot limit " + convLimit);
    assertArrayEquals(new float[32], w.get("layer1", "bias"));
    assertEquals(1f, w.get("layer2", "gamma")[5]);
    assertEquals(1f, w.get("layer2", "moving_variance")[5]);
    assertEquals(0f, w.get("layer2", "moving_mean")[5]);
    // transposed (kh, kw, filters=2, in=32): fan_in = 9 * 2, fan_out = 9 * 32, as Keras computes on the shape
    double transposeLimit = Math.sqrt(6.0 / (9 * 2 + 9 * 32));
    for (float v : w.get("layer3", "kernel")) {
      assertTrue(Math.abs(v) <= transposeLimit);
    }
    assertArrayEquals(Weights.random(model, 42).get("layer4", "kernel"), w.get("layer4", "kernel"));
  }

  @Test
  void batchesAndThreadsAgreeWithSingleExamples() throws Exception {
    CheckedModel model = CaseModels.parse(DENOISER);
    Network network = Network.create(model, Weights.random(model, 3));
    float[] input = random(5 * 784, 9);
    float[] batch = network.predict(input, 5);
    for (int e = 0; e < 5; e++) {
      float[] one = network.predict(java.util.Arrays.copyOfRange(input, e * 784, (e + 1) * 784), 1);
      assertArrayEquals(one, java.util.Arrays.copyOfRange(batch, e * 784, (e + 1) * 784), 1e-6f);
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<float[]>> results = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        int b = 1 + t % 5;
        results.add(pool.submit(() -> network.predict(java.util.Arrays.copyOf(input, b * 784), b)));
      }
      for (int t = 0; t < 16; t++) {
        float[] r = results.get(t).get();
        assertArrayEquals(java.util.Arrays.copyOf(batch, r.length), r, 1e-6f, "concurrent call " + t);
      }
    } finally {
      pool.shutdown();
    }
  }

  /**
   * Every batch size on 2 and 3 lanes gives the bits of one lane, with one example per lane (the
   * default; a batch that is not a multiple of the lanes runs its last examples with their layers
   * split) and with every example's layers split ({@code -Dkiln.splitLayers=true}).
   */
  @ParameterizedTest(name = "splitLayers={0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"false", "true"})
  void everyBatchOnSeveralLanesMatchesOneLane(String splitLayers) {
    CheckedModel model = CaseModels.parse(DENOISER);
    Weights weights = Weights.random(model, 5);
    float[] input = random(7 * 784, 11);
    Network one = Network.create(model, weights, 1);
    float[] expected = one.predict(input, 7);
    for (int threads : new int[] {2, 3}) {
      Network network;
      System.setProperty("kiln.splitLayers", splitLayers);
      try {
        network = Network.create(model, weights, threads);
      } finally {
        System.clearProperty("kiln.splitLayers");
      }
      for (int batch = 1; batch <= 7; batch++) {
        float[] output = network.predict(java.util.Arrays.copyOf(input, batch * 784), batch);
        assertArrayEquals(java.util.Arrays.copyOf(expected, batch * 784), output,
            threads + " lanes, batch " + batch);
      }
    }
  }

  /**
   * Once the JIT has compiled the kernels (vector code allocates until C2 has compiled it), a window of
   * 100 calls allocates nothing on the calling thread. Windows are tried for up to a minute (the JIT
   * is slow on a busy machine) to reach that state; this bounds the wait, it does not time anything.
   * On JDK 17 this caught the vector kernels boxing every operation once 256- and 512-bit vectors had
   * both run (see {@code VectorGemm}'s class comment).
   */
  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"scalar", "best"})
  @org.junit.jupiter.api.Tag("allocation") // after many other shapes too: ManyShapesAllocationTest
  void steadyStateCallsAllocateNothing(String path) {
    assertDenoiserAllocatesNothing(path.equals("scalar") ? Simd.scalar() : Simd.best());
  }

  /**
   * The denoiser on {@code gemm}, 2 lanes, batch 1 and 4: once warm, 100 calls allocate nothing on
   * the calling thread. Windows are tried for up to a minute (C2 may need a while on a busy machine to
   * compile the last kernels); this bounds the wait, it times nothing.
   */
  static void assertDenoiserAllocatesNothing(Gemm gemm) {
    CheckedModel model = CaseModels.parse(DENOISER);
    Network network = Network.create(model, Weights.random(model, 3), 2, gemm);
    com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (int batch : new int[] {1, 4}) {
      float[] input = random(batch * 784, 1);
      float[] output = new float[batch * 784];
      long allocated = Long.MAX_VALUE;
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (allocated > 0 && System.nanoTime() < deadline) {
        long before = bean.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100; i++) {
          network.predict(input, output, batch);
        }
        allocated = bean.getCurrentThreadAllocatedBytes() - before;
      }
      assertEquals(0, allocated, "batch " + batch + ": bytes allocated by the last 100 calls");
    }
  }

  @Test
  void erfMatchesKnownValues() {
    assertEquals(0.5204998778130465, Erf.erf(0.5), 1e-15);
    assertEquals(0.8427007929497149, Erf.erf(1), 1e-15);
    assertEquals(-0.9953222650189527, Erf.erf(-2), 1e-15);
    assertEquals(0.9999999999984626, Erf.erf(5), 1e-15);
    assertEquals(0.0, Erf.erf(0), 0);
  }
}
