package dev.kiln.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Repeats rows and columns ({@code NEAREST}) or resizes bilinearly. Keras {@code UpSampling2D}:
 * output {@code (height * size[0], width * size[1], channels)}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface UpSampling2D {
  /** Factor per axis: one value for both, or {height, width}. */
  int[] size() default 2;

  /** {@link Interpolation#NEAREST} (default) or {@link Interpolation#BILINEAR}. */
  Interpolation interpolation() default Interpolation.NEAREST;

  /** The field this layer reads; empty (the default) reads the field declared just before it. */
  String[] from() default {};

  /**
   * A field whose (height, width) this layer's output must have: Kiln chooses {@code size} to match, or
   * explains why no value can. Empty (the default) for none.
   */
  String sameShapeAs() default "";
}
