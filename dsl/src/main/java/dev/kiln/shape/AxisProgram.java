package dev.kiln.shape;

import dev.kiln.dsl.Padding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One spatial axis of a model, compiled to integer maps: every node's size along that axis as a
 * function of the first input's size {@code n} there, and every condition on those sizes that the
 * shape checker enforces (a window fits, a crop leaves something, merged sizes agree, a fitted
 * {@code sameShapeAs} is reachable, an {@code @Shape} holds). The arithmetic is the checker's own
 * ({@link Window}); the ops only say which formula each layer kind applies along an axis.
 *
 * <p>Each map also has a shift rule — {@code f(m + s) = f(m) + a} — from which {@link AcceptedSizes}
 * derives the period after which the accepted set repeats (docs/SEMANTICS.md §10).
 */
final class AxisProgram {
  enum Op { INPUT, CONSTANT, WINDOW, TRANSPOSED, TRANSPOSED_FIT, SCALE, SCALE_FIT, SHIFT, IDENTITY, PIN, MERGE,
    CONCAT_ALONG, CONCAT_ACROSS }

  final int count;
  final Op[] op;
  final int[][] sources;
  /** Per op: WINDOW dk, s, SAME ? 1 : 0; TRANSPOSED dk, s, padding, op; *_FIT s, base; SCALE k; SHIFT a; PIN ref. */
  final long[][] args;
  /** The node whose size a *_FIT op takes, or -1. */
  final int[] target;
  /** The {@code @Shape} size along the axis, or -1. */
  final long[] declared;
  /**
   * Whether the node has this axis at all: an image for a (height, width, channels) first input, a
   * sequence for a (steps, channels) one (the name stays from when only images had free sizes).
   */
  final boolean[] image;
  /** The first input's rank: 3 for an image, 2 for a sequence; the nodes of that rank have the axis. */
  private int rank = 3;

  private AxisProgram(int count) {
    this.count = count;
    op = new Op[count];
    sources = new int[count][];
    args = new long[count][];
    target = new int[count];
    declared = new long[count];
    image = new boolean[count];
  }

  /**
   * The program for {@code axis} (0 height, 1 width) of {@code spec}'s first input, or {@code null}
   * if the wiring itself is broken (then no size is accepted and the checker says why).
   *
   * @param reference the model checked at its declared size, whose shapes resolve the sizes a
   *     Flatten or Reshape pins
   */
  static AxisProgram compile(ModelSpec spec, int axis, CheckedModel reference) {
    Map<String, Integer> nodes = new HashMap<>();
    for (int node = 0; node < spec.nodeCount(); node++) {
      nodes.putIfAbsent(spec.nodeName(node), node);
    }
    List<Problem> problems = new ArrayList<>();
    Wiring wiring = Wiring.resolve(spec, nodes, problems);
    if (!problems.isEmpty()) {
      return null;
    }
    AxisProgram p = new AxisProgram(spec.nodeCount());
    p.rank = spec.inputShape().length;
    long[] refSize = new long[spec.nodeCount()];
    for (int i = 0; i < spec.firstLayer(); i++) {
      int[] shape = spec.inputs().get(i).shape();
      p.image[i] = shape.length == p.rank;
      p.sources[i] = new int[0];
      p.target[i] = -1;
      p.declared[i] = -1;
      p.op[i] = i == 0 ? Op.INPUT : Op.CONSTANT;
      p.args[i] = new long[] {p.image[i] ? shape[axis] : 1};
      refSize[i] = p.image[i] ? shape[axis] : 1;
    }
    for (int node = spec.firstLayer(); node < spec.nodeCount(); node++) {
      ModelSpec.LayerSpec layer = spec.layer(node);
      int[] from = wiring.sources(node);
      p.sources[node] = from;
      p.target[node] = wiring.target(node);
      int[] declared = layer.declared();
      p.declared[node] = -1;
      p.image[node] = p.image[from[0]];
      p.compileLayer(node, layer.rule(), axis, reference);
      if (declared != null && declared.length == p.rank && p.image[node]) {
        p.declared[node] = declared[axis];
      }
    }
    return p;
  }

  /** The program up to and including node {@code last}: the conditions of later nodes dropped. */
  AxisProgram prefix(int last) {
    AxisProgram p = new AxisProgram(last + 1);
    System.arraycopy(op, 0, p.op, 0, last + 1);
    System.arraycopy(sources, 0, p.sources, 0, last + 1);
    System.arraycopy(args, 0, p.args, 0, last + 1);
    System.arraycopy(target, 0, p.target, 0, last + 1);
    System.arraycopy(declared, 0, p.declared, 0, last + 1);
    System.arraycopy(image, 0, p.image, 0, last + 1);
    p.rank = rank;
    return p;
  }

