package dev.kiln.processor;

import dev.kiln.processor.BlockExpression.Constant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.AnnotationValueVisitor;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Converts between annotation values and the values of block expressions: a parameter written at a
 * use ({@code filters = 64}) becomes an expression value, and an expression's result becomes the
 * annotation value of the attribute it is given to, checked against that attribute's type.
 */
final class BlockValues {
  private BlockValues() {}

  /** An attribute value computed by a block, as javac would have handed it over. */
  record Computed(Object value) implements AnnotationValue {
    @Override
    public Object getValue() {
      return value;
    }

    @Override
    public String toString() {
      return value instanceof VariableElement v ? v.getSimpleName().toString() : String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    @Override
    public <R, P> R accept(AnnotationValueVisitor<R, P> v, P p) {
      if (value instanceof Integer i) {
        return v.visitInt(i, p);
      } else if (value instanceof Double d) {
        return v.visitDouble(d, p);
      } else if (value instanceof Boolean b) {
        return v.visitBoolean(b, p);
      } else if (value instanceof String s) {
        return v.visitString(s, p);
      } else if (value instanceof VariableElement e) {
        return v.visitEnumConstant(e, p);
      }
      return v.visitArray((List<? extends AnnotationValue>) value, p);
    }
  }

  /** The elements (attributes or parameters) of an annotation type, by name. */
  static Map<String, ExecutableElement> elements(TypeElement annotationType) {
    Map<String, ExecutableElement> result = new java.util.LinkedHashMap<>();
    for (ExecutableElement method : ElementFilter.methodsIn(annotationType.getEnclosedElements())) {
      result.put(method.getSimpleName().toString(), method);
    }
    return result;
  }

  /** A written or default annotation value as an expression value: enum constants by name, arrays as lists. */
  static Object fromAnnotation(AnnotationValue value) {
    Object raw = value.getValue();
    if (raw instanceof VariableElement constant) {
      return new Constant(constant.getSimpleName().toString());
    }
    if (raw instanceof List<?> list) {
      List<Object> items = new ArrayList<>();
      for (Object item : list) {
        items.add(fromAnnotation((AnnotationValue) item));
      }
      return items;
    }
    return raw;
  }

  /**
   * An expression value as the annotation value of an element of type {@code type}: an int where an
   * {@code int[]} is expected is the one-element array, as in Java's annotations.
   *
   * @return {@code null} when the value does not fit the type
   */
  static AnnotationValue toAnnotation(Object value, TypeMirror type) {
    if (type.getKind() == TypeKind.ARRAY) {
      TypeMirror component = ((ArrayType) type).getComponentType();
      List<Object> items = value instanceof List<?> list ? new ArrayList<>(list) : List.of(value);
      List<AnnotationValue> converted = new ArrayList<>();
      for (Object item : items) {
        AnnotationValue one = toAnnotation(item, component);
        if (one == null) {
          return null;
        }
        converted.add(one);
      }
      return new Computed(List.copyOf(converted));
    }
    return switch (type.getKind()) {
      case INT -> value instanceof Integer ? new Computed(value) : null;
      case DOUBLE -> value instanceof Number n ? new Computed(n.doubleValue()) : null;
      case BOOLEAN -> value instanceof Boolean ? new Computed(value) : null;
      case DECLARED -> declared(value, (DeclaredType) type);
      default -> null;
    };
  }

  private static AnnotationValue declared(Object value, DeclaredType type) {
    Element element = type.asElement();
    if (element.getKind() == ElementKind.ENUM && value instanceof Constant constant) {
      for (Element member : element.getEnclosedElements()) {
        if (member.getKind() == ElementKind.ENUM_CONSTANT && member.getSimpleName().contentEquals(constant.name())) {
          return new Computed(member);
        }
      }
      return null;
    }
    if (value instanceof String && ((TypeElement) element).getQualifiedName().contentEquals("java.lang.String")) {
      return new Computed(value);
    }
    return null;
  }

  /** What an element of type {@code type} takes, for messages: {@code an int}, {@code a Padding}. */
  static String describeType(TypeMirror type) {
    if (type.getKind() == TypeKind.ARRAY) {
      return "an int or an array of " + describeType(((ArrayType) type).getComponentType());
    }
    String name = type.getKind() == TypeKind.DECLARED
        ? ((DeclaredType) type).asElement().getSimpleName().toString() : type.toString();
    return (name.startsWith("int") ? "an " : "a ") + name;
  }

  /** True for {@code Let.LET} as written: the int itself, or an array of just it. */
  static boolean isLetPlaceholder(AnnotationValue value) {
    Object raw = value.getValue();
    if (raw instanceof List<?> list) {
      return list.size() == 1 && isLetPlaceholder((AnnotationValue) list.get(0));
    }
    return raw instanceof Integer i && i == dev.kiln.dsl.Let.LET
        || raw instanceof Double d && d == dev.kiln.dsl.Let.LET;
  }

  /** {@code mirror}'s values with defaults, those in {@code computed} replaced. */
  static AnnotationValues overridden(javax.lang.model.util.Elements elements, AnnotationMirror mirror,
      Map<String, AnnotationValue> computed) {
    Map<String, AnnotationValue> values = new java.util.HashMap<>();
    Map<String, AnnotationValue> explicit = new java.util.HashMap<>();
    elements.getElementValuesWithDefaults(mirror).forEach((k, v) -> values.put(k.getSimpleName().toString(), v));
    mirror.getElementValues().forEach((k, v) -> explicit.put(k.getSimpleName().toString(), v));
    values.putAll(computed);
    explicit.putAll(computed);
    return new AnnotationValues(mirror, values, explicit);
  }
}
