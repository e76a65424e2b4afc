package dev.kiln.shape;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Attribute values for any layer kind, from its annotation's elements: defaults, or random ones. */
final class CatalogSamples {
  private CatalogSamples() {}

  /** Elements that wire a layer rather than configure it: the description keeps them beside the rule. */
  static final Set<String> STRUCTURAL = Set.of("from", "trainable", "sameShapeAs");

  private static final double[] REALS = {0.0, -0.0, 1e-7, 0.1, 1.0 / 3, -2.5, 1e300, Double.MIN_VALUE,
      Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 4.9e-324, 2.2250738585072014E-308};

  /** The annotation's configuring elements, by name. */
  static List<Method> attributes(LayerKind kind) {
    return Arrays.stream(kind.annotation().getDeclaredMethods())
        .filter(m -> !STRUCTURAL.contains(m.getName()))
        .sorted(Comparator.comparing(Method::getName))
        .toList();
  }

  /** Each attribute at its default; a required one at a small valid value. */
  static AttributeMap defaults(LayerKind kind) {
    AttributeMap map = new AttributeMap();
    for (Method m : attributes(kind)) {
      put(map, m, m.getDefaultValue() != null ? m.getDefaultValue() : required(m));
    }
    return map;
  }

  /** Each attribute at a random value of its type, hostile ones included. */
  static AttributeMap random(LayerKind kind, Random random) {
    AttributeMap map = new AttributeMap();
    for (Method m : attributes(kind)) {
      put(map, m, randomValue(m.getReturnType(), random));
    }
    return map;
  }

  /** {@code defaults(kind)} with {@code changed} at another value. */
  static AttributeMap changed(LayerKind kind, Method changed, Random random) {
    AttributeMap base = defaults(kind);
    AttributeMap map = new AttributeMap();
    for (Method m : attributes(kind)) {
      if (m.equals(changed)) {
        Object value;
        String text;
        do {
          value = randomValue(m.getReturnType(), random);
          text = put(new AttributeMap(), m.getName(), value).texts().get(m.getName());
        } while (text.equals(base.texts().get(m.getName())));
        put(map, m, value);
      } else {
        map.putText(m.getName(), base.texts().get(m.getName()));
      }
    }
    return map;
  }

  private static Object required(Method m) {
    Class<?> type = m.getReturnType();
    if (type == int.class) {
      return 2;
    } else if (type == int[].class) {
      return m.getName().equals("targetShape") ? new int[] {-1} : new int[] {2};
    } else if (type == double.class) {
      return 0.5;
    } else if (type == double[].class) {
      return new double[] {0.5};
    } else if (type == boolean.class) {
      return false;
    } else if (type.isEnum()) {
      return type.getEnumConstants()[0];
    }
    throw new AssertionError("attribute type " + type + " of " + m);
  }

  static Object randomValue(Class<?> type, Random random) {
    if (type == int.class) {
      return randomInt(random);
    } else if (type == int[].class) {
      int[] values = new int[random.nextInt(5)];
      for (int i = 0; i < values.length; i++) {
        values[i] = randomInt(random);
      }
      return values;
    } else if (type == double.class) {
      return randomReal(random);
    } else if (type == double[].class) {
      double[] values = new double[random.nextInt(5)];
      for (int i = 0; i < values.length; i++) {
        values[i] = randomReal(random);
      }
      return values;
    } else if (type == boolean.class) {
      return random.nextBoolean();
    } else if (type.isEnum()) {
      Object[] constants = type.getEnumConstants();
      return constants[random.nextInt(constants.length)];
    }
    throw new AssertionError("attribute type " + type);
  }

  private static int randomInt(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> random.nextInt();
      case 1 -> random.nextBoolean() ? Integer.MAX_VALUE : Integer.MIN_VALUE;
      default -> random.nextInt(9) - 1;
    };
  }

  private static double randomReal(Random random) {
    return random.nextBoolean() ? REALS[random.nextInt(REALS.length)]
        : Double.longBitsToDouble(random.nextLong());
  }

  /** Adds {@code value} (boxed, as reflection returns it) under {@code m}'s name. */
  private static void put(AttributeMap map, Method m, Object value) {
    put(map, m.getName(), value);
  }

  static AttributeMap put(AttributeMap map, String name, Object value) {
    if (value instanceof Integer v) {
      return map.put(name, (int) v);
    } else if (value instanceof int[] v) {
      return map.put(name, v);
    } else if (value instanceof Double v) {
      return map.put(name, (double) v);
    } else if (value instanceof double[] v) {
      return map.put(name, v);
    } else if (value instanceof Boolean v) {
      return map.put(name, (boolean) v);
    } else if (value instanceof Enum<?> v) {
      return map.put(name, v);
    }
    throw new AssertionError("attribute `" + name + "` of a type no layer attribute has: " + value);
  }
}
