package dev.kiln.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A transposed convolution (the gradient of Conv2D), used to upsample. Keras
 * {@code Conv2DTranspose}: kernel {@code (kh, kw, filters, in_channels)}, bias {@code (filters)}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Conv2DTranspose {
  /** Number of output channels. */
  int filters();

  /** Window size: one value for both axes, or {height, width}. */
  int[] kernelSize();

  /** Stride per axis: one value for both, or {height, width}. */
  int[] strides() default 1;

  /** {@link Padding#VALID} (default) or {@link Padding#SAME}. */
  Padding padding() default Padding.VALID;

  /**
   * Extra rows/columns at the bottom/right that pick one of the {@code strides} output sizes which
   * all convolve back to the input size. Empty (the default) is Keras's {@code None}: the size is
   * inferred. Each value must be smaller than its stride.
   */
  int[] outputPadding() default {};

  /** Dilation per axis: one value for both, or {height, width}. Cannot exceed 1 when a stride does. */
  int[] dilationRate() default 1;

  /** Activation applied to the output (fused into the layer). */
  Activations activation() default Activations.LINEAR;

  /** Whether the layer adds a bias vector. */
  boolean useBias() default true;

  /**
   * Keras's {@code trainable}: {@code false} freezes the layer, so its weights count as non-trainable (as
   * after {@code layer.trainable = False}). Left out, the layer takes {@link Model#trainable()}.
   */
  boolean trainable() default true;

  /** The field this layer reads; empty (the default) reads the field declared just before it. */
  String[] from() default {};

  /**
   * A field whose (height, width) this layer's output must have: Kiln chooses {@code outputPadding} to match, or
   * explains why no value can. Empty (the default) for none.
   */
  String sameShapeAs() default "";
}
