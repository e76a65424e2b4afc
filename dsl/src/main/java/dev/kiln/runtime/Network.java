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
  private final Plan plan;
  private final WorkspacePool pool;

  private Network(CheckedModel model, Plan plan, int threads) {
    this.inputShape = model.inputShape();
    this.outputShape = model.outputShape();
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
    if (!model.spec().isSequential()) {
      throw new IllegalArgumentException("model `" + model.spec().name() + "` is a graph (several inputs or "
          + "outputs, `from` or `sameShapeAs`); the runtime runs sequential models only so far");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, received " + threads);
    }
    validate(model, weights);
    List<Step> steps = new ArrayList<>();
    List<LayerInfo> layers = model.layers();
    for (LayerInfo layer : layers.subList(1, layers.size())) {
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

  public TensorShape inputShape() {
    return inputShape;
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
    check("input", input, batch, inputShape);
    check("output", output, batch, outputShape);
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
