package dev.kiln.bench;

import dev.kiln.dsl.Activations;
import dev.kiln.dsl.Padding;
import dev.kiln.shape.ActivationFunction;
import dev.kiln.shape.ActivationRule;
import dev.kiln.shape.BatchNormalizationRule;
import dev.kiln.shape.CheckedModel;
import dev.kiln.shape.Conv2DRule;
import dev.kiln.shape.ConvWindow;
import dev.kiln.shape.DenseRule;
import dev.kiln.shape.DepthwiseConv2DRule;
import dev.kiln.shape.GlobalPooling2DRule;
import dev.kiln.shape.LayerKind;
import dev.kiln.shape.LayerRule;
import dev.kiln.shape.MergeRule;
import dev.kiln.shape.ModelSpec;
import dev.kiln.shape.Pooling2DRule;
import dev.kiln.shape.ShapeChecker;
import dev.kiln.shape.ZeroPadding2DRule;
import java.util.ArrayList;
import java.util.List;

/**
 * MobileNetV2, ResNet50 and InceptionV3 exactly as Keras 3 Applications builds them with
 * {@code include_top=True} ({@code keras/src/applications/mobilenet_v2.py}, {@code resnet.py},
 * {@code inception_v3.py}), with Keras's layer names, so that the parameter counts are keras.io's
 * and {@code scripts/export_onnx.py} can build the same networks in PyTorch:
 *
 * <ul>
 *   <li>MobileNetV2 (alpha 1, 224x224x3): convolutions without bias, each followed by
 *       BatchNormalization(epsilon 1e-3) and ReLU(6) except the projections; {@code correct_pad}'s
 *       ZeroPadding2D ((0, 1), (0, 1)) before each stride-2 depthwise convolution (VALID);
 *       the Add where a block keeps its shape;
 *   <li>ResNet50 (224x224x3): convolutions with bias, BatchNormalization(epsilon 1.001e-5);
 *       ZeroPadding2D(3) + 7x7/2 VALID, ZeroPadding2D(1) + MaxPool 3x3/2; the stride of each stage's
 *       first block on its 1x1 convolutions;
 *   <li>InceptionV3 (299x299x3): {@code conv2d_bn} = Conv2D without bias, BatchNormalization without
 *       scale (epsilon 1e-3), ReLU; average pooling 3x3/1 SAME (TF divides by the real cells).
 * </ul>
 */
final class Applications {
  private Applications() {}

  static final List<String> NAMES = List.of("mobilenetv2", "resnet50", "inceptionv3");

  static CheckedModel model(String name) {
    Graph g = switch (name) {
      case "mobilenetv2" -> mobileNetV2();
      case "resnet50" -> resNet50();
      case "inceptionv3" -> inceptionV3();
      default -> throw new IllegalArgumentException("unknown network " + name);
    };
    CheckedModel model = ShapeChecker.check(new ModelSpec(name, List.of(new ModelSpec.InputSpec("input", g.input)),
        g.layers, List.of(g.last)));
    if (model.hasErrors()) {
      throw new IllegalStateException(name + ": " + model.problems());
    }
    return model;
  }

  /** Layers in declaration order, each reading the named fields. */
  private static final class Graph {
    final int[] input;
    final List<ModelSpec.LayerSpec> layers = new ArrayList<>();
    String last = "input";

    Graph(int... input) {
      this.input = input;
    }

    String add(String name, LayerRule rule, String... from) {
      layers.add(new ModelSpec.LayerSpec(name, rule, List.of(from), "", null));
      last = name;
      return name;
    }
  }

  private static Conv2DRule conv(int filters, int kh, int kw, int stride, Padding padding, boolean bias) {
    return new Conv2DRule(filters, new ConvWindow(new int[] {kh, kw}, new int[] {stride}, padding, new int[] {1}),
        ActivationFunction.LINEAR, bias);
  }

  private static ActivationRule relu() {
    return ActivationRule.of(Activations.RELU);
  }

  private static ActivationRule relu6() {
    return new ActivationRule(LayerKind.RELU, new ActivationFunction(Activations.RELU, 0, 6, 0));
  }

  private static DenseRule predictions() {
    return new DenseRule(1000, ActivationFunction.of(Activations.SOFTMAX), true);
  }

  private static GlobalPooling2DRule globalAverage() {
    return new GlobalPooling2DRule(LayerKind.GLOBAL_AVERAGE_POOLING_2D, false);
  }

