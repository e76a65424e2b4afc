package dev.kiln.importer.onnx;

import com.google.protobuf.ByteString;
import dev.kiln.importer.onnx.proto.Onnx.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A tensor whose value is known without running the model: an initializer (a weight), the value of
 * a {@code Constant} node, or the result of folding shape arithmetic. Values are decoded only when
 * asked for, so a graph-only file (weights emptied) still imports.
 *
 * <p>{@link #dims} is the ONNX shape; values are row-major. {@link #UNKNOWN} in an int constant is a
 * size only known at run time (the batch size of a dynamic-batch model).
 */
final class Const {
  /** A run-time size inside folded shape arithmetic. */
  static final long UNKNOWN = Long.MIN_VALUE;

  /** Java arrays hold at most this many elements (a little under Integer.MAX_VALUE). */
  static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

  final String name;
  final long[] dims;
  private final TensorProto proto;
  private long[] ints;
  private float[] floats;

  private Const(String name, long[] dims, TensorProto proto, long[] ints, float[] floats) {
    this.name = name;
    this.dims = dims;
    this.proto = proto;
    this.ints = ints;
    this.floats = floats;
  }

  /** An initializer or a Constant node's tensor; checks its dims, not yet its data. */
  static Const of(TensorProto tensor, String name) throws Refused {
    long[] dims = new long[tensor.getDimsCount()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = tensor.getDims(i);
      if (dims[i] < 0) {
        throw new Refused("tensor `" + name + "` has a negative dimension " + dims[i]);
      }
    }
    elements(dims, name);
    return new Const(name, dims, tensor, null, null);
  }

  static Const ofInts(String name, long[] dims, long[] values) {
    return new Const(name, dims, null, values, null);
  }

  static Const ofFloats(String name, long[] dims, float[] values) {
    return new Const(name, dims, null, null, values);
  }

  /** Element count, refused past what a Java array holds. */
  static int elements(long[] dims, String name) throws Refused {
    long n = 1;
    for (long d : dims) {
      if (d != 0 && n > MAX_ELEMENTS / d) {
        throw new Refused("tensor `" + name + "` " + Arrays.toString(dims) + " has more elements than Kiln reads");
      }
      n *= d;
    }
    return (int) n;
  }

  int size() {
    try {
      return elements(dims, name);
    } catch (Refused e) {
      throw new IllegalStateException(e); // checked when the constant was made
    }
  }

  boolean isInt() {
    return ints != null || (proto != null && Dtypes.isInt(proto.getDataType()));
  }

  /** The values of an integer tensor (INT64, INT32, …). */
  long[] ints() throws Refused {
    if (ints == null) {
      if (proto == null || !Dtypes.isInt(proto.getDataType())) {
        throw new Refused("tensor `" + name + "` is " + describeType() + ", not integers");
      }
      ints = Dtypes.ints(proto, name, size());
    }
    return ints;
  }

  /** The values of a floating-point tensor (FLOAT, FLOAT16, DOUBLE), as float32. */
  float[] floats() throws Refused {
    if (floats == null) {
      if (ints != null) {
        float[] converted = new float[ints.length];
        for (int i = 0; i < ints.length; i++) {
          converted[i] = ints[i];
        }
        return converted;
      }
      floats = Dtypes.floats(proto, name, size());
    }
    return floats;
  }

  /** A single number (a scalar or a one-element tensor). */
  double scalar() throws Refused {
    if (size() != 1) {
      throw new Refused("tensor `" + name + "` " + Arrays.toString(dims) + " is not a single value");
    }
    return isInt() ? ints()[0] : floats()[0];
  }

  private String describeType() {
    return proto == null ? (ints != null ? "INT64" : "FLOAT") : Dtypes.name(proto.getDataType());
  }

  /** raw_data as little-endian bytes (a view, not a copy). */
  static ByteBuffer raw(ByteString bytes) {
    return bytes.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
  }
}
