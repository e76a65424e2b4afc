package dev.kiln.processor;

import dev.kiln.shape.ModelSpec;
import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * A model as read from its class: the spec for the shape checker, and for each node (0 is the
 * input) where its declaration is, so that problems can be reported on the exact attribute.
 */
record ReadModel(TypeElement type, ModelSpec spec, List<Location> nodes, boolean strict) {

  /**
   * One node's declaration.
   *
   * @param annotation the {@code @Input} or the layer annotation
   * @param shape the {@code @Shape} assertion, or {@code null}
   */
  record Location(VariableElement field, AnnotationValues annotation, AnnotationValues shape) {}
}
