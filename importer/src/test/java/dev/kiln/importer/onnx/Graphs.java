package dev.kiln.importer.onnx;

import com.google.protobuf.ByteString;
import dev.kiln.importer.onnx.proto.Onnx.AttributeProto;
import dev.kiln.importer.onnx.proto.Onnx.GraphProto;
import dev.kiln.importer.onnx.proto.Onnx.ModelProto;
import dev.kiln.importer.onnx.proto.Onnx.NodeProto;
import dev.kiln.importer.onnx.proto.Onnx.OperatorSetIdProto;
import dev.kiln.importer.onnx.proto.Onnx.TensorProto;
import dev.kiln.importer.onnx.proto.Onnx.TensorShapeProto;
import dev.kiln.importer.onnx.proto.Onnx.TypeProto;
import dev.kiln.importer.onnx.proto.Onnx.ValueInfoProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/** Small ONNX graphs built in Java, for the tests of single ops and of hostile files. */
final class Graphs {
  private final GraphProto.Builder graph = GraphProto.newBuilder().setName("test");
  private final SplittableRandom random = new SplittableRandom(13);
  private int opset = 17;

  /** A graph reading {@code image} (1, channels, height, width). */
  static Graphs image(int channels, int height, int width) {
    Graphs g = new Graphs();
    g.graph.addInput(value("image", 1, channels, height, width));
    return g;
  }

  Graphs opset(int version) {
    opset = version;
    return this;
  }

  static ValueInfoProto value(String name, long... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (long d : dims) {
      shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    return ValueInfoProto.newBuilder().setName(name)
        .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(1).setShape(shape)))
        .build();
  }

  /** A float32 initializer of random values in raw_data. */
  Graphs weight(String name, long... dims) {
    int n = 1;
    for (long d : dims) {
      n *= (int) d;
    }
    ByteBuffer bytes = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      bytes.putFloat((float) random.nextDouble(-1, 1));
    }
    graph.addInitializer(tensor(name, dims).setRawData(ByteString.copyFrom(bytes.array())));
    return this;
  }

  Graphs initializer(TensorProto tensor) {
    graph.addInitializer(tensor);
    return this;
  }

  static TensorProto.Builder tensor(String name, long... dims) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
    for (long d : dims) {
      t.addDims(d);
    }
    return t;
  }

  /** A node; attributes as name, value pairs (Long, Float, String or long[]). */
  Graphs node(String name, String op, String[] inputs, String output, Object... attributes) {
    NodeProto.Builder node = NodeProto.newBuilder().setName(name).setOpType(op).addOutput(output);
    for (String input : inputs) {
      node.addInput(input);
    }
    for (int i = 0; i < attributes.length; i += 2) {
      AttributeProto.Builder a = AttributeProto.newBuilder().setName((String) attributes[i]);
      Object v = attributes[i + 1];
      if (v instanceof Long l) {
        a.setType(AttributeProto.AttributeType.INT).setI(l);
      } else if (v instanceof Float f) {
        a.setType(AttributeProto.AttributeType.FLOAT).setF(f);
      } else if (v instanceof String s) {
        a.setType(AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(s));
      } else {
        a.setType(AttributeProto.AttributeType.INTS);
        for (long x : (long[]) v) {
          a.addInts(x);
        }
      }
      node.addAttribute(a);
    }
    graph.addNode(node);
    return this;
  }

  Graphs output(String name) {
    graph.addOutput(ValueInfoProto.newBuilder().setName(name));
    return this;
  }

  ModelProto build() {
    return ModelProto.newBuilder().setIrVersion(8).setProducerName("test")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(opset)).setGraph(graph).build();
  }

  static String[] in(String... names) {
    return names;
  }
}
