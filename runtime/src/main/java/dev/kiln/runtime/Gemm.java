package dev.kiln.runtime;

/**
 * The one inner loop every convolution-like layer shares (Conv2D, the pointwise half of
 * SeparableConv2D, Conv2DTranspose after zero insertion, Dense): an implicit GEMM that reads the
 * patches straight from an NHWC image, so no im2col copy is ever made.
 *
 * <p>For output pixel {@code p}, with {@code y = p / geometry.outWidth} and
 * {@code x = p % geometry.outWidth}, the patch row starts at {@code base(p) = y * rowStep + x * colStep}
 * and tap {@code t} reads the {@code channels} floats at {@code base(p) + taps[t]}. The weights are the
 * Keras kernel seen as a {@code (taps * channels, n)} row-major matrix, packed once by {@link #pack}.
 *
 * <p>Two implementations: {@link ScalarGemm} (always available) and {@code VectorGemm}
 * (jdk.incubator.vector, loaded by {@link Simd} only when the module is present). They sum in the
 * same order, so they agree to a few float ulps.
 */
abstract class Gemm {

  /**
   * Packs the weights for this implementation.
   *
   * @param matrix (k, n) row-major
   * @param bias (n), or {@code null} for none
   */
  abstract Packed pack(float[] matrix, float[] bias, int k, int n);

  /**
   * {@code out[outOff + (p - p0) * n + f] = act(bias[f] + sum_k patch(p)[k] * B[k][f])} for pixels
   * {@code p} in {@code [p0, p1)}, where {@code act} is ReLU if {@code relu} and the identity otherwise.
   *
   * @param out (pixels, n) row-major, written from {@code outOff} for pixel {@code p0}
   * @param in the NHWC image the patches are read from, starting at {@code inOff}
   * @param local lane-private scratch of at least {@link #localFloats} floats
   */
  final void run(float[] out, int outOff, float[] in, int inOff, Geometry geometry, Packed weights,
      boolean relu, int p0, int p1, float[] local) {
    run(out, outOff, in, inOff, geometry, weights, relu ? 0f : Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY,
        p0, p1, local);
  }

  /**
   * As above with the activation a clamp, {@code act(v) = min(max(v, lo), hi)}, applied to each output
   * while it is still in registers: {@code (0, +inf)} is ReLU, {@code (0, 6)} ReLU6,
   * {@code (-inf, +inf)} none.
   */
  abstract void run(float[] out, int outOff, float[] in, int inOff, Geometry geometry, Packed weights,
      float lo, float hi, int p0, int p1, float[] local);

  /**
   * {@code out = min(max(gemm(p) + residual, lo), hi)}: the bias-added sums, then {@code residual}, then
   * the clamp, rounded as the separate {@code Add} and activation would round them (a fused residual
   * {@code Add}). This default runs {@link #run} and one pass over the rows; {@code VectorGemm} adds
   * each tile's residual while the tile is still in L1.
   *
   * @param residual (pixels, n) row-major like {@code out}, from {@code residualOff} for pixel {@code p0}
   */
  void runResidual(float[] out, int outOff, float[] in, int inOff, Geometry geometry, Packed weights,
      float[] residual, int residualOff, float lo, float hi, int p0, int p1, float[] local) {
    run(out, outOff, in, inOff, geometry, weights, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, p0, p1, local);
    int length = (p1 - p0) * weights.n();
    for (int i = 0; i < length; i++) {
      out[outOff + i] = Math.min(Math.max(out[outOff + i] + residual[residualOff + i], lo), hi);
    }
  }

  /** Pixels per micro-kernel tile: a layer split into whole tiles of pixels computes no wasted tile row. */
  int tilePixels() {
    return 1;
  }

  /**
   * Width of every column block but the last for {@code n} columns, the unit of {@link #runColumns},
   * or 0 when this implementation cannot compute a column range on its own.
   */
  int columnStep(int n) {
    return 0;
  }

  /**
   * {@link #run} (or, with a {@code residual}, {@link #runResidual}) for the columns {@code [f0, f1)}
   * only, {@code f0} a multiple of {@link #columnStep} and {@code f1} one or {@code n}: what one lane
   * computes of a layer split by output channels. Only when {@code columnStep(n) > 0}.
   */
  void runColumns(float[] out, int outOff, float[] in, int inOff, Geometry geometry, Packed weights,
      float[] residual, int residualOff, float lo, float hi, int p0, int p1, int f0, int f1, float[] local) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " computes whole rows only");
  }

  /** Scratch floats {@link #run} needs for {@code n} output columns. */
  abstract int localFloats(int n);

  /**
   * Where the patch rows of a GEMM live in its input image.
   *
   * @param offsets (taps * channels): {@code taps[t] + c} for every row {@code t * channels + c} of the
   *     weights, so the vector kernel runs one flat loop over the depth
   */
  record Geometry(int outWidth, int rowStep, int colStep, int[] taps, int channels, int[] offsets) {
    static Geometry of(int outWidth, int rowStep, int colStep, int[] taps, int channels) {
      int[] offsets = new int[taps.length * channels];
      for (int t = 0; t < taps.length; t++) {
        for (int c = 0; c < channels; c++) {
          offsets[t * channels + c] = taps[t] + c;
        }
      }
      return new Geometry(outWidth, rowStep, colStep, taps, channels, offsets);
    }

    int depth() {
      return taps.length * channels;
    }

    /** A plain matrix: {@code rows} rows of {@code depth} floats each (Dense, 1x1 convolutions). */
    static Geometry matrix(int depth) {
      return of(1, depth, 0, new int[] {0}, depth);
    }
  }

  /**
   * Packed weights: an implementation-specific copy of the (k, n) matrix, and the bias padded with
   * zeros to a whole number of the implementation's column blocks (zeros when there is none).
   */
  record Packed(float[] data, float[] bias, int k, int n) {}
}
