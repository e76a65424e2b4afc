package dev.kiln.importer.onnx;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** MaxPool, AveragePool, the global pools and Pad (constant zeros). */
final class PoolOps {
  private PoolOps() {}

  static void maxPool(Translation t, Node node) throws Refused {
    pool(t, node, true);
  }

  static void averagePool(Translation t, Node node) throws Refused {
    pool(t, node, false);
  }

  private static void pool(Translation t, Node node, boolean max) throws Refused {
    Act in = t.act(node.input(0));
    if (!in.isImage()) {
      throw new Refused("input " + in.shape() + " is not an image (N, C, H, W)");
    }
    if (node.proto.getOutputCount() > 1 && !node.proto.getOutput(1).isEmpty()) {
      throw new Refused("the Indices output is used; Kiln's pooling returns values only");
    }
    long[] kernel = node.ints("kernel_shape", 2, null);
    if (kernel == null) {
      throw new Refused("no kernel_shape");
    }
    Windows.Geometry g = Windows.geometry(node, kernel, in);
    if (g.dilations()[0] != 1 || g.dilations()[1] != 1) {
      throw new Refused("dilations " + Arrays.toString(g.dilations()) + "; Kiln's pooling has no dilation");
    }
    Windows.Fill fill = Windows.Fill.MAX;
    if (!max) {
      boolean countPads = node.i("count_include_pad", 0) != 0;
      fill = countPads ? Windows.Fill.ZEROS : Windows.Fill.EXCLUDED;
      if (countPads && g.ceil()) {
        for (int a = 0; a < 2; a++) {
          long size = a == 0 ? in.height() : in.width();
          long out = Pads.output(size, kernel[a], g.strides()[a], 1, g.pads()[a], g.pads()[a + 2], true);
          long covered = (out - 1) * g.strides()[a] + kernel[a];
          if (covered > size + g.pads()[a] + g.pads()[a + 2]) {
            throw new Refused("ceil_mode adds a window past the pads, whose average ONNX takes over the rows inside "
                + "the padded input only, while Kiln's ZeroPadding2D would count the extra rows too");
          }
        }
      }
    }
    Windows.Placed placed = Windows.place(t, in, g, fill);
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("poolSize", Windows.pair(kernel));
    attributes.put("strides", Windows.pair(g.strides()));
    attributes.put("padding", placed.padding());
    String field = t.emit("", max ? "MaxPooling2D" : "AveragePooling2D", attributes, List.of(placed.from()));
    t.define(node.output(), new Act(field, Act.image(in.dims()[0], in.channels(), placed.height(), placed.width()),
        in.nonNegative(), null));
  }

  static void globalAveragePool(Translation t, Node node) throws Refused {
    global(t, node, "GlobalAveragePooling2D");
  }

  static void globalMaxPool(Translation t, Node node) throws Refused {
    global(t, node, "GlobalMaxPooling2D");
  }

  private static void global(Translation t, Node node, String annotation) throws Refused {
    Act in = t.act(node.input(0));
    if (!in.isImage()) {
      throw new Refused("input " + in.shape() + " is not an image (N, C, H, W)");
    }
    // ONNX keeps the spatial axes as 1x1, and so does keepdims
    String field = t.emit("", annotation, Map.of("keepdims", true), List.of(in.field()));
    t.define(node.output(), new Act(field, Act.image(in.dims()[0], in.channels(), 1, 1), in.nonNegative(), null));
  }

  /** Pad with constant zeros on the height and width axes: ZeroPadding2D. */
  static void pad(Translation t, Node node) throws Refused {
    Act in = t.act(node.input(0));
    String mode = node.s("mode", "constant");
    if (!mode.equals("constant")) {
      throw new Refused("mode `" + mode + "`; Kiln pads with zeros only (ZeroPadding2D)");
    }
    long[] pads;
    double value = 0;
    if (node.opset < 11) {
      pads = node.ints("pads", 8, null);
      value = node.f("value", 0f);
    } else {
      pads = t.constant(node.input(1)).ints();
      if (!node.input(2).isEmpty()) {
        value = t.constant(node.input(2)).scalar();
      }
      if (!node.input(3).isEmpty()) {
        throw new Refused("the axes input is given; Kiln translates Pad over all axes");
      }
    }
    if (value != 0) {
      throw new Refused("pads with " + value + "; Kiln's ZeroPadding2D pads with zeros");
    }
    if (!in.isImage() || pads == null || pads.length != 8) {
      throw new Refused("pads " + Arrays.toString(pads) + " on " + in.shape() + "; Kiln pads the height and width of images");
    }
    // ONNX order: all begins (N, C, H, W), then all ends
    if (pads[0] != 0 || pads[1] != 0 || pads[4] != 0 || pads[5] != 0) {
      throw new Refused("pads the batch or channel axis " + Arrays.toString(pads));
    }
    int top = Node.small(pads[2], 0, "pads");
    int left = Node.small(pads[3], 0, "pads");
    int bottom = Node.small(pads[6], 0, "pads");
    int right = Node.small(pads[7], 0, "pads");
    String field = t.emit("", "ZeroPadding2D", Map.of("padding", new int[] {top, bottom, left, right}), List.of(in.field()));
    t.define(node.output(), new Act(field, Act.image(in.dims()[0], in.channels(), in.height() + top + bottom,
        in.width() + left + right), in.nonNegative(), null));
  }
}
