package dev.kiln.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A per-channel 1-D convolution. Keras {@code DepthwiseConv1D}: output channels
 * {@code in_channels * depthMultiplier}, kernel {@code (k, in_channels, depthMultiplier)}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface DepthwiseConv1D {
  /** Window size along the steps: {@code kernelSize = 3} (Keras's {@code 3} or {@code (3,)}). */
  int[] kernelSize();

  /** Stride along the steps. */
  int[] strides() default 1;

  /** {@link Padding#VALID} (default) or {@link Padding#SAME}. */
  Padding padding() default Padding.VALID;

  /** Output channels per input channel. */
  int depthMultiplier() default 1;

  /** Dilation along the steps. Cannot exceed 1 when the stride does. */
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
