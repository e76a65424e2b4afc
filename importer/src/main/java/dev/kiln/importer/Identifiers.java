package dev.kiln.importer;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * Turns names from a model file (Keras layer names, ONNX node and tensor names such as
 * {@code /layer1/layer1.0/conv1/Conv}) into Java field names. A name that already is a valid
 * identifier is kept as it is, so a Keras weight file still loads by layer name; anything else is
 * rewritten ({@code layer1_layer1_0_conv1_Conv}) and made unique.
 */
public final class Identifiers {
  private final Set<String> taken = new HashSet<>();

  /** A unique, valid Java identifier for {@code name}; the same call twice gives two names. */
  public String field(String name) {
    String base = sanitize(name);
    String candidate = base;
    // Case-insensitive uniqueness: generated constants upper-case field names.
    for (int n = 2; taken.contains(candidate.toLowerCase(Locale.ROOT)); n++) {
      candidate = base + "_" + n;
    }
    taken.add(candidate.toLowerCase(Locale.ROOT));
    return candidate;
  }

  /** {@code name} as a valid identifier, not yet made unique. */
  static String sanitize(String name) {
    StringBuilder out = new StringBuilder();
    boolean lastUnderscore = false;
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      i += Character.charCount(cp);
      boolean ok = cp < 128 && (out.length() == 0 ? Character.isJavaIdentifierStart(cp) : Character.isJavaIdentifierPart(cp));
      if (ok && cp != '$') {
        out.appendCodePoint(cp);
        lastUnderscore = cp == '_';
      } else if (out.length() > 0 && !lastUnderscore && Character.isLetterOrDigit(cp) && cp < 128) {
        out.appendCodePoint(cp); // a digit where an identifier cannot start: handled below
        lastUnderscore = false;
      } else if (out.length() > 0 && !lastUnderscore) {
        out.append('_');
        lastUnderscore = true;
      } else if (out.length() == 0 && cp < 128 && Character.isDigit(cp)) {
        out.append("n").appendCodePoint(cp);
        lastUnderscore = false;
      }
    }
    while (out.length() > 1 && out.charAt(out.length() - 1) == '_') {
      out.setLength(out.length() - 1);
    }
    String result = out.toString();
    if (result.isEmpty() || result.equals("_")) {
      return "layer";
    }
    return SourceVersion.isKeyword(result) || result.equals("var") ? result + "_" : result;
  }
}
