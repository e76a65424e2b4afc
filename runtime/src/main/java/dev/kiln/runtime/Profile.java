package dev.kiln.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Where one example's time goes, per computed step of a {@link Network}: {@link Network#profile}
 * measures it. A step is one kernel with everything the graph optimizer fused into it, so a row
 * names all those layers ({@code conv1+bn1+relu1}) and their kinds. Wall-clock times, so a busy
 * machine inflates them; the shares stay meaningful.
 *
 * @param rows in execution order
 * @param millis wall time of one example through all steps
 */
public record Profile(List<Row> rows, double millis) {

  /**
   * One computed step.
   *
   * @param layers the layer names it computes, joined by {@code +}
   * @param kind their Keras class names, joined by {@code +}
   * @param millis wall time per example
   * @param macs multiply-accumulates per example (of the computing layer; fused work adds none)
   * @param share of the total time, 0 to 1
   */
  public record Row(String layers, String kind, double millis, long macs, double share) {
    /** {@code 2 * macs / time}, in billions per second. */
    public double gflops() {
      return millis > 0 ? 2e-6 * macs / millis : 0;
    }
  }

  public Profile {
    rows = List.copyOf(rows);
  }

  /**
   * @param timings nanoseconds per step of {@code plan}, summed over {@code examples} examples
   * @param kinds the Keras class name of every layer, by layer name
   */
  static Profile of(Plan plan, long[] timings, double examples, java.util.Map<String, String> kinds) {
    long total = java.util.Arrays.stream(timings).sum();
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < timings.length; i++) {
      List<String> names = plan.names.get(i);
      List<String> stepKinds = new ArrayList<>();
      for (String name : names) {
        if (!stepKinds.contains(kinds.get(name))) {
          stepKinds.add(kinds.get(name));
        }
      }
      rows.add(new Row(String.join("+", names), String.join("+", stepKinds), timings[i] / 1e6 / examples,
          plan.layerOf.get(i).macs(), total > 0 ? (double) timings[i] / total : 0));
    }
    return new Profile(rows, total / 1e6 / examples);
  }

  /** The {@code n} most expensive rows, most expensive first. */
  public List<Row> top(int n) {
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparingDouble(Row::millis).reversed());
    return sorted.subList(0, Math.min(n, sorted.size()));
  }

  /** Time and GFLOP/s summed by kind, most expensive first. */
  public List<Row> byKind() {
    java.util.Map<String, double[]> sums = new java.util.LinkedHashMap<>();
    for (Row r : rows) {
      double[] s = sums.computeIfAbsent(r.kind(), k -> new double[3]);
      s[0] += r.millis();
      s[1] += r.macs();
      s[2]++;
    }
    List<Row> kinds = new ArrayList<>();
    sums.forEach((kind, s) -> kinds.add(new Row((int) s[2] + " steps", kind, s[0], (long) s[1],
        millis > 0 ? s[0] / millis : 0)));
    kinds.sort(Comparator.comparingDouble(Row::millis).reversed());
    return kinds;
  }

  /** The whole profile as a table, then the sums by kind. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    table(text, rows, "Layers");
    text.append(String.format(Locale.ROOT, "Total %.3f ms per example%n%n", millis));
    table(text, byKind(), "Steps");
    return text.toString();
  }

  /** The {@code n} most expensive rows as a table. */
  public String toString(int n) {
    StringBuilder text = new StringBuilder();
    table(text, top(n), "Layers");
    return text.append(String.format(Locale.ROOT, "Total %.3f ms per example%n", millis)).toString();
  }

  private static void table(StringBuilder text, List<Row> rows, String first) {
    text.append(String.format(Locale.ROOT, "%-44s %-40s %10s %8s %9s %7s%n", first, "Kind", "ms", "MMACs",
        "GFLOP/s", "share"));
    for (Row r : rows) {
      text.append(String.format(Locale.ROOT, "%-44s %-40s %10.3f %8.1f %9.1f %6.1f%%%n", clip(r.layers(), 44),
          clip(r.kind(), 40), r.millis(), r.macs() / 1e6, r.gflops(), 100 * r.share()));
    }
  }

  private static String clip(String s, int width) {
    return s.length() <= width ? s : s.substring(0, width - 3) + "...";
  }
}
