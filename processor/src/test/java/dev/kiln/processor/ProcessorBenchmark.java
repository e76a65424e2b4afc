package dev.kiln.processor;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.annotation.processing.Processor;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * What the processor adds to javac, in process: the thread CPU time of compiling a model with the
 * Kiln processor minus without it ({@code -proc:none}), each the median of warm runs with one
 * reused javac, for VGG16 and ~400-layer models, valid and with a wrong @Shape at the end (which
 * makes the processor search fixes over the whole model). CPU time, not wall time: the figure
 * stays meaningful on a busy machine. Run from the processor module's test class path:
 * {@code ProcessorBenchmark [runs [name]]} (only the models whose name contains {@code name}, e.g.
 * {@code VGG16}); {@code ProcessorBenchmark cold} times one first compile.
 */
public final class ProcessorBenchmark {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
  private final StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);

  public static void main(String[] args) throws IOException {
    ProcessorBenchmark bench = new ProcessorBenchmark();
    if (args.length > 0 && args[0].equals("cold")) {
      boolean kiln = args.length < 2 || !args[1].equals("none");
      long cpu = bench.compileNanos(LargeModels.vgg16("Vgg16", false), kiln);
      System.out.printf(Locale.ROOT, "cold first compile of VGG16 %s the processor: %.0f ms CPU%n",
          kiln ? "with" : "without", cpu / 1e6);
      return;
    }
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    String only = args.length > 1 ? args[1] : "";
    Object[][] all = {
        {"VGG16 (23 layers), valid", LargeModels.vgg16("Vgg16", false), 23},
        {"VGG16 (23 layers), wrong @Shape", LargeModels.vgg16("Vgg16Wrong", true), 23},
        {"Inception-like (407 layers), valid", LargeModels.inceptionLike("Inception", 14), 407},
        {"chain (400 layers), valid", LargeModels.chain("Chain", 400), 400},
        {"chain (400 layers), wrong @Shape", LargeModels.chainWithWrongShape("ChainWrong", 400), 400},
        {"chain (5,000 layers), valid", LargeModels.chain("Chain5000", 5000), 5000},
    };
    Object[][] models = Arrays.stream(all).filter(model -> ((String) model[0]).contains(only))
        .toArray(Object[][]::new);
    // Warm javac and the processor up on every model before any is measured, so the first one
    // measured is not also the one that pays for the JIT (VGG16 read 97.7 ms instead of 26.9 when
    // each model had only its own five warm-up compiles).
    for (int warm = 0; warm < Math.max(5, runs / 2); warm++) {
      for (Object[] model : models) {
        if ((int) model[2] <= 1000 || warm < 2) {
          bench.compileNanos((JavaFileObject) model[1], true);
          bench.compileNanos((JavaFileObject) model[1], false);
        }
      }
    }
    for (Object[] model : models) {
      JavaFileObject source = (JavaFileObject) model[1];
      int layers = (int) model[2];
      int n = layers > 1000 ? Math.max(3, runs / 5) : runs;
      long[] with = new long[n];
      long[] without = new long[n];
      for (int i = 0; i < n; i++) {
        with[i] = bench.compileNanos(source, true);
        without[i] = bench.compileNanos(source, false);
      }
      double added = (median(with) - median(without)) / 1e6;
      System.out.printf(Locale.ROOT, "%-38s javac alone %7.1f ms, with Kiln %7.1f ms: Kiln adds %7.1f ms"
          + " (%.1f ms per 100 layers)%n", model[0], median(without) / 1e6, median(with) / 1e6, added,
          added * 100 / layers);
    }
  }

  /**
   * javac's options for a measured compile: every lint, class and generated files into a scratch
   * folder under java.io.tmpdir (created here), and {@code -proc:none} without the processor.
   */
  static List<String> options(boolean kiln) {
    String out = System.getProperty("java.io.tmpdir") + "/kiln-bench";
    new java.io.File(out).mkdirs();
    List<String> options = new ArrayList<>(List.of("-Xlint:all", "-d", out, "-s", out));
    if (!kiln) {
      options.add("-proc:none");
    }
    return options;
  }

  /** Thread CPU time of one full compile (generated class included), with or without the processor. */
  long compileNanos(JavaFileObject source, boolean kiln) {
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<String> options = options(kiln);
    long start = THREADS.getCurrentThreadCpuTime();
    JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics, options, null, List.of(source));
    if (kiln) {
      task.setProcessors(List.<Processor>of(new KilnProcessor()));
    }
    task.call();
    return THREADS.getCurrentThreadCpuTime() - start;
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
