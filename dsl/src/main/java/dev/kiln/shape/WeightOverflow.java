package dev.kiln.shape;

/**
 * Words a weight tensor that a Java array cannot hold: which attribute made it grow (the kernel's
 * window, or its filters, units or depth multiplier), and the largest value of that attribute that
 * fits with the others unchanged.
 */
final class WeightOverflow {
  private WeightOverflow() {}

  /** The attribute to point at and the fix, e.g. {@code {"filters", "Use at most 1,024 filters ..."}}. */
  static String[] describe(LayerRule rule, WeightSpec weight) {
    int[] dims = weight.dims();
    ConvWindow window = window(rule);
    if (window != null && dims.length == 4 && !weight.name().equals("pointwise_kernel")) {
      long spatial = Counts.product(dims[0], dims[1]);
      long others = Counts.product(dims[2], dims[3]);
      String channelAttribute = rule instanceof DepthwiseConv2DRule || weight.name().equals("depthwise_kernel")
          ? "depthMultiplier" : "filters";
      if (spatial >= others) {
        long most = (long) Math.floor(Math.sqrt((double) Integer.MAX_VALUE / Math.max(1, others)));
        return new String[] {"kernelSize", most >= 1
            ? "Use a kernelSize of at most " + most + " with these channels."
            : "Even a 1x1 kernel is too large for these channels: use fewer."};
      }
      return new String[] {channelAttribute, most(channelAttribute, spatial,
          channelAttribute.equals("filters") ? dims[rule instanceof Conv2DTransposeRule ? 3 : 2] : dims[2])};
    }
    if (rule instanceof DenseRule) {
      return new String[] {"units", most("units", 1, dims[0])};
    }
    return new String[] {rule instanceof SeparableConv2DRule ? "filters" : null,
        "Use fewer filters or units, or a smaller input."};
  }

  private static String most(String attribute, long spatial, long channels) {
    long most = Integer.MAX_VALUE / Math.max(1, Counts.product(spatial, channels));
    return most >= 1 ? "Use at most " + Summary.grouped(most) + " " + attribute + "." : "Use a smaller input.";
  }

  private static ConvWindow window(LayerRule rule) {
    if (rule instanceof Conv2DRule c) {
      return c.window();
    } else if (rule instanceof DepthwiseConv2DRule d) {
      return d.window();
    } else if (rule instanceof SeparableConv2DRule s) {
      return s.window();
    } else if (rule instanceof Conv2DTransposeRule t) {
      return t.window();
    }
    return null;
  }
}
