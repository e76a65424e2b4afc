package dev.kiln.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Inside a {@link Block}: attributes of this field's layer (or parameters of the block it uses) computed
 * from the block's parameters, one {@code "attribute = expression"} each, e.g. {@code "filters = 4 *
 * filters"} or {@code "padding = stride == 1 ? SAME : VALID"}. An expression has integer, real and
 * boolean literals, the block's parameters, {@code channels} (the channel count of the block's input),
 * enum constants ({@code SAME}, {@code RELU}), {@code + - * / %}, comparisons, {@code && || !} and
 * {@code ? :}. An attribute Java requires in the layer annotation is written {@link #LET} there.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Let {
  /** Stands for an attribute that {@code @Let} gives: {@code @Conv2D(filters = LET, ...)}. */
  int LET = Integer.MIN_VALUE;

  String[] value();
}
