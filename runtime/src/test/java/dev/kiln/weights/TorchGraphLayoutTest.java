package dev.kiln.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.runtime.Weights;
import dev.kiln.shape.ActivationFunction;
import dev.kiln.shape.BatchNormalizationRule;
import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.DenseRule;
import dev.kiln.shape.FlattenRule;
import dev.kiln.shape.LayerKind;
import dev.kiln.shape.MergeRule;
import dev.kiln.shape.ModelSpec;
import dev.kiln.shape.ShapeChecker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The row order of a Dense (and the features of a BatchNormalization) after Flatten in a graph model:
 * what a layer reads is its {@code from}, not the field declared before it, and a vector may be a
 * flattened image concatenated with other features (reference/graphs g0040).
 */
class TorchGraphLayoutTest {
  @TempDir
  Path dir;

  private static final ActivationFunction LINEAR = ActivationFunction.LINEAR;

  /** image 2x3x2 and meta (3); flat = Flatten(image); metaFc = Dense(2) of meta, declared after flat;
   * joined = Concatenate(flat, metaFc); norm = BatchNormalization; fc = Dense(1). */
  private static CheckedModel model() {
    return ShapeChecker.check(new ModelSpec("joined", List.of(new ModelSpec.InputSpec("image", new int[] {2, 3, 2}),
        new ModelSpec.InputSpec("meta", new int[] {3})), List.of(
            new ModelSpec.LayerSpec("flat", new FlattenRule(), List.of("image"), "", null),
            new ModelSpec.LayerSpec("metaFc", new DenseRule(2, LINEAR, true), List.of("meta"), "", null),
            new ModelSpec.LayerSpec("joined", new MergeRule(LayerKind.CONCATENATE, -1), List.of("flat", "metaFc"), "",
                null),
            new ModelSpec.LayerSpec("norm", new BatchNormalizationRule(1e-3, 0.99, true, true), List.of(), "", null),
            new ModelSpec.LayerSpec("fc", new DenseRule(1, LINEAR, true), List.of(), "", null)),
        List.of()));
  }

  private static float[] counting(int n) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = i;
    }
    return values;
  }

  @Test
  void denseAfterAConcatenatedFlattenReordersOnlyTheImageRows() throws IOException, WeightFileException {
    CheckedModel model = model();
    // torch feature t of the joined vector has weight t (fc) and statistics t (norm)
    byte[] file = new SafetensorsBuilder()
        .f32("metaFc.weight", new long[] {2, 3}, counting(6)).f32("metaFc.bias", 2)
        .f32("norm.weight", new long[] {14}, counting(14)).f32("norm.bias", new long[] {14}, counting(14))
        .f32("norm.running_mean", new long[] {14}, counting(14)).f32("norm.running_var", new long[] {14}, counting(14))
        .f32("fc.weight", new long[] {1, 14}, counting(14)).f32("fc.bias", 1).build();
    Weights weights = WeightFiles.readPyTorch(Files.write(dir.resolve("joined.safetensors"), file), model,
        java.util.Map.of("metaFc", "metaFc", "norm", "norm", "fc", "fc"));

    // metaFc reads meta, not the flattened image declared before it: a plain transpose
    float[] metaKernel = weights.get("metaFc", "kernel");
    for (int n = 0; n < 3; n++) {
      for (int u = 0; u < 2; u++) {
        assertEquals(u * 3 + n, metaKernel[n * 2 + u], "metaFc row " + n + " unit " + u);
      }
    }
    // Keras feature (h, w, c) of the image part is torch feature (c * 2 + h) * 3 + w; the two
    // features from metaFc follow in both
    float[] kernel = weights.get("fc", "kernel");
    float[] gamma = weights.get("norm", "gamma");
    for (int h = 0; h < 2; h++) {
      for (int w = 0; w < 3; w++) {
        for (int c = 0; c < 2; c++) {
          int keras = (h * 3 + w) * 2 + c;
          assertEquals((c * 2 + h) * 3 + w, kernel[keras], "fc row h=" + h + " w=" + w + " c=" + c);
          assertEquals((c * 2 + h) * 3 + w, gamma[keras], "norm gamma h=" + h + " w=" + w + " c=" + c);
        }
      }
    }
    assertEquals(12, kernel[12]);
    assertEquals(13, kernel[13]);
    assertEquals(13, weights.get("norm", "moving_variance")[13]);
  }
}
