package dev.kiln.runtime;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Gemm} on the JDK Vector API: the output is cut into tiles of a few pixels by one column block,
 * and each tile runs a register-blocked micro-kernel ({@link WideTiles}: 6 pixels by up to 4 vectors,
 * 24 accumulators, on machines with 32 vector registers; {@link SmallTiles}: 4 by up to 2 otherwise)
 * fed by scalar broadcasts of the patch and contiguous loads of the packed weights. Layers with at most
 * {@value #NARROW} output columns (a final 1-channel convolution, Dense(1)) instead run a dot product
 * vectorised over the channels ({@link NarrowDot}), which would otherwise waste most lanes.
 *
 * <p>Loop order: pixel tiles outer, column blocks inner. A tile's patches (6 pixels by the depth)
 * stay in L1 while the panels of every column block stream past them from L2 (vggblock's largest
 * layer has 590 KB of weights, Zen 5 1 MB of L2 per core), so the input is read from memory once per
 * layer and each weight vector, once loaded, feeds 6 FMAs. Weights too large for L2 instead run
 * column blocks outer over bands of pixels ({@link #L2_WEIGHT_FLOATS}); each tile's sums are the
 * same either way.
 *
 * <p>One vector shape per JVM: every kernel runs {@code SPECIES_PREFERRED}, never a narrower shape
 * beside it (8- and 24-column layers once ran on 256-bit vectors). The Vector API's shared methods
 * ({@code FloatVector.intoArray}, {@code add}, {@code fma}) dispatch on {@code this}, and where C2
 * cannot prove the exact class of a vector at parse time (a value carried through a loop, such as an
 * accumulator) it inlines them by the JVM-wide receiver profile of those methods. With one shape that
 * profile is monomorphic. With two, once neither class reaches 90% of it (enough kernels of both
 * shapes have run: a service with many models, or the test suite), C2 inlines both classes, the
 * species becomes a phi, the intrinsic sees no constant vector length ({@code -XX:+PrintIntrinsics}:
 * "missing constant vlen=LoadI") and falls back to Java code that boxes: JDK 25's denoiser then
 * allocated 627 KB per call ({@code ManyShapesAllocationTest}); JDK 17 boxed even in a fresh JVM.
 *
 * <p>Loaded reflectively by {@link Simd} only when {@code jdk.incubator.vector} is in the boot layer.
 */
final class VectorGemm extends Gemm {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final int NARROW = 4;
  /**
   * Weights up to this many floats (512 KB, half of Zen 5's L2) stay in L2 across the pixel tiles.
   * Larger ones (ResNet50's 3x3 convolutions of stages 4 and 5: 2.4 and 9.4 MB) would stream from L3
   * once per 6-pixel tile, so those layers run column blocks outer over bands of pixels.
   * {@code -Dkiln.gemm.l2weights=floats} overrides it, for measuring: vggblock's 112x112x128 layer (147
   * Ki floats) read 183 / 168 GFLOP/s on bands and 182 / 193 on tiles in alternated JVMs (KernelBench,
   * JDK 25), a difference within the spread between JVMs, so the rule stays.
   */
  private static final long L2_WEIGHT_FLOATS = Long.getLong("kiln.gemm.l2weights", 128 * 1024);
  /** A band's new input floats, about a quarter of L2 (each pixel adds about one patch column). */
  private static final int BAND_FLOATS = 64 * 1024;
  /**
   * A column block's panel larger than {@link #L2_WEIGHT_FLOATS} runs its depth in chunks of at most this size,
   * each over all the tiles of a band, so the chunk stays in L2 while every tile of the band uses it
   * instead of streaming the whole panel from L3 once per tile (ResNet50 stage 5: 1.2 MB per block).
   * {@code -Dkiln.gemm.chunk=floats} overrides it, for measuring.
   */
  static final int CHUNK_FLOATS = Integer.getInteger("kiln.gemm.chunk", 64 * 1024);
  /** Zeros the micro-kernels start a tile's sums from and add as the bias of a chunk before the last. */
  static final float[] ZEROS = new float[4 * L];
  /** 512-bit vectors: AVX-512, whose 32 registers hold the 6 x 4 tile. */
  static final boolean WIDE = S.vectorBitSize() == 512;
  /** Pixels per tile. */
  static final int ROWS = WIDE ? WideTiles.ROWS : SmallTiles.ROWS;

  /**
   * Width in floats of the column block that starts at column {@code f0}: as many whole vectors as the
   * remaining columns need, at most 4 (wide) or 2. Only the last block can hold padding columns, so
   * the block at {@code f0} starts at {@code f0 * k} in the packed data.
   */
  static int blockWidth(int n, int f0) {
    return Math.min(WIDE ? 4 * L : 2 * L, (n - f0 + L - 1) / L * L);
  }

  /** Columns {@code n} rounded up to whole column blocks. */
  static int paddedColumns(int n) {
    int f0 = 0;
    while (f0 < n) {
      f0 += blockWidth(n, f0);
    }
    return f0;
  }

  private static boolean dot(int n, int channels) {
    return n <= NARROW && channels >= L;
  }

  /**
   * Packed layout: the column blocks one after the other, block {@code [f0, f0 + bw)} as a
   * {@code (k, bw)} row-major panel from {@code f0 * k}, zero beyond column {@code n}; then, for layers
   * of at most {@value #NARROW} columns, the transpose {@code (n, k)} for the dot-product path.
   */
  @Override
  Packed pack(float[] matrix, float[] bias, int k, int n) {
    int padded = paddedColumns(n);
    int blockFloats = padded * k;
    // The dot path is chosen per call from the geometry, so narrow layers keep both layouts.
    float[] data = new float[blockFloats + (n <= NARROW ? n * k : 0)];
    for (int f0 = 0, bw; f0 < n; f0 += bw) {
      bw = blockWidth(n, f0);
      for (int r = 0; r < k; r++) {
        for (int j = 0; j < bw && f0 + j < n; j++) {
          data[f0 * k + r * bw + j] = matrix[r * n + f0 + j];
        }
      }
    }
    if (n <= NARROW) {
      for (int f = 0; f < n; f++) {
        for (int r = 0; r < k; r++) {
          data[blockFloats + f * k + r] = matrix[r * n + f];
        }
      }
    }
    float[] paddedBias = new float[padded];
    if (bias != null) {
      System.arraycopy(bias, 0, paddedBias, 0, n);
    }
    return new Packed(data, paddedBias, k, n);
  }

  /** Staging for a tile's partial column block, and the dot path's lanes. */
  @Override
  int localFloats(int n) {
    return ROWS * (WIDE ? 4 * L : 2 * L);
  }

  @Override
  void run(float[] out, int outOff, float[] in, int inOff, Geometry g, Packed w, float lo, float hi, int p0, int p1,
      float[] local) {
    int n = w.n();
    if (dot(n, g.channels())) {
      NarrowDot.run(out, outOff, in, inOff, g, w, lo, hi, p0, p1, local);
      return;
    }
    tiles(out, outOff, in, inOff, g, w, null, 0, lo, hi, p0, p1, 0, n, local);
  }

  @Override
  void runResidual(float[] out, int outOff, float[] in, int inOff, Geometry g, Packed w, float[] residual,
      int residualOff, float lo, float hi, int p0, int p1, float[] local) {
    if (dot(w.n(), g.channels())) {
      super.runResidual(out, outOff, in, inOff, g, w, residual, residualOff, lo, hi, p0, p1, local);
      return;
    }
    tiles(out, outOff, in, inOff, g, w, residual, residualOff, lo, hi, p0, p1, 0, w.n(), local);
  }

  @Override
  int tilePixels() {
    return ROWS;
  }

  @Override
  int columnStep(int n) {
    return n <= NARROW ? 0 : blockWidth(n, 0);
  }

  @Override
  void runColumns(float[] out, int outOff, float[] in, int inOff, Geometry g, Packed w, float[] residual,
      int residualOff, float lo, float hi, int p0, int p1, int f0, int f1, float[] local) {
    tiles(out, outOff, in, inOff, g, w, residual, residualOff, lo, hi, p0, p1, f0, f1, local);
  }

  /**
   * The tiled loops; with a {@code residual} the tiles store the bias-added sums and
   * {@link #addResidual} finishes each one while it is in L1.
   */
  private static void tiles(float[] out, int outOff, float[] in, int inOff, Geometry g, Packed w,
      float[] residual, int residualOff, float lo, float hi, int p0, int p1, int fBegin, int fEnd, float[] local) {
    float[] bias = w.bias();
    int n = w.n();
    float tlo = residual == null ? lo : Float.NEGATIVE_INFINITY;
    float thi = residual == null ? hi : Float.POSITIVE_INFINITY;
    int k = w.k();
    float[] b = w.data();
    if ((long) k * (fEnd - fBegin) <= L2_WEIGHT_FLOATS) {
      for (int p = p0; p < p1; p += ROWS) {
        int rows = Math.min(ROWS, p1 - p);
        int o = outOff + (p - p0) * n;
        for (int f0 = fBegin, bw; f0 < fEnd; f0 += bw) {
          bw = blockWidth(n, f0);
          tile(bw, out, o + f0, n, rows, in, inOff, g, b, f0 * k, bias, f0, tlo, thi, p, local);
          if (residual != null) {
            addResidual(out, o + f0, n, rows, Math.min(bw, n - f0), residual, residualOff + (p - p0) * n + f0, lo, hi);
          }
        }
      }
      return;
    }
    // weights beyond L2: bands of pixels whose input stays in L2, column blocks outer within a band,
    // so each panel streams in once per band and feeds every tile of it; a panel beyond
    // CHUNK_FLOATS also runs its depth in chunks, tiles inner, the partial sums kept in out
    int band = ROWS * Math.max(1, BAND_FLOATS / (ROWS * Math.max(g.channels(), g.colStep())));
    for (int q = p0; q < p1; q += band) {
      int q1 = Math.min(p1, q + band);
      for (int f0 = fBegin, bw; f0 < fEnd; f0 += bw) {
        bw = blockWidth(n, f0);
        // only whole 4-vector blocks run in chunks (ChunkTiles): a partial block's sums are staged,
        // not stored in full, and narrower blocks are narrower layers
        // (vggblock's 1152 x 64 panels, 74 Ki floats, ran 5% faster whole than in two chunks)
        long panel = (long) k * bw;
        int chunks = WIDE && bw == 4 * L && f0 + bw <= n && panel > L2_WEIGHT_FLOATS
            ? (int) ((panel + CHUNK_FLOATS - 1) / CHUNK_FLOATS) : 1;
        for (int c = 0; c < chunks; c++) {
          int k0 = (int) ((long) k * c / chunks);
          int k1 = (int) ((long) k * (c + 1) / chunks);
          for (int p = q; p < q1; p += ROWS) {
            int rows = Math.min(ROWS, q1 - p);
            int o = outOff + (p - p0) * n + f0;
            if (chunks == 1) {
              tile(bw, out, o, n, rows, in, inOff, g, b, f0 * k, bias, f0, tlo, thi, p, local);
            } else if (rows == 1) {
              WideTiles.tile1x4(out, o, in, inOff, g, b, f0 * k + k0 * bw, bias, f0, tlo, thi, p, k0, k1);
            } else {
              ChunkTiles.tile6x4(out, o, n, rows, in, inOff, g, b, f0 * k + k0 * bw, bias, f0, tlo, thi, p, k0, k1);
            }
            if (residual != null && k1 == k) {
              addResidual(out, o, n, rows, Math.min(bw, n - f0), residual, residualOff + (p - p0) * n + f0, lo,
                  hi);
            }
          }
        }
      }
    }
  }

  /**
   * {@code out = min(max(out + residual, lo), hi)} over one stored tile: {@code rows} rows of
   * {@code cols} floats, {@code n} apart in both arrays.
   */
  private static void addResidual(float[] out, int o, int n, int rows, int cols, float[] residual, int r, float lo,
      float hi) {
    int whole = S.loopBound(cols);
    for (int row = 0; row < rows; row++, o += n, r += n) {
      int j = 0;
      for (; j < whole; j += L) {
        FloatVector.fromArray(S, out, o + j).add(FloatVector.fromArray(S, residual, r + j)).max(lo).min(hi)
            .intoArray(out, o + j);
      }
      for (; j < cols; j++) {
        out[o + j] = Math.min(Math.max(out[o + j] + residual[r + j], lo), hi);
      }
    }
  }

  /** One tile of {@code rows} pixels from {@code p} by the column block {@code [f0, f0 + bw)}. */
  private static void tile(int bw, float[] out, int o, int n, int rows, float[] in, int inOff, Geometry g,
      float[] b, int row, float[] bias, int f0, float lo, float hi, int p, float[] local) {
    if (!WIDE) {
      if (bw == 2 * L) {
        SmallTiles.tile4x2(out, o, n, rows, in, inOff, g, b, row, bias, f0, lo, hi, p, local);
      } else {
        SmallTiles.tile4x1(out, o, n, rows, in, inOff, g, b, row, bias, f0, lo, hi, p, local);
      }
      return;
    }
    if (rows == 1 && bw == 4 * L && f0 + bw <= n) {
      // a pixel alone in its tile: a 7x7 layer's 49th, a Dense layer's single row
      WideTiles.tile1x4(out, o, in, inOff, g, b, row, bias, f0, lo, hi, p, 0, g.offsets().length);
      return;
    }
    switch (bw) {
      case 4 * 16 -> WideTiles.tile6x4(out, o, n, rows, in, inOff, g, b, row, bias, f0, lo, hi, p, local);
      case 3 * 16 -> WideTiles.tile6x3(out, o, n, rows, in, inOff, g, b, row, bias, f0, lo, hi, p, local);
      case 2 * 16 -> WideTiles.tile6x2(out, o, n, rows, in, inOff, g, b, row, bias, f0, lo, hi, p, local);
      case 16 -> WideTiles.tile6x1(out, o, n, rows, in, inOff, g, b, row, bias, f0, lo, hi, p, local);
      default -> throw new IllegalStateException("no kernel for a block of " + bw + " columns");
    }
  }

  /**
   * Where pixel {@code p}'s patch starts in {@code in}. Matrices (Dense, outWidth 1) and 1x1 stride-1
   * convolutions (rows of the image back to back) need no division: with depths of 16 to 96, six
   * divisions per tile cost a fifth of MobileNetV2's expansion layers.
   */
  static int base(Geometry g, int inOff, int p) {
    int w = g.outWidth();
    if (w == 1) {
      return inOff + p * g.rowStep();
    }
    if (g.rowStep() == w * g.colStep()) {
      return inOff + p * g.colStep();
    }
    return inOff + (p / w) * g.rowStep() + (p % w) * g.colStep();
  }
}
