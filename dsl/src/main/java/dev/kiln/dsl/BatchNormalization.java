package dev.kiln.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Inference-mode batch normalization over the last (channel) axis:
 * {@code gamma * (x - moving_mean) / sqrt(moving_variance + epsilon) + beta}. Keras
 * {@code BatchNormalization}; weights {@code gamma, beta} (trainable) and
 * {@code moving_mean, moving_variance} (non-trainable), each {@code (channels)}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface BatchNormalization {
  /** Added to the variance before the square root. Keras default 1e-3. */
  double epsilon() default 1e-3;

  /** Momentum of the moving averages during training; kept for parity with Keras, unused at inference. */
  double momentum() default 0.99;

  /** Whether the layer has {@code beta}. */
  boolean center() default true;

  /** Whether the layer has {@code gamma}. */
  boolean scale() default true;

  /**
   * Keras's {@code trainable}: {@code false} freezes the layer, so its weights count as non-trainable (as
   * after {@code layer.trainable = False}). Left out, the layer takes {@link Model#trainable()}.
   */
  boolean trainable() default true;

  /** The field this layer reads; empty (the default) reads the field declared just before it. */
  String[] from() default {};
}
