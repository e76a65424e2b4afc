package dev.kiln.runtime;

import dev.kiln.shape.Conv2DRule;
import dev.kiln.shape.Edges;
import dev.kiln.shape.Size2;
import dev.kiln.shape.TensorShape;
import dev.kiln.shape.Window;
import java.util.Map;

/**
 * Keras {@code Conv2D}: an implicit GEMM ({@link Gemm}) over the input, with bias, residual and
 * activation fused into the output loop ({@link Epilogue}). 1x1 convolutions and 1-channel inputs use
 * the same loop: the patch is read in place, so no im2col buffer exists. When SAME padding, or a
 * {@code ZeroPadding2D} the graph optimizer folded in, adds rows or columns (split by
 * {@link Window#padding}), the GEMM reads a zero-padded copy: made per lane, a band of rows at a time
 * in lane scratch ({@link PaddedBand}), when the layer is split by pixels; made once for all lanes by
 * {@link #prepare} when it is split by output channels (each lane then reads every pixel, and such
 * layers have weights beyond L2 and small images, so the copy is under a thousandth of their work).
 */
final class Conv2DKernel implements Step {
  private final Gemm gemm;
  /** (kh * kw * in_channels, filters) packed with the bias by {@link #gemm}. */
  private final Gemm.Packed weights;
  private final Epilogue epilogue;
  private final Gemm.Geometry geometry;
  private final int height;
  private final int width;
  private final int channels;
  private final int outWidth;
  private final int filters;
  private final int outHeight;
  private final Window.Pad padRows;
  private final Window.Pad padCols;
  private final long macs;
  /**
   * The activation when it is a clamp (ReLU, ReLU6, ReLU(max), linear), applied by the GEMM in
   * registers, residual included; {@code null} otherwise ({@link #epilogue} then runs after the GEMM).
   */
  private final Clamp clamp;
  private final float lo;
  private final float hi;
  /**
   * What an item is. With weights beyond L2 ({@link #COLUMN_SPLIT_FLOATS}) and a clamp activation:
   * {@code columnStep} output channels over one of {@link #pixelParts} runs of pixels, so lanes
   * splitting the layer at batch 1 share the weights instead of each streaming all of them (ResNet50's
   * 7x7 stage). Otherwise (0) {@code tile} output pixels, the GEMM's tile, so a split never leaves a
   * tile part-empty (a row of 7 pixels is a tile and a sixth).
   */
  private final int columnStep;
  private final int tile;
  /**
   * Column-split layers: the runs of whole tiles each column block is cut into, so that the items
   * (blocks times runs) are a multiple of the lanes: InceptionV3's 192-filter layers have 3 blocks of
   * 64, which two lanes split 2 to 1 (the second thread then saves a third, not half); as 6 items
   * they split 3 to 3. Item {@code i} is block {@code i / pixelParts}, run {@code i % pixelParts}.
   * One run per block with {@code -Dkiln.split.even=false} ({@link Plan#evenSplits}).
   */
  private final int pixelParts;
  /** Whole GEMM tiles of output pixels: {@code ceil(pixels / tile)}. */
  private final int tiles;
  /** Output pixels, out_height * out_width. */
  private final int pixels;
  /** 512 KB of weights: above, a layer is split by output channels. */
  static final long COLUMN_SPLIT_FLOATS = 128 * 1024;
  /** The lane-local padded bands of a padded layer split by pixels; {@code null} otherwise. */
  private final PaddedBand band;

  Conv2DKernel(Conv2DRule rule, TensorShape input, TensorShape output, Map<String, float[]> tensors, Gemm gemm,
      long macs) {
    this(rule, output, tensors, gemm, macs, Fusion.of(rule.activation(), input));
  }

  Conv2DKernel(Conv2DRule rule, TensorShape output, Map<String, float[]> tensors, Gemm gemm, long macs,
      Fusion fusion) {
    this(rule, output, tensors, gemm, macs, fusion, PaddedBand.BUDGET_FLOATS);
  }

  /**
   * A convolution as the graph optimizer rewrote it: {@code fusion.input()} is the shape it reads,
   * {@code fusion.padding()} zeros are added around it before the layer's own (SAME) padding, which
   * is computed on the padded size, and the epilogue runs {@code fusion.activation()}; padded bands
   * stay within {@code bandFloats} floats where a tile allows (tests pass small ones to cut many bands).
   */
  Conv2DKernel(Conv2DRule rule, TensorShape output, Map<String, float[]> tensors, Gemm gemm, long macs,
      Fusion fusion, int bandFloats) {
    this(rule, output, tensors, gemm, macs, fusion, bandFloats, Plan.evenSplits() ? Workers.SHARED.helperCount() + 1 : 1);
  }

