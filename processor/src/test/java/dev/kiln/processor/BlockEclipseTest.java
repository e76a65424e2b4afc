package dev.kiln.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Blocks need nothing but annotation values (no javac tree API): under the Eclipse compiler the block
 * networks expand to keras.io's totals, as under javac, and a shape problem inside a block is the same
 * diagnostic on the same line.
 */
class BlockEclipseTest {
  private static final Path NETWORKS = Path.of("../benchmarks/src/main/java/dev/kiln/bench");

  @TempDir Path out;

  @ParameterizedTest
  @ValueSource(strings = {"javac", "ecj"})
  void blockNetworksExpandUnderBothCompilers(String name) throws IOException {
    JavaCompiler compiler = name.equals("ecj") ? new EclipseCompiler() : ToolProvider.getSystemJavaCompiler();
    List<Diagnostic<? extends JavaFileObject>> diagnostics = compile(compiler,
        List.of(NETWORKS.resolve("ResNet50Blocks.java"), NETWORKS.resolve("MobileNetV2Blocks.java")));
    assertEquals(List.of(), diagnostics.stream().filter(d -> d.getKind() != Diagnostic.Kind.NOTE)
        .map(d -> d.getMessage(Locale.ROOT)).toList());
    assertTrue(generated("KilnResNet50Blocks").contains("TOTAL_PARAMS = 25636712L"), name);
    assertTrue(generated("KilnMobileNetV2Blocks").contains("TOTAL_PARAMS = 3538984L"), name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"javac", "ecj"})
  void aShapeProblemInABlockIsReportedAtTheUse(String name) throws IOException {
    Path model = out.resolve("src/test/M.java");
    Files.createDirectories(model.getParent());
    Files.writeString(model, String.join("\n", Sources.IMPORTS) + "\n"
        + "@Model\n"
        + "class M {\n"
        + "  @Input(shape = {8, 8, 3}) Tensor image;\n"
        + "  @Unit(kernel = 9) Tensor b1;\n" // line 8
        + "  @Block @interface Unit {\n"
        + "    int kernel();\n"
        + "    class Layers {\n"
        + "      @Conv2D(filters = 4, kernelSize = dev.kiln.dsl.Let.LET) @Let(\"kernelSize = kernel\") Tensor _conv;\n"
        + "    }\n"
        + "  }\n"
        + "}\n", StandardCharsets.UTF_8);
    JavaCompiler compiler = name.equals("ecj") ? new EclipseCompiler() : ToolProvider.getSystemJavaCompiler();
    List<Diagnostic<? extends JavaFileObject>> errors = compile(compiler, List.of(model)).stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).getMessage(Locale.ROOT).startsWith(
        "[kiln.window] b1 → _conv: `b1_conv` (Conv2D): kernel 9x9 does not fit its 8x8x3 input"), errors.toString());
    assertEquals(8, errors.get(0).getLineNumber());
  }

  private String generated(String name) throws IOException {
    try (var files = Files.walk(out)) {
      Path file = files.filter(p -> p.getFileName().toString().equals(name + ".java")).findFirst().orElseThrow();
      return Files.readString(file);
    }
  }

  private List<Diagnostic<? extends JavaFileObject>> compile(JavaCompiler compiler, List<Path> sources)
      throws IOException {
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Path classes = Files.createTempDirectory(out, "classes");
    try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
        StandardCharsets.UTF_8)) {
      List<String> options = new java.util.ArrayList<>(List.of("-d", classes.toString(), "-s", classes.toString(),
          "-classpath", System.getProperty("java.class.path"), "--release", "17"));
      if (!(compiler instanceof EclipseCompiler)) {
        options.add("-proc:full");
      }
      JavaCompiler.CompilationTask task = compiler.getTask(new StringWriter(), files, diagnostics, options, null,
          files.getJavaFileObjectsFromPaths(sources));
      task.setProcessors(List.of(new KilnProcessor()));
      task.call();
    }
    return diagnostics.getDiagnostics();
  }
}
