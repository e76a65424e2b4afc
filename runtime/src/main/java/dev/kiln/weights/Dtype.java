package dev.kiln.weights;

import java.util.Locale;

/**
 * The safetensors element types (the reference reader's {@code Dtype} enum) with their sizes. Only
 * {@code F32}, {@code F16} and {@code BF16} convert to float32; the others are valid in a file (a
 * PyTorch {@code num_batches_tracked} is {@code I64}) but cannot be weights.
 */
enum Dtype {
  BOOL(1), U8(1), I8(1), F8_E5M2(1), F8_E4M3(1), I16(2), U16(2), F16(2), BF16(2), I32(4), U32(4), F32(4),
  F64(8), I64(8), U64(8);

  final int size;

  Dtype(int size) {
    this.size = size;
  }

  /** The dtype named exactly {@code name} (upper case, as the reference spells it), or {@code null}. */
  static Dtype named(String name) {
    for (Dtype d : values()) {
      if (d.name().equals(name)) {
        return d;
      }
    }
    return null;
  }

  boolean isFloat() {
    return this == F32 || this == F16 || this == BF16;
  }

  /**
   * Little-endian {@code bytes} of this dtype as float32 values; {@code bytes.length == count * size}.
   * I32 and I64 convert too, for the one integer weight Keras keeps (a Normalization's {@code count}).
   */
  float[] toFloats(byte[] bytes, int count) {
    float[] out = new float[count];
    for (int i = 0; i < count; i++) {
      int at = i * size;
      switch (this) {
        case F32 -> out[i] = Float.intBitsToFloat((bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8
            | (bytes[at + 2] & 0xff) << 16 | (bytes[at + 3] & 0xff) << 24);
        case F16 -> out[i] = halfToFloat((short) ((bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8));
        case BF16 -> out[i] = Float.intBitsToFloat(((bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8) << 16);
        case I32 -> out[i] = (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16
            | (bytes[at + 3] & 0xff) << 24;
        case I64 -> {
          long v = 0;
          for (int b = 7; b >= 0; b--) {
            v = v << 8 | (bytes[at + b] & 0xff);
          }
          out[i] = v;
        }
        default -> throw new IllegalStateException(name().toLowerCase(Locale.ROOT) + " is not a float type");
      }
    }
    return out;
  }

  /** IEEE 754 binary16 to float32, exactly (Java 17 has no {@code Float.float16ToFloat}). */
  static float halfToFloat(short half) {
    int sign = (half >>> 15) & 1;
    int exponent = (half >>> 10) & 0x1f;
    int mantissa = half & 0x3ff;
    float magnitude;
    if (exponent == 0x1f) {
      magnitude = mantissa == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
    } else if (exponent == 0) {
      magnitude = mantissa * 0x1p-24f;
    } else {
      magnitude = Float.intBitsToFloat((exponent + 112) << 23 | mantissa << 13);
    }
    return sign == 0 ? magnitude : -magnitude;
  }
}
