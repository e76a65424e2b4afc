package dev.kiln.processor;

import dev.kiln.dsl.If;
import dev.kiln.dsl.Let;
import dev.kiln.dsl.Repeat;
import dev.kiln.processor.AnnotationValues.Erroneous;
import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.LayerInfo;
import dev.kiln.shape.ModelSpec;
import dev.kiln.shape.ProblemCode;
import dev.kiln.shape.ShapeChecker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * The block uses of one model while {@link ModelReader} reads it: expands each into the model's
 * layers, and maps each use's name to its output node, so that the fields after it read the block's
 * output by the use's name ({@code from = "conv2_block3"}) or by coming next.
 */
final class Blocks implements BlockExpander.Sink {
  private final Reporter reporter;
  private final String modelName;
  private final List<ModelSpec.InputSpec> inputs;
  private final List<ModelSpec.LayerSpec> layers;
  private final List<ReadModel.Location> locations;
  private final Set<String> fieldNames;
  private final boolean modelTrainable;
  private final BlockExpander expander;
  /** Use name (and each repeated instance's) → its output node. */
  private final Map<String, String> aliases = new HashMap<>();
  /** Layer names so far, and the field that declared each. */
  private final Map<String, String> taken = new HashMap<>();
  /** Output shapes (without the batch axis) of the nodes checked so far, for {@code channels}. */
  private final Map<String, int[]> shapes = new HashMap<>();
  /** Layers whose shapes were looked at: the next look checks only those after them. */
  private int checkedLayers;
  /** The block use being expanded, and its annotation. */
  private VariableElement using;
  private AnnotationMirror usingMirror;
  /** The output of the field just read when it is a block use, else {@code null}. */
  private String previousOutput;

  Blocks(Elements elements, Reporter reporter, String modelName, List<ModelSpec.InputSpec> inputs,
      List<ModelSpec.LayerSpec> layers, List<ReadModel.Location> locations, Set<String> fieldNames,
      boolean modelTrainable) {
    this.reporter = reporter;
    this.modelName = modelName;
    this.inputs = inputs;
    this.layers = layers;
    this.locations = locations;
    this.fieldNames = fieldNames;
    this.modelTrainable = modelTrainable;
    this.expander = new BlockExpander(elements, reporter, this);
  }

  /**
   * Expands the block use on {@code field}.
   *
   * @return false when the expansion stopped (a problem was reported, or one before it left its input's
   *     shape unknown): the model is read no further
   */
  boolean expand(VariableElement field, FieldAnnotations found, AnnotationValues use, AnnotationValues shape)
      throws Erroneous {
    String name = field.getSimpleName().toString();
    if (shape != null) {
      reporter.error(ProblemCode.BLOCK_OUTSIDE, field, shape.mirror(), null, name, "Shape",
          "asserts one layer's shape; a block use is many layers: put @Shape on a field after it");
      return false;
    }
    List<String> from = use.has("from") ? from(use.strings("from")) : List.of();
    String input = from.isEmpty() ? previousOutput != null ? previousOutput : last() : from.get(0);
    using = field;
    usingMirror = found.main();
    try {
      previousOutput = expander.expand(field, found.main(), found.repeat(), input);
      aliases.put(name, previousOutput);
      return true;
    } catch (BlockExpander.Stop e) {
      return false;
    }
  }

  /** {@code @Let}, {@code @If} and {@code @Repeat} mean something only in a block (reported otherwise). */
  void checkLayerField(VariableElement field, FieldAnnotations found) {
    String name = field.getSimpleName().toString();
    for (AnnotationMirror mirror : field.getAnnotationMirrors()) {
      String type = ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
      if (type.equals(Let.class.getCanonicalName()) || type.equals(If.class.getCanonicalName())) {
        reporter.error(ProblemCode.BLOCK_OUTSIDE, field, mirror, null, name,
            mirror.getAnnotationType().asElement().getSimpleName(),
            "computes a layer from a block's parameters and works only in a @Block's Layers; write the value itself");
      } else if (type.equals(Repeat.class.getCanonicalName())) {
        reporter.error(ProblemCode.BLOCK_OUTSIDE, field, mirror, null, name, "Repeat",
            "repeats a @Block use, not a layer; declare the repeated layers as a @Block");
      }
    }
  }

  /** A layer field was read: it is the field before the next one. */
  void declared(String name) {
    previousOutput = null;
    taken.put(name, name);
  }

  /**
   * A layer field's {@code from}, each use name replaced by its output; left empty, the output of a
   * block use just before it (which need not be the last layer the block expanded to).
   */
  List<String> from(String[] written) {
    List<String> result = new ArrayList<>();
    for (String name : written) {
      result.add(resolve(name));
    }
    if (result.isEmpty() && previousOutput != null && !previousOutput.equals(last())) {
      result.add(previousOutput);
    }
    return result;
  }

  String resolve(String name) {
    return aliases.getOrDefault(name, name);
  }

