package dev.kiln.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * {@code x > 0 ? x : alpha * (exp(x) - 1)}. Keras {@code ELU}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface ELU {
  double alpha() default 1.0;

  /** The field this layer reads; empty (the default) reads the field declared just before it. */
  String[] from() default {};
}
