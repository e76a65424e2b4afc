package dev.kiln.importer;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Modifier;

/**
 * Writes an {@link ImportedModel} as the Java source of a {@code @Model} class: one {@code Tensor}
 * field per layer, each with its annotation, {@code from} where it does not read the field before it,
 * and the source format's class and name as a comment. The only code in the importer that produces
 * Java text; it goes through JavaPoet, never string concatenation.
 */
public final class ModelSourceWriter {
  private static final String DSL = "dev.kiln.dsl";

  private ModelSourceWriter() {}

  /** The source of {@code model}'s class, formatted, ready to write to {@code <className>.java}. */
  public static String write(ImportedModel model) {
    if (!SourceVersion.isName(model.className()) || model.className().contains(".")) {
      throw new IllegalArgumentException("not a Java class name: `" + model.className() + "`");
    }
    TypeSpec.Builder type = TypeSpec.classBuilder(model.className())
        .addAnnotation(ClassName.get(DSL, "Model"))
        .addJavadoc(classComment(model));
    String previous = null;
    for (ImportedLayer layer : model.layers()) {
      type.addField(field(layer, previous));
      previous = layer.field();
    }
    String source = JavaFile.builder(model.packageName(), type.build())
        .skipJavaLangImports(true)
        .indent("  ")
        .build()
        .toString();
    return oneLineAnnotations(source);
  }

  /**
   * JavaPoet puts each member of a field's annotation on its own line; a 300-layer model would read
   * as 2,500 lines. Joins each annotation back onto one line, as a person writes them. Safe because
   * no written value contains a line break ({@code $S} escapes them) and JavaPoet closes a multi-line
   * annotation with a line holding only {@code )}.
   */
  static String oneLineAnnotations(String source) {
    StringBuilder out = new StringBuilder();
    StringBuilder pending = null;
    for (String line : source.split("\n", -1)) {
      String trimmed = line.strip();
      if (pending == null && trimmed.startsWith("@") && trimmed.endsWith("(")) {
        pending = new StringBuilder(line);
      } else if (pending != null && trimmed.equals(")")) {
        out.append(pending).append(")\n");
        pending = null;
      } else if (pending != null) {
        if (pending.charAt(pending.length() - 1) != '(') {
          pending.append(' ');
        }
        pending.append(trimmed);
      } else {
        out.append(line).append('\n');
      }
    }
    return out.substring(0, out.length() - 1);
  }

  private static CodeBlock classComment(ImportedModel model) {
    CodeBlock.Builder doc = CodeBlock.builder()
        .add("Imported by kiln-import from $L.\n", model.source().isEmpty() ? "a model file" : model.source());
    if (!model.dropped().isEmpty()) {
      doc.add("\n<p>Left out (training-only settings, no effect on inference):\n<ul>\n");
      for (String line : model.dropped()) {
        doc.add("  <li>$L\n", escapeHtml(line));
      }
      doc.add("</ul>\n");
    }
    return doc.build();
  }

  private static FieldSpec field(ImportedLayer layer, String previous) {
    if (!SourceVersion.isName(layer.field())) {
      throw new IllegalArgumentException("not a Java field name: `" + layer.field() + "`");
    }
    AnnotationSpec.Builder annotation = AnnotationSpec.builder(ClassName.get(DSL, layer.annotation()));
    for (Map.Entry<String, Object> attribute : layer.attributes().entrySet()) {
      annotation.addMember(attribute.getKey(), value(attribute.getValue(), layer, attribute.getKey()));
    }
    List<String> from = layer.from();
    boolean readsPrevious = from.isEmpty() || (from.size() == 1 && from.get(0).equals(previous));
    if (!readsPrevious) {
      annotation.addMember("from", value(from.toArray(new String[0]), layer, "from"));
    }
    FieldSpec.Builder field = FieldSpec.builder(ClassName.get(DSL, "Tensor"), layer.field())
        .addAnnotation(annotation.build());
    if (layer.output()) {
      field.addAnnotation(ClassName.get(DSL, "Output"));
    }
    if (!layer.origin().isEmpty()) {
      field.addJavadoc("$L\n", escapeHtml(layer.origin()));
    }
    return field.build();
  }

  private static CodeBlock value(Object value, ImportedLayer layer, String name) {
    if (value instanceof Integer || value instanceof Long || value instanceof Boolean) {
      return CodeBlock.of("$L", value);
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("layer `" + layer.field() + "` attribute `" + name + "` is " + d);
      }
      return CodeBlock.of("$L", value instanceof Float ? value + "f" : Double.toString(d));
    }
    if (value instanceof String s) {
      return CodeBlock.of("$S", s);
    }
    if (value instanceof Enum<?> e) {
      return CodeBlock.of("$T.$L", ClassName.get(e.getDeclaringClass()), e.name());
    }
    List<CodeBlock> items = new ArrayList<>();
    if (value instanceof int[] ints) {
      for (int i : ints) {
        items.add(CodeBlock.of("$L", i));
      }
    } else if (value instanceof double[] doubles) {
      for (double d : doubles) {
        items.add(value(d, layer, name));
      }
    } else if (value instanceof String[] strings) {
      for (String s : strings) {
        items.add(CodeBlock.of("$S", s));
      }
    } else {
      throw new IllegalArgumentException("layer `" + layer.field() + "` attribute `" + name + "`: cannot write a "
          + (value == null ? "null" : value.getClass().getSimpleName()));
    }
    return items.size() == 1 ? items.get(0) : CodeBlock.of("{$L}", CodeBlock.join(items, ", "));
  }

  private static String escapeHtml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("*/", "*&#47;");
  }
}
