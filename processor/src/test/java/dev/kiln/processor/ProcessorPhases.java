package dev.kiln.processor;

import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Where a compile's thread CPU time goes, phase by phase: javac's task events (parse, enter,
 * analyze, generate), split between the model's source and the generated class, and the Kiln
 * processor's own {@code process} calls. Each phase's time is exclusive (a nested phase is not
 * counted in its parent); what no event covers is "other" (javac's setup, completing classes read
 * from the class path between phases, closing). Averages over warm compiles with one reused javac.
 * {@code ProcessorPhases [runs]}, from the processor module's test class path.
 */
public final class ProcessorPhases {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
  private final StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
  private final Map<String, Long> totals = new TreeMap<>();
  private final Deque<Object[]> open = new ArrayDeque<>();

  public static void main(String[] args) {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    ProcessorPhases phases = new ProcessorPhases();
    Object[][] models = {
        {"VGG16 valid", LargeModels.vgg16("Vgg16", false)},
        {"VGG16 wrong @Shape", LargeModels.vgg16("Vgg16Wrong", true)},
    };
    for (int warm = 0; warm < runs; warm++) {
      for (Object[] model : models) {
        phases.compile((JavaFileObject) model[1], true);
        phases.compile((JavaFileObject) model[1], false);
      }
    }
    for (Object[] model : models) {
      for (boolean kiln : new boolean[] {false, true}) {
        phases.totals.clear();
        for (int i = 0; i < runs; i++) {
          phases.compile((JavaFileObject) model[1], kiln);
        }
        System.out.printf(Locale.ROOT, "%s, %s the processor (ms per compile):%n", model[0], kiln ? "with" : "without");
        phases.totals.forEach((phase, nanos) ->
            System.out.printf(Locale.ROOT, "  %-40s %7.2f%n", phase, nanos / 1e6 / runs));
      }
    }
  }

  private void add(String phase, long nanos) {
    totals.merge(phase, nanos, Long::sum);
  }

  void compile(JavaFileObject source, boolean kiln) {
    List<String> options = ProcessorBenchmark.options(kiln);
    long start = THREADS.getCurrentThreadCpuTime();
    JavacTask task = (JavacTask) javac.getTask(null, files, new DiagnosticCollector<>(), options, null,
        List.of(source));
    long[] covered = {0};
    task.addTaskListener(new TaskListener() {
      @Override
      public void started(TaskEvent e) {
        long now = THREADS.getCurrentThreadCpuTime();
        open.push(new Object[] {label(e), now, 0L});
      }

      @Override
      public void finished(TaskEvent e) {
        long now = THREADS.getCurrentThreadCpuTime();
        Object[] phase = open.pop();
        long inclusive = now - (long) phase[1];
        add((String) phase[0], inclusive - (long) phase[2]);
        if (open.isEmpty()) {
          covered[0] += inclusive;
        } else {
          open.peek()[2] = (long) open.peek()[2] + inclusive;
        }
      }
    });
    if (kiln) {
      task.setProcessors(List.<Processor>of(new Timed(new KilnProcessor())));
    }
    task.call();
    long total = THREADS.getCurrentThreadCpuTime() - start;
    add("~total", total);
    add("~other (outside any event)", total - covered[0]);
  }

  private static String label(TaskEvent e) {
    String kind = e.getKind().name();
    String unit = e.getTypeElement() != null ? e.getTypeElement().getSimpleName().toString()
        : e.getSourceFile() != null ? e.getSourceFile().getName().replaceAll(".*/", "") : "";
    if (unit.startsWith("Kiln")) {
      unit = "generated";
    } else if (!unit.isEmpty()) {
      unit = "model";
    }
    return kind + (unit.isEmpty() ? "" : " " + unit);
  }

  /** Kiln's process() timed as a phase of its own. */
  private final class Timed extends AbstractProcessor {
    private final Processor kiln;

    Timed(Processor kiln) {
      this.kiln = kiln;
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
      long start = THREADS.getCurrentThreadCpuTime();
      super.init(env);
      kiln.init(env);
      charge("Kiln init", start);
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return kiln.getSupportedAnnotationTypes();
    }

    @Override
    public Set<String> getSupportedOptions() {
      return kiln.getSupportedOptions();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return kiln.getSupportedSourceVersion();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      long start = THREADS.getCurrentThreadCpuTime();
      boolean claimed = kiln.process(annotations, round);
      charge("Kiln process", start);
      return claimed;
    }

    private void charge(String phase, long start) {
      long inclusive = THREADS.getCurrentThreadCpuTime() - start;
      add(phase, inclusive);
      if (!open.isEmpty()) {
        open.peek()[2] = (long) open.peek()[2] + inclusive;
      }
    }
  }
}
