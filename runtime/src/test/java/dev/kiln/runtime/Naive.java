package dev.kiln.runtime;

/**
 * Deliberately naive reference loops, one example at a time, in double precision, with padding handled
 * by bounds checks rather than copies. Written from the Keras definitions (docs/SEMANTICS.md), not from the
 * kernels. Arrays are NHWC row-major; kernels in Keras layout.
 */
final class Naive {
  private Naive() {}

  /** SAME padding before the data: half of {@code max((ceil(i/s)-1)*s + dk - i, 0)}, rounded down. */
  static int padBefore(int i, int k, int s, int d, boolean same) {
    if (!same) {
      return 0;
    }
    int o = (i + s - 1) / s;
    return Math.max((o - 1) * s + (k - 1) * d + 1 - i, 0) / 2;
  }

  /** kernel (kh, kw, c, f); out (oh, ow, f). */
  static double[] conv(double[] in, int h, int w, int c, double[] kernel, double[] bias, int kh, int kw, int f,
      int sh, int sw, int dh, int dw, boolean same, int oh, int ow) {
    int top = padBefore(h, kh, sh, dh, same);
    int left = padBefore(w, kw, sw, dw, same);
    double[] out = new double[oh * ow * f];
    for (int oy = 0; oy < oh; oy++) {
      for (int ox = 0; ox < ow; ox++) {
        for (int o = 0; o < f; o++) {
          double sum = bias == null ? 0 : bias[o];
          for (int ky = 0; ky < kh; ky++) {
            for (int kx = 0; kx < kw; kx++) {
              int y = oy * sh + ky * dh - top;
              int x = ox * sw + kx * dw - left;
              if (y < 0 || y >= h || x < 0 || x >= w) {
                continue;
              }
              for (int i = 0; i < c; i++) {
                sum += in[(y * w + x) * c + i] * kernel[((ky * kw + kx) * c + i) * f + o];
              }
            }
          }
          out[(oy * ow + ox) * f + o] = sum;
        }
      }
    }
    return out;
  }

  /** kernel (kh, kw, c, m); out (oh, ow, c * m), channel {@code i * m + j}. */
  static double[] depthwise(double[] in, int h, int w, int c, double[] kernel, double[] bias, int kh, int kw,
      int m, int sh, int sw, int dh, int dw, boolean same, int oh, int ow) {
    double[] out = new double[oh * ow * c * m];
    for (int i = 0; i < c; i++) {
      double[] plane = new double[h * w];
      for (int p = 0; p < h * w; p++) {
        plane[p] = in[p * c + i];
      }
      for (int j = 0; j < m; j++) {
        double[] k = new double[kh * kw];
        for (int t = 0; t < kh * kw; t++) {
          k[t] = kernel[(t * c + i) * m + j];
        }
        double[] one = conv(plane, h, w, 1, k, null, kh, kw, 1, sh, sw, dh, dw, same, oh, ow);
        for (int p = 0; p < oh * ow; p++) {
          out[p * c * m + i * m + j] = one[p] + (bias == null ? 0 : bias[i * m + j]);
        }
      }
    }
    return out;
  }

