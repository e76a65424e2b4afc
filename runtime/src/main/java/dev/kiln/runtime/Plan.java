package dev.kiln.runtime;

import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.LayerInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps of a network with the identity layers (Flatten, Reshape, Dropout) aliased away, and the
 * buffer sizes every workspace needs, all computed once from the checked shapes.
 */
final class Plan {
  /** Batch-1 layers below this many multiply-accumulates run on one thread: a hand-off costs more. */
  static final long SPLIT_MACS = 150_000;

  final Step[] steps;
  /** Floats of one example's input and output. */
  final int inputSize;
  final int outputSize;
  /** The largest intermediate activation of one example (each of the two ping-pong buffers). */
  final int activationFloats;
  final int sharedFloats;
  final int localFloats;
  /** Bytes of one example's largest layer as declared (its input plus its output). */
  final long footprint;
  /**
   * The most that the lanes running different examples of a batch may hold together, {@code lanes x
   * footprint}, before a batch runs one example at a time with its large layers split over the lanes
   * instead (so that the lanes share one example's data in L3 rather than evict each other's).
   * Measured at batch 32 on 2 lanes (AMD Zen 5, 32 MB L3, JDK 25, ProfileMain
   * -Dkiln.compare=kiln.splitLayers, least ms per image): one example per lane was faster on every
   * benchmark network, MobileNetV2 3.49 vs 5.60 (9.7 MB per example, its declared ZeroPadding2D of
   * 112x112x96), InceptionV3 39.2 vs 45.7 (8.3 MB), vggblock 32.3 vs 34.9 (25.7 MB, 51 MB for the two
   * lanes), ResNet50 28.1 vs 37.3, strided 0.47 vs 0.55. The rule before (a footprint over 8 MB splits
   * layers) made MobileNetV2, InceptionV3 and vggblock split. Beyond 64 MB it is not measured: the
   * rule assumes DRAM bandwidth shared by many lanes then costs more than a split's hand-offs.
   */
  static final long LANES_FOOTPRINT_BUDGET = 64L << 20;
  /** {@code -Dkiln.splitLayers} as it was at create, or {@code null}. */
  private final String forcedSplit = System.getProperty("kiln.splitLayers");
  /**
   * The program of a graph model, or {@code null} for a sequential one (two ping-pong buffers; an
   * in-place step writes the buffer it reads).
   */
  final GraphProgram graph;
  /** Activation buffers a lane needs: two for ping-pong, one per slot for a graph. */
  final int slots;
  /** Largest number of inputs a merge reads. */
  final int mergeArity;

  /** Per kept step: the layer names it computes (its own and those fused into it), for profiles. */
  final List<List<String>> names = new ArrayList<>();
  /** Per kept step: the layer it computes and, for a graph, its node. */
  final List<LayerInfo> layerOf = new ArrayList<>();

  /**
   * Even splits, unless {@code -Dkiln.split.even=false} at create: column-split layers cut their blocks
   * into runs of pixels so the items are a multiple of the lanes (InceptionV3's 3-block layers split
   * 2 to 1 otherwise), large merges are split over the lanes, and split layers take guided chunks.
   * Measured in one JVM against the fixed chunks on the quiet machine (ProfileMain
   * -Dkiln.compare=kiln.split.even, InceptionV3, batch 1, 2 threads, JDK 25): least per call 54.4 ->
   * 52.5 ms and 45.1 -> 41.5 ms in two runs (medians 57.7 -> 56.7, 49.8 -> 48.3). Under load 2-10 the
   * same comparison had read 3-5% slower.
   */
  static boolean evenSplits() {
    return !"false".equals(System.getProperty("kiln.split.even"));
  }

  /**
   * Affine splits, unless {@code -Dkiln.split.affine=false} at create (or even splits are off): each
   * lane of a split layer first works through its own share of the items (lane {@code l} of {@code n}:
   * items {@code [l / n, (l + 1) / n)} of the layer, the same pixels or columns in every layer), then
   * steals from the others, so a lane mostly reads what it wrote the layer before rather than lines
   * the other core holds: a cache line written by one core and read by the other took ~250 ns here
   * (a ping-pong round trip of 510 ns between the two processors). Against guided chunks from one
   * counter, one JVM, batch 1, 2 threads, least ms per call over alternated rounds (ProfileMain
   * -Dkiln.compare=kiln.split.affine, JDK 25, quiet machine): MobileNetV2 3.69 -> 3.50 and 3.55 ->
   * 3.39, InceptionV3 38.6 -> 37.9, ResNet50 29.9 -> 28.9, strided 0.437 -> 0.435; the medians moved
   * -6% to +3%, within this machine's spread.
   */
  static boolean affineSplits() {
    return evenSplits() && !"false".equals(System.getProperty("kiln.split.affine"));
  }

