package dev.kiln.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The README prints "the verbatim output of {@code bash examples/show-errors.sh}": this compiles
 * {@code examples/broken} the way that script does (command-line javac, the processor on the
 * processor path) and compares javac's output with the README's block, line for line.
 */
class BrokenExamplesReadmeTest {
  private static final String INTRO = "the verbatim output of `bash examples/show-errors.sh`:";
  private static final String LAST_LINE =
      "(javac failed, as it should: every error above is a shape mistake caught before anything ran.)";

  @Test
  void readmeShowsWhatJavacPrints() throws IOException {
    Path repo = Path.of("").toAbsolutePath().getParent();
    List<String> expected = readmeBlock(repo.resolve("README.md"));
    List<String> actual = javacOutput(repo);
    actual.add("");
    actual.add(LAST_LINE);
    assertEquals(String.join("\n", expected), String.join("\n", actual),
        "README.md's show-errors block differs from javac's output; rerun bash examples/show-errors.sh and paste it");
  }

  private static List<String> readmeBlock(Path readme) throws IOException {
    List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
    int intro = lines.indexOf(INTRO);
    assertNotEquals(-1, intro, "README.md no longer introduces the show-errors block with: " + INTRO);
    assertEquals("```", lines.get(intro + 2), "a code block follows the introduction");
    int end = lines.subList(intro + 3, lines.size()).indexOf("```") + intro + 3;
    List<String> block = new ArrayList<>(lines.subList(intro + 3, end));
    for (String line : block) {
      assertTrue(line.indexOf('\u001b') < 0, "the README block has terminal escape codes: " + line);
    }
    return block;
  }

  /** What command-line javac prints for the broken sources, with paths as the script passes them. */
  private static List<String> javacOutput(Path repo) throws IOException {
    // Surefire's own class path property holds the real entries (java.class.path may be a manifest jar).
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> args = new ArrayList<>(List.of("-d", Files.createTempDirectory("broken").toString(),
        "-cp", classPath, "-processorpath", classPath));
    try (Stream<Path> files = Files.list(repo.resolve("examples/broken/dev/kiln/examples/broken"))) {
      files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(f -> args.add(f.toString()));
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = javac.run(null, null, new PrintStream(err, true, StandardCharsets.UTF_8), args.toArray(String[]::new));
    assertNotEquals(0, status, "the broken models compiled: Kiln missed their mistakes");
    String text = err.toString(StandardCharsets.UTF_8).replace(repo + "/", "");
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    if (lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }
}
