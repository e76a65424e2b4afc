package dev.kiln.importer.onnx;

import dev.kiln.importer.ImportException;
import dev.kiln.importer.onnx.proto.Onnx.ModelProto;
import dev.kiln.runtime.Weights;
import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.LayerInfo;
import dev.kiln.shape.WeightSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The weights of an imported model, read straight from its ONNX file:
 * {@code KilnResnet18.withWeights(OnnxWeights.read(Path.of("resnet18.onnx"), KilnResnet18.model()))}.
 * The graph is translated again, by the same code that wrote the model's source, so each Kiln layer
 * knows which initializers it takes and how to convert their layout; every weight is checked against
 * the compiled model's weight shapes, so a file that does not belong to the model is refused, not
 * loaded into the wrong layers.
 */
public final class OnnxWeights {
  private OnnxWeights() {}

  /** The weights of {@code model} (a checked model, e.g. {@code Kiln<Model>.model()}) from {@code file}. */
  public static Weights read(Path file, CheckedModel model) throws ImportException, IOException {
    return of(OnnxFile.read(file), file.getFileName().toString(), model);
  }

  static Weights of(ModelProto onnx, String name, CheckedModel model) throws ImportException {
    if (model.hasErrors()) {
      throw new IllegalArgumentException(dev.kiln.shape.Problems.describe(model.spec().name(), model.problems()));
    }
    Translation.Result result = Translation.run(onnx, name, "", model.spec().name());
    Map<String, LayerInfo> layers = new HashMap<>();
    for (LayerInfo layer : model.layers()) {
      layers.put(layer.name(), layer);
    }
    List<String> problems = new ArrayList<>();
    Weights weights = new Weights();
    for (Binding b : result.bindings()) {
      LayerInfo layer = layers.get(b.field());
      WeightSpec spec = layer == null ? null : layer.weights().stream().filter(w -> w.name().equals(b.weight()))
          .findFirst().orElse(null);
      if (spec == null) {
        problems.add("model `" + model.spec().name() + "` has no weight `" + b.weight() + "` in a layer `" + b.field()
            + "`, which " + name + " gives from `" + b.initializer() + "` (a model imported from another file?)");
        continue;
      }
      Const c = result.initializers().get(b.initializer());
      if (c.size() != spec.elements()) {
        problems.add("`" + b.field() + "` " + b.weight() + " " + spec.dimsText() + " has " + spec.elements()
            + " values, but initializer `" + b.initializer() + "` " + Arrays.toString(c.dims) + " has " + c.size());
        continue;
      }
      try {
        weights.put(b.field(), b.weight(), b.layout().apply(c.floats()));
      } catch (Refused e) {
        problems.add("`" + b.field() + "` " + b.weight() + ": " + e.getMessage());
      }
    }
    for (LayerInfo layer : model.layers()) {
      for (WeightSpec spec : layer.weights()) {
        if (weights.get(layer.name(), spec.name()) == null && problems.isEmpty()) {
          problems.add("`" + layer.name() + "` " + spec.name() + " " + spec.dimsText() + " has no initializer in "
              + name);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ImportException("cannot read the weights of `" + model.spec().name() + "` from " + name, problems);
    }
    return weights;
  }
}
