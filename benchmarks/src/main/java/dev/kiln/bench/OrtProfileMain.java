package dev.kiln.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.kiln.shape.CheckedModel;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ONNX Runtime's own per-node profile of a benchmark network, summed by operator kind and listed by
 * node, to set beside {@link ProfileMain}'s per-step profile of Kiln: {@code java -cp
 * benchmarks/target/benchmarks.jar dev.kiln.bench.OrtProfileMain <network> [threads] [runs] [rows]}
 * ({@code -Dkiln.onnx=dir} for the exported graphs). The first runs warm up and are not counted.
 */
public final class OrtProfileMain {
  private OrtProfileMain() {}

  private static final Pattern DUR = Pattern.compile("\"dur\"\\s*:\\s*(\\d+)");
  private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)_kernel_time\"");
  private static final Pattern OP = Pattern.compile("\"op_name\"\\s*:\\s*\"([^\"]+)\"");
  /** The first two input shapes: the activation and, for a convolution, the kernel. */
  private static final Pattern SHAPES = Pattern.compile(
      "\"input_type_shape\"\\s*:\\s*\\[\\s*\\{\\s*\"float\"\\s*:\\s*\\[([^\\]]*)\\]\\s*\\}(?:\\s*,\\s*\\{\\s*\"float\"\\s*:\\s*\\[([^\\]]*)\\])?");

  public static void main(String[] args) throws Exception {
    String network = args[0];
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    int rows = args.length > 3 ? Integer.parseInt(args[3]) : 15;
    int warm = 20;
    Path dir = Path.of(System.getProperty("kiln.onnx", "benchmarks/target/onnx"));
    CheckedModel model = Networks.model(network);
    int[] shape = model.inputShape().dims();
    float[] input = new float[model.inputShape().size()];
    java.util.Random random = new java.util.Random(1);
    for (int i = 0; i < input.length; i++) {
      input[i] = random.nextFloat();
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(threads);
    options.setInterOpNumThreads(1);
    options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
    options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    Path prefix = Files.createTempDirectory("ortprofile").resolve(network);
    options.enableProfiling(prefix.toString());
    try (OrtSession session = env.createSession(dir.resolve(network + ".onnx").toString(), options);
        OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(Layouts.toNchw(input, 1, shape)),
            new long[] {1, shape[2], shape[0], shape[1]})) {
      for (int i = 0; i < warm + runs; i++) {
        session.run(Map.of("input", tensor)).close();
      }
      String file = session.endProfiling();
      String json = Files.readString(Path.of(file));
      Map<String, long[]> byNode = new TreeMap<>();
      Map<String, long[]> byOp = new TreeMap<>();
      Map<String, Integer> seen = new TreeMap<>();
      for (String event : json.split("(?=\\{\\s*\"cat\")")) {
        Matcher d = DUR.matcher(event);
        Matcher m = NAME.matcher(event);
        Matcher o = OP.matcher(event);
        if (!event.contains("\"Node\"") || !d.find() || !m.find() || !o.find()) {
          continue;
        }
        String name = m.group(1);
        Matcher shapes = SHAPES.matcher(event);
        String op = o.group(1) + (shapes.find() ? " [" + shapes.group(1).replace(" ", "") + "]"
            + (shapes.group(2) == null ? "" : "x[" + shapes.group(2).replace(" ", "") + "]") : "");
        int count = seen.merge(name, 1, Integer::sum);
        if (count <= warm) {
          continue;
        }
        long dur = Long.parseLong(d.group(1));
        byNode.computeIfAbsent(op + " " + name, k -> new long[1])[0] += dur;
        String kind = o.group(1);
        byOp.computeIfAbsent(kind, k -> new long[2])[0] += dur;
        byOp.get(kind)[1]++;
      }
      long total = byOp.values().stream().mapToLong(v -> v[0]).sum();
      System.out.printf("%s, ONNX Runtime, %d thread(s), %d runs: %.3f ms of node time per run%n", network, threads,
          runs, total / 1000.0 / runs);
      byNode.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).limit(rows)
          .forEach(e -> System.out.printf("  %-100s %8.3f ms%n", e.getKey(), e.getValue()[0] / 1000.0 / runs));
      byOp.forEach((op, v) -> System.out.printf("%-30s %4d nodes %8.3f ms %5.1f%%%n", op, v[1] / runs,
          v[0] / 1000.0 / runs, 100.0 * v[0] / total));
    }
  }
}
