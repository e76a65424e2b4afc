package dev.kiln.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Inside a {@link Block}: the layer exists only when the condition on the block's parameters holds
 * ({@code "shortcut"}, {@code "stride == 1 && channels == filters"}), as Keras's block functions write
 * {@code if conv_shortcut:}. A layer left out is as if it were not declared, as Keras's {@code x} stays
 * what it was: whatever reads it reads the field before it. So {@code @Add(from = {"_0_bn", "_3_bn"})}
 * adds the block's input when the projection {@code _0_conv}, {@code _0_bn} (the first layers) is left
 * out, and a block whose last layer is left out ends with the one before.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface If {
  String value();
}
