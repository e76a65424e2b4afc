package dev.kiln.shape;

import java.util.ArrayList;
import java.util.List;

/**
 * A model as declared: its inputs, then its layers in declaration order, each reading earlier
 * fields, and its outputs. Nodes are numbered inputs first: node {@code i < inputs().size()} is an
 * input, the rest are layers in order.
 *
 * @param outputs the output fields; empty means the last layer
 */
public record ModelSpec(String name, List<InputSpec> inputs, List<LayerSpec> layers, List<String> outputs) {

  public ModelSpec {
    inputs = List.copyOf(inputs);
    layers = List.copyOf(layers);
    outputs = List.copyOf(outputs);
  }

  /** A sequential model: one input, each layer reading the one before, the last one the output. */
  public ModelSpec(String name, String inputName, int[] inputShape, List<LayerSpec> layers) {
    this(name, List.of(new InputSpec(inputName, inputShape)), layers, List.of());
  }

  /**
   * One {@code @Input} field.
   *
   * @param shape as written, not yet validated
   */
  public record InputSpec(String name, int[] shape) {
    public InputSpec {
      shape = shape.clone();
    }

    @Override
    public int[] shape() {
      return shape.clone();
    }
  }

  /**
   * One layer field.
   *
   * @param from the fields it reads; empty reads the field declared just before it
   * @param sameShapeAs a field whose height and width the output must match, or empty
   * @param declared the {@code @Shape} assertion without the batch axis, or {@code null}
   * @param trainable Keras's {@code layer.trainable}: false freezes every weight of the layer, which
   *     then counts as non-trainable (a frozen BatchNormalization's gamma and beta too)
   */
  public record LayerSpec(String name, LayerRule rule, List<String> from, String sameShapeAs, int[] declared,
      boolean trainable) {
    public LayerSpec {
      from = List.copyOf(from);
      sameShapeAs = sameShapeAs == null ? "" : sameShapeAs;
      declared = declared == null ? null : declared.clone();
    }

    /** A trainable layer, as Keras makes every layer by default. */
    public LayerSpec(String name, LayerRule rule, List<String> from, String sameShapeAs, int[] declared) {
      this(name, rule, from, sameShapeAs, declared, true);
    }

    public LayerSpec(String name, LayerRule rule, int[] declared) {
      this(name, rule, List.of(), "", declared);
    }

    LayerSpec withRule(LayerRule newRule) {
      return new LayerSpec(name, newRule, from, sameShapeAs, declared, trainable);
    }

    LayerSpec withoutDeclared() {
      return new LayerSpec(name, rule, from, sameShapeAs, null, trainable);
    }

    /** The weights {@code rule} owns for {@code input}, all non-trainable when the layer is frozen. */
    List<WeightSpec> weights(TensorShape input) {
      List<WeightSpec> weights = rule.weights(input);
      return trainable ? weights : weights.stream().map(WeightSpec::frozen).toList();
    }
  }

  /** The first input's name: the only one of a sequential model. */
  public String inputName() {
    return inputs.get(0).name();
  }

  /** The first input's shape as written. */
  public int[] inputShape() {
    return inputs.get(0).shape();
  }

  /** True when nothing but the declaration order wires the model. */
  public boolean isSequential() {
    return inputs.size() == 1 && outputs.isEmpty()
        && layers.stream().allMatch(l -> l.from().isEmpty() && l.sameShapeAs().isEmpty());
  }

  /** Node number of the first layer. */
  public int firstLayer() {
    return inputs.size();
  }

  public int nodeCount() {
    return inputs.size() + layers.size();
  }

  /** Name of node {@code node}. */
  public String nodeName(int node) {
    return node < inputs.size() ? inputs.get(node).name() : layers.get(node - inputs.size()).name();
  }

  /** The layer at node {@code node}. */
  public LayerSpec layer(int node) {
    return layers.get(node - inputs.size());
  }

  /** The model up to and including {@code node}, without {@code @Shape} assertions: for fix searches. */
  ModelSpec prefix(int node) {
    List<LayerSpec> copy = new ArrayList<>();
    for (LayerSpec layer : layers.subList(0, node - inputs.size() + 1)) {
      copy.add(layer.withoutDeclared());
    }
    return new ModelSpec(name, inputs, copy, List.of());
  }

  ModelSpec withInputShape(int[] shape) {
    List<InputSpec> copy = new ArrayList<>(inputs);
    copy.set(0, new InputSpec(inputs.get(0).name(), shape));
    return new ModelSpec(name, copy, layers, outputs);
  }

  ModelSpec withLayer(int node, LayerSpec layer) {
    List<LayerSpec> copy = new ArrayList<>(layers);
    copy.set(node - inputs.size(), layer);
    return new ModelSpec(name, inputs, copy, outputs);
  }

  ModelSpec withoutLayers(int... nodes) {
    List<LayerSpec> copy = new ArrayList<>();
    outer:
    for (int i = 0; i < layers.size(); i++) {
      for (int n : nodes) {
        if (n - inputs.size() == i) {
          continue outer;
        }
      }
      copy.add(layers.get(i));
    }
    return new ModelSpec(name, inputs, copy, outputs);
  }

  ModelSpec withLayerBefore(int node, LayerSpec layer) {
    List<LayerSpec> copy = new ArrayList<>(layers);
    copy.add(node - inputs.size(), layer);
    return new ModelSpec(name, inputs, copy, outputs);
  }
}
