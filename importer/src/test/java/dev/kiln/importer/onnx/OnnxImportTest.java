package dev.kiln.importer.onnx;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.kiln.importer.ImportedModel;
import dev.kiln.runtime.Weights;
import dev.kiln.shape.CheckedModel;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * torch.onnx exports (reference/onnx/export.py) imported, compiled with the processor, and run:
 * torchvision's four models for their parameter counts, the small ones for PyTorch's outputs.
 */
class OnnxImportTest {
  /** 1e-4 relative (absolute below 1), the acceptance tolerance. */
  static final double TOLERANCE = 1e-4;

  static Stream<Arguments> torchvision() {
    return Stream.of(13, 17).flatMap(opset -> Stream.of(
        Arguments.of("resnet18", opset, 11_689_512L),
        Arguments.of("resnet50", opset, 25_557_032L),
        Arguments.of("mobilenet_v2", opset, 3_504_872L),
        Arguments.of("vgg11", opset, 132_863_336L)));
  }

  @ParameterizedTest(name = "{0} opset {1}")
  @MethodSource("torchvision")
  void torchvisionModelsCompileWithTorchvisionsParameterCounts(String name, int opset, long params) throws Exception {
    Path file = Fixtures.path(name + ".opset" + opset + ".graph.onnx");
    ImportedModel model = new OnnxImporter().read(file, "com.example", "Imported");
    CheckedModel checked = Compiled.of(model).model();
    assertThat(checked.trainableParams()).isEqualTo(params);
    assertThat(checked.outputShape().size()).isEqualTo(1000);
  }

  static Stream<Arguments> small() {
    return Stream.of(13, 17).flatMap(opset -> Stream.of(
        Arguments.of("unet", opset, new int[] {3, 32, 32}, new int[] {2, 32, 32}),
        Arguments.of("tiny_resnet", opset, new int[] {3, 64, 64}, null),
        Arguments.of("mobilenet_small", opset, new int[] {3, 64, 64}, null),
        Arguments.of("ops_mix", opset, new int[] {3, 15, 15}, null)));
  }

  @ParameterizedTest(name = "{0} opset {1}")
  @MethodSource("small")
  void smallModelsGivePyTorchsOutputs(String name, int opset, int[] in, int[] out) throws Exception {
    Path file = Fixtures.path(name + ".opset" + opset + ".onnx");
    ImportedModel model = new OnnxImporter().read(file, "com.example", "Imported");
    Compiled compiled = Compiled.of(model);
    Weights weights = OnnxWeights.read(file, compiled.model());
    float[] input = Fixtures.nhwc(Fixtures.floats(Fixtures.path(name + ".input.f32")), 1, in[0], in[1], in[2]);
    float[] expected = Fixtures.floats(Fixtures.path(name + ".opset" + opset + ".output.f32"));
    if (out != null) {
      expected = Fixtures.nhwc(expected, 1, out[0], out[1], out[2]);
    }
    float[] actual = compiled.predict(weights, input, 1);
    String problem = Fixtures.compare(actual, expected, TOLERANCE);
    assertWithMessage(problem + "\n" + compiled.source).that(problem).isNull();
  }
}