  /**
   * As above, with the items of a column-split layer made a multiple of {@code lanes} (the threads
   * that can split it: the machine's processors by default; tests pass others).
   */
  Conv2DKernel(Conv2DRule rule, TensorShape output, Map<String, float[]> tensors, Gemm gemm, long macs,
      Fusion fusion, int bandFloats, int lanes) {
    TensorShape input = fusion.input();
    Edges extra = fusion.padding();
    this.gemm = gemm;
    this.macs = macs;
    Size2 k = rule.window().kernel();
    Size2 s = rule.window().stride();
    Size2 d = rule.window().dilation();
    height = input.height();
    width = input.width();
    channels = input.channels();
    outHeight = output.height();
    outWidth = output.width();
    filters = output.channels();
    padRows = Fusion.padding(height, extra.top(), extra.bottom(), k.height(), s.height(), d.height(),
        rule.window().padding());
    padCols = Fusion.padding(width, extra.left(), extra.right(), k.width(), s.width(), d.width(),
        rule.window().padding());
    int paddedWidth = width + padCols.total();
    int[] taps = new int[k.height() * k.width()];
    for (int ky = 0; ky < k.height(); ky++) {
      for (int kx = 0; kx < k.width(); kx++) {
        taps[ky * k.width() + kx] = (ky * d.height() * paddedWidth + kx * d.width()) * channels;
      }
    }
    geometry = Gemm.Geometry.of(outWidth, s.height() * paddedWidth * channels, s.width() * channels, taps, channels);
    weights = gemm.pack(tensors.get("kernel"), tensors.get("bias"), taps.length * channels, filters);
    epilogue = new Epilogue(fusion.activation(), filters, fusion.residual());
    clamp = epilogue.clamp();
    lo = clamp == null ? (epilogue.relu() ? 0f : Float.NEGATIVE_INFINITY) : clamp.lo();
    hi = clamp == null ? Float.POSITIVE_INFINITY : clamp.hi();
    pixels = outHeight * outWidth;
    tile = gemm.tilePixels();
    int step = gemm.columnStep(filters);
    columnStep = clamp != null && step > 0 && step < filters
        && (long) taps.length * channels * filters > COLUMN_SPLIT_FLOATS ? step : 0;
    tiles = (pixels + tile - 1) / tile;
    pixelParts = columnStep == 0 ? 1 : pixelParts((filters + columnStep - 1) / columnStep, lanes, tiles);
    band = padRows.total() + padCols.total() > 0 && columnStep == 0 ? new PaddedBand(height, width, channels,
        padRows, padCols, outHeight, outWidth, k.height(), s.height(), d.height(), tile, bandFloats) : null;
  }

  /** Whether {@link #prepare} makes the padded copy (a padded layer split by output channels). */
  private boolean padded() {
    return padRows.total() + padCols.total() > 0 && band == null;
  }

  @Override
  public void prepare(float[] in, int inOff, float[] shared) {
    if (padded()) {
      Images.pad(shared, in, inOff, height, width, channels, padRows.before(), padCols.before(),
          height + padRows.total(), width + padCols.total());
    }
  }

  @Override
  public void run(float[] out, int outOff, float[] in, int inOff, float[] shared, float[] local, int from, int to) {
    // the same calls as runWithResidual, not a call to it: the GEMM's caller stays small, so C2's
    // inlining budget (which keeps the Vector API values unboxed) is not spent here
    if (columnStep > 0) {
      columns(out, outOff, in, inOff, null, 0, shared, local, from, to);
      return;
    }
    int p0 = from * tile;
    int p1 = Math.min(to * tile, pixels);
    if (band != null) {
      bands(out, outOff, in, inOff, null, 0, local, p0, p1);
      return;
    }
    int o = outOff + p0 * filters;
    gemm.run(out, o, padded() ? shared : in, padded() ? 0 : inOff, geometry, weights, lo, hi, p0, p1, local);
    if (clamp == null) {
      epilogue.apply(out, o, (p1 - p0) * filters);
    }
  }

  /** @param residual (out_height, out_width, filters) from {@code residualOff}, added before the activation */
  @Override
  public void runWithResidual(float[] out, int outOff, float[] in, int inOff, float[] residual, int residualOff,
      float[] shared, float[] local, int from, int to) {
    if (columnStep > 0) {
      columns(out, outOff, in, inOff, residual, residualOff, shared, local, from, to);
      return;
    }
    int p0 = from * tile;
    int p1 = Math.min(to * tile, pixels);
    if (band != null) {
      bands(out, outOff, in, inOff, residual, residualOff, local, p0, p1);
      return;
    }
    int o = p0 * filters;
    if (clamp != null) {
      gemm.runResidual(out, outOff + o, padded() ? shared : in, padded() ? 0 : inOff, geometry, weights, residual,
          residualOff + o, lo, hi, p0, p1, local);
      return;
    }
    gemm.run(out, outOff + o, padded() ? shared : in, padded() ? 0 : inOff, geometry, weights, epilogue.relu(),
        p0, p1, local);
    epilogue.apply(out, outOff + o, (p1 - p0) * filters, residual, residualOff + o);
  }

