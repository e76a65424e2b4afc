package dev.kiln.weights;

import dev.kiln.runtime.Weights;
import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.LayerInfo;
import dev.kiln.shape.LayerKind;
import dev.kiln.shape.WeightSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Matches tensors in Keras layout (docs/SEMANTICS.md §6.1) to a model's layers, by name or by position. */
final class KerasMatch {
  private KerasMatch() {}

  /**
   * Tensors named {@code <layer>/<weight>} (a {@code :0} suffix, as tf.keras prints variable names,
   * is accepted; so is tf-keras's and tfjs's {@code depthwise_kernel} for a DepthwiseConv2D kernel).
   */
  static Weights byName(CheckedModel model, Map<String, FileTensor> tensors, String file)
      throws WeightFileException {
    Assembly assembly = new Assembly(file);
    Map<String, FileTensor> left = new LinkedHashMap<>(tensors);
    for (LayerInfo layer : model.layers()) {
      for (WeightSpec spec : layer.weights()) {
        String name = layer.name() + "/" + spec.name();
        FileTensor found = null;
        for (String candidate : candidates(layer, spec)) {
          found = left.remove(candidate);
          if (found != null) {
            break;
          }
        }
        assembly.expect(layer, spec, name, found);
      }
    }
    Map<String, LayerInfo> byName = model.layers().stream().collect(Collectors.toMap(LayerInfo::name, l -> l));
    for (FileTensor tensor : left.values()) {
      int slash = tensor.path().lastIndexOf('/');
      LayerInfo layer = slash < 0 ? null : byName.get(tensor.path().substring(0, slash));
      assembly.unexpected(tensor, layer != null ? describe(layer) + " has no such weight (" + weightList(layer) + ")"
          : slash < 0 ? "Keras-layout names are `<layer>/<weight>`, e.g. `conv1/kernel`"
          : "model `" + model.spec().name() + "` has no layer `" + tensor.path().substring(0, slash) + "`");
    }
    return assembly.finish();
  }

  private static List<String> candidates(LayerInfo layer, WeightSpec spec) {
    List<String> names = new ArrayList<>();
    List<String> weightNames = new ArrayList<>(List.of(spec.name()));
    if (layer.rule().kind() == LayerKind.DEPTHWISE_CONV_2D && spec.name().equals("kernel")) {
      weightNames.add("depthwise_kernel");
    }
    for (String weight : weightNames) {
      names.add(layer.name() + "/" + weight);
      names.add(layer.name() + "/" + weight + ":0");
    }
    return names;
  }

  /**
   * Groups of tensors in save order (Keras loads HDF5 weights by position within a layer): the
   * model's layer {@code l} reads group {@code keyOf(l)}; groups no layer reads must hold no tensor.
   */
  static Weights byPosition(CheckedModel model, Map<String, List<FileTensor>> groups,
      Function<LayerInfo, String> keyOf, String groupWord, String file) throws WeightFileException {
    Assembly assembly = new Assembly(file);
    Map<String, List<FileTensor>> left = new LinkedHashMap<>(groups);
    for (LayerInfo layer : model.layers()) {
      if (layer.weights().isEmpty()) {
        continue;
      }
      String key = keyOf.apply(layer);
      List<FileTensor> tensors = left.remove(key);
      if (tensors == null) {
        assembly.problem(describe(layer) + ": the file has no " + groupWord + " `" + key + "`; expected "
            + weightList(layer));
        continue;
      }
      List<WeightSpec> specs = layer.weights();
      for (int i = 0; i < Math.max(specs.size(), tensors.size()); i++) {
        if (i >= specs.size()) {
          assembly.unexpected(tensors.get(i), describe(layer) + " has " + specs.size() + " weights ("
              + weightList(layer) + "), the file's " + groupWord + " `" + key + "` has " + tensors.size());
        } else {
          String expectedName = groupWord + " `" + key + "` weight " + i;
          assembly.expect(layer, specs.get(i), expectedName, i < tensors.size() ? tensors.get(i) : null);
        }
      }
    }
    for (Map.Entry<String, List<FileTensor>> group : left.entrySet()) {
      for (FileTensor tensor : group.getValue()) {
        assembly.unexpected(tensor, "no layer of model `" + model.spec().name() + "` reads the file's " + groupWord
            + " `" + group.getKey() + "`");
      }
    }
    return assembly.finish();
  }

  static String describe(LayerInfo layer) {
    return Assembly.describe(layer);
  }

  /** {@code kernel (3, 3, 1, 32), bias (32,)}, or {@code no weights}. */
  static String weightList(LayerInfo layer) {
    if (layer.weights().isEmpty()) {
      return "it has no weights";
    }
    return layer.weights().stream().map(w -> w.name() + " " + FileTensor.text(w.dims()))
        .collect(Collectors.joining(", "));
  }
}
