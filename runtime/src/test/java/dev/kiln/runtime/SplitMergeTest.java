package dev.kiln.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.shape.CheckedModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An Inception block at batch 1 on two lanes, with and without even splits ({@code -Dkiln.split.even=false} turns them off) (which
 * splits its concatenation and element-wise {@code Maximum} over the lanes like its convolutions,
 * their items the output's pixels, and takes guided chunks), and the
 * result is bit for bit the one-thread result (no split changes a sum's order), for several inputs,
 * inside a batch, and from several calling threads at once; warm calls allocate nothing; the profile
 * gives every step one time per lane.
 */
class SplitMergeTest {
  static final String INCEPTION = "inception | 18,18,16 | a:conv2d filters=48 kernel=1; ab:bn; ar:act fn=relu;"
      + " b:conv2d filters=32 kernel=3 padding=same from=input; br:act fn=relu;"
      + " c:avgpool pool=3 strides=1 padding=same from=input; cat:concat from=ar,br,c;"
      + " d:conv2d filters=96 kernel=1 from=cat; e:act fn=tanh from=cat; mx:maximum from=d,e";

  private static CheckedModel model() {
    String[] parts = INCEPTION.split("\\|");
    return GraphOptimizerTest.model("inception", parts[1].trim(), parts[2].trim());
  }

  private static float[] input(int batch, int size, long seed) {
    float[] input = new float[batch * size];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < input.length; i++) {
      input[i] = (float) (random.nextDouble() * 2 - 1);
    }
    return input;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"scalar", "best"})
  void twoLanesGiveTheOneThreadResult(String path) throws Exception {
    Gemm gemm = path.equals("scalar") ? Simd.scalar() : Simd.best();
    CheckedModel model = model();
    Weights weights = GraphOptimizerTest.randomWeights(model, 3);
    Network one = Network.create(model, weights, 1, gemm, true);
    for (String even : new String[] {"false", "true"}) {
      System.setProperty("kiln.split.even", even);
      try {
        compare(model, one, Network.create(model, weights, 2, gemm, true));
      } finally {
        System.clearProperty("kiln.split.even");
      }
    }
  }

  /** {@code two} (2 lanes) against {@code one} (1 lane): alone, in a batch, from several threads. */
  private static void compare(CheckedModel model, Network one, Network two) throws Exception {
    int size = model.inputShape().size();
    for (long seed = 1; seed <= 3; seed++) {
      float[] x = input(1, size, seed);
      assertArrayEquals(one.predict(x, 1), two.predict(x, 1), "input " + seed);
    }
    float[] batch = input(3, size, 9);
    float[] expected = one.predict(batch, 3);
    assertArrayEquals(expected, two.predict(batch, 3), "batch of 3");
    int out = model.outputShape().size();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<float[]>> results = new ArrayList<>();
      for (int t = 0; t < 12; t++) {
        int e = t % 3;
        results.add(pool.submit(() -> two.predict(Arrays.copyOfRange(batch, e * size, (e + 1) * size), 1)));
      }
      for (int t = 0; t < 12; t++) {
        int e = t % 3;
        assertArrayEquals(Arrays.copyOfRange(expected, e * out, (e + 1) * out), results.get(t).get(),
            "concurrent call " + t);
      }
    } finally {
      pool.shutdown();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"scalar", "best"})
  @Tag("allocation") // after many other shapes too: ManyShapesAllocationTest
  void warmSplitMergesAllocateNothing(String path) {
    Gemm gemm = path.equals("scalar") ? Simd.scalar() : Simd.best();
    if (!(gemm instanceof ScalarGemm) && Runtime.version().feature() < 21) {
      return;
    }
    CheckedModel model = model();
    Network network = Network.create(model, GraphOptimizerTest.randomWeights(model, 4), 2, gemm, true);
    float[] in = input(1, model.inputShape().size(), 5);
    float[] out = new float[model.outputShape().size()];
    com.sun.management.ThreadMXBean bean =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long allocated = Long.MAX_VALUE;
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (allocated > 0 && System.nanoTime() < deadline) {
      long before = bean.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < 100; i++) {
        network.predict(in, out, 1);
      }
      allocated = bean.getCurrentThreadAllocatedBytes() - before;
    }
    assertEquals(0, allocated, "bytes allocated by the last 100 calls");
  }

  @org.junit.jupiter.api.Test
  void profileHasATimePerLane() {
    CheckedModel model = model();
    Network network = Network.create(model, GraphOptimizerTest.randomWeights(model, 4), 2, Simd.scalar(), true);
    Profile profile = network.profile(input(1, model.inputShape().size(), 6), 1, 3);
    for (Profile.Row row : profile.rows()) {
      assertEquals(Workers.SHARED.helperCount() > 0 ? 2 : 1, row.laneMillis().size(), row.layers());
      assertTrue(row.laneMillis().stream().allMatch(m -> m >= 0), row::toString);
      assertTrue(row.imbalance() >= 1 - 1e-9 && row.imbalance() <= row.laneMillis().size() + 1e-9, row::toString);
    }
    Profile.Row cat = profile.rows().stream().filter(r -> r.layers().equals("cat")).findFirst().orElseThrow();
    assertEquals("Concatenate", cat.kind());
    assertTrue(cat.laneMillis().stream().mapToDouble(Double::doubleValue).sum() > 0, "the lanes copied: " + cat);
  }
}
