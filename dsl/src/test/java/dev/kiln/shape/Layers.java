package dev.kiln.shape;

import dev.kiln.dsl.Activations;
import dev.kiln.dsl.Interpolation;
import dev.kiln.dsl.Padding;
import java.util.ArrayList;
import java.util.List;

/** Short constructors for test models: {@code model(in(28, 28, 1), "conv1", conv(32, 3, SAME), ...)}. */
final class Layers {
  private Layers() {}

  static int[] in(int... dims) {
    return dims;
  }

  /** Alternating names and rules; a rule may be followed by an {@code int[]} @Shape assertion. */
  static ModelSpec model(int[] input, Object... items) {
    List<ModelSpec.LayerSpec> layers = new ArrayList<>();
    for (int i = 0; i < items.length; ) {
      String name = (String) items[i++];
      LayerRule rule = (LayerRule) items[i++];
      int[] declared = i < items.length && items[i] instanceof int[] d ? d : null;
      if (declared != null) {
        i++;
      }
      layers.add(new ModelSpec.LayerSpec(name, rule, declared));
    }
    return new ModelSpec("Test", "image", input, layers);
  }

  static Conv2DRule conv(int filters, int kernel, Padding padding) {
    return conv(filters, new int[] {kernel}, new int[] {1}, padding, new int[] {1});
  }

  static Conv2DRule conv(int filters, int[] kernel, int[] strides, Padding padding, int[] dilation) {
    return new Conv2DRule(filters, new ConvWindow(kernel, strides, padding, dilation),
        ActivationFunction.of(Activations.RELU), true);
  }

  static Pooling2DRule maxPool(int size) {
    return Pooling2DRule.max(new int[] {size}, new int[0], Padding.VALID);
  }

  static UpSampling2DRule up(int size) {
    return new UpSampling2DRule(new int[] {size}, Interpolation.NEAREST);
  }

  static DenseRule dense(int units) {
    return new DenseRule(units, ActivationFunction.LINEAR, true);
  }

  /** Seed 000's autoencoder; with {@code thirdPool} the variant that comes back 24x24. */
  static ModelSpec denoiser(boolean thirdPool, Padding padding) {
    List<Object> items = new ArrayList<>(List.of("conv1", conv(32, 3, padding), "pool1", maxPool(2),
        "conv2", conv(16, 3, padding), "pool2", maxPool(2), "conv3", conv(8, 3, padding)));
    if (thirdPool) {
      items.addAll(List.of("pool3", maxPool(2), "up1", up(2), "conv4", conv(16, 3, padding), "up2", up(2),
          "conv5", conv(32, 3, padding), "up3", up(2), "restored", conv(1, 3, padding), new int[] {28, 28, 1}));
    } else {
      items.addAll(List.of("conv4", conv(8, 3, padding), "up1", up(2), "conv5", conv(16, 3, padding),
          "up2", up(2), "restored", conv(1, 3, padding), new int[] {28, 28, 1}));
    }
    return model(in(28, 28, 1), items.toArray());
  }
}
