package dev.kiln.importer.onnx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conv and ConvTranspose. Weights: ONNX Conv {@code (out, in / group, kh, kw)} to Keras
 * {@code (kh, kw, in, out)}; depthwise {@code (channels * multiplier, 1, kh, kw)} to Keras
 * {@code (kh, kw, channels, multiplier)}; ConvTranspose {@code (in, out, kh, kw)} to Keras
 * {@code (kh, kw, out, in)} (docs/SEMANTICS.md §6.4, as {@code dev.kiln.weights.TorchLayouts}).
 */
final class ConvOps {
  private ConvOps() {}

  static void conv(Translation t, Node node) throws Refused {
    Act in = t.act(node.input(0));
    if (!in.isImage()) {
      throw new Refused("input " + in.shape() + " is not an image (N, C, H, W); Kiln convolves 2-D images only");
    }
    Const w = t.constant(node.input(1));
    if (w.dims.length != 4) {
      throw new Refused("weight `" + w.name + "` has rank " + w.dims.length + "; Kiln has 2-D convolutions only");
    }
    int filters = Node.small(w.dims[0], 1, "the weight's output channels");
    int perGroup = Node.small(w.dims[1], 1, "the weight's input channels");
    long[] kernel = node.ints("kernel_shape", 2, new long[] {w.dims[2], w.dims[3]});
    if (kernel[0] != w.dims[2] || kernel[1] != w.dims[3]) {
      throw new Refused("kernel_shape does not match the weight " + w.name);
    }
    long group = node.i("group", 1);
    boolean depthwise = group > 1 && group == in.channels() && perGroup == 1 && filters % group == 0;
    if (!depthwise && (group != 1 || perGroup != in.channels())) {
      throw new Refused("grouped convolution (" + group + " groups on " + in.channels() + " channels, weight "
          + shape(w.dims) + "); Kiln has Conv2D (one group) and DepthwiseConv2D (one group per channel) only");
    }
    Windows.Geometry g = Windows.geometry(node, kernel, in);
    boolean strided = g.strides()[0] > 1 || g.strides()[1] > 1;
    boolean dilated = g.dilations()[0] > 1 || g.dilations()[1] > 1;
    if (strided && dilated) {
      throw new Refused("strides " + shape(g.strides()) + " together with dilations " + shape(g.dilations())
          + "; Keras, and so Kiln, refuses strides > 1 with dilation > 1");
    }
    boolean bias = !node.input(2).isEmpty();
    if (bias) {
      checkBias(t.constant(node.input(2)), filters);
    }
    Windows.Placed placed = Windows.place(t, in, g, Windows.Fill.ZEROS);
    Map<String, Object> attributes = new LinkedHashMap<>();
    if (!depthwise) {
      attributes.put("filters", filters);
    }
    attributes.put("kernelSize", Windows.pair(kernel));
    if (strided) {
      attributes.put("strides", Windows.pair(g.strides()));
    }
    attributes.put("padding", placed.padding());
    if (depthwise && filters != group) {
      attributes.put("depthMultiplier", (int) (filters / group));
    }
    if (dilated) {
      attributes.put("dilationRate", Windows.pair(g.dilations()));
    }
    if (!bias) {
      attributes.put("useBias", false);
    }
    String field = t.emit("", depthwise ? "DepthwiseConv2D" : "Conv2D", attributes, List.of(placed.from()));
    int a = filters;
    int b = perGroup;
    int kh = (int) kernel[0];
    int kw = (int) kernel[1];
    t.bind(field, "kernel", w.name, Layouts.kernel(a, b, kh, kw));
    if (bias) {
      t.bind(field, "bias", node.input(2), Binding.SAME);
    }
    t.define(node.output(), new Act(field, Act.image(in.dims()[0], filters, placed.height(), placed.width()), false, null));
  }

