package dev.kiln.bench;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs {@link NetworkBenchmark} (any JMH command-line options are accepted, e.g. {@code -p network=vggblock})
 * and prints Kiln next to ONNX Runtime: images/s, GFLOP/s ({@code 2 * MACs * images / s}, MACs from
 * {@code CheckedModel.macs()}) and the Kiln / ONNX Runtime ratio.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    CommandLineOptions options = new CommandLineOptions(args);
    Collection<RunResult> results = new Runner(options).run();
    Map<String, double[]> rows = new TreeMap<>();
    for (RunResult r : results) {
      Map<String, String> p = new java.util.HashMap<>();
      for (String key : r.getParams().getParamsKeys()) {
        p.put(key, r.getParams().getParam(key));
      }
      int batch = Integer.parseInt(p.get("batch"));
      double images = r.getPrimaryResult().getScore() * batch;
      String key = String.format("%-9s %5s %7s", p.get("network"), batch, p.get("threads"));
      double[] row = rows.computeIfAbsent(key, k -> new double[] {Double.NaN, Double.NaN, 0});
      row[p.get("using").equals("kiln") ? 0 : 1] = images;
      row[2] = 2.0 * Networks.model(p.get("network")).macs() / 1e9;
    }
    System.out.printf("%n%-9s %5s %7s %14s %14s %7s %12s %12s%n", "network", "batch", "threads", "Kiln img/s",
        "ORT img/s", "ratio", "Kiln GFLOP/s", "ORT GFLOP/s");
    rows.forEach((key, row) -> System.out.printf("%s %14.1f %14.1f %7.2f %12.1f %12.1f%n", key, row[0], row[1],
        row[0] / row[1], row[0] * row[2], row[1] * row[2]));
    System.out.println("JVM " + System.getProperty("java.version") + ", "
        + Runtime.getRuntime().availableProcessors() + " processors");
  }
}
