package dev.kiln.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Removes steps at the start and end. Keras {@code Cropping1D}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Cropping1D {
  /** One value for both ends, or {start, end} (Keras {@code (1, 1)} by default). */
  int[] cropping() default {1, 1};

  /** The field this layer reads; empty (the default) reads the field declared just before it. */
  String[] from() default {};
}
