package dev.kiln.runtime;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The machine's FMA peak as the JVM reaches it: 12 independent FMA chains (enough to cover a 4-cycle
 * latency on two pipes) on 512- and 256-bit vectors, nothing loaded or stored. The yardstick the
 * GEMM is measured against ({@code KernelBench} in the benchmarks module); not used by inference.
 */
final class FmaPeak {
  private FmaPeak() {}

  private static final VectorSpecies<Float> S512 = FloatVector.SPECIES_512;
  private static final VectorSpecies<Float> S256 = FloatVector.SPECIES_256;

  /** Whether the JVM's preferred vectors, those the GEMM runs on, are 512-bit. */
  static boolean preferred512() {
    return FloatVector.SPECIES_PREFERRED.vectorBitSize() == 512;
  }

  /** Keeps the chains' result alive. */
  static volatile float sunk;

  /** Runs {@code iterations} steps of 12 FMAs on 512-bit vectors; returns the floating-point operations. */
  static long fma512(int iterations) {
    FloatVector x = FloatVector.broadcast(S512, 0.9999f);
    FloatVector y = FloatVector.broadcast(S512, 1e-5f);
    FloatVector a0 = x, a1 = x, a2 = x, a3 = x, a4 = x, a5 = x, a6 = x, a7 = x, a8 = x, a9 = x, a10 = x, a11 = x;
    for (int i = 0; i < iterations; i++) {
      a0 = a0.fma(x, y); a1 = a1.fma(x, y); a2 = a2.fma(x, y); a3 = a3.fma(x, y);
      a4 = a4.fma(x, y); a5 = a5.fma(x, y); a6 = a6.fma(x, y); a7 = a7.fma(x, y);
      a8 = a8.fma(x, y); a9 = a9.fma(x, y); a10 = a10.fma(x, y); a11 = a11.fma(x, y);
    }
    sunk = a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11).lane(0);
    return 2L * 12 * S512.length() * iterations;
  }

  /** As {@link #fma512} on 256-bit vectors. */
  static long fma256(int iterations) {
    FloatVector x = FloatVector.broadcast(S256, 0.9999f);
    FloatVector y = FloatVector.broadcast(S256, 1e-5f);
    FloatVector a0 = x, a1 = x, a2 = x, a3 = x, a4 = x, a5 = x, a6 = x, a7 = x, a8 = x, a9 = x, a10 = x, a11 = x;
    for (int i = 0; i < iterations; i++) {
      a0 = a0.fma(x, y); a1 = a1.fma(x, y); a2 = a2.fma(x, y); a3 = a3.fma(x, y);
      a4 = a4.fma(x, y); a5 = a5.fma(x, y); a6 = a6.fma(x, y); a7 = a7.fma(x, y);
      a8 = a8.fma(x, y); a9 = a9.fma(x, y); a10 = a10.fma(x, y); a11 = a11.fma(x, y);
    }
    sunk = a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11).lane(0);
    return 2L * 12 * S256.length() * iterations;
  }
}
