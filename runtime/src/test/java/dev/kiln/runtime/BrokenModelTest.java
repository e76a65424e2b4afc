package dev.kiln.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.dsl.Activations;
import dev.kiln.dsl.Padding;
import dev.kiln.shape.ActivationFunction;
import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.Conv2DRule;
import dev.kiln.shape.ConvWindow;
import dev.kiln.shape.ModelSpec;
import dev.kiln.shape.ShapeChecker;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A model with errors refused at run time shows the text javac shows for it: the processor's
 * {@code ReportedTextTest} pins the same sentence for the same model.
 */
class BrokenModelTest {
  static final String WINDOW = "[kiln.window] `conv` (Conv2D): kernel 3x3 does not fit its 2x2x1 input from the "
      + "@Input `image`: VALID gives height and width 2 - 3 + 1 = 0 (TensorFlow: \"Negative dimension size caused "
      + "by subtracting 3 from 2\"). Use padding = SAME (output 2x2x4), or a kernelSize of at most 2. Or make the "
      + "@Input `image` at least 3x3x1 (it is 2x2x1).";

  private static CheckedModel broken() {
    Conv2DRule conv = new Conv2DRule(4, new ConvWindow(new int[] {3}, new int[] {1}, Padding.VALID, new int[] {1}),
        ActivationFunction.of(Activations.RELU), true);
    return ShapeChecker.check(new ModelSpec("Broken", "image", new int[] {2, 2, 1},
        List.of(new ModelSpec.LayerSpec("conv", conv, null))));
  }

  @Test
  void networkRefusesWithTheCompileTimeText() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Network.create(broken(), new Weights()));
    assertEquals("model `Broken` has 1 error:\n  error: " + WINDOW, e.getMessage());
  }

  @Test
  void randomWeightsRefuseWithTheSameText() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Weights.random(broken(), 1));
    assertEquals("model `Broken` has 1 error:\n  error: " + WINDOW, e.getMessage());
  }
}
