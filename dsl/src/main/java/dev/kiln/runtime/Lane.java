package dev.kiln.runtime;

/** One thread's buffers within a workspace, sized by the {@link Plan}. */
final class Lane {
  /** The two ping-pong activation buffers, each (largest layer output of one example); made on first use. */
  private final float[][] activations = new float[2][];
  /** Written by a step's prepare (e.g. the padded input) and read by every lane of a split layer. */
  final float[] shared;
  /** Private scratch of the step running on this lane. */
  final float[] local;

  Lane(Plan plan) {
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