  /**
   * ONNX ConvTranspose: full output {@code (in - 1) * s + dk}, then {@code pads} cut from its start
   * and end and {@code output_padding} added at the end. Kiln: Conv2DTranspose VALID with
   * {@code outputPadding} for the rows added beyond the full output (zeros plus bias, as in ONNX),
   * then a Cropping2D of the pads.
   */
  static void convTranspose(Translation t, Node node) throws Refused {
    Act in = t.act(node.input(0));
    if (!in.isImage()) {
      throw new Refused("input " + in.shape() + " is not an image (N, C, H, W)");
    }
    Const w = t.constant(node.input(1));
    if (w.dims.length != 4 || w.dims[0] != in.channels()) {
      throw new Refused("weight `" + w.name + "` " + shape(w.dims) + " does not fit " + in.channels() + " input channels");
    }
    if (node.i("group", 1) != 1) {
      throw new Refused("grouped transposed convolution; Kiln's Conv2DTranspose has one group");
    }
    if (node.has("output_shape")) {
      throw new Refused("output_shape is given; export with explicit pads and output_padding instead");
    }
    String auto = node.s("auto_pad", "NOTSET");
    if (!auto.equals("NOTSET") && !auto.equals("VALID")) {
      throw new Refused("auto_pad " + auto + "; Kiln translates explicit pads");
    }
    int filters = Node.small(w.dims[1], 1, "the weight's output channels");
    long[] kernel = node.ints("kernel_shape", 2, new long[] {w.dims[2], w.dims[3]});
    long[] strides = node.ints("strides", 2, new long[] {1, 1});
    long[] dilations = node.ints("dilations", 2, new long[] {1, 1});
    long[] pads = auto.equals("VALID") ? new long[4] : node.ints("pads", 4, new long[4]);
    long[] outputPadding = node.ints("output_padding", 2, new long[2]);
    long[] size = {in.height(), in.width()};
    int[] kilnOutputPadding = new int[2];
    int[] crop = new int[4];
    long[] out = new long[2];
    for (int a = 0; a < 2; a++) {
      Node.small(kernel[a], 1, "kernel_shape");
      Node.small(strides[a], 1, "strides");
      Node.small(dilations[a], 1, "dilations");
      long begin = Node.small(pads[a], 0, "pads");
      long end = Node.small(pads[a + 2], 0, "pads");
      long extra = Node.small(outputPadding[a], 0, "output_padding");
      if (extra >= Math.max(strides[a], dilations[a])) {
        throw new Refused("output_padding " + extra + " is not below the stride " + strides[a]);
      }
      long full = (size[a] - 1) * strides[a] + Pads.dilated(kernel[a], dilations[a]);
      out[a] = full - begin - end + extra;
      if (out[a] < 1) {
        throw new Refused("the output would be empty: pads " + shape(pads) + " cut all of " + full + " rows");
      }
      // rows past the full output are zeros plus bias in ONNX, and Kiln's outputPadding adds exactly those
      kilnOutputPadding[a] = (int) Math.max(extra - end, 0);
      crop[2 * a] = (int) begin;
      crop[2 * a + 1] = (int) Math.max(end - extra, 0);
    }
    boolean dilated = dilations[0] > 1 || dilations[1] > 1;
    if (dilated && (strides[0] > 1 || strides[1] > 1)) {
      throw new Refused("strides together with dilations; Keras, and so Kiln, refuses that");
    }
    boolean bias = !node.input(2).isEmpty();
    if (bias) {
      checkBias(t.constant(node.input(2)), filters);
    }
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("filters", filters);
    attributes.put("kernelSize", Windows.pair(kernel));
    if (strides[0] > 1 || strides[1] > 1) {
      attributes.put("strides", Windows.pair(strides));
    }
    attributes.put("outputPadding", kilnOutputPadding[0] == kilnOutputPadding[1]
        ? new int[] {kilnOutputPadding[0]} : kilnOutputPadding);
    if (dilated) {
      attributes.put("dilationRate", Windows.pair(dilations));
    }
    if (!bias) {
      attributes.put("useBias", false);
    }
    boolean cropped = crop[0] + crop[1] + crop[2] + crop[3] > 0;
    String field = t.emit(cropped ? "full" : "", "Conv2DTranspose", attributes, List.of(in.field()));
    t.bind(field, "kernel", w.name, Layouts.kernel(in.channels(), filters, (int) kernel[0], (int) kernel[1]));
    if (bias) {
      t.bind(field, "bias", node.input(2), Binding.SAME);
    }
    String result = cropped ? t.emit("", "Cropping2D", Map.of("cropping", crop), List.of(field)) : field;
    t.define(node.output(), new Act(result, Act.image(in.dims()[0], filters, out[0], out[1]), false, null));
  }

  private static void checkBias(Const bias, int filters) throws Refused {
    if (bias.dims.length != 1 || bias.dims[0] != filters) {
      throw new Refused("bias `" + bias.name + "` " + shape(bias.dims) + " is not one value per output channel (" + filters + ")");
    }
  }

  static String shape(long[] dims) {
    return java.util.Arrays.toString(dims).replace('[', '(').replace(']', ')');
  }
}
