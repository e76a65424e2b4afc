package dev.kiln.processor;

import dev.kiln.dsl.Input;
import dev.kiln.dsl.Output;
import dev.kiln.dsl.Shape;
import dev.kiln.shape.LayerKind;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * The Kiln annotations on one field, sorted: its {@code @Input} or layer annotations, and its
 * {@code @Shape} and {@code @Output}.
 */
record FieldAnnotations(AnnotationMirror input, List<AnnotationMirror> layers, List<LayerKind> kinds,
    AnnotationMirror shape, AnnotationMirror output) {

  static FieldAnnotations of(VariableElement field) {
    AnnotationMirror input = null;
    AnnotationMirror shape = null;
    AnnotationMirror output = null;
    List<AnnotationMirror> layers = new ArrayList<>();
    List<LayerKind> kinds = new ArrayList<>();
    for (AnnotationMirror mirror : field.getAnnotationMirrors()) {
      String name = ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
      LayerKind kind = LayerKind.forAnnotation(name);
      if (kind != null) {
        layers.add(mirror);
        kinds.add(kind);
      } else if (name.equals(Input.class.getCanonicalName())) {
        input = mirror;
      } else if (name.equals(Shape.class.getCanonicalName())) {
        shape = mirror;
      } else if (name.equals(Output.class.getCanonicalName())) {
        output = mirror;
      }
    }
    return new FieldAnnotations(input, layers, kinds, shape, output);
  }

  /** The annotation that defines the field: its {@code @Input}, else its first layer. */
  AnnotationMirror main() {
    return input != null ? input : layers.get(0);
  }

  /** The first layer kind. */
  LayerKind kind() {
    return kinds.get(0);
  }

  /** A second defining annotation, which is a mistake, or {@code null}. */
  AnnotationMirror second() {
    int allowed = input != null ? 0 : 1;
    return layers.size() > allowed ? layers.get(allowed) : null;
  }
}
