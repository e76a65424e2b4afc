package dev.kiln.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * {@code (x - mean) / max(sqrt(variance), 1e-7)} per channel (the last axis, Keras's {@code axis=-1}),
 * or with {@code invert} {@code mean + x * max(sqrt(variance), 1e-7)}. Keras {@code Normalization}.
 *
 * <p>Give {@code mean} and {@code variance} here (one value for all channels, or one per channel; the
 * layer then has no weights), or leave both empty to load them with the model's weights: Keras then
 * keeps the non-trainable {@code mean (channels)}, {@code variance (channels)} and {@code count ()},
 * which {@code adapt()} fills — 7 weights for 3 channels.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Normalization {
  /** The mean to subtract: one value, one per channel, or empty to load it as a weight. */
  double[] mean() default {};

  /** The variance to divide by (its square root): same length as {@code mean}. */
  double[] variance() default {};

  /** Applies the inverse: turns normalised values back into the original scale. */
  boolean invert() default false;

  /** The field this layer reads; empty (the default) reads the field declared just before it. */
  String[] from() default {};
}
