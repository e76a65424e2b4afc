package dev.kiln.importer.onnx;

/**
 * Where one Kiln weight comes from: initializer {@code initializer} of the ONNX file, converted by
 * {@code layout} from its ONNX layout to Keras's (the layout {@code dev.kiln.runtime.Weights} holds).
 *
 * @param field the Kiln field (layer) the weight belongs to
 * @param weight the Keras weight name: {@code kernel}, {@code bias}, {@code gamma}, …
 * @param onnxDims the initializer's dims the translation saw
 */
record Binding(String field, String weight, String initializer, long[] onnxDims, Layout layout) {

  /** Converts row-major ONNX values to row-major Keras values. */
  @FunctionalInterface
  interface Layout {
    float[] apply(float[] onnx);
  }

  static final Layout SAME = values -> values;
}
