package dev.kiln.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Where one example's time goes, per computed step of a {@link Network}: {@link Network#profile}
 * measures it. A step is one kernel with everything the graph optimizer fused into it, so a row
 * names all those layers ({@code conv1+bn1+relu1}) and their kinds. Wall-clock times, so a busy
 * machine inflates them; the shares stay meaningful ({@code -Dkiln.profile.clock=cpu} counts each
 * thread's CPU time instead). With several threads each row also says how long every lane worked on
 * the step: a split layer whose lanes are unequal, or whose step time exceeds its busiest lane by
 * much, loses the second thread to imbalance or to the hand-off.
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
   * @param laneMillis per lane (0 is the calling thread), its time per example on this step's work: a
   *     step that is not split runs on lane 0 alone
   */
  public record Row(String layers, String kind, double millis, long macs, double share, List<Double> laneMillis) {
    public Row {
      laneMillis = List.copyOf(laneMillis);
    }

    /**
     * The busiest lane's time over the mean lane's, 1 for an even split (and for one lane): a split
     * step's wall time cannot beat its busiest lane.
     */
    public double imbalance() {
      double sum = laneMillis.stream().mapToDouble(Double::doubleValue).sum();
      double most = laneMillis.stream().mapToDouble(Double::doubleValue).max().orElse(0);
      return sum > 0 ? most * laneMillis.size() / sum : 1;
    }

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
   * @param laneTimings nanoseconds per step and lane, {@code [step * lanes + lane]}, summed likewise
   * @param kinds the Keras class name of every layer, by layer name
   */
  static Profile of(Plan plan, long[] timings, long[] laneTimings, double examples,
      java.util.Map<String, String> kinds) {
    long total = java.util.Arrays.stream(timings).sum();
    int lanes = timings.length == 0 ? 1 : laneTimings.length / timings.length;
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < timings.length; i++) {
      List<String> names = plan.names.get(i);
      List<String> stepKinds = new ArrayList<>();
      for (String name : names) {
        if (!stepKinds.contains(kinds.get(name))) {
          stepKinds.add(kinds.get(name));
        }
      }
      List<Double> perLane = new ArrayList<>();
      for (int l = 0; l < lanes; l++) {
        perLane.add(laneTimings[i * lanes + l] / 1e6 / examples);
      }
      rows.add(new Row(String.join("+", names), String.join("+", stepKinds), timings[i] / 1e6 / examples,
          plan.layerOf.get(i).macs(), total > 0 ? (double) timings[i] / total : 0, perLane));
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
    int lanes = rows.isEmpty() ? 1 : rows.get(0).laneMillis().size();
    java.util.Map<String, double[]> sums = new java.util.LinkedHashMap<>();
    for (Row r : rows) {
      // millis, macs, steps, then each lane's millis
      double[] s = sums.computeIfAbsent(r.kind(), k -> new double[3 + lanes]);
      s[0] += r.millis();
      s[1] += r.macs();
      s[2]++;
      for (int l = 0; l < lanes; l++) {
        s[3 + l] += r.laneMillis().get(l);
      }
    }
    List<Row> kinds = new ArrayList<>();
    sums.forEach((kind, s) -> kinds.add(new Row((int) s[2] + " steps", kind, s[0], (long) s[1],
        millis > 0 ? s[0] / millis : 0,
        java.util.Arrays.stream(s, 3, s.length).boxed().toList())));
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

  /** One line per row; with several lanes, each lane's milliseconds and the imbalance follow. */
  private static void table(StringBuilder text, List<Row> rows, String first) {
    boolean lanes = !rows.isEmpty() && rows.get(0).laneMillis().size() > 1;
    text.append(String.format(Locale.ROOT, "%-44s %-40s %10s %8s %9s %7s%s%n", first, "Kind", "ms", "MMACs",
        "GFLOP/s", "share", lanes ? "  lanes ms (imbalance)" : ""));
    for (Row r : rows) {
      text.append(String.format(Locale.ROOT, "%-44s %-40s %10.3f %8.1f %9.1f %6.1f%%", clip(r.layers(), 44),
          clip(r.kind(), 40), r.millis(), r.macs() / 1e6, r.gflops(), 100 * r.share()));
      if (lanes) {
        text.append("  ");
        for (int l = 0; l < r.laneMillis().size(); l++) {
          text.append(l == 0 ? "" : "/").append(String.format(Locale.ROOT, "%.3f", r.laneMillis().get(l)));
        }
        text.append(String.format(Locale.ROOT, " (%.2f)", r.imbalance()));
      }
      text.append(String.format("%n"));
    }
  }

  private static String clip(String s, int width) {
    return s.length() <= width ? s : s.substring(0, width - 3) + "...";
  }
}
