package dev.kiln.runtime;

import dev.kiln.shape.ActivationFunction;
import dev.kiln.shape.LayerInfo;
import dev.kiln.shape.LayerKind;
import dev.kiln.shape.MergeRule;
import dev.kiln.shape.TensorShape;

/**
 * Keras merge layers over several inputs of one example: element-wise ({@code Add}, {@code Subtract},
 * {@code Multiply}, {@code Average}, {@code Maximum}, {@code Minimum}, a size of 1 broadcasting as
 * in Keras) or {@code Concatenate} along an axis. The graph program calls {@link #merge}; a merge
 * has no single input, so {@link #run} is never called. Its {@link #items()} are the output's rows
 * before the concatenation axis (the pixels of a channel concatenation), or its rows of the last axis
 * for an element-wise merge, so with even splits ({@link Plan#evenSplits}, the default) the
 * lanes share a large merge at batch 1 as they share a convolution:
 * InceptionV3's concatenations, copied on the caller alone, took longer with two threads than with
 * one (the helper's half of each input was in the other core's cache).
 */
final class MergeKernel implements Step {
  private final LayerKind kind;
  /** Output shape of one example, row-major. */
  private final int[] outDims;
  /** Each input's shape, row-major, same rank as the output. */
  private final int[][] inDims;
  /** Concatenate: the axis without the batch, and each input's size along it. */
  private final int axis;
  /** Elements of one item: the output's size from the axis on (concatenation) or along its last axis. */
  private final int inner;
  /** Items: the output's size before the axis (concatenation) or its size over {@link #inner}. */
  private final int outer;
  /**
   * Multiply-accumulates a moved float is counted as, to weigh a merge against {@link Plan#SPLIT_MACS}:
   * a copy reads and writes 8 bytes per float, at ~40 GB/s 0.2 ns, the time of ~15 multiply-accumulates
   * of a GEMM at 150 GFLOP/s.
   */
  private static final int MACS_PER_FLOAT = 16;

  /** Run over the merged example (element-wise merges only): a fused activation layer, or linear. */
  private final ActivationFunction activation;

  MergeKernel(MergeRule rule, LayerInfo layer) {
    this(rule, layer, ActivationFunction.LINEAR);
  }

  MergeKernel(MergeRule rule, LayerInfo layer, ActivationFunction activation) {
    this.activation = activation;
    kind = rule.kind();
    outDims = layer.output().dims();
    inDims = new int[layer.inputs().size()][];
    for (int i = 0; i < inDims.length; i++) {
      inDims[i] = layer.inputs().get(i).dims();
    }
    axis = kind == LayerKind.CONCATENATE ? rule.axisIndex(outDims.length) : -1;
    int split = kind == LayerKind.CONCATENATE ? axis : outDims.length - 1;
    int before = 1;
    for (int d = 0; d < split; d++) {
      before *= outDims[d];
    }
    outer = before;
    inner = TensorShape.of(outDims).size() / Math.max(1, before);
  }

  int arity() {
    return inDims.length;
  }

  /**
   * @param out the merged example, {@code outDims} row-major, from {@code outOff}
   * @param ins the inputs, each {@code inDims[i]} row-major, from {@code offs[i]}; only the first
   *     {@link #arity()} entries are read (the arrays are a lane's reusable scratch)
   */
  void merge(float[] out, int outOff, float[][] ins, int[] offs) {
    merge(out, outOff, ins, offs, 0, outer);
  }

  /** As {@link #merge(float[], int, float[][], int[])} for items {@code [from, to)} only. */
  void merge(float[] out, int outOff, float[][] ins, int[] offs, int from, int to) {
    if (kind == LayerKind.CONCATENATE) {
      concatenate(out, outOff, ins, offs, from, to);
    } else {
      elementWise(out, outOff, ins, offs, from * inner, to * inner);
      ActivationKernel.apply(out, outOff + from * inner, (to - from) * inner, activation, outDims[outDims.length - 1]);
    }
  }

  /** Output rows {@code [from, to)} before the axis, each the inputs' rows one after the other. */
  private void concatenate(float[] out, int outOff, float[][] ins, int[] offs, int from, int to) {
    int at = 0;
    for (int i = 0; i < inDims.length; i++) {
      int row = inDims[i][axis] * (inner / outDims[axis]);
      for (int o = from; o < to; o++) {
        System.arraycopy(ins[i], offs[i] + o * row, out, outOff + o * inner + at, row);
      }
      at += row;
    }
  }

  /** Output elements {@code [begin, end)}. */
  private void elementWise(float[] out, int outOff, float[][] ins, int[] offs, int begin, int end) {
    boolean plain = true;
    for (int[] dims : inDims) {
      plain &= java.util.Arrays.equals(dims, outDims);
    }
    for (int e = begin; e < end; e++) {
      float acc = ins[0][offs[0] + (plain ? e : index(e, inDims[0]))];
      for (int i = 1; i < inDims.length; i++) {
        float v = ins[i][offs[i] + (plain ? e : index(e, inDims[i]))];
        acc = switch (kind) {
          case ADD, AVERAGE -> acc + v;
          case SUBTRACT -> acc - v;
          case MULTIPLY -> acc * v;
          case MAXIMUM -> Math.max(acc, v);
          case MINIMUM -> Math.min(acc, v);
          default -> throw new IllegalStateException(kind.kerasName());
        };
      }
      out[outOff + e] = kind == LayerKind.AVERAGE ? acc / inDims.length : acc;
    }
  }

  /** The element of an input with {@code dims} that broadcasts to output element {@code e}. */
  private int index(int e, int[] dims) {
    int index = 0;
    int stride = 1;
    for (int d = outDims.length - 1; d >= 0; d--) {
      int coordinate = e % outDims[d];
      e /= outDims[d];
      index += (dims[d] == 1 ? 0 : coordinate) * stride;
      stride *= dims[d];
    }
    return index;
  }

  /** Element-wise without broadcasting: output element {@code e} reads element {@code e} of each input. */
  @Override
  public boolean inPlace() {
    if (kind == LayerKind.CONCATENATE) {
      return false;
    }
    for (int[] dims : inDims) {
      if (!java.util.Arrays.equals(dims, outDims)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int items() {
    return outer;
  }

  @Override
  public long cost() {
    return (long) MACS_PER_FLOAT * outer * inner;
  }

  @Override
  public void run(float[] out, int outOff, float[] in, int inOff, float[] shared, float[] local, int from, int to) {
    throw new IllegalStateException("a merge reads several inputs; the graph program calls merge()");
  }
}
