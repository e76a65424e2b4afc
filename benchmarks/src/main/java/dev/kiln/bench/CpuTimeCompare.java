package dev.kiln.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.kiln.runtime.Network;
import dev.kiln.shape.CheckedModel;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

/**
 * A load-tolerant cross-check of the JMH figures for one thread: Kiln and ONNX Runtime run alternately
 * in rounds of about a second, and throughput is counted per second of this process's CPU time, which
 * other processes on a busy machine do not inflate the way they inflate wall time.
 *
 * <p>{@code java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar
 * dev.kiln.bench.CpuTimeCompare [batch [network ...]]} (all six networks by default). Kiln runs
 * twice, with its graph optimizer and with every layer as declared: {@code ratio} is optimized Kiln
 * over ONNX Runtime, {@code graph} optimized over declared Kiln. Each Kiln network is first called
 * until its calls allocate nothing ({@link ProfileMain#warmUntilSteady}): the JIT has then compiled
 * every kernel.
 */
public final class CpuTimeCompare {
  private CpuTimeCompare() {}

  public static void main(String[] args) throws Exception {
    int batch = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    Path dir = Path.of(System.getProperty("kiln.onnx", "benchmarks/target/onnx"));
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    System.out.printf("%-12s %5s %16s %16s %16s %7s %7s%n", "network", "batch", "Kiln img/CPU-s",
        "declared img/CPU-s", "ORT img/CPU-s", "ratio", "graph");
    java.util.List<String> names = args.length > 1 ? java.util.List.of(args).subList(1, args.length) : Networks.ALL;
    for (String name : names) {
      CheckedModel model = Networks.model(name);
      int[] shape = model.inputShape().dims();
      float[] input = new float[batch * model.inputShape().size()];
      Random random = new Random(1);
      for (int i = 0; i < input.length; i++) {
        input[i] = random.nextFloat();
      }
      float[] output = new float[batch * model.outputShape().size()];
      Network kiln = Network.create(model, Networks.weights(name, dir), 1, true);
      Network declared = Network.create(model, Networks.weights(name, dir), 1, false);
      // the three warm-up rounds alone left JDK 17 interpreting some kernels of the larger networks
      ProfileMain.warmUntilSteady(kiln, input, batch);
      ProfileMain.warmUntilSteady(declared, input, batch);
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      try (OrtSession session = env.createSession(dir.resolve(name + ".onnx").toString(), options)) {
        FloatBuffer nchw = ByteBuffer.allocateDirect(4 * input.length).order(ByteOrder.nativeOrder()).asFloatBuffer();
        nchw.put(Layouts.toNchw(input, batch, shape)).rewind();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, nchw, new long[] {batch, shape[2], shape[0], shape[1]})) {
          double[] cpu = new double[3];
          long[] images = new long[3];
          for (int round = 0; round < 8; round++) {
            for (int engine = 0; engine < 3; engine++) {
              long cpu0 = os.getProcessCpuTime();
              long wall0 = System.nanoTime();
              long n = 0;
              while (System.nanoTime() - wall0 < 1_000_000_000L || n == 0) {
                if (engine < 2) {
                  (engine == 0 ? kiln : declared).predict(input, output, batch);
                } else {
                  try (OrtSession.Result r = session.run(Map.of("input", tensor))) {
                    n += 0;
                  }
                }
                n++;
              }
              if (round >= 3) {
                cpu[engine] += (os.getProcessCpuTime() - cpu0) / 1e9;
                images[engine] += n * batch;
              }
            }
          }
          double k = images[0] / cpu[0];
          double d = images[1] / cpu[1];
          double o = images[2] / cpu[2];
          System.out.printf("%-12s %5d %16.1f %16.1f %16.1f %7.2f %7.2f%n", name, batch, k, d, o, k / o, k / d);
        }
      }
    }
  }
}
