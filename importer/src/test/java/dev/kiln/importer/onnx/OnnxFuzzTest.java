package dev.kiln.importer.onnx;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.kiln.importer.ImportException;
import dev.kiln.importer.onnx.proto.Onnx.ModelProto;
import java.nio.ByteBuffer;

/**
 * Fuzzes the ONNX reader, the translation and the weight decoding: any input must give a model (and
 * weights, or a refusal naming the tensor) or an {@link ImportException}; anything else (another
 * exception, an OutOfMemoryError, a hang) is a finding. {@code mvn verify} replays the inputs in
 * {@code OnnxFuzzTestInputs/}; to fuzz (reference/onnx/README.md):
 * {@code JAZZER_FUZZ=1 mvn -pl importer test -Dtest=OnnxFuzzTest}.
 */
class OnnxFuzzTest {
  @FuzzTest(maxDuration = "10m")
  void fuzzOnnx(byte[] data) {
    Translation.Result result;
    try {
      ModelProto model = OnnxFile.parse(ByteBuffer.wrap(data), "fuzz.onnx");
      result = Translation.run(model, "fuzz.onnx", "", "Fuzz");
    } catch (ImportException expected) {
      return;
    }
    for (Binding binding : result.bindings()) {
      try {
        float[] values = result.initializers().get(binding.initializer()).floats();
        binding.layout().apply(values);
      } catch (Refused expected) {
        // a tensor whose data does not fit its dims, or of another type: refused by name
      }
    }
  }
}
