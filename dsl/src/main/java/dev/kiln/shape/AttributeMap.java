package dev.kiln.shape;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A layer's attributes as text by annotation element name, in the order written: what
 * {@link LayerRule#write} produces and a {@link ModelDescription} holds. Values are Java-like text
 * ({@code 3}, {@code [3,5]}, {@code 0.001}, {@code Infinity}, {@code true}, {@code SAME}); doubles
 * are written so that they parse back to the same bits. Reading remembers which attributes were
 * read, so a description with an attribute no reader knows is caught ({@link #unread}).
 */
public final class AttributeMap implements AttributeSource<IllegalArgumentException> {
  private final Map<String, String> values = new LinkedHashMap<>();
  private final Set<String> read = new LinkedHashSet<>();

  public AttributeMap put(String name, int value) {
    return putText(name, Integer.toString(value));
  }

  public AttributeMap put(String name, int[] values) {
    StringJoiner joiner = new StringJoiner(",", "[", "]");
    for (int v : values) {
      joiner.add(Integer.toString(v));
    }
    return putText(name, joiner.toString());
  }

  public AttributeMap put(String name, double value) {
    return putText(name, real(value));
  }

  public AttributeMap put(String name, double[] values) {
    StringJoiner joiner = new StringJoiner(",", "[", "]");
    for (double v : values) {
      joiner.add(real(v));
    }
    return putText(name, joiner.toString());
  }

  public AttributeMap put(String name, boolean value) {
    return putText(name, Boolean.toString(value));
  }

  public AttributeMap put(String name, Enum<?> value) {
    return putText(name, value.name());
  }

  /** Adds a value as text, as a description holds it. */
  AttributeMap putText(String name, String text) {
    if (values.putIfAbsent(name, text) != null) {
      throw new IllegalArgumentException("attribute `" + name + "` given twice");
    }
    return this;
  }

  /** The attributes as written, in order. */
  Map<String, String> texts() {
    return java.util.Collections.unmodifiableMap(values);
  }

  /** Marks attributes as read that are not the rule's: a layer's wiring, read by the description. */
  void structural(String... names) {
    for (String name : names) {
      if (values.containsKey(name)) {
        read.add(name);
      }
    }
  }

  /** The attributes no reader asked for. */
  Set<String> unread() {
    Set<String> unread = new LinkedHashSet<>(values.keySet());
    unread.removeAll(read);
    return unread;
  }

  /**
   * {@code 0.001}, {@code Infinity}, {@code -Infinity}, {@code NaN}: {@link Double#toString} where it
   * parses back to the same value, else the exact hexadecimal form ({@code 0x1.0p-3}).
   */
  static String real(double value) {
    String text = Double.toString(value);
    return Double.isNaN(value) || Double.doubleToRawLongBits(Double.parseDouble(text))
        == Double.doubleToRawLongBits(value) ? text : Double.toHexString(value);
  }

  @Override
  public int integer(String name) {
    String text = text(name);
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw wrong(name, text, "an int");
    }
  }

  @Override
  public int[] ints(String name) {
    String[] items = items(name);
    int[] result = new int[items.length];
    for (int i = 0; i < items.length; i++) {
      try {
        result[i] = Integer.parseInt(items[i]);
      } catch (NumberFormatException e) {
        throw wrong(name, text(name), "an int array");
      }
    }
    return result;
  }

  @Override
  public double real(String name) {
    String text = text(name);
    return parseReal(name, text, text);
  }

  @Override
  public double[] reals(String name) {
    String[] items = items(name);
    double[] result = new double[items.length];
    for (int i = 0; i < items.length; i++) {
      result[i] = parseReal(name, items[i], text(name));
    }
    return result;
  }

  @Override
  public boolean bool(String name) {
    String text = text(name);
    if (text.equals("true") || text.equals("false")) {
      return text.equals("true");
    }
    throw wrong(name, text, "true or false");
  }

  @Override
  public <E extends Enum<E>> E constant(String name, Class<E> type) {
    String text = text(name);
    try {
      return Enum.valueOf(type, text);
    } catch (IllegalArgumentException e) {
      throw wrong(name, text, "one of " + java.util.Arrays.toString(type.getEnumConstants()));
    }
  }

  private String text(String name) {
    String text = values.get(name);
    if (text == null) {
      throw new IllegalArgumentException("attribute `" + name + "` is missing");
    }
    read.add(name);
    return text;
  }

  private String[] items(String name) {
    String text = text(name);
    if (!text.startsWith("[") || !text.endsWith("]")) {
      throw wrong(name, text, "an array [a,b]");
    }
    String inner = text.substring(1, text.length() - 1);
    return inner.isEmpty() ? new String[0] : inner.split(",", -1);
  }

  private static double parseReal(String name, String item, String text) {
    // Double.parseDouble also takes " 1" and "1d": only the forms real() writes are accepted.
    if (!item.isEmpty() && item.equals(item.strip()) && "dDfF".indexOf(item.charAt(item.length() - 1)) < 0) {
      try {
        return Double.parseDouble(item);
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw wrong(name, text, "a double");
  }

  private static IllegalArgumentException wrong(String name, String text, String expected) {
    return new IllegalArgumentException("attribute `" + name + "` is `" + text + "`, not " + expected);
  }

  @Override
  public String toString() {
    StringJoiner joiner = new StringJoiner(" ");
    values.forEach((name, text) -> joiner.add(name + "=" + text));
    return joiner.toString();
  }
}
