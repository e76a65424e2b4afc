package dev.kiln.shape;

import java.util.Locale;

/** How a {@link Problem} is reported: an error fails the compile, a warning does not. */
public enum Severity {
  ERROR,
  WARNING;

  /** {@code error} or {@code warning}, as javac prints it. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
