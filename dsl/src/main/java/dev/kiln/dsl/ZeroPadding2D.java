package dev.kiln.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Adds rows and columns of zeros. Keras {@code ZeroPadding2D}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface ZeroPadding2D {
  /**
   * One value for all four sides, {vertical, horizontal} for symmetric padding, or
   * {top, bottom, left, right} (Keras {@code ((top, bottom), (left, right))}).
   */
  int[] padding() default 1;

  /** The field this layer reads; empty (the default) reads the field declared just before it. */
  String[] from() default {};
}
