package dev.kiln.processor;

import dev.kiln.processor.AnnotationValues.Erroneous;
import dev.kiln.shape.LayerKind;
import dev.kiln.shape.LayerRule;

/**
 * Builds each layer kind's rule from its annotation: the kind's own reader in the catalog
 * ({@link LayerKind#read}), over javac's annotation values, which throw {@link Erroneous} for a
 * value javac could not resolve.
 */
final class RuleReaders {
  private RuleReaders() {}

  static LayerRule read(LayerKind kind, AnnotationValues v) throws Erroneous {
    return kind.read(v);
  }
}