  /**
   * The runs of tiles a column block is cut into for {@code blocks} blocks and {@code lanes} lanes: the
   * fewest that make the items a multiple of the lanes ({@code lanes / gcd(blocks, lanes)}), at most
   * one per tile.
   */
  static int pixelParts(int blocks, int lanes, int tiles) {
    int a = blocks;
    int b = Math.max(1, lanes);
    while (b != 0) {
      int t = a % b;
      a = b;
      b = t;
    }
    return Math.max(1, Math.min(Math.max(1, lanes) / a, tiles));
  }

  /** The first output pixel of run {@code part} of every column block ({@code pixels} for the end). */
  private int partStart(int part) {
    return Math.min(pixels, (int) ((long) part * tiles / pixelParts) * tile);
  }

  /**
   * Items {@code [from, to)} of a column-split layer: whole blocks over every pixel in one GEMM call
   * (as a one-lane run of all items does), the runs of a block cut by the range one block at a time.
   * Each output's sum is the same either way (the GEMM sums every pixel and column alone).
   *
   * @param residual as in {@link #runWithResidual}, or {@code null} for none
   */
  private void columns(float[] out, int outOff, float[] in, int inOff, float[] residual, int residualOff,
      float[] shared, float[] local, int from, int to) {
    float[] src = padded() ? shared : in;
    int srcOff = padded() ? 0 : inOff;
    for (int i = from; i < to;) {
      int block = i / pixelParts;
      int part = i % pixelParts;
      int f0 = block * columnStep;
      if (part == 0 && to >= (block + 1) * pixelParts) {
        int end = to / pixelParts;
        gemm.runColumns(out, outOff, src, srcOff, geometry, weights, residual, residualOff, lo, hi, 0, pixels, f0,
            Math.min(end * columnStep, filters), local);
        i = end * pixelParts;
        continue;
      }
      int last = Math.min(to, (block + 1) * pixelParts) - block * pixelParts;
      int p0 = partStart(part);
      int p1 = partStart(last);
      if (p1 > p0) {
        gemm.runColumns(out, outOff + p0 * filters, src, srcOff, geometry, weights, residual,
            residualOff + p0 * filters, lo, hi, p0, p1, f0, Math.min(f0 + columnStep, filters), local);
      }
      i = block * pixelParts + last;
    }
  }

  /**
   * Pixels {@code [p0, p1)} of a padded layer, a band at a time: the band's padded rows are copied into
   * {@code local} after the GEMM's scratch, then the GEMM reads them with the padded geometry, its
   * pixel indices counted from the band's first output row.
   *
   * @param residual as in {@link #runWithResidual}, or {@code null} for none
   */
  private void bands(float[] out, int outOff, float[] in, int inOff, float[] residual, int residualOff,
      float[] local, int p0, int p1) {
    int bandOff = gemm.localFloats(filters);
    for (int q = p0; q < p1; q += band.chunkPixels) {
      int q1 = Math.min(p1, q + band.chunkPixels);
      band.fill(local, bandOff, in, inOff, band.firstRow(q), band.rows(q, q1));
      int first = q / outWidth * outWidth;
      int o = q * filters;
      if (residual == null) {
        gemm.run(out, outOff + o, local, bandOff, geometry, weights, lo, hi, q - first, q1 - first, local);
        if (clamp == null) {
          epilogue.apply(out, outOff + o, (q1 - q) * filters);
        }
      } else if (clamp != null) {
        gemm.runResidual(out, outOff + o, local, bandOff, geometry, weights, residual, residualOff + o, lo, hi,
            q - first, q1 - first, local);
      } else {
        gemm.run(out, outOff + o, local, bandOff, geometry, weights, epilogue.relu(), q - first, q1 - first, local);
        epilogue.apply(out, outOff + o, (q1 - q) * filters, residual, residualOff + o);
      }
    }
  }

  @Override
  public boolean addsResidual() {
    return epilogue.residual();
  }

  @Override
  public int items() {
    return columnStep > 0 ? (filters + columnStep - 1) / columnStep * pixelParts : tiles;
  }

  @Override
  public long cost() {
    return macs;
  }

  @Override
  public int sharedFloats() {
    return padded() ? (height + padRows.total()) * (width + padCols.total()) * channels : 0;
  }

  @Override
  public int localFloats() {
    return gemm.localFloats(filters) + (band == null ? 0 : band.floats);
  }
}
