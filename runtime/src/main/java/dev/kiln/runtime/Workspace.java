package dev.kiln.runtime;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Everything one {@code predict} call needs, allocated once and reused: a {@link Lane} per thread and
 * the two reusable jobs (a batch split over lanes, or one layer's rows split over lanes). Used by one
 * call at a time; {@link WorkspacePool} hands them out.
 */
final class Workspace {
  private final Plan plan;
  private final Lane[] lanes;
  private final Workers.Team team;
  private final BatchJob batchJob = new BatchJob();
  private final LayerJob layerJob;
  /**
   * Per lane, the profile clock's nanoseconds spent on the items of the last {@link #split}, while
   * {@link #profile} runs (each lane writes only its own entry, before its join is counted).
   */
  private final long[] busy;
  private boolean profiling;
  private final boolean guided = Plan.evenSplits();
  private final boolean affine = Plan.affineSplits();
  /** Whether a batch runs one example per lane ({@link Plan#splitLayers}), decided at create. */
  private final boolean perExample;

  Workspace(Plan plan, int threads) {
    this.plan = plan;
    lanes = new Lane[threads];
    for (int i = 0; i < threads; i++) {
      lanes[i] = new Lane(plan, threads);
    }
    busy = new long[threads];
    layerJob = new LayerJob();
    team = new Workers.Team(threads - 1);
    perExample = threads > 1 && !plan.splitLayers(threads);
  }

  /**
   * Runs a batch: with {@link #perExample one example per lane}, the largest multiple of the lane count
   * one example per lane, and the rest (fewer than the lanes, so some lanes would idle) one at a time
   * with their large layers split over the lanes; otherwise every example that way.
   */
  void predict(float[] input, float[] output, int batch) {
    int whole = perExample ? batch - batch % lanes.length : 0;
    if (whole > 0) {
      batchJob.set(input, output, whole);
      Workers.SHARED.run(batchJob, lanes.length, team);
    }
    for (int e = whole; e < batch; e++) {
      plan.run(input, e * plan.inputSize, output, e * plan.outputSize, lanes[0], lanes.length > 1 ? this : null);
    }
  }

  /** Runs the examples one at a time on the first lane (large layers split), adding step times to {@code timings}. */
  /**
   * @param laneTimings per step and lane, {@code [step * lanes + lane]}: the time each lane worked on
   *     the step's items (see {@link Lane#laneTimings})
   */
  void profile(float[] input, float[] output, int batch, long[] timings, long[] laneTimings) {
    lanes[0].timings = timings;
    lanes[0].laneTimings = laneTimings;
    profiling = true;
    try {
      for (int e = 0; e < batch; e++) {
        plan.run(input, e * plan.inputSize, output, e * plan.outputSize, lanes[0], lanes.length > 1 ? this : null);
      }
    } finally {
      lanes[0].timings = null;
      lanes[0].laneTimings = null;
      profiling = false;
    }
  }

  int lanes() {
    return lanes.length;
  }

  /** Per lane, its time on the items of the last {@link #split} (profiles only). */
  long[] busy() {
    return busy;
  }

  /**
   * Runs all items of {@code step} for one example on every lane this call can get, then its
   * {@link Step#finish} on this thread.
   *
   * @param residual what a step that {@link Step#addsResidual() adds a residual} adds, or {@code null}
   */
  void split(Step step, float[] out, int outOff, float[] in, int inOff, float[] residual, int residualOff,
      float[] shared) {
    layerJob.set(step, out, outOff, in, inOff, residual, residualOff, shared);
    layerJob.merge = null;
    if (profiling) {
      java.util.Arrays.fill(busy, 0);
    }
    Workers.SHARED.run(layerJob, lanes.length, team);
    step.finish(out, outOff);
  }

  /**
   * Runs the items of {@code merge} on every lane this call can get.
   *
   * @param ins the calling lane's merge inputs and {@code offs} their offsets, read by every lane
   */
  void split(MergeKernel merge, float[] out, int outOff, float[][] ins, int[] offs) {
    layerJob.set(merge, out, outOff, null, 0, null, 0, null);
    layerJob.merge = merge;
    layerJob.ins = ins;
    layerJob.offs = offs;
    if (profiling) {
      java.util.Arrays.fill(busy, 0);
    }
    Workers.SHARED.run(layerJob, lanes.length, team);
  }

  /** Examples taken one at a time from a shared counter, each run whole on the taking lane. */
  private final class BatchJob implements Workers.Job {
    private final AtomicInteger next = new AtomicInteger();
    private float[] input;
    private float[] output;
    private int batch;

    void set(float[] newInput, float[] newOutput, int newBatch) {
      input = newInput;
      output = newOutput;
      batch = newBatch;
      next.set(0);
    }

    @Override
    public void work(int lane) {
      for (int e = next.getAndIncrement(); e < batch; e = next.getAndIncrement()) {
        plan.run(input, e * plan.inputSize, output, e * plan.outputSize, lanes[lane], null);
      }
    }
  }

  /** Longs between two lanes' home ranges: 128 bytes, so each sits in its own pair of cache lines. */
  private static final int LINE = 16;

  /**
   * Chunks of one layer's items taken from a shared counter: {@code min(items, 4 * lanes)} equal ones,
   * or, with even splits ({@link Plan#evenSplits}, the default), each a {@code 1 / (2 * lanes)} share of
   * the items left (guided self-scheduling), at most {@code 1 / (4 * lanes)} of the layer and at least
   * {@code 1 / (16 * lanes)} (or one item): large chunks first, so a layer costs few hand-offs (each
   * chunk of a padded layer copies the rows its windows span again, three padded rows for a 3x3 even
   * when the chunk is one tile), small ones last, so the lanes finish within a thirty-second of the
   * layer (two lanes) of each other. With fixed chunks of an eighth, the lane that took the last one
   * ran on alone for up to an eighth of the layer (1.1 ms of InceptionV3's 8.9 ms conv2d_4). The cap
   * keeps what a helper the OS deschedules mid-chunk holds to the old eighth (with uncapped first
   * chunks of a quarter, batch-1 calls were slower on a loaded machine; the cause was not isolated).
   * Which lane computes which item never changes a result: every item's sums are its own.
   */
  private final class LayerJob implements Workers.Job {
    private final AtomicInteger next = new AtomicInteger();
    /** A merge being split (its inputs in {@link #ins} from {@link #offs}), or {@code null}. */
    private MergeKernel merge;
    private float[][] ins;
    private int[] offs;
    private Step step;
    private float[] out;
    private int outOff;
    private float[] in;
    private int inOff;
    private float[] residual;
    private int residualOff;
    private float[] shared;
    private int items;
    /** The smallest and the largest chunk, in items. */
    private int least;
    private int most;
    /** Per lane, what is left of its home range, {@code from << 32 | to}, {@link #LINE} longs apart. */
    private final AtomicLongArray homes = new AtomicLongArray(lanes.length * LINE);

    void set(Step newStep, float[] newOut, int newOutOff, float[] newIn, int newInOff, float[] newResidual,
        int newResidualOff, float[] newShared) {
      residual = newResidual;
      residualOff = newResidualOff;
      step = newStep;
      out = newOut;
      outOff = newOutOff;
      in = newIn;
      inOff = newInOff;
      shared = newShared;
      items = step.items();
      least = Math.max(1, items / (16 * lanes.length));
      most = Math.max(least, items / (4 * lanes.length));
      next.set(0);
      if (affine) {
        int n = lanes.length;
        for (int l = 0; l < n; l++) {
          homes.set(l * LINE, (long) items * l / n << 32 | (long) items * (l + 1) / n);
        }
      }
    }

    /**
     * Affine splits ({@link Plan#affineSplits}): lane {@code lane} takes chunks from the front of its
     * home range, half of what is left of it, between {@link #least} and
     * {@link #most}; then it steals the back half of the largest range left (at most {@link #most}).
     */
    private long takeAffine(int lane) {
      while (true) {
        long r = homes.get(lane * LINE);
        int from = (int) (r >>> 32);
        int to = (int) r;
        if (from >= to) {
          break;
        }
        int c = Math.min(to - from, Math.max(least, Math.min(most, (to - from) / 2)));
        if (homes.compareAndSet(lane * LINE, r, (long) (from + c) << 32 | to)) {
          return (long) from << 32 | (from + c);
        }
      }
      while (true) {
        int victim = -1;
        long range = 0;
        int left = 0;
        for (int v = 0; v < lanes.length; v++) {
          long r = homes.get(v * LINE);
          int l = (int) r - (int) (r >>> 32);
          if (l > left) {
            left = l;
            victim = v;
            range = r;
          }
        }
        if (victim < 0) {
          return -1;
        }
        int from = (int) (range >>> 32);
        int to = (int) range;
        int c = Math.max(1, Math.min(most, left / 2));
        if (homes.compareAndSet(victim * LINE, range, (long) from << 32 | (to - c))) {
          return (long) (to - c) << 32 | to;
        }
      }
    }

    /** Claims the next chunk for {@code lane}: {@code from << 32 | to}, or -1 when every item is taken. */
    private long take(int lane) {
      if (affine) {
        return takeAffine(lane);
      }
      if (!guided) {
        // -Dkiln.split.even=false: min(items, 4 lanes) equal chunks
        int chunks = Math.min(items, lanes.length * 4);
        int c = next.getAndIncrement();
        return c >= chunks ? -1 : (long) c * items / chunks << 32 | (long) (c + 1) * items / chunks;
      }
      while (true) {
        int from = next.get();
        if (from >= items) {
          return -1;
        }
        int to = Math.min(items, from + Math.min(most, Math.max(least, (items - from) / (2 * lanes.length))));
        if (next.compareAndSet(from, to)) {
          return (long) from << 32 | to;
        }
      }
    }

    @Override
    public void work(int lane) {
      long start = profiling ? Lane.clock() : 0;
      for (long range = take(lane); range >= 0; range = take(lane)) {
        int from = (int) (range >>> 32);
        int to = (int) range;
        if (merge != null) {
          merge.merge(out, outOff, ins, offs, from, to);
        } else if (residual != null) {
          step.runWithResidual(out, outOff, in, inOff, residual, residualOff, shared, lanes[lane].local, from, to);
        } else {
          step.run(out, outOff, in, inOff, shared, lanes[lane].local, from, to);
        }
      }
      if (profiling) {
        busy[lane] = Lane.clock() - start;
      }
    }
  }
}
