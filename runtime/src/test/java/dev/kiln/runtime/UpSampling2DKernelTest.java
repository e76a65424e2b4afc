package dev.kiln.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.kiln.dsl.Interpolation;
import dev.kiln.shape.TensorShape;
import dev.kiln.shape.UpSampling2DRule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UpSampling2DKernelTest {
  /** Nearest: output (y, x, c) is input (y / sh, x / sw, c), however the rows are split over lanes. */
  @ParameterizedTest
  @CsvSource({"2, 2, 1", "2, 3, 2", "3, 1, 3", "1, 2, 4"})
  void nearestRowsEqualTheDefinitionForAnySplit(int sh, int sw, int split) {
    int h = 5;
    int w = 4;
    int c = 3;
    TensorShape out = TensorShape.image(h * sh, w * sw, c);
    UpSampling2DKernel kernel = new UpSampling2DKernel(new UpSampling2DRule(new int[] {sh, sw}, Interpolation.NEAREST),
        TensorShape.image(h, w, c), out);
    float[] in = new float[h * w * c];
    for (int i = 0; i < in.length; i++) {
      in[i] = i + 1;
    }
    float[] expected = new float[out.size()];
    for (int y = 0; y < h * sh; y++) {
      for (int x = 0; x < w * sw; x++) {
        for (int k = 0; k < c; k++) {
          expected[(y * w * sw + x) * c + k] = in[((y / sh) * w + x / sw) * c + k];
        }
      }
    }
    float[] actual = new float[out.size() + 2];
    // lanes take rows [0, split) and [split, end): the second starts on a repeated row
    kernel.run(actual, 2, in, 0, null, null, 0, split);
    kernel.run(actual, 2, in, 0, null, null, split, kernel.items());
    assertArrayEquals(expected, java.util.Arrays.copyOfRange(actual, 2, actual.length));
  }
}
