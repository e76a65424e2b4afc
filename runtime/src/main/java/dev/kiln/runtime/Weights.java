package dev.kiln.runtime;

import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.LayerInfo;
import dev.kiln.shape.Problems;
import dev.kiln.shape.WeightSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A model's weights: layer name, then weight name, then the values in Keras layout, exactly the
 * names and shapes of {@code LayerRule.weights(inputShape)}, e.g. {@code "conv1" -> {"kernel":
 * (kh, kw, in_channels, filters), "bias": (filters)}}, each flattened row-major. Not thread-safe
 * while being filled; {@link Network#create} copies what it needs.
 */
public final class Weights {
  /** layer name -> weight name -> values, row-major in the Keras layout; insertion order kept. */
  private final Map<String, Map<String, float[]>> layers = new LinkedHashMap<>();

  /** Sets one tensor (not copied) and returns this. */
  public Weights put(String layer, String name, float[] values) {
    layers.computeIfAbsent(layer, l -> new LinkedHashMap<>()).put(name, values);
    return this;
  }

  /** One tensor, or {@code null} if absent. */
  public float[] get(String layer, String name) {
    Map<String, float[]> tensors = layers.get(layer);
    return tensors == null ? null : tensors.get(name);
  }

  /** The tensors of one layer (empty if none), read-only. */
  public Map<String, float[]> layer(String layer) {
    return Collections.unmodifiableMap(layers.getOrDefault(layer, Map.of()));
  }

  /** Layer names in insertion order, read-only. */
  public java.util.Set<String> layerNames() {
    return Collections.unmodifiableSet(layers.keySet());
  }

  /**
   * Keras's default initial weights for {@code model}, reproducibly from {@code seed}: kernels
   * (including depthwise, pointwise and transposed ones) {@code glorot_uniform}, i.e. uniform in
   * {@code ±sqrt(6 / (fan_in + fan_out))} with Keras's {@code compute_fans} on the kernel's own shape;
   * biases and {@code beta} zero; {@code gamma} one; {@code moving_mean} zero and
   * {@code moving_variance} one; a Normalization's {@code mean} and {@code count} zero, {@code variance} one.
   */
  public static Weights random(CheckedModel model, long seed) {
    if (model.hasErrors()) {
      throw new IllegalArgumentException(Problems.describe(model.spec().name(), model.problems()));
    }
    SplittableRandom random = new SplittableRandom(seed);
    Weights weights = new Weights();
    for (LayerInfo layer : model.layers()) {
      for (WeightSpec spec : layer.weights()) {
        float[] values = new float[(int) spec.elements()];
        switch (spec.name()) {
          case "gamma", "moving_variance", "variance" -> java.util.Arrays.fill(values, 1f);
          case "bias", "beta", "moving_mean", "mean", "count" -> { }
          default -> glorotUniform(values, spec.dims(), random);
        }
        weights.put(layer.name(), spec.name(), values);
      }
    }
    return weights;
  }

  /**
   * Keras {@code compute_fans}: a vector has fan_in = fan_out = its length; a matrix (in, out); a
   * kernel {@code (*receptive, in, out)} multiplies both by the receptive field.
   */
  static void glorotUniform(float[] values, int[] dims, SplittableRandom random) {
    double fanIn;
    double fanOut;
    if (dims.length == 1) {
      fanIn = dims[0];
      fanOut = dims[0];
    } else {
      double receptive = 1;
      for (int i = 0; i < dims.length - 2; i++) {
        receptive *= dims[i];
      }
      fanIn = dims[dims.length - 2] * receptive;
      fanOut = dims[dims.length - 1] * receptive;
    }
    double limit = Math.sqrt(6.0 / Math.max(1.0, fanIn + fanOut));
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
    }
  }
}
