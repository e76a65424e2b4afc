package dev.kiln.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A network declared as a class: an {@link Input} field followed by one {@link Tensor} field per
 * layer, in order. Each layer reads the field declared before it. The Kiln processor checks every
 * shape at compile time and generates {@code Kiln<ClassName>}.
 *
 * <p>Warnings (legal but suspicious models) can be silenced with
 * {@code @SuppressWarnings("kiln.truncation")} on the model or on the field.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Model {
  /** Make warnings (such as a pooling that floors away rows) errors. */
  boolean strict() default false;

  /**
   * The {@code trainable} of every layer that does not set its own: {@code false} freezes the whole
   * model (a feature extractor), and a layer written {@code trainable = true} is then fine-tuned.
   */
  boolean trainable() default true;
}
