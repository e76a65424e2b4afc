package dev.kiln.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Adds steps of zeros at the start and end. Keras {@code ZeroPadding1D}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface ZeroPadding1D {
  /** One value for both ends, or {start, end} (Keras {@code (left_pad, right_pad)}). */
  int[] padding() default 1;

  /** The field this layer reads; empty (the default) reads the field declared just before it. */
  String[] from() default {};
}
