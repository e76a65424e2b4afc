package dev.kiln.processor;

import com.palantir.javapoet.CodeBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes values of any size as Java that compiles: a class-file string constant holds at most
 * 65,535 bytes of (modified) UTF-8 and a method at most 64 KB of bytecode, so long text is emitted
 * as chunks joined at class initialisation (a {@code "a" + "b"} would be folded back into one
 * constant), and long arrays as one comma-separated text parsed once.
 */
final class LongCode {
  private LongCode() {}

  /** Characters per chunk: at most 3 bytes each in modified UTF-8, well under 65,535. */
  static final int CHUNK = 8_192;
  /** Longer arrays and name lists are emitted as text, so no element list fills a method. */
  static final int INLINE_ITEMS = 64;

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

  /** {@code new int[] {3, 3}}, or for a long array the parse of its text. */
  static CodeBlock ints(int[] values) {
    List<String> items = new ArrayList<>();
    for (int v : values) {
      items.add(Integer.toString(v));
    }
    if (values.length <= INLINE_ITEMS) {
      return CodeBlock.of("new int[] {$L}", String.join(", ", items));
    }
    return CodeBlock.of("$T.stream($L.split(\",\")).mapToInt($T::parseInt).toArray()", java.util.Arrays.class,
        text(String.join(",", items)), Integer.class);
  }

  /** {@code List.of("a", "b")}, or for a long list the split of its text (names hold no comma). */
  static CodeBlock names(List<String> values) {
    if (values.size() > INLINE_ITEMS) {
      return CodeBlock.of("$T.of($L.split(\",\"))", List.class, text(String.join(",", values)));
    }
    CodeBlock.Builder list = CodeBlock.builder().add("$T.of(", List.class);
    for (int i = 0; i < values.size(); i++) {
      list.add(i == 0 ? "$S" : ", $S", values.get(i));
    }
    return list.add(")").build();
  }
}
