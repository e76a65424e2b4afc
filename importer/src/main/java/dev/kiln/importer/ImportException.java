package dev.kiln.importer;

import java.util.List;

/**
 * A model that cannot be imported, with every reason at once (each unsupported layer or op with its
 * class and name, each unreadable part of the file), so one run shows the user the whole list.
 */
public final class ImportException extends Exception {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public ImportException(String summary, List<String> problems) {
    super(summary + (problems.isEmpty() ? "" : ":\n  " + String.join("\n  ", problems)));
    this.problems = List.copyOf(problems);
  }

  public ImportException(String message) {
    this(message, List.of());
  }

  /** One line per problem, in the order they occur in the file. */
  public List<String> problems() {
    return problems;
  }
}