  private static Graph mobileNetV2() {
    Graph g = new Graph(224, 224, 3);
    BatchNormalizationRule bn = new BatchNormalizationRule(1e-3, 0.999, true, true);
    String x = g.add("Conv1", conv(32, 3, 3, 2, Padding.SAME, false), "input");
    x = g.add("bn_Conv1", bn, x);
    x = g.add("Conv1_relu", relu6(), x);
    int channels = 32;
    // (filters, stride, expansion) of blocks 0..16
    int[][] blocks = {{16, 1, 1}, {24, 2, 6}, {24, 1, 6}, {32, 2, 6}, {32, 1, 6}, {32, 1, 6}, {64, 2, 6},
        {64, 1, 6}, {64, 1, 6}, {64, 1, 6}, {96, 1, 6}, {96, 1, 6}, {96, 1, 6}, {160, 2, 6}, {160, 1, 6},
        {160, 1, 6}, {320, 1, 6}};
    for (int id = 0; id < blocks.length; id++) {
      int filters = blocks[id][0];
      int stride = blocks[id][1];
      String in = x;
      String prefix = id == 0 ? "expanded_conv_" : "block_" + id + "_";
      if (id > 0) {
        x = g.add(prefix + "expand", conv(blocks[id][2] * channels, 1, 1, 1, Padding.SAME, false), x);
        x = g.add(prefix + "expand_BN", bn, x);
        x = g.add(prefix + "expand_relu", relu6(), x);
      }
      if (stride == 2) {
        // correct_pad for an even input and a 3x3 kernel: ((0, 1), (0, 1))
        x = g.add(prefix + "pad", new ZeroPadding2DRule(new int[] {0, 1, 0, 1}), x);
      }
      x = g.add(prefix + "depthwise", new DepthwiseConv2DRule(new ConvWindow(new int[] {3}, new int[] {stride},
          stride == 1 ? Padding.SAME : Padding.VALID, new int[] {1}), 1, ActivationFunction.LINEAR, false), x);
      x = g.add(prefix + "depthwise_BN", bn, x);
      x = g.add(prefix + "depthwise_relu", relu6(), x);
      x = g.add(prefix + "project", conv(filters, 1, 1, 1, Padding.SAME, false), x);
      x = g.add(prefix + "project_BN", bn, x);
      if (channels == filters && stride == 1) {
        x = g.add(prefix + "add", MergeRule.of(LayerKind.ADD), in, x);
      }
      channels = filters;
    }
    x = g.add("Conv_1", conv(1280, 1, 1, 1, Padding.VALID, false), x);
    x = g.add("Conv_1_bn", bn, x);
    x = g.add("out_relu", relu6(), x);
    x = g.add("global_average_pooling2d", globalAverage(), x);
    g.add("predictions", predictions(), x);
    return g;
  }

  private static Graph resNet50() {
    Graph g = new Graph(224, 224, 3);
    String x = g.add("conv1_pad", new ZeroPadding2DRule(new int[] {3}), "input");
    x = g.add("conv1_conv", conv(64, 7, 7, 2, Padding.VALID, true), x);
    x = g.add("conv1_bn", resNetBn(), x);
    x = g.add("conv1_relu", relu(), x);
    x = g.add("pool1_pad", new ZeroPadding2DRule(new int[] {1}), x);
    x = g.add("pool1_pool", Pooling2DRule.max(new int[] {3}, new int[] {2}, Padding.VALID), x);
    int[][] stages = {{64, 3, 1}, {128, 4, 2}, {256, 6, 2}, {512, 3, 2}};
    for (int s = 0; s < stages.length; s++) {
      for (int b = 1; b <= stages[s][1]; b++) {
        x = residualBlock(g, x, stages[s][0], b == 1 ? stages[s][2] : 1, b == 1, "conv" + (s + 2) + "_block" + b);
      }
    }
    x = g.add("avg_pool", globalAverage(), x);
    g.add("predictions", predictions(), x);
    return g;
  }

  private static BatchNormalizationRule resNetBn() {
    return new BatchNormalizationRule(1.001e-5, 0.99, true, true);
  }

  /** Keras {@code residual_block_v1}. */
  private static String residualBlock(Graph g, String x, int filters, int stride, boolean convShortcut, String name) {
    String shortcut = x;
    if (convShortcut) {
      shortcut = g.add(name + "_0_conv", conv(4 * filters, 1, 1, stride, Padding.VALID, true), x);
      shortcut = g.add(name + "_0_bn", resNetBn(), shortcut);
    }
    String y = g.add(name + "_1_conv", conv(filters, 1, 1, stride, Padding.VALID, true), x);
    y = g.add(name + "_1_bn", resNetBn(), y);
    y = g.add(name + "_1_relu", relu(), y);
    y = g.add(name + "_2_conv", conv(filters, 3, 3, 1, Padding.SAME, true), y);
    y = g.add(name + "_2_bn", resNetBn(), y);
    y = g.add(name + "_2_relu", relu(), y);
    y = g.add(name + "_3_conv", conv(4 * filters, 1, 1, 1, Padding.VALID, true), y);
    y = g.add(name + "_3_bn", resNetBn(), y);
    y = g.add(name + "_add", MergeRule.of(LayerKind.ADD), shortcut, y);
    return g.add(name + "_out", relu(), y);
  }

