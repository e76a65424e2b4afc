package dev.kiln.runtime;

/** One thread's buffers within a workspace, sized by the {@link Plan}. */
final class Lane {
  /**
   * Activation buffers made on first use: the two ping-pong buffers of a sequential plan, each
   * (largest layer output of one example), or a graph program's slots.
   */
  private final float[][] activations;
  /** A merge's inputs and their offsets, filled by the graph program before each merge. */
  final float[][] mergeInputs;
  final int[] mergeOffsets;
  /** Written by a step's prepare (e.g. the padded input) and read by every lane of a split layer. */
  final float[] shared;
  /** Private scratch of the step running on this lane. */
  final float[] local;
  /**
   * Nanoseconds per computed step, added by the plans when not {@code null}: only the lane of a
   * {@link Network#profile} run has one, so ordinary calls read no clock.
   */
  long[] timings;

  /**
   * With {@code -Dkiln.profile.clock=cpu}, profiles count the profiling thread's CPU time instead of
   * wall time: on a shared machine, time spent descheduled then stays out of the figures. Only a
   * one-thread profile is then exact (a split layer's helper lanes are not counted).
   */
  private static final java.lang.management.ThreadMXBean CPU =
      "cpu".equals(System.getProperty("kiln.profile.clock")) ? java.lang.management.ManagementFactory.getThreadMXBean()
          : null;

  /** The profile clock, in nanoseconds. */
  static long clock() {
    return CPU == null ? System.nanoTime() : CPU.getCurrentThreadCpuTime();
  }

  Lane(Plan plan) {
    activations = new float[plan.slots][];
    mergeInputs = new float[plan.mergeArity][];
    mergeOffsets = new int[plan.mergeArity];
    shared = new float[plan.sharedFloats];
    local = new float[plan.localFloats];
  }

  float[] activation(int which, int floats) {
    float[] buffer = activations[which];
    if (buffer == null) {
      buffer = new float[floats];
      activations[which] = buffer;
    }
    return buffer;
  }
}
