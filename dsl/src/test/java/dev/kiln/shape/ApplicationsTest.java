package dev.kiln.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keras Applications as {@code keras/src/applications} builds them: keras.io's published totals, and
 * no problem at all, in particular no {@code kiln.truncation}: their VALID strided windows floor away
 * only an explicit ZeroPadding2D's zeros, or sample with a window shorter than the stride.
 */
class ApplicationsTest {

  private static CheckedModel check(Applications a) {
    return ShapeChecker.check(a.spec("m"));
  }

  @Test
  void resNet50() {
    CheckedModel model = check(Applications.resNet50());
    assertEquals(List.of(), model.problems());
    assertEquals(25_636_712, model.totalParams());
    assertEquals(53_120, model.nonTrainableParams());
    // conv1: ZeroPadding2D(3) makes 230, and floor((230 - 7) / 2) + 1 = 112 leaves one row of zeros unread
    assertEquals("(None, 112, 112, 64)", model.layer("conv1_conv").output().toString());
    // a 1x1 stride-2 shortcut on 56 rows reads rows 0, 2, ..., 54: 28 rows
    assertEquals("(None, 28, 28, 512)", model.layer("conv3_block1_0_conv").output().toString());
  }

  @Test
  void vgg16AndVgg19() {
    CheckedModel vgg16 = check(Applications.vgg(2, 2, 3, 3, 3));
    assertEquals(List.of(), vgg16.problems());
    assertEquals(138_357_544, vgg16.totalParams());
    CheckedModel vgg19 = check(Applications.vgg(2, 2, 4, 4, 4));
    assertEquals(List.of(), vgg19.problems());
    assertEquals(143_667_240, vgg19.totalParams());
  }

  @Test
  void mobileNetV2() {
    CheckedModel model = check(Applications.mobileNetV2(true));
    assertEquals(List.of(), model.problems());
    assertEquals(3_538_984, model.totalParams());
  }
}
