package dev.kiln.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Randomly zeroes inputs during training; the identity at inference. Keras {@code Dropout}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Dropout {
  /** Fraction of inputs to drop during training, in [0, 1). */
  double rate();

  /** The field this layer reads; empty (the default) reads the field declared just before it. */
  String[] from() default {};
}
