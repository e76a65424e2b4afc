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
   * With {@link #timings}: per computed step and lane, {@code [step * lanes + lane]}, the nanoseconds
   * each lane spent on the step's items (lane 0 is the caller, which alone runs an unsplit step), so a
   * profile shows how evenly a split layer's work fell on the lanes.
   */
  long[] laneTimings;
  /** Lanes of the workspace this lane belongs to: the row length of {@link #laneTimings}. */
  final int lanes;

  /**
   * With {@code -Dkiln.profile.clock=cpu}, profiles count each thread's CPU time instead of wall
   * time: on a shared machine, time spent descheduled then stays out of the figures. A step's own time
   * is the caller's (its wait for the helpers spins, so it counts); each lane's work on a split step
   * is counted on that lane's thread ({@link #laneTimings}).
   */
  private static final java.lang.management.ThreadMXBean CPU =
      "cpu".equals(System.getProperty("kiln.profile.clock")) ? java.lang.management.ManagementFactory.getThreadMXBean()
          : null;

  /** The profile clock, in nanoseconds. */
  static long clock() {
    return CPU == null ? System.nanoTime() : CPU.getCurrentThreadCpuTime();
  }

  Lane(Plan plan, int lanes) {
    this.lanes = lanes;
    activations = new float[plan.slots][];
    mergeInputs = new float[plan.mergeArity][];
    mergeOffsets = new int[plan.mergeArity];
    shared = new float[plan.sharedFloats];
    local = new float[plan.localFloats];
  }

  /**
   * Adds step {@code step}'s time since {@code start} to the profile (only when {@link #timings} is
   * set): the caller's elapsed time, and per lane either {@code busy} (each lane's time on a split
   * step's items) or, for a step run whole here ({@code busy == null}), the same elapsed time on lane 0.
   */
  void time(int step, long start, long[] busy) {
    long elapsed = clock() - start;
    timings[step] += elapsed;
    if (busy == null) {
      laneTimings[step * lanes] += elapsed;
      return;
    }
    for (int l = 0; l < lanes; l++) {
      laneTimings[step * lanes + l] += busy[l];
    }
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
