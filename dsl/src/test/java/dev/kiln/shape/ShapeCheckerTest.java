package dev.kiln.shape;

import static dev.kiln.dsl.Padding.SAME;
import static dev.kiln.dsl.Padding.VALID;
import static dev.kiln.shape.Layers.conv;
import static dev.kiln.shape.Layers.dense;
import static dev.kiln.shape.Layers.in;
import static dev.kiln.shape.Layers.maxPool;
import static dev.kiln.shape.Layers.model;
import static dev.kiln.shape.Layers.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.dsl.Interpolation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Model-level checking: the seed cases, one error per chain, every attribute error, computed fixes. */
class ShapeCheckerTest {

  private static List<Problem> errors(CheckedModel model) {
    return model.problems().stream().filter(p -> p.severity() == Severity.ERROR).toList();
  }

  private static void assertContains(String message, String... parts) {
    for (String part : parts) {
      assertTrue(message.contains(part), () -> "missing \"" + part + "\" in: " + message);
    }
  }

  @Test
  void denoiserIsValidAndComesBack28x28() {
    CheckedModel model = ShapeChecker.check(Layers.denoiser(false, SAME));
    assertEquals(List.of(), model.problems());
    assertEquals("(None, 28, 28, 1)", model.outputShape().toString());
    assertEquals(11, model.layers().size());
  }

  @Test
  void thirdPoolingExplainsThe24x24Output() {
    CheckedModel model = ShapeChecker.check(Layers.denoiser(true, SAME));
    List<Problem> errors = errors(model);
    assertEquals(1, errors.size());
    Problem mismatch = errors.get(0);
    assertEquals(ProblemCode.SHAPE_MISMATCH, mismatch.code());
    assertEquals(12, mismatch.node());
    assertContains(mismatch.message(), "is (None, 24, 24, 1) but @Shape declares (None, 28, 28, 1)",
        "`pool3` (MaxPooling2D) floored 7 / 2 to 3", "`up1`, `up2` and `up3` (UpSampling2D) multiplied 3 by 8 to 24",
        "remove `pool3` (MaxPooling2D) and one of `up1`, `up2`, `up3`",
        "insert `@ZeroPadding2D(padding = 2) Tensor padded;` before `restored`");
    Problem truncation = model.problems().stream().filter(p -> p.code() == ProblemCode.TRUNCATION).findFirst()
        .orElseThrow();
    assertEquals(Severity.WARNING, truncation.severity());
    assertEquals(6, truncation.node());
    assertContains(truncation.message(), "drops 1 row at the bottom and 1 column at the right",
        "Use padding = SAME to keep them (output 4x4x8)", "@Input `image` 32x32x1 (it is 28x28x1)");
  }

  @Test
  void validConvOnA2x2InputFailsOnceWithTheNegativeDimensionArithmetic() {
    CheckedModel model = ShapeChecker.check(Layers.denoiser(true, VALID));
    List<Problem> errors = errors(model);
    assertEquals(1, errors.size(), errors::toString);
    Problem problem = errors.get(0);
    assertEquals(ProblemCode.WINDOW_TOO_LARGE, problem.code());
    assertEquals("kernelSize", problem.attribute());
    assertEquals(8, problem.node());
    assertContains(problem.message(), "`conv4` (Conv2D): kernel 3x3 does not fit its 2x2x8 input from `up1`",
        "height and width 2 - 3 + 1 = 0", "Negative dimension size caused by subtracting 3 from 2",
        "Use padding = SAME (output 2x2x16)", "at least 30x30x1");
  }

  @Test
  void minimumInputIsCheckedPerAxis() {
    CheckedModel model = ShapeChecker.check(model(in(4, 40, 1), "conv", conv(8, 5, VALID)));
    assertContains(errors(model).get(0).message(), "height 4 - 5 + 1 = 0", "at least 5x40x1");
  }

