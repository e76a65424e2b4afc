package dev.kiln.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asserts the shape of a field, without the batch axis: {@code @Shape({28, 28, 1})}, or that its
 * height and width are another field's: {@code @Shape(sameAs = "image")}, as an autoencoder or a
 * U-Net's output must be (with a free input size, {@code Input.ANY}, this narrows the accepted
 * sizes to those for which it holds). A mismatch is a compile error that explains where the
 * difference arose.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Shape {
  /** The shape, without the batch axis. */
  int[] value() default {};

  /** A field whose height and width this field's must equal. */
  String sameAs() default "";
}
