package dev.kiln.processor;

import dev.kiln.shape.Problem;
import dev.kiln.shape.ProblemCode;
import dev.kiln.shape.Severity;
import java.util.Arrays;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Turns problems into javac diagnostics on the most precise position: the array element, the
 * attribute, the annotation, the field or the class. Reporting never stops processing, so one
 * compile shows every independent mistake. Counts errors so a model with any is not generated.
 */
final class Reporter {
  private final Messager messager;
  private int errors;
  /** Diagnostics held back while a model is read, or {@code null} when printing directly. */
  private java.util.List<Runnable> held;
  private int heldErrors;

  Reporter(Messager messager) {
    this.messager = messager;
  }

  /** Errors reported, those held back included. */
  int errorCount() {
    return errors + heldErrors;
  }

  /**
   * Holds back what is reported from now on: a model that javac cannot resolve yet is read again
   * in the next round, and what it reported this time must not be printed twice.
   */
  void hold() {
    held = new java.util.ArrayList<>();
  }

  /** Prints what was held back. */
  void release() {
    java.util.List<Runnable> pending = held;
    held = null;
    heldErrors = 0;
    if (pending != null) {
      pending.forEach(Runnable::run);
    }
  }

  /** Forgets what was held back (the model will be read again). */
  void discard() {
    held = null;
    heldErrors = 0;
  }

  /** A structural problem found while reading the class; {@code values} fill the code's placeholders. */
  void error(ProblemCode code, Element element, AnnotationMirror mirror, AnnotationValue value, Object... values) {
    if (code.severity() != Severity.ERROR) {
      throw new IllegalArgumentException(code + " is not an error");
    }
    print(Diagnostic.Kind.ERROR, Problem.of(code, -1, null, -1, values).render(), element, mirror, value);
  }

  void note(Element element, String message) {
    messager.printMessage(Diagnostic.Kind.NOTE, message, element);
  }

  /** A problem from the shape checker, on its node's declaration. */
  void report(Problem problem, ReadModel model) {
    Element element = model.type();
    AnnotationMirror mirror = null;
    AnnotationValue value = null;
    if (problem.node() >= 0) {
      ReadModel.Location location = model.nodes().get(problem.node());
      element = location.field();
      boolean onShape = problem.code() == ProblemCode.SHAPE_MISMATCH || problem.code() == ProblemCode.SAME_AS;
      AnnotationValues annotation = onShape && location.shape() != null ? location.shape() : location.annotation();
      mirror = annotation.mirror();
      String attribute = problem.code() == ProblemCode.SHAPE_MISMATCH ? "value" : problem.attribute();
      if (!location.path().isEmpty() && annotation == location.annotation()) {
        attribute = location.attributeAt(attribute);
      }
      value = attribute == null ? null
          : annotation.written(attribute, location.path().isEmpty() ? problem.index() : -1);
    }
    String text = problem.render();
    if (problem.node() >= 0 && !model.nodes().get(problem.node()).path().isEmpty()) {
      // after the tag: "[kiln.window] conv3_block1 → _2_conv: `conv3_block1_2_conv` (Conv2D): ..."
      int tagEnd = text.indexOf("] ") + 2;
      text = text.substring(0, tagEnd) + model.nodes().get(problem.node()).path() + ": " + text.substring(tagEnd);
    }
    Diagnostic.Kind kind = Diagnostic.Kind.ERROR;
    if (problem.severity() == Severity.WARNING) {
      if (suppressed(element, problem.code().tag())) {
        return;
      }
      if (model.strict()) {
        text += " This is an error because the model is @Model(strict = true).";
      } else {
        kind = Diagnostic.Kind.WARNING;
        text += " Silence with @SuppressWarnings(\"" + problem.code().tag() + "\") on the field or the model.";
      }
    }
    print(kind, text, element, mirror, value);
  }

  private void print(Diagnostic.Kind kind, String text, Element element, AnnotationMirror mirror,
      AnnotationValue value) {
    if (held != null) {
      held.add(() -> print(kind, text, element, mirror, value));
      heldErrors += kind == Diagnostic.Kind.ERROR ? 1 : 0;
      return;
    }
    if (kind == Diagnostic.Kind.ERROR) {
      errors++;
    }
    if (mirror == null) {
      messager.printMessage(kind, text, element);
    } else if (value == null) {
      messager.printMessage(kind, text, element, mirror);
    } else {
      messager.printMessage(kind, text, element, mirror, value);
    }
  }

  /** {@code @SuppressWarnings} with the tag, or {@code "kiln"} for all, on the element or an enclosing one. */
  private static boolean suppressed(Element element, String tag) {
    for (Element e = element; e != null; e = e.getEnclosingElement()) {
      SuppressWarnings suppress = e.getAnnotation(SuppressWarnings.class);
      if (suppress != null && Arrays.stream(suppress.value()).anyMatch(v -> v.equals(tag) || v.equals("kiln"))) {
        return true;
      }
    }
    return false;
  }
}
