package dev.kiln.shape;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems one layer's rule finds. The layer's label (e.g. {@code `conv4` (Conv2D)})
 * is the first argument of every layer-level message.
 */
public final class Problems {
  private final int node;
  private final String label;
  private final List<Problem> found = new ArrayList<>();
  /** Records codes and severities only, for the candidate models a fix search tries. */
  private final boolean quiet;

  public Problems(int node, String label) {
    this(node, label, false);
  }

  private Problems(int node, String label, boolean quiet) {
    this.node = node;
    this.label = label;
    this.quiet = quiet;
  }

  /** Problems whose messages are never read: formatting them would dominate a fix search. */
  static Problems quiet(int node) {
    return new Problems(node, "", true);
  }

  /** True when a problem with {@code code} was found. */
  boolean has(ProblemCode code) {
    return found.stream().anyMatch(p -> p.code() == code);
  }

  public String label() {
    return label;
  }

  public void error(ProblemCode code, String attribute, int index, Object... args) {
    add(Severity.ERROR, code, attribute, index, args);
  }

  public void warning(ProblemCode code, String attribute, int index, Object... args) {
    add(Severity.WARNING, code, attribute, index, args);
  }

  private void add(Severity severity, ProblemCode code, String attribute, int index, Object... args) {
    if (quiet) {
      found.add(new Problem(severity, code, node, attribute, index, ""));
      return;
    }
    Object[] withLabel = new Object[args.length + 1];
    withLabel[0] = label;
    System.arraycopy(args, 0, withLabel, 1, args.length);
    found.add(new Problem(severity, code, node, attribute, index, code.format(withLabel)));
  }

  public boolean hasErrors() {
    return found.stream().anyMatch(p -> p.severity() == Severity.ERROR);
  }

  public List<Problem> list() {
    return List.copyOf(found);
  }
}
