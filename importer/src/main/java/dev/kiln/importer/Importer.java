package dev.kiln.importer;

import java.io.IOException;
import java.nio.file.Path;

/** One model format that {@code kiln-import} reads (ONNX, Keras 3 {@code .keras}, …). */
public interface Importer {
  /** What this importer reads, for the command's usage text: e.g. {@code "ONNX (.onnx)"}. */
  String format();

  /** Whether {@code file} is in this importer's format (by name; the reader checks the contents). */
  boolean accepts(Path file);

  /**
   * Reads {@code file} into a model description.
   *
   * @throws ImportException listing every layer or op that Kiln cannot express, and why
   * @throws IOException if the file cannot be read
   */
  ImportedModel read(Path file, String packageName, String className) throws ImportException, IOException;
}
