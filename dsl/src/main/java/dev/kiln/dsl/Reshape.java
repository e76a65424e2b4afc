package dev.kiln.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Reshapes to {@code targetShape} (without the batch axis); one entry may be -1, inferred
 * from the input size. Keras {@code Reshape}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Reshape {
  int[] targetShape();

  /** The field this layer reads; empty (the default) reads the field declared just before it. */
  String[] from() default {};
}
