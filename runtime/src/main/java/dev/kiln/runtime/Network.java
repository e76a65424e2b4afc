package dev.kiln.runtime;

import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.LayerInfo;
import dev.kiln.shape.Problems;
import dev.kiln.shape.TensorShape;
import dev.kiln.shape.WeightSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A checked model with its weights, ready to run. Everything is decided once in {@link #create}: the
 * weights are validated and repacked, one kernel is built per layer, and every buffer size is planned
 * from the known shapes. {@link #predict} then allocates nothing in the steady state (workspaces are
 * pooled), may be called from several threads at once, and spreads a batch over the cores (or, at
 * batch 1, the rows of each large layer).
 */
public final class Network {
  private final TensorShape inputShape;
  private final TensorShape outputShape;
  /** Every input and output, in declaration order (one each for most models). */
  private final List<TensorShape> inputShapes = new ArrayList<>();
  private final List<TensorShape> outputShapes = new ArrayList<>();
  private final Plan plan;
  private final WorkspacePool pool;
  /** Keras class name per layer name, for profiles. */
  private final Map<String, String> layerKinds = new HashMap<>();

  private Network(CheckedModel model, Plan plan, int threads) {
    this.inputShape = model.inputShape();
    this.outputShape = model.outputShape();
    for (int i = 0; i < model.spec().firstLayer(); i++) {
      inputShapes.add(model.layer(model.spec().nodeName(i)).output());
    }
    for (String name : model.outputNames()) {
      outputShapes.add(model.layer(name).output());
    }
    for (LayerInfo layer : model.layers()) {
      layerKinds.put(layer.name(), layer.typeName());
    }
    this.plan = plan;
    this.pool = new WorkspacePool(plan, Math.max(1, Math.min(threads, Workers.SHARED.helperCount() + 1)));
  }

  /** A network using every available processor. */
  public static Network create(CheckedModel model, Weights weights) {
    return create(model, weights, Runtime.getRuntime().availableProcessors());
  }

  /**
   * A network using at most {@code threads} threads per call (the calling thread included), with the
   * inference graph optimizer on unless the system property {@code kiln.optimize} is {@code false}.
   *
   * @throws IllegalArgumentException if the model has errors, or listing every weight tensor that is
   *     missing, unexpected or of the wrong length (layer, tensor, expected and found)
   */
  public static Network create(CheckedModel model, Weights weights, int threads) {
    return create(model, weights, threads, optimizeByDefault());
  }

  /**
   * As {@link #create(CheckedModel, Weights, int)}, choosing whether the inference graph optimizer
   * runs. It folds each BatchNormalization into the convolution or Dense layer before it, runs
   * activation layers and residual {@code Add}s in that layer's output loop, folds ZeroPadding2D into
   * the padding of the convolution (or max pooling, where exact) after it, and runs the remaining
   * element-wise layers in place. The results are those of the declared layers up to float rounding
   * (the folded weights round differently); {@code optimize = false} runs every layer as declared,
   * for debugging or to compare.
   */
  public static Network create(CheckedModel model, Weights weights, int threads, boolean optimize) {
    return create(model, weights, threads, Simd.best(), optimize);
  }

  /** {@code -Dkiln.optimize=false} switches the graph optimizer off for every default create. */
  static boolean optimizeByDefault() {
    return !"false".equalsIgnoreCase(System.getProperty("kiln.optimize", "true"));
  }

  static Network create(CheckedModel model, Weights weights, int threads, Gemm gemm) {
    return create(model, weights, threads, gemm, optimizeByDefault());
  }

  static Network create(CheckedModel model, Weights weights, int threads, Gemm gemm, boolean optimize) {
    if (model.hasErrors()) {
      throw new IllegalArgumentException(Problems.describe(model.spec().name(), model.problems()));
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, received " + threads);
    }
    validate(model, weights);
    List<Map<String, float[]>> tensors = new ArrayList<>();
    List<LayerInfo> layers = model.layers();
    for (LayerInfo layer : layers.subList(model.spec().firstLayer(), layers.size())) {
      Map<String, float[]> own = new HashMap<>();
      for (WeightSpec spec : layer.weights()) {
        own.put(spec.name(), weights.get(layer.name(), spec.name()).clone());
      }
      tensors.add(own);
    }
    GraphOptimizer graph = new GraphOptimizer(model, tensors, gemm, optimize);
    return new Network(model, new Plan(graph, model), threads);
  }

  private static void validate(CheckedModel model, Weights weights) {
    List<String> problems = new ArrayList<>();
    List<String> known = new ArrayList<>();
    for (LayerInfo layer : model.layers()) {
      known.add(layer.name());
      List<String> names = new ArrayList<>();
      for (WeightSpec spec : layer.weights()) {
        names.add(spec.name());
        float[] values = weights.get(layer.name(), spec.name());
        if (values == null || values.length != spec.elements()) {
          problems.add("layer `" + layer.name() + "` tensor `" + spec.name() + "`: expected " + spec.dimsText()
              + " = " + spec.elements() + " floats, found " + (values == null ? "none" : values.length + " floats"));
        }
      }
      for (String name : weights.layer(layer.name()).keySet()) {
        if (!names.contains(name)) {
          problems.add("layer `" + layer.name() + "` tensor `" + name + "`: not a weight of this "
              + layer.typeName() + " (expected " + (names.isEmpty() ? "none" : String.join(", ", names)) + ")");
        }
      }
    }
    for (String layer : weights.layerNames()) {
      if (!known.contains(layer)) {
        problems.add("layer `" + layer + "`: no such layer in model `" + model.spec().name() + "`");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(problems.size() + " weight problem" + (problems.size() == 1 ? "" : "s")
          + " for model `" + model.spec().name() + "`:\n  " + String.join("\n  ", problems));
    }
  }

  /** The (first) input's shape. */
  public TensorShape inputShape() {
    return inputShape;
  }

  /** Every input's shape, in declaration order. */
  public List<TensorShape> inputShapes() {
    return List.copyOf(inputShapes);
  }

  /** Every output's shape, in the model's output order. */
  public List<TensorShape> outputShapes() {
    return List.copyOf(outputShapes);
  }

  /**
   * Runs {@code batch} examples of a model with several inputs or outputs: {@code inputs[i]} holds
   * {@code batch} examples of input {@code i} (NHWC, batch-major); the result holds one such array
   * per output. Packs the inputs per example, so unlike {@link #predict(float[], float[], int)} it
   * allocates.
   *
   * @throws IllegalArgumentException naming the expected and received shapes
   */
  public float[][] predict(float[][] inputs, int batch) {
    if (inputs.length != inputShapes.size()) {
      throw new IllegalArgumentException("expected " + inputShapes.size() + " inputs, received " + inputs.length);
    }
    int packedIn = 0;
    for (int i = 0; i < inputs.length; i++) {
      check("input " + i, inputs[i], batch, inputShapes.get(i));
      packedIn += inputShapes.get(i).size();
    }
    int packedOut = outputShapes.stream().mapToInt(TensorShape::size).sum();
    float[] in = new float[Math.multiplyExact(batch, packedIn)];
    for (int e = 0, at = 0; e < batch; e++) {
      for (int i = 0; i < inputs.length; i++) {
        int size = inputShapes.get(i).size();
        System.arraycopy(inputs[i], e * size, in, at, size);
        at += size;
      }
    }
    float[] out = new float[Math.multiplyExact(batch, packedOut)];
    run(in, out, batch);
    float[][] outputs = new float[outputShapes.size()][];
    for (int k = 0; k < outputs.length; k++) {
      outputs[k] = new float[batch * outputShapes.get(k).size()];
    }
    for (int e = 0, at = 0; e < batch; e++) {
      for (int k = 0; k < outputs.length; k++) {
        int size = outputShapes.get(k).size();
        System.arraycopy(out, at, outputs[k], e * size, size);
        at += size;
      }
    }
    return outputs;
  }

  public TensorShape outputShape() {
    return outputShape;
  }

  /** Runs {@code batch} examples and returns a new array of {@code batch * outputShape().size()} floats. */
  public float[] predict(float[] input, int batch) {
    float[] output = new float[Math.multiplyExact(Math.max(batch, 0), outputShape.size())];
    predict(input, output, batch);
    return output;
  }

  /**
   * Runs {@code batch} examples. Both arrays are NHWC row-major, batch-major: {@code input} holds
   * exactly {@code batch * inputShape().size()} floats and {@code output} exactly
   * {@code batch * outputShape().size()}.
   *
   * @throws IllegalArgumentException naming the expected and received shapes
   */
  public void predict(float[] input, float[] output, int batch) {
    if (inputShapes.size() != 1 || outputShapes.size() != 1) {
      throw new IllegalArgumentException("this model has " + inputShapes.size() + " inputs and "
          + outputShapes.size() + " outputs: use predict(float[][] inputs, int batch)");
    }
    check("input", input, batch, inputShape);
    check("output", output, batch, outputShape);
    run(input, output, batch);
  }

  /** Runs one example held by a generated model's typed tensors, allocating nothing once warm. */
  public void predict(Example input, Example output) {
    predict(input.values(), output.values(), 1);
  }

  /**
   * Measures where the time goes: runs the {@code batch} examples of {@code input} once to warm up,
   * then {@code repetitions} times, one example at a time with each large layer split over this
   * network's threads (as at batch 1), timing every computed step and each lane's share of it. Allocates (the result, and
   * timing arrays); use {@link #predict} for throughput.
   *
   * @param input {@code batch * inputShape().size()} floats, NHWC, batch-major (packed inputs for a
   *     model with several)
   * @throws IllegalArgumentException naming the expected and received shapes
   */
  public Profile profile(float[] input, int batch, int repetitions) {
    if (repetitions < 1) {
      throw new IllegalArgumentException("repetitions must be at least 1, received " + repetitions);
    }
    check("input", input, batch, inputShapes.size() == 1 ? inputShape : TensorShape.of(plan.inputSize));
    float[] output = new float[Math.multiplyExact(batch, plan.outputSize)];
    long[] timings = new long[plan.steps.length];
    long[] laneTimings = new long[plan.steps.length * pool.threads()];
    Workspace workspace = pool.take();
    try {
      workspace.profile(input, output, batch, new long[timings.length], new long[laneTimings.length]);
      workspace.profile(input, output, batch, timings, laneTimings);
    } finally {
      pool.give(workspace);
    }
    for (int r = 1; r < repetitions; r++) {
      workspace = pool.take();
      try {
        workspace.profile(input, output, batch, timings, laneTimings);
      } finally {
        pool.give(workspace);
      }
    }
    return Profile.of(plan, timings, laneTimings, (double) batch * repetitions, layerKinds);
  }

  private void run(float[] input, float[] output, int batch) {
    Workspace workspace = pool.take();
    try {
      workspace.predict(input, output, batch);
    } finally {
      pool.give(workspace);
    }
  }

  private static void check(String what, float[] array, int batch, TensorShape shape) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be at least 1, received " + batch);
    }
    long expected = (long) batch * shape.size();
    if (array == null || array.length != expected) {
      String received = array == null ? "null"
          : array.length % shape.size() == 0 ? "shape " + withBatch(array.length / shape.size(), shape)
              + " = " + array.length + " floats"
          : array.length + " floats, not a whole number of " + shape.compact() + " examples";
      throw new IllegalArgumentException(what + ": expected shape " + withBatch(batch, shape) + " = " + expected
          + " floats (NHWC, batch-major), received " + received);
    }
  }

  /** {@code (2, 28, 28, 1)}. */
  private static String withBatch(long batch, TensorShape shape) {
    StringBuilder text = new StringBuilder("(").append(batch);
    for (int d : shape.dims()) {
      text.append(", ").append(d);
    }
    return text.append(')').toString();
  }
}
