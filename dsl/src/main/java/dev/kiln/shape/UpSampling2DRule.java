package dev.kiln.shape;

import dev.kiln.dsl.Interpolation;
import java.util.List;

/**
 * Keras 3 {@code UpSampling2D} (SEMANTICS.md §3.7): output {@code (h * size[0], w * size[1], c)};
 * no weights.
 */
public record UpSampling2DRule(int[] size, Interpolation interpolation) implements LayerRule {

  public UpSampling2DRule {
    size = size.clone();
  }

  public Size2 factor() {
    return Size2.expand(size);
  }

  @Override
  public LayerKind kind() {
    return LayerKind.UP_SAMPLING_2D;
  }

  @Override
  public void validate(Problems problems) {
    Attributes.pair(problems, "size", size, false, 1);
  }

  @Override
  public boolean needsImage() {
    return true;
  }

  @Override
  public TensorShape output(LayerInput input, Problems problems) {
    TensorShape in = input.shape();
    long h = (long) in.height() * factor().height();
    long w = (long) in.width() * factor().width();
    return Shapes.image(problems, "size", h, w, in.channels());
  }

  @Override
  public List<WeightSpec> weights(TensorShape input) {
    return List.of();
  }

  @Override
  public long macs(TensorShape input, TensorShape output) {
    return 0;
  }
}
