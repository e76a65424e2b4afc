package dev.kiln.importer.onnx;

/**
 * The padding arithmetic of a 2-D window (convolution or pooling) along one axis, for choosing
 * between Kiln's SAME and an explicit ZeroPadding2D + VALID without changing a single output.
 */
final class Pads {
  private Pads() {}

  /** {@code (k - 1) * d + 1}. */
  static long dilated(long k, long d) {
    return Math.addExact(Math.multiplyExact(k - 1, d), 1);
  }

  /** ONNX's output size with explicit pads: {@code floor((in + begin + end - dk) / s) + 1}, or with ceil_mode the ceiling. */
  static long output(long in, long k, long s, long d, long begin, long end, boolean ceil) {
    long span = in + begin + end - dilated(k, d);
    if (span < 0) {
      return 0;
    }
    long out = (ceil ? Math.floorDiv(span + s - 1, s) : Math.floorDiv(span, s)) + 1;
    // ONNX and PyTorch drop a last window that would start inside the end padding
    if (ceil && (out - 1) * s >= in + begin) {
      out--;
    }
    return out;
  }

  /**
   * Keras SAME's padding for this input: total {@code max((ceil(in / s) - 1) * s + dk - in, 0)},
   * half before (rounded down), the rest after.
   */
  static long[] same(long in, long k, long s, long d) {
    long out = Math.floorDiv(in + s - 1, s);
    long total = Math.max((out - 1) * s + dilated(k, d) - in, 0);
    return new long[] {total / 2, total - total / 2};
  }

  /** Whether explicit pads {@code (begin, end)} are exactly Keras SAME's for this input. */
  static boolean isSame(long in, long k, long s, long d, long begin, long end) {
    long[] same = same(in, k, s, d);
    return same[0] == begin && same[1] == end;
  }

  /**
   * The padding a VALID window needs to give {@code out} outputs and read every row it is given:
   * {@code {begin, end, crop}}, where the end padding is trimmed by the rows no window reaches and
   * {@code crop} is the number of input rows at the end that no window reads (cut explicitly, so Kiln
   * does not warn that a VALID window drops them; the outputs are the same).
   */
  static long[] valid(long in, long k, long s, long d, long begin, long end, long out) {
    long needed = (out - 1) * s + dilated(k, d); // rows the windows cover, padding included
    long unread = in + begin + end - needed;     // >= 0 without ceil_mode, < 0 when ceil_mode adds rows
    long newEnd = end - unread;
    long crop = 0;
    if (newEnd < 0) {
      crop = -newEnd;
      newEnd = 0;
    }
    return new long[] {begin, newEnd, crop};
  }

  /** Whether every window reads at least one real (not padded) row: then max over zeros changes nothing for inputs >= 0. */
  static boolean everyWindowReadsInput(long in, long k, long s, long d, long begin, long out) {
    for (long j = 0; j < out; j++) {
      long start = j * s - begin;
      boolean any = false;
      for (long tap = 0; tap < k && !any; tap++) {
        long row = start + tap * d;
        any = row >= 0 && row < in;
      }
      if (!any) {
        return false;
      }
    }
    return true;
  }
}
