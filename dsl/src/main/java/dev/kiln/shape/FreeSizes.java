package dev.kiln.shape;

import java.util.ArrayList;
import java.util.List;

/**
 * A model whose first input leaves its height or width (a sequence's length) free ({@code Input.ANY},
 * Keras's {@code None}): the set of sizes it accepts along each free axis, each node's size there as a
 * formula, and a concrete model at the smallest accepted size for everything else to be checked on.
 * When no size works, the layer that no size satisfies and why.
 */
public final class FreeSizes {
  /** A free size in an input shape; the same value as {@code dev.kiln.dsl.Input.ANY}. */
  public static final int ANY = -1;
  private static final String[] VARIABLE = {"H", "W"};
  private static final String[] AXIS = {"height", "width"};
  /** A (steps, channels) input's one spatial axis: its length {@code L}. */
  private static final String SEQUENCE_VARIABLE = "L";
  private static final String SEQUENCE_AXIS = "length";

  private FreeSizes() {}

  /**
   * One free axis.
   *
   * @param formulas each node's size along the axis, by node number: {@code H/2}
   */
  public record Axis(int axis, SizeSet sizes, List<String> formulas, String variable) {
    public Axis {
      formulas = List.copyOf(formulas);
    }

    public Axis(int axis, SizeSet sizes, List<String> formulas) {
      this(axis, sizes, formulas, VARIABLE[axis]);
    }

    /** {@code H ≥ 16 with H ≡ 0 (mod 16)}. */
    public String describe() {
      return sizes.describe(variable);
    }
  }

  /**
   * @param concrete the model with each free size replaced by its smallest accepted one (the input
   *     shape as written when nothing is free or nothing is accepted)
   * @param problem why no size is accepted, naming the layer, or {@code null}
   * @param node the layer the problem is about, or -1
   * @param problemAxis the axis no size of which is accepted (0, 1), or 2 when the channels are free
   *     (of an image or of a sequence)
   */
  public record Resolved(ModelSpec concrete, List<Axis> axes, String problem, int node, int problemAxis) {
    public Resolved {
      axes = List.copyOf(axes);
    }

    public boolean isFree() {
      return !axes.isEmpty();
    }

    /** Node {@code node}'s shape with each free axis as its formula: {@code (None, H/2, W/2, 32)}. */
    public String shape(int node, TensorShape concrete) {
      if (concrete.rank() == 2 && concrete().inputShape().length == 2 && node < concrete().nodeCount()) {
        String steps = axes.isEmpty() ? Integer.toString(concrete.dim(0)) : axes.get(0).formulas().get(node);
        return "(None, " + steps + ", " + concrete.dim(1) + ")";
      }
      if (!concrete.isImage() || node >= concrete().nodeCount()) {
        return concrete.toString();
      }
      String[] dims = {Integer.toString(concrete.dim(0)), Integer.toString(concrete.dim(1))};
      for (Axis axis : axes) {
        dims[axis.axis()] = axis.formulas().get(node);
      }
      return "(None, " + dims[0] + ", " + dims[1] + ", " + concrete.dim(2) + ")";
    }

    /** {@code `image` takes H ≥ 16 with H ≡ 0 (mod 16) and W ≥ 16 with W ≡ 0 (mod 16)}. */
    public String describe() {
      List<String> parts = new ArrayList<>();
      for (Axis axis : axes) {
        parts.add(axis.describe());
      }
      return "`" + concrete.inputName() + "` takes " + String.join(" and ", parts);
    }
  }

  /**
   * The problem as a checker error: on the layer no size satisfies, or on the input's shape.
   */
  static Problem problem(ModelSpec spec, Resolved resolved) {
    if (resolved.problemAxis() == 2) {
      boolean sequence = spec.inputShape().length == 2;
      return Problem.of(sequence ? ProblemCode.FREE_SEQUENCE_CHANNELS : ProblemCode.FREE_CHANNELS, 0, "shape",
          spec.inputShape().length - 1, spec.inputName());
    }
    int axis = resolved.problemAxis();
    return Problem.of(ProblemCode.NO_SIZE, Math.max(resolved.node(), 0),
        resolved.node() <= 0 ? "shape" : null, resolved.node() <= 0 ? axis : -1,
        axisName(spec, axis), spec.inputName(), resolved.problem());
  }


