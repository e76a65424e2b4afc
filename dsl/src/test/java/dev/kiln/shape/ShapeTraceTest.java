package dev.kiln.shape;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.dsl.Activations;
import dev.kiln.dsl.Padding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a wrong {@code @Shape} is explained: which layers changed the axis, and by which rule. */
class ShapeTraceTest {

  private static String mismatch(LayerRule rule) {
    ModelSpec spec = new ModelSpec("M", "image", new int[] {28, 28, 1},
        List.of(new ModelSpec.LayerSpec("layer", rule, new int[] {7, 7, 4})));
    return ShapeChecker.check(spec).problems().toString();
  }

  @Test
  void aPoolingHalves() {
    String message = mismatch(Pooling2DRule.max(new int[] {2}, new int[0], Padding.VALID));
    assertTrue(message.contains("`layer` (MaxPooling2D) halved 28 to 14"), message);
  }

  /** A strided convolution is no pooling: its SAME formula explains the size (it used to say "halved"). */
  @Test
  void aStridedConvolutionShowsItsFormula() {
    String message = mismatch(Conv2DRule.of(4, new int[] {3}, new int[] {2}, Padding.SAME, new int[] {1},
        ActivationFunction.of(Activations.RELU), true));
    assertTrue(message.contains("`layer` (Conv2D) took 28 to 14 (SAME: ceil(28 / 2))"), message);
  }
}
