package dev.kiln.importer.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** BatchNormalization, the merges (Add, Mul, Concat) and the dense ops (Gemm, MatMul). */
final class LayerOps {
  private LayerOps() {}

  static void batchNormalization(Translation t, Node node) throws Refused {
    Act in = t.act(node.input(0));
    if (node.i("training_mode", 0) != 0 || node.proto.getOutputList().stream().skip(1).anyMatch(o -> !o.isEmpty())) {
      throw new Refused("training mode (batch statistics); export the model in eval mode");
    }
    if (node.opset < 7 && node.i("spatial", 1) != 1) {
      throw new Refused("spatial = 0 (one statistic per position); Kiln normalizes per channel");
    }
    int features = in.channels();
    for (int i = 1; i <= 4; i++) {
      Const c = t.constant(node.input(i));
      if (Const.elements(c.dims, c.name) != features) {
        throw new Refused("`" + c.name + "` " + ConvOps.shape(c.dims) + " does not have one value per channel (" + features + ")");
      }
    }
    double epsilon = node.f("epsilon", 1e-5f);
    double momentum = node.f("momentum", 0.9f);
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("epsilon", epsilon);
    attributes.put("momentum", momentum);
    String field = t.emit("", "BatchNormalization", attributes, List.of(in.field()));
    String[] names = {"gamma", "beta", "moving_mean", "moving_variance"};
    for (int i = 0; i < 4; i++) {
      t.bind(field, names[i], node.input(i + 1), Layouts.vector(in.order()));
    }
    t.define(node.output(), in.with(field, in.dims(), false, in.order()));
  }

  static void add(Translation t, Node node) throws Refused {
    merge(t, node, "Add");
  }

  static void mul(Translation t, Node node) throws Refused {
    merge(t, node, "Multiply");
  }

  private static void merge(Translation t, Node node, String annotation) throws Refused {
    if (t.isConst(node.input(0)) && t.isConst(node.input(1))) {
      ShapeOps.arithmetic(t, node);
      return;
    }
    Act a = t.act(node.input(0));
    Act b = t.act(node.input(1));
    if (a.dims().length != b.dims().length) {
      throw new Refused("operands " + a.shape() + " and " + b.shape() + " have different ranks");
    }
    long[] dims = a.dims().clone();
    for (int i = 1; i < dims.length; i++) {
      if (a.dims()[i] != b.dims()[i] && a.dims()[i] != 1 && b.dims()[i] != 1) {
        throw new Refused("operands " + a.shape() + " and " + b.shape() + " do not broadcast");
      }
      dims[i] = Math.max(a.dims()[i], b.dims()[i]);
    }
    if (!Arrays.equals(a.order(), b.order())) {
      throw new Refused("operands are flattened vectors in different feature orders");
    }
    String field = t.emit("", annotation, Map.of(), List.of(a.field(), b.field()));
    t.define(node.output(), new Act(field, dims, a.nonNegative() && b.nonNegative(), a.order()));
  }

  /** Concat of computed tensors: channels (ONNX axis 1) are Kiln's last axis, height and width its 1 and 2. */
  static void concat(Translation t, Node node) throws Refused {
    boolean allConst = node.proto.getInputList().stream().allMatch(t::isConst);
    if (allConst) {
      ShapeOps.concat(t, node);
      return;
    }
    List<Act> parts = new ArrayList<>();
    for (String input : node.proto.getInputList()) {
      parts.add(t.act(input));
    }
    Act first = parts.get(0);
    int rank = first.dims().length;
    long axis = node.i("axis", 1);
    if (axis < 0) {
      axis += rank;
    }
    if (axis < 1 || axis >= rank) {
      throw new Refused("axis " + node.i("axis", 1) + " of " + first.shape() + "; Kiln does not concatenate batches");
    }
    int kilnAxis = rank == 2 ? -1 : axis == 1 ? -1 : (int) axis - 1; // Keras axes count the batch: 1 height, 2 width
    long[] dims = first.dims().clone();
    dims[(int) axis] = 0;
    boolean nonNegative = true;
    List<String> from = new ArrayList<>();
    for (Act part : parts) {
      if (part.order() != null) {
        throw new Refused("concatenates a flattened image, whose feature order differs between ONNX and Kiln");
      }
      dims[(int) axis] = Math.addExact(dims[(int) axis], part.dims()[(int) axis]);
      nonNegative &= part.nonNegative();
      from.add(part.field());
    }
    Map<String, Object> attributes = kilnAxis == -1 ? Map.of() : Map.of("axis", kilnAxis);
    String field = t.emit("", "Concatenate", attributes, from);
    t.define(node.output(), new Act(field, dims, nonNegative, null));
  }

  /** Gemm: {@code alpha * A * B + beta * C}, A a vector batch; PyTorch's Linear is transB = 1, alpha = beta = 1. */
  static void gemm(Translation t, Node node) throws Refused {
    Act in = t.act(node.input(0));
    if (in.dims().length != 2) {
      throw new Refused("input " + in.shape() + " is not a batch of vectors (N, F)");
    }
    if (node.i("transA", 0) != 0) {
      throw new Refused("transA = 1 (the batch on the second axis)");
    }
    float alpha = node.f("alpha", 1f);
    float beta = node.f("beta", 1f);
    if (alpha != 1f || (beta != 1f && !node.input(2).isEmpty())) {
      throw new Refused("alpha " + alpha + ", beta " + beta + "; Kiln's Dense computes A * B + C (alpha = beta = 1)");
    }
    boolean transposed = node.i("transB", 0) != 0;
    dense(t, node, in, t.constant(node.input(1)), transposed, node.input(2));
  }

  /** MatMul of a vector batch with a constant matrix (F, U): Dense without bias. */
  static void matMul(Translation t, Node node) throws Refused {
    Act in = t.act(node.input(0));
    if (in.dims().length != 2) {
      throw new Refused("input " + in.shape() + " is not a batch of vectors (N, F); Kiln's Dense multiplies vectors");
    }
    dense(t, node, in, t.constant(node.input(1)), false, "");
  }

  private static void dense(Translation t, Node node, Act in, Const w, boolean transposed, String biasName) throws Refused {
    if (w.dims.length != 2) {
      throw new Refused("weight `" + w.name + "` " + ConvOps.shape(w.dims) + " is not a matrix");
    }
    long features = transposed ? w.dims[1] : w.dims[0];
    int units = Node.small(transposed ? w.dims[0] : w.dims[1], 1, "units");
    if (features != in.dims()[1]) {
      throw new Refused("weight `" + w.name + "` " + ConvOps.shape(w.dims) + " does not take " + in.dims()[1] + " features");
    }
    boolean bias = !biasName.isEmpty();
    if (bias) {
      Const c = t.constant(biasName);
      if (Const.elements(c.dims, c.name) != units) {
        throw new Refused("bias `" + c.name + "` " + ConvOps.shape(c.dims) + " is not one value per unit (" + units
            + "); Kiln's Dense adds a bias vector");
      }
    }
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("units", units);
    if (!bias) {
      attributes.put("useBias", false);
    }
    String field = t.emit("", "Dense", attributes, List.of(in.field()));
    t.bind(field, "kernel", w.name, Layouts.dense((int) features, units, transposed, in.order()));
    if (bias) {
      t.bind(field, "bias", biasName, Binding.SAME);
    }
    t.define(node.output(), new Act(field, new long[] {in.dims()[0], units}, false, null));
  }
}