  /** An op and its arguments. */
  private record Code(Op op, long... args) {}

  private void compileLayer(int node, LayerRule rule, int axis, CheckedModel reference) {
    Code code = code(node, rule, axis, reference);
    op[node] = code.op();
    args[node] = code.args();
  }

  /** What the layer does along the axis: a switch expression, so a new layer kind must say. */
  private Code code(int node, LayerRule rule, int axis, CheckedModel reference) {
    return switch (rule.kind()) {
      case CONV_2D -> window(((Conv2DRule) rule).window(), axis);
      case CONV_1D -> window(((Conv1DRule) rule).window(), axis);
      case DEPTHWISE_CONV_1D -> window(((DepthwiseConv1DRule) rule).window(), axis);
      case SEPARABLE_CONV_1D -> window(((SeparableConv1DRule) rule).window(), axis);
      case MAX_POOLING_1D, AVERAGE_POOLING_1D -> {
        Pooling1DRule pool = (Pooling1DRule) rule;
        yield new Code(Op.WINDOW, pool.pool(), pool.stride(), pool.padding() == Padding.SAME ? 1 : 0);
      }
      case CONV_1D_TRANSPOSE -> {
        Conv1DTransposeRule t = (Conv1DTransposeRule) rule;
        ConvWindow w = t.window();
        yield new Code(Op.TRANSPOSED, w.kernelSizes()[0], w.strideSizes()[0], w.dilationSizes()[0],
            w.padding() == Padding.SAME ? 1 : 0, t.outputPaddingSteps());
      }
      case UP_SAMPLING_1D -> new Code(Op.SCALE, ((UpSampling1DRule) rule).size());
      case ZERO_PADDING_1D -> new Code(Op.SHIFT, ((ZeroPadding1DRule) rule).edges().horizontal());
      case CROPPING_1D -> new Code(Op.SHIFT, -((Cropping1DRule) rule).edges().horizontal());
      case GLOBAL_AVERAGE_POOLING_1D, GLOBAL_MAX_POOLING_1D -> new Code(Op.CONSTANT, 1);
      case DEPTHWISE_CONV_2D -> window(((DepthwiseConv2DRule) rule).window(), axis);
      case SEPARABLE_CONV_2D -> window(((SeparableConv2DRule) rule).window(), axis);
      case MAX_POOLING_2D, AVERAGE_POOLING_2D -> {
        Pooling2DRule pool = (Pooling2DRule) rule;
        yield new Code(Op.WINDOW, pool.pool().get(axis), pool.stride().get(axis), pool.padding() == Padding.SAME ? 1 : 0);
      }
      case CONV_2D_TRANSPOSE -> {
        Conv2DTransposeRule t = (Conv2DTransposeRule) rule;
        ConvWindow w = t.window();
        long dk = Window.dilated(w.kernel().get(axis), w.dilation().get(axis));
        int s = w.stride().get(axis);
        yield target[node] >= 0
            ? new Code(Op.TRANSPOSED_FIT, s, w.padding() == Padding.SAME ? dk % 2 : dk)
            : new Code(Op.TRANSPOSED, w.kernel().get(axis), s, w.dilation().get(axis),
                w.padding() == Padding.SAME ? 1 : 0, t.outputPadding(axis));
      }
      case UP_SAMPLING_2D -> target[node] >= 0 ? new Code(Op.SCALE_FIT)
          : new Code(Op.SCALE, ((UpSampling2DRule) rule).factor().get(axis));
      case ZERO_PADDING_2D -> {
        Edges e = ((ZeroPadding2DRule) rule).edges();
        yield new Code(Op.SHIFT, axis == 0 ? e.vertical() : e.horizontal());
      }
      case CROPPING_2D -> {
        Edges e = ((Cropping2DRule) rule).edges();
        yield new Code(Op.SHIFT, -(axis == 0 ? e.vertical() : e.horizontal()));
      }
      // The axis ends here (or stays as size 1 with keepdims): any size pools to one value.
      case GLOBAL_AVERAGE_POOLING_2D, GLOBAL_MAX_POOLING_2D -> new Code(Op.CONSTANT, 1);
      case FLATTEN, RESHAPE -> {
        // The flat length (and with it the next Dense layer's weights) depends on the size, so the
        // declared size is the only one: the weights are for it.
        long ref = referenceSize(sources[node][0], reference);
        TensorShape out = referenceShape(node, reference);
        image[node] = rule.kind() == LayerKind.RESHAPE && ((ReshapeRule) rule).targetShape().length == rank;
        yield new Code(Op.PIN, ref, image[node] && out != null ? out.dim(axis) : 1);
      }
      case BATCH_NORMALIZATION, DROPOUT, ACTIVATION, RELU, LEAKY_RELU, ELU, SOFTMAX, DENSE, RESCALING, NORMALIZATION ->
          new Code(Op.IDENTITY);
      case ADD, SUBTRACT, MULTIPLY, AVERAGE, MAXIMUM, MINIMUM -> new Code(Op.MERGE);
      case CONCATENATE -> new Code(image[node] && ((MergeRule) rule).axisIndex(rank) == axis
          ? Op.CONCAT_ALONG : Op.CONCAT_ACROSS);
    };
  }

