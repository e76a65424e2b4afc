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
 * has no single input, so {@link #run} is never called.
 */
final class MergeKernel implements Step {
  private final LayerKind kind;
  /** Output shape of one example, row-major. */
  private final int[] outDims;
  /** Each input's shape, row-major, same rank as the output. */
  private final int[][] inDims;
  /** Concatenate: the axis without the batch, and each input's size along it. */
  private final int axis;

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
    if (kind == LayerKind.CONCATENATE) {
      concatenate(out, outOff, ins, offs);
    } else {
      elementWise(out, outOff, ins, offs);
      ActivationKernel.apply(out, outOff, TensorShape.of(outDims).size(), activation, outDims[outDims.length - 1]);
    }
  }

  private void concatenate(float[] out, int outOff, float[][] ins, int[] offs) {
    int outer = 1;
    for (int d = 0; d < axis; d++) {
      outer *= outDims[d];
    }
    int inner = 1;
    for (int d = axis + 1; d < outDims.length; d++) {
      inner *= outDims[d];
    }
    int outRow = outDims[axis] * inner;
    int at = 0;
    for (int i = 0; i < inDims.length; i++) {
      int row = inDims[i][axis] * inner;
      for (int o = 0; o < outer; o++) {
        System.arraycopy(ins[i], offs[i] + o * row, out, outOff + o * outRow + at, row);
      }
      at += row;
    }
  }

  private void elementWise(float[] out, int outOff, float[][] ins, int[] offs) {
    int size = TensorShape.of(outDims).size();
    boolean plain = true;
    for (int[] dims : inDims) {
      plain &= java.util.Arrays.equals(dims, outDims);
    }
    for (int e = 0; e < size; e++) {
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
  public void run(float[] out, int outOff, float[] in, int inOff, float[] shared, float[] local, int from, int to) {
    throw new IllegalStateException("a merge reads several inputs; the graph program calls merge()");
  }
}
