package dev.kiln.dsl;

/** Keras {@code UpSampling2D(interpolation=...)}. */
public enum Interpolation {
  /** Each input pixel repeated {@code size} times along each axis. */
  NEAREST,
  /** Bilinear resize with half-pixel centres (PyTorch {@code align_corners=False}). */
  BILINEAR
}
