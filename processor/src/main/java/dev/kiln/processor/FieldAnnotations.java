package dev.kiln.processor;

import dev.kiln.dsl.Block;
import dev.kiln.dsl.Input;
import dev.kiln.dsl.Output;
import dev.kiln.dsl.Repeat;
import dev.kiln.dsl.Shape;
import dev.kiln.shape.LayerKind;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * The Kiln annotations on one field, sorted: its {@code @Input} or layer annotations, and its
 * {@code @Shape} and {@code @Output}; a use of a {@code @Block} and its {@code @Repeat}.
 */
record FieldAnnotations(AnnotationMirror input, List<AnnotationMirror> layers, List<LayerKind> kinds,
    AnnotationMirror shape, AnnotationMirror output, List<AnnotationMirror> blocks, AnnotationMirror repeat) {

  static FieldAnnotations of(VariableElement field) {
    AnnotationMirror input = null;
    AnnotationMirror shape = null;
    AnnotationMirror output = null;
    List<AnnotationMirror> layers = new ArrayList<>();
    List<LayerKind> kinds = new ArrayList<>();
    List<AnnotationMirror> blocks = new ArrayList<>();
    AnnotationMirror repeat = null;
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
      } else if (name.equals(Repeat.class.getCanonicalName())) {
        repeat = mirror;
      } else if (mirror.getAnnotationType().asElement().getAnnotation(Block.class) != null) {
        blocks.add(mirror);
      }
    }
    return new FieldAnnotations(input, layers, kinds, shape, output, blocks, repeat);
  }

  /** The annotation that defines the field: its {@code @Input}, else its first layer, else its block. */
  AnnotationMirror main() {
    return input != null ? input : !layers.isEmpty() ? layers.get(0) : blocks.get(0);
  }

  /** True when the field has no defining annotation: no {@code @Input}, layer or block. */
  boolean undefined() {
    return input == null && layers.isEmpty() && blocks.isEmpty();
  }

  /** True when the field's defining annotation is a use of a {@code @Block}. */
  boolean isBlock() {
    return input == null && layers.isEmpty() && !blocks.isEmpty();
  }

  /** The first layer kind. */
  LayerKind kind() {
    return kinds.get(0);
  }

  /** A second defining annotation, which is a mistake, or {@code null}. */
  AnnotationMirror second() {
    List<AnnotationMirror> defining = new ArrayList<>(layers);
    defining.addAll(blocks);
    int allowed = input != null ? 0 : 1;
    return defining.size() > allowed ? defining.get(allowed) : null;
  }
}