  /**
   * Keras Conv2DTranspose as a scatter: input pixel {@code i} adds {@code kernel[t]} at output
   * {@code i*s + t*d - cropBefore}, where the crop follows Keras's JAX mapping
   * ({@code backend_utils._convert_conv_transpose_padding_args_from_keras_to_jax}).
   * kernel (kh, kw, f, c).
   */
  static double[] transpose(double[] in, int h, int w, int c, double[] kernel, double[] bias, int kh, int kw, int f,
      int sh, int sw, int dh, int dw, boolean same, int oph, int opw, int oh, int ow) {
    int top = jaxCrop(kh, sh, dh, same, oph);
    int left = jaxCrop(kw, sw, dw, same, opw);
    double[] out = new double[oh * ow * f];
    for (int p = 0; p < oh * ow; p++) {
      for (int o = 0; o < f; o++) {
        out[p * f + o] = bias == null ? 0 : bias[o];
      }
    }
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int ky = 0; ky < kh; ky++) {
          for (int kx = 0; kx < kw; kx++) {
            int oy = y * sh + ky * dh - top;
            int ox = x * sw + kx * dw - left;
            if (oy < 0 || oy >= oh || ox < 0 || ox >= ow) {
              continue;
            }
            for (int o = 0; o < f; o++) {
              for (int i = 0; i < c; i++) {
                out[(oy * ow + ox) * f + o] += in[(y * w + x) * c + i] * kernel[((ky * kw + kx) * f + o) * c + i];
              }
            }
          }
        }
      }
    }
    return out;
  }

  /** {@code (dk - 1) - left_pad} with Keras's JAX left pad; {@code op < 0} is None. */
  static int jaxCrop(int k, int s, int d, boolean same, int op) {
    int dk = (k - 1) * d + 1;
    int leftPad;
    if (!same) {
      leftPad = dk - 1;
    } else {
      int padLen = op < 0 ? s + dk - 2 : dk + dk % 2 - 2 + op;
      leftPad = Math.min(padLen / 2 + padLen % 2, dk - 1);
    }
    return dk - 1 - leftPad;
  }

  /** Max or average over the real cells of each window; out (oh, ow, c). */
  static double[] pool(double[] in, int h, int w, int c, int ph, int pw, int sh, int sw, boolean same, boolean max,
      int oh, int ow) {
    int top = padBefore(h, ph, sh, 1, same);
    int left = padBefore(w, pw, sw, 1, same);
    double[] out = new double[oh * ow * c];
    for (int oy = 0; oy < oh; oy++) {
      for (int ox = 0; ox < ow; ox++) {
        for (int i = 0; i < c; i++) {
          double acc = max ? Double.NEGATIVE_INFINITY : 0;
          int count = 0;
          for (int y = oy * sh - top; y < oy * sh - top + ph; y++) {
            for (int x = ox * sw - left; x < ox * sw - left + pw; x++) {
              if (y >= 0 && y < h && x >= 0 && x < w) {
                double v = in[(y * w + x) * c + i];
                acc = max ? Math.max(acc, v) : acc + v;
                count++;
              }
            }
          }
          out[(oy * ow + ox) * c + i] = max ? acc : acc / count;
        }
      }
    }
    return out;
  }

  /** PyTorch's {@code upsample_bilinear2d(align_corners=False)} written out, or nearest. */
  static double[] upsample(double[] in, int h, int w, int c, int fh, int fw, boolean bilinear) {
    int oh = h * fh;
    int ow = w * fw;
    double[] out = new double[oh * ow * c];
    for (int oy = 0; oy < oh; oy++) {
      for (int ox = 0; ox < ow; ox++) {
        for (int i = 0; i < c; i++) {
          double v;
          if (!bilinear) {
            v = in[((oy / fh) * w + ox / fw) * c + i];
          } else {
            double sy = Math.max((oy + 0.5) / fh - 0.5, 0);
            double sx = Math.max((ox + 0.5) / fw - 0.5, 0);
            int y0 = (int) sy;
            int x0 = (int) sx;
            int y1 = y0 < h - 1 ? y0 + 1 : y0;
            int x1 = x0 < w - 1 ? x0 + 1 : x0;
            double ly = sy - y0;
            double lx = sx - x0;
            v = (1 - ly) * ((1 - lx) * in[(y0 * w + x0) * c + i] + lx * in[(y0 * w + x1) * c + i])
                + ly * ((1 - lx) * in[(y1 * w + x0) * c + i] + lx * in[(y1 * w + x1) * c + i]);
          }
          out[(oy * ow + ox) * c + i] = v;
        }
      }
    }
    return out;
  }

  /** Keras 3 activations in double precision; softmax over rows of {@code channels}. */
  static double[] activation(double[] x, String name, double alpha, double max, double threshold, int channels) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double v = x[i];
      y[i] = switch (name) {
        case "linear" -> v;
        case "relu" -> (v > threshold ? Math.min(v, max) : 0) - (v < threshold ? alpha * (threshold - v) : 0);
        case "relu6" -> Math.min(Math.max(v, 0), 6);
        case "leaky_relu" -> v >= 0 ? v : alpha * v;
        case "elu" -> v > 0 ? v : alpha * (Math.exp(v) - 1);
        case "selu" -> 1.0507009873554805 * (v > 0 ? v : 1.6732632423543772 * (Math.exp(v) - 1));
        case "gelu" -> 0.5 * v * (1 + erf(v / Math.sqrt(2)));
        case "silu", "swish" -> v / (1 + Math.exp(-v));
        case "sigmoid" -> 1 / (1 + Math.exp(-v));
        case "hard_sigmoid" -> Math.min(Math.max(v + 3, 0), 6) / 6;
        case "tanh" -> Math.tanh(v);
        case "softplus" -> Math.log(1 + Math.exp(v));
        case "softsign" -> v / (1 + Math.abs(v));
        case "hard_silu", "hard_swish" -> v * Math.min(Math.max(v + 3, 0), 6) / 6;
        case "mish" -> v * Math.tanh(Math.log(1 + Math.exp(v)));
        case "exponential" -> Math.exp(v);
        case "softmax", "log_softmax" -> v;
        default -> throw new IllegalArgumentException(name);
      };
    }
    if (name.equals("softmax")) {
      for (int r = 0; r < x.length; r += channels) {
        double sum = 0;
        for (int i = r; i < r + channels; i++) {
          sum += Math.exp(x[i]);
        }
        for (int i = r; i < r + channels; i++) {
          y[i] = Math.exp(x[i]) / sum;
        }
      }
    }
    if (name.equals("log_softmax")) {
      for (int r = 0; r < x.length; r += channels) {
        double sum = 0;
        for (int i = r; i < r + channels; i++) {
          sum += Math.exp(x[i]);
        }
        for (int i = r; i < r + channels; i++) {
          y[i] = x[i] - Math.log(sum);
        }
      }
    }
    return y;
  }

  /** erf by its Maclaurin series (|x| < 3) or continued fraction for erfc: independent of the runtime's Erf. */
  static double erf(double x) {
    double a = Math.abs(x);
    double r;
    if (a < 3) {
      double term = a;
      double sum = a;
      for (int n = 1; n < 200; n++) {
        term *= -a * a / n;
        sum += term / (2 * n + 1);
      }
      r = 2 / Math.sqrt(Math.PI) * sum;
    } else {
      double f = 0;
      for (int n = 60; n >= 1; n--) {
        f = n / 2.0 / (a + f);
      }
      r = 1 - Math.exp(-a * a) / Math.sqrt(Math.PI) / (a + f);
    }
    return x < 0 ? -r : r;
  }
}
