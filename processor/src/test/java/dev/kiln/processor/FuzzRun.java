package dev.kiln.processor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The long fuzz run, started from the processor module's test class path (README, "Fuzzing"):
 * {@code FuzzRun <seed> <models> [<failure directory>]}. Prints the figures and writes every
 * failing case's source and diagnostics to the directory.
 */
public final class FuzzRun {
  private FuzzRun() {}

  /** Cases per javac task. */
  static final int BATCH = 20;

  public static void main(String[] args) throws IOException {
    long seed = args.length > 0 ? Long.parseLong(args[0]) : 1;
    int models = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    Path failures = Path.of(args.length > 2 ? args[2] : "target/fuzz-failures");
    List<FuzzDriver.Result> results = run(seed, models, 300, failures, true);
    System.out.println(report(results));
  }

  static List<FuzzDriver.Result> run(long seed, int models, long timeoutSeconds, Path failures, boolean progress)
      throws IOException {
    List<FuzzDriver.Result> results = new ArrayList<>();
    try (FuzzDriver driver = new FuzzDriver(timeoutSeconds)) {
      List<FuzzModels.Case> batch = new ArrayList<>();
      for (int i = 0; i < models; i++) {
        FuzzModels.Case next = FuzzModels.generate(seed, i);
        // A syntax error stops annotation processing for the whole task: such cases run alone.
        if (next.expect() == FuzzModels.Expect.SYNTAX) {
          record(driver.run(next), results, failures);
        } else {
          batch.add(next);
        }
        if (batch.size() == BATCH || i == models - 1 && !batch.isEmpty()) {
          for (FuzzDriver.Result result : driver.run(batch)) {
            record(result, results, failures);
          }
          batch.clear();
        }
        if (progress && (i + 1) % 500 == 0) {
          System.out.println((i + 1) + " models: " + FuzzDriver.count(results));
        }
      }
    }
    return results;
  }

  private static void record(FuzzDriver.Result result, List<FuzzDriver.Result> results, Path failures)
      throws IOException {
    results.add(result);
    if (!result.outcomes().isEmpty() && failures != null) {
      Files.createDirectories(failures);
      Files.writeString(failures.resolve(result.fuzzCase().className() + ".txt"), result.fuzzCase().source()
          + "\n/* expect " + result.fuzzCase().expect() + " line " + result.fuzzCase().line() + " ("
          + result.fuzzCase().kind() + "): " + result.outcomes() + "\n" + String.join("\n", result.diagnostics())
          + "\n*/\n", StandardCharsets.UTF_8);
    }
  }

  static String report(List<FuzzDriver.Result> results) {
    Map<FuzzDriver.Outcome, Integer> counts = FuzzDriver.count(results);
    long big = results.stream().filter(r -> r.fuzzCase().layers() > 1000).count();
    long clean = results.stream().filter(r -> r.outcomes().isEmpty()).count();
    long cpu = results.stream().mapToLong(FuzzDriver.Result::cpuNanos).sum();
    long worst = results.stream().mapToLong(FuzzDriver.Result::cpuNanos).max().orElse(0);
    StringBuilder by = new StringBuilder();
    for (FuzzModels.Expect e : FuzzModels.Expect.values()) {
      by.append(' ').append(e.name().toLowerCase(Locale.ROOT)).append(' ')
          .append(results.stream().filter(r -> r.fuzzCase().expect() == e).count());
    }
    return String.format(Locale.ROOT, "%,d models (%,d of over 1,000 layers;%s): %,d as they should be; %s; "
        + "javac CPU %.1f s in all, %.0f ms the slowest", results.size(), big, by, clean, counts,
        cpu / 1e9, worst / 1e6);
  }
}
