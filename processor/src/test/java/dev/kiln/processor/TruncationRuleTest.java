package dev.kiln.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.kiln.processor.Sources.compile;
import static dev.kiln.processor.Sources.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * When {@code kiln.truncation} fires (README, "When kiln.truncation fires"): a VALID window that
 * floors away rows or columns of real data warns; one that floors away only an explicit
 * ZeroPadding2D's trailing zeros, or only rows its stride skips anyway, does not.
 */
class TruncationRuleTest {

  @Test
  void kerasApplicationsStemsAndShortcutsAreClean() {
    Compilation compilation = compile(source("Stems",
        "@Model",
        "class Stems {",
        "  @Input(shape = {224, 224, 3}) Tensor image;",
        // ResNet50: ZeroPadding2D(3) + 7x7/2 VALID: floor((230 - 7) / 2) + 1 = 112 drops one padded row
        "  @ZeroPadding2D(padding = 3) Tensor conv1Pad;",
        "  @Conv2D(filters = 8, kernelSize = 7, strides = 2) Tensor conv1;",
        // ResNet50: ZeroPadding2D(1) + 3x3/2 max pooling: floor((114 - 3) / 2) + 1 = 56
        "  @ZeroPadding2D(padding = 1) Tensor pool1Pad;",
        "  @MaxPooling2D(poolSize = 3, strides = 2) Tensor pool1;",
        // ResNet50 shortcut: a 1x1 stride-2 convolution samples rows 0, 2, ..., 54 of 56
        "  @Conv2D(filters = 16, kernelSize = 1, strides = 2) Tensor shortcut;",
        // ResNet50V2 shortcut: MaxPooling2D(1, strides=2)
        "  @MaxPooling2D(poolSize = 1, strides = 2) Tensor subsample;",
        // MobileNetV2: correct_pad's ((0, 1), (0, 1)) + 3x3/2 VALID depthwise on 14: 15 -> 7
        "  @ZeroPadding2D(padding = {0, 1, 0, 1}) Tensor blockPad;",
        "  @DepthwiseConv2D(kernelSize = 3, strides = 2) Tensor depthwise;",
        "}"));
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void aWindowShorterThanItsStrideMaySkipAsManyRowsAtTheEnd() {
    // 2x2 windows with stride 3 read rows 0-1 and 3-4 of 6: row 5 is skipped as row 2 is
    assertThat(compile(source("Sparse",
        "@Model",
        "class Sparse {",
        "  @Input(shape = {6, 6, 3}) Tensor image;",
        "  @AveragePooling2D(poolSize = 2, strides = 3) Tensor sparse;",
        "}"))).succeededWithoutWarnings();
    // of 7 rows it also drops row 6, which no gap accounts for
    JavaFileObject file = source("Sparse7",
        "@Model",
        "class Sparse7 {",
        "  @Input(shape = {7, 7, 3}) Tensor image;",
        "  @AveragePooling2D(poolSize = 2, strides = 3) Tensor sparse;",
        "}");
    Compilation compilation = compile(file);
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation).hadWarningContaining("[kiln.truncation] `sparse` (AveragePooling2D) drops 2 rows at "
        + "the bottom and 2 columns at the right of its 7x7x3 input").inFile(file).onLine(8).atColumn(3);
  }

  @Test
  void lostDataStillWarns() {
    JavaFileObject file = source("Lossy",
        "@Model",
        "class Lossy {",
        "  @Input(shape = {9, 9, 3}) Tensor image;",
        // padding only at the top and left: the 3x3/2 window on 10 rows drops the last real row
        "  @ZeroPadding2D(padding = {1, 0, 1, 0}) Tensor padded;",
        "  @Conv2D(filters = 4, kernelSize = 3, strides = 2) Tensor conv;",
        // seed 000: a 2x2 pooling on 4 rows is fine, on 7 rows of real data it drops one
        "  @Conv2D(filters = 4, kernelSize = 2) Tensor narrow;",
        "  @MaxPooling2D(poolSize = 2) Tensor pool;",
        "}");
    Compilation compilation = compile(file);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(2);
    assertThat(compilation).hadWarningContaining("[kiln.truncation] `conv` (Conv2D) drops 1 row at the bottom and "
        + "1 column at the right of its 10x10x3 input from `padded` (ZeroPadding2D)")
        .inFile(file).onLine(9).atColumn(3);
    assertThat(compilation).hadWarningContaining("[kiln.truncation] `pool` (MaxPooling2D) drops 1 row at the bottom "
        + "and 1 column at the right of its 3x3x4 input from `narrow` (Conv2D)")
        .inFile(file).onLine(11).atColumn(3);
  }

  @Test
  void droppingMoreThanThePaddingWarns() {
    JavaFileObject file = source("Short",
        "@Model",
        "class Short {",
        "  @Input(shape = {8, 8, 3}) Tensor image;",
        // 8 + 1 = 9 rows, a 4x4/2 window reads floor((9 - 4) / 2) * 2 + 4 = 8: the zero row and no real one
        "  @ZeroPadding2D(padding = {0, 1, 0, 1}) Tensor one;",
        "  @Conv2D(filters = 4, kernelSize = 4, strides = 2) Tensor fine;",
        // 4 rows + 1 zero row = 5: a 4x4/3 window reads 4 and drops only the zero row; 6 rows would drop 2
        "  @ZeroPadding2D(padding = {1, 1, 1, 1}) Tensor two;",
        "  @MaxPooling2D(poolSize = 3, strides = 3) Tensor pool;",
        "}");
    Compilation compilation = compile(file);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation).hadWarningContaining("[kiln.truncation] `pool` (MaxPooling2D) drops 2 rows at the "
        + "bottom and 2 columns at the right of its 5x5x4 input from `two` (ZeroPadding2D)")
        .inFile(file).onLine(11).atColumn(3);
  }
}
