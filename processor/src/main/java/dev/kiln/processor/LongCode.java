package dev.kiln.processor;

import com.palantir.javapoet.CodeBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes values of any size as Java that compiles: a class-file string constant holds at most
 * 65,535 bytes of (modified) UTF-8 and a method at most 64 KB of bytecode, so long text is emitted
 * as chunks joined at class initialisation (a {@code "a" + "b"} would be folded back into one
 * constant). The model itself is such a text ({@link SpecWriter}), so no method grows with it.
 */
final class LongCode {
  private LongCode() {}

  /** Characters per chunk: at most 3 bytes each in modified UTF-8, well under 65,535. */
  static final int CHUNK = 8_192;

  /** True when {@code text} fits one string constant as JavaPoet writes it. */
  static boolean fitsOneConstant(String text) {
    return text.length() <= CHUNK;
  }

  /** {@code String.join("", "...", "...")}: the text in chunks, never split inside a surrogate pair. */
  static CodeBlock text(String text) {
    List<String> chunks = new ArrayList<>();
    for (int start = 0; start < text.length(); ) {
      int end = Math.min(text.length(), start + CHUNK);
      if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
        end--;
      }
      chunks.add(text.substring(start, end));
      start = end;
    }
    CodeBlock.Builder code = CodeBlock.builder().add("$T.join(\"\"", String.class);
    for (String chunk : chunks) {
      code.add(",\n$S", chunk);
    }
    return code.add(")").build();
  }
}
