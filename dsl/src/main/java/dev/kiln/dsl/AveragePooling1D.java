package dev.kiln.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Averages each window of steps. Keras {@code AveragePooling1D} (SAME windows average only the
 * steps inside the input); no weights.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface AveragePooling1D {
  /** Window size along the steps. */
  int[] poolSize() default 2;

  /** Stride along the steps; empty (the default) means {@code poolSize}, as Keras's {@code None}. */
  int[] strides() default {};

  /** {@link Padding#VALID} (default) or {@link Padding#SAME}. */
  Padding padding() default Padding.VALID;

  /** The field this layer reads; empty (the default) reads the field declared just before it. */
  String[] from() default {};
}