  List<String> resolve(List<String> names) {
    return names.stream().map(this::resolve).toList();
  }

  /**
   * The model read so far when a block use stopped: nothing to check when the use reported a problem;
   * otherwise a problem before it left its input unknown, which checking the layers before it reports.
   */
  ReadModel stoppedModel(TypeElement type, int errorsBefore, boolean strict, List<ReadModel.Location> inputNodes) {
    if (reporter.errorCount() > errorsBefore || layers.isEmpty()) {
      return null;
    }
    ModelSpec spec = new ModelSpec(modelName, inputs, layers, List.of());
    if (!ShapeChecker.check(spec).hasErrors()) {
      // never a model cut short without an error: the processor reports this as kiln.internal
      throw new IllegalStateException("the channels of a block's input are unknown although the layers before it check");
    }
    List<ReadModel.Location> nodes = new ArrayList<>(inputNodes);
    nodes.addAll(locations);
    return new ReadModel(type, spec, nodes, strict);
  }

  @Override
  public boolean add(ModelSpec.LayerSpec layer, ReadModel.Location location) {
    String name = layer.name();
    String owner = taken.get(name);
    boolean input = inputs.stream().anyMatch(i -> i.name().equals(name));
    if (owner != null || input || fieldNames.contains(name)) {
      String what = input ? "the @Input `" + name + "`" : owner == null || owner.equals(name)
          ? "a field of model " + modelName : "a layer of `" + owner + "`";
      reporter.error(ProblemCode.BLOCK_NAME_COLLISION, location.field(), location.annotation().mirror(), null,
          "`" + location.path() + "`", name, what, location.field().getSimpleName());
      return false;
    }
    taken.put(name, location.field().getSimpleName().toString());
    layers.add(layer);
    locations.add(location);
    return true;
  }

  @Override
  public String last() {
    return layers.isEmpty() ? inputs.get(inputs.size() - 1).name() : layers.get(layers.size() - 1).name();
  }

  /**
   * The last axis of the node's output. The layers added since the last look are checked on their own,
   * each node they read from before them standing in as an input of its known shape, so that a long
   * stage of blocks is checked once in total, not once per block; the whole model so far is checked
   * when that is not possible (the first time, or a node with no known shape).
   */
  @Override
  public Integer channels(String name) {
    if (!shapes.containsKey(name)) {
      if (checkedLayers == 0 || !checkNewLayers()) {
        record(ShapeChecker.check(new ModelSpec(modelName, inputs, layers, List.of())));
        checkedLayers = layers.size();
      }
    }
    int[] dims = shapes.get(name);
    return dims == null || dims.length == 0 ? null : dims[dims.length - 1];
  }

  /** Checks the layers since the last look; false when a node they read has no known shape. */
  private boolean checkNewLayers() {
    List<ModelSpec.InputSpec> known = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    List<ModelSpec.LayerSpec> fresh = new ArrayList<>();
    for (int i = checkedLayers; i < layers.size(); i++) {
      ModelSpec.LayerSpec layer = layers.get(i);
      List<String> from = layer.from().isEmpty() ? List.of(i == 0 ? inputs.get(inputs.size() - 1).name()
          : layers.get(i - 1).name()) : layer.from();
      List<String> read = new ArrayList<>(from);
      if (!layer.sameShapeAs().isEmpty()) {
        read.add(layer.sameShapeAs());
      }
      for (String node : read) {
        if (!seen.contains(node)) {
          if (!shapes.containsKey(node)) {
            return false;
          }
          known.add(new ModelSpec.InputSpec(node, shapes.get(node)));
          seen.add(node);
        }
      }
      fresh.add(new ModelSpec.LayerSpec(layer.name(), layer.rule(), from, layer.sameShapeAs(), null, layer.trainable()));
      seen.add(layer.name());
    }
    if (fresh.isEmpty()) {
      return false;
    }
    record(ShapeChecker.check(new ModelSpec(modelName, known, fresh, List.of())));
    checkedLayers = layers.size();
    return true;
  }

  private void record(CheckedModel checked) {
    if (checked.hasErrors()) {
      return; // shapes after an error are not the model's
    }
    for (LayerInfo layer : checked.layers()) {
      if (layer.output() != null) {
        shapes.put(layer.name(), layer.output().dims());
      }
    }
  }

  @Override
  public boolean modelTrainable() {
    return modelTrainable;
  }

  @Override
  public boolean alias(String name, String node) {
    if (!name.equals(using.getSimpleName().toString()) && (fieldNames.contains(name) || taken.containsKey(name))) {
      reporter.error(ProblemCode.BLOCK_NAME_COLLISION, using, usingMirror, null, "`" + using.getSimpleName() + "`",
          name, "a field of model " + modelName + " (the name of one of the blocks it repeats)", using.getSimpleName());
      return false;
    }
    aliases.put(name, node);
    return true;
  }
}
