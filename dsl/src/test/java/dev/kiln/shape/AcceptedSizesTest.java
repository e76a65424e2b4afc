package dev.kiln.shape;

import static dev.kiln.shape.Layers.conv;
import static dev.kiln.shape.Layers.in;
import static dev.kiln.shape.Layers.maxPool;
import static dev.kiln.shape.Layers.model;
import static dev.kiln.shape.Layers.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kiln.dsl.Padding;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The accepted-size sets against brute force: the fixed-size checker run at every height from 1 to
 * 1,024 (and at a few far larger ones) must accept exactly the sizes the set contains.
 */
class AcceptedSizesTest {
  private static final int BRUTE = 1024;
  private static final long[] FAR = {1_500, 2_048, 4_099, 10_007, 65_536, 100_003};

  private static void assertMatchesChecker(ModelSpec spec, int axis, SizeSet sizes) {
    int[] shape = spec.inputShape();
    List<String> wrong = new ArrayList<>();
    LongStreamOf sizesToTry = new LongStreamOf();
    for (long n : sizesToTry.values()) {
      shape[axis] = (int) n;
      boolean checker;
      try {
        checker = !ShapeChecker.check(spec.withInputShape(shape), false).hasErrors();
      } catch (IllegalArgumentException tooLarge) {
        checker = false; // a tensor over 2^31 elements: the checker throws today (issue 11)
      }
      if (checker != sizes.contains(n)) {
        wrong.add(n + (checker ? " (checker accepts)" : " (checker rejects)"));
        if (wrong.size() > 8) {
          break;
        }
      }
    }
    if (!wrong.isEmpty()) {
      fail(spec.name() + " axis " + axis + ": set " + sizes.describe("n") + " disagrees at " + wrong);
    }
  }

  /** 1..1,024 then the far sizes. */
  private static final class LongStreamOf {
    long[] values() {
      long[] all = new long[BRUTE + FAR.length];
      for (int i = 0; i < BRUTE; i++) {
        all[i] = i + 1;
      }
      System.arraycopy(FAR, 0, all, BRUTE, FAR.length);
      return all;
    }
  }

  private static SizeSet height(ModelSpec spec) {
    AcceptedSizes.Result result = AcceptedSizes.of(spec, 0);
    assertNull(result.limitation(), () -> spec.name() + ": " + result.limitation());
    return result.sizes();
  }

  @Test
  void denoiserWithItsShapeAssertionTakes28To31() {
    ModelSpec spec = Layers.denoiser(false, Padding.SAME);
    SizeSet sizes = height(spec);
    assertEquals("28 ≤ H ≤ 31", sizes.describe("H"));
    assertMatchesChecker(spec, 0, sizes);
  }

  @Test
  void denoiserWithoutAssertionTakesEverySizeItCanPool() {
    ModelSpec spec = model(in(28, 28, 1), "c1", conv(8, 3, Padding.SAME), "p1", maxPool(2), "c2",
        conv(8, 3, Padding.SAME), "p2", maxPool(2), "u1", up(2), "u2", up(2));
    assertEquals("H ≥ 4", height(spec).describe("H"));
  }

  @Test
  void anAutoencoderWithASkipNeedsAMultipleOfFour() {
    List<ModelSpec.LayerSpec> layers = new ArrayList<>();
    layers.add(layer("c1", conv(8, 3, Padding.SAME)));
    layers.add(layer("p1", maxPool(2)));
    layers.add(layer("p2", maxPool(2)));
    layers.add(layer("u1", up(2)));
    layers.add(layer("u2", up(2)));
    layers.add(new ModelSpec.LayerSpec("skip", MergeRule.of(LayerKind.ADD), List.of("c1", "u2"), "", null));
    ModelSpec spec = new ModelSpec("Skip", "image", in(28, 28, 1), layers);
    SizeSet sizes = height(spec);
    assertEquals("H ≥ 4 with H ≡ 0 (mod 4)", sizes.describe("H"));
    assertMatchesChecker(spec, 0, sizes);
    assertEquals("W ≥ 4 with W ≡ 0 (mod 4)", AcceptedSizes.of(spec, 1).sizes().describe("W"));
    // At width 30 the skip never lines up, whatever the height: no height is accepted, and it says why.
    AcceptedSizes.Result at30 = AcceptedSizes.of(spec.withInputShape(in(28, 30, 1)), 0);
    assertEquals("no H", at30.sizes().describe("H"));
  }

