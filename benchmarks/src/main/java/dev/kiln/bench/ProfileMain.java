package dev.kiln.bench;

import dev.kiln.runtime.Network;
import dev.kiln.runtime.Profile;
import dev.kiln.shape.CheckedModel;
import java.nio.file.Path;
import java.util.Random;

/**
 * Prints {@link Network#profile} of a benchmark network: the most expensive steps, then the time by
 * kind. {@code java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar
 * dev.kiln.bench.ProfileMain <network> [threads, default 1] [repetitions, default 20] [rows, default 15]
 * [warm-up calls, default 30]} ({@code -Dkiln.optimize=false} profiles the layers as declared;
 * {@code -Dkiln.profile.clock=cpu} counts each thread's CPU time, for a shared machine;
 * {@code -Dkiln.compare=<property>} compares the network built with a boolean property false and
 * true, see {@link #compare}).
 * The warm-up lets C2 compile every kernel first: with three calls, the profile counted interpreted
 * depthwise loops, and on JDK 17 thirty calls of MobileNetV2 left its classifier (run once per call)
 * uncompiled: 1.5-1.9 ms where the compiled kernel takes 0.38 ms. So after the warm-up calls it also
 * {@linkplain #warmUntilSteady waits for the steady state}.
 */
public final class ProfileMain {
  private ProfileMain() {}

