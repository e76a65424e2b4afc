package dev.kiln.bench;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The machine's float32 FMA peak as the JVM reaches it: {@value #CHAINS} independent accumulators
 * (more than FMA latency times FMA ports on current x86 cores, so the loop is throughput-bound), each
 * {@code acc = acc * a + b} with the Vector API, at 512 and 256 bits, on 1 and 2 JMH threads. One
 * operation is one vector FMA per lane, so {@link BenchMain} reports {@code 2 * lanes * ops/s} as
 * GFLOP/s, the ceiling for the networks' GFLOP/s figures run beside it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class FmaPeakBenchmark {
  static final int CHAINS = 12;
  /** Steps per call: enough that C2 keeps all chains in flight (1,024 measured half the peak). */
  static final int STEPS = 1 << 16;
  /** Vector FMAs per invocation. */
  static final int OPS = CHAINS * STEPS;

  private static final VectorSpecies<Float> S512 = FloatVector.SPECIES_512;
  private static final VectorSpecies<Float> S256 = FloatVector.SPECIES_256;

  /** Factors near 1 keep the accumulators finite and away from denormals. */
  private final float a = 0.999f;
  private final float b = 1e-3f;

  @Benchmark
  @Threads(1)
  @OperationsPerInvocation(OPS)
  public float fma512x1() {
    return loop512();
  }

  @Benchmark
  @Threads(2)
  @OperationsPerInvocation(OPS)
  public float fma512x2() {
    return loop512();
  }

  @Benchmark
  @Threads(1)
  @OperationsPerInvocation(OPS)
  public float fma256x1() {
    return loop256();
  }

  @Benchmark
  @Threads(2)
  @OperationsPerInvocation(OPS)
  public float fma256x2() {
    return loop256();
  }

  // One loop per width, each naming its species as a constant: C2 compiles Vector API code to vector
  // instructions only for a species it knows at compile time.
  private float loop512() {
    VectorSpecies<Float> s = S512;
    FloatVector va = FloatVector.broadcast(s, a);
    FloatVector vb = FloatVector.broadcast(s, b);
    FloatVector c0 = FloatVector.broadcast(s, 1f);
    FloatVector c1 = c0.add(vb);
    FloatVector c2 = c1.add(vb);
    FloatVector c3 = c2.add(vb);
    FloatVector c4 = c3.add(vb);
    FloatVector c5 = c4.add(vb);
    FloatVector c6 = c5.add(vb);
    FloatVector c7 = c6.add(vb);
    FloatVector c8 = c7.add(vb);
    FloatVector c9 = c8.add(vb);
    FloatVector c10 = c9.add(vb);
    FloatVector c11 = c10.add(vb);
    for (int i = 0; i < STEPS; i++) {
      c0 = c0.fma(va, vb);
      c1 = c1.fma(va, vb);
      c2 = c2.fma(va, vb);
      c3 = c3.fma(va, vb);
      c4 = c4.fma(va, vb);
      c5 = c5.fma(va, vb);
      c6 = c6.fma(va, vb);
      c7 = c7.fma(va, vb);
      c8 = c8.fma(va, vb);
      c9 = c9.fma(va, vb);
      c10 = c10.fma(va, vb);
      c11 = c11.fma(va, vb);
    }
    return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
        .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
  }

  private float loop256() {
    VectorSpecies<Float> s = S256;
    FloatVector va = FloatVector.broadcast(s, a);
    FloatVector vb = FloatVector.broadcast(s, b);
    FloatVector c0 = FloatVector.broadcast(s, 1f);
    FloatVector c1 = c0.add(vb);
    FloatVector c2 = c1.add(vb);
    FloatVector c3 = c2.add(vb);
    FloatVector c4 = c3.add(vb);
    FloatVector c5 = c4.add(vb);
    FloatVector c6 = c5.add(vb);
    FloatVector c7 = c6.add(vb);
    FloatVector c8 = c7.add(vb);
    FloatVector c9 = c8.add(vb);
    FloatVector c10 = c9.add(vb);
    FloatVector c11 = c10.add(vb);
    for (int i = 0; i < STEPS; i++) {
      c0 = c0.fma(va, vb);
      c1 = c1.fma(va, vb);
      c2 = c2.fma(va, vb);
      c3 = c3.fma(va, vb);
      c4 = c4.fma(va, vb);
      c5 = c5.fma(va, vb);
      c6 = c6.fma(va, vb);
      c7 = c7.fma(va, vb);
      c8 = c8.fma(va, vb);
      c9 = c9.fma(va, vb);
      c10 = c10.fma(va, vb);
      c11 = c11.fma(va, vb);
    }
    return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
        .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
  }
}
