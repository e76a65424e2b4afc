package dev.kiln.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asserts the shape of a field, without the batch axis: {@code @Shape({28, 28, 1})}. A mismatch is
 * a compile error that explains where the difference arose.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Shape {
  int[] value();
}
