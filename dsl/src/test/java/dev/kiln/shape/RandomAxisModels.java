package dev.kiln.shape;

import dev.kiln.dsl.Activations;
import dev.kiln.dsl.Interpolation;
import dev.kiln.dsl.Padding;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random models for the accepted-size tests: chains of convolutions (VALID and SAME, strided,
 * dilated, rectangular), pooling, upsampling, padding, cropping and transposed convolutions, with
 * skips that merge (Add, Concatenate along channels or an axis), transposed convolutions fitted to an
 * earlier field, and occasional {@code @Shape} pins. Nothing is filtered for validity: models that
 * no size satisfies are part of the test.
 */
final class RandomAxisModels {
  private RandomAxisModels() {}

  static ModelSpec generate(SplittableRandom random, String name) {
    ModelSpec spec = random.nextBoolean() ? chain(random, name) : encoderDecoder(random, name);
    // Declare the smallest square size the checker accepts, if any, so that the axis not under test
    // is valid and the other axis's set is the interesting one.
    int[] shape = spec.inputShape();
    for (int size = 1; size <= 256; size++) {
      int[] candidate = {size, size, shape[2]};
      if (!ShapeChecker.check(spec.withInputShape(candidate), false).hasErrors()) {
        return spec.withInputShape(candidate);
      }
    }
    return spec;
  }

  /**
   * A U-Net-like model: an encoder that records a skip before each downsampling, a decoder that
   * upsamples (UpSampling2D, a transposed convolution, or one fitted to the skip with sameShapeAs),
   * sometimes pads or crops, and concatenates or adds the skip.
   */
  private static ModelSpec encoderDecoder(SplittableRandom random, String name) {
    List<ModelSpec.LayerSpec> layers = new ArrayList<>();
    List<String> skips = new ArrayList<>();
    List<Integer> strides = new ArrayList<>();
    int depth = 1 + random.nextInt(3);
    int channels = 4;
    for (int level = 0; level < depth; level++) {
      layers.add(plain("e" + level + "a", square(random, channels)));
      if (random.nextBoolean()) {
        layers.add(plain("e" + level + "b", square(random, channels)));
      }
      skips.add(layers.get(layers.size() - 1).name());
      int s = 2 + random.nextInt(2);
      strides.add(s);
      layers.add(plain("down" + level, random.nextBoolean()
          ? Pooling2DRule.max(new int[] {s}, new int[0], random.nextInt(3) == 0 ? Padding.SAME : Padding.VALID)
          : new Conv2DRule(channels, new ConvWindow(new int[] {s + random.nextInt(2)}, new int[] {s}, padding(random),
              new int[] {1}), ActivationFunction.LINEAR, true)));
    }
    layers.add(plain("mid", square(random, channels)));
    for (int level = depth - 1; level >= 0; level--) {
      int s = strides.get(level);
      String skip = skips.get(level);
      String upName = "up" + level;
      switch (random.nextInt(3)) {
        case 0 -> layers.add(plain(upName, new UpSampling2DRule(new int[] {s}, Interpolation.NEAREST)));
        case 1 -> layers.add(plain(upName, new Conv2DTransposeRule(channels, new ConvWindow(new int[] {1 + random.nextInt(4)},
            new int[] {s}, padding(random), new int[] {1}), random.nextBoolean() ? new int[0] : new int[] {random.nextInt(s)},
            ActivationFunction.LINEAR, true)));
        default -> layers.add(new ModelSpec.LayerSpec(upName, new Conv2DTransposeRule(channels, new ConvWindow(
            new int[] {1 + random.nextInt(4)}, new int[] {s}, padding(random), new int[] {1}), new int[0],
            ActivationFunction.LINEAR, true), List.of(), skip, null));
      }
      if (random.nextInt(4) == 0) {
        layers.add(plain("adjust" + level, random.nextBoolean() ? new ZeroPadding2DRule(new int[] {random.nextInt(2)})
            : new Cropping2DRule(new int[] {random.nextInt(2)})));
      }
      String previous = layers.get(layers.size() - 1).name();
      LayerRule merge = random.nextInt(3) == 0 ? MergeRule.of(LayerKind.ADD) : new MergeRule(LayerKind.CONCATENATE, -1);
      layers.add(new ModelSpec.LayerSpec("merge" + level, merge, List.of(previous, skip), "", null));
      layers.add(plain("d" + level, new Conv2DRule(channels, new ConvWindow(new int[] {1 + 2 * random.nextInt(2)},
          new int[] {1}, Padding.SAME, new int[] {1}), ActivationFunction.LINEAR, true)));
    }
    return new ModelSpec(name, "image", new int[] {32, 32, 1 + random.nextInt(2)}, layers);
  }

  private static ModelSpec.LayerSpec plain(String name, LayerRule rule) {
    return new ModelSpec.LayerSpec(name, rule, null);
  }

  /** A size-preserving or size-reducing square convolution with {@code channels} filters. */
  private static Conv2DRule square(SplittableRandom random, int channels) {
    return new Conv2DRule(channels, new ConvWindow(new int[] {1 + random.nextInt(4)}, new int[] {1}, padding(random),
        new int[] {1}), ActivationFunction.of(Activations.RELU), true);
  }

