package dev.kiln.importer.onnx;

/**
 * Why one node (or tensor) of an ONNX graph cannot be translated exactly. The translation collects
 * these, with the node's name, op type and opset, into one {@code ImportException}.
 */
final class Refused extends Exception {
  private static final long serialVersionUID = 1L;

  Refused(String reason) {
    super(reason, null, false, false);
  }
}
