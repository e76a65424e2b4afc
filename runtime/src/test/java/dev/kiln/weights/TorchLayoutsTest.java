package dev.kiln.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.TensorShape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which features of a PyTorch Linear or BatchNorm1d come from a flattened image: PyTorch flattens
 * NCHW as (channels, height, width), Keras as (height, width, channels), so the weights of the first
 * Dense (and of any BatchNormalization before it) that reads them need reordering. Layers that keep
 * every feature in its place may stand in between.
 */
class TorchLayoutsTest {
  private static final int[] CHW = TorchLayouts.chwOrder(TensorShape.image(2, 3, 2));

  /** The order the last layer (a Dense) reads its features in, for layers between an image and it. */
  private static int[] orderBeforeTheDense(String between) {
    CheckedModel model = WeightCases.parse("m | 2,3,2 | " + between + "; fc:dense units=2");
    return TorchLayouts.flattenOrder(model, model.layers().size() - 1);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "f:flatten",
      "f:reshape target=12",
      "f:flatten; d:dropout rate=0.5; a:act fn=tanh; r:relu; l:leakyrelu; e:elu; b:bn",
      "f:flatten; s:softmax",
      "f:flatten; a:act fn=softmax",
      "f:flatten; r:reshape target=12",
      "f:flatten; g:flatten",
      "f:reshape target=-1; s:softmax; r:reshape target=12; b:bn",
  })
  void flattenedImageFeaturesAreReordered(String between) {
    assertArrayEquals(CHW, orderBeforeTheDense(between), between);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "f:flatten; d:dense units=12",
      "g:gap",
      "g:gmp keepdims=true; f:flatten",
      "f:reshape target=6,2",
      "f:reshape target=6,2; g:flatten",
      "f:flatten; r:reshape target=6,2; g:flatten",
  })
  void otherFeaturesKeepTheirOrder(String between) {
    int[] order = orderBeforeTheDense(between);
    if (order != null) {  // `gmp keepdims`: a 1x1 image, whose two orders are the same
      assertArrayEquals(java.util.stream.IntStream.range(0, order.length).toArray(), order, between);
    }
  }
}
