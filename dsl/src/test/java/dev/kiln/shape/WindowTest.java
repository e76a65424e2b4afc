package dev.kiln.shape;

import static dev.kiln.dsl.Padding.SAME;
import static dev.kiln.dsl.Padding.VALID;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.dsl.Padding;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hand-checked rows from docs/SEMANTICS.md §1–§3.4 (Keras 3 formulas, TF padding split). */
class WindowTest {

  @ParameterizedTest(name = "i={0} k={1} s={2} d={3} {4} -> {5}")
  @CsvSource({
      // valid conv, §1 worked values
      "28, 3, 1, 1, VALID, 26",
      "28, 3, 2, 1, VALID, 13",
      "28, 3, 1, 2, VALID, 24",
      "2, 3, 1, 1, VALID, 0",
      "1, 3, 1, 1, VALID, -1",
      // seed 003: 128 -> 61 -> 27 -> 10 with 8x8 stride 2
      "128, 8, 2, 1, VALID, 61",
      "61, 8, 2, 1, VALID, 27",
      "27, 8, 2, 1, VALID, 10",
      // seed 001: 256 with 4x4 stride 2
      "256, 4, 2, 1, VALID, 127",
      "256, 4, 2, 1, SAME, 128",
      // same = ceil(i / s), kernel and dilation irrelevant
      "5, 3, 2, 1, SAME, 3",
      "7, 2, 2, 1, SAME, 4",
      "224, 7, 2, 1, SAME, 112",
      "1, 9, 1, 4, SAME, 1",
      // pooling floors 7 to 3 (seed 000)
      "7, 2, 2, 1, VALID, 3",
  })
  void outputSize(int i, int k, int s, int d, Padding padding, long expected) {
    assertEquals(expected, Window.outputSize(i, k, s, d, padding));
  }

  @ParameterizedTest(name = "i={0} k={1} s={2} d={3} -> ({4}, {5})")
  @CsvSource({
      "5, 3, 2, 1, 1, 1",
      "6, 3, 2, 1, 0, 1",
      "5, 4, 1, 1, 1, 2",
      "224, 7, 2, 1, 2, 3",
      "7, 2, 2, 1, 0, 1",
      "28, 3, 1, 1, 1, 1",
      "10, 3, 1, 2, 2, 2",
      "4, 1, 2, 1, 0, 0",
  })
  void samePaddingPutsTheOddPixelAtTheEnd(int i, int k, int s, int d, int before, int after) {
    assertEquals(new Window.Pad(before, after), Window.padding(i, k, s, d, SAME));
    assertEquals(new Window.Pad(0, 0), Window.padding(i, k, s, d, VALID));
  }

  @ParameterizedTest(name = "i={0} k={1} s={2} d={3} {4} op={5} -> {6}")
  @CsvSource({
      // §3.4: i=4, k=3, s=2
      "4, 3, 2, 1, VALID, -1, 9",
      "4, 3, 2, 1, SAME, -1, 8",
      "4, 3, 2, 1, VALID, 1, 10",
      "4, 3, 2, 1, SAME, 1, 8",
      "4, 3, 2, 1, SAME, 0, 7",
      "4, 4, 2, 1, SAME, 0, 6",
      // dilation honoured (tfjs ignores it: 6)
      "4, 3, 1, 2, VALID, -1, 8",
      // stride larger than the kernel: max(dk, s)
      "4, 2, 3, 1, VALID, -1, 12",
      "1, 4, 2, 1, SAME, 0, 0",
      // seed 002: 20 -> 200 with stride 10, same
      "20, 3, 10, 1, SAME, -1, 200",
      "20, 3, 10, 1, SAME, 4, 195",
  })
  void transposedOutputSize(int i, int k, int s, int d, Padding padding, int op, long expected) {
    assertEquals(expected, Window.transposedOutputSize(i, k, s, d, padding, op));
  }

  @ParameterizedTest(name = "i={0} k={1} s={2} {3} loses {4}")
  @CsvSource({
      "7, 2, 2, VALID, 1",
      "28, 2, 2, VALID, 0",
      "11, 3, 2, VALID, 0",
      "12, 3, 2, VALID, 1",
      "7, 2, 2, SAME, 0",
      "2, 3, 1, VALID, 0",
      "128, 8, 2, VALID, 0",
      "61, 8, 2, VALID, 1",
  })
  void lostRows(int i, int k, int s, Padding padding, long lost) {
    assertEquals(lost, Window.lost(i, k, s, 1, padding));
  }

  @ParameterizedTest(name = "i={0} k={1} s={2} out={3} crops {4}")
  @CsvSource({
      // SAME, outputPadding None: out = i*s; TF's SAME split of the output size
      "4, 3, 2, 8, 0",
      // SAME with outputPadding 0: one row fewer, cut at the start
      "4, 3, 2, 7, 1",
      "4, 4, 2, 6, 2",
      "4, 4, 2, 8, 1",
      // VALID: nothing cut, outputPadding adds at the end
      "4, 3, 2, 9, 0",
      "4, 3, 2, 10, 0",
  })
  void transposedCropMatchesTheForwardSamePadding(int i, int k, int s, long out, long crop) {
    assertEquals(crop, Window.transposedCrop(i, k, s, 1, out));
    // Where a forward SAME convolution of the output gives back the input, TF computes the same cut
    // (k=4, s=2, out=6 is the case Keras's TF backend rejects at run time; JAX and torch cut 2).
    if (Window.outputSize(out, k, s, 1, SAME) == i) {
      assertEquals(crop, Window.padding((int) out, k, s, 1, SAME).before());
    }
  }
}
