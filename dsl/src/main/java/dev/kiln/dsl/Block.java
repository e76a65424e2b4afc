package dev.kiln.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes an annotation type a reusable block of layers, as a Keras application's block function is:
 * the annotation's elements are the block's parameters (javac checks them at every use), and its
 * nested class {@code Layers} declares the layers, as a {@code @Model} does, with {@link Let}, {@link If}
 * and {@link Repeat} for what depends on the parameters.
 *
 * <pre>{@code
 * @Block @interface Bottleneck {
 *   int filters();
 *   int stride() default 1;
 *   class Layers {
 *     @Conv2D(filters = LET, kernelSize = 1) @Let({"filters = filters", "strides = stride"}) Tensor _1_conv;
 *     ...
 *   }
 * }
 * @Bottleneck(filters = 64) Tensor conv2_block1;   // layers conv2_block1_1_conv, ...
 * }</pre>
 *
 * <p>A use of the block is one field: it expands to one layer per field of {@code Layers}, named the
 * use's field name followed by the layer field's name ({@code conv2_block1} + {@code _1_conv}), so that
 * weight files written by Keras load by name. The first layer reads what the use reads (the field
 * before it, or the block's {@code from} parameter if it declares {@code String[] from() default {}});
 * the field names the block's output (its last layer) for the fields after it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.ANNOTATION_TYPE)
public @interface Block {
  /** The name the layers of the block use in {@code from} for the block's input, as Keras code calls it {@code x}. */
  String input() default "x";
}