  /**
   * {@code spec} with its first input at {@code height x width} (channels as declared); a
   * {@code (steps, channels)} input at {@code height} steps ({@code width} is then 1).
   */
  public static ModelSpec at(ModelSpec spec, int height, int width) {
    int[] shape = spec.inputShape();
    if (shape.length == 2) {
      if (width != 1) {
        throw new IllegalArgumentException("a (steps, channels) input has no width; received " + width);
      }
      return spec.withInputShape(new int[] {height, shape[1]});
    }
    return spec.withInputShape(new int[] {height, width, shape[2]});
  }

  /** Whether {@code spec}'s first input has a free height or width, or a free length for a sequence. */
  public static boolean hasFree(ModelSpec spec) {
    int[] shape = spec.inputs().isEmpty() ? new int[0] : spec.inputShape();
    return shape.length == 3 && (shape[0] == ANY || shape[1] == ANY) || shape.length == 2 && shape[0] == ANY;
  }

  /** {@code height}, {@code width}, or a sequence's {@code length}. */
  private static String axisName(ModelSpec spec, int axis) {
    return spec.inputShape().length == 2 ? SEQUENCE_AXIS : AXIS[axis];
  }

  private static String variable(ModelSpec spec, int axis) {
    return spec.inputShape().length == 2 ? SEQUENCE_VARIABLE : VARIABLE[axis];
  }

  public static Resolved resolve(ModelSpec spec) {
    if (!hasFree(spec)) {
      return new Resolved(spec, List.of(), null, -1, -1);
    }
    int[] shape = spec.inputShape();
    int spatial = shape.length - 1;
    if (shape[spatial] == ANY) {
      return new Resolved(spec, List.of(), "the channels of `" + spec.inputName() + "` must be given", 0, 2);
    }
    // Free axes get a placeholder while each axis is analysed alone; the programs do not read it.
    int[] placeholder = shape.clone();
    for (int a = 0; a < spatial; a++) {
      placeholder[a] = placeholder[a] == ANY ? 1 : placeholder[a];
    }
    ModelSpec probe = spec.withInputShape(placeholder);
    List<Axis> axes = new ArrayList<>();
    int[] concrete = placeholder.clone();
    for (int a = 0; a < spatial; a++) {
      if (shape[a] != ANY) {
        continue;
      }
      String name = axisName(spec, a);
      String variable = variable(spec, a);
      AxisProgram program = AxisProgram.compile(probe, a, null);
      if (program == null) {
        return new Resolved(probe, axes, null, -1, -1); // the checker reports the wiring
      }
      int pin = firstPin(program);
      if (pin >= 0) {
        return new Resolved(spec, axes, "a free " + name + " cannot pass `" + probe.nodeName(pin) + "` ("
            + probe.layer(pin).rule().kind().kerasName() + "): the flat length, and the next Dense layer's weights, "
            + "would change with it. Give `" + spec.inputName() + "` a fixed " + name
            + ", or pool it away first (" + (spatial == 1 ? "GlobalAveragePooling1D" : "GlobalAveragePooling2D") + ")",
            pin, a);
      }
      AcceptedSizes.Result result = AcceptedSizes.of(program, ShapeChecker.check(probe, false), a);
      if (result.limitation() != null) {
        return new Resolved(spec, axes, "Kiln cannot state the accepted " + name + "s: " + result.limitation(), 0, a);
      }
      SizeSet sizes = result.sizes();
      if (sizes.isEmpty()) {
        int culprit = Conflicts.culprit(program);
        return new Resolved(spec, axes, Conflicts.explain(probe, program, culprit, variable, name), culprit, a);
      }
      axes.add(new Axis(a, sizes, List.of(SizeFormulas.of(program, sizes, variable)), variable));
      concrete[a] = (int) sizes.smallest();
    }
    return new Resolved(spec.withInputShape(concrete), axes, null, -1, -1);
  }

  private static int firstPin(AxisProgram program) {
    for (int v = 0; v < program.count; v++) {
      if (program.op[v] == AxisProgram.Op.PIN) {
        return v;
      }
    }
    return -1;
  }
}
