package dev.kiln.dsl;

/**
 * The type of every field in a {@link Model}: a named tensor that the field's layer produces.
 * Fields of this type are declarations only; they are never assigned or read at run time.
 */
public final class Tensor {
  private Tensor() {}
}
