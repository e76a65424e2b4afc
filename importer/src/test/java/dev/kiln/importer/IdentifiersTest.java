package dev.kiln.importer;

import static com.google.common.truth.Truth.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class IdentifiersTest {

  @ParameterizedTest
  @CsvSource({
      "conv2_block1_1_conv, conv2_block1_1_conv",
      "/layer1/layer1.0/conv1/Conv, layer1_layer1_0_conv1_Conv",
      "onnx::Conv_123, onnx_Conv_123",
      "123, n123",
      "class, class_",
      "_, layer",
      "'a b', a_b",
  })
  void sanitizes(String name, String expected) {
    assertThat(Identifiers.sanitize(name)).isEqualTo(expected);
  }

  @Test
  void namesStayUniqueIgnoringCase() {
    Identifiers ids = new Identifiers();
    assertThat(ids.field("conv")).isEqualTo("conv");
    assertThat(ids.field("Conv")).isEqualTo("Conv_2");
    assertThat(ids.field("conv")).isEqualTo("conv_3");
    assertThat(ids.field("a.b")).isEqualTo("a_b");
    assertThat(ids.field("a/b")).isEqualTo("a_b_2");
  }

  @Test
  void classNameFromTheFileName() {
    assertThat(KilnImport.className(Path.of("/tmp/mobilenet_v2.onnx"))).isEqualTo("MobilenetV2");
    assertThat(KilnImport.className(Path.of("resnet50.weights.h5"))).isEqualTo("Resnet50");
    assertThat(KilnImport.className(Path.of("3d.keras"))).isEqualTo("Model3d");
  }
}
