package dev.kiln.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * {@code x >= maxValue ? maxValue : x >= threshold ? x : negativeSlope * (x - threshold)}. Keras {@code ReLU}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface ReLU {
  /** Upper bound; infinity (the default) for none. */
  double maxValue() default Double.POSITIVE_INFINITY;

  /** Slope below the threshold. */
  double negativeSlope() default 0;

  /** Values below it are scaled by {@code negativeSlope}. */
  double threshold() default 0;

  /** The field this layer reads; empty (the default) reads the field declared just before it. */
  String[] from() default {};
}
