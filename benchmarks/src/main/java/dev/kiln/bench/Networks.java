package dev.kiln.bench;

import dev.kiln.dsl.Activations;
import dev.kiln.dsl.Interpolation;
import dev.kiln.dsl.Padding;
import dev.kiln.runtime.Weights;
import dev.kiln.shape.ActivationFunction;
import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.Conv2DRule;
import dev.kiln.shape.DenseRule;
import dev.kiln.shape.FlattenRule;
import dev.kiln.shape.LayerInfo;
import dev.kiln.shape.LayerRule;
import dev.kiln.shape.ModelSpec;
import dev.kiln.shape.Pooling2DRule;
import dev.kiln.shape.ShapeChecker;
import dev.kiln.shape.UpSampling2DRule;
import dev.kiln.shape.WeightSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark networks as Kiln models, the same as scripts/export_onnx.py writes: the three
 * synthetic networks of issue 3, and the Keras Applications networks of {@link Applications}.
 */
final class Networks {
  private Networks() {}

  /** Every network, the synthetic ones first. */
  static final List<String> ALL = List.of("denoiser", "strided", "vggblock", "mobilenetv2", "resnet50", "inceptionv3");

  private static final java.util.Map<String, CheckedModel> MODELS = new java.util.concurrent.ConcurrentHashMap<>();

  /** The checked model of {@code name}, built once. */
  static CheckedModel model(String name) {
    return MODELS.computeIfAbsent(name, n -> Applications.NAMES.contains(n) ? Applications.model(n) : synthetic(n));
  }

  /**
   * The weights export_onnx.py wrote for {@code name} into {@code dir}: {@code <name>.weights.bin} in
   * Kiln's order for the synthetic networks, {@code <name>.keras.safetensors} matched by name for the
   * applications.
   */
  static Weights weights(String name, Path dir) throws IOException {
    CheckedModel model = model(name);
    if (!Applications.NAMES.contains(name)) {
      return weights(model, dir.resolve(name + ".weights.bin"));
    }
    try {
      return dev.kiln.weights.WeightFiles.readKeras(dir.resolve(name + ".keras.safetensors"), model);
    } catch (dev.kiln.weights.WeightFileException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private static CheckedModel synthetic(String name) {
    List<LayerRule> layers = new ArrayList<>();
    int[] input;
    switch (name) {
      case "denoiser" -> {
        input = new int[] {28, 28, 1};
        layers.add(conv(32, 3, 1, Padding.SAME, true));
        layers.add(pool());
        layers.add(conv(16, 3, 1, Padding.SAME, true));
        layers.add(pool());
        layers.add(conv(8, 3, 1, Padding.SAME, true));
        layers.add(conv(8, 3, 1, Padding.SAME, true));
        layers.add(new UpSampling2DRule(new int[] {2}, Interpolation.NEAREST));
        layers.add(conv(16, 3, 1, Padding.SAME, true));
        layers.add(new UpSampling2DRule(new int[] {2}, Interpolation.NEAREST));
        layers.add(conv(1, 3, 1, Padding.SAME, false));
      }
      case "strided" -> {
        input = new int[] {128, 128, 3};
        for (int i = 0; i < 3; i++) {
          layers.add(conv(24, 8, 2, Padding.VALID, true));
        }
        layers.add(new FlattenRule());
        layers.add(new DenseRule(1, ActivationFunction.LINEAR, true));
      }
      case "vggblock" -> {
        input = new int[] {224, 224, 3};
        layers.add(conv(64, 3, 1, Padding.SAME, true));
        layers.add(conv(64, 3, 1, Padding.SAME, true));
        layers.add(pool());
        layers.add(conv(128, 3, 1, Padding.SAME, true));
        layers.add(conv(128, 3, 1, Padding.SAME, true));
        layers.add(pool());
      }
      default -> throw new IllegalArgumentException("unknown network " + name);
    }
    List<ModelSpec.LayerSpec> specs = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      specs.add(new ModelSpec.LayerSpec("layer" + (i + 1), layers.get(i), null));
    }
    CheckedModel model = ShapeChecker.check(new ModelSpec(name, "input", input, specs));
    if (model.hasErrors()) {
      throw new IllegalStateException(model.problems().toString());
    }
    return model;
  }

  private static LayerRule conv(int filters, int kernel, int stride, Padding padding, boolean relu) {
    return Conv2DRule.of(filters, new int[] {kernel}, new int[] {stride}, padding, new int[] {1},
        relu ? ActivationFunction.of(Activations.RELU) : ActivationFunction.LINEAR, true);
  }

  private static LayerRule pool() {
    return Pooling2DRule.max(new int[] {2}, new int[0], Padding.VALID);
  }

  /** Reads {@code <name>.weights.bin}: every tensor in Keras order and layout, float32 little-endian. */
  static Weights weights(CheckedModel model, Path file) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    Weights weights = new Weights();
    for (LayerInfo layer : model.layers()) {
      for (WeightSpec spec : layer.weights()) {
        float[] values = new float[(int) spec.elements()];
        bytes.asFloatBuffer().get(values);
        bytes.position(bytes.position() + 4 * values.length);
        weights.put(layer.name(), spec.name(), values);
      }
    }
    if (bytes.hasRemaining()) {
      throw new IOException(file + " holds more floats than " + model.spec().name() + " has weights");
    }
    return weights;
  }
}