  private static ModelSpec chain(SplittableRandom random, String name) {
    int[] input = {8 + random.nextInt(60), 8 + random.nextInt(60), 1 + random.nextInt(3)};
    List<ModelSpec.LayerSpec> layers = new ArrayList<>();
    List<String> names = new ArrayList<>(List.of("image"));
    int count = 2 + random.nextInt(10);
    for (int i = 0; i < count; i++) {
      String layerName = "l" + i;
      int choice = random.nextInt(100);
      if (choice < 12 && names.size() > 2) {
        // A merge of the previous field with an earlier one.
        String other = names.get(random.nextInt(names.size() - 1));
        String previous = names.get(names.size() - 1);
        LayerRule rule = switch (random.nextInt(4)) {
          case 0 -> MergeRule.of(LayerKind.ADD);
          case 1 -> MergeRule.of(LayerKind.MULTIPLY);
          case 2 -> new MergeRule(LayerKind.CONCATENATE, -1);
          default -> new MergeRule(LayerKind.CONCATENATE, 1 + random.nextInt(2));
        };
        layers.add(new ModelSpec.LayerSpec(layerName, rule, List.of(previous, other), "", null));
      } else if (choice < 20 && names.size() > 2) {
        // A transposed convolution fitted to an earlier field, as a U-Net's decoder is.
        String target = names.get(random.nextInt(names.size() - 1));
        int s = 1 + random.nextInt(3);
        Conv2DTransposeRule rule = new Conv2DTransposeRule(4, new ConvWindow(new int[] {1 + random.nextInt(4)},
            new int[] {s}, padding(random), new int[] {1}), new int[0], ActivationFunction.LINEAR, true);
        layers.add(new ModelSpec.LayerSpec(layerName, rule, List.of(), target, null));
      } else {
        layers.add(new ModelSpec.LayerSpec(layerName, layer(random), null));
      }
      names.add(layerName);
    }
    if (random.nextInt(6) == 0) {
      // Pin the last layer's height to what it is at the declared size, as @Shape would.
      ModelSpec spec = new ModelSpec(name, "image", input, layers);
      CheckedModel checked = ShapeChecker.check(spec, false);
      if (!checked.hasErrors()) {
        int last = layers.size() - 1;
        ModelSpec.LayerSpec l = layers.get(last);
        layers.set(last, new ModelSpec.LayerSpec(l.name(), l.rule(), l.from(), l.sameShapeAs(),
            checked.layer(l.name()).output().dims()));
      }
    }
    return new ModelSpec(name, "image", input, layers);
  }

  private static Padding padding(SplittableRandom random) {
    return random.nextBoolean() ? Padding.SAME : Padding.VALID;
  }

  private static int[] pair(SplittableRandom random, int bound) {
    return random.nextInt(3) == 0 ? new int[] {1 + random.nextInt(bound), 1 + random.nextInt(bound)}
        : new int[] {1 + random.nextInt(bound)};
  }

  private static LayerRule layer(SplittableRandom random) {
    switch (random.nextInt(8)) {
      case 0, 1 -> {
        boolean dilated = random.nextInt(4) == 0;
        int[] strides = dilated ? new int[] {1} : pair(random, 3);
        int[] dilation = dilated ? new int[] {2} : new int[] {1};
        return new Conv2DRule(1 + random.nextInt(6), new ConvWindow(pair(random, 5), strides, padding(random),
            dilation), ActivationFunction.of(Activations.RELU), true);
      }
      case 2 -> {
        int[] pool = pair(random, 3);
        int[] strides = random.nextBoolean() ? new int[0] : pair(random, 3);
        return random.nextBoolean() ? Pooling2DRule.max(pool, strides, padding(random))
            : Pooling2DRule.average(pool, strides, padding(random));
      }
      case 3 -> {
        return new UpSampling2DRule(pair(random, 3), Interpolation.NEAREST);
      }
      case 4 -> {
        return new ZeroPadding2DRule(random.nextBoolean() ? new int[] {random.nextInt(3)}
            : new int[] {random.nextInt(3), random.nextInt(3), random.nextInt(3), random.nextInt(3)});
      }
      case 5 -> {
        return new Cropping2DRule(random.nextBoolean() ? new int[] {random.nextInt(3)}
            : new int[] {random.nextInt(3), random.nextInt(3), random.nextInt(3), random.nextInt(3)});
      }
      case 6 -> {
        int s = 1 + random.nextInt(3);
        int[] op = random.nextBoolean() ? new int[0] : new int[] {random.nextInt(s)};
        return new Conv2DTransposeRule(1 + random.nextInt(4), new ConvWindow(pair(random, 4), new int[] {s},
            padding(random), new int[] {1}), op, ActivationFunction.LINEAR, true);
      }
      default -> {
        return new BatchNormalizationRule(1e-3, 0.99, true, true);
      }
    }
  }
}
