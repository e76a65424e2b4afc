package dev.kiln.weights;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.kiln.shape.CheckedModel;
import java.util.Map;

/**
 * Fuzzes the safetensors reader and both matchers: any input must give weights or a
 * {@link WeightFileException}; anything else (another exception, an OutOfMemoryError, a hang) is a
 * finding. {@code mvn verify} replays the inputs in {@code SafetensorsFuzzTestInputs/}; to fuzz
 * (see reference/weights/FUZZING.md):
 * {@code JAZZER_FUZZ=1 mvn -pl dsl test -Dtest=SafetensorsFuzzTest}.
 */
class SafetensorsFuzzTest {
  private static final CheckedModel MODEL = WeightCases.model("mlp");

  @FuzzTest(maxDuration = "10m")
  void fuzzSafetensors(byte[] data) {
    Map<String, FileTensor> tensors;
    try {
      tensors = Safetensors.read(ByteSource.of(data), "fuzz.safetensors");
    } catch (WeightFileException expected) {
      return;
    }
    try {
      KerasMatch.byName(MODEL, tensors, "fuzz.safetensors");
    } catch (WeightFileException expected) {
      // a valid file that does not fit the model
    }
    try {
      TorchMatch.match(MODEL, tensors, null, "fuzz.safetensors");
    } catch (WeightFileException expected) {
      // likewise
    }
  }
}
