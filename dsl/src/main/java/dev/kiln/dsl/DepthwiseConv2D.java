package dev.kiln.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A per-channel 2-D convolution. Keras {@code DepthwiseConv2D}: output channels
 * {@code in_channels * depthMultiplier}, kernel {@code (kh, kw, in_channels, depthMultiplier)}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface DepthwiseConv2D {
  /** Window size: one value for both axes, or {height, width}. */
  int[] kernelSize();

  /** Stride per axis: one value for both, or {height, width}. */
  int[] strides() default 1;

  /** {@link Padding#VALID} (default) or {@link Padding#SAME}. */
  Padding padding() default Padding.VALID;

  /** Output channels per input channel. */
  int depthMultiplier() default 1;

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
