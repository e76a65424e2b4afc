package dev.kiln.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs {@link NetworkBenchmark} and {@link FmaPeakBenchmark} (any JMH command-line options are
 * accepted, e.g. {@code -p network=vggblock}) and prints the machine's FMA peak, then Kiln next to
 * ONNX Runtime: images/s, GFLOP/s ({@code 2 * MACs * images / s}, MACs from
 * {@code CheckedModel.macs()}), the Kiln / ONNX Runtime ratio and Kiln's share of the 512-bit peak
 * at its thread count.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    CommandLineOptions options = new CommandLineOptions(args);
    Collection<RunResult> results = new Runner(options).run();
    Map<String, double[]> rows = new TreeMap<>((a, b) -> order(a).compareTo(order(b)));
    Map<String, Double> peak = new TreeMap<>();
    for (RunResult r : results) {
      String label = r.getParams().getBenchmark();
      String method = label.substring(label.lastIndexOf('.') + 1);
      if (label.contains("FmaPeakBenchmark")) {
        // one op = one vector FMA: 2 flops per float lane
        int lanes = Integer.parseInt(method.substring(3, 6)) / 32;
        peak.put(method, r.getPrimaryResult().getScore() * 2 * lanes / 1e9);
        continue;
      }
      Map<String, String> p = new HashMap<>();
      for (String key : r.getParams().getParamsKeys()) {
        p.put(key, r.getParams().getParam(key));
      }
      int batch = Integer.parseInt(p.get("batch"));
      double images = r.getPrimaryResult().getScore() * batch;
      String key = String.format("%-12s %5s %7s %9s", p.get("network"), batch, p.get("threads"), p.get("graph"));
      double[] row = rows.computeIfAbsent(key, k -> new double[] {Double.NaN, Double.NaN, 0, 0});
      row[p.get("using").equals("kiln") ? 0 : 1] = images;
      row[2] = 2.0 * Networks.model(p.get("network")).macs() / 1e9;
      row[3] = Integer.parseInt(p.get("threads"));
    }
    if (!peak.isEmpty()) {
      System.out.printf("%nFMA peak (FmaPeakBenchmark, Vector API FMA loop, float32):%n");
      peak.forEach((method, gflops) -> System.out.printf("  %-3s bits, %s thread%s: %8.1f GFLOP/s%n",
          method.substring(3, 6), method.substring(7), method.endsWith("1") ? " " : "s", gflops));
    }
    if (!rows.isEmpty()) {
      System.out.printf("%n%-12s %5s %7s %9s %11s %11s %7s %9s %9s %8s%n", "network", "batch", "threads", "graph",
          "Kiln img/s", "ORT img/s", "ratio", "Kiln GF/s", "ORT GF/s", "% peak");
      rows.forEach((key, row) -> {
        Double top = peak.get("fma512x" + (int) row[3]);
        System.out.printf("%s %11.1f %11.1f %7.2f %9.1f %9.1f %8s%n", key, row[0], row[1], row[0] / row[1],
            row[0] * row[2], row[1] * row[2], top == null ? "-" : String.format("%.0f%%", 100 * row[0] * row[2] / top));
      });
    }
    System.out.println("JVM " + System.getProperty("java.version") + ", "
        + Runtime.getRuntime().availableProcessors() + " processors; % peak: Kiln GFLOP/s over the 512-bit FMA "
        + "peak at the same thread count");
  }

  /** Rows in the order of {@link Networks#ALL}, then batch, threads and graph. */
  private static String order(String key) {
    String[] f = key.trim().split("\\s+");
    return String.format("%d %05d %03d %s", Networks.ALL.indexOf(f[0]), Integer.parseInt(f[1]),
        Integer.parseInt(f[2]), f[3]);
  }
}
