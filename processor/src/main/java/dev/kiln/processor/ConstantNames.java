package dev.kiln.processor;

import java.util.HashSet;
import java.util.Set;

/**
 * Names the generated shape constants of fields ({@code skipConv} to {@code SKIP_CONV_HEIGHT}) so
 * that two fields never share one: the mapping from a field name to its constant prefix is
 * injective ({@code skipConv}, {@code skip_conv}, {@code SkipConv} give {@code SKIP_CONV},
 * {@code SKIP__CONV}, {@code _SKIP_CONV}), and every name handed out is checked against the others.
 */
final class ConstantNames {
  private final Set<String> taken = new HashSet<>();

  /** Reserves a fixed name such as {@code TOTAL_PARAMS}; false if it is already taken. */
  boolean reserve(String name) {
    return taken.add(name);
  }

  /**
   * A unique name: {@code wanted}, or {@code wanted} with the smallest suffix {@code _2}, {@code _3}
   * ... that is free. Only names that are not field-derived can meet here (a field's prefix and
   * the fixed {@code INPUT}/{@code OUTPUT}), so the suffix is rare.
   */
  String unique(String wanted) {
    String name = wanted;
    for (int n = 2; !taken.add(name); n++) {
      name = wanted + "_" + n;
    }
    return name;
  }

  /**
   * The constant-case prefix of a field: a lower-case letter is upper-cased, an upper-case letter
   * gets an underscore before it, an underscore is doubled, and a letter whose upper case does not
   * map back to it (e.g. {@code ß}) is kept as it is; each output decodes to one input.
   */
  static String prefix(String field) {
    StringBuilder out = new StringBuilder(field.length() + 4);
    for (int i = 0; i < field.length(); ) {
      int c = field.codePointAt(i);
      i += Character.charCount(c);
      if (c == '_') {
        out.append("__");
      } else if (Character.isUpperCase(c)) {
        out.append('_').appendCodePoint(c);
      } else if (Character.isLowerCase(c)) {
        int upper = Character.toUpperCase(c);
        out.appendCodePoint(Character.isUpperCase(upper) && Character.toLowerCase(upper) == c ? upper : c);
      } else {
        out.appendCodePoint(c);
      }
    }
    return out.toString();
  }
}
