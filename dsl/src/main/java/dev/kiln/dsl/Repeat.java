package dev.kiln.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A stage of {@code value} uses of a {@link Block} in a row, each reading the one before, as Keras's
 * stack functions build them: the field names the first ({@code conv3_block1}), its trailing number
 * counts up for the others ({@code conv3_block2}, ...). The others take {@code rest} for the
 * parameters that only the first has, e.g. {@code rest = "stride = 1"}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Repeat {
  int value();

  /** {@code "parameter = expression"} for every use after the first. */
  String[] rest() default {};
}
