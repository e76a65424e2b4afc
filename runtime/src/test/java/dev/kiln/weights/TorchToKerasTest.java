package dev.kiln.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class TorchToKerasTest {
  /** torch value at (i, j, y, x) = 1000 i + 100 j + 10 y + x, so every Keras element names its source. */
  private static float[] torchKernel(int a, int b, int kh, int kw) {
    float[] torch = new float[a * b * kh * kw];
    for (int i = 0; i < a; i++) {
      for (int j = 0; j < b; j++) {
        for (int y = 0; y < kh; y++) {
          for (int x = 0; x < kw; x++) {
            torch[((i * b + j) * kh + y) * kw + x] = 1000 * i + 100 * j + 10 * y + x;
          }
        }
      }
    }
    return torch;
  }

  @Test
  void convKernelBecomesHeightWidthInOut() {
    // Conv2d (out 2, in 3, kh 2, kw 1) -> Keras (kh 2, kw 1, in 3, out 2)
    float[] keras = TorchToKeras.kernel(torchKernel(2, 3, 2, 1), 2, 3, 2, 1);
    float[] expected = new float[12];
    for (int y = 0; y < 2; y++) {
      for (int in = 0; in < 3; in++) {
        for (int out = 0; out < 2; out++) {
          expected[(y * 3 + in) * 2 + out] = 1000 * out + 100 * in + 10 * y;
        }
      }
    }
    assertArrayEquals(expected, keras);
  }

  @Test
  void linearWeightIsTransposedAndReordered() {
    // Linear (units 2, features 3): torch[u][f] = 10 u + f; Keras row n reads feature order[n]
    float[] torch = {0, 1, 2, 10, 11, 12};
    assertArrayEquals(new float[] {0, 10, 1, 11, 2, 12}, TorchToKeras.dense(torch, 3, 2, true, null));
    assertArrayEquals(new float[] {2, 12, 0, 10, 1, 11}, TorchToKeras.dense(torch, 3, 2, true, new int[] {2, 0, 1}));
    // stored (features, units) already: only the rows move
    float[] rows = {0, 10, 1, 11, 2, 12};
    assertArrayEquals(new float[] {2, 12, 0, 10, 1, 11}, TorchToKeras.dense(rows, 3, 2, false, new int[] {2, 0, 1}));
  }

  @Test
  void chwOrderOfASmallImage() {
    // (h 1, w 2, c 2): HWC position (0,0,0) (0,0,1) (0,1,0) (0,1,1) is CHW index 0, 2, 1, 3
    assertArrayEquals(new int[] {0, 2, 1, 3}, TorchToKeras.chwOrder(1, 2, 2));
    assertArrayEquals(new float[] {5, 7, 6, 8}, TorchToKeras.reorder(new float[] {5, 6, 7, 8}, new int[] {0, 2, 1, 3}));
  }
}