  private static Graph inceptionV3() {
    InceptionBuilder b = new InceptionBuilder(new Graph(299, 299, 3));
    String x = b.conv("input", 32, 3, 3, 2, Padding.VALID);
    x = b.conv(x, 32, 3, 3, 1, Padding.VALID);
    x = b.conv(x, 64, 3, 3, 1, Padding.SAME);
    x = b.maxPool(x);
    x = b.conv(x, 80, 1, 1, 1, Padding.VALID);
    x = b.conv(x, 192, 3, 3, 1, Padding.VALID);
    x = b.maxPool(x);
    for (int i = 0; i < 3; i++) { // mixed 0, 1, 2: 35 x 35
      String b1 = b.conv(x, 64, 1, 1);
      String b5 = b.conv(b.conv(x, 48, 1, 1), 64, 5, 5);
      String b3 = b.conv(b.conv(b.conv(x, 64, 1, 1), 96, 3, 3), 96, 3, 3);
      String bp = b.conv(b.averagePool(x), i == 0 ? 32 : 64, 1, 1);
      x = b.concat("mixed" + i, b1, b5, b3, bp);
    }
    String b3 = b.conv(x, 384, 3, 3, 2, Padding.VALID); // mixed 3: 17 x 17
    String bd = b.conv(b.conv(b.conv(x, 64, 1, 1), 96, 3, 3), 96, 3, 3, 2, Padding.VALID);
    x = b.concat("mixed3", b3, bd, b.maxPool(x));
    for (int i = 0; i < 4; i++) { // mixed 4 .. 7
      int c = i == 0 ? 128 : i == 3 ? 192 : 160;
      String b1 = b.conv(x, 192, 1, 1);
      String b7 = b.conv(b.conv(b.conv(x, c, 1, 1), c, 1, 7), 192, 7, 1);
      String d = b.conv(b.conv(b.conv(x, c, 1, 1), c, 7, 1), c, 1, 7);
      d = b.conv(b.conv(d, c, 7, 1), 192, 1, 7);
      String bp = b.conv(b.averagePool(x), 192, 1, 1);
      x = b.concat("mixed" + (4 + i), b1, b7, d, bp);
    }
    String m3 = b.conv(b.conv(x, 192, 1, 1), 320, 3, 3, 2, Padding.VALID); // mixed 8: 8 x 8
    String m7 = b.conv(b.conv(b.conv(x, 192, 1, 1), 192, 1, 7), 192, 7, 1);
    m7 = b.conv(m7, 192, 3, 3, 2, Padding.VALID);
    x = b.concat("mixed8", m3, m7, b.maxPool(x));
    for (int i = 0; i < 2; i++) { // mixed 9, 10
      String b1 = b.conv(x, 320, 1, 1);
      String t = b.conv(x, 384, 1, 1);
      String b3x3 = b.concat("mixed9_" + i, b.conv(t, 384, 1, 3), b.conv(t, 384, 3, 1));
      String d = b.conv(b.conv(x, 448, 1, 1), 384, 3, 3);
      String dbl = b.concat("concatenate_" + i, b.conv(d, 384, 1, 3), b.conv(d, 384, 3, 1));
      String bp = b.conv(b.averagePool(x), 192, 1, 1);
      x = b.concat("mixed" + (9 + i), b1, b3x3, dbl, bp);
    }
    Graph g = b.graph;
    x = g.add("avg_pool", globalAverage(), x);
    g.add("predictions", predictions(), x);
    return g;
  }

  /** Keras's {@code conv2d_bn} and the pooling layers, numbered as Keras numbers them. */
  private static final class InceptionBuilder {
    final Graph graph;
    int convs;
    int pools;

    InceptionBuilder(Graph graph) {
      this.graph = graph;
    }

    String conv(String x, int filters, int kh, int kw) {
      return conv(x, filters, kh, kw, 1, Padding.SAME);
    }

    String conv(String x, int filters, int kh, int kw, int stride, Padding padding) {
      String suffix = convs == 0 ? "" : "_" + convs;
      convs++;
      String y = graph.add("conv2d" + suffix, Applications.conv(filters, kh, kw, stride, padding, false), x);
      y = graph.add("batch_normalization" + suffix, new BatchNormalizationRule(1e-3, 0.99, true, false), y);
      return graph.add("activation" + suffix, relu(), y);
    }

    String maxPool(String x) {
      return graph.add("max_pooling2d_" + pools++, Pooling2DRule.max(new int[] {3}, new int[] {2}, Padding.VALID), x);
    }

    String averagePool(String x) {
      return graph.add("average_pooling2d_" + pools++, Pooling2DRule.average(new int[] {3}, new int[] {1},
          Padding.SAME), x);
    }

    String concat(String name, String... from) {
      return graph.add(name, MergeRule.of(LayerKind.CONCATENATE), from);
    }
  }
}
