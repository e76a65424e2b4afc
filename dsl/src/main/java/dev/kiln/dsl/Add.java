package dev.kiln.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The element-wise sum of its inputs. Keras {@code Add}.
 * Shapes must agree, except that a size of 1 broadcasts against any other; no weights.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Add {
  /** The fields to merge, at least two. */
  String[] from();
}
