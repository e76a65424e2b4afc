package dev.kiln.processor;

import dev.kiln.dsl.Labels;
import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.ProblemCode;
import dev.kiln.shape.TensorShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Reads {@code @Labels} on a model's output field and checks it names one class per output unit,
 * reporting a mismatch on the attribute; the generated {@code Output} then carries the labels.
 */
final class LabelsReader {
  private LabelsReader() {}

  /**
   * The output's labels in unit order; an empty list when the model declares none or they are
   * wrong (then an error has been reported and the model is not generated).
   *
   * @param reporter where a mismatch is reported, or {@code null} to read labels already checked
   */
  static List<String> read(ReadModel model, CheckedModel checked, Reporter reporter) {
    if (checked.outputNames().size() != 1) {
      return List.of();
    }
    String output = checked.outputNames().get(0);
    for (Element field : model.type().getEnclosedElements()) {
      if (!field.getKind().isField() || !field.getSimpleName().contentEquals(output)) {
        continue;
      }
      for (AnnotationMirror mirror : field.getAnnotationMirrors()) {
        if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName()
            .contentEquals(Labels.class.getCanonicalName())) {
          return check(field, mirror, checked.outputShape(), reporter);
        }
      }
    }
    return List.of();
  }

  private static List<String> check(Element field, AnnotationMirror mirror, TensorShape shape, Reporter reporter) {
    AnnotationValue value = null;
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry : mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals("value")) {
        value = entry.getValue();
      }
    }
    List<String> labels = new ArrayList<>();
    if (value != null && value.getValue() instanceof List<?> items) {
      for (Object item : items) {
        labels.add(String.valueOf(((AnnotationValue) item).getValue()));
      }
    } else if (value != null) {
      labels.add(String.valueOf(value.getValue())); // javac hands a single unbraced element as itself
    }
    long units = shape.rank() == 1 ? shape.dim(0) : -1;
    if (labels.size() != units) {
      String fix = units < 0
          ? "Labels name the units of a vector output; this output is not a vector."
          : labels.size() < units ? "Add the missing " + (units - labels.size()) + "."
          : "Remove " + (labels.size() - units) + ".";
      if (reporter != null) {
        reporter.error(ProblemCode.LABELS, field, mirror, value, field.getSimpleName(), shape,
            Math.max(units, 0), labels.size(), fix);
      }
      return List.of();
    }
    return List.copyOf(labels);
  }
}
