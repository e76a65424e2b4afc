package dev.kiln.weights;

import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.FeatureOrder;
import dev.kiln.shape.LayerInfo;
import dev.kiln.shape.TensorShape;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * PyTorch to Keras layout conversions (docs/SEMANTICS.md §6.4–6.5). All arrays are row-major.
 */
final class TorchLayouts {
  private TorchLayouts() {}

  /** A 4-D torch kernel {@code (a, b, kh, kw)} to Keras {@code (kh, kw, b, a)} ({@link TorchToKeras#kernel}). */
  static Assembly.Layout kernel(int a, int b, int kh, int kw) {
    return torch -> TorchToKeras.kernel(torch, a, b, kh, kw);
  }

  /**
   * A Linear weight {@code (units, features)} to a Dense kernel {@code (features, units)}; when the
   * features come from flattening an image, Keras row {@code n} is torch column {@code order[n]}.
   */
  static Assembly.Layout dense(int units, int features, int[] order) {
    return torch -> TorchToKeras.dense(torch, features, units, true, order);
  }

  /** A per-feature vector; after a flattened image, Keras feature {@code k} is torch feature {@code order[k]}. */
  static Assembly.Layout vector(int[] order) {
    return order == null ? Assembly.KERAS : torch -> TorchToKeras.reorder(torch, order);
  }

  /**
   * If layer {@code index} reads a vector holding features of a flattened image (through Flatten, or
   * Reshape to one axis, then per-feature layers, and Concatenate with other vectors), the torch index
   * of each Keras feature: Keras flattens {@code (height, width, channels)} in that order, PyTorch's
   * NCHW tensor as {@code (channels, height, width)}; a {@code (steps, channels)} tensor likewise as
   * PyTorch's NCL {@code (channels, steps)}. Null when the order is the same in both. The
   * layers followed are the ones each layer reads ({@code from}), not the ones declared before it.
   */
  static int[] flattenOrder(CheckedModel model, int index) {
    Map<String, int[]> orders = new HashMap<>();
    java.util.Set<String> ncl = new java.util.HashSet<>();
    for (int j = model.spec().firstLayer(); j < index; j++) {
      LayerInfo layer = model.layers().get(j);
      if (layer.output().rank() == 2 && (layer.rule().needsSequence() || perFeature(layer)
          && ncl.contains(layer.source()))) {
        ncl.add(layer.name());
      }
      int[] order = layer.output().rank() == 1 ? order(layer, orders, ncl) : null;
      if (order != null) {
        orders.put(layer.name(), order);
      }
    }
    return orders.get(model.layers().get(index).source());
  }

  /** Layers that keep their input's layout, feature by feature (an NCL tensor stays NCL). */
  private static boolean perFeature(LayerInfo layer) {
    return layer.rule().kind().featureOrder() == FeatureOrder.KEEPS;
  }

  /** The order of vector-valued {@code layer}'s features, from the orders of the vectors it reads. */
  private static int[] order(LayerInfo layer, Map<String, int[]> orders, java.util.Set<String> ncl) {
    TensorShape in = layer.input();
    return switch (layer.rule().kind().featureOrder()) {
      // PyTorch's 1-D layers are NCL: their (steps, channels) output flattens as (channels, steps),
      // the image order of a plane one row high. Other rank-2 tensors (a Reshape's) keep their order.
      case FLATTENS -> in.isImage() ? chwOrder(in)
          : in.rank() == 2 && ncl.contains(layer.source()) ? chwOrder(TensorShape.image(1, in.dim(0), in.dim(1)))
          : in.rank() == 1 ? orders.get(layer.source()) : null;
      case KEEPS -> orders.get(layer.source());
      case CONCATENATES -> concatenated(layer, orders);
      case MERGES -> merged(layer, orders);
      case NEW -> null;
    };
  }

  private static int[] concatenated(LayerInfo layer, Map<String, int[]> orders) {
    int[] joined = new int[layer.output().size()];
    boolean reordered = false;
    int at = 0;
    for (int s = 0; s < layer.sources().size(); s++) {
      int[] part = orders.get(layer.sources().get(s));
      int size = layer.inputs().get(s).size();
      reordered |= part != null;
      for (int k = 0; k < size; k++) {
        joined[at + k] = at + (part == null ? k : part[k]);
      }
      at += size;
    }
    return reordered ? joined : null;
  }

  /**
   * An element-wise merge keeps its inputs' order when they share one; vectors in different orders
   * make a PyTorch model that computes something else, which no reordering can match.
   */
  private static int[] merged(LayerInfo layer, Map<String, int[]> orders) {
    int[] first = orders.get(layer.source());
    for (String source : layer.sources()) {
      if (!Arrays.equals(first, orders.get(source))) {
        return null;
      }
    }
    return first;
  }

  /** For each (h, w, c) position in HWC order, its index in CHW order. */
  static int[] chwOrder(TensorShape image) {
    return TorchToKeras.chwOrder(image.height(), image.width(), image.channels());
  }
}