  @Test
  void everyAttributeErrorIsReportedButTheChainStopsAtTheFirstBrokenLayer() {
    CheckedModel model = ShapeChecker.check(model(in(8, 8, 3),
        "bad1", new Conv2DRule(0, new ConvWindow(in(3, 3, 3), in(1), VALID, in(1)), ActivationFunction.LINEAR, true),
        "pool", maxPool(4),
        "bad2", new DropoutRule(1.0),
        "pool2", maxPool(16)));
    assertEquals(List.of(ProblemCode.NOT_POSITIVE, ProblemCode.ARRAY_LENGTH, ProblemCode.DROPOUT_RATE),
        errors(model).stream().map(Problem::code).toList());
  }

  @Test
  void spatialLayerAfterFlattenNamesTheFlatten() {
    CheckedModel model = ShapeChecker.check(model(in(6, 6, 2),
        "flat", new FlattenRule(), "fc", dense(10), "up", up(2)));
    Problem problem = errors(model).get(0);
    assertEquals(ProblemCode.NEEDS_IMAGE, problem.code());
    assertContains(problem.message(), "input from `fc` (Dense) is (None, 10)",
        "`flat` (Flatten) turned its 6x6x2 input into (None, 72)", "@Reshape(targetShape = {1, 1, 10}) after `fc`");
  }

  @Test
  void croppingTooMuchSuggestsTheLargestCrop() {
    CheckedModel model = ShapeChecker.check(model(in(5, 6, 7), "crop", new Cropping2DRule(in(3, 3, 0, 0))));
    assertContains(errors(model).get(0).message(), "cropping 3 + 3 rows leaves -1 of 5",
        "At most 4 rows and 5 columns can be cropped");
  }

  @Test
  void transposedOutputPaddingMustBeBelowTheStride() {
    ConvWindow window = new ConvWindow(in(3), in(2), SAME, in(1));
    CheckedModel model = ShapeChecker.check(model(in(7, 7, 4),
        "up", new Conv2DTransposeRule(4, window, in(0, 2), ActivationFunction.LINEAR, true)));
    Problem problem = errors(model).get(0);
    assertEquals(ProblemCode.OUTPUT_PADDING, problem.code());
    assertEquals(1, problem.index());
  }

  @Test
  void upsamplingPastAnIntIsAnErrorNotAnOverflow() {
    CheckedModel model = ShapeChecker.check(model(in(1000, 1000, 3),
        "up", new UpSampling2DRule(in(1000), Interpolation.NEAREST)));
    Problem problem = errors(model).get(0);
    assertEquals(ProblemCode.TOO_LARGE, problem.code());
    assertContains(problem.message(), "1000000x1000000x3", "3,000,000,000,000 elements");
  }

  @Test
  void hugeDenseKernelIsAnError() {
    CheckedModel model = ShapeChecker.check(model(in(50000), "fc", dense(50000)));
    assertContains(errors(model).get(0).message(), "its kernel (50000, 50000)");
  }

  @Test
  void suggestsTheFiltersThatGiveTheDeclaredChannels() {
    CheckedModel model = ShapeChecker.check(model(in(8, 8, 3), "conv", conv(4, 3, SAME), in(8, 8, 6)));
    assertContains(errors(model).get(0).message(), "Channels: 4 come from `conv` (Conv2D)",
        "give `conv` (Conv2D) 6 filters");
  }

  @Test
  void strideTwoSameReaches128BeforePooling() {
    CheckedModel model = ShapeChecker.check(model(in(256, 256, 3),
        "conv1", conv(32, in(4), in(2), VALID, in(1)), in(128, 128, 32)));
    assertContains(errors(model).get(0).message(), "use padding = SAME in `conv1` (Conv2D)");
    assertFalse(ShapeChecker.check(model(in(256, 256, 3),
        "conv1", conv(32, in(4), in(2), SAME, in(1)), in(128, 128, 32))).hasErrors());
  }
}
