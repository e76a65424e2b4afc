package dev.kiln.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.kiln.runtime.Network;
import dev.kiln.runtime.Weights;
import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.LayerInfo;
import dev.kiln.shape.WeightSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Keras-layout weight file written for the hand-built network ({@link Applications}: every tensor
 * named {@code <layer>/<weight>}, as Keras names them) loads by name into the network written with
 * blocks, whose generated class then computes exactly what the hand-built one computes.
 */
class BlockWeightsTest {

  @ParameterizedTest
  @ValueSource(strings = {"resnet50", "mobilenetv2"})
  void keraslayoutWeightsLoadByNameIntoTheBlockNetwork(String name, @TempDir Path dir) throws Exception {
    CheckedModel hand = Applications.model(name);
    Weights weights = randomEverywhere(hand, 20261201L);
    Path file = dir.resolve(name + ".keras.safetensors");
    writeSafetensors(hand, weights, file);

    float[] image = new float[224 * 224 * 3]; // (height, width, channels), row-major
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < image.length; i++) {
      image[i] = (float) random.nextDouble(-1, 1);
    }
    float[] expected = Network.create(hand, weights, 1).predict(image, 1);
    float[] actual = name.equals("resnet50") ? KilnResNet50Blocks.fromKeras(file).predict(image, 1)
        : KilnMobileNetV2Blocks.fromKeras(file).predict(image, 1);
    assertArrayEquals(expected, actual, 0f, name + ": the same weights and layers give the same probabilities");
  }

  /**
   * Every tensor random, not Keras's initial values: with beta, the moving mean and every bias zero, a
   * tensor loaded into the wrong layer could go unnoticed. Variances and gammas stay in [0.5, 1.5).
   */
  private static Weights randomEverywhere(CheckedModel model, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Weights weights = Weights.random(model, seed);
    for (LayerInfo layer : model.layers()) {
      for (WeightSpec spec : layer.weights()) {
        if (!spec.name().equals("kernel") && !spec.name().equals("depthwise_kernel")) {
          float[] values = weights.get(layer.name(), spec.name());
          boolean positive = spec.name().equals("moving_variance") || spec.name().equals("gamma");
          for (int i = 0; i < values.length; i++) {
            values[i] = (float) (positive ? random.nextDouble(0.5, 1.5) : random.nextDouble(-0.1, 0.1));
          }
        }
      }
    }
    return weights;
  }

  /** A safetensors file (https://github.com/huggingface/safetensors#format): header length, JSON header, float32 data. */
  private static void writeSafetensors(CheckedModel model, Weights weights, Path file) throws IOException {
    StringJoiner header = new StringJoiner(",", "{", "}");
    List<float[]> tensors = new ArrayList<>();
    long offset = 0;
    for (LayerInfo layer : model.layers()) {
      for (WeightSpec spec : layer.weights()) {
        float[] values = weights.get(layer.name(), spec.name());
        StringJoiner dims = new StringJoiner(",", "[", "]");
        for (int d : spec.dims()) {
          dims.add(Integer.toString(d));
        }
        header.add("\"" + layer.name() + "/" + spec.name() + "\":{\"dtype\":\"F32\",\"shape\":" + dims
            + ",\"data_offsets\":[" + offset + "," + (offset + 4L * values.length) + "]}");
        offset += 4L * values.length;
        tensors.add(values);
      }
    }
    byte[] text = header.toString().getBytes(StandardCharsets.UTF_8);
    ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(8 + text.length + offset)).order(ByteOrder.LITTLE_ENDIAN);
    bytes.putLong(text.length).put(text);
    for (float[] values : tensors) {
      for (float v : values) {
        bytes.putFloat(v);
      }
    }
    Files.write(file, bytes.array());
  }
}
