package dev.kiln.shape;

import java.util.List;

/**
 * A checked layer: what it reads, what it produces, its weights and its arithmetic.
 *
 * @param rule {@code null} for the input node
 * @param input {@code null} for the input node
 * @param source the field this layer reads ({@code null} for the input node)
 */
public record LayerInfo(String name, LayerRule rule, String source, TensorShape input, TensorShape output,
    List<WeightSpec> weights, long macs) {

  public LayerInfo {
    weights = List.copyOf(weights);
  }

  /** {@code Conv2D}, or {@code InputLayer} for the input node, as Keras names it. */
  public String typeName() {
    return rule == null ? "InputLayer" : rule.kind().kerasName();
  }

  public long trainableParams() {
    return weights.stream().filter(WeightSpec::trainable).mapToLong(WeightSpec::elements).sum();
  }

  public long nonTrainableParams() {
    return weights.stream().filter(w -> !w.trainable()).mapToLong(WeightSpec::elements).sum();
  }

  public long params() {
    return trainableParams() + nonTrainableParams();
  }
}
