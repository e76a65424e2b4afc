package dev.kiln.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.Weights;
import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.LayerInfo;
import dev.kiln.shape.WeightSpec;
import dev.kiln.weights.WeightFileException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated fromKeras factory reads a Keras-named safetensors file and refuses one that does not fit. */
class WeightFactoriesTest {

  /** A minimal safetensors writer: F32 tensors named {@code layer/weight}, shapes from the model. */
  private static void write(Path file, CheckedModel model, Weights weights, String skip, int[] wrongShape)
      throws IOException {
    StringJoiner header = new StringJoiner(",", "{", "}");
    List<float[]> data = new ArrayList<>();
    long offset = 0;
    for (LayerInfo layer : model.layers()) {
      for (WeightSpec spec : layer.weights()) {
        String name = layer.name() + "/" + spec.name();
        if (name.equals(skip)) {
          continue;
        }
        float[] values = weights.get(layer.name(), spec.name());
        int[] dims = name.equals("conv1/kernel") && wrongShape != null ? wrongShape : spec.dims();
        StringJoiner shape = new StringJoiner(",", "[", "]");
        for (int d : dims) {
          shape.add(Integer.toString(d));
        }
        header.add("\"" + name + "\":{\"dtype\":\"F32\",\"shape\":" + shape + ",\"data_offsets\":[" + offset + ","
            + (offset + 4L * values.length) + "]}");
        offset += 4L * values.length;
        data.add(values);
      }
    }
    byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
    ByteBuffer buffer = ByteBuffer.allocate(8 + json.length + (int) offset).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putLong(json.length).put(json);
    for (float[] values : data) {
      for (float v : values) {
        buffer.putFloat(v);
      }
    }
    Files.write(file, buffer.array());
  }

  @Test
  void fromKerasGivesTheSameModelAsTheWeightsItWasWrittenFrom(@TempDir Path dir) throws Exception {
    CheckedModel model = KilnDenoiser.model();
    Weights weights = Weights.random(model, 5);
    Path file = dir.resolve("denoiser.safetensors");
    write(file, model, weights, null, null);
    KilnDenoiser.Input image = KilnDenoiser.Input.of(new float[KilnDenoiser.Input.SIZE]);
    image.set(14, 14, 0, 1f);
    assertArrayEquals(KilnDenoiser.withWeights(weights).forward(image).toArray(),
        KilnDenoiser.fromKeras(file).forward(image).toArray());
  }

  @Test
  void aMissingAndAMisshapenTensorAreBothNamed(@TempDir Path dir) throws IOException {
    CheckedModel model = KilnDenoiser.model();
    Path file = dir.resolve("broken.safetensors");
    write(file, model, Weights.random(model, 5), "conv5/bias", new int[] {3, 3, 32, 1});
    WeightFileException e = assertThrows(WeightFileException.class, () -> KilnDenoiser.fromKeras(file));
    assertTrue(e.getMessage().contains("conv5") && e.getMessage().contains("bias"), e.getMessage());
    assertTrue(e.getMessage().contains("conv1") && e.getMessage().contains("kernel"), e.getMessage());
  }
}
