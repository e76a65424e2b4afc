package dev.kiln.shape;

/**
 * Builds one layer kind's rule from its attributes: each kind's {@code read} method (for example
 * {@link Conv2DRule#read}), named in its {@link LayerKind} entry. Its inverse is
 * {@link LayerRule#write}; {@code DescriptionRoundTripTest} checks that the two agree on every
 * attribute of every kind.
 */
@FunctionalInterface
interface RuleReader {
  <X extends Exception> LayerRule read(LayerKind kind, AttributeSource<X> attributes) throws X;
}