  /** A convolution's window along {@code axis}; CAUSAL sizes as SAME (its zeros all go before). */
  private static Code window(ConvWindow w, int axis) {
    return new Code(Op.WINDOW, Window.dilated(w.kernelSizes()[axis], w.dilationSizes()[axis]),
        w.strideSizes()[axis], w.padding() == Padding.VALID ? 0 : 1);
  }

  /**
   * A condition on two nodes' sizes, {@code h = size[a] - kb * size[b] - c}: {@code LINEAR} holds when
   * {@code lo <= h <= hi}; {@code DIVISIBLE} when {@code size[a]} is a multiple of {@code size[b]}.
   * {@code b = -1} reads as size 0.
   */
  record Atom(int node, boolean divisible, int a, int b, long kb, long c, long lo, long hi) {
    long h(long[] size) {
      return size[a] - kb * (b < 0 ? 0 : size[b]) - c;
    }

    /** Whether the condition holds for these node sizes. */
    boolean holds(long[] size) {
      if (divisible) {
        long m = size[b];
        return m >= 1 && size[a] >= m && size[a] % m == 0;
      }
      long h = h(size);
      return h >= lo && h <= hi;
    }
  }

  /** Every condition that is not upward-closed in the input size (equalities, fits, pins, @Shape). */
  List<Atom> atoms() {
    List<Atom> atoms = new ArrayList<>();
    for (int v = 0; v < count; v++) {
      int[] in = sources[v];
      switch (op[v]) {
        case MERGE -> {
          for (int i = 0; i < in.length; i++) {
            atoms.add(new Atom(v, false, in[i], -1, 0, 1, 0, 0));
            for (int j = i + 1; j < in.length; j++) {
              atoms.add(new Atom(v, false, in[i], in[j], 1, 0, 0, 0));
            }
          }
        }
        case CONCAT_ACROSS -> {
          for (int i = 1; i < in.length; i++) {
            atoms.add(new Atom(v, false, in[i], in[0], 1, 0, 0, 0));
          }
        }
        case TRANSPOSED_FIT -> atoms.add(new Atom(v, false, target[v], in[0], args[v][0], args[v][1] - args[v][0], 0,
            args[v][0] - 1));
        case SCALE_FIT -> atoms.add(new Atom(v, true, target[v], in[0], 0, 0, 0, 0));
        case PIN -> atoms.add(new Atom(v, false, in[0], -1, 0, args[v][0], 0, 0));
        default -> {
          if (target[v] >= 0) {
            atoms.add(new Atom(v, false, v, target[v], 1, 0, 0, 0)); // @Shape(sameAs)
          }
        }
      }
      if (declared[v] >= 0) {
        atoms.add(new Atom(v, false, v, -1, 0, declared[v], 0, 0));
      }
    }
    return atoms;
  }

  /**
   * Each node's shift rule: {@code size(n + period[v]) = size(n) + step[v]} wherever every layer's
   * map is defined (docs/SEMANTICS.md §10). A window of stride {@code s} maps {@code m + s} to
   * {@code f(m) + 1}; an upsampling by {@code k}, {@code m + 1} to {@code f(m) + k}; a transposed
   * convolution of stride {@code s}, {@code m + 1} to {@code f(m) + s}; padding and cropping shift by one.
   *
   * @return false if some period would exceed {@code limit}
   */
  boolean shifts(long[] period, long[] step, long limit) {
    for (int v = 0; v < count; v++) {
      long p = 1;
      long q = 0;
      switch (op[v]) {
        case INPUT -> q = 1;
        case CONSTANT, PIN -> q = 0;
        case WINDOW -> {
          long s = args[v][1];
          long pin = period[sources[v][0]];
          long qin = step[sources[v][0]];
          long k = qin == 0 ? 1 : s / gcd(qin, s);
          p = pin * k;
          q = qin * k / s;
        }
        case TRANSPOSED, SCALE -> {
          p = period[sources[v][0]];
          q = step[sources[v][0]] * (op[v] == Op.SCALE ? args[v][0] : args[v][1]);
        }
        case SHIFT, IDENTITY -> {
          p = period[sources[v][0]];
          q = step[sources[v][0]];
        }
        case TRANSPOSED_FIT, SCALE_FIT -> {
          p = period[target[v]];
          q = step[target[v]];
        }
        case MERGE, CONCAT_ALONG, CONCAT_ACROSS -> {
          for (int s : sources[v]) {
            p = lcm(p, period[s]);
            if (p > limit) {
              return false;
            }
          }
          for (int s : sources[v]) {
            long scaled = step[s] * (p / period[s]);
            q = op[v] == Op.CONCAT_ALONG ? q + scaled : Math.max(q, scaled);
          }
        }
      }
      if (p > limit) {
        return false;
      }
      period[v] = p;
      step[v] = q;
    }
    return true;
  }