  /** The SAME U-Net of examples/SameUNet.java: four poolings, decoders fitted with sameShapeAs. */
  @Test
  void sameUNetNeedsAMultipleOfSixteen() {
    List<ModelSpec.LayerSpec> layers = new ArrayList<>();
    String previous = "image";
    for (int level = 1; level <= 4; level++) {
      layers.add(layer("e" + level, conv(8, 3, Padding.SAME)));
      layers.add(layer("p" + level, maxPool(2)));
    }
    layers.add(layer("bottom", conv(8, 3, Padding.SAME)));
    for (int level = 4; level >= 1; level--) {
      layers.add(new ModelSpec.LayerSpec("u" + level, new Conv2DTransposeRule(8, new ConvWindow(new int[] {3},
          new int[] {2}, Padding.SAME, new int[] {1}), new int[0], ActivationFunction.LINEAR, true), List.of(),
          "e" + level, null));
      layers.add(new ModelSpec.LayerSpec("c" + level, new MergeRule(LayerKind.CONCATENATE, -1),
          List.of("u" + level, "e" + level), "", null));
      layers.add(layer("d" + level, conv(8, 3, Padding.SAME)));
    }
    ModelSpec spec = new ModelSpec("SameUNet", "image", in(64, 64, 3), layers);
    SizeSet sizes = height(spec);
    assertEquals("H ≥ 16 with H ≡ 0 (mod 16)", sizes.describe("H"));
    assertMatchesChecker(spec, 0, sizes);
    assertEquals(48, sizes.atMost(63));
    assertEquals(64, sizes.atLeast(49));
  }

  /** Seed 000's autoencoder asserting that it gives back its input's size: multiples of four. */
  @Test
  void anAutoencoderThatMustGiveBackItsSizeNeedsAMultipleOfFour() {
    List<ModelSpec.LayerSpec> layers = new ArrayList<>();
    for (String name : new String[] {"c1", "p1", "c2", "p2", "c3", "u1", "c4", "u2"}) {
      layers.add(layer(name, name.startsWith("c") ? conv(8, 3, Padding.SAME) : name.startsWith("p") ? maxPool(2) : up(2)));
    }
    layers.add(new ModelSpec.LayerSpec("restored", conv(1, 3, Padding.SAME), List.of(), "image", null));
    ModelSpec spec = new ModelSpec("Autoencoder", "image", in(28, 28, 1), layers);
    SizeSet sizes = height(spec);
    assertEquals("H ≥ 4 with H ≡ 0 (mod 4)", sizes.describe("H"));
    assertMatchesChecker(spec, 0, sizes);
  }

  @Test
  void validWindowsNeedAMinimum() {
    ModelSpec spec = model(in(28, 28, 1), "c", conv(4, 5, Padding.VALID), "d",
        conv(4, new int[] {3}, new int[] {2}, Padding.VALID, new int[] {1}));
    assertEquals("H ≥ 7", height(spec).describe("H"));
  }

  @Test
  void flattenThenDensePinsTheDeclaredSize() {
    ModelSpec spec = model(in(28, 28, 1), "c", conv(4, 3, Padding.SAME), "p", maxPool(2), "f", new FlattenRule(),
        "d", Layers.dense(10));
    assertEquals("H ∈ {28, 29}", height(spec).describe("H"));
  }

  private static ModelSpec.LayerSpec layer(String name, LayerRule rule) {
    return new ModelSpec.LayerSpec(name, rule, null);
  }

  static Stream<Long> seeds() {
    return IntStream.range(0, 200).mapToObj(i -> 0x5EEDL * 1_000 + i);
  }

  /** Random chains and graphs of windows, upsamplings, paddings, crops, transposed fits and merges. */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomModelsAgreeWithTheCheckerAtEverySize(long seed) {
    ModelSpec spec = RandomAxisModels.generate(new SplittableRandom(seed), "Random" + seed);
    for (int axis = 0; axis < 2; axis++) {
      AcceptedSizes.Result result = AcceptedSizes.of(spec, axis);
      assertNull(result.limitation() == null || result.limitation().startsWith("errors that no") ? null
          : result.limitation());
      assertMatchesChecker(spec, axis, result.sizes());
    }
  }
}
