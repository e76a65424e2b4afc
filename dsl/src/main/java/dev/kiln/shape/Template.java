package dev.kiln.shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A message sentence with named placeholders: {@code ${layer}: `${attribute}` must be at least 1;
 * received ${value}.} Values are bound in the order the distinct names first appear, so a name may
 * recur ({@code Write ${attribute} = 1}) and callers pass each value once. {@code ${name:%,d}}
 * formats its value with a {@link java.util.Formatter} pattern (in {@link Locale#ROOT}); plain
 * placeholders use {@link String#valueOf}. {@code $} is not otherwise special, and braces without
 * it are text (messages quote Java array initializers such as {@code {0, 1, 0, 1}}).
 */
final class Template {
  /** Literal text and placeholders in order; a placeholder is its index into {@link #names}. */
  private final List<Object> parts = new ArrayList<>();
  private final List<String> names = new ArrayList<>();
  private final List<String> formats = new ArrayList<>();

  Template(String text) {
    int at = 0;
    while (at < text.length()) {
      int open = text.indexOf("${", at);
      if (open < 0) {
        parts.add(text.substring(at));
        break;
      }
      int close = text.indexOf('}', open);
      if (close < 0) {
        throw new IllegalArgumentException("unclosed placeholder in: " + text);
      }
      if (open > at) {
        parts.add(text.substring(at, open));
      }
      String spec = text.substring(open + 2, close);
      int colon = spec.indexOf(':');
      String name = colon < 0 ? spec : spec.substring(0, colon);
      if (!name.matches("[a-z][A-Za-z]*")) {
        throw new IllegalArgumentException("bad placeholder name `" + name + "` in: " + text);
      }
      int index = names.indexOf(name);
      if (index < 0) {
        index = names.size();
        names.add(name);
        formats.add(colon < 0 ? null : spec.substring(colon + 1));
      }
      parts.add(index);
      at = close + 1;
    }
  }

  /** The placeholders' names, in the order their values are passed. */
  List<String> names() {
    return List.copyOf(names);
  }

  String render(Object... values) {
    if (values.length != names.size()) {
      throw new IllegalArgumentException("expected " + names.size() + " values " + names + ", received "
          + values.length);
    }
    StringBuilder out = new StringBuilder();
    for (Object part : parts) {
      if (part instanceof Integer index) {
        String format = formats.get(index);
        Object value = values[index];
        out.append(format == null ? String.valueOf(value) : String.format(Locale.ROOT, format, value));
      } else {
        out.append((String) part);
      }
    }
    // A computed sentence may be empty: no space dangles after the last full stop.
    return out.toString().strip();
  }
}