  /**
   * Calls {@code network} in groups of ten until a group allocates nothing on this thread, for at
   * most a minute: until then some kernel still runs interpreted or C1-compiled code, whose Vector
   * API operations box every vector (megabytes per call), and timing it measures the JIT, not Kiln.
   * Returns the calls made; prints a warning when the minute ran out.
   */
  static int warmUntilSteady(Network network, float[] input, int batch) {
    com.sun.management.ThreadMXBean bean =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    float[] output = new float[batch * network.outputShape().size()];
    long deadline = System.nanoTime() + 60_000_000_000L;
    int calls = 0;
    long allocated = Long.MAX_VALUE;
    while (allocated > 0 && System.nanoTime() < deadline) {
      long before = bean.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < 10; i++) {
        network.predict(input, output, batch);
      }
      calls += 10;
      allocated = bean.getCurrentThreadAllocatedBytes() - before;
    }
    if (allocated > 0) {
      System.out.printf("warning: still %d bytes per call after %d calls%n", allocated / 10, calls);
    }
    return calls;
  }

  private static String lanes(Profile.Row row) {
    StringBuilder text = new StringBuilder();
    for (double millis : row.laneMillis()) {
      text.append(text.length() == 0 ? "" : "/").append(String.format(java.util.Locale.ROOT, "%.3f", millis));
    }
    return text.toString();
  }

  /**
   * With {@code -Dkiln.compare=<boolean property>}: builds the network with that property false and
   * true, then alternates them for {@code rounds} rounds (each: {@code calls} timed batch-1 calls and a
   * 3-repetition profile). Prints each step's least time over the rounds for both, the ratio, and the
   * least and median wall time per call: on a shared machine the least of many alternated readings is
   * the comparison least disturbed by other processes. {@code -Dkiln.compare.batch=32} times calls
   * of 32 images (the profile still runs one).
   */
  static void compare(String name, String flag, int threads, int rounds, int calls, Path dir) throws Exception {
    CheckedModel model = Networks.model(name);
    int batch = Integer.getInteger("kiln.compare.batch", 1);
    float[] input = new float[batch * model.inputShape().size()];
    Random random = new Random(1);
    for (int i = 0; i < input.length; i++) {
      input[i] = random.nextFloat();
    }
    Network[] networks = new Network[2];
    for (int v = 0; v < 2; v++) {
      System.setProperty(flag, Boolean.toString(v == 1));
      networks[v] = Network.create(model, Networks.weights(name, dir), threads);
      networks[v].profile(input, batch, 10 / batch + 1);
      warmUntilSteady(networks[v], input, batch);
    }
    float[] output = new float[batch * model.outputShape().size()];
    float[] one = java.util.Arrays.copyOf(input, model.inputShape().size());
    double[][] wall = new double[2][rounds];
    double[][] least = new double[2][];
    java.util.List<Profile.Row> rows = null;
    for (int r = 0; r < rounds; r++) {
      for (int v = 0; v < 2; v++) {
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
          networks[v].predict(input, output, batch);
        }
        wall[v][r] = (System.nanoTime() - start) / 1e6 / calls / batch;
        Profile profile = networks[v].profile(one, 1, batch > 1 ? 1 : 3);
        if (least[v] == null) {
          least[v] = new double[profile.rows().size()];
          java.util.Arrays.fill(least[v], Double.MAX_VALUE);
          rows = profile.rows();
        }
        for (int i = 0; i < least[v].length; i++) {
          least[v][i] = Math.min(least[v][i], profile.rows().get(i).millis());
        }
      }
    }
    System.out.printf("%s, %d thread(s), %d rounds, %s=false vs true: least ms per step%n", name, threads, rounds,
        flag);
    double[] sum = new double[2];
    for (int i = 0; i < rows.size(); i++) {
      sum[0] += least[0][i];
      sum[1] += least[1][i];
      System.out.printf(java.util.Locale.ROOT, "%-44s %-22s %8.3f %8.3f %6.2f%n", rows.get(i).layers(),
          rows.get(i).kind().replace("+BatchNormalization+Activation", "+BN+Act"), least[0][i], least[1][i],
          least[0][i] / least[1][i]);
    }
    System.out.printf(java.util.Locale.ROOT, "steps' least sum %.3f vs %.3f ms%n", sum[0], sum[1]);
    for (int v = 0; v < 2; v++) {
      double[] sorted = wall[v].clone();
      java.util.Arrays.sort(sorted);
      System.out.printf(java.util.Locale.ROOT, "%s=%s: predict batch %d least %.3f ms, median %.3f ms per image%n",
          flag, v == 1, batch, sorted[0], sorted[sorted.length / 2]);
    }
  }

  public static void main(String[] args) throws Exception {
    String name = args[0];
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    int repetitions = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    int top = args.length > 3 ? Integer.parseInt(args[3]) : 15;
    int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 30;
    Path dir = Path.of(System.getProperty("kiln.onnx", "benchmarks/target/onnx"));
    String flag = System.getProperty("kiln.compare");
    if (flag != null) {
      compare(name, flag, threads, repetitions, 5, dir);
      return;
    }
    CheckedModel model = Networks.model(name);
    Network network = Network.create(model, Networks.weights(name, dir), threads);
    float[] input = new float[model.inputShape().size()];
    Random random = new Random(1);
    for (int i = 0; i < input.length; i++) {
      input[i] = random.nextFloat();
    }
    network.profile(input, 1, warmup);
    warmUntilSteady(network, input, 1);
    Profile profile = network.profile(input, 1, repetitions);
    System.out.printf("%s, %d thread(s), %d repetitions, %d steps, %.1f GFLOP/s overall%n", name, threads,
        repetitions, profile.rows().size(), 2e-6 * model.macs() / profile.millis());
    System.out.print(profile.toString(top));
    System.out.println();
    profile.byKind().forEach(r -> System.out.printf("%-40s %-12s %9.3f ms %6.1f%% %8.1f GFLOP/s  lanes %s%n",
        r.kind(), r.layers(), r.millis(), 100 * r.share(), r.gflops(), lanes(r)));
    if (threads > 1) {
      // what the steps would take if each waited only for its busiest lane: the gap to the measured
      // total is hand-off and waiting, the gap to the lanes' mean is imbalance
      double busiest = 0;
      double mean = 0;
      for (Profile.Row r : profile.rows()) {
        busiest += r.laneMillis().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        mean += r.laneMillis().stream().mapToDouble(Double::doubleValue).sum() / r.laneMillis().size();
      }
      System.out.printf("%nsteps' busiest lanes %.3f ms, lanes' mean %.3f ms, measured %.3f ms per example%n",
          busiest, mean, profile.millis());
    }
    // a steady state that allocates is boxing vectors (a kernel compiled without the Vector API's
    // intrinsics), which also explains a slow profile
    com.sun.management.ThreadMXBean bean =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    float[] output = new float[model.outputShape().size()];
    long before = bean.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < repetitions; i++) {
      network.predict(input, output, 1);
    }
    System.out.printf("%nallocated per call (this thread): %d bytes%n",
        (bean.getCurrentThreadAllocatedBytes() - before) / repetitions);
  }
}
