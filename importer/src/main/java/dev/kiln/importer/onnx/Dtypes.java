package dev.kiln.importer.onnx;

import dev.kiln.importer.onnx.proto.Onnx.TensorProto;
import dev.kiln.importer.onnx.proto.Onnx.TensorProto.DataType;
import java.nio.ByteBuffer;

/**
 * Decodes a {@code TensorProto}'s values from {@code raw_data} (little-endian, row-major) or from
 * its typed field. Every length is compared with the element count from {@code dims} before
 * anything is allocated, so a hostile tensor gives a {@link Refused}, not a wrong-size array.
 */
final class Dtypes {
  private Dtypes() {}

  static String name(int type) {
    DataType known = DataType.forNumber(type);
    return known == null ? "data type " + type : known.name();
  }

  static boolean isInt(int type) {
    return type == DataType.INT64_VALUE || type == DataType.INT32_VALUE;
  }

  static float[] floats(TensorProto t, String name, int n) throws Refused {
    external(t, name);
    int type = t.getDataType();
    float[] out = new float[n];
    if (!t.getRawData().isEmpty()) {
      int width = switch (type) {
        case DataType.FLOAT_VALUE -> 4;
        case DataType.FLOAT16_VALUE -> 2;
        case DataType.DOUBLE_VALUE -> 8;
        default -> throw notFloat(t, name);
      };
      ByteBuffer raw = Const.raw(t.getRawData());
      checkLength(raw.remaining(), (long) n * width, name, "raw_data bytes");
      for (int i = 0; i < n; i++) {
        out[i] = switch (width) {
          case 4 -> raw.getFloat(i * 4);
          case 2 -> half(raw.getShort(i * 2));
          default -> (float) raw.getDouble(i * 8);
        };
      }
      return out;
    }
    switch (type) {
      case DataType.FLOAT_VALUE -> {
        checkLength(t.getFloatDataCount(), n, name, "float_data values");
        for (int i = 0; i < n; i++) {
          out[i] = t.getFloatData(i);
        }
      }
      case DataType.FLOAT16_VALUE -> {
        // ONNX stores float16 in int32_data, one value per element in the low 16 bits
        checkLength(t.getInt32DataCount(), n, name, "int32_data values");
        for (int i = 0; i < n; i++) {
          out[i] = half((short) t.getInt32Data(i));
        }
      }
      case DataType.DOUBLE_VALUE -> {
        checkLength(t.getDoubleDataCount(), n, name, "double_data values");
        for (int i = 0; i < n; i++) {
          out[i] = (float) t.getDoubleData(i);
        }
      }
      default -> throw notFloat(t, name);
    }
    return out;
  }

  static long[] ints(TensorProto t, String name, int n) throws Refused {
    external(t, name);
    int type = t.getDataType();
    long[] out = new long[n];
    if (!t.getRawData().isEmpty()) {
      int width = type == DataType.INT64_VALUE ? 8 : 4;
      ByteBuffer raw = Const.raw(t.getRawData());
      checkLength(raw.remaining(), (long) n * width, name, "raw_data bytes");
      for (int i = 0; i < n; i++) {
        out[i] = width == 8 ? raw.getLong(i * 8) : raw.getInt(i * 4);
      }
    } else if (type == DataType.INT64_VALUE) {
      checkLength(t.getInt64DataCount(), n, name, "int64_data values");
      for (int i = 0; i < n; i++) {
        out[i] = t.getInt64Data(i);
      }
    } else {
      checkLength(t.getInt32DataCount(), n, name, "int32_data values");
      for (int i = 0; i < n; i++) {
        out[i] = t.getInt32Data(i);
      }
    }
    return out;
  }

  private static void external(TensorProto t, String name) throws Refused {
    if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0) {
      String location = t.getExternalDataList().stream().filter(e -> e.getKey().equals("location"))
          .map(e -> e.getValue()).findFirst().orElse("?");
      throw new Refused("tensor `" + name + "` is stored outside the model (external data in `" + location
          + "`), which Kiln does not read; save the model with its weights inside "
          + "(onnx.save(model, path, save_as_external_data=False); possible below 2 GiB)");
    }
  }

  private static void checkLength(long found, long expected, String name, String what) throws Refused {
    if (found != expected) {
      throw new Refused("tensor `" + name + "` has " + found + " " + what + " where its dims need " + expected
          + (found == 0 ? " (a graph-only file, with its weights removed?)" : ""));
    }
  }

  private static Refused notFloat(TensorProto t, String name) {
    return new Refused("tensor `" + name + "` is " + name(t.getDataType()) + "; Kiln reads FLOAT, FLOAT16 and DOUBLE weights");
  }

  /** IEEE 754 binary16 to float32, subnormals, infinities and NaN included. */
  static float half(short bits) {
    int sign = (bits & 0x8000) << 16;
    int exponent = (bits >>> 10) & 0x1f;
    int mantissa = bits & 0x3ff;
    if (exponent == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
    }
    if (exponent == 0) {
      float value = mantissa * 0x1p-24f; // subnormal (or zero): mantissa * 2^-24
      return sign == 0 ? value : -value;
    }
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }
}
