package dev.kiln.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Removes rows and columns at the borders. Keras {@code Cropping2D}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Cropping2D {
  /**
   * One value for all four sides, {vertical, horizontal} for symmetric cropping, or
   * {top, bottom, left, right} (Keras {@code ((top, bottom), (left, right))}).
   */
  int[] cropping() default 0;

  /** The field this layer reads; empty (the default) reads the field declared just before it. */
  String[] from() default {};
}
