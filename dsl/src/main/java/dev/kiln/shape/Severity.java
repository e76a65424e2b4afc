package dev.kiln.shape;

/** How a {@link Problem} is reported: an error fails the compile, a warning does not. */
public enum Severity {
  ERROR,
  WARNING
}