  static long gcd(long a, long b) {
    a = Math.abs(a);
    b = Math.abs(b);
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  static long lcm(long a, long b) {
    return a / gcd(a, b) * b;
  }

  /** {@code a * b} for sizes, held at a huge value instead of overflowing (such sizes are rejected anyway). */
  static long saturated(long a, long b) {
    long r = a * b;
    return Math.abs(a) > Integer.MAX_VALUE || Math.abs(b) > Integer.MAX_VALUE ? (r / b == a ? r : Long.MAX_VALUE / 4) : r;
  }

  /** The size along the axis of the node that a pin reads, at the declared input size. */
  private long referenceSize(int node, CheckedModel reference) {
    long[] sizes = new long[count];
    evaluate(args[0][0], sizes, false, node + 1);
    return sizes[node];
  }

  private static TensorShape referenceShape(int node, CheckedModel reference) {
    if (reference == null) {
      return null;
    }
    String name = reference.spec().nodeName(node);
    return reference.layers().stream().filter(i -> i.name().equals(name)).findFirst().map(LayerInfo::output)
        .orElse(null);
  }

  /**
   * Every node's size for input size {@code n}, into {@code size}; whether the model accepts {@code n}.
   * With {@code atoms} false only the monotone conditions count (a window fits, a crop leaves a row),
   * which makes acceptance upward-closed in {@code n}.
   */
  boolean evaluate(long n, long[] size, boolean atoms) {
    return evaluate(n, size, atoms, count);
  }

  private boolean evaluate(long n, long[] size, boolean atoms, int nodes) {
    boolean ok = true;
    for (int v = 0; v < nodes; v++) {
      long[] a = args[v];
      long m = sources[v].length > 0 ? size[sources[v][0]] : 0;
      long out = 0;
      switch (op[v]) {
        case INPUT -> out = n;
        case CONSTANT -> out = a[0];
        case WINDOW -> {
          Padding padding = a[2] == 1 ? Padding.SAME : Padding.VALID;
          out = Window.outputSize(m, (int) a[0], (int) a[1], 1, padding); // a[0] is the dilated window
          ok &= out >= 1;
        }
        case TRANSPOSED -> {
          out = Window.transposedOutputSize(m, (int) a[0], (int) a[1], (int) a[2], a[3] == 1 ? Padding.SAME : Padding.VALID,
              (int) a[4]);
          ok &= out >= 1;
        }
        case TRANSPOSED_FIT, SCALE_FIT -> out = size[target[v]];
        case SCALE -> out = saturated(m, a[0]);
        case SHIFT -> {
          out = m + a[0];
          ok &= out >= 1;
        }
        case IDENTITY -> out = m;
        case PIN -> out = a[1];
        case MERGE -> {
          out = 1;
          for (int s : sources[v]) {
            out = Math.max(out, size[s]);
          }
        }
        case CONCAT_ALONG -> {
          out = 0;
          for (int s : sources[v]) {
            out += size[s];
          }
        }
        case CONCAT_ACROSS -> out = m;
      }
      size[v] = out;
      if (atoms) {
        ok &= holds(v, size);
      }
    }
    return ok;
  }

  /**
   * Whether node {@code v}'s own equalities hold, its inputs' and its own sizes known: merged
   * sizes agree (or are 1), a fitted layer reaches its target, a pin or an {@code @Shape} holds.
   */
  boolean holds(int v, long[] size) {
    long[] a = args[v];
    long m = sources[v].length > 0 ? size[sources[v][0]] : 0;
    boolean ok = switch (op[v]) {
      case TRANSPOSED_FIT -> {
        long outputPadding = size[v] - ((m - 1) * a[0] + a[1]);
        yield outputPadding >= 0 && outputPadding < a[0];
      }
      case SCALE_FIT -> m >= 1 && size[v] >= m && size[v] % m == 0;
      case PIN -> m == a[0];
      case MERGE, CONCAT_ACROSS -> {
        boolean agree = true;
        for (int s : sources[v]) {
          agree &= op[v] == Op.MERGE ? size[s] == size[v] || size[s] == 1 : size[s] == m;
        }
        yield agree;
      }
      default -> target[v] < 0 || size[v] == size[target[v]]; // @Shape(sameAs)
    };
    return ok && (declared[v] < 0 || size[v] == declared[v]);
  }
}
