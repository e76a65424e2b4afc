package dev.kiln.weights;

import dev.kiln.runtime.Weights;
import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.LayerInfo;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The two HDF5 layouts Keras writes (docs/SEMANTICS.md §6.2 and §6.3): tf-keras's {@code .h5}, and Keras
 * 3's {@code .weights.h5} (also inside {@code .keras} archives).
 */
final class KerasH5 {
  private KerasH5() {}

  /** True if the file looks like Keras 2's layout: {@code layer_names} on the root or on {@code /model_weights}. */
  static boolean isKeras2(Hdf5 h5) throws WeightFileException {
    Group weights = h5.group(h5.root(), "model_weights");
    Group root = weights != null ? weights : h5.root();
    return root.getAttributes().containsKey("layer_names") || root.getAttributes().containsKey("layer_names0");
  }

  /**
   * tf-keras {@code hdf5_format.py}: the root (or {@code /model_weights} after a full-model save)
   * lists {@code layer_names}; each layer's group lists {@code weight_names}, each a dataset path in
   * that group (e.g. {@code conv1/kernel:0}), in save order. Layers are matched by name when the
   * model's names are in the file, else in order, as Keras's {@code load_weights} does.
   */
  static Weights keras2(Hdf5 h5, CheckedModel model, String file) throws WeightFileException {
    Group weights = h5.group(h5.root(), "model_weights");
    Group root = weights != null ? weights : h5.root();
    String where = weights != null ? "/model_weights" : "the root group";
    List<String> layerNames = h5.strings(root, "layer_names");
    if (layerNames == null) {
      throw new WeightFileException(file, "not a Keras weights file: " + where + " has no `layer_names` attribute");
    }
    Map<String, List<FileTensor>> groups = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (String name : layerNames) {
      Group group = h5.group(root, name);
      if (group == null) {
        problems.add("`layer_names` lists `" + name + "`, but " + where + " has no such group");
        continue;
      }
      List<String> weightNames = h5.strings(group, "weight_names");
      List<FileTensor> tensors = new ArrayList<>();
      for (String weightName : weightNames == null ? List.<String>of() : weightNames) {
        Node node = h5.resolve(group, weightName);
        if (node instanceof Dataset dataset) {
          tensors.add(h5.tensor(dataset));
        } else {
          problems.add("layer `" + name + "` lists weight `" + weightName + "`, but " + group.getPath()
              + " has no such dataset");
        }
      }
      if (groups.put(name, tensors) != null) {
        problems.add("`layer_names` lists `" + name + "` twice");
      }
    }
    if (!problems.isEmpty()) {
      throw new WeightFileException(file, problems);
    }
    Map<String, String> keys = new HashMap<>();
    List<String> fileWeighted = groups.entrySet().stream().filter(e -> !e.getValue().isEmpty())
        .map(Map.Entry::getKey).toList();
    List<LayerInfo> weighted = model.layers().stream().filter(l -> !l.weights().isEmpty()).toList();
    boolean byName = weighted.stream().anyMatch(l -> groups.containsKey(l.name()));
    for (int i = 0; i < weighted.size(); i++) {
      String name = weighted.get(i).name();
      keys.put(name, byName ? name : i < fileWeighted.size() ? fileWeighted.get(i)
          : "#" + (i + 1) + " (the file has " + fileWeighted.size() + " layers with weights)");
    }
    String groupWord = byName ? "layer" : "layer (matched in order, as no layer name matched)";
    return KerasMatch.byPosition(model, groups, l -> keys.get(l.name()), groupWord, file);
  }

  /**
   * Keras 3 {@code saving_lib}: {@code /layers/<snake_case class name>[_N]/vars/<i>}, layers numbered
   * per class in model order ({@code conv2d}, {@code conv2d_1}, ...), variables by index in save
   * order. Other groups (a layer's {@code seed_generator}, {@code /optimizer}, ...) hold no weights
   * and are ignored.
   */
  static Weights keras3(Hdf5 h5, CheckedModel model, String file) throws WeightFileException {
    Group layers = h5.group(h5.root(), "layers");
    if (layers == null) {
      throw new WeightFileException(file, "not a Keras weights file: no `layer_names` attribute (Keras 2) and no "
          + "`/layers` group (Keras 3)");
    }
    Map<String, List<FileTensor>> groups = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (String name : layers.getChildren().keySet()) {
      Node node = h5.child(layers, name);
      if (!(node instanceof Group layer)) {
        continue;
      }
      Group vars = h5.group(layer, "vars");
      if (vars == null) {
        continue;
      }
      TreeMap<Integer, FileTensor> byIndex = new TreeMap<>();
      for (String var : vars.getChildren().keySet()) {
        Node child = h5.child(vars, var);
        Integer index = var.matches("0|[1-9][0-9]{0,8}") ? Integer.valueOf(var) : null;
        if (index == null || !(child instanceof Dataset dataset)) {
          problems.add("`" + vars.getPath() + "` holds `" + var + "`; Keras 3 stores variables as datasets named 0, "
              + "1, ...");
        } else {
          byIndex.put(index, h5.tensor(dataset));
        }
      }
      if (!byIndex.isEmpty() && byIndex.lastKey() != byIndex.size() - 1) {
        problems.add("`" + vars.getPath() + "` numbers its variables " + byIndex.keySet() + "; expected 0 to "
            + (byIndex.size() - 1));
      }
      groups.put("layers/" + name, new ArrayList<>(byIndex.values()));
    }
    if (!problems.isEmpty()) {
      throw new WeightFileException(file, problems);
    }
    Map<String, String> keys = snakeNames(model);
    return KerasMatch.byPosition(model, groups, l -> "layers/" + keys.get(l.name()), "group", file);
  }

  /** Keras 3's per-class unique names ({@code _get_unique_name}): the model's layers in order, input excluded. */
  static Map<String, String> snakeNames(CheckedModel model) {
    Map<String, Integer> used = new HashMap<>();
    Map<String, String> names = new HashMap<>();
    for (LayerInfo layer : model.layers().subList(1, model.layers().size())) {
      String base = layer.rule().kind().snakeName();
      int n = used.merge(base, 1, Integer::sum) - 1;
      names.put(layer.name(), n == 0 ? base : base + "_" + n);
    }
    return names;
  }
}
