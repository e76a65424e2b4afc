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
  int[] shape();
}
