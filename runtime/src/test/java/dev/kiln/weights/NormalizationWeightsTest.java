package dev.kiln.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.runtime.Network;
import dev.kiln.runtime.Weights;
import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.ModelSpec;
import dev.kiln.shape.NormalizationRule;
import dev.kiln.shape.ShapeChecker;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An adapted Keras {@code Normalization}: {@code mean}, {@code variance} and the int64 {@code count}
 * load by name, and the layer computes {@code (x - mean) / max(sqrt(variance), 1e-7)} with them.
 */
class NormalizationWeightsTest {
  @TempDir
  Path dir;

  private static CheckedModel model() {
    CheckedModel model = ShapeChecker.check(new ModelSpec("norm", "image", new int[] {1, 1, 3},
        List.of(new ModelSpec.LayerSpec("normalization", new NormalizationRule(new double[0], new double[0], false),
            null))));
    assertEquals(List.of(), model.problems());
    return model;
  }

  private static byte[] int64(long value) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
  }

  @Test
  void loadsMeanVarianceAndTheInt64Count() throws IOException, WeightFileException {
    byte[] file = new SafetensorsBuilder()
        .f32("normalization/mean", new long[] {3}, 1f, -2f, 0.5f)
        .f32("normalization/variance", new long[] {3}, 4f, 0.25f, 0f)
        .raw("normalization/count", "I64", new long[0], int64(600)).build();
    Weights weights = WeightFiles.readKeras(Files.write(dir.resolve("n.safetensors"), file), model());
    assertArrayEquals(new float[] {600f}, weights.get("normalization", "count"));
    float[] out = Network.create(model(), weights).predict(new float[] {3f, -1f, 0.5f}, 1);
    // (3 - 1) / 2, (-1 + 2) / 0.5, and a zero variance divides by Keras's epsilon 1e-7: 0 / 1e-7
    assertArrayEquals(new float[] {1f, 2f, 0f}, out);
  }

  @Test
  void aFloatingPointKernelMayNotBeAnInteger() throws IOException {
    byte[] file = new SafetensorsBuilder()
        .raw("normalization/mean", "I64", new long[] {3}, new byte[24])
        .f32("normalization/variance", new long[] {3}, 1f, 1f, 1f)
        .raw("normalization/count", "I64", new long[0], int64(1)).build();
    WeightFileException e = assertThrows(WeightFileException.class,
        () -> WeightFiles.readKeras(Files.write(dir.resolve("bad.safetensors"), file), model()));
    assertEquals(List.of("layer `normalization` (Normalization) tensor `mean`: `normalization/mean` has dtype I64, "
        + "expected a floating-point type (float32, float16 or bfloat16)"), e.problems());
  }

  @Test
  void pyTorchHasNoCounterpart() throws IOException {
    byte[] file = new SafetensorsBuilder().f32("0.mean", 3).build();
    WeightFileException e = assertThrows(WeightFileException.class,
        () -> WeightFiles.readPyTorch(Files.write(dir.resolve("t.safetensors"), file), model()));
    assertEquals("layer `normalization` (Normalization): PyTorch has no Normalization layer whose weights could fill "
        + "it; give `mean` and `variance` in the annotation (torchvision's Normalize(mean, std) is variance = std * "
        + "std)", e.problems().get(0));
  }
}
