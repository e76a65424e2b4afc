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
   * @param path for a layer a block expanded, the way from the field into the block ({@code conv3_block1 →
   *     _2_conv}); empty for a layer field
   * @param origins for such a layer, the block parameter written at the field that each of its attributes
   *     was computed from ({@code filters} for a Conv2D's {@code filters = 4 * filters})
   */
  record Location(VariableElement field, AnnotationValues annotation, AnnotationValues shape, String path,
      java.util.Map<String, String> origins) {
    Location {
      origins = java.util.Map.copyOf(origins);
    }

    Location(VariableElement field, AnnotationValues annotation, AnnotationValues shape) {
      this(field, annotation, shape, "", java.util.Map.of());
    }

    /** The attribute of {@link #annotation()} to point at for a problem with the layer's {@code attribute}. */
    String attributeAt(String attribute) {
      return path.isEmpty() || attribute == null ? attribute : origins.get(attribute);
    }
  }
}
