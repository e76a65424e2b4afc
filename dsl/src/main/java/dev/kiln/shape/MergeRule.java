package dev.kiln.shape;

import java.util.ArrayList;
import java.util.List;

/**
 * Keras 3 merge layers (docs/SEMANTICS.md §3.14–3.15). Element-wise ones ({@code Add}, {@code Subtract},
 * {@code Multiply}, {@code Average}, {@code Maximum}, {@code Minimum}) need inputs of one rank whose
 * sizes agree, a size of 1 broadcasting; {@code Concatenate} needs every size but the axis to agree
 * and sums that axis. Kiln asks for at least two inputs (exactly two for {@code Subtract}).
 *
 * @param axis Keras's axis for Concatenate, counting the batch axis (-1 = channels); unused otherwise
 */
public record MergeRule(LayerKind kind, int axis) implements LayerRule {
  private static final String[] AXIS = {"height", "width", "channels"};

  public MergeRule {
    if (!kind.isMerge()) {
      throw new IllegalArgumentException("not a merge kind: " + kind);
    }
  }

  public static MergeRule of(LayerKind kind) {
    return new MergeRule(kind, -1);
  }

  /** Reads the annotation's attributes ({@link LayerKind#read}): only Concatenate has one. */
  static <X extends Exception> MergeRule read(LayerKind kind, AttributeSource<X> a) throws X {
    return kind == LayerKind.CONCATENATE ? new MergeRule(kind, a.integer("axis")) : of(kind);
  }

  @Override
  public void write(AttributeMap out) {
    if (kind == LayerKind.CONCATENATE) {
      out.put("axis", axis);
    }
  }

  @Override
  public void validate(Problems problems) {
    if (kind == LayerKind.CONCATENATE && axis == 0) {
      problems.error(ProblemCode.CONCAT_AXIS, "axis", -1, axis,
          "is the batch axis; concatenate along -1 (channels) or another axis of one example");
    }
  }

  /** The axis without the batch, {@code 0 .. rank - 1}, or -1 if out of range. */
  public int axisIndex(int rank) {
    int a = axis < 0 ? rank + 1 + axis : axis;
    return a >= 1 && a <= rank ? a - 1 : -1;
  }

  @Override
  public TensorShape output(LayerInput input, Problems problems) {
    return output(List.of(input), problems);
  }

  @Override
  public TensorShape output(List<LayerInput> inputs, Problems problems) {
    boolean subtract = kind == LayerKind.SUBTRACT;
    if (subtract ? inputs.size() != 2 : inputs.size() < 2) {
      problems.error(ProblemCode.MERGE_ARITY, "from", -1,
          subtract ? "Subtract takes exactly two inputs (from[0] - from[1])" : "a merge needs at least two inputs",
          inputs.size(), names(inputs));
      return null;
    }
    int rank = inputs.get(0).shape().rank();
    for (LayerInput in : inputs) {
      if (in.shape().rank() != rank) {
        problems.error(ProblemCode.MERGE_RANK, "from", -1, shapes(inputs),
            "Flatten or Reshape the inputs to one rank first");
        return null;
      }
    }
    return kind == LayerKind.CONCATENATE ? concatenate(inputs, rank, problems) : elementWise(inputs, rank, problems);
  }

  private TensorShape elementWise(List<LayerInput> inputs, int rank, Problems problems) {
    int[] out = inputs.get(0).shape().dims();
    for (LayerInput in : inputs.subList(1, inputs.size())) {
      for (int d = 0; d < rank; d++) {
        int size = in.shape().dim(d);
        if (out[d] == 1) {
          out[d] = size;
        } else if (size != 1 && size != out[d]) {
          problems.error(ProblemCode.MERGE_SHAPES, "from", -1,
              "element-wise inputs must have equal sizes (or 1, which broadcasts), but " + shapes(inputs),
              MergeFix.describe(inputs, -1));
          return null;
        }
      }
    }
    return fits(out, problems, "Broadcasting (sizes of 1) multiplies the inputs' sizes: give them equal shapes.");
  }

  /** The merged shape, or {@code null} after reporting one that a Java array cannot hold. */
  private static TensorShape fits(int[] out, Problems problems, String fix) {
    long size = 1;
    for (int d : out) {
      size = Counts.multiply(size, d);
    }
    if (size > Integer.MAX_VALUE) {
      long[] factors = new long[out.length];
      for (int d = 0; d < out.length; d++) {
        factors[d] = out[d];
      }
      problems.error(ProblemCode.TOO_LARGE, "from", -1, "the output " + TensorShape.describe(out),
          Counts.exact(factors), fix);
      return null;
    }
    return TensorShape.of(out);
  }

  private TensorShape concatenate(List<LayerInput> inputs, int rank, Problems problems) {
    int a = axisIndex(rank);
    if (a < 0) {
      problems.error(ProblemCode.CONCAT_AXIS, "axis", -1, axis,
          "is outside the inputs' axes (1 to " + rank + ", or -1 to -" + rank + ")");
      return null;
    }
    int[] out = inputs.get(0).shape().dims();
    long sum = 0;
    for (LayerInput in : inputs) {
      for (int d = 0; d < rank; d++) {
        if (d != a && in.shape().dim(d) != out[d]) {
          String along = rank == 3 ? AXIS[a] : "axis " + axis;
          problems.error(ProblemCode.MERGE_SHAPES, "from", -1, "Concatenate along " + along
              + " needs every other size to agree, but " + shapes(inputs), MergeFix.describe(inputs, a));
          return null;
        }
      }
      sum += in.shape().dim(a);
    }
    if (sum > Integer.MAX_VALUE) {
      problems.error(ProblemCode.TOO_LARGE, "from", -1, "the output", sum, "Concatenate fewer or smaller inputs.");
      return null;
    }
    out[a] = (int) sum;
    return fits(out, problems, "Concatenate fewer or smaller inputs.");
  }

  /** {@code `up1` is 56x56x64 and `conv3` is 57x57x64}. */
  static String shapes(List<LayerInput> inputs) {
    List<String> parts = new ArrayList<>();
    for (LayerInput in : inputs) {
      parts.add(name(in) + " is " + in.shape().compact());
    }
    return String.join(" and ", parts);
  }

  private static String names(List<LayerInput> inputs) {
    List<String> parts = new ArrayList<>();
    for (LayerInput in : inputs) {
      parts.add(name(in));
    }
    return String.join(", ", parts);
  }

  /** {@code `conv3`}. */
  static String name(LayerInput in) {
    return "`" + in.field() + "`";
  }
}
