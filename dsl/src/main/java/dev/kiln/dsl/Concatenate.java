package dev.kiln.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Joins its inputs along {@code axis}; every other size must agree. Keras {@code Concatenate}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Concatenate {
  /** The fields to merge, at least two. */
  String[] from();

  /** Keras axis, counting the batch axis: -1 (the default) is the channel axis. */
  int axis() default -1;
}
