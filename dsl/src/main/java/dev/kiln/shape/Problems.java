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

  /**
   * Reports {@code code} with its severity from the catalog; {@code values} fill its placeholders
   * after {@code ${layer}}, which is this layer's label.
   */
  public void report(ProblemCode code, String attribute, int index, Object... values) {
    if (quiet) {
      found.add(new Problem(code, node, attribute, index, ""));
      return;
    }
    if (!code.placeholders().get(0).equals("layer")) {
      throw new IllegalArgumentException(code + " is not a layer-level problem");
    }
    Object[] withLabel = new Object[values.length + 1];
    withLabel[0] = label;
    System.arraycopy(values, 0, withLabel, 1, values.length);
    found.add(new Problem(code, node, attribute, index, code.sentence(withLabel)));
  }

  public boolean hasErrors() {
    return found.stream().anyMatch(p -> p.severity() == Severity.ERROR);
  }

  public List<Problem> list() {
    return List.copyOf(found);
  }

  /**
   * A model's problems as a run-time exception shows them, one rendered problem per line, the same
   * text javac printed: {@code model `M` has 1 error:\n  error: [kiln.window] ...}.
   */
  public static String describe(String model, List<Problem> problems) {
    long errors = problems.stream().filter(p -> p.severity() == Severity.ERROR).count();
    long warnings = problems.size() - errors;
    StringBuilder out = new StringBuilder("model `").append(model).append("` has ").append(count(errors, "error"));
    if (warnings > 0) {
      out.append(" and ").append(count(warnings, "warning"));
    }
    out.append(':');
    for (Problem problem : problems) {
      out.append("\n  ").append(problem.severity().word()).append(": ").append(problem.render());
    }
    return out.toString();
  }

  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
