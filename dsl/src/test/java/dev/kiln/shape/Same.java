package dev.kiln.shape;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;

/**
 * Value equality for rules and specs: records compare their components, arrays their elements
 * (doubles bit for bit), lists item by item. A record's own {@code equals} compares arrays by
 * reference, so two equal {@code Conv2DRule}s read twice would differ.
 */
public final class Same {
  private Same() {}

  /** Where {@code a} and {@code b} first differ, or {@code null} when they are the same value. */
  public static String difference(Object a, Object b) {
    return difference("", a, b);
  }

  private static String difference(String path, Object a, Object b) {
    if (a == null || b == null) {
      return a == b ? null : path + ": " + a + " vs " + b;
    }
    if (a.getClass() != b.getClass()) {
      return path + ": " + a.getClass().getSimpleName() + " vs " + b.getClass().getSimpleName();
    }
    if (a instanceof int[] x) {
      return Arrays.equals(x, (int[]) b) ? null : path + ": " + Arrays.toString(x) + " vs " + Arrays.toString((int[]) b);
    }
    if (a instanceof double[] x) {
      return Arrays.equals(x, (double[]) b) ? null
          : path + ": " + Arrays.toString(x) + " vs " + Arrays.toString((double[]) b);
    }
    if (a instanceof List<?> x) {
      List<?> y = (List<?>) b;
      if (x.size() != y.size()) {
        return path + ": " + x.size() + " items vs " + y.size();
      }
      for (int i = 0; i < x.size(); i++) {
        String d = difference(path + "[" + i + "]", x.get(i), y.get(i));
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (a.getClass().isRecord()) {
      for (RecordComponent component : a.getClass().getRecordComponents()) {
        try {
          component.getAccessor().setAccessible(true);
          String d = difference(path + "." + component.getName(), component.getAccessor().invoke(a),
              component.getAccessor().invoke(b));
          if (d != null) {
            return d;
          }
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
      }
      return null;
    }
    if (a instanceof Double x) {
      return Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits((Double) b) || x.isNaN() && ((Double) b).isNaN()
          ? null : path + ": " + a + " vs " + b;
    }
    return a.equals(b) ? null : path + ": " + a + " vs " + b;
  }
}
