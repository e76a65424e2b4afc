package dev.kiln.shape;

import java.util.List;

/**
 * A checked node: what it reads, what it produces, its weights and its arithmetic.
 *
 * @param rule {@code null} for an input
 * @param sources the fields it reads (empty for an input)
 * @param inputs their shapes, in the same order
 */
public record LayerInfo(String name, LayerRule rule, List<String> sources, List<TensorShape> inputs,
    TensorShape output, List<WeightSpec> weights, long macs) {

  public LayerInfo {
    sources = List.copyOf(sources);
    inputs = List.copyOf(inputs);
    weights = List.copyOf(weights);
  }

  /** The (first) field this layer reads, or {@code null} for an input. */
  public String source() {
    return sources.isEmpty() ? null : sources.get(0);
  }

  /** The shape of the (first) field this layer reads, or {@code null} for an input. */
  public TensorShape input() {
    return inputs.isEmpty() ? null : inputs.get(0);
  }

  /** {@code Conv2D}, or {@code InputLayer} for an input, as Keras names it. */
  public String typeName() {
    return rule == null ? "InputLayer" : rule.kind().kerasName();
  }

  public long trainableParams() {
    return weights.stream().filter(WeightSpec::trainable).mapToLong(WeightSpec::elements).reduce(0, Counts::add);
  }

  public long nonTrainableParams() {
    return weights.stream().filter(w -> !w.trainable()).mapToLong(WeightSpec::elements).reduce(0, Counts::add);
  }

  /** Saturating, like every count: a model with more weights than a long holds shows the maximum. */
  public long params() {
    return Counts.add(trainableParams(), nonTrainableParams());
  }
}
