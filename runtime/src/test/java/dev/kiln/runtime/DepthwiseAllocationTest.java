package dev.kiln.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The depthwise loops allocate nothing once compiled, on every path with whole vectors of channels
 * (the vector paths: JDK 17's C2 boxes a vector carried through nested loops, and the 3x3 kernel
 * sweeps several rows per vector of channels): 3x3 SAME in blocks of rows with its edge columns,
 * 3x3 stride 2 with a folded {@code ZeroPadding2D}'s right column, wide rows one at a time, 5x5.
 */
class DepthwiseAllocationTest {

  /** (kernel, stride, pads top/bottom/left/right, height, width, channels). */
  static Stream<Arguments> layers() {
    return Stream.of(Arguments.of(3, 1, new int[] {1, 1, 1, 1}, 14, 14, 64),
        Arguments.of(3, 2, new int[] {0, 1, 0, 1}, 16, 16, 48), Arguments.of(3, 1, new int[] {1, 1, 1, 1}, 6, 130, 32),
        Arguments.of(5, 2, new int[] {1, 2, 1, 2}, 11, 11, 32), Arguments.of(5, 1, new int[] {2, 2, 2, 2}, 7, 7, 80));
  }

  @ParameterizedTest(name = "{0}x{0} stride {1}, pads {2}, {3}x{4}x{5}")
  @MethodSource("layers")
  void allocatesNothingOnceCompiled(int k, int s, int[] pads, int h, int w, int c) {
    int oh = (h + pads[0] + pads[1] - k) / s + 1;
    int ow = (w + pads[2] + pads[3] - k) / s + 1;
    Depthwise.Geometry g = new Depthwise.Geometry(h, w, c, 1, oh, ow, k, k, s, s, 1, 1, pads[0], pads[2]);
    float[] x = new float[h * w * c];
    float[] kernel = new float[k * k * c];
    float[] bias = new float[c];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i % 7) * 0.25f - 0.75f;
    }
    for (int i = 0; i < kernel.length; i++) {
      kernel[i] = (i % 5) * 0.125f - 0.25f;
    }
    float[] out = new float[oh * ow * c];
    Depthwise loops = Simd.depthwise();
    com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long allocated = Long.MAX_VALUE;
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (allocated > 0 && System.nanoTime() < deadline) {
      long before = bean.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < 200; i++) {
        loops.rows(out, 0, x, 0, g, kernel, bias, 0f, 6f, 0, oh / 2);
        loops.rows(out, (oh / 2) * ow * c, x, 0, g, kernel, bias, 0f, 6f, oh / 2, oh);
      }
      allocated = bean.getCurrentThreadAllocatedBytes() - before;
    }
    assertEquals(0, allocated, "bytes allocated by the last 200 calls");
  }
}