  /**
   * Whether a batch on {@code lanes} lanes runs one example at a time with large layers split
   * ({@link #LANES_FOOTPRINT_BUDGET}); {@code -Dkiln.splitLayers=true} or {@code false} at create
   * overrides the rule, for measuring both ways.
   */
  boolean splitLayers(int lanes) {
    return forcedSplit == null ? lanes * footprint > LANES_FOOTPRINT_BUDGET : Boolean.parseBoolean(forcedSplit);
  }

  Plan(GraphOptimizer optimized, CheckedModel model) {
    List<Step> all = optimized.steps;
    graph = model.spec().isSequential() ? null : new GraphProgram(optimized, model);
    slots = graph == null ? 2 : graph.slotFloats.length;
    mergeArity = graph == null ? 0 : graph.mergeArity;
    List<Step> kept = new ArrayList<>();
    int largest = 0;
    List<LayerInfo> layers = model.layers();
    int shared = 0;
    int local = 0;
    for (int i = 0; i < all.size(); i++) {
      Step step = all.get(i);
      shared = Math.max(shared, step.sharedFloats());
      local = Math.max(local, step.localFloats());
      if (!step.isIdentity()) {
        kept.add(step);
        names.add(optimized.names.get(i + model.spec().firstLayer()));
        layerOf.add(layers.get(i + model.spec().firstLayer()));
        largest = Math.max(largest, layers.get(i + 1).output().size());
      }
    }
    if (kept.isEmpty() && !all.isEmpty()) {
      kept.add(all.get(all.size() - 1));
    }
    steps = kept.toArray(new Step[0]);
    inputSize = graph == null ? model.inputShape().size() : graph.inputSize;
    outputSize = graph == null ? model.outputShape().size() : graph.outputSize;
    activationFloats = largest;
    long footprint = 0;
    for (LayerInfo layer : layers.subList(model.spec().firstLayer(), layers.size())) {
      footprint = Math.max(footprint, 4L * (layer.input().size() + layer.output().size()));
    }
    this.footprint = footprint;
    sharedFloats = shared;
    localFloats = local;
  }

  /**
   * Runs one example through every step. Step {@code i} writes the output array for the last step and
   * the lane's ping-pong buffers otherwise; with a {@code team}, large layers are split over lanes.
   */
  void run(float[] input, int inOff, float[] output, int outOff, Lane lane, Workspace team) {
    if (graph != null) {
      graph.run(input, inOff, output, outOff, lane, team);
      return;
    }
    if (steps.length == 0) {
      System.arraycopy(input, inOff, output, outOff, outputSize);
      return;
    }
    float[] src = input;
    int srcOff = inOff;
    int buffer = -1;
    for (int i = 0; i < steps.length; i++) {
      long start = lane.timings == null ? 0 : Lane.clock();
      Step step = steps[i];
      boolean last = i == steps.length - 1;
      // an element-wise step overwrites its input buffer (never the caller's input)
      buffer = step.inPlace() && buffer >= 0 ? buffer : 1 - Math.max(buffer, 0);
      float[] dst = last ? output : lane.activation(buffer, activationFloats);
      int dstOff = last ? outOff : 0;
      step.prepare(src, srcOff, lane.shared);
      boolean split = team != null && step.items() > 1 && step.cost() >= SPLIT_MACS;
      if (split) {
        team.split(step, dst, dstOff, src, srcOff, null, 0, lane.shared);
      } else {
        step.run(dst, dstOff, src, srcOff, lane.shared, lane.local, 0, step.items());
      }
      src = dst;
      srcOff = dstOff;
      if (lane.timings != null) {
        lane.time(i, start, split ? team.busy() : null);
      }
    }
  }
}
