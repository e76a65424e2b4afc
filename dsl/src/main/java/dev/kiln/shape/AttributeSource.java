package dev.kiln.shape;

/**
 * A layer annotation's attributes by element name ({@code filters}, {@code kernelSize}), defaults
 * included: what each kind's reader builds its rule from. The processor reads javac's annotation
 * mirrors through it (failing with its own exception on a value javac could not resolve), the
 * runtime a {@link ModelDescription} (failing with an {@link IllegalArgumentException}).
 *
 * @param <X> what a missing or mistyped attribute throws
 */
public interface AttributeSource<X extends Exception> {
  int integer(String name) throws X;

  int[] ints(String name) throws X;

  double real(String name) throws X;

  double[] reals(String name) throws X;

  boolean bool(String name) throws X;

  <E extends Enum<E>> E constant(String name, Class<E> type) throws X;
}
