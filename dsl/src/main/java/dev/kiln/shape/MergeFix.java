package dev.kiln.shape;

import java.util.ArrayList;
import java.util.List;

/**
 * The fix for merge inputs that disagree: crop the larger ones to the smallest height and width
 * (centred, the odd row at the bottom/right, as the U-Net does), or project mismatched channels with
 * a 1x1 convolution (as a ResNet shortcut does). The checker adds an input size that avoids it.
 */
final class MergeFix {
  private MergeFix() {}

  /** @param axis the concatenation axis without the batch, or -1 for element-wise merges */
  static String describe(List<LayerInput> inputs, int axis) {
    if (inputs.stream().anyMatch(in -> !in.shape().isImage())) {
      return "Reshape them to agree.";
    }
    int height = Integer.MAX_VALUE;
    int width = Integer.MAX_VALUE;
    for (LayerInput in : inputs) {
      height = Math.min(height, in.shape().height());
      width = Math.min(width, in.shape().width());
    }
    List<String> fixes = new ArrayList<>();
    int channels = inputs.get(0).shape().channels();
    for (LayerInput in : inputs) {
      int h = in.shape().height();
      int w = in.shape().width();
      int dh = axis == 0 ? 0 : h - height;
      int dw = axis == 1 ? 0 : w - width;
      boolean otherChannels = axis != 2 && in.shape().channels() != channels && in.shape().channels() != 1;
      int factor = h / height;
      if (dh > 0 && dw > 0 && factor > 1 && h == factor * height && w == factor * width) {
        int target = axis == 2 ? in.shape().channels() : channels;
        fixes.add("project " + MergeRule.name(in) + " to " + height + "x" + width + "x" + target
            + " with a strided 1x1 convolution (`@Conv2D(filters = " + target + ", kernelSize = 1, strides = "
            + factor + ", from = \"" + in.field() + "\")`), as a ResNet shortcut does");
        continue;
      }
      if (dh > 0 || dw > 0) {
        Edges crop = new Edges(dh / 2, dh - dh / 2, dw / 2, dw - dw / 2);
        fixes.add("crop " + MergeRule.name(in) + " by " + count(dh, "row") + " and " + count(dw, "column")
            + " (`@Cropping2D(cropping = " + crop.toJava() + ", from = \"" + in.field() + "\")`)");
      }
      if (otherChannels && channels != 1) {
        fixes.add("project " + MergeRule.name(in) + " to " + channels + " channels with a 1x1 convolution "
            + "(`@Conv2D(filters = " + channels + ", kernelSize = 1, from = \"" + in.field() + "\")`)");
      }
    }
    return fixes.isEmpty() ? "Make their sizes agree." : capitalise(String.join("; ", fixes)) + ".";
  }

  private static String count(int n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }

  private static String capitalise(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
