package dev.kiln.runtime;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorGemm}'s path for layers of a few output columns (a final 1-channel convolution,
 * Dense(1)): each output is a dot product over the depth, vectorised over the channels, since a
 * column block would leave most lanes empty.
 *
 * <p>With 16-lane vectors and taps of whole vectors, {@link #dot16} takes 16 consecutive pixels of
 * one column at a time: 16 independent accumulators through one flat depth loop (one weight vector
 * feeds 16 FMAs, and 16 chains hide the FMA latency that a single chain per pixel waits on), then a
 * fixed tree of blends, lane swaps and adds folds the 16 vectors into one vector of the
 * 16 sums, stored at once. Otherwise each output is one dot product ({@link #dotFlat},
 * {@link #dotTaps}) whose lanes {@link #sumLanes} adds in order.
 *
 * <p>Every output's sum is the same function of its pixel's patch wherever the pixel falls in a block,
 * so any split of the pixels between lanes gives the same bits; and every step is an exact
 * lane-wise operation or a rounding fixed by the code, so the interpreter, C1 and C2 agree.
 */
final class NarrowDot {
  private NarrowDot() {}

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  /** Pixels per block of {@link #dot16}: one per lane, the tree below is written for 16 lanes. */
  static final int BLOCK = 16;
  private static final boolean BLOCKS = L == BLOCK;
  // lanes whose index has bit d set, and the permutation i -> i ^ d, for d = 8, 4, 2, 1
  private static final VectorMask<Float> M8 = BLOCKS ? mask(8) : null;
  private static final VectorMask<Float> M4 = BLOCKS ? mask(4) : null;
  private static final VectorMask<Float> M2 = BLOCKS ? mask(2) : null;
  private static final VectorMask<Float> M1 = BLOCKS ? mask(1) : null;
  private static final VectorShuffle<Float> X8 = BLOCKS ? VectorShuffle.fromOp(S, i -> i ^ 8) : null;
  private static final VectorShuffle<Float> X4 = BLOCKS ? VectorShuffle.fromOp(S, i -> i ^ 4) : null;
  private static final VectorShuffle<Float> X2 = BLOCKS ? VectorShuffle.fromOp(S, i -> i ^ 2) : null;
  private static final VectorShuffle<Float> X1 = BLOCKS ? VectorShuffle.fromOp(S, i -> i ^ 1) : null;

  private static VectorMask<Float> mask(int d) {
    boolean[] bits = new boolean[L];
    for (int i = 0; i < L; i++) {
      bits[i] = (i & d) != 0;
    }
    return VectorMask.fromArray(S, bits, 0);
  }

  /**
   * {@link Gemm#run} for a narrow layer: the weights' dot-path layout, {@code (n, k)} row-major, starts
   * at {@code bias.length * k} in the packed data, after the column blocks.
   *
   * @param local at least {@code 16 * n} floats (VectorGemm's tile staging)
   */
  static void run(float[] out, int outOff, float[] in, int inOff, Gemm.Geometry g, Gemm.Packed w, float lo,
      float hi, int p0, int p1, float[] local) {
    int n = w.n();
    int k = w.k();
    float[] bias = w.bias();
    int t0 = bias.length * k;
    float[] b = w.data();
    if (BLOCKS && g.channels() % L == 0) {
      for (int p = p0; p < p1; p += BLOCK) {
        int rows = Math.min(BLOCK, p1 - p);
        int o = outOff + (p - p0) * n;
        if (n == 1 && rows == BLOCK) {
          dot16(out, o, in, inOff, g, p, p1 - 1, b, t0, bias[0], lo, hi);
          continue;
        }
        // a partial block or several columns: a column's 16 sums at a time into local, then
        // interleaved into the (pixels, n) rows
        for (int f = 0; f < n; f++) {
          dot16(local, f * BLOCK, in, inOff, g, p, p1 - 1, b, t0 + f * k, bias[f], lo, hi);
        }
        for (int j = 0; j < rows; j++) {
          for (int f = 0; f < n; f++) {
            out[o + j * n + f] = local[f * BLOCK + j];
          }
        }
      }
      return;
    }
    for (int p = p0; p < p1; p++) {
      int base = VectorGemm.base(g, inOff, p);
      for (int f = 0; f < n; f++) {
        float v = bias[f] + (g.channels() % L == 0 ? dotFlat(in, base, g.offsets(), b, t0 + f * k, local)
            : dotTaps(in, base, g, b, t0 + f * k, local));
        out[outOff + (p - p0) * n + f] = Math.min(Math.max(v, lo), hi);
      }
    }
  }

  /**
   * {@code dst[d + j] = min(max(bias + sum_k in[base(p + j) + offsets[k]] * b[row + k], lo), hi)} for
   * {@code j < 16}, pixels past {@code last} repeating it (their sums are stored, the caller drops
   * them). Every tap whole vectors. A method of its own: the accumulators live in its one loop only
   * (JDK 17's C2 boxes vectors carried through nested loops).
   */
  private static void dot16(float[] dst, int d, float[] in, int inOff, Gemm.Geometry g, int p, int last, float[] b,
      int row, float bias, float lo, float hi) {
    // consecutive pixels of one output row are colStep apart; only a row change needs a division
    int w = g.outWidth();
    int x = p % w;
    int cs = g.colStep();
    int b0 = VectorGemm.base(g, inOff, p);
    int b1 = at(g, inOff, p, last, x, b0, cs, 1);
    int b2 = at(g, inOff, p, last, x, b0, cs, 2);
    int b3 = at(g, inOff, p, last, x, b0, cs, 3);
    int b4 = at(g, inOff, p, last, x, b0, cs, 4);
    int b5 = at(g, inOff, p, last, x, b0, cs, 5);
    int b6 = at(g, inOff, p, last, x, b0, cs, 6);
    int b7 = at(g, inOff, p, last, x, b0, cs, 7);
    int b8 = at(g, inOff, p, last, x, b0, cs, 8);
    int b9 = at(g, inOff, p, last, x, b0, cs, 9);
    int b10 = at(g, inOff, p, last, x, b0, cs, 10);
    int b11 = at(g, inOff, p, last, x, b0, cs, 11);
    int b12 = at(g, inOff, p, last, x, b0, cs, 12);
    int b13 = at(g, inOff, p, last, x, b0, cs, 13);
    int b14 = at(g, inOff, p, last, x, b0, cs, 14);
    int b15 = at(g, inOff, p, last, x, b0, cs, 15);
    FloatVector zero = FloatVector.zero(S);
    FloatVector a0 = zero, a1 = zero, a2 = zero, a3 = zero, a4 = zero, a5 = zero, a6 = zero, a7 = zero;
    FloatVector a8 = zero, a9 = zero, a10 = zero, a11 = zero, a12 = zero, a13 = zero, a14 = zero, a15 = zero;
    int[] offsets = g.offsets();
    for (int kk = 0; kk < offsets.length; kk += L) {
      int off = offsets[kk];
      FloatVector v = FloatVector.fromArray(S, b, row + kk);
      a0 = FloatVector.fromArray(S, in, b0 + off).fma(v, a0);
      a1 = FloatVector.fromArray(S, in, b1 + off).fma(v, a1);
      a2 = FloatVector.fromArray(S, in, b2 + off).fma(v, a2);
      a3 = FloatVector.fromArray(S, in, b3 + off).fma(v, a3);
      a4 = FloatVector.fromArray(S, in, b4 + off).fma(v, a4);
      a5 = FloatVector.fromArray(S, in, b5 + off).fma(v, a5);
      a6 = FloatVector.fromArray(S, in, b6 + off).fma(v, a6);
      a7 = FloatVector.fromArray(S, in, b7 + off).fma(v, a7);
      a8 = FloatVector.fromArray(S, in, b8 + off).fma(v, a8);
      a9 = FloatVector.fromArray(S, in, b9 + off).fma(v, a9);
      a10 = FloatVector.fromArray(S, in, b10 + off).fma(v, a10);
      a11 = FloatVector.fromArray(S, in, b11 + off).fma(v, a11);
      a12 = FloatVector.fromArray(S, in, b12 + off).fma(v, a12);
      a13 = FloatVector.fromArray(S, in, b13 + off).fma(v, a13);
      a14 = FloatVector.fromArray(S, in, b14 + off).fma(v, a14);
      a15 = FloatVector.fromArray(S, in, b15 + off).fma(v, a15);
    }
    // pixels j and j + 8 folded into one vector, then j and j + 4 of those, ...: lane i of the last
    // vector is pixel i's sum. Each fold of (a, b) keeps, in the lanes whose bit d is clear,
    // a[i] + a[i ^ d], and in the others b[i] + b[i ^ d]: exact lane moves and one rounding per add.
    // Written out rather than a helper: C2 inlines the Vector API's own methods past its node budget,
    // but not a helper of ours, and a vector passed to a call that is not inlined is boxed (250 KB per
    // layer when the method grew past NodeCountInliningCutoff)
    FloatVector c0 = a0.blend(a8, M8).add(a8.blend(a0, M8).rearrange(X8));
    FloatVector c1 = a1.blend(a9, M8).add(a9.blend(a1, M8).rearrange(X8));
    FloatVector c2 = a2.blend(a10, M8).add(a10.blend(a2, M8).rearrange(X8));
    FloatVector c3 = a3.blend(a11, M8).add(a11.blend(a3, M8).rearrange(X8));
    FloatVector c4 = a4.blend(a12, M8).add(a12.blend(a4, M8).rearrange(X8));
    FloatVector c5 = a5.blend(a13, M8).add(a13.blend(a5, M8).rearrange(X8));
    FloatVector c6 = a6.blend(a14, M8).add(a14.blend(a6, M8).rearrange(X8));
    FloatVector c7 = a7.blend(a15, M8).add(a15.blend(a7, M8).rearrange(X8));
    FloatVector e0 = c0.blend(c4, M4).add(c4.blend(c0, M4).rearrange(X4));
    FloatVector e1 = c1.blend(c5, M4).add(c5.blend(c1, M4).rearrange(X4));
    FloatVector e2 = c2.blend(c6, M4).add(c6.blend(c2, M4).rearrange(X4));
    FloatVector e3 = c3.blend(c7, M4).add(c7.blend(c3, M4).rearrange(X4));
    FloatVector h0 = e0.blend(e2, M2).add(e2.blend(e0, M2).rearrange(X2));
    FloatVector h1 = e1.blend(e3, M2).add(e3.blend(e1, M2).rearrange(X2));
    FloatVector sums = h0.blend(h1, M1).add(h1.blend(h0, M1).rearrange(X1));
    sums.add(bias).max(lo).min(hi).intoArray(dst, d);
  }

  /** Base of pixel {@code p + j} (at most {@code last}), from pixel {@code p}'s base {@code b0} at column {@code x}. */
  private static int at(Gemm.Geometry g, int inOff, int p, int last, int x, int b0, int cs, int j) {
    return x + j < g.outWidth() && p + j <= last ? b0 + j * cs : VectorGemm.base(g, inOff, Math.min(p + j, last));
  }

  /**
   * {@code sum_k in[base + offsets[k]] * b[row + k]} when every tap is whole vectors: one flat loop over
   * the depth and a single reduction. A method of its own: inlined into the pixel loops, JDK 17's C2
   * boxed the accumulator on every step (JFR: 1.2 MB per denoiser call).
   */
  private static float dotFlat(float[] in, int base, int[] offsets, float[] b, int row, float[] local) {
    FloatVector acc = FloatVector.zero(S);
    for (int kk = 0; kk < offsets.length; kk += L) {
      acc = FloatVector.fromArray(S, in, base + offsets[kk]).fma(FloatVector.fromArray(S, b, row + kk), acc);
    }
    return sumLanes(acc, local);
  }

  /** As {@link #dotFlat} for channels that are not whole vectors: per tap, vectors then a scalar tail. */
  private static float dotTaps(float[] in, int base, Gemm.Geometry g, float[] b, int row, float[] local) {
    int channels = g.channels();
    int whole = S.loopBound(channels);
    float v = 0;
    for (int tap : g.taps()) {
      int a = base + tap;
      // a fresh accumulator per tap: JDK 17 boxes vectors carried through nested loops
      FloatVector acc = FloatVector.zero(S);
      int c = 0;
      for (; c < whole; c += L) {
        acc = FloatVector.fromArray(S, in, a + c).fma(FloatVector.fromArray(S, b, row + c), acc);
      }
      v += sumLanes(acc, local);
      for (; c < channels; c++) {
        v += in[a + c] * b[row + c];
      }
      row += channels;
    }
    return v;
  }

  /**
   * The lanes summed in order: reduceLanes(ADD) leaves the order unspecified, and on JDK 25 the
   * interpreted and JIT-compiled reductions differ in the last bit, so a network gave two answers for
   * one input as its code warmed up.
   */
  private static float sumLanes(FloatVector acc, float[] local) {
    acc.intoArray(local, 0);
    float v = 0;
    for (int i = 0; i < L; i++) {
      v += local[i];
    }
    return v;
  }
}
