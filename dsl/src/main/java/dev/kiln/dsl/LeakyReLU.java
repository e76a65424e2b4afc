package dev.kiln.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * {@code x >= 0 ? x : negativeSlope * x}. Keras {@code LeakyReLU}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface LeakyReLU {
  /** Slope for negative inputs; Keras 3 default 0.3. */
  double negativeSlope() default 0.3;

  /** The field this layer reads; empty (the default) reads the field declared just before it. */
  String[] from() default {};
}
