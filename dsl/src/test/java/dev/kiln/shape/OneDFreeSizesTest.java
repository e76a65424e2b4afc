package dev.kiln.shape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.dsl.Input;
import dev.kiln.dsl.Padding;
import org.junit.jupiter.api.Test;

/**
 * A free sequence length ({@code @Input(shape = {Input.ANY, channels})}): the same axis programs as a
 * free height, over the one spatial axis of (steps, channels), with {@code L} for the length.
 */
class OneDFreeSizesTest {
  private static final int ANY = Input.ANY;

  private static ConvWindow window(int k, int s, Padding padding) {
    return new ConvWindow(new int[] {k}, new int[] {s}, padding, new int[] {1}, 1);
  }

  private static int node(ModelSpec spec, String name) {
    for (int v = 0; v < spec.nodeCount(); v++) {
      if (spec.nodeName(v).equals(name)) {
        return v;
      }
    }
    throw new AssertionError(name);
  }

  @Test
  void aValidConvolutionAndPoolingTakeEveryLengthFromFour() {
    ModelSpec spec = Layers.model(new int[] {ANY, 3},
        "c", new Conv1DRule(4, window(3, 1, Padding.VALID), ActivationFunction.LINEAR, true),
        "p", new Pooling1DRule(LayerKind.MAX_POOLING_1D, new int[] {2}, new int[0], Padding.VALID),
        "u", new UpSampling1DRule(3));
    FreeSizes.Resolved resolved = FreeSizes.resolve(spec);
    assertNull(resolved.problem());
    FreeSizes.Axis length = resolved.axes().get(0);
    assertEquals("L ≥ 4", length.describe());
    assertEquals("L - 2", length.formulas().get(node(spec, "c")));
    assertEquals("(None, L - 2, 4)", resolved.shape(node(spec, "c"), TensorShape.of(2, 4)));
    assertArrayEquals(new int[] {4, 3}, resolved.concrete().inputShape());
    assertFalse(ShapeChecker.check(spec).hasErrors());
  }

  @Test
  void causalStridedConvolutionsKeepCeilingLengths() {
    ModelSpec spec = Layers.model(new int[] {ANY, 2},
        "c", new Conv1DRule(4, window(5, 2, Padding.CAUSAL), ActivationFunction.LINEAR, true),
        "g", new GlobalPooling1DRule(LayerKind.GLOBAL_AVERAGE_POOLING_1D, false), "d", Layers.dense(3));
    FreeSizes.Resolved resolved = FreeSizes.resolve(spec);
    assertNull(resolved.problem());
    assertEquals("L ≥ 1", resolved.axes().get(0).describe());
    assertEquals("ceil(L/2)", resolved.axes().get(0).formulas().get(node(spec, "c")));
  }

  @Test
  void flattenPinsAFreeLength() {
    ModelSpec spec = Layers.model(new int[] {ANY, 2},
        "c", new Conv1DRule(4, window(3, 1, Padding.SAME), ActivationFunction.LINEAR, true),
        "f", new FlattenRule(), "d", Layers.dense(3));
    FreeSizes.Resolved resolved = FreeSizes.resolve(spec);
    assertEquals(node(spec, "f"), resolved.node());
    assertEquals("a free length cannot pass `f` (Flatten): the flat length, and the next Dense layer's weights, "
        + "would change with it. Give `image` a fixed length, or pool it away first (GlobalAveragePooling1D)",
        resolved.problem());
    CheckedModel checked = ShapeChecker.check(spec);
    assertTrue(checked.hasErrors());
    assertEquals(ProblemCode.NO_SIZE.sentence("length", "image", resolved.problem()),
        checked.problems().get(0).message());
  }

  @Test
  void aCropLongerThanTheWindowLeavesFixesTheSmallestLength() {
    ModelSpec spec = Layers.model(new int[] {ANY, 1},
        "crop", new Cropping1DRule(new int[] {3, 2}),
        "c", new Conv1DRule(1, window(4, 1, Padding.VALID), ActivationFunction.LINEAR, false));
    FreeSizes.Resolved resolved = FreeSizes.resolve(spec);
    assertEquals("L ≥ 9", resolved.axes().get(0).describe());
    assertEquals("L - 8", resolved.axes().get(0).formulas().get(node(spec, "c")));
  }
}
