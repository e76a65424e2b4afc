package dev.kiln.shape;

import dev.kiln.dsl.Activations;
import dev.kiln.dsl.Padding;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras Applications built layer by layer as {@code keras/src/applications/*.py} builds them, with
 * Keras's layer names, for the tests that need whole published architectures (parameter totals,
 * frozen layers, truncation warnings). Each method appends layers and returns the name of the last.
 */
final class Applications {
  private final List<ModelSpec.LayerSpec> layers = new ArrayList<>();
  private final String input;
  private final int[] inputShape;

  Applications(String input, int... inputShape) {
    this.input = input;
    this.inputShape = inputShape;
  }

  ModelSpec spec(String name) {
    return new ModelSpec(name, List.of(new ModelSpec.InputSpec(input, inputShape)), layers, List.of());
  }

  List<ModelSpec.LayerSpec> layers() {
    return layers;
  }

  /** Freezes the first {@code count} layers (Keras's {@code for layer in model.layers[:count + 1]}, input excluded). */
  void freezeFirst(int count) {
    for (int i = 0; i < count; i++) {
      ModelSpec.LayerSpec l = layers.get(i);
      layers.set(i, new ModelSpec.LayerSpec(l.name(), l.rule(), l.from(), l.sameShapeAs(), l.declared(), false));
    }
  }

  String add(String name, LayerRule rule, String... from) {
    layers.add(new ModelSpec.LayerSpec(name, rule, List.of(from), "", null));
    return name;
  }

  static ConvWindow window(int kernel, int stride, Padding padding) {
    return new ConvWindow(new int[] {kernel}, new int[] {stride}, padding, new int[] {1});
  }

  String conv(String name, String from, int filters, int kernel, int stride, Padding padding, boolean bias,
      Activations activation) {
    return add(name, new Conv2DRule(filters, window(kernel, stride, padding), ActivationFunction.of(activation),
        bias), from);
  }

  String bn(String name, String from, double epsilon) {
    return add(name, new BatchNormalizationRule(epsilon, 0.99, true, true), from);
  }

  String relu6(String name, String from) {
    return add(name, new ActivationRule(LayerKind.RELU, new ActivationFunction(Activations.RELU, 0, 6, 0)), from);
  }

  String act(String name, String from, Activations fn) {
    return add(name, ActivationRule.of(fn), from);
  }

  String pad(String name, String from, int... padding) {
    return add(name, new ZeroPadding2DRule(padding), from);
  }

  String merge(String name, LayerKind kind, String... from) {
    return add(name, MergeRule.of(kind), from);
  }

  /** {@code keras.applications.MobileNetV2(alpha=1.0)} on 224x224x3 ({@code mobilenet_v2.py}). */
  static Applications mobileNetV2(boolean includeTop) {
    Applications a = new Applications("input_1", 224, 224, 3);
    String x = a.conv("Conv1", "input_1", 32, 3, 2, Padding.SAME, false, Activations.LINEAR);
    x = a.relu6("Conv1_relu", a.bn("bn_Conv1", x, 1e-3));
    int[][] blocks = {{16, 1, 1}, {24, 2, 6}, {24, 1, 6}, {32, 2, 6}, {32, 1, 6}, {32, 1, 6}, {64, 2, 6}, {64, 1, 6},
        {64, 1, 6}, {64, 1, 6}, {96, 1, 6}, {96, 1, 6}, {96, 1, 6}, {160, 2, 6}, {160, 1, 6}, {160, 1, 6},
        {320, 1, 6}};
    int channels = 32;
    for (int id = 0; id < blocks.length; id++) {
      int filters = blocks[id][0];
      int stride = blocks[id][1];
      String in = x;
      String p = id == 0 ? "expanded_conv_" : "block_" + id + "_";
      int width = channels;
      if (id > 0) {
        width = channels * blocks[id][2];
        x = a.conv(p + "expand", x, width, 1, 1, Padding.SAME, false, Activations.LINEAR);
        x = a.relu6(p + "expand_relu", a.bn(p + "expand_BN", x, 1e-3));
      }
      if (stride == 2) {
        x = a.pad(p + "pad", x, 0, 1, 0, 1); // imagenet_utils.correct_pad on an even size
      }
      x = a.add(p + "depthwise", new DepthwiseConv2DRule(window(3, stride, stride == 1 ? Padding.SAME : Padding.VALID),
          1, ActivationFunction.LINEAR, false), x);
      x = a.relu6(p + "depthwise_relu", a.bn(p + "depthwise_BN", x, 1e-3));
      x = a.conv(p + "project", x, filters, 1, 1, Padding.SAME, false, Activations.LINEAR);
      x = a.bn(p + "project_BN", x, 1e-3);
      if (channels == filters && stride == 1) {
        x = a.merge(p + "add", LayerKind.ADD, in, x);
      }
      channels = filters;
    }
    x = a.conv("Conv_1", x, 1280, 1, 1, Padding.VALID, false, Activations.LINEAR);
    x = a.relu6("out_relu", a.bn("Conv_1_bn", x, 1e-3));
    if (includeTop) {
      x = a.add("global_average_pooling2d", new GlobalPooling2DRule(LayerKind.GLOBAL_AVERAGE_POOLING_2D, false), x);
      a.add("predictions", new DenseRule(1000, ActivationFunction.of(Activations.SOFTMAX), true), x);
    }
    return a;
  }

  /** {@code keras.applications.VGG16()} ({@code {2, 2, 3, 3, 3}}) or VGG19 ({@code {2, 2, 4, 4, 4}}), {@code vgg16.py}. */
  static Applications vgg(int... convsPerBlock) {
    Applications a = new Applications("input_1", 224, 224, 3);
    String x = "input_1";
    int[] filters = {64, 128, 256, 512, 512};
    for (int b = 0; b < 5; b++) {
      for (int c = 1; c <= convsPerBlock[b]; c++) {
        x = a.conv("block" + (b + 1) + "_conv" + c, x, filters[b], 3, 1, Padding.SAME, true, Activations.RELU);
      }
      x = a.add("block" + (b + 1) + "_pool", Pooling2DRule.max(new int[] {2}, new int[] {2}, Padding.VALID), x);
    }
    x = a.add("flatten", new FlattenRule(), x);
    x = a.add("fc1", new DenseRule(4096, ActivationFunction.of(Activations.RELU), true), x);
    x = a.add("fc2", new DenseRule(4096, ActivationFunction.of(Activations.RELU), true), x);
    a.add("predictions", new DenseRule(1000, ActivationFunction.of(Activations.SOFTMAX), true), x);
    return a;
  }

  /** {@code keras.applications.ResNet50()} on 224x224x3 ({@code resnet.py}, {@code stack1}/{@code block1}). */
  static Applications resNet50() {
    Applications a = new Applications("input_1", 224, 224, 3);
    String x = a.pad("conv1_pad", "input_1", 3);
    x = a.conv("conv1_conv", x, 64, 7, 2, Padding.VALID, true, Activations.LINEAR);
    x = a.act("conv1_relu", a.bn("conv1_bn", x, 1.001e-5), Activations.RELU);
    x = a.pad("pool1_pad", x, 1);
    x = a.add("pool1_pool", Pooling2DRule.max(new int[] {3}, new int[] {2}, Padding.VALID), x);
    int[][] stacks = {{64, 3, 1}, {128, 4, 2}, {256, 6, 2}, {512, 3, 2}};
    for (int s = 0; s < stacks.length; s++) {
      for (int b = 1; b <= stacks[s][1]; b++) {
        String p = "conv" + (s + 2) + "_block" + b + "_";
        int filters = stacks[s][0];
        int stride = b == 1 ? stacks[s][2] : 1;
        String shortcut = x;
        if (b == 1) {
          shortcut = a.conv(p + "0_conv", x, 4 * filters, 1, stride, Padding.VALID, true, Activations.LINEAR);
          shortcut = a.bn(p + "0_bn", shortcut, 1.001e-5);
        }
        String y = a.conv(p + "1_conv", x, filters, 1, stride, Padding.VALID, true, Activations.LINEAR);
        y = a.act(p + "1_relu", a.bn(p + "1_bn", y, 1.001e-5), Activations.RELU);
        y = a.conv(p + "2_conv", y, filters, 3, 1, Padding.SAME, true, Activations.LINEAR);
        y = a.act(p + "2_relu", a.bn(p + "2_bn", y, 1.001e-5), Activations.RELU);
        y = a.conv(p + "3_conv", y, 4 * filters, 1, 1, Padding.VALID, true, Activations.LINEAR);
        y = a.bn(p + "3_bn", y, 1.001e-5);
        x = a.act(p + "out", a.merge(p + "add", LayerKind.ADD, shortcut, y), Activations.RELU);
      }
    }
    x = a.add("avg_pool", new GlobalPooling2DRule(LayerKind.GLOBAL_AVERAGE_POOLING_2D, false), x);
    a.add("predictions", new DenseRule(1000, ActivationFunction.of(Activations.SOFTMAX), true), x);
    return a;
  }
}
