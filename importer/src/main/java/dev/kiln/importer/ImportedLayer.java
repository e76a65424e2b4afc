package dev.kiln.importer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One field of an imported model: a Kiln layer annotation with its attributes, as it will be
 * written into the {@code @Model} source. Importers (ONNX, Keras) translate their format into a list
 * of these; {@link ModelSourceWriter} is the only place that turns them into Java.
 *
 * @param field the Java field name (a valid identifier, unique in the model; see {@link Identifiers})
 * @param annotation the annotation's simple name in {@code dev.kiln.dsl}: {@code "Conv2D"},
 *     {@code "Input"}, {@code "Add"}, …
 * @param attributes the annotation's attributes in writing order. Values are {@link Integer},
 *     {@link Long}, {@link Double}, {@link Float}, {@link Boolean}, {@link String}, {@code int[]},
 *     {@code double[]}, {@code String[]}, or an enum constant of {@code dev.kiln.dsl}
 *     ({@code Padding.SAME}). {@code from} is not an attribute here: it is {@code from} below.
 * @param from the fields this layer reads; empty reads the field declared just before it
 * @param output whether the field is a model output ({@code @Output})
 * @param origin where the layer came from, written as a comment above the field: the source
 *     format's class and name, e.g. {@code "Keras Conv2D conv1_conv"} or {@code "ONNX Conv /conv1/Conv"}
 */
public record ImportedLayer(
    String field, String annotation, Map<String, Object> attributes, List<String> from, boolean output, String origin) {

  public ImportedLayer {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(annotation, "annotation");
    attributes = new LinkedHashMap<>(attributes);
    from = List.copyOf(from);
    origin = origin == null ? "" : origin;
  }

  /** The same layer marked as a model output. */
  public ImportedLayer asOutput() {
    return new ImportedLayer(field, annotation, attributes, from, true, origin);
  }
}
