package dev.kiln.shape;

import static dev.kiln.shape.Layers.conv;
import static dev.kiln.shape.Layers.in;
import static dev.kiln.shape.Layers.maxPool;
import static dev.kiln.shape.Layers.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.dsl.Input;
import dev.kiln.dsl.Padding;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Free input sizes: the accepted sets, the size formulas, and the explanation when nothing fits. */
class FreeSizesTest {
  private static final int ANY = Input.ANY;

  private static ModelSpec.LayerSpec layer(String name, LayerRule rule) {
    return new ModelSpec.LayerSpec(name, rule, null);
  }

  private static ModelSpec.LayerSpec merge(String name, LayerRule rule, String... from) {
    return new ModelSpec.LayerSpec(name, rule, List.of(from), "", null);
  }

  private static int node(ModelSpec spec, String name) {
    for (int v = 0; v < spec.nodeCount(); v++) {
      if (spec.nodeName(v).equals(name)) {
        return v;
      }
    }
    throw new AssertionError(name);
  }

  static ModelSpec sameUNet(int[] input) {
    List<ModelSpec.LayerSpec> layers = new ArrayList<>();
    for (int level = 1; level <= 4; level++) {
      layers.add(layer("e" + level, conv(8, 3, Padding.SAME)));
      layers.add(layer("p" + level, maxPool(2)));
    }
    layers.add(layer("bottom", conv(8, 3, Padding.SAME)));
    for (int level = 4; level >= 1; level--) {
      layers.add(new ModelSpec.LayerSpec("u" + level, new Conv2DTransposeRule(8, new ConvWindow(new int[] {3},
          new int[] {2}, Padding.SAME, new int[] {1}), new int[0], ActivationFunction.LINEAR, true), List.of(),
          "e" + level, null));
      layers.add(merge("c" + level, new MergeRule(LayerKind.CONCATENATE, -1), "u" + level, "e" + level));
      layers.add(layer("d" + level, conv(8, 3, Padding.SAME)));
    }
    return new ModelSpec("SameUNet", "image", input, layers);
  }

  @Test
  void aUNetWithFreeSizesTakesMultiplesOfSixteen() {
    ModelSpec spec = sameUNet(in(ANY, ANY, 3));
    FreeSizes.Resolved resolved = FreeSizes.resolve(spec);
    assertNull(resolved.problem());
    assertEquals(2, resolved.axes().size());
    FreeSizes.Axis height = resolved.axes().get(0);
    assertEquals("H ≥ 16 with H ≡ 0 (mod 16)", height.describe());
    assertEquals("W ≥ 16 with W ≡ 0 (mod 16)", resolved.axes().get(1).describe());
    assertEquals("H/2", height.formulas().get(node(spec, "p1")));
    assertEquals("H/16", height.formulas().get(node(spec, "bottom")));
    assertEquals("H/8", height.formulas().get(node(spec, "u4")));
    assertEquals("H", height.formulas().get(node(spec, "d1")));
    // Everything else is checked at the smallest accepted size, which the checker accepts.
    assertEquals(16, resolved.concrete().inputShape()[0]);
    assertFalse(ShapeChecker.check(resolved.concrete()).hasErrors());
  }

  @Test
  void aFreeHeightWithAFixedWidth() {
    FreeSizes.Resolved resolved = FreeSizes.resolve(sameUNet(in(ANY, 64, 3)));
    assertEquals(1, resolved.axes().size());
    assertEquals(0, resolved.axes().get(0).axis());
    assertEquals(64, resolved.concrete().inputShape()[1]);
  }

  @Test
  void validConvolutionsShowTheirFormulaWhereTheDivisionIsNotExact() {
    ModelSpec spec = Layers.model(in(ANY, 32, 1), "c", conv(4, new int[] {3}, new int[] {2}, Padding.VALID,
        new int[] {1}), "p", maxPool(2), "u", up(2));
    FreeSizes.Axis height = FreeSizes.resolve(spec).axes().get(0);
    assertEquals("H ≥ 5", height.describe());
    assertEquals("floor((H - 1)/2)", height.formulas().get(node(spec, "c")));
  }

  @Test
  void anAddBroadcastsTheOneRowAValidConvolutionLeavesOfThree() {
    List<ModelSpec.LayerSpec> layers = List.of(layer("conv", conv(1, 3, Padding.VALID)),
        merge("sum", MergeRule.of(LayerKind.ADD), "conv", "image"));
    ModelSpec spec = new ModelSpec("Skip", "image", in(ANY, 8, 1), layers);
    assertEquals("H = 3", FreeSizes.resolve(spec).axes().get(0).describe());
  }

  @Test
  void aSkipAroundAValidConvolutionNeverLinesUp() {
    List<ModelSpec.LayerSpec> layers = List.of(layer("conv", conv(1, 3, Padding.VALID)),
        merge("sum", new MergeRule(LayerKind.CONCATENATE, -1), "conv", "image"));
    ModelSpec spec = new ModelSpec("Skip", "image", in(ANY, 8, 1), layers);
    FreeSizes.Resolved resolved = FreeSizes.resolve(spec);
    assertTrue(resolved.axes().isEmpty());
    assertEquals(node(spec, "sum"), resolved.node());
    assertEquals("`sum` (Concatenate) needs `conv` and `image` equally high, but they are H - 2 and H for every height "
        + "the layers before it accept (H ≥ 3). The gap is 2 at H = 3: crop the larger input (Cropping2D) or pad the "
        + "smaller (ZeroPadding2D), or use padding = SAME on the layers that shrink it.", resolved.problem());
  }

  @Test
  void flattenPinsAFreeSize() {
    ModelSpec spec = Layers.model(in(ANY, ANY, 1), "c", conv(4, 3, Padding.SAME), "f", new FlattenRule(),
        "d", Layers.dense(10));
    FreeSizes.Resolved resolved = FreeSizes.resolve(spec);
    assertEquals(node(spec, "f"), resolved.node());
    assertTrue(resolved.problem().startsWith("a free height cannot pass `f` (Flatten)"), resolved.problem());
  }

  @Test
  void globalPoolingLetsAClassifierTakeAnySize() {
    ModelSpec spec = Layers.model(in(ANY, ANY, 3), "c", conv(4, new int[] {3}, new int[] {2}, Padding.SAME,
        new int[] {1}), "g", new GlobalPooling2DRule(LayerKind.GLOBAL_AVERAGE_POOLING_2D, false), "d",
        Layers.dense(10));
    FreeSizes.Resolved resolved = FreeSizes.resolve(spec);
    assertNull(resolved.problem());
    assertEquals("H ≥ 1", resolved.axes().get(0).describe());
    assertEquals("ceil(H/2)", resolved.axes().get(0).formulas().get(node(spec, "c")));
  }

  @Test
  void fixedModelsAreLeftAlone() {
    ModelSpec spec = sameUNet(in(64, 64, 3));
    FreeSizes.Resolved resolved = FreeSizes.resolve(spec);
    assertFalse(resolved.isFree());
    assertEquals(spec, resolved.concrete());
  }
}
