package dev.kiln.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor under the Eclipse compiler (ECJ, what Eclipse IDE builds with) against javac, on the
 * broken example models: the same Kiln diagnostics, each on the same line, and ECJ's highlighted
 * range (the whole attribute) covers the position javac points at.
 */
class EclipseCompilerTest {
  private static final Path BROKEN = Path.of("../examples/broken/dev/kiln/examples/broken");

  @TempDir Path out;

  /** @param position javac's preferred position; start and end ECJ's highlighted range (offsets in the file) */
  record Found(Diagnostic.Kind kind, String file, long line, long position, long start, long end, String message) {}

  @Test
  void eclipseReportsWhatJavacReportsWhereJavacDoes() throws IOException {
    List<File> sources = sources(BROKEN);
    List<Found> javac = kiln(compile(ToolProvider.getSystemJavaCompiler(), sources, List.of()));
    List<Found> ecj = kiln(compile(new EclipseCompiler(), sources, List.of()));
    assertEquals(7, javac.size(), "javac: " + javac);
    assertEquals(javac.size(), ecj.size(), "javac: " + javac + "\necj: " + ecj);
    for (int i = 0; i < javac.size(); i++) {
      Found j = javac.get(i);
      Found e = ecj.get(i);
      assertEquals(j.kind, e.kind, j.message);
      assertEquals(j.file, e.file, j.message);
      assertEquals(j.message, e.message);
      assertEquals(j.line, e.line, j.message);
      assertTrue(sameAttribute(Files.readString(BROKEN.resolve(j.file)), j.position, e.start, e.end),
          "javac points at " + j.position + ", ECJ highlights [" + e.start + ", " + e.end + "]: " + j.message);
    }
  }

  /**
   * ECJ's range covers javac's position (an annotation, a field), or ECJ highlights an attribute's
   * name and javac points into that attribute's value ({@code outputPadding = 2}, or an element of
   * {@code kernelSize = {3, 0}}).
   */
  private static boolean sameAttribute(String source, long javac, long start, long end) {
    if (start <= javac && javac <= end) {
      return true;
    }
    if (javac < start) {
      return false;
    }
    String name = source.substring((int) start, (int) end + 1);
    String between = source.substring((int) start, (int) javac);
    return name.matches("[A-Za-z]+") && between.matches(Pattern.quote(name) + "\\s*=\\s*(\\{[^}]*)?");
  }

  @Test
  void eclipseSuppressionWithoutUnsupportedTokenWarning() throws IOException {
    Path model = out.resolve("src/test/Floors.java");
    Files.createDirectories(model.getParent());
    Files.writeString(model, String.join("\n", Sources.IMPORTS) + "\n"
        + "@Model\n"
        + "class Floors {\n"
        + "  @Input(shape = {7, 7, 1}) Tensor image;\n"
        + "  @SuppressWarnings(\"kiln.truncation\") @MaxPooling2D(poolSize = 2) Tensor pool;\n"
        + "}\n", StandardCharsets.UTF_8);
    List<Diagnostic<? extends JavaFileObject>> plain = compile(new EclipseCompiler(), List.of(model.toFile()),
        List.of());
    assertTrue(plain.stream().anyMatch(d -> text(d).contains("Unsupported @SuppressWarnings(\"kiln.truncation\")")),
        "ECJ's own warning, as Eclipse users see it: " + plain);
    // The setting the README documents: ECJ's -warn:-warningToken (Eclipse: Errors/Warnings >
    // Annotations > "Unhandled token in '@SuppressWarnings'" = Ignore).
    List<Diagnostic<? extends JavaFileObject>> quiet = compile(new EclipseCompiler(), List.of(model.toFile()),
        List.of("-warn:-warningToken"));
    assertEquals(List.of(), quiet.stream().map(EclipseCompilerTest::text)
        .filter(t -> t.contains("SuppressWarnings") || t.startsWith("[kiln.")).toList());
  }

  private List<Diagnostic<? extends JavaFileObject>> compile(JavaCompiler compiler, List<File> sources,
      List<String> extra) throws IOException {
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Path classes = Files.createTempDirectory(out, "classes");
    try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
        StandardCharsets.UTF_8)) {
      // -s: generated sources go to the temporary folder too (ECJ's default is the working directory).
      List<String> options = new ArrayList<>(List.of("-d", classes.toString(), "-s", classes.toString(),
          "-classpath", System.getProperty("java.class.path"), "--release", "17", "-proc:full"));
      if (compiler instanceof EclipseCompiler) {
        options.remove("-proc:full"); // ECJ runs the given processors without it
      }
      options.addAll(extra);
      JavaCompiler.CompilationTask task = compiler.getTask(new StringWriter(), files, diagnostics, options, null,
          files.getJavaFileObjectsFromFiles(sources));
      task.setProcessors(List.of(new KilnProcessor()));
      task.call();
    }
    return diagnostics.getDiagnostics();
  }

  /** Kiln's diagnostics, in file and position order. */
  private static List<Found> kiln(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
    return diagnostics.stream().filter(d -> text(d).startsWith("[kiln."))
        .map(d -> new Found(d.getKind() == Diagnostic.Kind.MANDATORY_WARNING ? Diagnostic.Kind.WARNING : d.getKind(),
            d.getSource() == null ? "?" : Path.of(d.getSource().toUri()).getFileName().toString(),
            d.getLineNumber(), d.getPosition(), d.getStartPosition(), d.getEndPosition(), text(d)))
        .sorted(Comparator.comparing(Found::file).thenComparingLong(Found::line).thenComparing(Found::message))
        .toList();
  }

  private static String text(Diagnostic<?> d) {
    return d.getMessage(Locale.ROOT);
  }

  private static List<File> sources(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      List<File> sources = files.filter(p -> p.toString().endsWith(".java")).sorted().map(Path::toFile).toList();
      assertFalse(sources.isEmpty(), "no sources in " + folder.toAbsolutePath());
      return sources;
    }
  }
}
