package dev.kiln.importer.onnx;

import dev.kiln.importer.Identifiers;
import dev.kiln.importer.ImportException;
import dev.kiln.importer.ImportedLayer;
import dev.kiln.importer.ImportedModel;
import dev.kiln.importer.onnx.proto.Onnx.GraphProto;
import dev.kiln.importer.onnx.proto.Onnx.ModelProto;
import dev.kiln.importer.onnx.proto.Onnx.NodeProto;
import dev.kiln.importer.onnx.proto.Onnx.TensorProto;
import dev.kiln.importer.onnx.proto.Onnx.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one translation of an ONNX graph into Kiln layers, used both to write the {@code @Model}
 * source ({@link OnnxImporter}) and to place the weights ({@link OnnxWeights}): the nodes are walked
 * in their (topological) order; each op's handler in {@link Ops} turns its node into Kiln fields,
 * constant values or aliases, and records where each Kiln weight comes from.
 */
final class Translation {
  /** What a translation produces: the model description and the weight bindings. */
  record Result(ImportedModel model, List<Binding> bindings, Map<String, Const> initializers) {}

  final String file;
  final int opset;
  private final Identifiers identifiers = new Identifiers();
  private final List<ImportedLayer> layers = new ArrayList<>();
  private final Map<String, Integer> fieldIndex = new HashMap<>();
  final List<Binding> bindings = new ArrayList<>();
  private final Map<String, Act> acts = new HashMap<>();
  private final Map<String, Const> consts = new HashMap<>();
  private final Map<String, Const> initializers = new LinkedHashMap<>();
  private final Set<String> poisoned = new HashSet<>();
  private final List<String> dropped = new ArrayList<>();
  private Node current;

  private Translation(String file, int opset) {
    this.file = file;
    this.opset = opset;
  }

  static Result run(ModelProto model, String file, String packageName, String className) throws ImportException {
    int opset = OnnxFile.opset(model, file);
    Translation t = new Translation(file, opset);
    GraphProto graph = model.getGraph();
    List<String> problems = new ArrayList<>();
    for (TensorProto tensor : graph.getInitializerList()) {
      try {
        Const c = Const.of(tensor, tensor.getName());
        t.consts.put(tensor.getName(), c);
        t.initializers.put(tensor.getName(), c);
      } catch (Refused e) {
        problems.add("initializer `" + tensor.getName() + "`: " + e.getMessage());
      }
    }
    for (ValueInfoProto input : graph.getInputList()) {
      if (!t.consts.containsKey(input.getName())) {
        try {
          t.input(input);
        } catch (Refused e) {
          problems.add("input `" + input.getName() + "`: " + e.getMessage());
          t.poisoned.add(input.getName());
        }
      }
    }
    for (NodeProto proto : graph.getNodeList()) {
      Node node = new Node(proto, opset);
      Ops.Op op = proto.getDomain().isEmpty() || proto.getDomain().equals("ai.onnx") ? Ops.get(proto.getOpType()) : null;
      if (op == null) {
        problems.add(node.describe() + ": op `" + (proto.getDomain().isEmpty() ? "" : proto.getDomain() + ".")
            + proto.getOpType() + "` is not supported");
        t.poisoned.addAll(proto.getOutputList());
        continue;
      }
      if (proto.getOutputCount() == 0 || proto.getInputList().stream().anyMatch(t.poisoned::contains)) {
        t.poisoned.addAll(proto.getOutputList());
        continue; // an earlier problem already explains this node
      }
      t.current = node;
      try {
        op.apply(t, node);
      } catch (Refused e) {
        problems.add(node.describe() + ": " + e.getMessage());
        t.poisoned.addAll(proto.getOutputList());
      } catch (ArithmeticException e) {
        problems.add(node.describe() + ": sizes overflow (" + e.getMessage() + ")");
        t.poisoned.addAll(proto.getOutputList());
      }
    }
    for (ValueInfoProto output : graph.getOutputList()) {
      String name = output.getName();
      Act act = t.acts.get(name);
      if (act != null) {
        int index = t.fieldIndex.get(act.field());
        t.layers.set(index, t.layers.get(index).asOutput());
      } else if (!t.poisoned.contains(name)) {
        problems.add("output `" + name + "` is " + (t.consts.containsKey(name) ? "a constant" : "computed by no node")
            + "; Kiln models output computed tensors");
      }
    }
    if (!problems.isEmpty()) {
      throw new ImportException(file + ": " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
          + " (Kiln translates only what it can compute exactly)", problems);
    }
    String source = file + " (opset " + opset + (model.getProducerName().isEmpty() ? ""
        : ", from " + model.getProducerName() + " " + model.getProducerVersion()) + ")";
    ImportedModel imported = new ImportedModel(packageName, className, source, t.layers, t.dropped);
    return new Result(imported, List.copyOf(t.bindings), t.initializers);
  }

