package dev.kiln.shape;

import java.util.List;

/**
 * The result of {@link ShapeChecker#check}: every problem found and, for the layers whose input
 * was valid, their shapes. The model is usable only when {@link #hasErrors()} is false, and then
 * {@link #layers()} has one entry per node, the input first.
 */
public record CheckedModel(ModelSpec spec, List<LayerInfo> layers, List<String> outputNames,
    List<Problem> problems) {

  public CheckedModel {
    layers = List.copyOf(layers);
    outputNames = List.copyOf(outputNames);
    problems = List.copyOf(problems);
  }

  public boolean hasErrors() {
    return problems.stream().anyMatch(p -> p.severity() == Severity.ERROR);
  }

  /** The (first) input's shape. */
  public TensorShape inputShape() {
    return layers.get(0).output();
  }

  /** The (first) output's shape. */
  public TensorShape outputShape() {
    return layer(outputNames.get(0)).output();
  }

  /** The checked node called {@code name}. */
  public LayerInfo layer(String name) {
    for (LayerInfo layer : layers) {
      if (layer.name().equals(name)) {
        return layer;
      }
    }
    throw new IllegalArgumentException("no layer " + name + " in model " + spec.name());
  }

  /** True for a layer declared {@code trainable = false} (directly or by its model's default); never an input. */
  public boolean isFrozen(int node) {
    return node >= spec.firstLayer() && !spec.layer(node).trainable();
  }

  public long totalParams() {
    return layers.stream().mapToLong(LayerInfo::params).sum();
  }

  public long trainableParams() {
    return layers.stream().mapToLong(LayerInfo::trainableParams).sum();
  }

  public long nonTrainableParams() {
    return layers.stream().mapToLong(LayerInfo::nonTrainableParams).sum();
  }

  public long macs() {
    return layers.stream().mapToLong(LayerInfo::macs).reduce(0, Counts::add);
  }

  /** Floats held by all layer outputs of one example, the input included. */
  public long activationFloats() {
    return layers.stream().mapToLong(l -> l.output().size()).sum();
  }
}
