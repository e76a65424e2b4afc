package dev.kiln.importer.onnx;

import com.google.protobuf.CodedInputStream;
import dev.kiln.importer.ImportException;
import dev.kiln.importer.onnx.proto.Onnx.ModelProto;
import dev.kiln.importer.onnx.proto.Onnx.OperatorSetIdProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads an ONNX file into its protobuf message, bounded for hostile input: the file is mapped, not
 * copied, and protobuf reads it with aliasing on, so the weights' {@code raw_data} stay views of the
 * mapping; every length in the file is checked against the bytes that remain (a length past the end
 * is a "truncated" error, never an allocation); nesting is limited to {@link #RECURSION_LIMIT}.
 */
final class OnnxFile {
  /**
   * Messages nest at most 6 deep in the schema Kiln reads (model, graph, value info, type, shape,
   * dimension); unknown groups in a hostile file are the only deeper nesting protobuf parses.
   */
  static final int RECURSION_LIMIT = 16;

  /** protobuf's own limit: a message over 2 GiB cannot be written by the reference tools either. */
  static final long MAX_BYTES = Integer.MAX_VALUE;

  private OnnxFile() {}

  static ModelProto read(Path file) throws IOException, ImportException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size > MAX_BYTES) {
        throw new ImportException(file.getFileName() + " is " + size + " bytes; an ONNX file holds at most 2 GiB "
            + "(larger models keep their weights in external data, which Kiln does not read)");
      }
      MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
      return parse(mapped, file.getFileName().toString());
    }
  }

  /** Parses {@code bytes} (the whole file); {@code name} is for messages. */
  static ModelProto parse(ByteBuffer bytes, String name) throws ImportException {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    in.enableAliasing(true);
    in.setRecursionLimit(RECURSION_LIMIT);
    in.setSizeLimit(bytes.remaining());
    ModelProto model;
    try {
      model = ModelProto.parseFrom(in);
      in.checkLastTagWas(0);
    } catch (IOException e) { // InvalidProtocolBufferException, or a read past the end
      throw new ImportException(name + " is not a readable ONNX file (protobuf: " + e.getMessage() + ")");
    }
    if (!model.hasGraph()) {
      throw new ImportException(name + " is not an ONNX model: it has no graph (field 7 of ModelProto)");
    }
    return model;
  }

  /** The version of the default operator set ({@code ""} or {@code "ai.onnx"}), or an error. */
  static int opset(ModelProto model, String name) throws ImportException {
    for (OperatorSetIdProto set : model.getOpsetImportList()) {
      if (set.getDomain().isEmpty() || set.getDomain().equals("ai.onnx")) {
        long version = set.getVersion();
        if (version < 1 || version > 1000) {
          throw new ImportException(name + " imports the ONNX operator set at version " + version);
        }
        return (int) version;
      }
    }
    throw new ImportException(name + " imports no version of the default ONNX operator set (ai.onnx)");
  }
}
