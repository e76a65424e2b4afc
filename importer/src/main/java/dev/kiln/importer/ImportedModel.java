package dev.kiln.importer;

import java.util.List;

/**
 * A whole imported model, ready to be written as Java source.
 *
 * @param packageName the package of the written class ({@code ""} for the default package)
 * @param className the simple name of the {@code @Model} class (Kiln generates {@code Kiln<className>})
 * @param source what was imported, for the class comment: e.g. {@code "resnet18.onnx (opset 17)"}
 * @param layers every field in declaration order, inputs first; each layer reads only earlier fields
 * @param dropped settings of the source model that do not affect inference and were left out
 *     (optimizer state, regularizers, dropout seeds, …), one human-readable line each; written as a
 *     comment so a reader sees what the Java class does not say
 */
public record ImportedModel(
    String packageName, String className, String source, List<ImportedLayer> layers, List<String> dropped) {

  public ImportedModel {
    layers = List.copyOf(layers);
    dropped = List.copyOf(dropped);
  }
}
