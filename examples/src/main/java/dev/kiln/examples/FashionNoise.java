package dev.kiln.examples;

/**
 * The demo's Gaussian noise, drawn exactly as {@code reference/training/fashion.py}'s {@code noisy}
 * draws it, so that Kiln denoises the very inputs PyTorch denoised: SplitMix64 for the uniform
 * numbers, then Box-Muller's cosine branch in double precision. {@link StrictMath} (fdlibm) and the C
 * library Python calls agree on {@code log} and {@code cos} to the last bit in all but vanishingly
 * rare cases, and the result is rounded to float32 afterwards; {@code FashionDemoTest} checks the
 * first 16 images bit for bit against the noisy inputs the script saved.
 */
final class FashionNoise {
  private FashionNoise() {}

  /**
   * {@code clip(pixel / 255 + sigma * z, 0, 1)} for every pixel of {@code pixels}, image after image
   * in row-major order, each z a standard normal from the next two SplitMix64 outputs after
   * {@code seed}.
   *
   * @param pixels (images, 28, 28), row-major, unsigned bytes
   * @return (images, 28, 28, 1) in [0, 1], row-major
   */
  static float[] noisy(byte[] pixels, long seed, double sigma) {
    float[] result = new float[pixels.length];
    long state = seed;
    for (int i = 0; i < pixels.length; i++) {
      state += 0x9E3779B97F4A7C15L;
      long a = mix(state);
      state += 0x9E3779B97F4A7C15L;
      long b = mix(state);
      double u1 = 1.0 - (a >>> 11) * 0x1.0p-53;
      double u2 = (b >>> 11) * 0x1.0p-53;
      double z = Math.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
      result[i] = (float) Math.min(1.0, Math.max(0.0, (pixels[i] & 0xff) / 255.0 + sigma * z));
    }
    return result;
  }

  /** SplitMix64's output function (Steele, Lea and Flood 2014), as in {@code java.util.SplittableRandom}. */
  private static long mix(long state) {
    long z = state;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
