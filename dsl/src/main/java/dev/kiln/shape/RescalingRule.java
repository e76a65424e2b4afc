package dev.kiln.shape;

import java.util.Arrays;

/**
 * Keras 3 {@code Rescaling} ({@code keras/src/layers/preprocessing/rescaling.py}):
 * {@code x * scale + offset}, shape unchanged, no weights. {@code scale} and {@code offset} are each
 * one value or one per channel (the last axis), the two ways a Keras list broadcasts over an image.
 *
 * @param scale one factor, or one per channel
 * @param offset one value, or one per channel
 */
public record RescalingRule(double[] scale, double[] offset) implements LayerRule {

  /** Reads the annotation's attributes ({@link LayerKind#read}). */
  static <X extends Exception> RescalingRule read(LayerKind kind, AttributeSource<X> a) throws X {
    return new RescalingRule(a.reals("scale"), a.reals("offset"));
  }

  @Override
  public void write(AttributeMap out) {
    out.put("scale", scale);
    out.put("offset", offset);
  }

  public RescalingRule {
    scale = scale.clone();
    offset = offset.clone();
  }

  @Override
  public double[] scale() {
    return scale.clone();
  }

  @Override
  public double[] offset() {
    return offset.clone();
  }

  @Override
  public LayerKind kind() {
    return LayerKind.RESCALING;
  }

  @Override
  public void validate(Problems problems) {
    PerChannel.notEmpty(problems, "scale", scale);
    PerChannel.notEmpty(problems, "offset", offset);
    PerChannel.finite(problems, "scale", scale);
    PerChannel.finite(problems, "offset", offset);
  }

  @Override
  public TensorShape output(LayerInput input, Problems problems) {
    boolean ok = PerChannel.fits(problems, "scale", scale, input);
    ok &= PerChannel.fits(problems, "offset", offset, input);
    return ok ? input.shape() : null;
  }

  /** One multiply-add per element. */
  @Override
  public long macs(TensorShape input, TensorShape output) {
    return output.size();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RescalingRule r && Arrays.equals(scale, r.scale) && Arrays.equals(offset, r.offset);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(scale) * 31 + Arrays.hashCode(offset);
  }

  @Override
  public String toString() {
    return "RescalingRule[scale=" + Arrays.toString(scale) + ", offset=" + Arrays.toString(offset) + "]";
  }
}
