package dev.kiln.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The model's input, without the batch axis: {@code shape = {28, 28, 1}} is (height, width,
 * channels); {@code shape = {784}} is a vector. Keras {@code Input(shape=...)}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Input {
  /**
   * A free height or width, Keras's {@code None}: {@code shape = {ANY, ANY, 3}}. Kiln computes the
   * exact set of sizes the model accepts along that axis (for example {@code H ≥ 16 with H ≡ 0
   * (mod 16)} for a U-Net) and reports it, or explains why no size works.
   */
  int ANY = -1;

  int[] shape();
}
