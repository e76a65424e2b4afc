package dev.kiln.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * {@code x * scale + offset}, element-wise. Keras {@code Rescaling}: e.g. {@code scale = 1 / 255.0}
 * maps pixels to [0, 1], {@code scale = 1 / 127.5, offset = -1} to [-1, 1]. No weights.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Rescaling {
  /** One factor for every element, or one per channel (the last axis), as Keras broadcasts a list. */
  double[] scale();

  /** Added after scaling: one value, or one per channel. Keras default 0. */
  double[] offset() default 0;

  /** The field this layer reads; empty (the default) reads the field declared just before it. */
  String[] from() default {};
}
