package dev.kiln.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A 2-D convolution over a (height, width, channels) input. Keras {@code Conv2D}: output
 * {@code (out_h, out_w, filters)}, kernel {@code (kh, kw, in_channels, filters)}, bias {@code (filters)}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Conv2D {
  /** Number of output channels. */
  int filters();

  /** Window size: one value for both axes ({@code kernelSize = 3}), or {height, width}. */
  int[] kernelSize();

  /** Stride per axis: one value for both, or {height, width}. */
  int[] strides() default 1;

  /** {@link Padding#VALID} (default) or {@link Padding#SAME}. */
  Padding padding() default Padding.VALID;

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
}
