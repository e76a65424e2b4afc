package dev.kiln.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.kiln.processor.Sources.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import javax.tools.JavaFileObject;
import dev.kiln.shape.LayerKind;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every layer kind in the catalog is read from its annotation, checked and emitted: one model that
 * uses all of them compiles under {@code -Xlint:all -Werror}, and its summary names each kind.
 */
class CatalogTest {

  /** One model with every layer kind, most attributes away from their defaults. */
  static JavaFileObject everything() {
    return source("Everything",
        "@Model",
        "class Everything {",
        "  @Input(shape = {16, 16, 3}) Tensor image;",
        "  @Input(shape = {32, 4}) Tensor series;",
        "  @Conv2D(filters = 4, kernelSize = {3, 5}, padding = SAME, activation = GELU,"
            + " from = \"image\") Tensor conv;",
        "  @DepthwiseConv2D(kernelSize = 3, depthMultiplier = 2, dilationRate = 2, padding = SAME) Tensor dw;",
        "  @SeparableConv2D(filters = 6, kernelSize = 3, padding = SAME, useBias = false) Tensor sep;",
        "  @BatchNormalization(center = false) Tensor bn;",
        "  @ReLU(maxValue = 6) Tensor relu;",
        "  @LeakyReLU Tensor leaky;",
        "  @ELU(alpha = 0.5) Tensor elu;",
        "  @Activation(SWISH) Tensor swish;",
        "  @MaxPooling2D Tensor pool;",
        "  @AveragePooling2D(poolSize = 3, strides = 1, padding = SAME) Tensor avg;",
        "  @Conv2DTranspose(filters = 4, kernelSize = 3, strides = 2, padding = SAME, outputPadding = 1)"
            + " Tensor deconv;",
        "  @UpSampling2D(size = {1, 2}, interpolation = Interpolation.BILINEAR) Tensor up;",
        "  @ZeroPadding2D(padding = {1, 0, 2, 0}) Tensor padded;",
        "  @Cropping2D(cropping = {1, 2}) Tensor cropped;",
        "  @Rescaling(scale = 0.5, offset = {1, 2, 3, 4}) Tensor rescaled;",
        "  @Normalization Tensor normalized;",
        "  @Normalization(mean = {1, 2, 3, 4}, variance = {4, 4, 1, 1}, invert = true) Tensor denormalized;",
        "  @Activation(HARD_SWISH) Tensor hardSwish;",
        "  @Activation(MISH) Tensor mish;",
        "  @Dropout(rate = 0.25) Tensor drop;",
        "  @GlobalMaxPooling2D(keepdims = true) Tensor gmax;",
        "  @GlobalAveragePooling2D Tensor gavg;",
        "  @Reshape(targetShape = {2, -1}) Tensor reshaped;",
        "  @Flatten Tensor flat;",
        "  @Dense(units = 3, activation = TANH) Tensor fc;",
        "  @Softmax Tensor probabilities;",
        "  @Add(from = {\"fc\", \"probabilities\"}) Tensor sum;",
        "  @Subtract(from = {\"fc\", \"probabilities\"}) Tensor difference;",
        "  @Multiply(from = {\"sum\", \"difference\"}) Tensor product;",
        "  @Average(from = {\"sum\", \"product\"}) Tensor mean;",
        "  @Maximum(from = {\"mean\", \"fc\"}) Tensor largest;",
        "  @Minimum(from = {\"largest\", \"fc\"}) Tensor smallest;",
        "  @Conv1D(filters = 4, kernelSize = 3, padding = CAUSAL, from = \"series\") Tensor c1;",
        "  @DepthwiseConv1D(kernelSize = 3, depthMultiplier = 2, padding = SAME) Tensor dw1;",
        "  @SeparableConv1D(filters = 4, kernelSize = 3, dilationRate = 2) Tensor sep1;",
        "  @MaxPooling1D Tensor pool1;",
        "  @AveragePooling1D(poolSize = 3, strides = 1, padding = SAME) Tensor avg1;",
        "  @Conv1DTranspose(filters = 4, kernelSize = 3, strides = 2, padding = SAME, outputPadding = 1)"
            + " Tensor deconv1;",
        "  @UpSampling1D(size = 2) Tensor up1;",
        "  @ZeroPadding1D(padding = {1, 3}) Tensor padded1;",
        "  @Cropping1D(cropping = 2) Tensor cropped1;",
        "  @GlobalMaxPooling1D(keepdims = true) Tensor gmax1;",
        "  @GlobalAveragePooling1D Tensor gavg1;",
        "  @Dense(units = 3) Tensor fc1;",
        "  @Concatenate(from = {\"smallest\", \"fc\", \"fc1\"}) Tensor joined;",
        "}");
  }

  @Test
  void everyLayerKindIsReadCheckedAndEmitted() {
    Compilation compilation = Compiler.javac().withProcessors(new KilnProcessor())
        .withOptions("-Xlint:all", "-Werror", "-Akiln.summary=true")
        .compile(everything());
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(0);
    String note = compilation.notes().get(0).getMessage(java.util.Locale.ROOT);
    Set<LayerKind> seen = EnumSet.noneOf(LayerKind.class);
    for (LayerKind kind : LayerKind.values()) {
      if (note.contains("(" + kind.kerasName() + ")")) {
        seen.add(kind);
      }
    }
    assertThat(seen).containsExactlyElementsIn(EnumSet.allOf(LayerKind.class));
    assertThat(note).containsMatch("probabilities \\(Softmax\\) +\\(None, 3\\)");
  }
}
