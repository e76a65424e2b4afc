package dev.kiln.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.kiln.processor.Sources.compile;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Blocks: a valid one expands as Keras names its layers; a shape problem inside a use is reported at
 * the use, with the path into the block; each mistake in a block's declaration or use is one error
 * on the exact attribute (line and column pinned), never a crash.
 */
class BlockDiagnosticsTest {

  /** A model using block {@code Unit}, whose declaration is {@code block}; the model's fields are {@code fields}. */
  private static List<String> model(List<String> fields, List<String> block) {
    List<String> lines = new ArrayList<>(List.of(Sources.IMPORTS));
    lines.add("import static dev.kiln.dsl.Let.LET;");
    lines.add("@Model");
    lines.add("class M {");
    lines.add("  @Input(shape = {8, 8, 3}) Tensor image;");
    lines.addAll(fields);
    lines.addAll(block);
    lines.add("}");
    return lines;
  }

  /** Conv-BN-ReLU with an optional residual add, as the block of most image networks. */
  private static final List<String> UNIT = List.of(
      "  @Block @interface Unit {",
      "    int filters(); int kernel() default 3; int stride() default 1; Padding padding() default SAME;",
      "    class Layers {",
      "      @Conv2D(filters = LET, kernelSize = LET) @Let({\"filters = filters\", \"kernelSize = kernel\", \"strides = stride\", \"padding = padding\"}) Tensor _conv;",
      "      @BatchNormalization Tensor _bn;",
      "      @If(\"stride == 1 && channels == filters\") @Add(from = {\"x\", \"_bn\"}) Tensor _add;",
      "      @ReLU Tensor _relu;",
      "    }",
      "  }");

  private static Compilation compileModel(JavaFileObject file, String... options) {
    return Compiler.javac().withProcessors(new KilnProcessor()).withOptions((Object[]) options).compile(file);
  }

