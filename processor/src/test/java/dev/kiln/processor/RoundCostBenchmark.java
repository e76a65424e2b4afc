package dev.kiln.processor;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Splits what the processor adds to a warm VGG16 compile into javac's share and Kiln's, by swapping
 * Kiln for stand-in processors that do no work of their own: one that writes an empty class (what
 * any generated file costs: the extra processing round), one that writes Kiln's generated source
 * verbatim (the round plus javac compiling that class; Kiln's own reading, checking and JavaPoet
 * are what the real processor adds on top), and one that writes the class files javac made of it
 * through {@code Filer.createClassFile} (the bytecode route, without its generator's cost). Thread
 * CPU medians of interleaved warm compiles with one reused javac. {@code RoundCostBenchmark [runs]},
 * from the processor module's test class path.
 */
public final class RoundCostBenchmark {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final String GENERATED = "test.KilnVgg16";
  private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
  private final StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);

  public static void main(String[] args) throws IOException {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    RoundCostBenchmark bench = new RoundCostBenchmark();
    JavaFileObject model = LargeModels.vgg16("Vgg16", false);
    // One Kiln compile leaves the generated source and its class files in the scratch folder.
    Path out = Path.of(ProcessorBenchmark.options(true).get(2));
    bench.compile(model, new KilnProcessor());
    String source = Files.readString(out.resolve("test/KilnVgg16.java"));
    Map<String, byte[]> classes = new LinkedHashMap<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(out.resolve("test"), "KilnVgg16*.class")) {
      for (Path file : dir) {
        String name = file.getFileName().toString();
        classes.put("test." + name.substring(0, name.length() - ".class".length()), Files.readAllBytes(file));
      }
    }
    String[] names = {"javac alone (-proc:none)", "Kiln", "an empty generated class", "Kiln's source, verbatim",
        "Kiln's class files (createClassFile)"};
    List<java.util.function.Supplier<Processor>> processors = List.of(
        () -> null, KilnProcessor::new,
        () -> new Writes(Map.of(GENERATED, ("package test;\n\npublic final class KilnVgg16 {\n}\n")
            .getBytes(StandardCharsets.UTF_8)), true),
        () -> new Writes(Map.of(GENERATED, source.getBytes(StandardCharsets.UTF_8)), true),
        () -> new Writes(classes, false));
    long[][] cpu = new long[names.length][runs];
    for (int warm = 0; warm < Math.max(15, runs / 2); warm++) {
      for (java.util.function.Supplier<Processor> processor : processors) {
        bench.compile(model, processor.get());
      }
    }
    for (int run = 0; run < runs; run++) {
      for (int i = 0; i < names.length; i++) {
        cpu[i][run] = bench.compile(model, processors.get(i).get());
      }
    }
    double alone = median(cpu[0]);
    for (int i = 0; i < names.length; i++) {
      System.out.printf(Locale.ROOT, "%-38s %7.1f ms CPU (+%.1f ms)%n", names[i], median(cpu[i]) / 1e6,
          (median(cpu[i]) - alone) / 1e6);
    }
  }

  /** Thread CPU time of one compile of {@code model}; {@code processor} null for {@code -proc:none}. */
  long compile(JavaFileObject model, Processor processor) {
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    long start = THREADS.getCurrentThreadCpuTime();
    JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics,
        ProcessorBenchmark.options(processor != null), null, List.of(model));
    if (processor != null) {
      task.setProcessors(List.of(processor));
    }
    boolean ok = task.call();
    long cpu = THREADS.getCurrentThreadCpuTime() - start;
    if (!ok) {
      throw new IllegalStateException("the measured compile failed: " + diagnostics.getDiagnostics());
    }
    return cpu;
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** Writes fixed files, as sources or class files, for the round's {@code @Model}; nothing else. */
  private static final class Writes extends AbstractProcessor {
    /** Binary name to the file's bytes (UTF-8 source text, or a class file). */
    private final Map<String, byte[]> outputs;
    private final boolean sources;

    Writes(Map<String, byte[]> outputs, boolean sources) {
      this.outputs = outputs;
      this.sources = sources;
    }

    /** Kiln's claims, so that javac's processing lint treats both alike. */
    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return new KilnProcessor().getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      List<Element> models = new ArrayList<>(round.getElementsAnnotatedWith(dev.kiln.dsl.Model.class));
      try {
        for (Element model : models) {
          for (Map.Entry<String, byte[]> output : outputs.entrySet()) {
            if (sources) {
              try (Writer writer = processingEnv.getFiler().createSourceFile(output.getKey(), model).openWriter()) {
                writer.write(new String(output.getValue(), StandardCharsets.UTF_8));
              }
            } else {
              try (OutputStream stream = processingEnv.getFiler().createClassFile(output.getKey(), model)
                  .openOutputStream()) {
                stream.write(output.getValue());
              }
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return true;
    }
  }
}