  private void input(ValueInfoProto input) throws Refused {
    if (!input.getType().hasTensorType()) {
      throw new Refused("not a tensor");
    }
    var shape = input.getType().getTensorType().getShape();
    int rank = shape.getDimCount();
    if (rank != 4 && rank != 2) {
      throw new Refused("rank " + rank + "; Kiln reads images (N, C, H, W) and vectors (N, F)");
    }
    long[] dims = new long[rank];
    dims[0] = 1;
    for (int i = 1; i < rank; i++) {
      var dim = shape.getDim(i);
      if (!dim.hasDimValue()) {
        throw new Refused("dimension " + i + " is `" + dim.getDimParam() + "`; Kiln checks shapes at compile time, "
            + "so every size but the batch must be fixed (export with a fixed input size)");
      }
      dims[i] = Node.small(dim.getDimValue(), 1, "dimension " + i);
    }
    int[] kiln = rank == 4 ? new int[] {(int) dims[2], (int) dims[3], (int) dims[1]} : new int[] {(int) dims[1]};
    String field = identifiers.field(input.getName());
    add(new ImportedLayer(field, "Input", Map.of("shape", kiln), List.of(), false,
        "ONNX input " + input.getName() + " " + new Act(field, dims, false, null).shape()));
    acts.put(input.getName(), new Act(field, dims, false, null));
  }

  private void add(ImportedLayer layer) {
    fieldIndex.put(layer.field(), layers.size());
    layers.add(layer);
  }

  // ---- what the op handlers use ----

  boolean isConst(String name) {
    return consts.containsKey(name);
  }

  /** A run-time input of the current node; a constant there is refused (Kiln has no constant tensors). */
  Act act(String name) throws Refused {
    Act act = acts.get(name);
    if (act == null) {
      throw new Refused(consts.containsKey(name)
          ? "input `" + name + "` is a constant tensor where Kiln needs a layer's output (Kiln layers have no "
              + "constant operands)"
          : "input `" + name + "` is computed by no earlier node");
    }
    return act;
  }

  Const constant(String name) throws Refused {
    Const c = consts.get(name);
    if (c == null) {
      throw new Refused("input `" + name + "` must be a constant (an initializer or a Constant node), but it is "
          + (acts.containsKey(name) ? "computed at run time" : "missing"));
    }
    return c;
  }

  /** Whether {@code name} is an initializer: a weight the file stores. */
  boolean isInitializer(String name) {
    return initializers.containsKey(name);
  }

  /** Notes a node that has no effect at inference and so no field, for the class comment. */
  void dropped(String what) {
    dropped.add(what);
  }

  void define(String output, Act act) {
    acts.put(output, act);
  }

  void define(String output, Const value) {
    consts.put(output, value);
  }

  /**
   * Adds a Kiln field for the current node and returns its name. {@code suffix} tells apart the
   * fields one node needs (a ZeroPadding2D before a convolution: {@code "pad"}); {@code ""} for the
   * node's main field.
   */
  String emit(String suffix, String annotation, Map<String, Object> attributes, List<String> from) {
    String base = fieldBase(current);
    String field = identifiers.field(suffix.isEmpty() ? base : base + "_" + suffix);
    add(new ImportedLayer(field, annotation, attributes, from, false,
        "ONNX " + current.op() + " " + current.name() + (suffix.isEmpty() ? "" : " (" + suffix + ")")));
    return field;
  }

  /** Records that Kiln weight {@code weight} of {@code field} is initializer {@code name}. */
  void bind(String field, String weight, String name, Binding.Layout layout) throws Refused {
    Const c = consts.get(name); // an Identity of an initializer (torch.onnx's deduplication) is the same Const
    if (c == null || initializers.get(c.name) != c) {
      throw new Refused("weight input `" + name + "` is not an initializer of the graph; Kiln reads weights "
          + "stored in the file");
    }
    bindings.add(new Binding(field, weight, c.name, c.dims, layout));
  }

  /**
   * A readable field name from a torch.onnx node name: {@code /layer1/layer1.0/conv1/Conv} becomes
   * {@code layer1_0_conv1} (the module path, without the op and without scopes repeated as the
   * prefix of the next); a name without a path is used as it is.
   */
  static String fieldBase(Node node) {
    String name = node.proto.getName();
    if (name.isEmpty()) {
      return node.op().toLowerCase(java.util.Locale.ROOT);
    }
    if (!name.startsWith("/")) {
      return name;
    }
    List<String> parts = new ArrayList<>(List.of(name.substring(1).split("/")));
    if (!parts.isEmpty() && parts.get(parts.size() - 1).startsWith(node.op())) {
      String last = parts.remove(parts.size() - 1);
      if (parts.isEmpty()) {
        return last.substring(0, 1).toLowerCase(java.util.Locale.ROOT) + last.substring(1);
      }
    }
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      if (i + 1 < parts.size() && parts.get(i + 1).startsWith(parts.get(i) + ".")) {
        continue;
      }
      kept.add(parts.get(i));
    }
    return String.join("_", kept);
  }
}
