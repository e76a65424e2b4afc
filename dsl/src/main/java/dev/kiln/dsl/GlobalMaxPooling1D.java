package dev.kiln.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The maximum over the steps of each channel. Keras {@code GlobalMaxPooling1D}: output
 * {@code (channels)}, or {@code (1, channels)} with {@code keepdims}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface GlobalMaxPooling1D {
  /** Keep the steps axis as 1. */
  boolean keepdims() default false;

  /** The field this layer reads; empty (the default) reads the field declared just before it. */
  String[] from() default {};
}
