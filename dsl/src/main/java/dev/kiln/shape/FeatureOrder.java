package dev.kiln.shape;

/**
 * What a layer kind does to the order of a vector's features, which decides how a PyTorch Linear
 * after a Flatten is reordered: Keras flattens {@code (height, width, channels)}, PyTorch
 * {@code (channels, height, width)}.
 */
public enum FeatureOrder {
  /** Flatten, or Reshape to one axis: an image input is flattened (reordered); a vector keeps its order. */
  FLATTENS,
  /** One output per input feature, in place: the order passes through. */
  KEEPS,
  /** Concatenate: the orders of its inputs, one after another. */
  CONCATENATES,
  /** An element-wise merge: its inputs' order when they share one. */
  MERGES,
  /** New features (a Dense, a global pooling) or not a vector: no reordering. */
  NEW
}
