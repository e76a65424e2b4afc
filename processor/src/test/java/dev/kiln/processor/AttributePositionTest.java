package dev.kiln.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.kiln.processor.Sources.compile;
import static dev.kiln.processor.Sources.source;

import com.google.testing.compile.Compilation;
import dev.kiln.shape.ProblemCode;
import dev.kiln.shape.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README's promise that every diagnostic underlines the attribute at fault, pinned for every
 * problem code reported on an attribute: the diagnostic count, the message (the code's own sentence),
 * the line and the column javac points at. In a row's {@code caret}, {@code >} marks where javac's
 * caret must be: on the attribute's value, or on the element when one element is at fault (javac
 * puts it on the dot of a qualified constant such as {@code Double.NaN}). A new code must get a row
 * here or be listed in {@link #NOT_ON_AN_ATTRIBUTE} or {@link #PINNED_BY_FEATURE_TESTS}.
 */
class AttributePositionTest {
  /** Reported on a layer annotation, a field or the class: pinned by the structure and shape tests. */
  static final Set<ProblemCode> NOT_ON_AN_ATTRIBUTE = EnumSet.of(ProblemCode.STRIDES_WITH_DILATION,
      ProblemCode.NEEDS_IMAGE, ProblemCode.TRUNCATION, ProblemCode.UNUSED, ProblemCode.NO_INPUT,
      ProblemCode.INPUT_AFTER_LAYER, ProblemCode.LAYER_BEFORE_INPUT, ProblemCode.NO_LAYERS, ProblemCode.FIELD_TYPE,
      ProblemCode.STATIC_FIELD, ProblemCode.TWO_LAYERS, ProblemCode.MISSING_LAYER, ProblemCode.STRAY_ANNOTATION,
      ProblemCode.MODEL_KIND, ProblemCode.MODEL_GENERIC, ProblemCode.WRITE_FAILED, ProblemCode.INTERNAL,
      // on the layer whose rule excludes every size; on `shape` only for a limitation of the size search
      ProblemCode.NO_SIZE);

  /**
   * On an attribute, with count, message, line and column pinned by the test of their feature: the
   * block codes by BlockDiagnosticsTest (on a @Let/@If/@Repeat string or the use), the 1-D ones by
   * OneDDiagnosticsTest.
   */
  static final Set<ProblemCode> PINNED_BY_FEATURE_TESTS = EnumSet.of(ProblemCode.BLOCK_EXPRESSION,
      ProblemCode.BLOCK_UNKNOWN_ATTRIBUTE, ProblemCode.BLOCK_VALUE_TYPE, ProblemCode.BLOCK_LET_UNSET,
      ProblemCode.BLOCK_LET_TWICE, ProblemCode.BLOCK_FROM, ProblemCode.BLOCK_CYCLE, ProblemCode.BLOCK_NAME_COLLISION,
      ProblemCode.BLOCK_LAYERS_FIELD, ProblemCode.BLOCK_NO_LAYERS, ProblemCode.BLOCK_REPEAT_COUNT,
      ProblemCode.BLOCK_REPEAT_NAME, ProblemCode.BLOCK_TOO_MANY_LAYERS, ProblemCode.BLOCK_OUTSIDE,
      ProblemCode.STEPS_LENGTH, ProblemCode.ENDS_LENGTH, ProblemCode.CAUSAL_PADDING, ProblemCode.NEEDS_SEQUENCE,
      ProblemCode.TRANSPOSED_EMPTY_STEPS, ProblemCode.CROP_STEPS,
      ProblemCode.FREE_SEQUENCE_CHANNELS);

  private static final String IMAGE = "@Input(shape = {8, 8, 3}) Tensor image;";

  /** @param body the model's fields, one per line (line 7 onwards) */
  record Row(ProblemCode code, String caret, String... body) {
    @Override
    public String toString() {
      return code + " at " + caret;
    }
  }

  static List<Row> rows() {
    return List.of(
        new Row(ProblemCode.ARRAY_LENGTH, "kernelSize = >{3, 3, 3}", IMAGE,
            "@Conv2D(filters = 4, kernelSize = {3, 3, 3}) Tensor layer;"),
        new Row(ProblemCode.EDGES_LENGTH, "padding = >{1, 2, 3}", IMAGE, "@ZeroPadding2D(padding = {1, 2, 3}) Tensor layer;"),
        new Row(ProblemCode.PER_CHANNEL_EMPTY, "scale = >{}", IMAGE, "@Rescaling(scale = {}) Tensor layer;"),
        new Row(ProblemCode.NOT_POSITIVE, "{3, >0}", IMAGE, "@Conv2D(filters = 4, kernelSize = {3, 0}) Tensor layer;"),
        new Row(ProblemCode.NOT_POSITIVE, "filters = >0", IMAGE, "@Conv2D(filters = 0, kernelSize = 3) Tensor layer;"),
        new Row(ProblemCode.NEGATIVE, "{1, >-2}", IMAGE, "@ZeroPadding2D(padding = {1, -2}) Tensor layer;"),
        new Row(ProblemCode.NOT_FINITE, "{1, Double>.NaN, 1}", IMAGE,
            "@Rescaling(scale = {1, Double.NaN, 1}) Tensor layer;"),
        new Row(ProblemCode.NOT_FINITE_DEFAULT, "epsilon = Double>.NaN", IMAGE,
            "@BatchNormalization(epsilon = Double.NaN) Tensor layer;"),
        new Row(ProblemCode.NAN_MAX_VALUE, "maxValue = Double>.NaN", IMAGE, "@ReLU(maxValue = Double.NaN) Tensor layer;"),
        new Row(ProblemCode.OUTPUT_PADDING, "{0, >2}", IMAGE,
            "@Conv2DTranspose(filters = 4, kernelSize = 3, strides = 2, outputPadding = {0, 2}) Tensor layer;"),
        new Row(ProblemCode.OUTPUT_PADDING_STRIDE_ONE, "outputPadding = >1", IMAGE,
            "@Conv2DTranspose(filters = 4, kernelSize = 3, outputPadding = 1) Tensor layer;"),
        new Row(ProblemCode.DROPOUT_RATE, "rate = >1.0", IMAGE, "@Dropout(rate = 1.0) Tensor layer;"),
        new Row(ProblemCode.RESHAPE_TARGET, "targetShape = >{-1, -1}", IMAGE, "@Reshape(targetShape = {-1, -1}) Tensor layer;"),
        new Row(ProblemCode.NORMALIZATION_MISSING, "mean = >{1, 2, 3}", IMAGE, "@Normalization(mean = {1, 2, 3}) Tensor layer;"),
        new Row(ProblemCode.NORMALIZATION_VALUES, "mean = >{1, 2}", IMAGE,
            "@Normalization(mean = {1, 2}, variance = {1, 2, 3}) Tensor layer;"),
        new Row(ProblemCode.WINDOW_TOO_LARGE, "kernelSize = >3", "@Input(shape = {2, 2, 1}) Tensor image;",
            "@Conv2D(filters = 4, kernelSize = 3) Tensor layer;"),
        new Row(ProblemCode.WINDOW_TOO_LARGE, "{>3, 1}", "@Input(shape = {2, 8, 1}) Tensor image;",
            "@MaxPooling2D(poolSize = {3, 1}) Tensor layer;"),
        new Row(ProblemCode.WINDOW_TOO_LARGE_DILATED, "kernelSize = >3", "@Input(shape = {4, 4, 1}) Tensor image;",
            "@Conv2D(filters = 4, kernelSize = 3, dilationRate = 2) Tensor layer;"),
        new Row(ProblemCode.TRANSPOSED_EMPTY, "outputPadding = >0", "@Input(shape = {1, 1, 1}) Tensor image;",
            "@Conv2DTranspose(filters = 4, kernelSize = 2, padding = SAME, outputPadding = 0) Tensor layer;"),
        new Row(ProblemCode.TF_TRANSPOSE, "outputPadding = >0", "@Input(shape = {4, 4, 1}) Tensor image;",
            "@Conv2DTranspose(filters = 4, kernelSize = 2, strides = 2, padding = SAME, outputPadding = 0) Tensor layer;"),
        new Row(ProblemCode.CROP_TOO_MUCH, "cropping = >2", "@Input(shape = {4, 4, 1}) Tensor image;",
            "@Cropping2D(cropping = 2) Tensor layer;"),
        new Row(ProblemCode.RESHAPE_SIZE, "targetShape = >{10, 10}", IMAGE, "@Reshape(targetShape = {10, 10}) Tensor layer;"),
        new Row(ProblemCode.RESHAPE_SIZE_INFERRED, "targetShape = >{-1, 7}", IMAGE,
            "@Reshape(targetShape = {-1, 7}) Tensor layer;"),
        new Row(ProblemCode.TOO_LARGE, "units = >1000000000", IMAGE, "@Dense(units = 1000000000) Tensor layer;"),
        new Row(ProblemCode.TOO_LARGE, "shape = >{65536, 65536, 3}", "@Input(shape = {65536, 65536, 3}) Tensor image;",
            "@Flatten Tensor layer;"),
        new Row(ProblemCode.PER_CHANNEL, "offset = >{0, 1}", IMAGE, "@Rescaling(scale = 1, offset = {0, 1}) Tensor layer;"),
        new Row(ProblemCode.SHAPE_MISMATCH, "@Shape(>{8, 8, 5})", IMAGE, "@Dense(units = 4) @Shape({8, 8, 5}) Tensor layer;"),
        new Row(ProblemCode.INPUT_SHAPE_MISMATCH, "@Shape(>{8, 8, 4})", "@Input(shape = {8, 8, 3}) @Shape({8, 8, 4}) Tensor image;",
            "@Flatten Tensor layer;"),
        new Row(ProblemCode.UNKNOWN_NAME, "from = >\"zzzzzz\"", IMAGE, "@Dense(units = 2, from = \"zzzzzz\") Tensor layer;"),
        new Row(ProblemCode.UNKNOWN_NAME_NEAR, "from = >\"imag\"", IMAGE, "@Dense(units = 2, from = \"imag\") Tensor layer;"),
        new Row(ProblemCode.FORWARD_REFERENCE, "from = >\"later\"", IMAGE,
            "@Dense(units = 2, from = \"later\") Tensor early;", "@Dense(units = 2, from = \"image\") Tensor later;",
            "@Add(from = {\"early\", \"later\"}) Tensor sum;"),
        new Row(ProblemCode.SELF_REFERENCE, "from = >\"layer\"", IMAGE, "@Dense(units = 2, from = \"layer\") Tensor layer;"),
        new Row(ProblemCode.ONE_INPUT, "{\"image\", >\"image\"}", IMAGE,
            "@Dense(units = 2, from = {\"image\", \"image\"}) Tensor layer;"),
        new Row(ProblemCode.MERGE_ARITY, "from = >\"image\"", IMAGE, "@Add(from = \"image\") Tensor layer;"),
        new Row(ProblemCode.SUBTRACT_ARITY, "from = >{", IMAGE,
            "@Subtract(from = {\"image\", \"image\", \"image\"}) Tensor layer;"),
        new Row(ProblemCode.MERGE_RANK, "from = >{", IMAGE, "@Flatten Tensor flat;",
            "@Add(from = {\"image\", \"flat\"}) Tensor layer;"),
        new Row(ProblemCode.MERGE_SHAPES, "from = >{", IMAGE, "@Conv2D(filters = 3, kernelSize = 3) Tensor conv;",
            "@Add(from = {\"image\", \"conv\"}) Tensor layer;"),
        new Row(ProblemCode.CONCAT_SHAPES, "from = >{", IMAGE, "@Conv2D(filters = 3, kernelSize = 3) Tensor conv;",
            "@Concatenate(from = {\"image\", \"conv\"}) Tensor layer;"),
        new Row(ProblemCode.CONCAT_AXIS, "axis = >4", IMAGE,
            "@Concatenate(from = {\"image\", \"image\"}, axis = 4) Tensor layer;"),
        new Row(ProblemCode.BATCH_AXIS, "axis = >0", IMAGE, "@Concatenate(from = {\"image\", \"image\"}, axis = 0) Tensor layer;"),
        new Row(ProblemCode.SAME_AS, "sameAs = >\"image\"", IMAGE,
            "@Conv2D(filters = 3, kernelSize = 3) @Shape(sameAs = \"image\") Tensor layer;"),
        new Row(ProblemCode.SAME_SHAPE, "sameShapeAs = >\"image\"", IMAGE, "@MaxPooling2D(poolSize = 4) Tensor pool;",
            "@Conv2DTranspose(filters = 3, kernelSize = 3, sameShapeAs = \"image\") Tensor layer;"),
        new Row(ProblemCode.SAME_SHAPE_UPSAMPLING, "sameShapeAs = >\"image\"", "@Input(shape = {9, 9, 3}) Tensor image;",
            "@MaxPooling2D(poolSize = 2) Tensor pool;", "@UpSampling2D(sameShapeAs = \"image\") Tensor layer;"),
        new Row(ProblemCode.SAME_SHAPE_NOT_IMAGE, "sameShapeAs = >\"flat\"", IMAGE, "@Flatten Tensor flat;",
            "@Conv2DTranspose(filters = 3, kernelSize = 3, from = \"image\", sameShapeAs = \"flat\") Tensor layer;",
            "@Add(from = {\"flat\", \"flat\"}) Tensor sum;"),
        new Row(ProblemCode.INPUT_SHAPE, "shape = >{8, 0, 3}", "@Input(shape = {8, 0, 3}) Tensor image;",
            "@Flatten Tensor layer;"),
        new Row(ProblemCode.FREE_CHANNELS, "Input.ANY, Input.ANY, Input>.ANY", "@Input(shape = {Input.ANY, Input.ANY, "
            + "Input.ANY}) Tensor image;", "@Conv2D(filters = 4, kernelSize = 3, padding = SAME) Tensor layer;"),
        new Row(ProblemCode.LABELS, "@Labels(>{", "@Input(shape = {4}) Tensor x;",
            "@Dense(units = 3) @Labels({\"cat\", \"dog\"}) Tensor layer;"));
  }

  static Stream<Row> cases() {
    return rows().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void diagnosticIsOnTheAttribute(Row row) {
    List<String> lines = new ArrayList<>(List.of("@Model", "class M {"));
    Arrays.stream(row.body()).map(field -> "  " + field).forEach(lines::add);
    lines.add("}");
    JavaFileObject file = source("M", lines.toArray(String[]::new));
    String target = row.caret().replace(">", "");
    int line = -1;
    int column = -1;
    for (int i = 0; i < lines.size(); i++) {
      int at = lines.get(i).indexOf(target);
      if (at >= 0) {
        assertThat(line).isEqualTo(-1); // the caret's text names one place
        line = Sources.IMPORTS.length + i + 1;
        column = at + row.caret().indexOf('>') + 1;
      }
    }
    assertThat(line).isGreaterThan(0);

    Compilation compilation = compile(file);
    boolean warning = row.code().severity() == Severity.WARNING;
    assertThat(compilation).hadErrorCount(warning ? 0 : 1);
    if (warning) {
      assertThat(compilation).hadWarningCount(1);
    }
    List<? extends Diagnostic<? extends JavaFileObject>> found = warning ? compilation.warnings() : compilation.errors();
    String message = found.get(0).getMessage(Locale.ROOT);
    assertThat(message).matches(sentence(row.code()));
    assertThat(found.get(0).getLineNumber()).isEqualTo(line);
    assertThat(found.get(0).getColumnNumber()).isEqualTo(column);
    if (!warning) {
      assertThat(compilation).hadErrorContaining(message).inFile(file).onLine(line).atColumn(column);
    }
  }

  @Test
  void everyCodeIsPinnedHereOrReportedElsewhere() {
    Set<ProblemCode> pinned = rows().stream().map(Row::code).collect(Collectors.toCollection(
        () -> EnumSet.noneOf(ProblemCode.class)));
    assertThat(pinned).containsNoneIn(NOT_ON_AN_ATTRIBUTE);
    assertThat(pinned).containsNoneIn(PINNED_BY_FEATURE_TESTS);
    Set<ProblemCode> all = EnumSet.copyOf(pinned);
    all.addAll(NOT_ON_AN_ATTRIBUTE);
    all.addAll(PINNED_BY_FEATURE_TESTS);
    assertThat(all).containsExactlyElementsIn(EnumSet.allOf(ProblemCode.class));
  }

  /**
   * The code's sentence as a pattern: its words literally, each placeholder any text, then any
   * sentences that follow it (a model-level fix, javac's hint on silencing a warning).
   */
  static String sentence(ProblemCode code) {
    List<String> names = code.placeholders();
    Object[] markers = new Object[names.size()];
    for (int i = 0; i < markers.length; i++) {
      // `elements` may be formatted as a number; this value renders as one recognisable text.
      markers[i] = names.get(i).equals("elements") ? (Object) Long.MIN_VALUE : "\u0001" + i + "\u0001";
    }
    String text = code.sentence(markers).replace(String.format(Locale.ROOT, "%,d", Long.MIN_VALUE), "\u0001e\u0001")
        .replace(Long.toString(Long.MIN_VALUE), "\u0001e\u0001");
    String words = Arrays.stream(text.split("\u0001[0-9e]+\u0001", -1)).map(Pattern::quote)
        .collect(Collectors.joining(".*?"));
    return "(?s)" + Pattern.quote("[" + code.tag() + "] ") + words + "( .*)?";
  }
}
