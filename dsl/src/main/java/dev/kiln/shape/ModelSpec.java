package dev.kiln.shape;

import java.util.ArrayList;
import java.util.List;

/**
 * A sequential model as declared: the input's name and shape, then each layer in order. Node 0 is
 * the input; node {@code i} is {@code layers().get(i - 1)}.
 *
 * @param inputShape as written in {@code @Input(shape = ...)}, not yet validated
 */
public record ModelSpec(String name, String inputName, int[] inputShape, List<LayerSpec> layers) {

  public ModelSpec {
    inputShape = inputShape.clone();
    layers = List.copyOf(layers);
  }

  /**
   * One layer field.
   *
   * @param declared the {@code @Shape} assertion without the batch axis, or {@code null}
   */
  public record LayerSpec(String name, LayerRule rule, int[] declared) {
    public LayerSpec {
      declared = declared == null ? null : declared.clone();
    }

    LayerSpec withRule(LayerRule newRule) {
      return new LayerSpec(name, newRule, declared);
    }
  }

  /** Name of node {@code node} (0 is the input). */
  public String nodeName(int node) {
    return node == 0 ? inputName : layers.get(node - 1).name();
  }

  /** The model up to and including {@code node}, without {@code @Shape} assertions: for fix searches. */
  ModelSpec prefix(int node) {
    List<LayerSpec> copy = new ArrayList<>();
    for (LayerSpec layer : layers.subList(0, node)) {
      copy.add(new LayerSpec(layer.name(), layer.rule(), null));
    }
    return new ModelSpec(name, inputName, inputShape, copy);
  }

  ModelSpec withInputShape(int[] shape) {
    return new ModelSpec(name, inputName, shape, layers);
  }

  ModelSpec withLayer(int node, LayerSpec layer) {
    List<LayerSpec> copy = new ArrayList<>(layers);
    copy.set(node - 1, layer);
    return new ModelSpec(name, inputName, inputShape, copy);
  }

  ModelSpec withoutLayers(int... nodes) {
    List<LayerSpec> copy = new ArrayList<>();
    outer:
    for (int i = 0; i < layers.size(); i++) {
      for (int n : nodes) {
        if (n - 1 == i) {
          continue outer;
        }
      }
      copy.add(layers.get(i));
    }
    return new ModelSpec(name, inputName, inputShape, copy);
  }

  ModelSpec withLayerBefore(int node, LayerSpec layer) {
    List<LayerSpec> copy = new ArrayList<>(layers);
    copy.add(node - 1, layer);
    return new ModelSpec(name, inputName, inputShape, copy);
  }
}
