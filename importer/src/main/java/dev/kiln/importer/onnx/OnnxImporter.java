package dev.kiln.importer.onnx;

import dev.kiln.importer.ImportException;
import dev.kiln.importer.ImportedModel;
import dev.kiln.importer.Importer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** {@code kiln-import model.onnx}: an ONNX graph (as torch.onnx.export writes it) as a Kiln {@code @Model}. */
public final class OnnxImporter implements Importer {
  @Override
  public String format() {
    return "ONNX (.onnx)";
  }

  @Override
  public boolean accepts(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx");
  }

  @Override
  public ImportedModel read(Path file, String packageName, String className) throws ImportException, IOException {
    return Translation.run(OnnxFile.read(file), file.getFileName().toString(), packageName, className).model();
  }
}
