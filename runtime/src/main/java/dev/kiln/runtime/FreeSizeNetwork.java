package dev.kiln.runtime;

import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.FreeSizes;
import dev.kiln.shape.ModelSpec;
import dev.kiln.shape.ShapeChecker;
import dev.kiln.shape.SizeSet;
import dev.kiln.shape.TensorShape;

/**
 * A model whose input height or width is free ({@code Input.ANY}), ready to run at any accepted
 * size; for a (steps, channels) input with a free length, the "height" below is the length and the
 * width is 1. The weights do not depend on the size (a free size cannot reach a Flatten), so one set of
 * weights serves every size; each size gets its own {@link Network}, planned on first use and kept
 * in a small least-recently-used cache, so a repeated size allocates nothing. Safe for use from
 * several threads.
 */
public final class FreeSizeNetwork {
  /** Plans kept at once; each holds the weights repacked for its size. */
  static final int CACHED_SIZES = 4;

  private final ModelSpec spec;
  private final FreeSizes.Resolved resolved;
  private final Weights weights;
  private final int threads;
  /** The cache: parallel arrays, so that a lookup allocates nothing (no boxed keys). */
  private final int[] heights = new int[CACHED_SIZES];
  private final int[] widths = new int[CACHED_SIZES];
  private final long[] lastUse = new long[CACHED_SIZES];
  private final Network[] networks = new Network[CACHED_SIZES];
  private long uses;

  private FreeSizeNetwork(ModelSpec spec, FreeSizes.Resolved resolved, Weights weights, int threads) {
    this.spec = spec;
    this.resolved = resolved;
    this.weights = weights;
    this.threads = threads;
  }

  /**
   * @throws IllegalArgumentException if the model accepts no size, or the weights do not fit it
   */
  public static FreeSizeNetwork create(ModelSpec spec, Weights weights, int threads) {
    FreeSizes.Resolved resolved = FreeSizes.resolve(spec);
    if (resolved.problem() != null) {
      throw new IllegalArgumentException("model `" + spec.name() + "`: " + resolved.problem());
    }
    FreeSizeNetwork network = new FreeSizeNetwork(spec, resolved, weights, threads);
    int[] smallest = resolved.concrete().inputShape();
    // Validates the weights once, at the smallest size; a (steps, channels) sequence has width 1.
    network.at(smallest[0], smallest.length == 2 ? 1 : smallest[1]);
    return network;
  }

  /** The accepted heights ({@code axis} 0) or widths (1); {@code null} for a fixed axis. */
  public SizeSet accepted(int axis) {
    for (FreeSizes.Axis a : resolved.axes()) {
      if (a.axis() == axis) {
        return a.sizes();
      }
    }
    return null;
  }

  /**
   * The network for inputs {@code height x width}.
   *
   * @throws IllegalArgumentException naming the rule and the nearest accepted sizes if the model
   *     does not accept that size
   */
  public Network at(int height, int width) {
    synchronized (networks) {
      for (int i = 0; i < CACHED_SIZES; i++) {
        if (networks[i] != null && heights[i] == height && widths[i] == width) {
          lastUse[i] = ++uses;
          return networks[i]; // planned, so accepted: no allocation on this path
        }
      }
    }
    int[] shape = spec.inputShape();
    int[] size = {height, width};
    if (shape.length == 2 && width != 1) {
      throw new IllegalArgumentException("`" + spec.inputName() + "` is a (steps, channels) sequence: give its length "
          + "as the height and 1 as the width; received width " + width);
    }
    for (int axis = 0; axis < shape.length - 1; axis++) {
      String name = shape.length == 2 ? "length" : axis == 0 ? "height" : "width";
      if (shape[axis] != FreeSizes.ANY) {
        if (size[axis] != shape[axis]) {
          throw new IllegalArgumentException("`" + spec.inputName() + "` has a fixed " + name + " of " + shape[axis]
              + "; received " + size[axis]);
        }
        continue;
      }
      SizeSet sizes = accepted(axis);
      if (!sizes.contains(size[axis])) {
        throw new IllegalArgumentException("model `" + spec.name() + "` does not accept a " + name + " of "
            + size[axis] + ": it needs " + sizes.describe(shape.length == 2 ? "L" : axis == 0 ? "H" : "W")
            + nearest(sizes, size[axis]));
      }
    }
    CheckedModel checked = ShapeChecker.check(FreeSizes.at(spec, height, width));
    Network network = Network.create(checked, weights, threads);
    synchronized (networks) {
      int oldest = 0;
      for (int i = 0; i < CACHED_SIZES; i++) {
        if (networks[i] != null && heights[i] == height && widths[i] == width) {
          return networks[i]; // another thread planned it meanwhile
        }
        if (networks[oldest] != null && (networks[i] == null || lastUse[i] < lastUse[oldest])) {
          oldest = i; // an empty slot, else the least recently used
        }
      }
      heights[oldest] = height;
      widths[oldest] = width;
      networks[oldest] = network;
      lastUse[oldest] = ++uses;
    }
    return network;
  }

  private static String nearest(SizeSet sizes, long n) {
    long below = sizes.atMost(n);
    long above = sizes.atLeast(n);
    if (below < 0 && above < 0) {
      return "";
    }
    return "; nearest accepted: " + (below < 0 ? above : above < 0 ? below : below + " and " + above);
  }

  /**
   * Runs {@code batch} examples of {@code height x width x channels}, row-major NHWC.
   *
   * @return the outputs, row-major, {@code batch} times the output shape at that size
   */
  public float[] predict(float[] input, int batch, int height, int width) {
    return at(height, width).predict(input, batch);
  }

  /** The output shape for inputs {@code height x width}. */
  public TensorShape outputShape(int height, int width) {
    return at(height, width).outputShape();
  }
}
