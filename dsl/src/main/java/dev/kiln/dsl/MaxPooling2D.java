package dev.kiln.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keeps the largest value of each window. Keras {@code MaxPooling2D}; no weights.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface MaxPooling2D {
  /** Window size: one value for both axes, or {height, width}. */
  int[] poolSize() default 2;

  /** Stride per axis; empty (the default) means {@code poolSize}, as Keras's {@code None}. */
  int[] strides() default {};

  /** {@link Padding#VALID} (default) or {@link Padding#SAME}. */
  Padding padding() default Padding.VALID;

  /** The field this layer reads; empty (the default) reads the field declared just before it. */
  String[] from() default {};
}
