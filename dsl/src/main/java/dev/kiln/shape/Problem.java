package dev.kiln.shape;

/**
 * One thing wrong with a model, located as precisely as possible.
 *
 * @param node index of the layer in the model ({@code -1} for the model as a whole, {@code 0} is
 *     the input)
 * @param attribute annotation attribute at fault, or {@code null} when a combination is
 * @param index array index within the attribute, or {@code -1} for the whole attribute
 * @param message the full text: what must hold, what was received, and how to fix it
 */
public record Problem(Severity severity, ProblemCode code, int node, String attribute, int index, String message) {

  /** The message with its tag, as javac prints it: {@code [kiln.window] ...}. */
  public String render() {
    return "[" + code.tag() + "] " + message;
  }

  Problem withMessage(String newMessage) {
    return new Problem(severity, code, node, attribute, index, newMessage);
  }

  Problem withSeverity(Severity newSeverity) {
    return new Problem(newSeverity, code, node, attribute, index, message);
  }
}
