package dev.kiln.weights;

import java.util.List;

/**
 * A weight file that cannot give a model its weights: unreadable, malformed, hostile, or not
 * matching the model. {@link #problems()} lists every problem found, not just the first: each
 * missing, unexpected or wrongly shaped tensor names the layer, the tensor, the expected and the
 * found shapes.
 */
public final class WeightFileException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final List<String> problems;

  WeightFileException(String file, List<String> problems) {
    super(message(file, problems));
    this.file = file;
    this.problems = List.copyOf(problems);
  }

  WeightFileException(String file, String problem) {
    this(file, List.of(problem));
  }

  WeightFileException(String file, String problem, Throwable cause) {
    this(file, List.of(problem));
    initCause(cause);
  }

  /** The file (or archive member) the problems were found in, as given by the caller. */
  public String file() {
    return file;
  }

  /** Every problem, one sentence each, in the order found. */
  public List<String> problems() {
    return problems;
  }

  private static String message(String file, List<String> problems) {
    if (problems.size() == 1) {
      return file + ": " + problems.get(0);
    }
    StringBuilder text = new StringBuilder(file).append(": ").append(problems.size()).append(" problems:");
    for (String problem : problems) {
      text.append("\n  - ").append(problem);
    }
    return text.toString();
  }
}
