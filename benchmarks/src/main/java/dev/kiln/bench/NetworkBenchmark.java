package dev.kiln.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.kiln.runtime.Network;
import dev.kiln.shape.CheckedModel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One call of each engine on one batch: Kiln ({@link Network}, NHWC) and ONNX Runtime's Java API on
 * the NCHW graph exported from PyTorch, with the same weights. {@code threads} is Kiln's thread count
 * and ONNX Runtime's intra-op thread count. Throughput in calls per second; {@link BenchMain} turns
 * it into images/s and GFLOP/s. Each trial first checks that both engines agree, so Kiln's trials
 * hold an ONNX Runtime session too; {@code -Dkiln.bench.closeOrt=true} in the forked JVM closes it
 * (and its thread pool) before Kiln is timed, a control for its threads taking a core (it made no
 * difference: MobileNetV2, batch 32, 2 threads, 5.4 vs 7.1 +- 9.3 calls/s).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx6g"})
public class NetworkBenchmark {
  @Param({"denoiser", "strided", "vggblock", "mobilenetv2", "resnet50", "inceptionv3"})
  public String network;

  @Param({"1", "32"})
  public int batch;

  @Param({"1", "2"})
  public int threads;

  /**
   * Kiln's graph optimizer: {@code optimized} (the default of {@code Network.create}) or
   * {@code declared} (every layer as declared; {@code -p graph=optimized,declared} measures both).
   * ONNX Runtime always runs with all its graph optimizations.
   */
  @Param({"optimized"})
  public String graph;

  /** The engine; named to sort after the other parameters so JMH runs Kiln and ONNX Runtime back to back. */
  @Param({"kiln", "onnxruntime"})
  public String using;

  private Network kiln;
  /** (batch, height, width, channels) for Kiln. */
  private float[] input;
  private float[] output;
  private OrtEnvironment env;
  private OrtSession session;
  private OnnxTensor tensor;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Path dir = Path.of(System.getProperty("kiln.onnx", "benchmarks/target/onnx"));
    CheckedModel model = Networks.model(network);
    int[] shape = model.inputShape().dims();
    input = new float[batch * model.inputShape().size()];
    Random random = new Random(1);
    for (int i = 0; i < input.length; i++) {
      input[i] = random.nextFloat();
    }
    output = new float[batch * model.outputShape().size()];
    kiln = Network.create(model, Networks.weights(network, dir), threads, graph.equals("optimized"));
    env = OrtEnvironment.getEnvironment();
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(threads);
    options.setInterOpNumThreads(1);
    options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
    options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    session = env.createSession(dir.resolve(network + ".onnx").toString(), options);
    FloatBuffer nchw = ByteBuffer.allocateDirect(4 * input.length).order(ByteOrder.nativeOrder()).asFloatBuffer();
    nchw.put(Layouts.toNchw(input, batch, shape)).rewind();
    tensor = OnnxTensor.createTensor(env, nchw, new long[] {batch, shape[2], shape[0], shape[1]});
    Layouts.check(network, kiln.predict(input, batch), session, tensor, batch, model.outputShape().dims());
    if (Boolean.getBoolean("kiln.bench.closeOrt") && using.equals("kiln")) {
      tensor.close();
      session.close();
      tensor = null;
      session = null;
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws OrtException {
    if (session != null) {
      tensor.close();
      session.close();
    }
  }

  @Benchmark
  public Object run() throws OrtException {
    if (using.equals("kiln")) {
      kiln.predict(input, output, batch);
      return output;
    }
    try (OrtSession.Result result = session.run(Map.of("input", tensor))) {
      return result.get(0);
    }
  }
}
