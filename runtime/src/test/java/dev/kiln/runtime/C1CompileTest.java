package dev.kiln.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every vector kernel must compile with C1 at tier 3 (with profiling). A kernel that C1 compiles at
 * tier 2 but cannot compile at tier 3 ("out of virtual registers in linear scan": the Vector API's
 * methods are force-inlined into C1's code, boxing every vector) never gets the profile C2 waits for,
 * so it stays tier-2 code for the life of the JVM: one JVM in which the C2 queue happened to be long
 * when the depth-chunked 6x4 kernel got hot ran ResNet50's stage-5 convolutions at 1.6 GFLOP/s instead
 * of 150. Which tier a method meets first depends on timing; whether C1 can compile it at tier 3 does
 * not. So a child JVM stops at tier 3, compiles in the foreground after a few calls, runs every kernel
 * path ({@link KernelExercise}) and must report no compilation C1 gave up on.
 */
class C1CompileTest {

  @Test
  void everyKernelCompilesAtTierThree() throws IOException, InterruptedException {
    assumeTrue(Simd.vectorAvailable(), "the scalar kernels are small; the vector ones are the risk");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString(), "--add-modules", "jdk.incubator.vector",
        "-XX:TieredStopAtLevel=3", "-Xbatch", "-XX:Tier3InvocationThreshold=20",
        "-XX:Tier3MinInvocationThreshold=20", "-XX:Tier3CompileThreshold=50", "-XX:Tier3BackEdgeThreshold=2000",
        "-XX:+PrintCompilation", "-cp", System.getProperty("java.class.path"), KernelExercise.class.getName(), "2"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(10, TimeUnit.MINUTES), "the child JVM did not finish");
    assertEquals(0, process.exitValue(), () -> "the child JVM failed:\n" + tail(output));
    List<String> skipped = output.lines().filter(l -> l.contains("dev.kiln") && l.contains("COMPILE SKIPPED")).toList();
    assertEquals(List.of(), skipped, "kernels C1 could not compile at tier 3");
    assertTrue(output.contains("dev.kiln.runtime.WideTiles::tile6x4"), "the exercise never compiled the 6x4 kernel");
    assertTrue(output.contains("dev.kiln.runtime.WideTiles::tile1x4") || !VectorGemm.WIDE,
        "the exercise never compiled the one-pixel kernel");
  }

  private static String tail(String output) {
    return output.substring(Math.max(0, output.length() - 4000));
  }
}