  @Test
  void aValidBlockExpandsToKerasNamedLayers() {
    JavaFileObject file = JavaFileObjects.forSourceLines("test.M", model(List.of(
        "  @Unit(filters = 3) Tensor b1;",
        "  @Unit(filters = 8, stride = 2) @Repeat(value = 2, rest = \"stride = 1\") Tensor stage2;",
        "  @GlobalAveragePooling2D(from = \"stage3\") Tensor pool;"), UNIT));
    Compilation compilation = compileModel(file, "-Akiln.summary=true");
    assertThat(compilation).succeededWithoutWarnings();
    String summary = compilation.diagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.NOTE)
        .map(d -> d.getMessage(null)).filter(m -> m.contains("Model: \"M\"")).findFirst().orElseThrow();
    for (String layer : List.of(" b1_conv (Conv2D)", " b1_bn (BatchNormalization)", " b1_add (Add)", " b1_relu (ReLU)",
        " stage2_conv (Conv2D)", " stage2_relu (ReLU)", " stage3_conv (Conv2D)", " stage3_add (Add)", " stage3_relu")) {
      org.junit.jupiter.api.Assertions.assertTrue(summary.contains(layer), layer + " in\n" + summary);
    }
    // b1 keeps its 3 channels and stride 1: it adds; stage2 (stride 2, 3 -> 8 channels) does not
    org.junit.jupiter.api.Assertions.assertFalse(summary.contains("stage2_add"), summary);
    org.junit.jupiter.api.Assertions.assertTrue(summary.contains("(None, 4, 4, 8)"), summary);
  }

  /**
   * One error, pinned: {@code message} on the line containing {@code lineFragment}, at the column where
   * {@code columnFragment} starts on that line.
   */
  private static void assertOneError(List<String> lines, String message, String lineFragment, String columnFragment) {
    JavaFileObject file = JavaFileObjects.forSourceLines("test.M", lines);
    Compilation compilation = compile(file);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    int line = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(lineFragment)) {
        line = i + 1;
        break;
      }
    }
    org.junit.jupiter.api.Assertions.assertTrue(line > 0, "no line contains " + lineFragment);
    assertThat(compilation).hadErrorContaining(message).inFile(file).onLine(line)
        .atColumn(lines.get(line - 1).indexOf(columnFragment) + 1);
  }

  @Test
  void aShapeProblemInsideABlockIsReportedAtTheUseWithThePath() {
    assertOneError(model(List.of("  @Unit(filters = 4) Tensor b1;", "  @Unit(filters = 4, kernel = 9, padding = VALID) Tensor b2;"), UNIT),
        "[kiln.window] b2 → _conv: `b2_conv` (Conv2D): kernel 9x9 does not fit", "Tensor b2;", "9, padding");
  }

  private static List<String> unit(String from, String to) {
    List<String> block = new ArrayList<>();
    boolean replaced = false;
    for (String line : UNIT) {
      replaced |= line.contains(from);
      block.add(line.replace(from, to));
    }
    org.junit.jupiter.api.Assertions.assertTrue(replaced, from);
    return block;
  }

  private static final List<String> USE = List.of("  @Unit(filters = 3) Tensor b1;");

  @Test
  void unknownNameInAnExpression() {
    assertOneError(model(USE, unit("\"kernelSize = kernel\"", "\"kernelSize = kernal\"")),
        "[kiln.block] `b1 → _conv`: cannot compute \"kernal\": `kernal` is not defined. Names are the block's "
            + "parameters (filters, kernel, stride, padding, channels) and enum constants such as SAME.",
        "Tensor _conv;", "\"kernelSize = kernal\"");
  }

  @Test
  void unknownAttributeInLet() {
    assertOneError(model(USE, unit("\"strides = stride\"", "\"stride = stride\"")),
        "[kiln.block] `b1 → _conv`: @Conv2D has no attribute named `stride`; the names it has are `filters`, "
            + "`kernelSize`, `strides`, `padding`, `dilationRate`, `activation`, `useBias`, `trainable`. Use one of those.",
        "Tensor _conv;", "\"stride = stride\"");
  }

  @Test
  void unknownParameterInRepeatRest() {
    assertOneError(model(List.of("  @Unit(filters = 3) @Repeat(value = 2, rest = \"strde = 1\") Tensor b1;"), UNIT),
        "[kiln.block] `b1`: @Unit has no parameter named `strde`; the names it has are `filters`, `kernel`, `stride`, `padding`. Use one of those.",
        "Tensor b1;", "\"strde = 1\"");
  }

  @Test
  void missingParameterIsJavacsErrorAlone() {
    JavaFileObject file = JavaFileObjects.forSourceLines("test.M", model(List.of("  @Unit Tensor b1;"), UNIT));
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("missing a default value for the element 'filters'").inFile(file)
        .onLineContaining("@Unit Tensor b1;");
  }

  @Test
  void placeholderWithoutLet() {
    assertOneError(model(USE, unit("\"kernelSize = kernel\", ", "")),
        "[kiln.block] `b1 → _conv`: `kernelSize = LET` stands for a value a @Let gives, but no @Let gives "
            + "`kernelSize`. Add @Let(\"kernelSize = ...\") or write the value.",
        "Tensor _conv;", "LET)");
  }

  @Test
  void valueWrittenTwice() {
    assertOneError(model(USE, unit("filters = LET", "filters = 4")),
        "[kiln.block] `b1 → _conv`: `filters` is written in @Conv2D and given by @Let; keep one (write "
            + "`filters = LET` where Java requires it).",
        "Tensor _conv;", "4, kernelSize");
  }

  @Test
  void blockInsideItself() {
    assertOneError(model(USE, unit("@ReLU Tensor _relu;", "@Unit(filters = LET) @Let(\"filters = filters\") Tensor _inner;")),
        "[kiln.block] `b1 → _inner` uses @Unit inside itself (@Unit → @Unit): a block cannot contain itself. "
            + "Build the repetition with @Repeat.",
        "Tensor _inner;", "@Unit");
  }

  @Test
  void expandedNameTakenByAField() {
    assertOneError(model(List.of("  @Unit(filters = 4) Tensor b1;", "  @ReLU Tensor b1_bn;"), UNIT),
        "[kiln.block] `b1 → _bn` expands to the layer `b1_bn`, which is already a field of model M; every layer "
            + "needs its own name (Keras's too). Rename the field `b1`.",
        "Tensor b1;", "@Unit");
  }

  @Test
  void expandedNameTakenByAnotherUse() {
    List<String> blocks = new ArrayList<>(UNIT);
    blocks.add("  @Block @interface Plain { class Layers { @ReLU Tensor conv; } }");
    assertOneError(model(List.of("  @Unit(filters = 4) Tensor p;", "  @Plain Tensor p_;"), blocks),
        "[kiln.block] `p_ → conv` expands to the layer `p_conv`, which is already a layer of `p`; every layer needs "
            + "its own name (Keras's too). Rename the field `p_`.",
        "Tensor p_;", "@Plain");
  }

  @Test
  void repeatedNameTakenByAField() {
    assertOneError(model(List.of("  @Unit(filters = 3) @Repeat(2) Tensor b1;", "  @ReLU Tensor b2;"), UNIT),
        "[kiln.block] `b1` expands to the layer `b2`, which is already a field of model M (the name of one of the "
            + "blocks it repeats); every layer needs its own name (Keras's too). Rename the field `b1`.",
        "Tensor b1;", "@Unit");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "\"strides = stride\" | \"strides = stride == 1\" | \"strides = stride == 1\" | [kiln.block] `b1 → _conv`: \"stride == 1\" is true, but `strides` of @Conv2D takes an int or an array of an int.",
      "\"padding = padding\" | \"padding = RELU\" | \"padding = RELU\" | [kiln.block] `b1 → _conv`: \"RELU\" is RELU, but `padding` of @Conv2D takes a Padding.",
      "\"kernelSize = kernel\" | \"kernelSize = (kernel\" | \"kernelSize = (kernel\" | [kiln.block] `b1 → _conv`: cannot compute \"(kernel\": `(` without its `)`. ",
      "\"kernelSize = kernel\" | \"kernelSize kernel\" | \"kernelSize kernel\" | [kiln.block] `b1 → _conv`: cannot compute \"kernelSize kernel\": an entry is `name = expression`. Write e.g. \"filters = 4 * filters\".",
  })
  void badLet(String from, String to, String column, String message) {
    assertOneError(model(USE, unit(from, to)), message, "Tensor _conv;", column);
  }

  @Test
  void conditionThatIsNotABoolean() {
    assertOneError(model(USE, unit("@If(\"stride == 1 && channels == filters\")", "@If(\"stride\")")),
        "[kiln.block] `b1 → _add`: \"stride\" is 1, but `value` of @If takes true or false.", "Tensor _add;",
        "\"stride\"");
  }

  @Test
  void conditionThatDoesNotParse() {
    assertOneError(model(USE, unit("\"stride == 1 && channels == filters\"", "\"stride == 1 &&\"")),
        "[kiln.block] `b1 → _add`: cannot compute \"stride == 1 &&\": the expression ends too early.", "Tensor _add;",
        "\"stride == 1 &&\"");
  }

  @Test
  void readsANameTheBlockDoesNotHave() {
    assertOneError(model(USE, unit("{\"x\", \"_bn\"}", "{\"x\", \"_bm\"}")),
        "[kiln.block] `b1 → _add` reads `_bm`, which is neither a layer of @Unit declared before it nor the block's "
            + "input `x`.",
        "Tensor _add;", "{\"x\"");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "no layer | Tensor _relu; | `_relu` in its Layers",
      "two layers | @ReLU @ELU Tensor _relu; | `_relu` in its Layers",
      "an output | @Output @ReLU Tensor _relu; | `_relu` in its Layers",
  })
  void fieldOfLayersThatIsNotOneLayer(String what, String field, String fragment) {
    assertOneError(model(USE, unit("@ReLU Tensor _relu;", field)),
        "[kiln.block] @Block Unit: " + fragment + " needs exactly one layer annotation or block use; @Input, @Shape "
            + "and @Output go in the model, not in a block.",
        "Tensor _relu;", "_relu;");
  }

  @Test
  void blockWithoutLayers() {
    assertOneError(model(USE, List.of("  @Block @interface Unit { int filters(); }")),
        "[kiln.block] @Block Unit: declare its layers as the fields of a nested `class Layers { ... }`, as a @Model "
            + "declares its own.",
        "@interface Unit", "interface Unit");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "@Repeat(2) Tensor block; | @Repeat | [kiln.block] `block` repeats @Unit: its name must end in the number of the first block, which counts up for the others, as in `block1`.",
      "@Repeat(0) Tensor b1; | 0) | [kiln.block] `b1` repeats @Unit: `value` is the number of blocks and must be at least 1; received 0.",
  })
  void badRepeat(String use, String column, String message) {
    assertOneError(model(List.of("  @Unit(filters = 3) " + use), UNIT), message, use, column);
  }

  /** A hostile count stops at the limit with one error, before the expansion exhausts time or memory. */
  @Test
  void repeatBeyondTheLimit() {
    assertOneError(model(List.of("  @Unit(filters = 3) @Repeat(2000000000) Tensor b1;"), UNIT),
        "[kiln.block] `b1` uses @Unit, which expands to more than 10,000 layers, the most one model may hold.", "Tensor b1;", "@Unit");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "@ReLU @Let(\"maxValue = 6\") Tensor r; | @Let | [kiln.block] `r` is annotated @Let, which computes a layer from a block's parameters and works only in a @Block's Layers; write the value itself.",
      "@ReLU @If(\"true\") Tensor r; | @If | [kiln.block] `r` is annotated @If, which computes a layer",
      "@ReLU @Repeat(2) Tensor r; | @Repeat | [kiln.block] `r` is annotated @Repeat, which repeats a @Block use, not a layer; declare the repeated layers as a @Block.",
      "@Unit(filters = 3) @Shape({8, 8, 3}) Tensor r; | @Shape | [kiln.block] `r` is annotated @Shape, which asserts one layer's shape; a block use is many layers: put @Shape on a field after it.",
  })
  void blockAnnotationsOutsideABlock(String field, String column, String message) {
    assertOneError(model(List.of("  " + field), UNIT), message, field, column);
  }
}
