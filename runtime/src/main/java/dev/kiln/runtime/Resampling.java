package dev.kiln.runtime;

/**
 * Image resizing for {@link ImagePreprocessing}, on (height, width, channels) float images,
 * row-major. The coordinate rules are PyTorch's ({@code aten/src/ATen/native/UpSample.h}):
 * output pixel {@code i} samples the source at {@code (i + 0.5) * in / out - 0.5} (half-pixel
 * centres), with the scale {@code in / out} computed in float as PyTorch does.
 */
final class Resampling {
  private Resampling() {}

  /**
   * Bilinear, {@code align_corners=False}, no antialiasing: a source position below 0 is clamped to 0
   * and the right/bottom neighbour of the last pixel is the pixel itself.
   *
   * @param src (height, width, channels)
   * @return (outHeight, outWidth, channels)
   */
  static float[] bilinear(float[] src, int height, int width, int channels, int outHeight, int outWidth) {
    float[] out = new float[outHeight * outWidth * channels];
    int[] x0 = new int[outWidth];
    int[] x1 = new int[outWidth];
    float[] wx = new float[outWidth]; // weight of x1
    taps(width, outWidth, x0, x1, wx);
    int[] y0 = new int[outHeight];
    int[] y1 = new int[outHeight];
    float[] wy = new float[outHeight];
    taps(height, outHeight, y0, y1, wy);
    for (int y = 0; y < outHeight; y++) {
      int top = y0[y] * width * channels;
      int bottom = y1[y] * width * channels;
      float below = wy[y];
      float above = 1f - below;
      for (int x = 0; x < outWidth; x++) {
        float right = wx[x];
        float left = 1f - right;
        int o = (y * outWidth + x) * channels;
        for (int c = 0; c < channels; c++) {
          int a = x0[x] * channels + c;
          int b = x1[x] * channels + c;
          out[o + c] = above * (left * src[top + a] + right * src[top + b])
              + below * (left * src[bottom + a] + right * src[bottom + b]);
        }
      }
    }
    return out;
  }

  /** For each output index: the two source indices and the second one's weight. */
  private static void taps(int in, int out, int[] first, int[] second, float[] weight) {
    float scale = (float) in / out;
    for (int i = 0; i < out; i++) {
      float position = Math.max(scale * (i + 0.5f) - 0.5f, 0f);
      int index = Math.min((int) position, in - 1);
      first[i] = index;
      second[i] = index < in - 1 ? index + 1 : index;
      weight[i] = position - index;
    }
  }

  /**
   * Nearest neighbour to the output pixel's centre: source {@code min(floor((i + 0.5) * in / out),
   * in - 1)}, PyTorch's {@code "nearest-exact"} and Pillow's {@code NEAREST}.
   *
   * @param src (height, width, channels)
   * @return (outHeight, outWidth, channels)
   */
  static float[] nearest(float[] src, int height, int width, int channels, int outHeight, int outWidth) {
    float[] out = new float[outHeight * outWidth * channels];
    float scaleY = (float) height / outHeight;
    float scaleX = (float) width / outWidth;
    for (int y = 0; y < outHeight; y++) {
      int sy = Math.min((int) Math.floor((y + 0.5f) * scaleY), height - 1);
      for (int x = 0; x < outWidth; x++) {
        int sx = Math.min((int) Math.floor((x + 0.5f) * scaleX), width - 1);
        System.arraycopy(src, (sy * width + sx) * channels, out, (y * outWidth + x) * channels, channels);
      }
    }
    return out;
  }
}
