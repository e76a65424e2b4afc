package dev.kiln.processor;

import dev.kiln.shape.AttributeSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * Typed access to one annotation's attributes, defaults included, keeping the explicitly written
 * values so that a diagnostic can point at {@code kernelSize = 5} or at {@code kernelSize[1]}.
 * A value of the wrong type (javac's placeholder for code it could not resolve) throws
 * {@link Erroneous}: javac has already reported the root cause, so the model is skipped quietly. Each
 * layer kind's reader ({@link dev.kiln.shape.LayerKind#read}) reads its rule through this class.
 */
final class AnnotationValues implements AttributeSource<AnnotationValues.Erroneous> {
  /** Thrown when javac hands over an unresolved value. */
  static final class Erroneous extends Exception {
    private static final long serialVersionUID = 1L;

    Erroneous(String attribute) {
      super(attribute, null, false, false);
    }
  }

  private final AnnotationMirror mirror;
  private final Map<String, AnnotationValue> values = new HashMap<>();
  private final Map<String, AnnotationValue> explicit = new HashMap<>();

  AnnotationValues(Elements elements, AnnotationMirror mirror) {
    this.mirror = mirror;
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
        : elements.getElementValuesWithDefaults(mirror).entrySet()) {
      values.put(e.getKey().getSimpleName().toString(), e.getValue());
    }
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : mirror.getElementValues().entrySet()) {
      explicit.put(e.getKey().getSimpleName().toString(), e.getValue());
    }
  }

  AnnotationMirror mirror() {
    return mirror;
  }

  @Override
  public int[] ints(String name) throws Erroneous {
    return items(name, Integer.class).stream().mapToInt(Integer::intValue).toArray();
  }

  /** A {@code double[]} attribute; javac hands over each element as a Double. */
  @Override
  public double[] reals(String name) throws Erroneous {
    return items(name, Double.class).stream().mapToDouble(Double::doubleValue).toArray();
  }

  String[] strings(String name) throws Erroneous {
    return items(name, String.class).toArray(new String[0]);
  }

  /** An array attribute's elements, each of {@code type}. */
  private <T> List<T> items(String name, Class<T> type) throws Erroneous {
    if (!(raw(name) instanceof List<?> list)) {
      throw new Erroneous(name);
    }
    List<T> result = new java.util.ArrayList<>();
    for (Object element : list) {
      Object item = ((AnnotationValue) element).getValue();
      if (!type.isInstance(item) || isPlaceholder((AnnotationValue) element)) {
        throw new Erroneous(name);
      }
      result.add(type.cast(item));
    }
    return result;
  }

  String string(String name) throws Erroneous {
    if (raw(name) instanceof String text && !isPlaceholder(values.get(name))) {
      return text;
    }
    throw new Erroneous(name);
  }

  /**
   * javac's stand-in for a constant it could not resolve ({@code from = Missing.NAME}) claims to be
   * the string {@code <error>}; a real string constant prints quoted, the stand-in does not.
   */
  private static boolean isPlaceholder(AnnotationValue value) {
    return "<error>".equals(value.getValue()) && "<error>".equals(value.toString());
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  @Override
  public int integer(String name) throws Erroneous {
    if (raw(name) instanceof Integer n) {
      return n;
    }
    throw new Erroneous(name);
  }

  @Override
  public double real(String name) throws Erroneous {
    if (raw(name) instanceof Double d) {
      return d;
    }
    throw new Erroneous(name);
  }

  @Override
  public boolean bool(String name) throws Erroneous {
    if (raw(name) instanceof Boolean b) {
      return b;
    }
    throw new Erroneous(name);
  }

  @Override
  public <E extends Enum<E>> E constant(String name, Class<E> type) throws Erroneous {
    if (raw(name) instanceof VariableElement constant) {
      try {
        return Enum.valueOf(type, constant.getSimpleName().toString());
      } catch (IllegalArgumentException e) {
        throw new Erroneous(name);
      }
    }
    throw new Erroneous(name);
  }

  private Object raw(String name) throws Erroneous {
    AnnotationValue value = values.get(name);
    if (value == null) {
      throw new Erroneous(name);
    }
    return value.getValue();
  }

  /**
   * The written value of {@code name}, or its element {@code index} when written as an array;
   * {@code null} when the attribute was left at its default (the annotation is the best position).
   */
  AnnotationValue written(String name, int index) {
    AnnotationValue value = explicit.get(name);
    if (value == null || index < 0) {
      return value;
    }
    if (value.getValue() instanceof List<?> list && index < list.size()) {
      return (AnnotationValue) list.get(index);
    }
    return value;
  }
}
