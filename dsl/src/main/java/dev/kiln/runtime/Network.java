package dev.kiln.runtime;

import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.LayerInfo;
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

  private Network(CheckedModel model, Plan plan, int threads) {
    this.inputShape = model.inputShape();
    this.outputShape = model.outputShape();
    for (int i = 0; i < model.spec().firstLayer(); i++) {
      inputShapes.add(model.layer(model.spec().nodeName(i)).output());
    }
    for (String name : model.outputNames()) {
      outputShapes.add(model.layer(name).output());
    }
    this.plan = plan;
    this.pool = new WorkspacePool(plan, Math.max(1, Math.min(threads, Workers.SHARED.helperCount() + 1)));
  }

  /** A network using every available processor. */
  public static Network create(CheckedModel model, Weights weights) {
    return create(model, weights, Runtime.getRuntime().availableProcessors());
  }

  /**
   * A network using at most {@code threads} threads per call (the calling thread included).
   *
   * @throws IllegalArgumentException if the model has errors, or listing every weight tensor that is
   *     missing, unexpected or of the wrong length (layer, tensor, expected and found)
   */
  public static Network create(CheckedModel model, Weights weights, int threads) {
    return create(model, weights, threads, Simd.best());
  }

  static Network create(CheckedModel model, Weights weights, int threads, Gemm gemm) {
    if (model.hasErrors()) {
      throw new IllegalArgumentException("model `" + model.spec().name() + "` has errors: " + model.problems());
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, received " + threads);
    }
    validate(model, weights);
    List<Step> steps = new ArrayList<>();
    List<LayerInfo> layers = model.layers();
    for (LayerInfo layer : layers.subList(model.spec().firstLayer(), layers.size())) {
      Map<String, float[]> tensors = new HashMap<>();
      for (WeightSpec spec : layer.weights()) {
        tensors.put(spec.name(), weights.get(layer.name(), spec.name()).clone());
      }
      steps.add(Kernels.create(layer, tensors, gemm));
    }
    return new Network(model, new Plan(steps, model), threads);
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
