package dev.kiln.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.runtime.Network;
import dev.kiln.runtime.Profile;
import dev.kiln.runtime.Weights;
import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.LayerInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Keras Applications networks as {@link Applications} declares them: the parameter counts keras.io
 * lists for {@code include_top=True} (https://keras.io/api/applications/: MobileNetV2 3,538,984,
 * ResNet50 25,636,712, InceptionV3 23,851,784; every weight, BatchNormalization statistics included),
 * the number of layers ({@code len(model.layers)}: 156, 177, 313), the input and output shapes, and
 * what the graph optimizer makes of MobileNetV2.
 */
class ApplicationsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({"mobilenetv2, 3538984, 224, 156", "resnet50, 25636712, 224, 177", "inceptionv3, 23851784, 299, 313"})
  void matchesKerasApplications(String name, long params, int size, int layers) {
    CheckedModel model = Applications.model(name);
    assertEquals(params, model.layers().stream().mapToLong(LayerInfo::params).sum(), name + " parameters");
    assertArrayEquals(new int[] {size, size, 3}, model.inputShape().dims(), name + " input");
    assertArrayEquals(new int[] {1000}, model.outputShape().dims(), name + " output");
    assertEquals(layers, model.layers().size(), name + " layers, as Keras's len(model.layers) (with the input)");
  }

  /**
   * Every BatchNormalization, ReLU6, Add and ZeroPadding2D of MobileNetV2 fuses into a convolution:
   * 52 convolutions (35 Conv2D, 17 DepthwiseConv2D), the pooling and the classifier remain.
   */
  @Test
  void mobileNetV2FusesIntoItsConvolutions() {
    CheckedModel model = Applications.model("mobilenetv2");
    Network network = Network.create(model, Weights.random(model, 1), 1, true);
    Profile profile = network.profile(new float[model.inputShape().size()], 1, 1);
    assertEquals(54, profile.rows().size(), profile::toString);
    assertEquals("block_1_pad+block_1_depthwise+block_1_depthwise_BN+block_1_depthwise_relu",
        profile.rows().get(4).layers());
    assertEquals("block_2_project+block_2_project_BN+block_2_add", profile.rows().get(8).layers());
    assertEquals(155, Network.create(model, Weights.random(model, 1), 1, false)
        .profile(new float[model.inputShape().size()], 1, 1).rows().size());
  }
}
