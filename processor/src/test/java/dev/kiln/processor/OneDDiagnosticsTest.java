package dev.kiln.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.kiln.processor.Sources.compile;
import static dev.kiln.processor.Sources.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The 1-D family's diagnostics, as good as the 2-D ones: one error (or warning) each, its whole
 * message, on line 8 (the layer) at the column of the attribute value at fault, or of the annotation
 * for a combination or an input of the wrong rank.
 */
class OneDDiagnosticsTest {

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "{10, 3} | @Conv1D(filters = 4, kernelSize = 12) | 12)"
          + " | [kiln.window] `layer` (Conv1D): kernel 12 does not fit its 10x3 input from the @Input `series`: VALID "
          + "gives steps 10 - 12 + 1 = -1 (TensorFlow: \"Negative dimension size caused by subtracting 12 from 10\"). "
          + "Use padding = SAME (output 10x4), or a kernelSize of at most 10.",
      "{10, 3} | @Conv1D(filters = 4, kernelSize = 3, dilationRate = 5) | 3,"
          + " | [kiln.window] `layer` (Conv1D): kernel 3 does not fit its 10x3 input from the @Input `series`: VALID "
          + "gives steps 10 - 11 (dilated) + 1 = 0 (TensorFlow: \"Negative dimension size caused by subtracting 11 "
          + "from 10\"). Use padding = SAME (output 10x4).",
      "{10, 3} | @Conv1D(filters = 4, kernelSize = {3, 3}) | {3, 3}"
          + " | [kiln.array-length] `layer` (Conv1D): `kernelSize` takes one value (steps); received 2 values {3, 3}. "
          + "Write kernelSize = 3.",
      "{10, 3} | @Conv1D(filters = 4, kernelSize = 3, strides = 2, dilationRate = 2) | @Conv1D"
          + " | [kiln.strides-dilation] `layer` (Conv1D): strides greater than 1 cannot be combined with a dilationRate "
          + "greater than 1 (Keras 3 rejects it); received strides = 2 and dilationRate = 2. Use strides = 1 to keep "
          + "the dilation, or dilationRate = 1 to keep the stride.",
      "{10, 3} | @SeparableConv1D(filters = 4, kernelSize = 3, padding = CAUSAL) | CAUSAL"
          + " | [kiln.causal] `layer` (SeparableConv1D): padding = CAUSAL is only for Conv1D (Keras 3 accepts "
          + "\"causal\" in Conv1D alone). Use VALID or SAME, or a ZeroPadding1D before the layer for zeros at the "
          + "start only.",
      "{8, 8, 3} | @MaxPooling2D(padding = CAUSAL) | CAUSAL"
          + " | [kiln.causal] `layer` (MaxPooling2D): padding = CAUSAL is only for Conv1D (Keras 3 accepts "
          + "\"causal\" in Conv1D alone). Use VALID or SAME, or a ZeroPadding1D before the layer for zeros at the "
          + "start only.",
      "{10, 3} | @MaxPooling1D(poolSize = 12) | 12"
          + " | [kiln.window] `layer` (MaxPooling1D): pool window 12 does not fit its 10x3 input from the @Input "
          + "`series`: VALID gives steps floor((10 - 12) / 12) + 1 = 0 (TensorFlow: \"Negative dimension size caused "
          + "by subtracting 12 from 10\"). Use padding = SAME (output 1x3), or a poolSize of at most 10.",
      "{10, 3} | @AveragePooling1D(strides = {2, 2}) | {2, 2}"
          + " | [kiln.array-length] `layer` (AveragePooling1D): `strides` takes one value (steps); received 2 values "
          + "{2, 2}. Write strides = 2.",
      "{10, 3} | @Cropping1D(cropping = {6, 5}) | {6, 5}"
          + " | [kiln.crop] `layer` (Cropping1D): cropping must leave at least one step, but cropping 6 + 5 steps "
          + "leaves -1 of 10 of its 10x3 input from the @Input `series`. At most 9 steps can be cropped, e.g. "
          + "cropping = {4, 5} (output 1x3).",
      "{10, 3} | @Conv1DTranspose(filters = 2, kernelSize = 3, strides = 2, outputPadding = 2) | 2)"
          + " | [kiln.output-padding] `layer` (Conv1DTranspose): `outputPadding` must be smaller than the stride 2 "
          + "along that axis; received 2. With stride 2, outputPadding 0 to 1 picks one of the 2 output lengths that "
          + "convolve back to the same input; leave it out to let Keras choose.",
      "{1, 3} | @Conv1DTranspose(filters = 2, kernelSize = 2, strides = 2, padding = SAME, outputPadding = 0) | 0)"
          + " | [kiln.window] `layer` (Conv1DTranspose): the output would be empty for its 1x3 input from the @Input "
          + "`series`: SAME with outputPadding gives steps (1 - 1) * 2 + (2 mod 2) + 0 = 0. Use an odd kernelSize, "
          + "outputPadding = 1, or leave outputPadding out (output 2 steps).",
      "{10, 3} | @ZeroPadding1D(padding = {1, 2, 3}) | {1, 2, 3}"
          + " | [kiln.array-length] `layer` (ZeroPadding1D): `padding` takes one value (both ends) or two (start, "
          + "end); received 3 values {1, 2, 3}. Write padding = 1 or padding = {0, 1}.",
      "{10, 3} | @UpSampling1D(size = 0) | 0"
          + " | [kiln.not-positive] `layer` (UpSampling1D): `size` must be at least 1; received 0.",
      "{10, 3} | @DepthwiseConv1D(kernelSize = 3, depthMultiplier = 0) | 0)"
          + " | [kiln.not-positive] `layer` (DepthwiseConv1D): `depthMultiplier` must be at least 1; received 0.",
      "{8, 8, 3} | @Conv1D(filters = 4, kernelSize = 3) | @Conv1D"
          + " | [kiln.rank] `layer` (Conv1D) needs a (steps, channels) input, but its input from the @Input `series` "
          + "is (None, 8, 8, 3). Use the 2-D layer, or insert @Reshape(targetShape = {64, 3}) before it to read the "
          + "pixels as steps.",
      "{12} | @GlobalMaxPooling1D | @Global"
          + " | [kiln.rank] `layer` (GlobalMaxPooling1D) needs a (steps, channels) input, but its input from the "
          + "@Input `series` is (None, 12). Insert @Reshape(targetShape = {12, 1}) before it to read the features as "
          + "steps.",
      "{10, 3} | @Conv2D(filters = 4, kernelSize = 3) | @Conv2D"
          + " | [kiln.rank] `layer` (Conv2D) needs a (height, width, channels) input, but its input from the @Input "
          + "`series` is (None, 10, 3). It is a (steps, channels) sequence: use @Conv1D for it.",
      "{10, 3} | @Conv1D(filters = 4, kernelSize = 3, padding = CAUSAL) @Shape({9, 4}) | {9, 4}"
          + " | [kiln.shape] `layer` (Conv1D) is (None, 10, 4) but @Shape declares (None, 9, 4). Steps: no layer "
          + "changes it from the input's 10. No single change of padding, filters, input size or one or two layers "
          + "gives (None, 9, 4); check the layers named above.",
  })
  void oneErrorOnTheAttribute(String input, String annotation, String at, String message) {
    String line = "  " + annotation + " Tensor layer;";
    JavaFileObject file = source("M",
        "@Model",
        "class M {",
        "  @Input(shape = " + input + ") Tensor series;",
        line,
        "}");
    Compilation compilation = compile(file);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadWarningCount(0);
    assertThat(compilation.errors().get(0).getMessage(java.util.Locale.ROOT)).isEqualTo(message);
    assertThat(compilation).hadErrorContaining(message).inFile(file).onLine(8).atColumn(line.indexOf(at) + 1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "@MaxPooling1D(poolSize = 3)"
          + " | [kiln.truncation] `layer` (MaxPooling1D) drops 1 step at the end of its 10x3 input from the @Input "
          + "`series`: VALID steps floor((10 - 3) / 3) + 1 = 3, reading 9 of 10. Use padding = SAME to keep them "
          + "(output 4x3). Silence with @SuppressWarnings(\"kiln.truncation\") on the field or the model.",
      "@Conv1D(filters = 2, kernelSize = 3, strides = 2)"
          + " | [kiln.truncation] `layer` (Conv1D) drops 1 step at the end of its 10x3 input from the @Input "
          + "`series`: VALID steps floor((10 - 3) / 2) + 1 = 4, reading 9 of 10. Use padding = SAME to keep them "
          + "(output 5x2). Silence with @SuppressWarnings(\"kiln.truncation\") on the field or the model.",
  })
  void truncationIsOneWarningOnTheLayer(String annotation, String message) {
    JavaFileObject file = source("M",
        "@Model",
        "class M {",
        "  @Input(shape = {10, 3}) Tensor series;",
        "  " + annotation + " Tensor layer;",
        "}");
    Compilation compilation = compile(file);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation).hadWarningContaining(message).inFile(file).onLine(8).atColumn(3);
  }

  /**
   * Steps skipped by design are not warned about (README, "When kiln.truncation fires"): a window
   * shorter than its stride, and the zeros a ZeroPadding1D put at the end.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "@Conv1D(filters = 2, kernelSize = 2, strides = 4) Tensor layer;",
      "@ZeroPadding1D(padding = {0, 1}) Tensor padded; @MaxPooling1D Tensor layer;",
  })
  void plannedSkipsAreNotWarned(String layers) {
    Compilation compilation = compile(source("M",
        "@Model",
        "class M {",
        "  @Input(shape = {10, 3}) Tensor series;",
        "  " + layers,
        "}"));
    assertThat(compilation).succeededWithoutWarnings();
  }

  @org.junit.jupiter.api.Test
  void aFreeLengthCompilesAndStatesTheLengthsItTakes() {
    Compilation compilation = Compiler.javac().withProcessors(new KilnProcessor())
        .withOptions("-Akiln.summary=true").compile(source("M",
        "@Model",
        "class M {",
        "  @Input(shape = {Input.ANY, 3}) Tensor series;",
        "  @Conv1D(filters = 4, kernelSize = 3, strides = 2) Tensor conv;",
        "  @GlobalMaxPooling1D Tensor pooled;",
        "  @Dense(units = 2) Tensor out;",
        "}"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation.notes().get(0).getMessage(java.util.Locale.ROOT))
        .isEqualTo("Kiln: `series` takes L ≥ 3 (checked at the smallest, 3 steps)");
    String note = compilation.notes().get(1).getMessage(java.util.Locale.ROOT);
    assertThat(note).containsMatch("conv \\(Conv1D\\) +\\(None, floor\\(\\(L - 1\\)/2\\), 4\\)");
  }

  @org.junit.jupiter.api.Test
  void freeChannelsOfASequenceAreOneErrorOnThatElement() {
    String line = "  @Input(shape = {Input.ANY, Input.ANY}) Tensor series;";
    JavaFileObject file = source("M",
        "@Model",
        "class M {",
        line,
        "  @Conv1D(filters = 4, kernelSize = 3) Tensor conv;",
        "}");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[kiln.size] @Input `series`: only the length can be Input.ANY; the "
        + "channels fix every layer's weights. Give them, e.g. {Input.ANY, 3}.").inFile(file).onLine(7)
        .atColumn(line.lastIndexOf(".ANY") + 1); // javac places a member select at its dot
  }

  @org.junit.jupiter.api.Test
  void aFreeLengthCannotReachAFlatten() {
    JavaFileObject file = source("M",
        "@Model",
        "class M {",
        "  @Input(shape = {Input.ANY, 3}) Tensor series;",
        "  @Conv1D(filters = 4, kernelSize = 3) Tensor conv;",
        "  @Flatten Tensor flat;",
        "  @Dense(units = 2) Tensor out;",
        "}");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[kiln.size] no length of `series` is accepted: a free length cannot "
        + "pass `flat` (Flatten): the flat length, and the next Dense layer's weights, would change with it. Give "
        + "`series` a fixed length, or pool it away first (GlobalAveragePooling1D)").inFile(file).onLine(9).atColumn(3);
  }
}
