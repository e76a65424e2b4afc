package dev.kiln.importer.onnx;

import dev.kiln.importer.onnx.proto.Onnx.AttributeProto;
import dev.kiln.importer.onnx.proto.Onnx.AttributeProto.AttributeType;
import dev.kiln.importer.onnx.proto.Onnx.NodeProto;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** One ONNX node with typed access to its attributes; a wrong type is refused naming the attribute. */
final class Node {
  final NodeProto proto;
  final int opset;

  Node(NodeProto proto, int opset) {
    this.proto = proto;
    this.opset = opset;
  }

  String op() {
    return proto.getOpType();
  }

  /** The node's name, or its op type and first output when it has none. */
  String name() {
    return proto.getName().isEmpty() ? op() + " -> " + (proto.getOutputCount() > 0 ? proto.getOutput(0) : "?")
        : proto.getName();
  }

  /** {@code node `/conv1/Conv` (Conv, opset 17)}. */
  String describe() {
    return "node `" + name() + "` (" + op() + ", opset " + opset + ")";
  }

  /** Input {@code i}, or {@code ""} when absent (ONNX's empty name for a skipped optional input). */
  String input(int i) {
    return i < proto.getInputCount() ? proto.getInput(i) : "";
  }

  int inputs() {
    return proto.getInputCount();
  }

  String output() {
    return proto.getOutput(0);
  }

  private AttributeProto find(String name, AttributeType type) throws Refused {
    for (AttributeProto a : proto.getAttributeList()) {
      if (a.getName().equals(name)) {
        if (a.hasType() && a.getType() != type) {
          throw new Refused("attribute `" + name + "` is " + a.getType() + ", expected " + type);
        }
        return a;
      }
    }
    return null;
  }

  boolean has(String name) {
    return proto.getAttributeList().stream().anyMatch(a -> a.getName().equals(name));
  }

  long i(String name, long fallback) throws Refused {
    AttributeProto a = find(name, AttributeType.INT);
    return a == null ? fallback : a.getI();
  }

  float f(String name, float fallback) throws Refused {
    AttributeProto a = find(name, AttributeType.FLOAT);
    return a == null ? fallback : a.getF();
  }

  String s(String name, String fallback) throws Refused {
    AttributeProto a = find(name, AttributeType.STRING);
    return a == null ? fallback : a.getS().toString(StandardCharsets.UTF_8);
  }

  /** An INTS attribute of exactly {@code length} values (or {@code fallback} when absent). */
  long[] ints(String name, int length, long[] fallback) throws Refused {
    AttributeProto a = find(name, AttributeType.INTS);
    if (a == null) {
      return fallback;
    }
    long[] values = a.getIntsList().stream().mapToLong(Long::longValue).toArray();
    if (length >= 0 && values.length != length) {
      throw new Refused("attribute `" + name + "` has " + values.length + " values " + Arrays.toString(values)
          + ", expected " + length + " for a 2-D op");
    }
    return values;
  }

  /** An int that must fit a Java int and be at least {@code min}. */
  static int small(long value, long min, String what) throws Refused {
    if (value < min || value > 1 << 20) {
      throw new Refused(what + " is " + value + (value < min ? ", below " + min : ", larger than Kiln accepts"));
    }
    return (int) value;
  }
}
