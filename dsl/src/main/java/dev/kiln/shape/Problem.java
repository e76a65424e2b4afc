package dev.kiln.shape;

/**
 * One thing wrong with a model, located as precisely as possible. Its severity and sentence come
 * from its {@link ProblemCode}; {@link #render()} is the one text javac, the JSON report and run-time
 * exceptions show.
 *
 * @param node index of the layer in the model ({@code -1} for the model as a whole, {@code 0} is
 *     the input)
 * @param attribute annotation attribute at fault, or {@code null} when a combination is
 * @param index array index within the attribute, or {@code -1} for the whole attribute
 * @param message the full text: what must hold, what was received, and how to fix it
 */
public record Problem(ProblemCode code, int node, String attribute, int index, String message) {

  /**
   * A problem not found by a layer's rule (an @Input, the wiring, a @Shape): {@code values} fill
   * every placeholder of {@code code}'s sentence, {@code ${layer}} included.
   */
  public static Problem of(ProblemCode code, int node, String attribute, int index, Object... values) {
    return new Problem(code, node, attribute, index, code.sentence(values));
  }

  public Severity severity() {
    return code.severity();
  }

  /** The message with its tag, as javac prints it: {@code [kiln.window] ...}. */
  public String render() {
    return "[" + code.tag() + "] " + message;
  }

  /** {@link #render()}: a problem concatenated into an exception message reads as javac shows it. */
  @Override
  public String toString() {
    return render();
  }

  /** This problem with a model-level fix (found by re-checking edits) appended as a sentence. */
  Problem withFix(String sentence) {
    return sentence.isEmpty() ? this : new Problem(code, node, attribute, index, message + " " + sentence);
  }
}
