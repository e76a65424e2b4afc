package dev.kiln.weights;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.kiln.shape.CheckedModel;
import java.util.Arrays;

/**
 * Fuzzes the HDF5 path (jhdf and the Keras 2 and Keras 3 layouts). A fuzz input either patches one
 * of three valid Keras files (bytes and 8-byte little-endian values at chosen offsets, then maybe a
 * truncation), which reaches deep into the HDF5 structures with inputs far smaller than the files,
 * or is a raw file of its own behind the HDF5 signature. Any input must give weights or a
 * {@link WeightFileException}. {@code mvn verify} replays {@code Hdf5FuzzTestInputs/}; to fuzz:
 * {@code JAZZER_FUZZ=1 mvn -pl dsl test -Dtest=Hdf5FuzzTest}.
 */
class Hdf5FuzzTest {
  private static final CheckedModel MODEL = WeightCases.model("mlp");
  private static final byte[][] BASES = {WeightCases.bytes("mlp.weights.h5"), WeightCases.bytes("mlp.keras2.h5"),
      WeightCases.bytes("mlp.keras2_full.h5")};
  private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  @FuzzTest(maxDuration = "10m")
  void fuzzHdf5(FuzzedDataProvider data) {
    try {
      WeightFiles.readKeras(file(data), MODEL, "fuzz.h5");
    } catch (WeightFileException expected) {
      // refused with a message: the only acceptable failure
    }
  }

  static byte[] file(FuzzedDataProvider data) {
    int base = data.consumeInt(0, BASES.length);
    if (base == BASES.length) {
      byte[] raw = data.consumeRemainingAsBytes();
      byte[] file = Arrays.copyOf(SIGNATURE, SIGNATURE.length + raw.length);
      System.arraycopy(raw, 0, file, SIGNATURE.length, raw.length);
      return file;
    }
    byte[] file = BASES[base].clone();
    int patches = data.consumeInt(0, 24);
    for (int i = 0; i < patches && data.remainingBytes() > 0; i++) {
      int at = data.consumeInt(0, file.length - 1);
      if (data.consumeBoolean()) {
        file[at] = data.consumeByte();
      } else {
        long value = data.consumeLong();
        for (int b = 0; b < 8 && at + b < file.length; b++) {
          file[at + b] = (byte) (value >>> (8 * b));
        }
      }
    }
    if (data.remainingBytes() > 0 && data.consumeBoolean()) {
      file = Arrays.copyOf(file, data.consumeInt(0, file.length));
    }
    return file;
  }
}
