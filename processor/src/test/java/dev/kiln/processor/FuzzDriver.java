package dev.kiln.processor;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles fuzz cases in process with one reused javac (javax.tools), the Kiln processor and
 * {@code -Xlint:all}, everything kept in memory, and classifies each outcome. A case that does not
 * finish within the timeout is a hang; its thread is abandoned and a fresh one takes over.
 */
final class FuzzDriver implements AutoCloseable {

  /** What can go wrong; a correct processor produces none. */
  enum Outcome {
    CRASH, HANG, INTERNAL, NO_POSITION, OFF_FIELD, CASCADE, DUPLICATE, GENERATED_FAILS, FALSE_ERROR, MISSED,
    NOT_QUIET
  }

  /** One case's result: what went wrong (empty when nothing did), the diagnostics, the CPU time. */
  record Result(FuzzModels.Case fuzzCase, Set<Outcome> outcomes, List<String> diagnostics, long cpuNanos) {}

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
  private final StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
  private final long timeoutSeconds;
  private ExecutorService worker = newWorker();

  FuzzDriver(long timeoutSeconds) {
    this.timeoutSeconds = timeoutSeconds;
  }

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(r -> {
      Thread thread = new Thread(r, "fuzz-javac");
      thread.setDaemon(true);
      return thread;
    });
  }

  Result run(FuzzModels.Case fuzzCase) {
    return run(List.of(fuzzCase)).get(0);
  }

  /**
   * Compiles cases together in one javac task, which saves javac's per-task start-up. javac goes on
   * through code generation despite errors ({@code -XDshould-stop.ifError=GENERATE}), so the
   * generated class of a valid model is compiled even when another model in the batch fails. A
   * batch that crashes or hangs is run again case by case, to tell which one did.
   */
  List<Result> run(List<FuzzModels.Case> cases) {
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    long[] cpu = new long[1];
    List<JavaFileObject> sources = new ArrayList<>();
    for (FuzzModels.Case c : cases) {
      sources.add(new Source(c.className(), c.source()));
    }
    Future<Boolean> future = worker.submit(() -> {
      long start = THREADS.getCurrentThreadCpuTime();
      try {
        JavaCompiler.CompilationTask task = javac.getTask(null, new Memory(files), diagnostics,
            List.of("-Xlint:all", "-XDshould-stop.ifError=GENERATE"), null, sources);
        task.setProcessors(List.of(new KilnProcessor()));
        return task.call();
      } finally {
        cpu[0] = THREADS.getCurrentThreadCpuTime() - start;
      }
    });
    Outcome failure = null;
    try {
      future.get(timeoutSeconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      worker.shutdownNow();
      worker = newWorker();
      failure = Outcome.HANG;
    } catch (Exception e) {
      failure = Outcome.CRASH;
    }
    if (failure != null && cases.size() > 1) {
      List<Result> single = new ArrayList<>();
      for (FuzzModels.Case c : cases) {
        single.add(run(c));
      }
      return single;
    }
    List<Result> results = new ArrayList<>();
    for (FuzzModels.Case c : cases) {
      Set<Outcome> outcomes = java.util.EnumSet.noneOf(Outcome.class);
      if (failure != null) {
        outcomes.add(failure);
      }
      List<Diagnostic<? extends JavaFileObject>> own = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        String source = d.getSource() == null ? "" : d.getSource().getName();
        if (source.endsWith("/" + c.className() + ".java") || source.endsWith("/Kiln" + c.className() + ".java")
            || source.isEmpty() && c == cases.get(0)) {
          own.add(d);
        }
      }
      List<String> texts = new ArrayList<>();
      classify(c, own, outcomes, texts);
      results.add(new Result(c, outcomes, texts, cpu[0] / cases.size()));
    }
    return results;
  }

  private static void classify(FuzzModels.Case fuzzCase, List<Diagnostic<? extends JavaFileObject>> all,
      Set<Outcome> outcomes, List<String> texts) {
    Set<String> seen = new HashSet<>();
    int errors = 0;
    /** Kiln errors and unused-field warnings: what must not appear when javac reports the cause. */
    int kiln = 0;
    boolean offField = false;
    Set<Long> errorLines = new HashSet<>();
    for (Diagnostic<? extends JavaFileObject> d : all) {
      if (d.getKind() == Diagnostic.Kind.NOTE) {
        continue;
      }
      String message = d.getMessage(Locale.ROOT);
      String source = d.getSource() == null ? "" : d.getSource().getName();
      String text = d.getKind() + " " + source + ":" + d.getLineNumber() + ":" + d.getColumnNumber() + " " + message;
      texts.add(text);
      boolean isKiln = message.startsWith("[kiln.");
      boolean generated = source.contains("/Kiln") || source.startsWith("Kiln");
      if (!seen.add(text)) {
        outcomes.add(Outcome.DUPLICATE);
      }
      if (message.contains("[kiln.internal]")) {
        outcomes.add(Outcome.INTERNAL);
      }
      if (message.contains("exception has occurred in the compiler") || message.contains("\tat ")) {
        outcomes.add(Outcome.CRASH);
      }
      if (generated || message.contains("constant string too long") || message.contains("code too large")
          || message.contains("too many constants")) {
        outcomes.add(Outcome.GENERATED_FAILS);
      }
      if (isKiln && (d.getKind() == Diagnostic.Kind.ERROR || message.startsWith("[kiln.unused]"))) {
        kiln++;
      }
      if (isKiln) {
        if (d.getSource() == null || d.getLineNumber() == Diagnostic.NOPOS) {
          // A diagnostic without a position: the user cannot find what it is about.
          outcomes.add(Outcome.NO_POSITION);
        }
      }
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        errors++;
        errorLines.add(d.getLineNumber());
        offField |= d.getLineNumber() != fuzzCase.line();
      }
    }
    switch (fuzzCase.expect()) {
      case VALID -> {
        if (errors > 0) {
          outcomes.add(Outcome.FALSE_ERROR);
        }
      }
      case FAULT -> {
        if (errors == 0) {
          outcomes.add(Outcome.MISSED);
        } else if (offField) {
          outcomes.add(Outcome.OFF_FIELD);
        } else if (errors > 1) {
          outcomes.add(Outcome.CASCADE);
        }
      }
      case MAYBE -> {
        // Several elements of one array attribute can each be wrong, each an error on its element.
        if (errorLines.size() > 1) {
          outcomes.add(Outcome.CASCADE);
        }
      }
      case UNRESOLVED, SYNTAX -> {
        if (kiln > 0) {
          outcomes.add(Outcome.NOT_QUIET);
        }
        if (errors == 0) {
          outcomes.add(Outcome.MISSED);
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    worker.shutdownNow();
    files.close();
  }

  /** Counts per outcome over a run. */
  static Map<Outcome, Integer> count(List<Result> results) {
    Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
    for (Outcome o : Outcome.values()) {
      counts.put(o, 0);
    }
    for (Result r : results) {
      for (Outcome o : r.outcomes()) {
        counts.merge(o, 1, Integer::sum);
      }
    }
    return counts;
  }

  /** A source held in memory. */
  private static final class Source extends SimpleJavaFileObject {
    private final String code;

    Source(String className, String code) {
      super(URI.create("mem:///test/" + className + ".java"), Kind.SOURCE);
      this.code = code;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return code;
    }
  }

  /** An output (generated source, class file or resource) written to and read back from memory. */
  private static final class Output extends SimpleJavaFileObject {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Output(String path, Kind kind) {
      super(URI.create("mem:///" + path), kind);
    }

    @Override
    public OutputStream openOutputStream() {
      return bytes;
    }

    @Override
    public InputStream openInputStream() {
      return new ByteArrayInputStream(bytes.toByteArray());
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  /** Keeps every output in memory; reads the class path from the standard manager. */
  private static final class Memory extends ForwardingJavaFileManager<StandardJavaFileManager> {
    Memory(StandardJavaFileManager files) {
      super(files);
    }

    @Override
    public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
        FileObject sibling) {
      return new Output(className.replace('.', '/') + kind.extension, kind);
    }

    @Override
    public FileObject getFileForOutput(Location location, String packageName, String relativeName,
        FileObject sibling) {
      return new Output((packageName.isEmpty() ? "" : packageName.replace('.', '/') + "/") + relativeName,
          JavaFileObject.Kind.OTHER);
    }
  }
}
