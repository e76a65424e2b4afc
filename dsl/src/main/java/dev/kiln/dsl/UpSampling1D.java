package dev.kiln.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Repeats each step {@code size} times. Keras {@code UpSampling1D}: output
 * {@code (steps * size, channels)}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface UpSampling1D {
  /** How many times each step is repeated. */
  int size() default 2;

  /** The field this layer reads; empty (the default) reads the field declared just before it. */
  String[] from() default {};
}
