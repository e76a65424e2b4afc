package dev.kiln.importer.onnx;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.kiln.importer.ImportedModel;
import dev.kiln.runtime.Weights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The acceptance run on torchvision's full-size models with their weights, too large to commit:
 * {@code /usr/bin/python3 reference/onnx/export.py --full DIR}, then
 * {@code mvn -pl importer test -Dtest=FullSizeOnnxTest -Dkiln.onnx.full=DIR} (reference/onnx/README.md).
 * Skipped unless {@code kiln.onnx.full} names that folder.
 */
@EnabledIfSystemProperty(named = "kiln.onnx.full", matches = ".+")
class FullSizeOnnxTest {
  static Stream<Arguments> models() {
    return Stream.of(13, 17).flatMap(opset -> Stream.of("resnet18", "resnet50", "mobilenet_v2", "vgg11")
        .map(name -> Arguments.of(name, opset)));
  }

  @ParameterizedTest(name = "{0} opset {1}")
  @MethodSource("models")
  void outputsEqualPyTorchs(String name, int opset) throws Exception {
    Path dir = Path.of(System.getProperty("kiln.onnx.full"));
    Path file = dir.resolve(name + ".opset" + opset + ".onnx");
    ImportedModel model = new OnnxImporter().read(file, "com.example", "Imported");
    Compiled compiled = Compiled.of(model);
    long start = System.nanoTime();
    Weights weights = OnnxWeights.read(file, compiled.model());
    long read = System.nanoTime() - start;
    float[] input = Fixtures.nhwc(Fixtures.floats(dir.resolve(name + ".input.f32")), 1, 3, 224, 224);
    float[] expected = Fixtures.floats(dir.resolve(name + ".opset" + opset + ".output.f32"));
    start = System.nanoTime();
    float[] actual = compiled.predict(weights, input, 1);
    long run = System.nanoTime() - start;
    float[] exact = Fixtures.doubles(dir.resolve(name + ".output.f64"));
    double kilnError = Fixtures.worst(actual, exact)[0];
    double torchError = Fixtures.worst(expected, exact)[0];
    System.out.printf("%s opset %d: %,d trainable parameters; Kiln vs PyTorch: %s; from float64: Kiln %.2g, "
        + "PyTorch float32 %.2g; weights read in %d ms, forward %d ms (%,d bytes)%n", name, opset,
        compiled.model().trainableParams(), Fixtures.report(actual, expected), kilnError, torchError,
        read / 1_000_000, run / 1_000_000, Files.size(file));
    String problem = Fixtures.compare(actual, expected, OnnxImportTest.TOLERANCE);
    assertWithMessage(problem + "; from float64: Kiln " + kilnError + ", PyTorch " + torchError).that(problem).isNull();
  }
}
